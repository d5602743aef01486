package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

type analyzeOptions struct {
	help    bool
	trigger string
	format  string
	output  string
	files   []string
}

func analyzeFlags(o *analyzeOptions) *pflag.FlagSet {
	fs := newFlagSet("analyze")
	fs.StringVarP(&o.trigger, "trigger", "t", "",
		"trigger `ID` of every hook given, one of "+strings.Join(trigger.IDs(), ", ")+
			"\n(default: inferred from each hook's function signature)")
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
	o.files = fs.Args()
	// The colour decision is about standard output; a report file is plain.
	renderer, err := reports.NewRenderer(o.format, s.ColorOut && o.output == "-")
	if err != nil {
		return s.usageError("analyze", err)
	}
	if err := o.validate(); err != nil {
		return s.usageError("analyze", err)
	}
	hooks, err := tenant.LoadScriptFiles(o.files)
	if err != nil {
		return s.fail(exitUsage, err)
	}
	report := reports.Build(reports.Tool{Name: programName, Version: version()}, analyzeHooks(hooks, o.trigger), nil)
	// Render in memory first, so that a failure never leaves half a report.
	var buf bytes.Buffer
	if err := renderer.Render(&buf, report); err != nil {
		return s.fail(exitRuntime, fmt.Errorf("rendering the report: %w", err))
	}
	return writeReport(s, o.output, buf.Bytes())
}

func (o *analyzeOptions) validate() error {
	if o.trigger != "" {
		if _, ok := trigger.Lookup(o.trigger); !ok {
			return fmt.Errorf("unknown trigger %q (want %s)", o.trigger, quoteList(trigger.IDs()))
		}
	}
	if len(o.files) == 0 {
		return errors.New("analyze needs at least one hook .js file")
	}
	if o.output == "-" {
		return nil
	}
	for _, f := range o.files {
		if filepath.Clean(f) == filepath.Clean(o.output) {
			return fmt.Errorf("--output %s would overwrite an input hook", o.output)
		}
	}
	return nil
}

// analyzeHooks analyses every hook. --trigger, when given, overrides what
// the source says, for every hook alike.
func analyzeHooks(hooks []tenant.Hook, triggerID string) []reports.HookAnalysis {
	out := make([]reports.HookAnalysis, 0, len(hooks))
	for _, h := range hooks {
		if triggerID != "" {
			h.TriggerID = triggerID
		}
		out = append(out, reports.HookAnalysis{Hook: h, Result: analyzer.Analyze(h.Script, h.Origin.File, h.TriggerID)})
	}
	return out
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
