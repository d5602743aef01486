package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

func compileReportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	onDisk, err := os.ReadFile(filepath.Join("schema", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, JSONSchema) {
		t.Fatal("JSONSchema differs from schema/report.schema.json")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	if err != nil {
		t.Fatalf("schema/report.schema.json: %v", err)
	}
	c := jsonschema.NewCompiler()
	const url = "report.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compiling schema/report.schema.json: %v", err)
	}
	return sch
}

func validateReport(t *testing.T, sch *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the JSON report does not parse: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the JSON report does not match schema/report.schema.json:\n%v\n\nreport:\n%s", err, out)
	}
}

// fixtureSource is one fixture tenant (or broken export) as tenant.Load
// takes it.
type fixtureSource struct {
	name, path string
	opts       tenant.LoadOptions
}

// fixtureSources lists the fixtures under dir: a YAML export by its
// tenant.yaml, and again with the keyword mappings of the config.json
// beside it when there is one.
func fixtureSources(t *testing.T, dir string) []fixtureSource {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []fixtureSource
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		yaml := filepath.Join(path, "tenant.yaml")
		if !fileExists(yaml) {
			out = append(out, fixtureSource{name: path, path: path})
			continue
		}
		out = append(out, fixtureSource{name: yaml, path: yaml})
		if config := filepath.Join(path, "config.json"); fileExists(config) {
			mappings, err := tenant.LoadKeywordMappings(config)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fixtureSource{name: yaml + " with mappings", path: yaml,
				opts: tenant.LoadOptions{Deploy: tenant.DeployOptions{Mappings: mappings}}})
		}
	}
	if len(out) == 0 {
		t.Fatalf("no fixtures under %s", dir)
	}
	return out
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// pipelineReport runs the real pipeline on one source, as check does:
// load, analyse with detail, plan, report. It returns the error of a
// source that cannot be read at all (which the command reports as an
// input error, with no report).
func pipelineReport(path string, opts tenant.LoadOptions) (*Report, error) {
	inv, err := tenant.Load([]string{path}, opts)
	if err != nil {
		return nil, err
	}
	hooks := migrate.Analyze(inv.Hooks, true)
	return Build(Input{Tool: testTool, Inventory: inv, Hooks: hooks, Plan: migrate.Build(hooks, migrate.Options{})}), nil
}

// Every JSON report the tests make matches the published schema: the
// golden reports, the golden files themselves, and the whole pipeline on
// every fixture tenant and broken export.
func TestJSONSchemaValidatesReports(t *testing.T) {
	sch := compileReportSchema(t)
	golden, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.json"))
	if err != nil || len(golden) == 0 {
		t.Fatalf("no golden JSON reports: %v", err)
	}
	for _, path := range golden {
		t.Run(filepath.Base(path), func(t *testing.T) {
			out, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			validateReport(t, sch, out)
		})
	}
	for name, report := range map[string]func(*testing.T) *Report{
		"sample": sampleReport, "tenant": tenantReport, "findings": func(*testing.T) *Report { return findingsReport() },
	} {
		t.Run(name, func(t *testing.T) { validateReport(t, sch, render(t, "json", false, report(t))) })
	}
	for _, dir := range []string{"tenant", "broken"} {
		reports := 0
		for _, src := range fixtureSources(t, filepath.Join("..", "testdata", dir)) {
			r, err := pipelineReport(src.path, src.opts)
			if err != nil {
				if dir == "tenant" {
					t.Errorf("%s: %v", src.name, err)
				}
				continue // a broken source may be unreadable as a whole
			}
			reports++
			t.Run(src.name, func(t *testing.T) {
				if len(r.Hooks)+len(r.Findings) == 0 {
					t.Fatalf("%s gave an empty report: the check checked nothing", src.name)
				}
				validateReport(t, sch, render(t, "json", false, r))
			})
		}
		if reports == 0 {
			t.Errorf("no fixture under testdata/%s gave a report", dir)
		}
	}
}

