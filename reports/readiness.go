package reports

import (
	"fmt"
	"strconv"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
)

// Readiness assesses a hook's Action from the report's findings as they
// stand (after suppressions and the baseline); nil without a plan.
func (r *Report) Readiness(h HookReport) *migrate.Assessment {
	if h.Action == nil {
		return nil
	}
	as := migrate.Assess(*h.Action, r.FindingsOf(h.Name))
	return &as
}

// ReadinessCounts counts the hooks per readiness bucket, and the things a
// person must do over all of them.
func (r *Report) ReadinessCounts() (perBucket map[migrate.Readiness]int, todo int) {
	perBucket = map[migrate.Readiness]int{}
	for _, h := range r.Hooks {
		if as := r.Readiness(h); as != nil {
			perBucket[as.Readiness]++
			todo += as.Todo
		}
	}
	return perBucket, todo
}

// NothingLeft reports a source with no hook left and nothing wrong with
// it: the migration is complete. A source whose entries could not be read
// is not, since they may be hooks.
func (r *Report) NothingLeft() bool { return len(r.Hooks) == 0 && len(r.Findings) == 0 }

// hookRemaining is the finding every hook still in the source gets, so that
// a team can gate on the last hook being gone (check --fail-on
// hook-remaining).
func hookRemaining(h HookReport) finding.Finding {
	at := h.Declared
	if at.File == "" {
		at = finding.Location{File: h.File}
	}
	return ruleFinding(finding.RuleHookRemaining, h.Name, at,
		"the hook is still in the source; delete it once its Action runs in its place")
}

// readinessRows are the summary's rows of hooks per bucket and the things
// to do; none without a plan.
func readinessRows(r *Report) [][2]string {
	perBucket, todo := r.ReadinessCounts()
	if len(perBucket) == 0 {
		return nil
	}
	var rows [][2]string
	for _, b := range migrate.Readinesses {
		rows = append(rows, [2]string{"Readiness `" + string(b) + "`", strconv.Itoa(perBucket[b])})
	}
	return append(rows, [2]string{"Things to do", strconv.Itoa(todo)})
}

// readinessCell is a hook's bucket and its things to do.
func readinessCell(as *migrate.Assessment) string {
	switch {
	case as == nil:
		return "—"
	case as.Todo == 0:
		return string(as.Readiness)
	}
	return fmt.Sprintf("%s (%d to do)", as.Readiness, as.Todo)
}
