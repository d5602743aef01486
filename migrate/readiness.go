package migrate

import (
	"github.com/hooks2actions/hooks2actions/finding"
)

// Readiness is how close one hook's Action is to replacing it, the bucket
// every report and the checklist show.
type Readiness string

const (
	// Ready: the draft was verified equivalent to the hook and nothing is
	// left for a person but the routine steps (secret values, import).
	Ready Readiness = "ready"
	// Review: the Action has its files and nothing stands in the way, but
	// there are notes to read (reviewer comments in the code, warnings,
	// a draft nobody verified).
	Review Readiness = "review"
	// Manual: a person must write or change something first: blockers
	// without an Action equivalent, errors, a draft that differs or could
	// not be verified, an unknown trigger, no draft at all.
	Manual Readiness = "manual"
	// Blocked: the hook itself could not be read or parsed, so nothing
	// about its Action can be trusted until its source is fixed.
	Blocked Readiness = "blocked"
)

// NothingLeft is what every report and the checklist say of a source with
// no hook left: the migration is complete, not an error.
const NothingLeft = "0 hooks — nothing left to migrate"

// Readinesses lists the buckets from best to worst.
var Readinesses = []Readiness{Ready, Review, Manual, Blocked}

// Assessment is a hook's readiness and the things a person must do.
type Assessment struct {
	Readiness Readiness
	// Todo counts the things a person must do or read before the Action
	// can replace the hook: each blocker, error and warning, each reviewer
	// note in the code, a draft to verify or fix, a trigger to find, an
	// Action to write by hand. The routine steps every Action shares
	// (secret values, import, deploy, bind) are not counted.
	Todo int
	// Why says, in a few words each, what kept it from the better buckets.
	Why []string
}

// unreadable reports a finding that means the hook itself could not be
// read or parsed: its Action is blocked until the source is fixed. A
// load-error below error severity is about the tenant, not the hook.
func unreadable(f finding.Finding) bool {
	switch f.Rule {
	case finding.RuleParseError, finding.RuleNoHookFunction:
		return true
	case finding.RuleLoadError:
		return f.Severity == finding.Error
	}
	return false
}

// uncountedRules are findings that ask nothing of a person about this
// Action: the verdict is counted from the plan, and a hook still present
// is the very thing being migrated.
var uncountedRules = map[string]bool{
	finding.RuleDraftDiffers:     true,
	finding.RuleDraftNotVerified: true,
	finding.RuleHookRemaining:    true,
}

// Assess buckets one Action. findings are its hook's findings, all of them
// (source, analysis and plan), after suppressions: a suppressed finding was
// judged by a person already.
func Assess(a ActionPlan, findings []finding.Finding) Assessment {
	var as Assessment
	worse := func(r Readiness, todo int, why string) {
		if rank(r) > rank(as.Readiness) {
			as.Readiness = r
		}
		as.Todo += todo
		as.Why = append(as.Why, why)
	}
	as.Readiness = Ready
	for _, f := range findings {
		switch {
		case unreadable(f):
			worse(Blocked, 1, f.Rule)
		case uncountedRules[f.Rule] || f.Rule == finding.RuleLoadError:
		case f.Rule == finding.RuleNoActionEquivalent || f.Severity == finding.Error:
			worse(Manual, 1, f.Rule)
		case f.Severity == finding.Warning:
			worse(Review, 1, f.Rule)
		}
	}
	if as.Readiness == Blocked {
		// Whatever else is wrong follows from the unreadable hook.
		return as
	}
	switch {
	case a.TriggerID == "":
		worse(Manual, 1, "trigger unknown")
	case a.Draft == nil:
		worse(Manual, 1, "no draft: write the Action by hand")
	}
	if n := noteCount(a); n > 0 {
		worse(Review, n, plural(n, "note", "notes")+" in the code")
	}
	if a.Draft != nil {
		switch {
		case a.Verdict == nil:
			worse(Review, 1, "draft not verified")
		case a.Verdict.Status == VerdictDiffers:
			worse(Manual, 1, "draft differs from the hook")
		case a.Verdict.Status != VerdictEquivalent:
			worse(Manual, 1, "draft could not be verified")
		}
	}
	return as
}

func rank(r Readiness) int {
	for i, b := range Readinesses {
		if b == r {
			return i
		}
	}
	return len(Readinesses)
}
