package migrate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// FuzzDraft runs the analysis with its detail and the plan on any script,
// under every trigger: nothing may panic or come out as internal-error,
// and the draft of a hook that compiles must compile too.
func FuzzDraft(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/*/*.js")
	for _, path := range seeds {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	// Crashers found by earlier runs: a repeated parameter name, and a
	// function named like its own parameter.
	f.Add("function(A,A0000,e,A,cb){const access_token={A}\ncb(null,access_token)}")
	f.Add("function r(r,A0){}")
	f.Fuzz(func(t *testing.T, src string) {
		hookCompiles := compiles([]byte(src))
		for _, id := range trigger.IDs() {
			p := Build([]HookInput{detailed("fuzz", id, []byte(src))}, Options{})
			for _, fd := range p.Findings {
				if fd.Rule == finding.RuleInternalError || fd.Rule == finding.RuleDraftCompileError && hookCompiles {
					code := ""
					if d := p.Actions[0].Draft; d != nil {
						code = d.Code
					}
					t.Fatalf("%s: %s: %s\nscript:\n%s\ndraft:\n%s", id, fd.Rule, fd.Message, src, code)
				}
			}
		}
	})
}

// compiles says whether a script compiles as a CommonJS module.
func compiles(src []byte) bool {
	m, err := analyzer.ParseModule("hook.js", src)
	if err != nil {
		return false
	}
	_, cerr := compileModule(m)
	return cerr == nil
}
