package reports

import (
	"os"
	"path/filepath"
	"strings"
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

// TestLoadBaselineNotAReport: a file that is JSON but not a report is
// refused in the file's terms, never with the Go type it was decoded into.
func TestLoadBaselineNotAReport(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ content, want string }{
		{`[{"id": "x"}]`, "the top level: a list where an object is wanted"},
		{`{"schema_version": 1, "findings": {"rule": "x"}}`, `"findings": an object where a list is wanted`},
		{`{"schema_version": 1, "findings": [{"rule": 7}]}`, `"findings.rule": a number where a string is wanted`},
		{`{"schema_version": `, "unexpected end of JSON input"},
	} {
		path := filepath.Join(dir, "baseline.json")
		if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadBaseline(path)
		if err == nil {
			t.Fatalf("LoadBaseline(%s) = nil error", tt.content)
		}
		if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "Go value") || strings.Contains(msg, "struct {") {
			t.Errorf("LoadBaseline(%s): %s; want it to say %q, without Go types", tt.content, msg, tt.want)
		}
	}
}

// TestLoadBaselineMissing: a missing baseline is named with its path and
// the reason, not as the system call that failed ("stat x: ...").
func TestLoadBaselineMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	_, err := LoadBaseline(path)
	want := "reading the baseline " + path + ": no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("LoadBaseline(missing) = %v, want %q", err, want)
	}
}
