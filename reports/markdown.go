package reports

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/mdtext"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// Markdown renders the report as GitHub-flavoured Markdown: the audit a
// team commits next to its hooks and reviews in pull requests. Everything
// is sorted, so two runs over the same hooks on the same day give the same
// bytes. Names, keys, files and messages come from the hooks and are
// escaped, so they can neither break a table nor inject markup.
type Markdown struct{}

func init() { register("markdown", func(bool) Renderer { return Markdown{} }) }

// Render writes the report as Markdown.
func (Markdown) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	hooks := slices.Clone(r.Hooks)
	slices.SortStableFunc(hooks, func(a, b HookReport) int { return strings.Compare(a.Name, b.Name) })
	md := mdWriter{w: bw}

	md.title(r)
	md.summary(r, hooks)
	md.diagram(hooks)
	md.hookTable(r, hooks)
	for _, h := range hooks {
		md.hook(h, sortedFindings(r.FindingsOf(h.Name)))
	}
	if orphans := r.orphanFindings(); len(orphans) > 0 {
		md.line("## Source problems")
		md.line()
		md.line("Entries of the sources that could not be read as hooks.")
		md.line()
		md.table([]string{"Severity", "Rule", "Hook", "Where", "Message"}, nil)
		for _, f := range sortedFindings(orphans) {
			hook := "—"
			if f.Hook != "" {
				hook = mdtext.Text(f.Hook)
			}
			md.row(string(f.Severity), mdtext.CellCode(f.Rule), hook, mdWhere(f.Location), findingMessage(f))
		}
		md.line()
	}
	return bw.Flush()
}

// mdWriter writes lines of Markdown.
type mdWriter struct {
	w io.Writer
}

func (m mdWriter) line(parts ...string) {
	fmt.Fprintln(m.w, strings.Join(parts, ""))
}

// table writes a header row and its delimiter row; right lists the
// columns aligned right.
func (m mdWriter) table(header []string, right []int) {
	m.row(header...)
	delims := make([]string, len(header))
	for i := range header {
		delims[i] = "---"
		if slices.Contains(right, i) {
			delims[i] = "--:"
		}
	}
	m.row(delims...)
}

// row writes one table row; mdtext.Row makes each cell one cell whatever
// its content.
func (m mdWriter) row(cells ...string) {
	m.line(mdtext.Row(cells...))
}

func (m mdWriter) title(r *Report) {
	title := "# Hooks audit"
	if r.Tenant != "" {
		title += ": " + mdtext.Text(r.Tenant)
	} else if source := cmp.Or(r.Source, commonSource(r.Hooks)); source != "" {
		title += " of " + mdtext.Text(tenant.OriginLabel(source))
	}
	if !r.Generated.IsZero() {
		title += ", " + r.Generated.UTC().Format(time.DateOnly)
	}
	m.line(title)
	m.line()
	m.line(endOfLifeStatus(r.Generated, r.Now)...)
	m.line()
	made := "Made by " + mdtext.Text(strings.TrimSpace(r.Tool.Name+" "+r.Tool.Version))
	if r.Tenant != "" && r.Source != "" {
		made += " from " + mdtext.Text(tenant.OriginLabel(r.Source))
	}
	m.line(made, ". It holds secret key names, never a value.")
	m.line()
}

// commonSource is the source kind all hooks share, or "".
func commonSource(hooks []HookReport) string {
	if len(hooks) == 0 {
		return ""
	}
	for _, h := range hooks[1:] {
		if h.Source != hooks[0].Source {
			return ""
		}
	}
	return hooks[0].Source
}

