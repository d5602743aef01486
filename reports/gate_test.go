package reports

import (
	"testing"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// The default gate fails on every hook that was not read, and lets a note
// about the tenant (an assumption the plan made) pass.
func TestDefaultGateOnSourceProblems(t *testing.T) {
	gate, err := ParseGate(DefaultFailOn)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		problem  tenant.Problem
		rule     string
		wantFail bool
	}{
		{"hook not read", tenant.Problem{Hook: "h", Message: "hooks/h.json: invalid JSON"}, finding.RuleLoadError, true},
		{"bindings unknown", tenant.Problem{Severity: finding.Warning, Message: "trigger bindings: broken"}, finding.RuleLoadError, true},
		{"trigger versions assumed", tenant.Problem{Severity: finding.Note, Message: "could not read the Action trigger versions"}, finding.RuleSourceNote, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := loadError(tt.problem)
			if f.Rule != tt.rule {
				t.Errorf("rule = %s, want %s", f.Rule, tt.rule)
			}
			if got := gate.Fails(f); got != tt.wantFail {
				t.Errorf("default gate fails = %v, want %v (finding %+v)", got, tt.wantFail, f)
			}
		})
	}
}