// The schema is not vacuous: each of these breaks of the contract is caught.
func TestJSONSchemaRejects(t *testing.T) {
	sch := compileReportSchema(t)
	valid := render(t, "json", false, findingsReport())
	validateReport(t, sch, valid)
	// Suppressed findings as they should be.
	for _, s := range []struct{ by, reason string }{{"inline", "a reason"}, {"baseline", ""}} {
		var doc map[string]any
		if err := json.Unmarshal(valid, &doc); err != nil {
			t.Fatal(err)
		}
		suppress(doc, s.by, s.reason)
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		validateReport(t, sch, out)
	}
	tests := []struct {
		name   string
		mutate func(doc map[string]any)
	}{
		{"another schema version", func(d map[string]any) { d["schema_version"] = 2 }},
		{"an unknown top-level field", func(d map[string]any) { d["secret_values"] = map[string]any{"K": "v"} }},
		{"findings null", func(d map[string]any) { d["findings"] = nil }},
		{"no tool", func(d map[string]any) { delete(d, "tool") }},
		{"an unknown hook field", func(d map[string]any) { hook(d, 0)["script"] = "x" }},
		{"a secret value beside the keys", func(d map[string]any) { hook(d, 0)["secrets"].(map[string]any)["values"] = []any{"v"} }},
		{"an unknown source", func(d map[string]any) { hook(d, 0)["source"] = "ftp" }},
		{"an unknown trigger", func(d map[string]any) { hook(d, 0)["trigger_id"] = "post-login" }},
		{"a trigger unknown but given", func(d map[string]any) { hook(d, 0)["trigger_id"] = "send-phone-message" }},
		{"an unknown usage kind", func(d map[string]any) {
			hook(d, 0)["usages"].([]any)[0].(map[string]any)["kind"] = "guess"
		}},
		{"low confidence false", func(d map[string]any) {
			hook(d, 0)["usages"].([]any)[0].(map[string]any)["low_confidence"] = false
		}},
		{"a named destructured context", func(d map[string]any) {
			hook(d, 0)["context"].(map[string]any)["destructured"] = true
		}},
		{"usages null", func(d map[string]any) { hook(d, 0)["usages"] = nil }},
		{"a rule id not in kebab-case", func(d map[string]any) { finding0(d)["rule"] = "Parse_Error" }},
		{"an unknown severity", func(d map[string]any) { finding0(d)["severity"] = "fatal" }},
		{"a negative line", func(d map[string]any) { finding0(d)["location"].(map[string]any)["line"] = -1 }},
		{"a fractional column", func(d map[string]any) { finding0(d)["location"].(map[string]any)["column"] = 1.5 }},
		{"an empty secret", func(d map[string]any) { finding0(d)["secret"] = "" }},
		{"an unknown finding field", func(d map[string]any) { finding0(d)["value"] = "v" }},
		{"suppressed null", func(d map[string]any) { d["suppressed"] = nil }},
		{"a suppression by nobody", func(d map[string]any) { suppress(d, "someone", "r") }},
		{"an inline suppression without its reason", func(d map[string]any) { suppress(d, "inline", "") }},
		{"a baseline suppression with a reason", func(d map[string]any) { suppress(d, "baseline", "r") }},
		{"a suppressed finding of no rule", func(d map[string]any) {
			suppress(d, "baseline", "")
			delete(d["suppressed"].([]any)[0].(map[string]any), "rule")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(valid, &doc); err != nil {
				t.Fatal(err)
			}
			tt.mutate(doc)
			out, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err == nil {
				t.Errorf("the schema accepts a report with %s:\n%s", tt.name, out)
			}
		})
	}
}

// suppress moves the first finding to suppressed, by whom and why ("" for
// no reason).
func suppress(doc map[string]any, by, reason string) {
	f := finding0(doc)
	doc["findings"] = doc["findings"].([]any)[1:]
	f["by"] = by
	if reason != "" {
		f["reason"] = reason
	}
	doc["suppressed"] = append(doc["suppressed"].([]any), f)
}

func hook(doc map[string]any, i int) map[string]any {
	return doc["hooks"].([]any)[i].(map[string]any)
}

func finding0(doc map[string]any) map[string]any {
	return doc["findings"].([]any)[0].(map[string]any)
}

// The schema's closed lists follow the tables they come from.
func TestJSONSchemaFollowsTables(t *testing.T) {
	var schema struct {
		Defs struct {
			RuleID struct {
				Pattern string `json:"pattern"`
			} `json:"ruleId"`
			TriggerID struct {
				Enum []string `json:"enum"`
			} `json:"triggerId"`
			KnownTriggerID struct {
				Enum []string `json:"enum"`
			} `json:"knownTriggerId"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(JSONSchema, &schema); err != nil {
		t.Fatal(err)
	}
	known := append([]string(nil), schema.Defs.KnownTriggerID.Enum...)
	sort.Strings(known)
	if diff := cmp.Diff(trigger.IDs(), known); diff != "" {
		t.Errorf("$defs.knownTriggerId differs from the trigger table (-table +schema):\n%s", diff)
	}
	if diff := cmp.Diff(append([]string{""}, schema.Defs.KnownTriggerID.Enum...), schema.Defs.TriggerID.Enum); diff != "" {
		t.Errorf("$defs.triggerId is not \"\" and $defs.knownTriggerId (-want +got):\n%s", diff)
	}
	pattern := regexp.MustCompile(schema.Defs.RuleID.Pattern)
	for _, rule := range finding.Rules() {
		if !pattern.MatchString(rule.ID) {
			t.Errorf("rule id %q does not match the schema's pattern %s", rule.ID, pattern)
		}
	}
}
