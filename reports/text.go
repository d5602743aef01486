package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/mdtext"
	"github.com/hooks2actions/hooks2actions/migrate"
)

// Text renders the report for people: per hook a header, its secrets, one
// line per usage and per finding, then a one-line summary. With Color off
// the output is plain; with it on, the same bytes plus ANSI styling.
type Text struct {
	Color bool
}

func init() { register("text", func(color bool) Renderer { return Text{Color: color} }) }

// Render writes the report as text.
func (t Text) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	p := newPalette(t.Color)
	for _, h := range r.Hooks {
		writeHook(bw, p, h, r.FindingsOf(h.Name))
		fmt.Fprintln(bw)
	}
	if orphans := r.orphanFindings(); len(orphans) > 0 {
		fmt.Fprintln(bw, p.hook("not read as hooks"))
		writeFindings(bw, p, orphans)
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, summary(r))
	return bw.Flush()
}

// writeFindings lists findings that belong to no hook of the report: entries
// of a source that could not be read as hooks at all.
func writeFindings(w io.Writer, p palette, findings []finding.Finding) {
	locWidth := 0
	for _, f := range findings {
		locWidth = max(locWidth, width(mdtext.Visible(f.Location.String())))
	}
	for _, f := range findings {
		loc := mdtext.Visible(f.Location.String())
		fmt.Fprintf(w, "  %s  %s  %s: %s\n", pad(p.dim(loc), loc, locWidth), p.severity(f.Severity), f.Rule, mdtext.Visible(f.Message))
	}
}

func writeHook(w io.Writer, p palette, h HookReport, findings []finding.Finding) {
	header := p.hook(mdtext.Visible(h.Name)) + "  " + triggerText(h)
	if where := hookWhere(h); where != "" {
		header += "  " + p.dim(mdtext.Visible(where))
	}
	fmt.Fprintln(w, header)
	fmt.Fprintf(w, "  reads    %s\n", secretsText(p, h))
	if h.Defined != nil {
		fmt.Fprintf(w, "  defined  %s\n", keyList(p, h.Defined, "none"))
	}
	if a := h.Action; a != nil {
		fmt.Fprintf(w, "  action   %s\n", actionText(p, h))
	}
	// Locations and keys are padded to line up within a hook.
	locs := make([]string, 0, len(h.Usages)+len(findings))
	locWidth, keyWidth := 0, 0
	for _, u := range h.Usages {
		loc := mdtext.Visible(usageWhere(h, u.Line, u.Column))
		locs = append(locs, loc)
		locWidth = max(locWidth, width(loc))
		keyWidth = max(keyWidth, width(mdtext.Visible(u.Key)))
	}
	for _, f := range findings {
		loc := mdtext.Visible(findingWhere(h, f.Location))
		locs = append(locs, loc)
		locWidth = max(locWidth, width(loc))
	}
	for i, u := range h.Usages {
		key := mdtext.Visible(u.Key)
		fmt.Fprintf(w, "  %s  %s  %s%s\n", pad(p.dim(locs[i]), locs[i], locWidth),
			pad(p.key(key), key, keyWidth), u.Kind, lowConfidence(u.LowConfidence))
	}
	for i, f := range findings {
		loc := locs[len(h.Usages)+i]
		fmt.Fprintf(w, "  %s  %s  %s: %s%s\n", pad(p.dim(loc), loc, locWidth),
			p.severity(f.Severity), f.Rule, mdtext.Visible(f.Message), lowConfidence(f.LowConfidence))
	}
}

// actionText sums up the Action the hook becomes and what happens to its
// secrets: unused ones are left behind, missing ones must be found.
func actionText(p palette, h HookReport) string {
	a := h.Action
	text := mdtext.Visible(a.Name)
	if a.Handler != "" {
		text += fmt.Sprintf(" (%s %s, %s)", a.TriggerID, a.Version, a.Handler)
	} else {
		text += " (trigger unknown: give --trigger)"
	}
	for _, part := range []struct {
		label  string
		status migrate.SecretStatus
	}{{"carry", migrate.Carry}, {"unknown", migrate.Unknown}, {"unused", migrate.Unused}, {"missing", migrate.Missing}} {
		if keys := h.SecretsWith(part.status); len(keys) > 0 {
			text += "; " + part.label + " " + keyList(p, keys, "")
		}
	}
	if a.Verdict != nil {
		// The difference or the reason is in the hook's finding.
		text += "; draft " + string(a.Verdict.Status)
	}
	return text
}

