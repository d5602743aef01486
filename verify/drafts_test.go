package verify_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/verify"
)

// The drafts migrate makes of realistic hooks, one per conversion, do what
// the hooks did: drafting and verifying joined end to end.
func TestDraftsOfConversionHooksAreEquivalent(t *testing.T) {
	files, err := filepath.Glob("../testdata/verify/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no hooks in testdata/verify: %v", err)
	}
	hooks, err := tenant.LoadScriptFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(src), "\n")
		hooks[i].TriggerID = strings.TrimSpace(strings.TrimPrefix(first, "//"))
	}
	in := migrate.Analyze(hooks, true)
	plan := migrate.Build(in, migrate.Options{})
	verify.Plan(in, plan, verify.Options{})
	for _, a := range plan.Actions {
		v := a.Verdict
		switch {
		case v == nil:
			t.Errorf("%s: not drafted", a.Hook)
		case v.Status != migrate.VerdictEquivalent:
			t.Errorf("%s: %s %+v\ndraft:\n%s", a.Hook, v.String(), v.Difference, a.Draft.Code)
		}
	}
}
