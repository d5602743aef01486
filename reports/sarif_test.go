package reports

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// sarifDoc reads back what the SARIF format writes, by the spec's names,
// independently of the types that write it.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		ColumnKind string           `json:"columnKind"`
		Results    []sarifDocResult `json:"results"`
	} `json:"runs"`
}

type sarifDocResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations []struct {
		PhysicalLocation *struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine   int `json:"startLine"`
				StartColumn int `json:"startColumn"`
			} `json:"region"`
		} `json:"physicalLocation"`
		LogicalLocations []struct {
			Name string `json:"name"`
			Kind string `json:"kind"`
		} `json:"logicalLocations"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties"`
}

func readSARIF(t *testing.T, r *Report) sarifDoc {
	t.Helper()
	out := render(t, "sarif", false, r)
	var doc sarifDoc
	dec := json.NewDecoder(strings.NewReader(string(out)))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("the SARIF log does not parse: %v\n%s", err, out)
	}
	if !strings.HasSuffix(string(out), "}\n") || !strings.HasPrefix(string(out), "{\n  \"$schema\"") {
		t.Errorf("the SARIF log is not 2-space indented JSON ending in a newline:\n%s", out)
	}
	return doc
}

// noFileReport has findings of hooks whose script has no file of its own
// (Management API, snapshot), a finding about a whole file, and one about
// a file whose name needs escaping in a URI.
func noFileReport() *Report {
	return Build(Input{Tool: testTool, Hooks: []migrate.HookInput{
		{Hook: tenant.Hook{Name: "api-hook", Origin: tenant.Origin{Kind: tenant.OriginAPI}}, Result: &analyzer.Result{
			TriggerID: "pre-user-registration", TriggerSource: analyzer.TriggerGiven, Parsed: true,
			Findings: []finding.Finding{{
				Rule: finding.RuleDynamicSecretAccess, Severity: finding.Warning,
				Message: "secret read with a key computed at run time (k)", Location: finding.Location{Line: 3, Column: 7},
			}},
		}},
		{Hook: tenant.Hook{Name: "Welcome: a, b", Origin: tenant.Origin{Kind: tenant.OriginDeployDir, File: "export/hooks/Welcome: a, b.js"}}, Result: &analyzer.Result{
			File: "export/hooks/Welcome: a, b.js", TriggerSource: analyzer.TriggerUnknown,
			Findings: []finding.Finding{
				{Rule: finding.RuleUnusedSecret, Severity: finding.Warning, Secret: "OLD_KEY",
					Message: "secret OLD_KEY is defined on the hook but its script never reads it", Location: finding.Location{File: "export/hooks/Welcome: a, b.json"}},
				{Rule: finding.RuleActionNameCollision, Severity: finding.Note,
					Message: "another hook's Action already has this file name", Location: finding.Location{File: "export/hooks/Welcome: a, b.js", Line: 1, Column: 1}},
			},
		}},
	}})
}

