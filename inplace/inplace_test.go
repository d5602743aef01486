package inplace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/internal/ownership"
)

// actionFiles are an Action's files in the directory layout, as
// migrate.Plan.Files writes them.
var actionFiles = map[string][]byte{
	"actions/welcome.json": []byte(`{
  "code": "./actions/welcome/code.js",
  "dependencies": [],
  "deployed": false,
  "name": "welcome",
  "runtime": "node22",
  "secrets": [{"name": "PLAN", "value": "##WELCOME__PLAN##"}],
  "supported_triggers": [{"id": "post-user-registration", "version": "v2"}]
}
`),
	"actions/welcome/code.js": []byte("exports.onExecutePostUserRegistration = async (event, api) => {};\n"),
	"MIGRATION.md":            []byte("# not for the export\n"),
}

const welcomeEntry = `  - name: welcome
    code: ./actions/welcome/code.js
    dependencies: []
    deployed: false
    runtime: node22
    secrets:
      - name: PLAN
        value: '##WELCOME__PLAN##'
    supported_triggers:
      - id: post-user-registration
        version: v2
`

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func plainWrite(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }

// TestYAMLKeepsEveryOtherByte adds the entry to several tenant.yaml files
// and checks that taking it out again gives the original bytes.
func TestYAMLKeepsEveryOtherByte(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"list in the middle, markers and comments",
			"# top\ntenant:\n  friendly_name: '##ENV## Acme'  # c\n  logout: @@URLS@@\nactions:\n- name: other\n  code: ./actions/other/code.js\n\n# next\nhooks: []\n",
			"# top\ntenant:\n  friendly_name: '##ENV## Acme'  # c\n  logout: @@URLS@@\nactions:\n- name: other\n  code: ./actions/other/code.js\n" +
				dedent(welcomeEntry) + "\n# next\nhooks: []\n"},
		{"CRLF line ends",
			"tenant:\r\n  a: 1\r\nactions:\r\n  - name: other\r\n    code: x\r\n",
			"tenant:\r\n  a: 1\r\nactions:\r\n  - name: other\r\n    code: x\r\n" + strings.ReplaceAll(welcomeEntry, "\n", "\r\n")},
		{"empty actions: with a comment",
			"actions: # none yet\nrules: []\n",
			"actions: # none yet\n" + welcomeEntry + "rules: []\n"},
		{"actions: ~", "actions: ~\n", "actions:\n" + welcomeEntry},
		{"no actions:, no final line feed", "rules: []", "rules: []\nactions:\n" + welcomeEntry},
		{"empty file", "", "actions:\n" + welcomeEntry},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"tenant.yaml": tc.yaml})
			exp, err := Open(filepath.Join(dir, "tenant.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			changes, err := exp.Changes(actionFiles)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			var paths []string
			for _, c := range changes {
				paths = append(paths, c.Path)
				if c.Path == "tenant.yaml" {
					got = string(c.New)
					if string(c.Old) != tc.yaml {
						t.Errorf("Old is not the file as it was")
					}
				}
			}
			if diff := cmp.Diff([]string{ownership.FileName, "actions/welcome/code.js", "tenant.yaml"}, paths); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("tenant.yaml (-want +got):\n%s", diff)
			}
		})
	}
}

func dedent(s string) string {
	return strings.ReplaceAll(strings.TrimPrefix(s, "  "), "\n  ", "\n")
}

