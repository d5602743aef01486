package verify_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/verify"
)

// Plan gives every drafted Action a verdict and one finding per draft not
// proven equivalent, with the rule its verdict calls for, at the hook.
func TestPlanVerdictsAndFindings(t *testing.T) {
	inv, err := tenant.LoadDeployDirectory("../testdata/tenant/deploy-directory", tenant.DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hooks := migrate.Analyze(inv.Hooks, true)
	plan := migrate.Build(hooks, migrate.Options{})
	verify.Plan(hooks, plan, verify.Options{})
	want := map[string]string{}
	for _, a := range plan.Actions {
		if a.Draft == nil {
			if a.Verdict != nil {
				t.Errorf("%s: a verdict without a draft", a.Hook)
			}
			continue
		}
		if a.Verdict == nil {
			t.Fatalf("%s: drafted but not verified", a.Hook)
		}
		if a.Draft.Usable() && plan.Compiled(a.Draft) == nil {
			t.Errorf("%s: a usable draft without the program its checks compiled", a.Hook)
		}
		switch a.Verdict.Status {
		case migrate.VerdictDiffers:
			want[a.Hook] = finding.RuleDraftDiffers
		case migrate.VerdictNotVerified:
			want[a.Hook] = finding.RuleDraftNotVerified
		}
	}
	got := map[string]string{}
	for _, f := range plan.Findings {
		if f.Rule == finding.RuleDraftDiffers || f.Rule == finding.RuleDraftNotVerified {
			got[f.Hook] = f.Rule
			if f.Location.File == "" {
				t.Errorf("%s: finding without a location", f.Hook)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	for hook, rule := range want {
		if got[hook] != rule {
			t.Errorf("%s: finding %q, want %q", hook, got[hook], rule)
		}
	}
	// The export carries a real-looking secret value: verification only
	// ever used placeholders, so no verdict can hold it.
	out, _ := json.Marshal(plan)
	if strings.Contains(string(out), "CANARY") {
		t.Error("a secret value reached the plan")
	}
}
