package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/tenant"
)

type analyzeOptions struct {
	help   bool
	format string
	output string
	source sourceOptions
}

func analyzeFlags(o *analyzeOptions) *pflag.FlagSet {
	fs := newFlagSet("analyze")
	o.source.register(fs)
	fs.StringVarP(&o.format, "format", "f", reports.Formats()[0], "report `FORMAT`: "+quoteList(reports.Formats()))
	fs.StringVarP(&o.output, "output", "o", "-", "write the report to `FILE`\n(default -, standard output)")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func runAnalyze(args []string, s *streams) int {
	var o analyzeOptions
	fs := analyzeFlags(&o)
	if err := fs.Parse(args); err != nil {
		return s.usageError("analyze", err)
	}
	if o.help {
		fmt.Fprint(s.Out, analyzeUsage(fs))
		return exitOK
	}
	o.source.paths = fs.Args()
	// The colour decision is about standard output; a report file is plain.
	renderer, err := reports.NewRenderer(o.format, s.ColorOut && o.output == "-")
	if err != nil {
		return s.usageError("analyze", err)
	}
	if err := o.validate(); err != nil {
		return s.usageError("analyze", err)
	}
	inv, code, err := o.source.load(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	report := buildReport(inv)
	// Render in memory first, so that a failure never leaves half a report.
	var buf bytes.Buffer
	if err := renderer.Render(&buf, report); err != nil {
		return s.fail(exitRuntime, fmt.Errorf("rendering the report: %w", err))
	}
	return writeReport(s, o.output, buf.Bytes())
}

func (o *analyzeOptions) validate() error {
	if err := o.source.validate("analyze"); err != nil {
		return err
	}
	if o.output == "-" {
		return nil
	}
	for _, f := range o.source.paths {
		if filepath.Clean(f) == filepath.Clean(o.output) {
			return fmt.Errorf("--output %s would overwrite an input", o.output)
		}
	}
	return nil
}

// buildReport runs the pipeline: analysis of every hook (with the detail
// the plan's blockers need), the migration plan, the report.
func buildReport(inv *tenant.Inventory) *reports.Report {
	hooks := migrate.Analyze(inv.Hooks, true)
	return reports.Build(reports.Input{
		Tool:      reports.Tool{Name: programName, Version: version()},
		Now:       time.Now(),
		Inventory: inv,
		Hooks:     hooks,
		Plan:      migrate.Build(hooks, migrate.Options{}),
	})
}

func writeReport(s *streams, output string, report []byte) int {
	if output == "-" {
		if _, err := s.Out.Write(report); err != nil {
			return s.fail(exitRuntime, fmt.Errorf("writing the report to standard output: %w", err))
		}
		return exitOK
	}
	if err := writeFileAtomic(output, report); err != nil {
		return s.fail(exitRuntime, err)
	}
	return exitOK
}
