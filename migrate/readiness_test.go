package migrate

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// assess plans one hook and assesses its Action with every finding the
// analysis and the plan gave it, as the reports do.
func assess(in HookInput, verdict *Verdict) Assessment {
	in = Analyze([]tenant.Hook{in.Hook}, true)[0]
	p := Build([]HookInput{in}, Options{})
	a := p.Actions[0]
	a.Verdict = verdict
	fs := append([]finding.Finding(nil), p.Findings...)
	if in.Result != nil {
		fs = append(fs, in.Result.Findings...)
	}
	return Assess(a, fs)
}

func TestAssess(t *testing.T) {
	equivalent := &Verdict{Status: VerdictEquivalent, Runs: 4}
	clean := input("clean", pur, []string{"API_KEY"},
		"module.exports = function (user, context, cb) { cb(null, { user: { app_metadata: { k: context.webtask.secrets.API_KEY } } }); };")
	cases := []struct {
		name    string
		in      HookInput
		verdict *Verdict
		want    Readiness
		todo    int
	}{
		{"verified and clean", clean, equivalent, Ready, 0},
		{"not verified is at best review", clean, nil, Review, 1},
		{"verification could not run", clean, &Verdict{Status: VerdictNotVerified, Reason: "no fake for request"}, Manual, 1},
		{"draft differs", clean, &Verdict{Status: VerdictDiffers}, Manual, 1},
		{"unused secret is a warning to read", input("unused", pur, []string{"API_KEY", "OLD"},
			"module.exports = function (user, context, cb) { cb(null, { user: { app_metadata: { k: context.webtask.secrets.API_KEY } } }); };"),
			equivalent, Review, 1},
		{"missing secret is an error to resolve", input("missing", pur, []string{},
			"module.exports = function (user, context, cb) { cb(null, { user: { app_metadata: { k: context.webtask.secrets.API_KEY } } }); };"),
			equivalent, Manual, 1},
		{"parse error blocks", input("broken", pur, []string{"A"},
			"module.exports = function (user, context, cb) { context.webtask.secrets.A; ) };"), nil, Blocked, 1},
		{"unknown trigger needs a person", input("anon", "", nil, "module.exports = function () {};"), nil, Manual, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := assess(c.in, c.verdict)
			if diff := cmp.Diff([2]any{c.want, c.todo}, [2]any{got.Readiness, got.Todo}); diff != "" {
				t.Errorf("readiness, todo (-want +got):\n%s\nwhy: %q", diff, got.Why)
			}
		})
	}
}

func TestAssessCountsNotesAndBlockers(t *testing.T) {
	in := input("storage", pur, nil, `module.exports = function (user, context, cb) {
  context.webtask.storage.get(function (err, data) { cb(null, { user: user }); });
};`)
	got := assess(in, &Verdict{Status: VerdictEquivalent})
	p := Build(Analyze([]tenant.Hook{in.Hook}, true), Options{})
	if got.Readiness != Manual {
		t.Fatalf("readiness = %s, want manual (why %q)", got.Readiness, got.Why)
	}
	want := len(blockers(p.Findings)) + noteCount(p.Actions[0])
	if got.Todo < want || want == 0 {
		t.Errorf("todo = %d, want at least the %d blockers and notes (why %q)", got.Todo, want, got.Why)
	}
}

func TestAssessIgnoresTenantNotes(t *testing.T) {
	p := Build(Analyze([]tenant.Hook{input("clean", pur, nil, "module.exports = function (user, context, cb) { cb(); };").Hook}, true), Options{})
	fs := []finding.Finding{
		{Rule: finding.RuleLoadError, Severity: finding.Note, Message: "trigger versions could not be read"},
		{Rule: finding.RuleHookRemaining, Severity: finding.Note, Hook: "clean"},
	}
	a := p.Actions[0]
	a.Verdict = &Verdict{Status: VerdictEquivalent}
	if got := Assess(a, fs); got.Readiness != Ready || got.Todo != 0 {
		t.Errorf("Assess = %+v, want ready with nothing to do", got)
	}
}

func TestTenantHookName(t *testing.T) {
	for _, tt := range []struct {
		kind, name, want string
	}{
		{tenant.OriginDeployDir, "Welcome email and Slack", "welcome-email-and-slack"},
		{tenant.OriginDeployYAML, "Tab\there\u00a0NBSP", "tab-here-nbsp"},
		{tenant.OriginAPI, "Welcome email", "Welcome email"},
		{tenant.OriginTerraform, "Welcome email", "Welcome email"},
	} {
		h := tenant.Hook{Name: tt.name, Origin: tenant.Origin{Kind: tt.kind}}
		if got := TenantHookName(h, tt.name); got != tt.want {
			t.Errorf("TenantHookName(%s %q) = %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
	if got := TenantHookName(tenant.Hook{}, "fallback"); got != "fallback" {
		t.Errorf("unknown hook: %q, want the fallback", got)
	}
}