// endOfLifeStatus is a GitHub alert saying how long the hooks have left,
// counted in whole UTC days from the report's date. Without a date it only
// gives the end of life, in the tense of the clock (none without one), so
// that the text stays the same from day to day and right on either side.
func endOfLifeStatus(date, clock time.Time) []string {
	eol := trigger.HooksEndOfLife.Format(time.DateOnly)
	switch {
	case date.IsZero() && clock.IsZero():
		return []string{"> [!IMPORTANT]\n> Auth0 Hooks end of life: ", eol, "."}
	case date.IsZero() && trigger.HooksEnded(clock):
		return []string{"> [!CAUTION]\n> Auth0 Hooks reached end of life on ", eol, "."}
	case date.IsZero():
		return []string{"> [!IMPORTANT]\n> Auth0 Hooks reach end of life on ", eol, "."}
	}
	switch days := daysToEndOfLife(date); {
	case days > 0:
		return []string{"> [!IMPORTANT]\n> **", plural(days, "day"), " left**: Auth0 Hooks reach end of life on ", eol, "."}
	case days == 0:
		return []string{"> [!CAUTION]\n> **End of life today**: Auth0 Hooks reached end of life today, ", eol, "."}
	default:
		return []string{"> [!CAUTION]\n> **", plural(-days, "day"), " past end of life**: Auth0 Hooks reached end of life on ", eol, "."}
	}
}

// daysToEndOfLife counts calendar days in UTC from now to the end of life;
// negative after it.
func daysToEndOfLife(now time.Time) int {
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int((trigger.HooksEndOfLife.Unix() - today.Unix()) / (24 * 60 * 60))
}

// statusLabels name the summary rows of the secrets' statuses.
var statusLabels = map[migrate.SecretStatus]string{
	migrate.Carry: "Secrets carried", migrate.Unused: "Secrets unused",
	migrate.Missing: "Secrets missing", migrate.Unknown: "Secrets unknown (carried)",
}

// summaryRows are the rows of the summary table.
func summaryRows(r *Report, hooks []HookReport) [][2]string {
	count := func(n int) string { return strconv.Itoa(n) }
	rows := [][2]string{{"Hooks", count(len(hooks))}}
	perTrigger := map[string]int{}
	enabled := map[string]int{}
	for _, h := range hooks {
		perTrigger[h.TriggerID]++
		enabled[enabledText(h)]++
	}
	for _, t := range trigger.All() {
		rows = append(rows, [2]string{"Trigger " + mdtext.CellCode(t.ID), count(perTrigger[t.ID])})
		delete(perTrigger, t.ID)
	}
	// A trigger outside the table can only come from a hand-made report;
	// it is still counted rather than lost.
	other := make([]string, 0, len(perTrigger))
	for id := range perTrigger {
		if id != "" {
			other = append(other, id)
		}
	}
	slices.Sort(other)
	for _, id := range other {
		rows = append(rows, [2]string{"Trigger " + mdtext.CellCode(id), count(perTrigger[id])})
	}
	rows = append(rows, [2]string{"Trigger unknown", count(perTrigger[""])},
		[2]string{"Enabled", count(enabled["yes"])}, [2]string{"Disabled", count(enabled["no"])},
		[2]string{"Enabled state not known", count(enabled["not known"])})

	defined, referenced, notKnown, planned := 0, 0, 0, 0
	statuses := map[migrate.SecretStatus]int{}
	for _, h := range hooks {
		defined += len(h.Defined)
		referenced += len(h.Referenced)
		if h.Defined == nil {
			notKnown++
		}
		if h.Action != nil {
			planned++
			for _, s := range h.Action.Secrets {
				statuses[s.Status]++
			}
		}
	}
	definedText := count(defined)
	switch {
	case len(hooks) > 0 && notKnown == len(hooks):
		definedText = "not known"
	case notKnown > 0:
		definedText += fmt.Sprintf(" (not known for %s)", plural(notKnown, "hook"))
	}
	rows = append(rows, [2]string{"Secrets defined", definedText}, [2]string{"Secrets referenced", count(referenced)})
	for _, s := range []migrate.SecretStatus{migrate.Carry, migrate.Unused, migrate.Missing, migrate.Unknown} {
		text := count(statuses[s])
		if planned == 0 && len(hooks) > 0 {
			text = "no plan"
		}
		rows = append(rows, [2]string{statusLabels[s], text})
	}
	bySeverity := map[finding.Severity]int{}
	for _, f := range r.Findings {
		bySeverity[f.Severity]++
	}
	rows = append(rows, readinessRows(r)...)
	rows = append(rows, [2]string{"Errors", count(bySeverity[finding.Error])},
		[2]string{"Warnings", count(bySeverity[finding.Warning])}, [2]string{"Notes", count(bySeverity[finding.Note])})
	return rows
}

