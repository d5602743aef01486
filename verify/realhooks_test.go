package verify_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/verify"
)

// knownDifferences are the hooks of testdata/realhooks whose drafts do not
// yet do what the hook did, by trigger/name, each with why. The test fails
// when another hook differs, and when one of these stops differing, so that
// the list stays true.
var knownDifferences = map[string]string{
	"credentials-exchange/starter-claims":            "scope changes are left for review: the draft does not call the early-access api.transaction scope methods",
	"credentials-exchange/scope-filter-helper":       "scope changes are left for review: the draft does not call the early-access api.transaction scope methods",
	"pre-user-registration/pwned-password":           "user.password has no field on the Action's event: nothing can hash the sign-up password",
	"post-user-registration/webtask-storage-counter": "context.webtask.storage has no Action equivalent: the draft's stand-in stores nothing",
	"post-user-registration/cb-never-on-path": "the hook returns without calling back on a sign-up without email, so its webtask times out (a failure the platform only logs); " +
		"the draft's return succeeds: nothing marks a path that never calls back, so verify's phone sample is what shows it",
	"post-user-registration/async-no-callback": "an async hook that never takes its callback: nothing documents that the hooks runtime awaited a returned promise " +
		"(it took the answer from the callback), so verify runs the hook as never finishing; the draft ends when the promise settles, as its author meant",
	"post-change-password/storage-last-change": "context.webtask.storage has no Action equivalent: the draft's stand-in stores nothing",
}

// knownUnboundNames are the drafts that still use a name they never define,
// with why; any other draft-unbound-name or draft-compile-error fails.
var knownUnboundNames = map[string]string{}

// Every realistic hook is drafted and run beside its draft: no draft fails
// to compile or uses an unbound name, and none differs from its hook, but
// for the known differences above.
func TestRealHooks(t *testing.T) {
	files, err := filepath.Glob("../testdata/realhooks/*/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no hooks in testdata/realhooks: %v", err)
	}
	hooks, err := tenant.LoadScriptFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	// Hooks are named after their file; the directory is the trigger, and
	// the name the tests use is trigger/name (names repeat across triggers).
	ids := map[string]string{}
	for i, f := range files {
		hooks[i].TriggerID = filepath.Base(filepath.Dir(f))
		hooks[i].Name = hooks[i].TriggerID + "/" + hooks[i].Name
		ids[hooks[i].Name] = f
	}
	in := migrate.Analyze(hooks, true)
	plan := migrate.Build(in, migrate.Options{})
	verify.Plan(in, plan, verify.Options{})

	unbound := map[string][]string{}
	for _, f := range plan.Findings {
		if f.Rule == finding.RuleDraftCompileError || f.Rule == finding.RuleDraftUnboundName {
			unbound[f.Hook] = append(unbound[f.Hook], f.Rule+": "+f.Message)
		}
	}
	checkKnown(t, "draft-unbound-name / draft-compile-error", knownUnboundNames, ids, func(name string) (bool, string) {
		return len(unbound[name]) > 0, strings.Join(unbound[name], "\n")
	})

	verdicts := map[string]*migrate.Verdict{}
	for _, a := range plan.Actions {
		verdicts[a.Hook] = a.Verdict
	}
	checkKnown(t, "difference", knownDifferences, ids, func(name string) (bool, string) {
		v := verdicts[name]
		if v == nil {
			return true, "not drafted or not verified"
		}
		if v.Status == migrate.VerdictEquivalent {
			return false, ""
		}
		return true, v.String() + " " + v.Reason + describeDifference(v.Difference)
	})
}

// checkKnown fails for a hook with a problem it does not list, and for a
// listed hook that no longer has it (or does not exist).
func checkKnown(t *testing.T, what string, known map[string]string, ids map[string]string, problem func(name string) (bool, string)) {
	t.Helper()
	names := make([]string, 0, len(ids))
	for name := range ids {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		has, detail := problem(name)
		_, listed := known[name]
		switch {
		case has && !listed:
			t.Errorf("%s (%s): new %s:\n%s", name, ids[name], what, detail)
		case !has && listed:
			t.Errorf("%s: listed as a known %s (%s), but it is fixed: remove it from the list", name, what, known[name])
		}
	}
	for name := range known {
		if _, ok := ids[name]; !ok {
			t.Errorf("known %s %s: no such hook in testdata/realhooks", what, name)
		}
	}
}

func describeDifference(d *migrate.Difference) string {
	if d == nil {
		return ""
	}
	return "on " + d.Input + ": the hook " + d.Hook + ", the Action " + d.Action
}
