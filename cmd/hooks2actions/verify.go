package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/reports"
)

func verifyFlags(o *analyzeOptions) *pflag.FlagSet { return reportFlags("verify", o) }

// runVerify analyzes and plans like analyze, runs every hook beside its
// drafted Action, reports the verdicts, and exits 1 when a draft differs.
func runVerify(args []string, s *streams) int {
	return reportCommand{name: "verify", usage: verifyUsage, verifyDrafts: true, exit: (*streams).verdicts}.run(args, s)
}

// verdicts sums the verdicts up on standard error; a draft that differs
// from its hook is exit code 1, like a finding at check's gate.
func (s *streams) verdicts(r *reports.Report) int {
	counts := map[migrate.VerdictStatus]int{}
	total := 0
	for _, h := range r.Hooks {
		if h.Action != nil && h.Action.Verdict != nil {
			counts[h.Action.Verdict.Status]++
			total++
		}
	}
	undrafted := ""
	if n := len(r.Hooks) - total; n > 0 {
		// A hook without a draft (unknown trigger, unreadable script) is
		// not verified either: the count must not read as the whole run.
		undrafted = fmt.Sprintf("; %s without a draft to run (see each hook's findings)", plural(n, "hook", "hooks"))
	}
	fmt.Fprintf(s.Err, "%s: verified %s: %s%s\n", programName, plural(total, "draft", "drafts"), verdictCounts(counts), undrafted)
	if counts[migrate.VerdictDiffers] > 0 {
		return exitFindings
	}
	return exitOK
}