func (m mdWriter) summary(r *Report, hooks []HookReport) {
	m.line("## Summary")
	m.line()
	if r.NothingLeft() {
		m.line(migrate.NothingLeft, ".")
		m.line()
	}
	m.table([]string{"Summary", "Count"}, []int{1})
	for _, row := range summaryRows(r, hooks) {
		m.row(row[0], row[1])
	}
	m.line()
}

// diagram draws each hook, the Action it becomes and the secrets that
// Action gets. Node ids come from positions in the sorted hooks, never from
// user text; labels are escaped for Mermaid.
func (m mdWriter) diagram(hooks []HookReport) {
	if !slices.ContainsFunc(hooks, func(h HookReport) bool { return h.Action != nil }) {
		return
	}
	m.line("## Hooks to Actions")
	m.line()
	m.line("Dashed hooks are disabled; a secret's status follows its key when it is not carry.")
	m.line()
	m.line("```mermaid")
	m.line("flowchart LR")
	var disabled, missing, unknown []string
	for i, h := range hooks {
		hookID := fmt.Sprintf("hook%d", i+1)
		if enabledText(h) == "no" {
			disabled = append(disabled, hookID)
		}
		a := h.Action
		if a == nil {
			m.line("  ", hookID, `["`, mermaidLabel(h.Name), `"]`)
			continue
		}
		label := mermaidLabel(a.Name)
		if a.TriggerID != "" {
			label += "<br/>" + mermaidLabel(a.TriggerID+" "+a.Version)
		} else {
			label += "<br/>trigger unknown"
		}
		actionID := fmt.Sprintf("action%d", i+1)
		m.line("  ", hookID, `["`, mermaidLabel(h.Name), `"] --> `, actionID, `("`, label, `")`)
		for j, s := range a.Secrets {
			if !s.Carried() {
				continue
			}
			secretID := fmt.Sprintf("secret%d_%d", i+1, j+1)
			label := mermaidLabel(s.Key)
			switch s.Status {
			case migrate.Missing:
				label += "<br/>missing"
				missing = append(missing, secretID)
			case migrate.Unknown:
				label += "<br/>unknown"
				unknown = append(unknown, secretID)
			}
			m.line("  ", actionID, " -.- ", secretID, `(["`, label, `"])`)
		}
	}
	for _, class := range []struct {
		name, style string
		ids         []string
	}{
		{"disabled", "stroke-dasharray: 4 4", disabled},
		{"missing", "stroke:#cf222e,stroke-width:2px", missing},
		{"unknown", "stroke:#9a6700,stroke-dasharray: 2 2", unknown},
	} {
		if len(class.ids) > 0 {
			m.line("  classDef ", class.name, " ", class.style)
			m.line("  class ", strings.Join(class.ids, ","), " ", class.name)
		}
	}
	m.line("```")
	m.line()
}

// hookTable is the list of hooks at a glance.
func (m mdWriter) hookTable(r *Report, hooks []HookReport) {
	if len(hooks) == 0 {
		return
	}
	m.line("## Hooks")
	m.line()
	// The Draft column appears once drafts were verified (verify, migrate).
	verified := false
	for _, h := range hooks {
		verified = verified || h.Action != nil && h.Action.Verdict != nil
	}
	header := []string{"Hook", "Trigger", "Enabled", "Action", "Readiness", "Findings"}
	if verified {
		header = append(header, "Draft")
	}
	m.table(header, nil)
	for _, h := range hooks {
		action := "—"
		if h.Action != nil {
			action = mdtext.Text(h.Action.Name)
		}
		cells := []string{mdtext.Text(h.Name), triggerCell(h), enabledText(h), action, readinessCell(r.Readiness(h)), findingCounts(r.FindingsOf(h.Name))}
		if verified {
			cells = append(cells, verdictCell(h.Action))
		}
		m.row(cells...)
	}
	m.line()
}

