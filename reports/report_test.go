package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var testTool = Tool{Name: "hooks2actions", Version: "golden"}

// goldenNow is the fixed time of the golden reports (formats that show it:
// Markdown), four days past the Hooks end of life.
var goldenNow = time.Date(2026, time.November, 22, 9, 30, 0, 0, time.UTC)

// sampleReport analyses testdata/sample/*.js from the repository root, so
// that paths in the golden files read as they do on the command line.
func sampleReport(t *testing.T) *Report {
	t.Helper()
	t.Chdir("..")
	paths, err := filepath.Glob("testdata/sample/*.js")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample hooks: %v", err)
	}
	hooks, err := tenant.LoadScriptFiles(paths)
	if err != nil {
		t.Fatal(err)
	}
	return Build(Input{Tool: testTool, Hooks: migrate.Analyze(hooks, false)})
}

// tenantReport is the whole pipeline on the Deploy CLI fixture tenant:
// defined secrets, a plan, unused and missing secrets.
func tenantReport(t *testing.T) *Report {
	t.Helper()
	t.Chdir("..")
	inv, err := tenant.Load([]string{"testdata/tenant/deploy-directory"}, tenant.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hooks := migrate.Analyze(inv.Hooks, false)
	return Build(Input{Tool: testTool, Inventory: inv, Hooks: hooks, Plan: migrate.Build(hooks, migrate.Options{})})
}

// findingsReport is built by hand, independent of the analyzer, to cover
// what the samples do not: findings, parse errors, unknown triggers,
// opaque secrets and keys that need escaping.
func findingsReport() *Report {
	hook := func(name string) tenant.Hook {
		return tenant.Hook{Name: name, Origin: tenant.Origin{Kind: tenant.OriginFile, File: "hooks/" + name + ".js"}}
	}
	return Build(Input{Tool: testTool, Hooks: []migrate.HookInput{
		{Hook: hook("welcome"), Result: &analyzer.Result{
			File: "hooks/welcome.js", TriggerID: "post-user-registration", TriggerSource: analyzer.TriggerGiven,
			Parsed: true, Context: &analyzer.ContextParam{Index: 1, Line: 1, Column: 36, Destructured: true},
			Usages: []analyzer.SecretUsage{
				{Key: "SLACK_URL", Line: 1, Column: 57, Kind: analyzer.KindDestructure},
				{Key: "ODD\x1b[31mKEY", Line: 4, Column: 20, Kind: analyzer.KindBracket},
			},
		}},
		{Hook: hook("broken"), Result: &analyzer.Result{
			File: "hooks/broken.js", TriggerSource: analyzer.TriggerUnknown,
			Usages: []analyzer.SecretUsage{{Key: "API_KEY", Line: 2, Column: 37, Kind: analyzer.KindText, LowConfidence: true}},
			Findings: []finding.Finding{{
				Rule: finding.RuleParseError, Severity: finding.Error,
				Message:  "the script does not parse: Unexpected token }",
				Location: finding.Location{File: "hooks/broken.js", Line: 4, Column: 1},
			}},
		}},
		{Hook: hook("audit"), Result: &analyzer.Result{
			File: "hooks/audit.js", TriggerSource: analyzer.TriggerUnknown,
			TriggerCandidates: []string{"post-change-password", "post-user-registration", "pre-user-registration"},
			Parsed:            true, Context: &analyzer.ContextParam{Name: "ctx", Index: 1, Line: 1, Column: 33},
			Usages: []analyzer.SecretUsage{{Key: "AUDIT_URL", Line: 3, Column: 30, Kind: analyzer.KindMember}},
			Findings: []finding.Finding{
				{
					Rule: finding.RuleSecretsObjectEscape, Severity: finding.Warning,
					Message:  "the secrets object is passed to a function outside this file; any secret may be read there",
					Location: finding.Location{File: "hooks/audit.js", Line: 9, Column: 12},
				},
				{
					Rule: finding.RuleDynamicSecretAccess, Severity: finding.Warning,
					Message:  "secret read with a key computed at run time (name); the secrets it reaches cannot be known statically",
					Location: finding.Location{File: "hooks/audit.js", Line: 5, Column: 26},
				},
			},
		}},
		{Hook: hook("quiet"), Result: &analyzer.Result{
			File: "hooks/quiet.js", TriggerID: "send-phone-message", TriggerSource: analyzer.TriggerInferred, Parsed: true,
			Context: &analyzer.ContextParam{Name: "context", Index: 2, Line: 1, Column: 45},
		}},
		// From a Deploy CLI export whose script file is missing: no analysis,
		// only what the export declares.
		{Hook: tenant.Hook{ID: "01HV", Name: "legacy", TriggerID: "pre-user-registration", Enabled: true,
			SecretKeys: []string{"LEGACY_KEY"}, Origin: tenant.Origin{Kind: tenant.OriginDeployDir,
				File: "export/hooks/legacy.js", ScriptLine: 1, Declared: finding.Location{File: "export/hooks/legacy.json", Line: 1}}}},
	}, Inventory: &tenant.Inventory{Problems: []tenant.Problem{
		{Hook: "legacy", Location: finding.Location{File: "export/hooks/legacy.json", Line: 3, Column: 13},
			Message: "script file export/hooks/legacy.js: no such file or directory"},
		{Location: finding.Location{File: "export/hooks/bad.json", Line: 2, Column: 5}, Message: "invalid character '}'"},
	}}})
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		report func(t *testing.T) *Report
	}{
		{"sample", sampleReport},
		{"tenant", tenantReport},
		{"findings", func(*testing.T) *Report { return findingsReport() }},
	}
	// Resolve the golden directory now: sampleReport changes directory.
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	ext := map[string]string{"text": ".txt", "json": ".json", "sarif": ".sarif", "github": ".github.txt", "markdown": ".md"}
	for _, tt := range tests {
		for _, format := range Formats() {
			golden := filepath.Join(dir, tt.name+ext[format])
			t.Run(filepath.Base(golden), func(t *testing.T) {
				r := tt.report(t)
				r.Generated = goldenNow
				checkGolden(t, golden, render(t, format, false, r))
			})
		}
	}
}

