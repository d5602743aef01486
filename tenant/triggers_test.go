package tenant

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// fixtureBindings are the trigger bindings of both Deploy CLI fixtures:
// what their triggers file lists, and every other hook trigger known to
// have none.
func fixtureBindings() map[string][]trigger.Binding {
	return map[string][]trigger.Binding{
		"post-login":             {{ActionName: "Post Login Audit", DisplayName: "Post Login Audit"}},
		"pre-user-registration":  {{ActionName: "Signup Risk Score", DisplayName: "Risk score"}},
		"credentials-exchange":   {},
		"post-change-password":   {},
		"post-user-registration": {},
		"send-phone-message":     {},
	}
}

// writeExport writes a directory export with one hook and the given
// files, relative to the export.
func writeExport(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["hooks/h.json"] = `{"name": "h", "triggerId": "post-login-x", "script": "./h.js"}`
	files["hooks/h.js"] = "module.exports = function (user, context, cb) { cb(); };\n"
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDeployTriggersDirectory(t *testing.T) {
	mappings := map[string]string{"RISK": KeywordString("Risk \"score\"")}
	tests := []struct {
		name    string
		files   map[string]string
		want    map[string][]trigger.Binding
		problem string // a fragment of the one warning, if any
	}{
		{name: "no triggers folder: unknown", files: map[string]string{}},
		{name: "empty triggers folder: unknown", files: map[string]string{"triggers/README.md": "none"}},
		{
			name: "the first .json file is read, with keyword replacement, in order",
			files: map[string]string{
				"triggers/a.json": `{"pre-user-registration": [{"action_name": "B", "display_name": @@RISK@@}, {"action_name": "A", "display_name": "a"}], "post-login": []}`,
				"triggers/b.json": `{"send-phone-message": [{"action_name": "ignored"}]}`,
			},
			want: map[string][]trigger.Binding{
				"pre-user-registration":  {{ActionName: "B", DisplayName: `Risk "score"`}, {ActionName: "A", DisplayName: "a"}},
				"post-login":             {},
				"credentials-exchange":   {},
				"post-change-password":   {},
				"post-user-registration": {},
				"send-phone-message":     {},
			},
		},
		{
			name:    "invalid JSON: unknown, with the place",
			files:   map[string]string{"triggers/triggers.json": "{\n  \"post-login\": [\n}"},
			problem: "triggers.json:3:1: trigger bindings: invalid JSON",
		},
		{
			name:    "wrong shape: unknown",
			files:   map[string]string{"triggers/triggers.json": `{"post-login": {"action_name": "x"}}`},
			problem: "trigger bindings: want an object of trigger ids",
		},
		{
			// Writing that list back without the broken entry would unbind it.
			name:  "an entry without action_name makes that trigger unknown",
			files: map[string]string{"triggers/triggers.json": `{"post-login": [{"display_name": "x"}], "send-phone-message": [{"action_name": "Twilio"}]}`},
			want: map[string][]trigger.Binding{
				"send-phone-message":     {{ActionName: "Twilio"}},
				"credentials-exchange":   {},
				"post-change-password":   {},
				"post-user-registration": {},
				"pre-user-registration":  {},
			},
			problem: `binding 1 of trigger "post-login" has no action_name`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeExport(t, tt.files)
			inv, err := LoadDeployDirectory(dir, DeployOptions{Mappings: mappings})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, inv.Bindings); diff != "" {
				t.Errorf("bindings (-want +got):\n%s", diff)
			}
			checkBindingProblem(t, inv, tt.problem)
		})
	}
}

func checkBindingProblem(t *testing.T, inv *Inventory, want string) {
	t.Helper()
	var got []Problem
	for _, p := range inv.Problems {
		if strings.Contains(p.Message, "trigger bindings") {
			got = append(got, p)
		}
	}
	switch {
	case want == "" && len(got) > 0:
		t.Errorf("problems %v, want none", got)
	case want != "" && len(got) != 1:
		t.Errorf("problems %v, want one saying %q", got, want)
	case want != "":
		if !strings.Contains(got[0].Error(), want) || got[0].Severity != finding.Warning {
			t.Errorf("problem %q (%s), want a warning saying %q", got[0].Error(), got[0].Severity, want)
		}
	}
}

func TestDeployTriggersYAML(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       map[string][]trigger.Binding
		problem    string
	}{
		{name: "no triggers key: unknown", yaml: "hooks: []\n"},
		{name: "triggers: null: unknown", yaml: "triggers:\nhooks: []\n"},
		{
			name: "listed in order, the rest known empty",
			yaml: "triggers:\n  credentials-exchange:\n    - action_name: M2M claims\n      display_name: Claims\n    - action_name: Rate\n      display_name: Rate\n",
			want: map[string][]trigger.Binding{
				"credentials-exchange":   {{ActionName: "M2M claims", DisplayName: "Claims"}, {ActionName: "Rate", DisplayName: "Rate"}},
				"post-change-password":   {},
				"post-user-registration": {},
				"pre-user-registration":  {},
				"send-phone-message":     {},
			},
		},
		{name: "a list instead of a mapping", yaml: "triggers:\n  - post-login\n", problem: "tenant.yaml:2:3: trigger bindings: \"triggers\" should map trigger ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "tenant.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			inv, err := LoadDeployYAML(path, DeployOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, inv.Bindings); diff != "" {
				t.Errorf("bindings (-want +got):\n%s", diff)
			}
			checkBindingProblem(t, inv, tt.problem)
		})
	}
}