// TestChangesOwnership: a file it wrote (recorded, unchanged) is updated;
// one it did not write, or edited since, is a conflict and nothing changes.
func TestChangesOwnership(t *testing.T) {
	dir := writeTree(t, map[string]string{"tenant.json": "{}"})
	exp, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := exp.Changes(actionFiles)
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(exp.Root, changes, plainWrite); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "MIGRATION.md")); err == nil {
		t.Errorf("MIGRATION.md went into the export")
	}
	// Ours, unchanged: updated.
	updated := map[string][]byte{"actions/welcome/code.js": []byte("exports.onExecutePostUserRegistration = async () => { /* v2 */ };\n")}
	changes, err = exp.Changes(updated)
	if err != nil || len(changes) != 2 || changes[1].Old == nil {
		t.Fatalf("update of its own file: changes %v, err %v", changes, err)
	}
	// Edited by a person: refused.
	code := filepath.Join(dir, "actions", "welcome", "code.js")
	if err := os.WriteFile(code, []byte("// mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = exp.Changes(updated)
	var conflict *ConflictError
	if !errors.As(err, &conflict) || !strings.Contains(err.Error(), "actions/welcome/code.js: written by hooks2actions, but edited since") {
		t.Errorf("edited file: err = %v, want a conflict", err)
	}
	// Not written by it at all: refused.
	if err := os.Remove(filepath.Join(dir, ownership.FileName)); err != nil {
		t.Fatal(err)
	}
	if _, err := exp.Changes(actionFiles); !errors.As(err, &conflict) || !strings.Contains(err.Error(), "not written by hooks2actions") {
		t.Errorf("unrecorded file: err = %v, want a conflict", err)
	}
}

// TestApplyPutsBack: when a write fails, the files written before it are
// put back as they were.
func TestApplyPutsBack(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "old a\n"})
	changes := []Change{
		{Path: "a.txt", Old: []byte("old a\n"), New: []byte("new a\n")},
		{Path: "b/new.txt", New: []byte("new b\n")},
		{Path: "c.txt", New: []byte("new c\n")},
	}
	failing := func(path string, data []byte) error {
		if filepath.Base(path) == "c.txt" {
			return errors.New("disk full")
		}
		return plainWrite(path, data)
	}
	err := Apply(dir, changes, failing)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the write's", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(got) != "old a\n" {
		t.Errorf("a.txt = %q, want it put back", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "b", "new.txt")); err == nil {
		t.Errorf("b/new.txt was left behind")
	}
}