func triggerText(h HookReport) string {
	switch {
	case h.TriggerID != "":
		return fmt.Sprintf("trigger %s (%s)", h.TriggerID, h.TriggerSource)
	case len(h.TriggerCandidates) > 0:
		return "trigger unknown, one of " + strings.Join(h.TriggerCandidates, ", ")
	}
	return "trigger unknown"
}

// hookWhere is where the hook lives: its script file, or where it is
// declared when the script has no file (API, snapshot).
func hookWhere(h HookReport) string {
	if h.File != "" || h.Declared.File == "" {
		return h.File
	}
	return h.Declared.String()
}

// findingWhere locates a finding of the hook: a line of a script without
// a file of its own is named by its hook, as its usages are.
func findingWhere(h HookReport, l finding.Location) string {
	if l.File == "" && l.Line > 0 {
		return usageWhere(h, l.Line, l.Column)
	}
	return l.String()
}

// usageWhere locates a usage. A script without a file of its own is
// named by its hook: the line is a line of that hook's script.
func usageWhere(h HookReport, line, col int) string {
	file := h.File
	if file == "" {
		file = "hook " + h.Name
	}
	return finding.Location{File: file, Line: line, Column: col}.String()
}

func secretsText(p palette, h HookReport) string {
	text := keyList(p, h.Referenced, "")
	switch {
	case h.Opaque && text == "":
		return "unknown (see findings)"
	case h.Opaque:
		return text + ", and possibly others (see findings)"
	case text == "":
		return "none"
	}
	return text
}

func keyList(p palette, keys []string, none string) string {
	if len(keys) == 0 {
		return none
	}
	styled := make([]string, len(keys))
	for i, k := range keys {
		styled[i] = p.key(mdtext.Visible(k))
	}
	return strings.Join(styled, ", ")
}

func lowConfidence(low bool) string {
	if low {
		return " (low confidence)"
	}
	return ""
}

func summary(r *Report) string {
	if r.NothingLeft() {
		return migrate.NothingLeft
	}
	keys, usages := 0, 0
	for _, h := range r.Hooks {
		keys += len(h.Referenced)
		usages += len(h.Usages)
	}
	bySeverity := map[finding.Severity]int{}
	for _, f := range r.Findings {
		bySeverity[f.Severity]++
	}
	hooks := plural(len(r.Hooks), "hook")
	if n := len(r.NotAnalysed()); n > 0 {
		hooks += fmt.Sprintf(" (%d not read or not analysed whole)", n)
	}
	return fmt.Sprintf("%s, %s referenced, %s; %s, %s, %s",
		hooks, plural(keys, "secret"), plural(usages, "usage"),
		plural(bySeverity[finding.Error], "error"), plural(bySeverity[finding.Warning], "warning"),
		plural(bySeverity[finding.Note], "note"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// pad appends spaces after styled so that its plain text fills width. The
// padding stays outside the styling so that colour adds escapes and nothing else.
func pad(styled, plain string, w int) string {
	return styled + strings.Repeat(" ", max(0, w-width(plain)))
}

func width(s string) int { return utf8.RuneCountInString(s) }

// palette styles the parts of a line. The plain palette returns its input
// unchanged, so colour off means exactly the plain text.
type palette struct {
	hook, key, dim func(string) string
	severities     map[finding.Severity]func(string) string
}

func (p palette) severity(s finding.Severity) string {
	if style, ok := p.severities[s]; ok {
		return style(string(s))
	}
	return string(s)
}

func newPalette(color bool) palette {
	if !color {
		plain := func(s string) string { return s }
		return palette{hook: plain, key: plain, dim: plain}
	}
	// The caller has decided on colour, so force a profile instead of
	// letting lipgloss probe a writer that may not be the terminal. Basic
	// ANSI colours render on every terminal and follow its theme.
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	style := func(s lipgloss.Style) func(string) string {
		s = s.TabWidth(lipgloss.NoTabConversion)
		return func(text string) string { return s.Render(text) }
	}
	base := r.NewStyle()
	return palette{
		hook: style(base.Bold(true)),
		key:  style(base.Foreground(lipgloss.Color("6"))),
		dim:  style(base.Faint(true)),
		severities: map[finding.Severity]func(string) string{
			finding.Error:   style(base.Foreground(lipgloss.Color("1")).Bold(true)),
			finding.Warning: style(base.Foreground(lipgloss.Color("3"))),
			finding.Note:    style(base.Foreground(lipgloss.Color("4"))),
		},
	}
}
