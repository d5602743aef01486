package apply

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi"
	"github.com/hooks2actions/hooks2actions/trigger"
)

const code = "exports.onExecutePostUserRegistration = async (event) => { post(event.secrets.URL); };\n"

func planned(name string) migrate.ActionPlan {
	return migrate.ActionPlan{
		Hook: name, HookID: "01" + name, HookEnabled: true, Name: name,
		TriggerID: "post-user-registration", Version: "v2", Runtime: "node22",
		Secrets:      []migrate.SecretMapping{{Key: "URL", Status: migrate.Carry, Marker: "W__URL"}, {Key: "OLD", Status: migrate.Unused}},
		Dependencies: []migrate.Dependency{{Name: "axios", Version: "1.6.0"}},
		Draft:        &migrate.Draft{Code: code},
	}
}

// deployed is the tenant's copy of planned(name), deployed.
func deployed(name string) mgmtapi.Action {
	return mgmtapi.Action{
		ID: "id-" + name, Name: name, Code: code, Runtime: "node22",
		SupportedTriggers:  []mgmtapi.ActionTrigger{{ID: "post-user-registration", Version: "v2"}},
		Dependencies:       []mgmtapi.ActionDependency{{Name: "axios", Version: "1.6.0"}},
		Secrets:            []mgmtapi.ActionSecretName{{Name: "URL"}},
		AllChangesDeployed: true,
	}
}

func bound(names ...string) []trigger.Binding {
	out := []trigger.Binding{}
	for _, n := range names {
		out = append(out, trigger.Binding{ActionName: n, DisplayName: n, ActionID: "id-" + n})
	}
	return out
}

func TestCompareSteps(t *testing.T) {
	edit := func(f func(*mgmtapi.Action)) []mgmtapi.Action {
		a := deployed("w")
		f(&a)
		return []mgmtapi.Action{a}
	}
	tests := []struct {
		name     string
		actions  []mgmtapi.Action
		bindings []trigger.Binding
		want     []Step
	}{
		{"new", nil, bound("other"), []Step{StepCreate, StepSetSecrets, StepDeploy, StepBind}},
		{"in place", []mgmtapi.Action{deployed("w")}, bound("other", "w"), nil},
		{"code changed", edit(func(a *mgmtapi.Action) { a.Code = "old" }), bound("w"), []Step{StepUpdateCode, StepDeploy}},
		{"dependency version changed", edit(func(a *mgmtapi.Action) { a.Dependencies[0].Version = "0.21.1" }), bound("w"), []Step{StepUpdateDependencies, StepDeploy}},
		{"runtime changed", edit(func(a *mgmtapi.Action) { a.Runtime = "node18-actions" }), bound("w"), []Step{StepUpdateRuntime, StepDeploy}},
		{"trigger version changed", edit(func(a *mgmtapi.Action) { a.SupportedTriggers[0].Version = "v1" }), bound("w"), []Step{StepUpdateTrigger, StepDeploy}},
		{"secret names changed", edit(func(a *mgmtapi.Action) { a.Secrets = nil }), bound("w"), []Step{StepSetSecrets, StepDeploy}},
		{"not deployed", edit(func(a *mgmtapi.Action) { a.AllChangesDeployed = false }), bound("w"), []Step{StepDeploy}},
		{"not bound", []mgmtapi.Action{deployed("w")}, bound("other"), []Step{StepBind}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := &migrate.Plan{Actions: []migrate.ActionPlan{planned("w")}}
			ch := Compare(plan, State{Actions: tt.actions, Bindings: map[string][]trigger.Binding{"post-user-registration": tt.bindings}}, Options{})
			if diff := cmp.Diff(tt.want, ch.Actions[0].Steps); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			if ch.Pending() != (len(tt.want) > 0) {
				t.Errorf("Pending() = %v with steps %v", ch.Pending(), tt.want)
			}
		})
	}
}

func TestCompareBindingsKeepExistingInOrder(t *testing.T) {
	plan := &migrate.Plan{Actions: []migrate.ActionPlan{planned("a"), planned("b")}}
	disabled := planned("c")
	disabled.HookEnabled = false
	plan.Actions = append(plan.Actions, disabled)
	ch := Compare(plan, State{Bindings: map[string][]trigger.Binding{"post-user-registration": bound("z", "b-old", "a-old")}}, Options{DisableHooks: true})
	tc := ch.Triggers[0]
	if diff := cmp.Diff([]string{"z", "b-old", "a-old", "a", "b"}, names(tc.After)); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
	if ch.Actions[0].BindAfter != "a-old" || ch.Actions[1].BindAfter != "a" {
		t.Errorf("bind after: %q, %q", ch.Actions[0].BindAfter, ch.Actions[1].BindAfter)
	}
	if !ch.Actions[0].Has(StepDisableHook) {
		t.Error("--disable-hooks: no disable step for an enabled hook")
	}
	if c := ch.Actions[2]; c.Has(StepBind) || c.Has(StepDisableHook) || !c.Has(StepCreate) {
		t.Errorf("disabled hook: steps %v, want created and not bound", c.Steps)
	}
}

