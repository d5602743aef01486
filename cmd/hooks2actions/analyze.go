package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/verify"
)

// analyzeOptions are the flags of the commands that read hooks and write
// reports: analyze and verify.
type analyzeOptions struct {
	help   bool
	out    outputOptions
	source sourceOptions
}

func analyzeFlags(o *analyzeOptions) *pflag.FlagSet { return reportFlags("analyze", o) }

func reportFlags(name string, o *analyzeOptions) *pflag.FlagSet {
	fs := newFlagSet(name)
	o.source.register(fs)
	o.out.register(fs)
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func runAnalyze(args []string, s *streams) int {
	return reportCommand{name: "analyze", usage: analyzeUsage}.run(args, s)
}

// reportCommand is a command that reads hooks and writes reports. With
// verifyDrafts it runs each draft beside its hook; exit, when set, decides
// the exit code from the report once it is written.
type reportCommand struct {
	name         string
	usage        func(*pflag.FlagSet) string
	verifyDrafts bool
	exit         func(s *streams, r *reports.Report) int
}

func (c reportCommand) run(args []string, s *streams) int {
	var o analyzeOptions
	fs := reportFlags(c.name, &o)
	if code, done := s.parseCommand(c.name, fs, args, &o.help, c.usage); done {
		return code
	}
	o.source.paths = fs.Args()
	// Verify the drafts migrate writes: with the keyword markers kept.
	o.source.keepScriptMarkers = c.verifyDrafts
	targets, err := o.out.targets()
	if err == nil {
		err = o.source.validate(c.name)
	}
	if err == nil {
		err = checkInputs(targets, o.source.inputs())
	}
	if err != nil {
		return s.usageError(c.name, err)
	}
	inv, code, err := o.source.load(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	if err := checkInputs(targets, readFiles(inv)); err != nil {
		return s.usageError(c.name, err)
	}
	date, err := o.source.reportDate(inv, s.Getenv)
	if err != nil {
		return s.usageError(c.name, err)
	}
	report := buildReport(inv, date, c.verifyDrafts)
	code = s.writeReports(targets, report)
	if code == exitOK && c.exit != nil {
		code = c.exit(s, report)
	}
	return o.source.finish(s, code)
}

// buildReport runs the pipeline: analysis of every hook (with the detail
// the plan's blockers need), the migration plan, with verifyDrafts the
// verification of its drafts, the report. date is the date the report
// shows (reportDate).
func buildReport(inv *tenant.Inventory, date time.Time, verifyDrafts bool) *reports.Report {
	hooks, plan := buildPlan(inv, verifyDrafts)
	return reports.Build(reports.Input{
		Tool:      tool(),
		Now:       time.Now(),
		Date:      date,
		Inventory: inv,
		Hooks:     hooks,
		Plan:      plan,
	})
}

// buildPlan analyzes the hooks and plans their Actions; with verifyDrafts,
// each draft is run beside its hook and the plan carries the verdicts.
func buildPlan(inv *tenant.Inventory, verifyDrafts bool) ([]migrate.HookInput, *migrate.Plan) {
	hooks := migrate.Analyze(inv.Hooks, true)
	plan := migrate.Build(hooks, planOptions(inv))
	if verifyDrafts {
		verify.Plan(hooks, plan, verify.Options{})
	}
	return hooks, plan
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
