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
	fmt.Fprintf(s.Err, "%s: verified %s: %s\n", programName, plural(total, "draft", "drafts"), verdictCounts(counts))
	if counts[migrate.VerdictDiffers] > 0 {
		return exitFindings
	}
	return exitOK
}
