package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// outputOptions are the --format/--output pairs: one report can be written
// in several formats in one run (--format sarif --output r.sarif --format
// markdown --output AUDIT.md).
type outputOptions struct {
	formats []string
	outputs []string
}

func (o *outputOptions) register(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&o.formats, "format", "f", nil, "report `FORMAT`: "+quoteList(reports.Formats())+
		" (default text); repeat with --output to write several")
	fs.StringArrayVarP(&o.outputs, "output", "o", nil, "write the report of the matching --format to `FILE` (default -, standard output)")
}

type outputTarget struct {
	format string
	path   string // "-" is standard output
}

// targets pairs formats with outputs: the n-th --output takes the n-th
// --format. One format alone may go to standard output.
func (o *outputOptions) targets() ([]outputTarget, error) {
	formats, outputs := o.formats, o.outputs
	if len(formats) == 0 {
		formats = []string{reports.Formats()[0]}
	}
	if len(outputs) == 0 && len(formats) == 1 {
		outputs = []string{"-"}
	}
	if len(formats) != len(outputs) {
		return nil, fmt.Errorf("give one --output per --format (got %s and %s)",
			plural(len(formats), "format", "formats"), plural(len(outputs), "output", "outputs"))
	}
	var out []outputTarget
	seen := map[string]bool{}
	for i, f := range formats {
		if _, err := reports.NewRenderer(f, false); err != nil {
			return nil, err
		}
		path := outputs[i]
		key := path
		if path != "-" {
			key = filepath.Clean(path)
		}
		if seen[key] {
			return nil, fmt.Errorf("--output %s is given twice", path)
		}
		seen[key] = true
		out = append(out, outputTarget{format: f, path: path})
	}
	return out, nil
}

// checkInputs refuses an output that would overwrite an input: one of
// the paths given, before anything is read, or (given the files the
// sources were read from, readFiles) a file inside an input directory,
// such as the script of a hook in an export.
func checkInputs(targets []outputTarget, inputs []string) error {
	for _, t := range targets {
		for _, in := range inputs {
			if t.path != "-" && in != "" && canonical(t.path) == canonical(in) {
				return fmt.Errorf("--output %s would overwrite an input", t.path)
			}
		}
	}
	return nil
}

// readFiles lists the files the inventory was read from: each hook's
// script file and declaration, each problem's file.
func readFiles(inv *tenant.Inventory) []string {
	var files []string
	for _, h := range inv.Hooks {
		files = append(files, h.Origin.File, h.Origin.Declared.File)
	}
	for _, p := range inv.Problems {
		files = append(files, p.Location.File)
	}
	return files
}

// write renders the report in every format first, so that a rendering
// failure leaves no file half-written, then writes each atomically.
func (s *streams) writeReports(targets []outputTarget, report *reports.Report) int {
	rendered := make([][]byte, len(targets))
	for i, t := range targets {
		// The colour decision is about standard output; files are plain.
		r, err := reports.NewRenderer(t.format, s.ColorOut && t.path == "-")
		if err != nil {
			return s.fail(exitUsage, err)
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, report); err != nil {
			return s.fail(exitRuntime, fmt.Errorf("rendering the %s report: %w", t.format, err))
		}
		rendered[i] = buf.Bytes()
	}
	var failed error
	for i, t := range targets {
		if code := writeReport(s, t.path, rendered[i]); code != exitOK {
			failed = errors.New("a report could not be written")
		}
	}
	if failed != nil {
		return exitRuntime
	}
	return exitOK
}
