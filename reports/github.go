package reports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/hooks2actions/hooks2actions/finding"
)

// GitHub renders the report as GitHub Actions workflow commands: one
// ::error, ::warning or ::notice line per finding, which the runner turns
// into an annotation on the file and line, then a ::notice with the
// summary. Findings without a file (a hook read from the Management API or
// a snapshot) are annotations of the run, not of a file.
//
// GitHub shows at most 10 annotations of each level per step and 50 per
// job; the log keeps every line.
type GitHub struct{}

func init() { register("github", func(bool) Renderer { return GitHub{} }) }

// Render writes one workflow command per finding and a summary.
func (GitHub) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		fmt.Fprintln(bw, githubCommand(f))
	}
	fmt.Fprintf(bw, "::notice title=%s::%s\n", githubProperty(sarifToolName), githubData(summary(r)))
	return bw.Flush()
}

// githubCommand is the workflow command of one finding:
// ::error file=F,line=L,col=C,title=RULE::hook "NAME": MESSAGE.
func githubCommand(f finding.Finding) string {
	var props []string
	if loc := f.Location; loc.File != "" {
		props = append(props, "file="+githubProperty(loc.File))
		if loc.Line > 0 {
			props = append(props, "line="+strconv.Itoa(loc.Line))
			if loc.Column > 0 {
				props = append(props, "col="+strconv.Itoa(loc.Column))
			}
		}
	}
	props = append(props, "title="+githubProperty(f.Rule))
	message := f.Message
	if f.Hook != "" {
		message = fmt.Sprintf("hook %q: %s", f.Hook, message)
	}
	return "::" + githubLevel(f.Severity) + " " + strings.Join(props, ",") + "::" + githubData(message)
}

// githubLevel is the command of a severity: a note is a notice.
func githubLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Note:
		return "notice"
	}
	return "warning"
}

// githubData escapes the message of a command as the runner unescapes it
// (toolkit's escapeData): % first, then CR and LF, so that a message read
// from a hook's script can never end the line and start a command of its
// own. Other control characters, which the runner passes through to the
// log, are written as Go escapes (\x1b), as the text format does.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(visibleControls(s))
}

// githubProperty escapes a property value (escapeProperty): as the data,
// and also : and , which end a value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(visibleControls(s))
}

// visibleControls writes the control characters of s other than tab, CR
// and LF (which the escaping keeps) as Go escapes.
func visibleControls(s string) string {
	isControl := func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\r' && r != '\n' }
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
