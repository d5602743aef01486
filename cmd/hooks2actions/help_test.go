package main

import (
	"strings"
	"testing"
)

// TestFlagHelpFillsLines: a flag's description is wrapped to the width
// its column leaves, never broken where the next word would have fit,
// except before a parenthesis that starts a line of its own.
func TestFlagHelpFillsLines(t *testing.T) {
	for _, c := range commands {
		for _, pair := range flagLinePairs(c.usage()) {
			prev, line := pair[0], pair[1]
			next := strings.Fields(line)[0]
			if !strings.HasPrefix(next, "(") && len(prev)+1+len(next) <= 80 {
				t.Errorf("%s --help: %q would fit on the line before:\n%s\n%s", c.name, next, prev, line)
			}
		}
	}
	if len(flagLinePairs(migrateUsage(migrateFlags(&migrateOptions{})))) == 0 {
		t.Fatal("no continuation lines found: the test reads nothing")
	}
}

// flagLinePairs are the consecutive lines of the Flags section whose
// second continues a description (it does not start a flag).
func flagLinePairs(usage string) [][2]string {
	_, flags, _ := strings.Cut(usage, "\nFlags:\n")
	flags, _, _ = strings.Cut(flags, "\n\n")
	lines := strings.Split(flags, "\n")
	var out [][2]string
	for i := 1; i < len(lines); i++ {
		if !strings.HasPrefix(strings.TrimSpace(lines[i]), "-") {
			out = append(out, [2]string{lines[i-1], lines[i]})
		}
	}
	return out
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 Actions"}, {1, "1 Action"}, {2, "2 Actions"}} {
		if got := plural(tt.n, "Action", "Actions"); got != tt.want {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