func render(t *testing.T, format string, color bool, r *Report) []byte {
	t.Helper()
	renderer, err := NewRenderer(format, color)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := renderer.Render(&buf, r); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports/ -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got); if the change is intended, run go test ./reports/ -update:\n%s", path, diff)
	}
}

var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// Colour must only add escapes: the text under them is the plain report.
func TestTextColorOnlyAddsEscapes(t *testing.T) {
	r := findingsReport()
	plain := string(render(t, "text", false, r))
	colored := string(render(t, "text", true, r))
	if !strings.Contains(colored, "\x1b[") {
		t.Fatalf("colour output has no ANSI escapes:\n%s", colored)
	}
	if diff := cmp.Diff(plain, ansiEscape.ReplaceAllString(colored, "")); diff != "" {
		t.Errorf("colour output without escapes differs from plain (-plain +stripped):\n%s", diff)
	}
	if strings.Contains(plain, "\x1b") {
		t.Errorf("plain output holds an escape character:\n%q", plain)
	}
}

func TestBuild(t *testing.T) {
	parseError := finding.Finding{
		Rule: finding.RuleParseError, Severity: finding.Error, Message: "m",
		Location: finding.Location{File: "b.js", Line: 1, Column: 1},
	}
	noHook := finding.Finding{
		Rule: finding.RuleNoHookFunction, Severity: finding.Warning, Message: "m",
		Location: finding.Location{File: "a.js", Line: 1, Column: 1},
	}
	resB := &analyzer.Result{Findings: []finding.Finding{parseError}}
	resA := &analyzer.Result{Parsed: true, Findings: []finding.Finding{noHook},
		Usages: []analyzer.SecretUsage{{Key: "K", Line: 2, Column: 3, Kind: analyzer.KindMember}, {Key: "K", Line: 3, Column: 3, Kind: analyzer.KindAlias}}}
	got := Build(Input{Tool: testTool, Hooks: []migrate.HookInput{
		{Hook: tenant.Hook{Name: "b", Origin: tenant.Origin{File: "b.js"}}, Result: resB},
		{Hook: tenant.Hook{Name: "a", Origin: tenant.Origin{File: "a.js"}}, Result: resA},
	}})
	withHook := func(f finding.Finding, hook string) finding.Finding { f.Hook = hook; return f }
	remaining := func(hook, file string) finding.Finding {
		return finding.Finding{Rule: finding.RuleHookRemaining, Severity: finding.Note, Hook: hook, Location: finding.Location{File: file},
			Message: "the hook is still in the source; delete it once its Action runs in its place"}
	}
	want := &Report{
		Tool: testTool,
		Hooks: []HookReport{
			{Name: "a", File: "a.js", Parsed: true, Referenced: []string{"K"}, Usages: resA.Usages},
			{Name: "b", File: "b.js", Opaque: true},
		},
		Findings: []finding.Finding{remaining("a", "a.js"), withHook(noHook, "a"), remaining("b", "b.js"), withHook(parseError, "b")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Build mismatch (-want +got):\n%s", diff)
	}
	if resB.Findings[0].Hook != "" {
		t.Errorf("Build changed the analyzer's finding: Hook = %q", resB.Findings[0].Hook)
	}
}

// The contract promises lists, never null, whatever a hook lacks.
func TestJSONListsAreNeverNull(t *testing.T) {
	empty := Build(Input{Tool: testTool, Hooks: []migrate.HookInput{{Hook: tenant.Hook{Name: "x"}, Result: &analyzer.Result{}}}})
	var doc struct {
		Findings []any `json:"findings"`
		Hooks    []struct {
			TriggerCandidates []any `json:"trigger_candidates"`
			Secrets           struct {
				Referenced []any `json:"referenced"`
			} `json:"secrets"`
			Usages []any `json:"usages"`
		} `json:"hooks"`
	}
	out := render(t, "json", false, empty)
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	h := doc.Hooks[0]
	for name, list := range map[string][]any{
		"findings": doc.Findings, "trigger_candidates": h.TriggerCandidates,
		"secrets.referenced": h.Secrets.Referenced, "usages": h.Usages,
	} {
		if list == nil {
			t.Errorf("%s is null, want []:\n%s", name, out)
		}
	}
	if !bytes.HasSuffix(out, []byte("}\n")) {
		t.Errorf("JSON report does not end with a newline: %q", out)
	}
}

func TestNewRendererUnknownFormat(t *testing.T) {
	_, err := NewRenderer("xml", false)
	want := `unknown format "xml" (want text, json, markdown, sarif or github)`
	if err == nil || err.Error() != want {
		t.Errorf("NewRenderer(xml) error = %v, want %q", err, want)
	}
}
