package migrate

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// boundAction is an enabled hook's Action with files on trigger.
func boundAction(name, trig string) ActionPlan {
	t, _ := trigger.Lookup(trig)
	return ActionPlan{Hook: name, Name: name, FileName: name, HookEnabled: true, TriggerID: trig, Version: "v2",
		Handler: t.ActionHandler, Runtime: Runtime, SecretsKnown: true,
		Draft: &Draft{Code: "exports." + t.ActionHandler + " = async (event) => {};\n"}}
}

// entry is one entry of a Deploy CLI triggers list.
func entry(action, shown string) trigger.DeployCLIEntry {
	return trigger.DeployCLIEntry{ActionName: action, DisplayName: shown}
}

// triggersFile renders the plan's files and returns the triggers file.
func triggersFile(t *testing.T, p *Plan, opts FilesOptions) map[string][]trigger.DeployCLIEntry {
	t.Helper()
	files := filesOf(t, p, opts)
	body, ok := files[TriggersFile]
	if !ok {
		return nil
	}
	var out map[string][]trigger.DeployCLIEntry
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBindings(t *testing.T) {
	const pur, cce = "pre-user-registration", "credentials-exchange"
	risk := trigger.Binding{ActionName: "Risk", DisplayName: "Risk score", ActionID: "a1"}
	known := map[string][]trigger.Binding{pur: {risk}, cce: {}}
	disabled := boundAction("off", pur)
	disabled.HookEnabled = false
	differs := boundAction("differs", pur)
	differs.Verdict = &Verdict{Status: VerdictDiffers}
	var full []trigger.Binding
	for i := range MaxActionsPerTrigger {
		full = append(full, trigger.Binding{ActionName: fmt.Sprintf("existing-%d", i)})
	}
	tests := []struct {
		name     string
		actions  []ActionPlan
		findings []finding.Finding
		existing map[string][]trigger.Binding
		want     map[string][]trigger.DeployCLIEntry
		why      map[string]string // Action -> fragment of why it is not bound
	}{
		{
			name:     "existing bindings first, ours after, in name order",
			actions:  []ActionPlan{boundAction("b", pur), boundAction("a", pur), boundAction("m2m", cce)},
			existing: known,
			want: map[string][]trigger.DeployCLIEntry{
				pur: {entry("Risk", "Risk score"), entry("a", "a"), entry("b", "b")},
				cce: {entry("m2m", "m2m")},
			},
		},
		{
			// Running again on an export that has our binding changes nothing.
			name:     "already bound stays in place",
			actions:  []ActionPlan{boundAction("a", pur)},
			existing: map[string][]trigger.Binding{pur: {{ActionName: "a", DisplayName: "mine"}, risk}},
			want:     map[string][]trigger.DeployCLIEntry{pur: {entry("a", "mine"), entry("Risk", "Risk score")}},
		},
		{
			name:     "unknown bindings: nothing bound to that trigger",
			actions:  []ActionPlan{boundAction("a", pur), boundAction("m2m", cce)},
			existing: map[string][]trigger.Binding{cce: {}},
			want:     map[string][]trigger.DeployCLIEntry{cce: {entry("m2m", "m2m")}},
			why:      map[string]string{"a": "are not known"},
		},
		{
			name:    "no bindings known at all: no triggers file",
			actions: []ActionPlan{boundAction("a", pur)},
			why:     map[string]string{"a": "are not known"},
		},
		{
			name:     "disabled hook, unfinished draft, verdict differs: not bound",
			actions:  []ActionPlan{disabled, boundAction("blocked", pur), differs},
			findings: []finding.Finding{{Rule: finding.RuleNoActionEquivalent, Hook: "blocked", Severity: finding.Warning}},
			existing: known,
			why:      map[string]string{"off": "disabled", "blocked": "no-action-equivalent", "differs": "differ"},
		},
		{
			name:     "a trigger would exceed 20 Actions",
			actions:  []ActionPlan{boundAction("a", pur)},
			existing: map[string][]trigger.Binding{pur: full},
			why:      map[string]string{"a": "more than Auth0's 20"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Plan{Actions: tt.actions}
			opts := FilesOptions{Findings: tt.findings, Bindings: tt.existing}
			if diff := cmp.Diff(tt.want, triggersFile(t, p, opts)); diff != "" {
				t.Errorf("triggers file (-want +got):\n%s", diff)
			}
			files := filesOf(t, p, opts)
			for _, a := range tt.actions {
				var d deployAction
				if err := json.Unmarshal(files[ActionJSONPath(a)], &d); err != nil {
					t.Fatal(err)
				}
				why, unbound := tt.why[a.Name]
				if d.Deployed == unbound {
					t.Errorf("%s: deployed %v, want %v", a.Name, d.Deployed, !unbound)
				}
				if unbound && !strings.Contains(string(files[ChecklistFile]), why) {
					t.Errorf("%s: MIGRATION.md does not say why it is not bound (%q)", a.Name, why)
				}
			}
		})
	}
}

// Terraform appends one binding at a time: unknown existing bindings are
// no reason not to bind, and the disabled hook's Action is still unbound.
func TestTerraformBindingsAppend(t *testing.T) {
	off := boundAction("off", "post-change-password")
	off.HookEnabled = false
	p := &Plan{Actions: []ActionPlan{boundAction("a", "pre-user-registration"), off}}
	files := filesOf(t, p, FilesOptions{Target: TargetTerraform})
	tf := string(files[TerraformFile])
	if !strings.Contains(tf, `resource "auth0_trigger_action" "a"`) || strings.Contains(tf, `resource "auth0_trigger_action" "off"`) {
		t.Errorf("want a binding for a only:\n%s", tf)
	}
	if _, ok := files[TriggersFile]; ok {
		t.Error("Terraform output has a Deploy CLI triggers file")
	}
}

// The YAML layout: tenant.yaml holds the Actions and the triggers, the
// code beside it, and no directory-format file.
func TestFilesYAMLGolden(t *testing.T) {
	p, analysis := planOf(t, deployFixture)
	files := filesOf(t, p, FilesOptions{Findings: analysis, Bindings: bindingsOf(t, deployFixture), Layout: LayoutYAML})
	for name := range files {
		if strings.HasSuffix(name, ".json") && name != PlanFile {
			t.Errorf("YAML layout wrote %s", name)
		}
	}
	if _, ok := files["actions/twilio-sms/code.js"]; !ok {
		t.Error("no code file beside tenant.yaml")
	}
	checkGolden(t, filepath.Join("..", "testdata", "golden", "migrate-yaml", TenantYAMLFile), string(files[TenantYAMLFile]))
}