func TestDiff(t *testing.T) {
	got := string(Diff([]Change{
		{Path: "actions/x y.json", New: []byte("{}\n")},
		{Path: "tenant.yaml", Old: []byte("a: 1\nb: 2\n"), New: []byte("a: 1\nb: 2\nactions:\n  - name: x\n")},
	}))
	want := `diff --git a/actions/x y.json b/actions/x y.json
new file mode 100644
--- /dev/null
+++ b/actions/x y.json
@@ -0,0 +1,1 @@
+{}
diff --git a/tenant.yaml b/tenant.yaml
--- a/tenant.yaml
+++ b/tenant.yaml
@@ -1,2 +1,4 @@
 a: 1
 b: 2
+actions:
+  - name: x
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Diff (-want +got):\n%s", diff)
	}
}

// withTriggers are the Action files and a triggers file that keeps the
// binding pre-user-registration had and adds the migration's.
func withTriggers(triggers string) map[string][]byte {
	files := map[string][]byte{TriggersFile: []byte(triggers)}
	for k, v := range actionFiles {
		files[k] = v
	}
	return files
}

// ourTriggersInto is the directory export of files, and the changes that
// add withTriggers(ourTriggers) to it.
func ourTriggersInto(t *testing.T, files map[string]string) (Export, []Change) {
	t.Helper()
	exp, err := Open(writeTree(t, files))
	if err != nil {
		t.Fatal(err)
	}
	changes, err := exp.Changes(withTriggers(ourTriggers))
	if err != nil {
		t.Fatal(err)
	}
	return exp, changes
}

const ourTriggers = `{
  "post-user-registration": [{"action_name": "welcome", "display_name": "welcome"}],
  "pre-user-registration": [
    {"action_name": "Signup Risk Score", "display_name": "Risk score"},
    {"action_name": "allowlist", "display_name": "allowlist"}
  ]
}
`

func TestTriggersDirectory(t *testing.T) {
	existing := `{
  "post-login": [
    {
      "action_name": "Post Login Audit",
      "display_name": "Post Login Audit"
    }
  ],
  "pre-user-registration": [
    {
      "action_name": "Signup Risk Score",
      "display_name": "Risk score"
    }
  ]
}
`
	exp, changes := ourTriggersInto(t, map[string]string{TriggersFile: existing})
	want := `{
  "post-login": [
    {
      "action_name": "Post Login Audit",
      "display_name": "Post Login Audit"
    }
  ],
  "pre-user-registration": [
    {
      "action_name": "Signup Risk Score",
      "display_name": "Risk score"
    },
    {
      "action_name": "allowlist",
      "display_name": "allowlist"
    }
  ],
  "post-user-registration": [
    {
      "action_name": "welcome",
      "display_name": "welcome"
    }
  ]
}
`
	got := ""
	for _, c := range changes {
		if c.Path == TriggersFile {
			got = string(c.New)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", TriggersFile, diff)
	}

	// A list that would drop a binding the export has is refused.
	dropping := `{"pre-user-registration": [{"action_name": "allowlist", "display_name": "allowlist"}]}`
	_, err := exp.Changes(withTriggers(dropping))
	if err == nil || !strings.Contains(err.Error(), `trigger "pre-user-registration": the new list would drop or reorder Actions already bound`) {
		t.Errorf("dropping a binding: err = %v", err)
	}
}

// The triggers file of a directory that --out wrote is recorded in its
// manifest; --into merges into it, and records it as edited by itself, so
// that the directory stays a previous output --force may replace. One the
// manifest does not record stays unrecorded.
func TestChangesKeepAWrittenFileRecorded(t *testing.T) {
	existing := `{"pre-user-registration": [{"action_name": "Signup Risk Score", "display_name": "Risk score"}]}` + "\n"
	for _, recorded := range []bool{true, false} {
		m := ownership.New()
		if recorded {
			m.RecordFile(TriggersFile, []byte(existing))
		}
		m.RecordFile("MIGRATION.md", []byte("# checklist\n"))
		manifest, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		exp, changes := ourTriggersInto(t, map[string]string{TriggersFile: existing, ownership.FileName: string(manifest), "MIGRATION.md": "# checklist\n"})
		dir := exp.Root
		if err := Apply(dir, changes, plainWrite); err != nil {
			t.Fatal(err)
		}
		after, err := ownership.Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		merged, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(TriggersFile)))
		if err != nil {
			t.Fatal(err)
		}
		want := ownership.NotWritten
		if recorded {
			want = ownership.Unchanged
		}
		if st := after.FileStatus(TriggersFile, merged); st != want {
			t.Errorf("recorded before %v: the merged triggers file is %v, want %v", recorded, st, want)
		}
		if st := after.FileStatus("MIGRATION.md", []byte("# checklist\n")); st != ownership.Unchanged {
			t.Errorf("recorded before %v: MIGRATION.md, recorded and left alone, is %v", recorded, st)
		}
	}
}

func TestTriggersYAML(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"merged into the mapping",
			"actions: []\ntriggers:\n  post-login:\n    - action_name: Post Login Audit\n      display_name: Post Login Audit\n" +
				"  pre-user-registration:\n    - action_name: Signup Risk Score\n      display_name: Risk score\n# end\n",
			"actions:\n" + welcomeEntry + "triggers:\n  post-login:\n    - action_name: Post Login Audit\n      display_name: Post Login Audit\n" +
				"  pre-user-registration:\n    - action_name: Signup Risk Score\n      display_name: Risk score\n" +
				"    - action_name: allowlist\n      display_name: allowlist\n" +
				"  post-user-registration:\n    - action_name: welcome\n      display_name: welcome\n# end\n"},
		{"no triggers: yet",
			"tenant: {}\n",
			"tenant: {}\nactions:\n" + welcomeEntry + "triggers:\n  post-user-registration:\n    - action_name: welcome\n      display_name: welcome\n" +
				"  pre-user-registration:\n    - action_name: Signup Risk Score\n      display_name: Risk score\n" +
				"    - action_name: allowlist\n      display_name: allowlist\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"tenant.yaml": tc.yaml})
			exp, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			changes, err := exp.Changes(withTriggers(ourTriggers))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, c := range changes {
				if c.Path == "tenant.yaml" {
					got = string(c.New)
				}
				if c.Path == TriggersFile {
					t.Errorf("a YAML export got %s", TriggersFile)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("tenant.yaml (-want +got):\n%s", diff)
			}
		})
	}
}

// TestYAMLFormsRefused: the forms --into does not edit are errors that
// name the line, never a guess.
func TestYAMLFormsRefused(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"actions: [{name: a}]\n", "line 1: actions: is not a block list"},
		{"actions:\n  -\n    name: a\n", "line 3: an actions: entry that does not start its line"},
		{"actions: 3\n", "line 1: actions: is not a block list"},
		{"triggers: [a]\n", "line 1: triggers: is not a block mapping"},
		{"actions: [\n", "reading"},
	} {
		dir := writeTree(t, map[string]string{"tenant.yaml": tc.yaml})
		exp, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		_, err = exp.Changes(withTriggers(ourTriggers))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
