package reports

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/finding"
)

func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		in, data, property string
	}{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"%0A stays text", "%250A stays text", "%250A stays text"},
		{"two\nlines", "two%0Alines", "two%0Alines"},
		{"carriage\rreturn", "carriage%0Dreturn", "carriage%0Dreturn"},
		{"crlf\r\n::error::injected", "crlf%0D%0A::error::injected", "crlf%0D%0A%3A%3Aerror%3A%3Ainjected"},
		{"a:b", "a:b", "a%3Ab"},
		{"a,b", "a,b", "a%2Cb"},
		{"hooks/Welcome: a, b.js", "hooks/Welcome: a, b.js", "hooks/Welcome%3A a%2C b.js"},
		{"%3A", "%253A", "%253A"},
		{"tab\tstays", "tab\tstays", "tab\tstays"},
		{"ODD\x1b[31mKEY", `ODD\x1b[31mKEY`, `ODD\x1b[31mKEY`},
		{"nul\x00", `nul\x00`, `nul\x00`},
		{"é and ✓", "é and ✓", "é and ✓"},
	}
	for _, tt := range tests {
		if got := githubData(tt.in); got != tt.data {
			t.Errorf("githubData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := githubProperty(tt.in); got != tt.property {
			t.Errorf("githubProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
	}
}

func TestGitHubCommand(t *testing.T) {
	f := func(sev finding.Severity, hook, file string, line, col int, msg string) finding.Finding {
		return finding.Finding{Rule: finding.RuleParseError, Severity: sev, Hook: hook, Message: msg,
			Location: finding.Location{File: file, Line: line, Column: col}}
	}
	tests := []struct {
		name string
		f    finding.Finding
		want string
	}{
		{"a position", f(finding.Error, "h", "hooks/h.js", 4, 1, "m"),
			`::error file=hooks/h.js,line=4,col=1,title=parse-error::hook "h": m`},
		{"a line", f(finding.Warning, "h", "hooks/h.json", 1, 0, "m"),
			`::warning file=hooks/h.json,line=1,title=parse-error::hook "h": m`},
		{"a whole file", f(finding.Warning, "h", "hooks/h.json", 0, 0, "m"),
			`::warning file=hooks/h.json,title=parse-error::hook "h": m`},
		{"a note", f(finding.Note, "h", "hooks/h.js", 2, 3, "m"),
			`::notice file=hooks/h.js,line=2,col=3,title=parse-error::hook "h": m`},
		{"no file (API hook)", f(finding.Error, "api", "", 3, 7, "m"),
			`::error title=parse-error::hook "api": m`},
		{"no hook", f(finding.Error, "", "export/hooks/bad.json", 2, 5, "m"),
			`::error file=export/hooks/bad.json,line=2,col=5,title=parse-error::m`},
		{"a file name to escape", f(finding.Error, "Welcome: a, b", "hooks/Welcome: a, b.js", 1, 1, "m"),
			`::error file=hooks/Welcome%3A a%2C b.js,line=1,col=1,title=parse-error::hook "Welcome: a, b": m`},
		{"a message that tries a command of its own", f(finding.Error, "h\n::warning::x", "h.js", 1, 1, "50% done\n::error::forged\r"),
			`::error file=h.js,line=1,col=1,title=parse-error::hook "h\n::warning::x": 50%25 done%0A::error::forged%0D`},
	}
	for _, tt := range tests {
		if got := githubCommand(tt.f); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// parseCommand reads a workflow command as the runner does: the command
// name, then comma-separated key=value properties, then :: and the data;
// properties and data unescaped, %25 last.
func parseCommand(t *testing.T, line string) (command string, props map[string]string, data string) {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("%q is not a workflow command", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("%q has no data part", line)
	}
	command, list, _ := strings.Cut(head, " ")
	props = map[string]string{}
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")
	for _, p := range strings.Split(list, ",") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		props[k] = strings.ReplaceAll(unescape.Replace(v), "%25", "%")
	}
	data = strings.ReplaceAll(strings.NewReplacer("%0D", "\r", "%0A", "\n").Replace(data), "%25", "%")
	return command, props, data
}

// Whatever the names and messages hold, each finding is one line, and the
// runner reads back exactly the file, rule and message.
func TestGitHubRoundTrip(t *testing.T) {
	nasty := []string{"plain", "a:b,c", "50%", "%0A", "%25", "line\nbreak", "cr\rlf\r\n", "::error::x", "a,b=c::d", "ümlaut"}
	var findings []finding.Finding
	for _, s := range nasty {
		findings = append(findings, finding.Finding{Rule: finding.RuleLoadError, Severity: finding.Error,
			Message: "msg " + s, Location: finding.Location{File: "dir/" + s + ".json", Line: 2, Column: 5}})
	}
	out := render(t, "github", false, &Report{Tool: testTool, Findings: findings})
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(findings)+1 {
		t.Fatalf("%d lines for %d findings and a summary:\n%s", len(lines), len(findings), out)
	}
	for i, f := range findings {
		command, props, data := parseCommand(t, lines[i])
		got := []string{command, props["file"], props["line"], props["col"], props["title"], data}
		want := []string{"error", f.Location.File, "2", "5", f.Rule, f.Message}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("line %q reads back wrong (-want +got):\n%s", lines[i], diff)
		}
	}
	if command, _, data := parseCommand(t, lines[len(lines)-1]); command != "notice" || !strings.HasPrefix(data, "0 hooks, ") {
		t.Errorf("last line %q: want the summary as a notice", lines[len(lines)-1])
	}
}

func TestGitHubLeavesOutSuppressed(t *testing.T) {
	r := findingsReport()
	r.Suppressed = []SuppressedFinding{{Finding: r.Findings[0], By: "baseline"}}
	r.Findings = r.Findings[1:]
	out := string(render(t, "github", false, r))
	if n := strings.Count(out, "\n"); n != len(r.Findings)+1 {
		t.Errorf("%d lines, want one per finding that counts and a summary:\n%s", n, out)
	}
}
