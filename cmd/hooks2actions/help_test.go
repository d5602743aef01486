package main

import (
	"strings"
	"testing"
)

// TestFlagHelpFillsLines: a flag's description is wrapped to the width
// its column leaves, never broken where the next word would have fit
// (a "(default ...)" or an aside included: a line of one orphaned word
// before it reads as a broken sentence).
func TestFlagHelpFillsLines(t *testing.T) {
	for _, c := range commands {
		for _, pair := range flagLinePairs(c.usage()) {
			prev, line := pair[0], pair[1]
			next := strings.Fields(line)[0]
			if len(prev)+1+len(next) <= 80 {
				t.Errorf("%s --help: %q would fit on the line before:\n%s\n%s", c.name, next, prev, line)
			}
		}
	}
	if len(flagLinePairs(migrateUsage(migrateFlags(&migrateOptions{})))) == 0 {
		t.Fatal("no continuation lines found: the test reads nothing")
	}
}

// TestHelpFitsEightyColumns: every help text fits a terminal of 80
// columns; only a single word too long for any line may pass it.
func TestHelpFitsEightyColumns(t *testing.T) {
	s, stdout, _ := testStreams(false)
	run([]string{"--help"}, s)
	usages := map[string]string{"hooks2actions": stdout.String()}
	for _, c := range commands {
		usages[c.name] = c.usage()
	}
	for name, usage := range usages {
		for _, line := range strings.Split(usage, "\n") {
			if len(line) > 80 && len(strings.Fields(line)) > 1 {
				t.Errorf("%s --help: a line of %d columns:\n%s", name, len(line), line)
			}
		}
	}
}

// TestListDefaultsReadAsGiven: a list flag's default is shown as the
// values, not as Go prints a slice.
func TestListDefaultsReadAsGiven(t *testing.T) {
	usage := commandUsage(t, "check")
	if strings.Contains(usage, "[unused-secret") {
		t.Errorf("check --help shows --fail-on's default in brackets:\n%s", usage)
	}
	if !strings.Contains(strings.Join(strings.Fields(usage), " "), "(default unused-secret, missing-secret,") {
		t.Errorf("check --help does not show --fail-on's default:\n%s", usage)
	}
}

func commandUsage(t *testing.T, name string) string {
	t.Helper()
	c, ok := lookupCommand(name)
	if !ok {
		t.Fatalf("no command %q", name)
	}
	return c.usage()
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
