package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/reports"
)

// exitFindings is check's verdict: findings at or above the gate.
const exitFindings = 1

type checkOptions struct {
	help     bool
	failOn   []string
	baseline string
	out      outputOptions
	source   sourceOptions
}

func checkFlags(o *checkOptions) *pflag.FlagSet {
	fs := newFlagSet("check")
	o.source.register(fs)
	fs.StringArrayVar(&o.failOn, "fail-on", reports.DefaultFailOn, "fail on findings of these `RULES|SEVERITY`: rule ids and/or a severity (error, warning or note: that and above), comma-separated or repeated")
	fs.StringVar(&o.baseline, "baseline", "", "accept the findings of a previous JSON report `FILE` (matched by rule, hook and secret, not by line)")
	o.out.register(fs)
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func runCheck(args []string, s *streams) int {
	var o checkOptions
	fs := checkFlags(&o)
	if code, done := s.parseCommand("check", fs, args, &o.help, checkUsage); done {
		return code
	}
	o.source.paths = fs.Args()
	gate, err := reports.ParseGate(o.failOn)
	var targets []outputTarget
	if err == nil {
		targets, err = o.out.targets()
	}
	if err == nil {
		err = o.source.validate("check")
	}
	if err == nil {
		err = checkInputs(targets, append(o.source.inputs(), o.baseline))
	}
	if err != nil {
		return s.usageError("check", err)
	}
	var baseline *reports.Baseline
	if o.baseline != "" {
		if baseline, err = reports.LoadBaseline(o.baseline); err != nil {
			return s.fail(exitUsage, err)
		}
	}
	inv, code, err := o.source.load(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	if err := checkInputs(targets, readFiles(inv)); err != nil {
		return s.usageError("check", err)
	}
	date, err := o.source.reportDate(inv, s.Getenv)
	if err != nil {
		return s.usageError("check", err)
	}
	// Running the drafts costs time: only when the gate can fail on it.
	report := buildReport(inv, date, gate.Covers(finding.RuleDraftDiffers) || gate.Covers(finding.RuleDraftNotVerified))
	if baseline != nil {
		report.ApplyBaseline(baseline)
	}
	if code := s.writeReports(targets, report); code != exitOK {
		return code
	}
	return o.source.finish(s, s.verdict(report.Failing(gate)))
}

// verdict says on standard error why the gate failed, one count per rule.
func (s *streams) verdict(failing []finding.Finding) int {
	if len(failing) == 0 {
		return exitOK
	}
	counts := map[string]int{}
	for _, f := range failing {
		counts[f.Rule]++
	}
	var parts []string
	for rule, n := range counts {
		parts = append(parts, fmt.Sprintf("%s (%d)", rule, n))
	}
	sort.Strings(parts)
	fmt.Fprintf(s.Err, "%s: check failed: %s at or above the gate: %s\n", programName,
		plural(len(failing), "finding", "findings"), strings.Join(parts, ", "))
	return exitFindings
}
