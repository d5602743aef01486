package migrate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

const deployFixture = "../testdata/tenant/deploy-directory"

var goldenOpts = FilesOptions{
	Generated: time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC),
	Now:       time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC),
	Tool:      "hooks2actions golden",
}

// hooksOf are the hooks of a Deploy CLI directory export, for the
// checklist's diffs.
func hooksOf(t *testing.T, dir string) []tenant.Hook {
	t.Helper()
	inv, err := tenant.LoadDeployDirectory(dir, tenant.DeployOptions{KeepScriptMarkers: true})
	if err != nil {
		t.Fatal(err)
	}
	return inv.Hooks
}

// planOf loads a Deploy CLI directory export, analyses each hook with the
// detail drafts need and builds the plan. It also returns the analysis
// findings, named after their hook, for the checklist.
func planOf(t *testing.T, dir string) (*Plan, []finding.Finding) {
	t.Helper()
	inv, err := tenant.LoadDeployDirectory(dir, tenant.DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return planOfInventory(t, inv)
}

// planOfInventory analyses and plans the hooks of an inventory.
func planOfInventory(t *testing.T, inv *tenant.Inventory) (*Plan, []finding.Finding) {
	t.Helper()
	var ins []HookInput
	var analysis []finding.Finding
	for _, h := range inv.Hooks {
		in := HookInput{Hook: h}
		if h.Script != nil {
			in.Result = analyzer.AnalyzeScript(analyzer.Script{Source: h.Script, File: h.Origin.File,
				FirstLine: h.Origin.ScriptLine, TriggerID: h.TriggerID, Detail: true})
			for _, f := range in.Result.Findings {
				f.Hook = h.Name
				analysis = append(analysis, f)
			}
		}
		ins = append(ins, in)
	}
	if len(ins) == 0 {
		t.Fatalf("%s: no hooks", inv.Path)
	}
	return Build(ins, Options{}), analysis
}

// bindingsOf is what a Deploy CLI directory export says is bound.
func bindingsOf(t *testing.T, dir string) map[string][]trigger.Binding {
	t.Helper()
	inv, err := tenant.LoadDeployDirectory(dir, tenant.DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return inv.Bindings
}

func filesOf(t *testing.T, p *Plan, opts FilesOptions) map[string][]byte {
	t.Helper()
	files, err := p.Files(opts)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TestFilesGolden renders the plan of the Deploy CLI fixture and compares
// every file with testdata/golden/migrate; -update rewrites them.
func TestFilesGolden(t *testing.T) {
	p, analysis := planOf(t, deployFixture)
	opts := goldenOpts
	opts.Findings = analysis
	opts.Bindings = bindingsOf(t, deployFixture)
	opts.Hooks = hooksOf(t, deployFixture)
	files := filesOf(t, p, opts)

	want := []string{
		"MIGRATION.md",
		"actions/Welcome email and Slack.json",
		"actions/Welcome email and Slack/code.js",
		"actions/m2m-entitlement-claims.json",
		"actions/m2m-entitlement-claims/code.js",
		"actions/partner-domain-allowlist.json",
		"actions/partner-domain-allowlist/code.js",
		"actions/password-change-audit.json",
		"actions/password-change-audit/code.js",
		"actions/twilio-sms.json",
		"actions/twilio-sms/code.js",
		"plan.json",
		"secrets.env.example",
		"triggers/triggers.json",
	}
	if diff := cmp.Diff(want, sortedNames(files)); diff != "" {
		t.Errorf("file names (-want +got):\n%s", diff)
	}

	root := filepath.Join("..", "testdata", "golden", "migrate")
	if *update {
		if err := os.RemoveAll(root); err != nil {
			t.Fatal(err)
		}
		for name, body := range files {
			path := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, body, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	var golden []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		golden = append(golden, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatalf("%v (run go test ./migrate -run TestFilesGolden -update)", err)
	}
	sort.Strings(golden)
	if diff := cmp.Diff(golden, sortedNames(files)); diff != "" {
		t.Errorf("golden files (-golden +got):\n%s", diff)
	}
	for _, name := range sortedNames(files) {
		want, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			continue // reported above
		}
		if diff := cmp.Diff(string(want), string(files[name])); diff != "" {
			t.Errorf("%s (-golden +got):\n%s", name, diff)
		}
	}
}

// deployActionFile is an Action file as the Deploy CLI import reads it.
type deployActionFile struct {
	Name         string `json:"name"`
	Code         string `json:"code"`
	Runtime      string `json:"runtime"`
	Deployed     *bool  `json:"deployed"`
	Dependencies []struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"dependencies"`
	Secrets []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"secrets"`
	SupportedTriggers []struct {
		ID      string `json:"id"`
		Version string `json:"version"`
	} `json:"supported_triggers"`
}

// deployActionFields are the fields the Deploy CLI's Actions schema
// allows (additionalProperties: false), and the ones it requires.
var (
	deployActionFields   = []string{"code", "dependencies", "deployed", "name", "runtime", "secrets", "status", "supported_triggers"}
	deployActionRequired = []string{"code", "name", "supported_triggers"}
)

func TestFilesProperties(t *testing.T) {
	p, analysis := planOf(t, deployFixture)
	files := filesOf(t, p, FilesOptions{Findings: analysis, Bindings: bindingsOf(t, deployFixture)})
	var triggers map[string][]struct {
		ActionName  string `json:"action_name"`
		DisplayName string `json:"display_name"`
	}
	if err := json.Unmarshal(files[TriggersFile], &triggers); err != nil {
		t.Fatalf("%s: %v", TriggersFile, err)
	}
	bound := map[string]bool{}
	for _, list := range triggers {
		for _, b := range list {
			bound[b.ActionName] = true
		}
	}
	byFile := map[string]ActionPlan{}
	for _, a := range p.Actions {
		byFile[ActionJSONPath(a)] = a
	}
	var markers []string
	for _, name := range sortedNames(files) {
		body := files[name]
		if !bytes.HasSuffix(body, []byte("\n")) {
			t.Errorf("%s does not end in a newline", name)
		}
		if bytes.Contains(body, []byte("_VALUE_NOT_SHOWN")) {
			t.Errorf("%s holds the _VALUE_NOT_SHOWN_ placeholder", name)
		}
		if strings.HasSuffix(name, ".json") {
			checkSortedKeys(t, name, body)
		}
		switch {
		case strings.HasSuffix(name, "/code.js"):
			if err := analyzer.CheckParses(name, body); err != nil {
				t.Errorf("%s does not parse: %v", name, err)
			}
		case strings.HasPrefix(name, "actions/") && strings.HasSuffix(name, ".json"):
			a, ok := byFile[name]
			if !ok {
				t.Errorf("%s belongs to no Action of the plan", name)
				continue
			}
			markers = append(markers, checkActionFile(t, name, body, a, files, bound)...)
		}
	}
	checkEnvExample(t, files[SecretsEnvFile], markers)

	var doc struct {
		PlanVersion int               `json:"plan_version"`
		Actions     []json.RawMessage `json:"actions"`
		Findings    []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(files[PlanFile], &doc); err != nil {
		t.Fatalf("%s: %v", PlanFile, err)
	}
	if doc.PlanVersion != 1 || len(doc.Actions) != len(p.Actions) || len(doc.Findings) != len(p.Findings) {
		t.Errorf("%s: version %d, %d actions, %d findings; want 1, %d, %d", PlanFile,
			doc.PlanVersion, len(doc.Actions), len(doc.Findings), len(p.Actions), len(p.Findings))
	}
}

// checkActionFile checks one Deploy CLI Action file against its plan and
// returns the keyword markers it uses.
func checkActionFile(t *testing.T, name string, body []byte, a ActionPlan, files map[string][]byte, bound map[string]bool) []string {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for k := range fields {
		if !contains(deployActionFields, k) {
			t.Errorf("%s: field %q is not in the Deploy CLI's Actions schema", name, k)
		}
	}
	for _, k := range deployActionRequired {
		if _, ok := fields[k]; !ok {
			t.Errorf("%s: the Deploy CLI requires %q", name, k)
		}
	}
	var f deployActionFile
	if err := json.Unmarshal(body, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f.Deployed == nil || *f.Deployed != bound[a.Name] {
		t.Errorf("%s: deployed is %v, want %v: the Actions the triggers file binds, and only them, are deployed", name, f.Deployed, bound[a.Name])
	}
	if f.Name != a.Name || f.Runtime != a.Runtime {
		t.Errorf("%s: name %q runtime %q, want %q %q", name, f.Name, f.Runtime, a.Name, a.Runtime)
	}
	code := strings.TrimPrefix(f.Code, "./")
	if f.Code != "./"+code || files[code] == nil || string(files[code]) != a.Draft.Code {
		t.Errorf("%s: code %q is not ./ and the Action's code file", name, f.Code)
	}
	if len(f.SupportedTriggers) != 1 || f.SupportedTriggers[0].ID != a.TriggerID || f.SupportedTriggers[0].Version != a.Version {
		t.Errorf("%s: supported_triggers %+v, want %s %s", name, f.SupportedTriggers, a.TriggerID, a.Version)
	}
	type secret struct{ Name, Value string }
	var got, want []secret
	var markers []string
	for _, s := range f.Secrets {
		got = append(got, secret{s.Name, s.Value})
	}
	for _, s := range a.Secrets {
		if s.Status == Carry || s.Status == Unknown || s.Status == Missing {
			want = append(want, secret{s.Key, "@@" + s.Marker + "@@"})
			markers = append(markers, s.Marker)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: secrets are not exactly the carried ones with their markers (-want +got):\n%s", name, diff)
	}
	if len(f.Dependencies) != len(a.Dependencies) {
		t.Errorf("%s: %d dependencies, want %d", name, len(f.Dependencies), len(a.Dependencies))
	}
	return markers
}

// checkEnvExample checks that secrets.env.example sets exactly the markers
// of the Action files, each to nothing.
func checkEnvExample(t *testing.T, env []byte, markers []string) {
	t.Helper()
	var set []string
	for _, line := range strings.Split(string(env), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || value != "" {
			t.Errorf("%s: %q is not an empty NAME= line", SecretsEnvFile, line)
		}
		set = append(set, name)
	}
	sort.Strings(set)
	sort.Strings(markers)
	if diff := cmp.Diff(markers, set); diff != "" {
		t.Errorf("%s: variables are not the Action files' markers (-markers +env):\n%s", SecretsEnvFile, diff)
	}
}

// checkSortedKeys checks that every JSON object in body has its keys in
// sorted order.
func checkSortedKeys(t *testing.T, name string, body []byte) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	type frame struct {
		object  bool
		lastKey string
		wantKey bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.wantKey {
			if k, ok := tok.(string); ok {
				if top.lastKey != "" && k < top.lastKey {
					t.Errorf("%s: key %q comes after %q", name, k, top.lastKey)
				}
				top.lastKey, top.wantKey = k, false
				continue
			}
		}
		if top != nil && top.object {
			top.wantKey = true
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].object {
				stack[len(stack)-1].wantKey = true
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestFilesNeverHoldSecretValues plants a canary in every secret value of
// a copy of the Deploy CLI fixture (which already holds one real-looking
// value) and checks that no output file holds any of them.
func TestFilesNeverHoldSecretValues(t *testing.T) {
	dir := t.TempDir()
	var canaries []string
	err := filepath.WalkDir(deployFixture, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(deployFixture, path)
		target := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for bytes.Contains(body, []byte(`"_VALUE_NOT_SHOWN_"`)) {
			c := fmt.Sprintf("CANARY-%02d-f00dfeed", len(canaries))
			canaries = append(canaries, c)
			body = bytes.Replace(body, []byte(`"_VALUE_NOT_SHOWN_"`), []byte(`"`+c+`"`), 1)
		}
		return os.WriteFile(target, body, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(canaries) < 10 {
		t.Fatalf("planted only %d canaries", len(canaries))
	}
	canaries = append(canaries, "CANARY", "pdk_live_", "9f4e2b7a61d3c0e8")
	for _, fixture := range []string{deployFixture, dir} {
		p, analysis := planOf(t, fixture)
		opts := goldenOpts
		opts.Findings = analysis
		for name, body := range filesOf(t, p, opts) {
			for _, c := range canaries {
				if bytes.Contains(body, []byte(c)) {
					t.Errorf("%s of %s holds the secret value canary %q", name, fixture, c)
				}
			}
		}
	}
}

func TestFilesDeterministic(t *testing.T) {
	p, analysis := planOf(t, deployFixture)
	opts := goldenOpts
	opts.Findings = analysis
	first := filesOf(t, p, opts)
	second := filesOf(t, p, opts)
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("two calls differ (-first +second):\n%s", diff)
	}
	// The plan's order of Actions and findings does not matter either.
	shuffled := &Plan{Actions: append([]ActionPlan(nil), p.Actions...), Findings: append([]finding.Finding(nil), p.Findings...)}
	for i, j := 0, len(shuffled.Actions)-1; i < j; i, j = i+1, j-1 {
		shuffled.Actions[i], shuffled.Actions[j] = shuffled.Actions[j], shuffled.Actions[i]
	}
	for i, j := 0, len(shuffled.Findings)-1; i < j; i, j = i+1, j-1 {
		shuffled.Findings[i], shuffled.Findings[j] = shuffled.Findings[j], shuffled.Findings[i]
	}
	opts.Findings = append(append([]finding.Finding(nil), analysis...), analysis...)
	if diff := cmp.Diff(first, filesOf(t, shuffled, opts)); diff != "" {
		t.Errorf("reordered plan differs (-first +reordered):\n%s", diff)
	}
	// Without a time, nothing in the files depends on when they are made.
	bare := filesOf(t, p, FilesOptions{})
	if bytes.Contains(bare[ChecklistFile], []byte("2026-05-04")) || !bytes.Contains(first[ChecklistFile], []byte("2026-05-04T09:30:00Z")) {
		t.Errorf("the generated time is not shown exactly when given")
	}
}

const trickyHookScript = `module.exports = function (user, context, cb) {
  const key = context.webtask.secrets.API_KEY;
  context.webtask.storage.get(function () { cb(null, { user }); });
};
`

// TestFilesMarkdownEscaping gives a hook a name with a pipe and backticks
// and checks, with a real CommonMark + GFM parser, that the checklist shows
// it as it is: in its heading, and as one whole table cell.
func TestFilesMarkdownEscaping(t *testing.T) {
	const name = "Billing | `legacy` *hook* <b>&amp; _x_"
	h := tenant.Hook{Name: name, ID: "hk|1", TriggerID: "post-user-registration", Enabled: true,
		Script: []byte(trickyHookScript), SecretKeys: []string{"API_KEY", "OLD|KEY`"},
		Origin: tenant.Origin{Kind: tenant.OriginFile, File: "hooks/bill|ing.js", ScriptLine: 1}}
	res := analyzer.AnalyzeScript(analyzer.Script{Source: h.Script, File: h.Origin.File, TriggerID: h.TriggerID, Detail: true})
	p := Build([]HookInput{{Hook: h, Result: res}}, Options{})
	files := filesOf(t, p, goldenOpts)
	md := files[ChecklistFile]

	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	rendered := out.String()
	for _, want := range []string{
		"<td>" + html.EscapeString(name) + "</td>",
		"<h2>1. " + html.EscapeString(name) + "</h2>",
		"<td>OLD|KEY`</td>",
		"<code>hooks/bill|ing.js:3:3</code>",
	} {
		if !strings.Contains(rendered, strings.ReplaceAll(want, "&#39;", "'")) {
			t.Errorf("the rendered checklist lacks %s", want)
		}
	}
	if strings.Contains(rendered, "<b>") || strings.Contains(rendered, "<em>") {
		t.Errorf("user content was rendered as markup:\n%s", rendered)
	}
	checkTableCells(t, string(md))
}

// checkTableCells checks that every row of every table has as many cells
// as its header, counting the pipes that are not escaped.
func checkTableCells(t *testing.T, md string) {
	t.Helper()
	cells := func(row string) int {
		n := 0
		for i := 0; i < len(row); i++ {
			switch row[i] {
			case '\\':
				i++
			case '|':
				n++
			}
		}
		return n - 1
	}
	header := -1
	for i, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			header = -1
			continue
		}
		if header < 0 {
			header = cells(line)
			continue
		}
		if got := cells(line); got != header {
			t.Errorf("MIGRATION.md line %d has %d cells, its table %d: %s", i+1, got, header, line)
		}
	}
}

// TestFilesWithoutDraft covers the hooks that get no Action files: an
// unknown trigger and a script that could not be read.
func TestFilesWithoutDraft(t *testing.T) {
	unknown := tenant.Hook{Name: "three-params", Enabled: true, SecretKeys: []string{"TOKEN"},
		Script: []byte("module.exports = function (user, context, cb) { cb(null, context.webtask.secrets.TOKEN); };\n"),
		Origin: tenant.Origin{Kind: tenant.OriginFile, File: "three-params.js", ScriptLine: 1}}
	unread := tenant.Hook{Name: "unreadable", ID: "01UNREAD", TriggerID: "send-phone-message", Enabled: false,
		SecretKeys: []string{"SID"}, Dependencies: map[string]string{"twilio": "3.54.0"},
		Origin: tenant.Origin{Kind: tenant.OriginAPI}}
	ins := []HookInput{
		{Hook: unknown, Result: analyzer.AnalyzeScript(analyzer.Script{Source: unknown.Script, File: "three-params.js", Detail: true})},
		{Hook: unread},
	}
	p := Build(ins, Options{})
	files := filesOf(t, p, goldenOpts)
	if diff := cmp.Diff([]string{ChecklistFile, PlanFile, SecretsEnvFile}, sortedNames(files)); diff != "" {
		t.Errorf("file names (-want +got):\n%s", diff)
	}
	md := string(files[ChecklistFile])
	for _, want := range []string{
		"Files: none, because the hook's trigger is unknown",
		"Files: none, because the hook's script could not be read or analysed",
		"Find the hook's trigger",
		"Write the Action by hand on the `send-phone-message` trigger",
		"do not bind it",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("MIGRATION.md lacks %q", want)
		}
	}
	env := string(files[SecretsEnvFile])
	if strings.Count(env, "no Action file was written") != 2 {
		t.Errorf("secrets.env.example does not say which Actions have no file:\n%s", env)
	}
	checkEnvExample(t, files[SecretsEnvFile], nil)
	var doc struct {
		Actions []struct {
			Hook    string           `json:"hook"`
			Draft   *json.RawMessage `json:"draft"`
			Trigger *json.RawMessage `json:"trigger"`
			HookID  *string          `json:"hook_id"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(files[PlanFile], &doc); err != nil {
		t.Fatal(err)
	}
	for _, a := range doc.Actions {
		if a.Draft != nil {
			t.Errorf("%s: draft %s, want null", a.Hook, *a.Draft)
		}
		if (a.Trigger == nil) != (a.Hook == "three-params") || (a.HookID == nil) != (a.Hook == "three-params") {
			t.Errorf("%s: trigger %v hook_id %v", a.Hook, a.Trigger, a.HookID)
		}
	}
}

// TestFilesRefusesBrokenPlans: a plan whose files would import wrong gives
// no files at all.
func TestFilesRefusesBrokenPlans(t *testing.T) {
	action := func(name, file string, secrets ...SecretMapping) ActionPlan {
		return ActionPlan{Hook: name, Name: name, FileName: file, TriggerID: "post-change-password", Version: "v2",
			Handler: "onExecutePostChangePassword", Runtime: Runtime, SecretsKnown: true, Secrets: secrets,
			Draft: &Draft{Code: "exports.onExecutePostChangePassword = async (event) => {};\n"}}
	}
	tests := []struct {
		name string
		plan Plan
		want string
	}{
		{"same file name", Plan{Actions: []ActionPlan{action("a", "x"), action("b", "X")}}, "one file name"},
		{"path in file name", Plan{Actions: []ActionPlan{action("a", "../x")}}, "unusable file name"},
		{"no marker", Plan{Actions: []ActionPlan{action("a", "a", SecretMapping{Key: "K", Status: Carry})}}, "no usable keyword marker"},
		{"bad marker", Plan{Actions: []ActionPlan{action("a", "a", SecretMapping{Key: "K", Status: Carry, Marker: "A##B"})}}, "no usable keyword marker"},
		{"shared marker", Plan{Actions: []ActionPlan{
			action("a-b", "a-b", SecretMapping{Key: "K", Status: Carry, Marker: MarkerName("a-b", "K")}),
			action("a_b", "a_b", SecretMapping{Key: "K", Status: Missing, Marker: MarkerName("a_b", "K")}),
		}}, "share the keyword marker A_B__K"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.plan.Files(FilesOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
	// Build keeps the markers of hooks a-b and a_b apart, so their files are written.
	src := []byte("module.exports = function (user, context, cb) { cb(null, context.webtask.secrets.K); };\n")
	built := Build([]HookInput{detailed("a-b", "post-change-password", src), detailed("a_b", "post-change-password", src)}, Options{})
	if _, err := built.Files(FilesOptions{}); err != nil {
		t.Errorf("files of a plan with distinct markers: %v", err)
	}
	// An unused secret needs no marker.
	ok := Plan{Actions: []ActionPlan{action("a", "a", SecretMapping{Key: "K", Status: Unused})}}
	files, err := ok.Files(FilesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`"secrets": \[\]`).Match(files["actions/a.json"]) {
		t.Errorf("an unused secret went into the Action file:\n%s", files["actions/a.json"])
	}
}

func TestHasKeywordMarkers(t *testing.T) {
	tests := map[string]bool{
		"const url = '##API_URL##';":   true,
		"const v = @@VALUES@@;":        true,
		"// ## heading ##":             false,
		"const s = '#' + '#';":         false,
		"x = a ## b":                   false,
		"email@@example.com and b@@ x": false,
	}
	for code, want := range tests {
		if got := hasKeywordMarkers(code); got != want {
			t.Errorf("hasKeywordMarkers(%q) = %v, want %v", code, got, want)
		}
	}
}

// TestChecklistEnabledNotKnown: a bare script file does not say whether
// its hook is enabled; the checklist must not say it is disabled ("it does
// not run today") when nobody knows.
func TestChecklistEnabledNotKnown(t *testing.T) {
	bare := tenant.Hook{Name: "sms", TriggerID: "send-phone-message",
		Script: []byte("module.exports = function (recipient, text, context, cb) { cb(); };\n"),
		Origin: tenant.Origin{Kind: tenant.OriginFile, File: "sms.js", ScriptLine: 1}}
	p := Build([]HookInput{{Hook: bare, Result: analyzer.AnalyzeScript(analyzer.Script{Source: bare.Script, File: "sms.js", Detail: true})}}, Options{})
	md := string(filesOf(t, p, goldenOpts)[ChecklistFile])
	if strings.Contains(md, "**disabled**") || strings.Contains(md, "| disabled |") || strings.Contains(md, "hook is disabled, so") {
		t.Errorf("MIGRATION.md calls a bare script's hook disabled:\n%s", md)
	}
	for _, want := range []string{"| not known |", "does not say whether the hook is enabled", "do not bind it: its source does not say"} {
		if !strings.Contains(md, want) {
			t.Errorf("MIGRATION.md lacks %q", want)
		}
	}
}