// verdictCell is the verdict of a hook's draft in a word.
func verdictCell(a *migrate.ActionPlan) string {
	if a == nil || a.Verdict == nil {
		return "—"
	}
	return mdtext.Text(string(a.Verdict.Status))
}

// verification says what running the hook and its draft side by side
// showed; nothing when they were not run.
func (m mdWriter) verification(h HookReport) {
	if h.Action == nil || h.Action.Verdict == nil {
		return
	}
	v := h.Action.Verdict
	m.line("#### Verification")
	m.line()
	switch v.Status {
	case migrate.VerdictEquivalent:
		m.line(fmt.Sprintf("Equivalent: the hook and its draft did the same on all %d inputs and network scenarios tried.", v.Runs))
	case migrate.VerdictDiffers:
		d := v.Difference
		if d == nil {
			m.line("**The draft differs from the hook.**")
			break
		}
		m.line("**The draft differs from the hook.** On ", mdtext.Text(d.Input), ":")
		m.line()
		m.line("- **Hook:** ", mdtext.Text(d.Hook))
		m.line("- **Action:** ", mdtext.Text(d.Action))
	default:
		m.line("Not verified: ", mdtext.Text(v.Reason), ". Review the draft by hand.")
	}
	m.line()
}

func (m mdWriter) hook(h HookReport, findings []finding.Finding) {
	m.line("### ", mdtext.Text(h.Name))
	m.line()
	m.hookFacts(h)
	m.line()
	m.verification(h)
	m.secretsTable(h)
	m.usagesTable(h)
	m.blockersTable(findings)
	m.findingsTable(findings)
	m.dependenciesTable(h)
}

// hookFacts lists where the hook comes from and the Action it becomes.
func (m mdWriter) hookFacts(h HookReport) {
	source := mdtext.Text(h.Source)
	if h.Source == "" {
		source = "not known"
	}
	if h.Declared.File != "" {
		source += ", declared at " + mdWhere(h.Declared)
	}
	m.line("- **Source:** ", source)
	if h.ID != "" {
		m.line("- **Hook id:** ", mdtext.Code(h.ID))
	}
	if h.File != "" {
		m.line("- **Script:** ", mdWhere(finding.Location{File: h.File}))
	} else {
		m.line("- **Script:** in the source, no file of its own")
	}
	m.line("- **Enabled:** ", enabledText(h))
	m.line("- **Trigger:** ", triggerCell(h))
	if a := h.Action; a != nil {
		m.line("- **Action:** ", actionFacts(a))
		if enabledText(h) == "no" {
			m.line("- **Note:** the hook is disabled: create the Action, but bind it to the trigger only if the hook should run")
		}
	}
	if h.Opaque {
		m.line("- **Secrets:** the hook may read secrets beyond those listed (see the findings)")
	}
}

func actionFacts(a *migrate.ActionPlan) string {
	action := mdtext.Text(a.Name)
	if a.Handler != "" {
		action += ", trigger " + mdtext.Code(a.TriggerID) + " " + mdtext.Text(a.Version) + ", handler " + mdtext.Code(a.Handler)
	} else {
		action += ", trigger unknown: give --trigger"
	}
	if a.Runtime != "" {
		action += ", runtime " + mdtext.Code(a.Runtime)
	}
	switch {
	case a.Draft.Usable():
		action += ", code drafted"
	case a.Draft != nil:
		action += ", code drafted but not usable as it stands: " + mdtext.Text(a.Draft.ProblemText())
	}
	return action
}

