package migrate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// FuzzDraft runs the analysis with its detail and the plan on any script,
// under every trigger: nothing may panic, and a draft that does not parse
// is a bug (makeDraft reports it as internal-error rather than writing it).
func FuzzDraft(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/*/*.js")
	for _, path := range seeds {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, id := range trigger.IDs() {
			p := Build([]HookInput{detailed("fuzz", id, []byte(src))}, Options{})
			for _, fd := range p.Findings {
				if fd.Rule == finding.RuleInternalError {
					t.Fatalf("%s: %s\nscript:\n%s", id, fd.Message, src)
				}
			}
		}
	})
}
