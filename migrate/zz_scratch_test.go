package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZScratch(t *testing.T) {
	files, _ := filepath.Glob("/tmp/drafts-scratch/*.hook.js")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		first := strings.SplitN(string(src), "\n", 2)[0]
		trig := strings.TrimSpace(strings.TrimPrefix(first, "//"))
		p := Build([]HookInput{detailed("h", trig, src)}, Options{})
		var out strings.Builder
		for _, fd := range p.Findings {
			out.WriteString("// FINDING " + fd.Rule + ": " + fd.Message + "\n")
		}
		if d := p.Actions[0].Draft; d != nil {
			out.WriteString(d.Code)
		}
		os.WriteFile(strings.TrimSuffix(f, ".hook.js")+".action.js", []byte(out.String()), 0o644)
	}
}
