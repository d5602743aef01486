package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/tenant"
)

type analyzeOptions struct {
	help   bool
	out    outputOptions
	source sourceOptions
}

func analyzeFlags(o *analyzeOptions) *pflag.FlagSet {
	fs := newFlagSet("analyze")
	o.source.register(fs)
	o.out.register(fs)
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func runAnalyze(args []string, s *streams) int {
	var o analyzeOptions
	fs := analyzeFlags(&o)
	if code, done := s.parseCommand("analyze", fs, args, &o.help, analyzeUsage); done {
		return code
	}
	o.source.paths = fs.Args()
	targets, err := o.out.targets()
	if err == nil {
		err = o.source.validate("analyze")
	}
	if err == nil {
		err = checkInputs(targets, o.source.inputs())
	}
	if err != nil {
		return s.usageError("analyze", err)
	}
	inv, code, err := o.source.load(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	if err := checkInputs(targets, readFiles(inv)); err != nil {
		return s.usageError("analyze", err)
	}
	date, err := o.source.reportDate(inv, s.Getenv)
	if err != nil {
		return s.usageError("analyze", err)
	}
	return o.source.finish(s, s.writeReports(targets, buildReport(inv, date)))
}

// buildReport runs the pipeline: analysis of every hook (with the detail
// the plan's blockers need), the migration plan, the report.
// date is the date the report shows (reportDate).
func buildReport(inv *tenant.Inventory, date time.Time) *reports.Report {
	hooks := migrate.Analyze(inv.Hooks, true)
	return reports.Build(reports.Input{
		Tool:      tool(),
		Now:       time.Now(),
		Date:      date,
		Inventory: inv,
		Hooks:     hooks,
		Plan:      migrate.Build(hooks, planOptions(inv)),
	})
}

func tool() reports.Tool { return reports.Tool{Name: programName, Version: version()} }

// planOptions takes the Action trigger versions the live tenant reported.
func planOptions(inv *tenant.Inventory) migrate.Options {
	return migrate.Options{TriggerVersions: inv.ActionTriggerVersions}
}

func writeReport(s *streams, output string, report []byte) int {
	if output == "-" {
		if _, err := s.Out.Write(report); err != nil {
			return s.fail(exitRuntime, fmt.Errorf("writing the report to standard output: %w", err))
		}
		return exitOK
	}
	if err := writeFileAtomic(output, report, modeUmask); err != nil {
		return s.fail(exitRuntime, err)
	}
	return exitOK
}
