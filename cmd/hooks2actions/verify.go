package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/reports"
)

type verifyOptions struct {
	help   bool
	out    outputOptions
	source sourceOptions
}

func verifyFlags(o *verifyOptions) *pflag.FlagSet {
	fs := newFlagSet("verify")
	o.source.register(fs)
	o.out.register(fs)
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

// runVerify analyzes and plans like analyze, runs every hook beside its
// drafted Action, reports the verdicts, and exits 1 when a draft differs.
func runVerify(args []string, s *streams) int {
	var o verifyOptions
	fs := verifyFlags(&o)
	if code, done := s.parseCommand("verify", fs, args, &o.help, verifyUsage); done {
		return code
	}
	o.source.paths = fs.Args()
	// Verify the drafts migrate writes: with the keyword markers kept.
	o.source.keepScriptMarkers = true
	targets, err := o.out.targets()
	if err == nil {
		err = o.source.validate("verify")
	}
	if err == nil {
		err = checkInputs(targets, o.source.inputs())
	}
	if err != nil {
		return s.usageError("verify", err)
	}
	inv, code, err := o.source.load(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	if err := checkInputs(targets, readFiles(inv)); err != nil {
		return s.usageError("verify", err)
	}
	report := buildReport(inv, true)
	if code := s.writeReports(targets, report); code != exitOK {
		return o.source.finish(s, code)
	}
	return o.source.finish(s, s.verdicts(report))
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
	fmt.Fprintf(s.Err, "%s: verified %d draft(s): %d equivalent, %d differ, %d not verified\n", programName, total,
		counts[migrate.VerdictEquivalent], counts[migrate.VerdictDiffers], counts[migrate.VerdictNotVerified])
	if counts[migrate.VerdictDiffers] > 0 {
		return exitFindings
	}
	return exitOK
}