// Code scanning rejects or drops results without these; check them on
// every test report.
func TestSARIFCodeScanningFields(t *testing.T) {
	reports := map[string]func(*testing.T) *Report{
		"sample": sampleReport, "tenant": tenantReport,
		"findings": func(*testing.T) *Report { return findingsReport() },
		"no file":  func(*testing.T) *Report { return noFileReport() },
	}
	for name, report := range reports {
		t.Run(name, func(t *testing.T) {
			r := report(t)
			doc := readSARIF(t, r)
			if doc.Version != "2.1.0" || !strings.HasSuffix(doc.Schema, "sarif-schema-2.1.0.json") {
				t.Errorf("version %q, $schema %q: want 2.1.0 and its schema", doc.Version, doc.Schema)
			}
			if len(doc.Runs) != 1 {
				t.Fatalf("%d runs, want 1", len(doc.Runs))
			}
			run := doc.Runs[0]
			driver := run.Tool.Driver
			if driver.Name != "hooks2actions" || driver.Version != testTool.Version || driver.InformationURI == "" {
				t.Errorf("driver %q %q %q: want hooks2actions, the report's version and an informationUri",
					driver.Name, driver.Version, driver.InformationURI)
			}
			if run.ColumnKind != "utf16CodeUnits" {
				t.Errorf("columnKind %q, want utf16CodeUnits (finding.Location columns)", run.ColumnKind)
			}
			rules := finding.Rules()
			if len(driver.Rules) != len(rules) {
				t.Fatalf("%d rules, want one per rule of finding.Rules() (%d)", len(driver.Rules), len(rules))
			}
			for i, rule := range driver.Rules {
				want := rules[i]
				if rule.ID != want.ID || rule.ShortDescription.Text != want.Summary || rule.FullDescription.Text != want.Help ||
					rule.Help.Text != want.Help || rule.Help.Markdown == "" || rule.DefaultConfiguration.Level != string(want.Severity) {
					t.Errorf("rule %d = %+v, want it to describe %+v", i, rule, want)
				}
			}
			if len(run.Results) != len(r.Findings) {
				t.Fatalf("%d results for %d findings", len(run.Results), len(r.Findings))
			}
			seen := map[string]bool{}
			for i, res := range run.Results {
				f := r.Findings[i]
				if res.RuleID != f.Rule || res.RuleIndex == nil || driver.Rules[*res.RuleIndex].ID != f.Rule {
					t.Errorf("result %d: ruleId %q, ruleIndex %v: want %q and its index", i, res.RuleID, res.RuleIndex, f.Rule)
				}
				if res.Level != string(f.Severity) {
					t.Errorf("result %d: level %q, want %q", i, res.Level, f.Severity)
				}
				if res.Message.Text == "" {
					t.Errorf("result %d: no message text", i)
				}
				fp := res.PartialFingerprints[fingerprintKey]
				if fp == "" || seen[fp] {
					t.Errorf("result %d: fingerprint %q is missing or not unique", i, fp)
				}
				seen[fp] = true
				if len(res.Locations) != 1 {
					t.Errorf("result %d: %d locations, want 1", i, len(res.Locations))
					continue
				}
				loc := res.Locations[0]
				if f.Location.File == "" {
					if loc.PhysicalLocation != nil || len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].Name != f.Hook {
						t.Errorf("result %d: a finding without a file should have the hook %q as its logical location: %+v", i, f.Hook, loc)
					}
					continue
				}
				pl := loc.PhysicalLocation
				if pl == nil {
					t.Errorf("result %d: no physicalLocation for %s", i, f.Location)
					continue
				}
				u, err := url.Parse(pl.ArtifactLocation.URI)
				if err != nil || pl.ArtifactLocation.URI == "" || strings.Contains(pl.ArtifactLocation.URI, `\`) {
					t.Errorf("result %d: artifactLocation.uri %q is not a URI reference: %v", i, pl.ArtifactLocation.URI, err)
				} else if strings.TrimPrefix(u.Path, "./") != strings.TrimPrefix(f.Location.File, "./") {
					t.Errorf("result %d: uri %q reads as %q, want the file %q", i, pl.ArtifactLocation.URI, u.Path, f.Location.File)
				}
				if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
					t.Errorf("result %d: uriBaseId %q, want %%SRCROOT%% for the relative path %q", i, pl.ArtifactLocation.URIBaseID, f.Location.File)
				}
				if pl.Region.StartLine < 1 || pl.Region.StartColumn < 0 {
					t.Errorf("result %d: region %+v: startLine must be at least 1", i, pl.Region)
				}
				if f.Location.Line > 0 && (pl.Region.StartLine != f.Location.Line || pl.Region.StartColumn != f.Location.Column) {
					t.Errorf("result %d: region %+v, want %s", i, pl.Region, f.Location)
				}
			}
		})
	}
}

func TestSARIFLocations(t *testing.T) {
	var got []sarifResult
	for _, r := range toSARIF(noFileReport()).Runs[0].Results {
		// One per hook, located like the hook; not what this test is about.
		if r.RuleID != finding.RuleHookRemaining {
			got = append(got, r)
		}
	}
	want := []sarifResult{
		{
			RuleID: finding.RuleActionNameCollision, RuleIndex: ruleIndex(finding.RuleActionNameCollision), Level: "note",
			Message: sarifMessage{Text: "another hook's Action already has this file name"},
			Locations: []sarifLocation{{PhysicalLocation: &sarifPhysicalLocation{
				ArtifactLocation: sarifArtifactLocation{URI: "export/hooks/Welcome:%20a,%20b.js", URIBaseID: "%SRCROOT%"},
				Region:           sarifRegion{StartLine: 1, StartColumn: 1},
			}}},
			Properties: &sarifProperties{Hook: "Welcome: a, b"},
		},
		{
			// A whole file: code scanning needs a line, so its first.
			RuleID: finding.RuleUnusedSecret, RuleIndex: ruleIndex(finding.RuleUnusedSecret), Level: "warning",
			Message: sarifMessage{Text: "secret OLD_KEY is defined on the hook but its script never reads it"},
			Locations: []sarifLocation{{PhysicalLocation: &sarifPhysicalLocation{
				ArtifactLocation: sarifArtifactLocation{URI: "export/hooks/Welcome:%20a,%20b.json", URIBaseID: "%SRCROOT%"},
				Region:           sarifRegion{StartLine: 1},
			}}},
			Properties: &sarifProperties{Hook: "Welcome: a, b", Secret: "OLD_KEY"},
		},
		{
			// No file of its own: the hook is the location, the position
			// one in its script.
			RuleID: finding.RuleDynamicSecretAccess, RuleIndex: ruleIndex(finding.RuleDynamicSecretAccess), Level: "warning",
			Message:    sarifMessage{Text: "secret read with a key computed at run time (k)"},
			Locations:  []sarifLocation{{LogicalLocations: []sarifLogicalLocation{{Name: "api-hook", Kind: "function"}}}},
			Properties: &sarifProperties{Hook: "api-hook", ScriptLine: 3, ScriptColumn: 7},
		},
	}
	ignoreFingerprints := cmp.Transformer("noFingerprints", func(r sarifResult) sarifResult {
		r.PartialFingerprints = nil
		return r
	})
	if diff := cmp.Diff(want, got, ignoreFingerprints); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func ruleIndex(id string) *int {
	for i, r := range finding.Rules() {
		if r.ID == id {
			return &i
		}
	}
	return nil
}

func TestSARIFArtifactLocation(t *testing.T) {
	tests := []struct {
		path string
		want sarifArtifactLocation
	}{
		{"hooks/welcome.js", sarifArtifactLocation{URI: "hooks/welcome.js", URIBaseID: "%SRCROOT%"}},
		{"./hooks/welcome.js", sarifArtifactLocation{URI: "./hooks/welcome.js", URIBaseID: "%SRCROOT%"}},
		{"../export/hooks/a.js", sarifArtifactLocation{URI: "../export/hooks/a.js", URIBaseID: "%SRCROOT%"}},
		{"hooks/Welcome email and Slack.js", sarifArtifactLocation{URI: "hooks/Welcome%20email%20and%20Slack.js", URIBaseID: "%SRCROOT%"}},
		{"hooks/a#1?.js", sarifArtifactLocation{URI: "hooks/a%231%3F.js", URIBaseID: "%SRCROOT%"}},
		{"hooks/100%.js", sarifArtifactLocation{URI: "hooks/100%25.js", URIBaseID: "%SRCROOT%"}},
		{"a:b.js", sarifArtifactLocation{URI: "./a:b.js", URIBaseID: "%SRCROOT%"}},
		{"hooks/é.js", sarifArtifactLocation{URI: "hooks/%C3%A9.js", URIBaseID: "%SRCROOT%"}},
		{"/srv/export/hooks/a b.js", sarifArtifactLocation{URI: "file:///srv/export/hooks/a%20b.js"}},
	}
	for _, tt := range tests {
		got := artifactLocation(tt.path)
		if got != tt.want {
			t.Errorf("artifactLocation(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
		u, err := url.Parse(got.URI)
		if err != nil {
			t.Errorf("artifactLocation(%q): %q does not parse as a URI: %v", tt.path, got.URI, err)
			continue
		}
		if path := strings.TrimPrefix(u.Path, "./"); path != strings.TrimPrefix(tt.path, "./") {
			t.Errorf("artifactLocation(%q): %q reads back as %q", tt.path, got.URI, u.Path)
		}
	}
}

// A finding's fingerprint does not move with its line: the same findings,
// every one of them some lines further down, with the new line numbers in
// their messages too, have the same fingerprints in the same order.
func TestSARIFFingerprintsIgnoreLines(t *testing.T) {
	build := func(shift int) *Report {
		at := func(file string, line, col int) finding.Location {
			return finding.Location{File: file, Line: line + shift, Column: col}
		}
		dynamic := func(line int) finding.Finding {
			return finding.Finding{Rule: finding.RuleDynamicSecretAccess, Severity: finding.Warning,
				Message: "secret read with a key computed at run time (name)", Location: at("hooks/a.js", line, 9)}
		}
		return Build(Input{Tool: testTool, Hooks: []migrate.HookInput{
			{Hook: tenant.Hook{Name: "a", Origin: tenant.Origin{File: "hooks/a.js"}}, Result: &analyzer.Result{
				File: "hooks/a.js", Parsed: true,
				Findings: []finding.Finding{
					// The same access written twice: told apart by their order.
					dynamic(4), dynamic(12),
					{Rule: finding.RuleMissingSecret, Severity: finding.Error, Secret: "API_KEY",
						Message: "the script reads secret API_KEY but the hook does not define it", Location: at("hooks/a.js", 7, 20)},
					{Rule: finding.RuleTriggerMismatch, Severity: finding.Warning,
						Message:  "the hook function takes 2 parameter(s); the context is expected at position 2 (line " + strconv.Itoa(3+shift) + ")",
						Location: at("hooks/a.js", 3, 1)},
				},
			}},
		}, Inventory: &tenant.Inventory{Problems: []tenant.Problem{
			{Location: at("export/hooks/bad.json", 2, 5), Message: "invalid character '}' on line " + strconv.Itoa(2+shift)},
			{Location: at("export/hooks/worse.json", 2, 5), Message: "invalid character '}' on line " + strconv.Itoa(2+shift)},
		}}})
	}
	before, after := build(0), build(40)
	if diff := cmp.Diff(before.Findings, after.Findings); diff == "" {
		t.Fatal("the two reports do not differ: the test tests nothing")
	}
	fingerprints := func(r *Report) []string {
		var out []string
		for _, res := range readSARIF(t, r).Runs[0].Results {
			out = append(out, res.PartialFingerprints[fingerprintKey])
		}
		return out
	}
	got, want := fingerprints(after), fingerprints(before)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fingerprints moved with the lines (-before +after):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, fp := range want {
		if seen[fp] {
			t.Errorf("fingerprint %s is not unique in %v", fp, want)
		}
		seen[fp] = true
	}
}

// What a fingerprint is made of: each part changes it.
func TestFingerprintParts(t *testing.T) {
	base := finding.Finding{Rule: finding.RuleMissingSecret, Severity: finding.Error, Hook: "a", Secret: "K",
		Message: "m", Location: finding.Location{File: "a.js", Line: 1, Column: 1}}
	fp := func(f finding.Finding) string { return Fingerprints([]finding.Finding{f})[0] }
	same := map[string]finding.Finding{}
	differ := map[string]finding.Finding{}
	with := func(change func(*finding.Finding)) finding.Finding {
		f := base
		change(&f)
		return f
	}
	same["another line and column"] = with(func(f *finding.Finding) { f.Location.Line, f.Location.Column = 90, 4 })
	same["another message of a secret finding"] = with(func(f *finding.Finding) { f.Message = "other" })
	same["another severity"] = with(func(f *finding.Finding) { f.Severity = finding.Warning })
	same["another file of a hook's finding"] = with(func(f *finding.Finding) { f.Location.File = "b.js" })
	differ["another rule"] = with(func(f *finding.Finding) { f.Rule = finding.RuleUnusedSecret })
	differ["another hook"] = with(func(f *finding.Finding) { f.Hook = "b" })
	differ["another secret"] = with(func(f *finding.Finding) { f.Secret = "K2" })
	differ["no secret"] = with(func(f *finding.Finding) { f.Secret = "" })
	noSecret := with(func(f *finding.Finding) { f.Secret, f.Message = "", "read at line 4, column 2" })
	same["digits of a message"] = with(func(f *finding.Finding) { f.Secret, f.Message = "", "read at line 14, column 20" })
	differ["the words of a message"] = with(func(f *finding.Finding) { f.Secret, f.Message = "", "written at line 4, column 2" })
	noHook := with(func(f *finding.Finding) { f.Hook, f.Secret = "", "" })
	differ["the file of a finding of no hook"] = with(func(f *finding.Finding) { f.Hook, f.Secret, f.Location.File = "", "", "b.js" })
	for name, f := range same {
		ref := base
		if f.Secret == "" {
			ref = noSecret
		}
		if fp(f) != fp(ref) {
			t.Errorf("%s changes the fingerprint", name)
		}
	}
	for name, f := range differ {
		ref := base
		switch {
		case f.Hook == "":
			ref = noHook
		case f.Message != base.Message:
			ref = noSecret
		}
		if fp(f) == fp(ref) {
			t.Errorf("%s leaves the fingerprint as it is", name)
		}
	}
	if got := fp(base); len(got) != 32+2 || !strings.HasSuffix(got, ":1") {
		t.Errorf("fingerprint %q: want 32 hex digits and :1", got)
	}
	if fps := Fingerprints([]finding.Finding{base, base}); fps[0] == fps[1] || !strings.HasSuffix(fps[1], ":2") {
		t.Errorf("two identical findings have fingerprints %v, want the second to end in :2", fps)
	}
}

// Suppressed findings stay out of the SARIF log: code scanning does not
// honour SARIF suppressions and would open an alert for each.
func TestSARIFLeavesOutSuppressed(t *testing.T) {
	r := findingsReport()
	r.Suppressed = []SuppressedFinding{{Finding: r.Findings[0], By: "baseline"}}
	r.Findings = r.Findings[1:]
	if got := len(readSARIF(t, r).Runs[0].Results); got != len(r.Findings) {
		t.Errorf("%d results, want %d: one per finding that counts", got, len(r.Findings))
	}
}
