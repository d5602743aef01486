package analyzer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/finding"
)

// FuzzAnalyze checks that the analyzer never panics (an internal error is a
// finding, so it is checked for too), that every position it reports lies
// inside the input, and that asking for the detail changes nothing else.
func FuzzAnalyze(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/*/*.js")
	for _, path := range seeds {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{"", "function (", "module.exports = (a, {webtask: {secrets: {...r}}}) => r",
		"switch(x){case 1: case 2:}", "let{f(", "#!/usr/bin/env node\nreturn 1", "x\u2028y\r\nz\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		r := Analyze([]byte(src), "fuzz.js", "")
		// The detail the command asks for must not change what is found.
		detailed := AnalyzeScript(Script{Source: []byte(src), File: "fuzz.js", Detail: true})
		if !reflect.DeepEqual(r.Usages, detailed.Usages) || !reflect.DeepEqual(r.Findings, detailed.Findings) {
			t.Fatalf("with detail: usages %v findings %v; without: usages %v findings %v",
				detailed.Usages, detailed.Findings, r.Usages, r.Findings)
		}
		// The fast path of the nesting check must never let through what
		// the full scan would refuse.
		checkNestingFastPath(t, []byte(src))
		lines := newLineTable([]byte(src))
		for _, u := range r.Usages {
			checkInside(t, lines, src, u.Line, u.Column, "usage "+u.Key)
			if u.Span.Start < 0 || u.Span.End > len(src) || u.Span.Start > u.Span.End {
				t.Errorf("usage %s span %+v outside input of %d bytes", u.Key, u.Span, len(src))
			}
		}
		for _, fd := range r.Findings {
			if fd.Rule == "internal-error" {
				t.Fatalf("internal error: %s", fd.Message)
			}
			checkInside(t, lines, src, fd.Location.Line, fd.Location.Column, "finding "+fd.Rule)
		}
	})
}

// checkInside fails unless line:col names a place in src (the column may
// be one past the end of its line, where an unexpected end of input is).
func checkInside(t *testing.T, lines *lineTable, src string, line, col int, what string) {
	t.Helper()
	if line < 1 || line > lines.lineCount() {
		t.Fatalf("%s at line %d, input has %d lines", what, line, lines.lineCount())
	}
	start := lines.starts[line-1]
	end := len(src)
	if line < lines.lineCount() {
		end = lines.starts[line]
	}
	width := finding.UTF16Len([]byte(strings.TrimRight(src[start:end], "\r\n\u2028\u2029")))
	if col < 1 || col > width+1 {
		t.Fatalf("%s at %d:%d, line is %d units wide", what, line, col, width)
	}
}