func (m mdWriter) usagesTable(h HookReport) {
	if len(h.Usages) == 0 {
		return
	}
	m.line("#### Usages")
	m.line()
	m.table([]string{"Key", "Kind", "Where"}, nil)
	for _, u := range sortedUsages(h) {
		kind := string(u.Kind)
		if u.LowConfidence {
			kind += " (low confidence)"
		}
		m.row(mdtext.CellCode(u.Key), kind, mdWhere(finding.Location{File: h.File, Line: u.Line, Column: u.Column}))
	}
	m.line()
}

// blockersTable lists what has no mechanical Action equivalent.
func (m mdWriter) blockersTable(findings []finding.Finding) {
	var blockers []finding.Finding
	for _, f := range findings {
		if f.Rule == finding.RuleNoActionEquivalent {
			blockers = append(blockers, f)
		}
	}
	if len(blockers) == 0 {
		return
	}
	m.line("#### Blockers")
	m.line()
	m.line("These parts have no mechanical Action equivalent and need a person.")
	m.line()
	m.table([]string{"Where", "What"}, nil)
	for _, f := range blockers {
		m.row(mdWhere(f.Location), findingMessage(f))
	}
	m.line()
}

func (m mdWriter) findingsTable(findings []finding.Finding) {
	if len(findings) == 0 {
		return
	}
	m.line("#### Findings")
	m.line()
	m.table([]string{"Severity", "Rule", "Where", "Message"}, nil)
	for _, f := range findings {
		m.row(string(f.Severity), mdtext.CellCode(f.Rule), mdWhere(f.Location), findingMessage(f))
	}
	m.line()
}

func (m mdWriter) dependenciesTable(h HookReport) {
	if h.Action == nil || len(h.Action.Dependencies) == 0 {
		return
	}
	deps := slices.Clone(h.Action.Dependencies)
	slices.SortStableFunc(deps, func(a, b migrate.Dependency) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Version, b.Version)
	})
	m.line("#### Dependencies")
	m.line()
	m.table([]string{"Name", "Version"}, nil)
	for _, d := range deps {
		m.row(mdtext.CellCode(d.Name), mdtext.CellCode(d.Version))
	}
	m.line()
}

// secretsHeader is the header of every hook's secrets table.
var secretsHeader = []string{"Key", "Defined", "Read", "Status", "What to do"}