func TestCompareSkips(t *testing.T) {
	differs := planned("w")
	differs.Verdict = &migrate.Verdict{Status: migrate.VerdictDiffers, Difference: &migrate.Difference{Input: "user without email", Hook: "denied", Action: "allowed"}}
	notVerified := planned("w")
	notVerified.Verdict = &migrate.Verdict{Status: migrate.VerdictNotVerified, Reason: "fake missing"}
	noDraft := planned("w")
	noDraft.Draft = nil
	noTrigger := planned("w")
	noTrigger.TriggerID = ""
	unusable := planned("w")
	unusable.Draft = &migrate.Draft{Code: code, Problems: []string{"it uses cb, which it never defines"}}
	blocker := finding.Finding{Rule: finding.RuleNoActionEquivalent, Hook: "w"}
	foreign := deployed("w")
	foreign.SupportedTriggers[0].ID = "post-login"
	tests := []struct {
		name      string
		a         migrate.ActionPlan
		findings  []finding.Finding
		actions   []mgmtapi.Action
		allow     bool
		skipWords string // "" = applied
	}{
		{"differs", differs, nil, nil, false, "user without email"},
		{"differs, allowed", differs, nil, nil, true, ""},
		{"not verified is applied", notVerified, nil, nil, false, ""},
		{"blocker", planned("w"), []finding.Finding{blocker}, nil, false, "1 blocker"},
		{"blocker, allowed", planned("w"), []finding.Finding{blocker}, nil, true, ""},
		{"no draft", noDraft, nil, nil, true, "no code draft: its script could not be read or parsed, or no hook function or context parameter was found (hooks2actions analyze"},
		{"no trigger", noTrigger, nil, nil, true, "trigger is unknown"},
		{"a draft that is not usable, even allowed", unusable, nil, nil, true, "it uses cb"},
		{"an Action of that name for another trigger", planned("w"), nil, []mgmtapi.Action{foreign}, true, "for the trigger post-login"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := &migrate.Plan{Actions: []migrate.ActionPlan{tt.a}, Findings: tt.findings}
			ch := Compare(plan, State{Actions: tt.actions, Bindings: map[string][]trigger.Binding{}}, Options{AllowUnverified: tt.allow})
			c := ch.Actions[0]
			switch {
			case tt.skipWords == "" && c.Skipped != "":
				t.Errorf("skipped: %s", c.Skipped)
			case tt.skipWords != "" && !strings.Contains(c.Skipped, tt.skipWords):
				t.Errorf("skip reason %q lacks %q", c.Skipped, tt.skipWords)
			case tt.skipWords != "" && (len(c.Steps) > 0 || len(ch.Triggers) > 0):
				t.Errorf("a skipped Action has steps %v or bindings %v", c.Steps, ch.Triggers)
			}
		})
	}
}

func TestResolveSecrets(t *testing.T) {
	a, b := planned("a"), planned("b")
	b.Secrets = append(b.Secrets, migrate.SecretMapping{Key: "TOKEN", Status: migrate.Missing, Marker: "B__TOKEN"})
	ch := Compare(&migrate.Plan{Actions: []migrate.ActionPlan{a, b}}, State{}, Options{})

	values, err := ParseSecrets([]byte("URL=v-shared\n[b]\nURL=v-for-b\n"), func(k string) string {
		return map[string]string{"B__TOKEN": "v-from-env"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := ResolveSecrets(ch, values)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]mgmtapi.SecretValue{
		"a": {{Name: "URL", Value: "v-shared"}},
		"b": {{Name: "URL", Value: "v-for-b"}, {Name: "TOKEN", Value: "v-from-env"}},
	}
	if diff := cmp.Diff(want, s.byAction); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if strings.Contains(fmtV(s), "v-") || strings.Contains(fmtV(values), "v-") {
		t.Error("a value prints through fmt")
	}

	_, err = ResolveSecrets(ch, NoValues(func(string) string { return "" }))
	for _, want := range []string{`no value for secret URL of Action "a"`, `no value for secret TOKEN of Action "b"`, "$B__TOKEN", "nothing was written"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

func TestCheckLimits(t *testing.T) {
	var existing []trigger.Binding
	for i := range 20 {
		existing = append(existing, trigger.Binding{ActionName: fmt.Sprintf("x%d", i)})
	}
	plan := &migrate.Plan{Actions: []migrate.ActionPlan{planned("w")}}
	st := State{Bindings: map[string][]trigger.Binding{"post-user-registration": existing}}
	if err := Compare(plan, st, Options{}).Check(st); err == nil || !strings.Contains(err.Error(), "21 bindings") {
		t.Errorf("a 21st binding: %v", err)
	}
	many := planned("w")
	for i := range 11 {
		many.Dependencies = append(many.Dependencies, migrate.Dependency{Name: fmt.Sprintf("d%d", i), Version: "1"})
	}
	st = State{}
	if err := Compare(&migrate.Plan{Actions: []migrate.ActionPlan{many}}, st, Options{}).Check(st); err == nil || !strings.Contains(err.Error(), "12 npm dependencies") {
		t.Errorf("12 dependencies: %v", err)
	}
	for i := range 100 {
		st.Actions = append(st.Actions, mgmtapi.Action{Name: fmt.Sprintf("a%d", i)})
	}
	if err := Compare(plan, st, Options{}).Check(st); err == nil || !strings.Contains(err.Error(), "101 Actions") {
		t.Errorf("a 101st Action: %v", err)
	}
	if err := Compare(plan, State{}, Options{}).Check(State{}); err != nil {
		t.Errorf("within the limits: %v", err)
	}
}

// A secret the hook reads without defining it reads undefined today: the
// error says so, as the choice is between a value and removing the read.
func TestMissingValueOfAMissingSecret(t *testing.T) {
	carried := missingValue("a", migrate.SecretMapping{Key: "URL", Status: migrate.Carry, Marker: "A__URL"})
	missing := missingValue("a", migrate.SecretMapping{Key: "FROM", Status: migrate.Missing, Marker: "A__FROM"})
	if strings.Contains(carried, "undefined") {
		t.Errorf("a defined secret's message talks of undefined: %s", carried)
	}
	for _, want := range []string{`no value for secret FROM of Action "a"`, "$A__FROM", "reads undefined today", "remove the read"} {
		if !strings.Contains(missing, want) {
			t.Errorf("message %q lacks %q", missing, want)
		}
	}
}