// secretKeys are the keys of a hook's secrets table: every key it defines,
// reads or has a status for, sorted.
func secretKeys(h HookReport) []string {
	keys := slices.Concat(h.Defined, h.Referenced)
	if h.Action != nil {
		for _, s := range h.Action.Secrets {
			keys = append(keys, s.Key)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func (m mdWriter) secretsTable(h HookReport) {
	m.line("#### Secrets")
	m.line()
	keys := secretKeys(h)
	if len(keys) == 0 {
		if h.Opaque {
			m.line("No secret key is known; the hook may read any (see the findings).")
		} else {
			m.line("The hook defines and reads no secret.")
		}
		m.line()
		return
	}
	mapping := map[string]migrate.SecretMapping{}
	if h.Action != nil {
		for _, s := range h.Action.Secrets {
			mapping[s.Key] = s
		}
	}
	m.table(secretsHeader, nil)
	for _, k := range keys {
		defined := "not known"
		if h.Defined != nil {
			defined = yesNo(slices.Contains(h.Defined, k))
		}
		read := yesNo(slices.Contains(h.Referenced, k))
		if read == "no" && h.Opaque {
			read = "maybe"
		}
		status, todo := "—", "—"
		if s, ok := mapping[k]; ok {
			status, todo = string(s.Status), whatToDo(s)
		}
		m.row(mdtext.CellCode(k), defined, read, status, todo)
	}
	m.line()
}

// whatToDo is the step the operator takes for one secret in the move.
func whatToDo(s migrate.SecretMapping) string {
	value := ""
	if s.Marker != "" {
		value = "; give its value as " + mdtext.CellCode(s.Marker)
	}
	switch s.Status {
	case migrate.Carry:
		return "Carry it to the Action" + value
	case migrate.Unknown:
		return "Carry it: the hook may read it (see the findings)" + value
	case migrate.Missing:
		if s.Marker != "" {
			return "Define it on the Action with its value as " + mdtext.CellCode(s.Marker) + ", or remove the read"
		}
		return "Define it on the Action, or remove the read"
	case migrate.Unused:
		return "Do not carry it; delete it once the hook is gone"
	}
	return "—"
}

func triggerCell(h HookReport) string {
	switch {
	case h.TriggerID != "":
		return mdtext.CellCode(h.TriggerID) + " (" + mdtext.Text(string(h.TriggerSource)) + ")"
	case len(h.TriggerCandidates) > 0:
		ids := make([]string, len(h.TriggerCandidates))
		for i, id := range h.TriggerCandidates {
			ids[i] = mdtext.CellCode(id)
		}
		return "unknown, one of " + strings.Join(ids, ", ")
	}
	return "unknown"
}

func findingCounts(findings []finding.Finding) string {
	bySeverity := map[finding.Severity]int{}
	for _, f := range findings {
		bySeverity[f.Severity]++
	}
	var parts []string
	for _, s := range []finding.Severity{finding.Error, finding.Warning, finding.Note} {
		if n := bySeverity[s]; n > 0 {
			parts = append(parts, plural(n, string(s)))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func findingMessage(f finding.Finding) string {
	return mdtext.Text(f.Message) + lowConfidence(f.LowConfidence)
}

func sortedFindings(fs []finding.Finding) []finding.Finding {
	out := slices.Clone(fs)
	finding.Sort(out)
	return out
}

func sortedUsages(h HookReport) []analyzer.SecretUsage {
	out := slices.Clone(h.Usages)
	slices.SortStableFunc(out, func(a, b analyzer.SecretUsage) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if a.Column != b.Column {
			return a.Column - b.Column
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

// enabledText says whether the hook is enabled: "yes", "no", or "not
// known" for a bare script file, which has no such setting.
func enabledText(h HookReport) string {
	if h.Source == tenant.OriginFile {
		return "not known"
	}
	return yesNo(h.Enabled)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// mdWhere shows a location, as a relative link with a line anchor when its
// file is a local relative path (one that stays under the directory the
// audit is written from). A location without a file is in the script of a
// hook that has no file of its own.
func mdWhere(loc finding.Location) string {
	if loc.File == "" {
		where := "script"
		if loc.Line > 0 {
			where += " line " + strconv.Itoa(loc.Line)
		}
		if loc.Line > 0 && loc.Column > 0 {
			where += ", column " + strconv.Itoa(loc.Column)
		}
		return where
	}
	text := mdtext.Text(loc.String())
	if !filepath.IsLocal(loc.File) {
		return text
	}
	target := linkPath(loc.File)
	if loc.Line > 0 {
		target += "#L" + strconv.Itoa(loc.Line)
	}
	return "[" + text + "](" + target + ")"
}

// linkPath escapes a relative file path for a link destination: each
// segment percent-encoded, & too (entities are decoded in destinations),
// and ./ before a first segment that could read as a URL scheme.
func linkPath(file string) string {
	segments := strings.Split(filepath.ToSlash(file), "/")
	for i, s := range segments {
		segments[i] = strings.ReplaceAll(url.PathEscape(s), "&", "%26")
	}
	out := strings.Join(segments, "/")
	if strings.Contains(segments[0], ":") {
		out = "./" + out
	}
	return out
}

// mermaidLabel escapes user text for a quoted Mermaid label: letters,
// digits, spaces and harmless punctuation stay; everything else, quotes,
// brackets, pipes, < > and # included, becomes a Mermaid entity code.
func mermaidLabel(s string) string {
	s = mdtext.Visible(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString("#quot;")
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || strings.ContainsRune("-_.,:/@+=!?'", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "#%d;", r)
		}
	}
	return b.String()
}
