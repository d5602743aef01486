// Package reports turns hooks and their analysis into one report model and
// renders that model in each output format. Every format reads the same
// Report, so they never disagree about what was found.
package reports

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// Report is what one run found: hooks sorted by name, findings sorted by
// hook and position. It holds secret key names only, never a value.
type Report struct {
	Tool Tool
	// Source is the kind of source the hooks came from (tenant.Origin*, or
	// "mixed"); Tenant is the tenant's domain when the source knows it.
	Source string
	Tenant string
	// Generated is the date the report is about: when its data was read
	// (a snapshot's fetch time), or the date given (SOURCE_DATE_EPOCH,
	// --date). Zero leaves the date out, so that a committed report does
	// not change from one day to the next. Formats meant to be diffed
	// between runs (JSON) never show it.
	Generated time.Time
	// Now is the clock when the report was made: it only chooses the
	// tense of the end-of-life text, and is never shown. Zero words it
	// without a tense.
	Now      time.Time
	Hooks    []HookReport
	Findings []finding.Finding
	// Suppressed are the findings taken out by hooks2actions-ignore
	// comments or a baseline, kept for the record.
	Suppressed []SuppressedFinding
}

// Input is what a report is made of: the hooks read, their analysis, the
// problems of the sources and the migration plan.
type Input struct {
	Tool Tool
	// Now is the clock (see Report.Now); Date is the date shown (see
	// Report.Generated).
	Now       time.Time
	Date      time.Time
	Inventory *tenant.Inventory
	Hooks     []migrate.HookInput
	Plan      *migrate.Plan
}

// Tool names the program that made the report, so a stored report says
// which version's rules produced it.
type Tool struct {
	Name    string
	Version string
}

// HookReport is one hook's part of the report.
type HookReport struct {
	Name string
	// ID is the Management API id, "" when the source has none.
	ID      string
	Enabled bool
	// Source is the kind of source the hook came from (tenant.Origin*).
	Source string
	// Declared is where the hook is declared in its source; zero for a
	// bare script file.
	Declared finding.Location
	// Defined are the secret keys the hook defines, sorted; nil when the
	// source does not know them (a bare script file).
	Defined []string
	// TriggerID is "" when it was neither given nor inferable.
	TriggerID     string
	TriggerSource analyzer.TriggerSource
	// TriggerCandidates are the triggers an ambiguous signature fits.
	TriggerCandidates []string
	// File holds the script; "" when the script has no file of its own
	// (the Management API, a snapshot), and then lines are lines of the
	// script itself.
	File   string
	Parsed bool
	// Context is nil when no context parameter was found.
	Context *analyzer.ContextParam
	// Referenced are the statically known keys read, sorted and unique.
	Referenced []string
	// Opaque is true when the hook may read keys beyond Referenced.
	Opaque bool
	Usages []analyzer.SecretUsage
	// Action is the Action the hook becomes; nil without a plan.
	Action *migrate.ActionPlan
}

// Build makes the report: hooks sorted by name, each finding labelled with
// its hook's name, the sources' problems as load-error findings, the plan's
// findings, all sorted with finding.Sort. A hook whose script could not be
// read has a nil Result: it is reported with what its source knows.
func Build(in Input) *Report {
	r := &Report{Tool: in.Tool, Generated: in.Date, Now: in.Now, Hooks: []HookReport{}, Findings: []finding.Finding{}}
	actions := map[string]*migrate.ActionPlan{}
	if in.Plan != nil {
		for i := range in.Plan.Actions {
			actions[in.Plan.Actions[i].Hook] = &in.Plan.Actions[i]
		}
		r.Findings = append(r.Findings, in.Plan.Findings...)
	}
	for _, a := range in.Hooks {
		h := hookReport(a)
		h.Action = actions[a.Hook.Name]
		r.Hooks = append(r.Hooks, h)
		r.Findings = append(r.Findings, hookRemaining(h))
		if a.Result == nil {
			continue
		}
		for _, f := range a.Result.Findings {
			f.Hook = a.Hook.Name
			r.Findings = append(r.Findings, f)
		}
	}
	if inv := in.Inventory; inv != nil {
		r.Source, r.Tenant = inv.Source, inv.Tenant
		for _, p := range inv.Problems {
			r.Findings = append(r.Findings, loadError(p))
		}
	}
	r.applySuppressions(in.Hooks)
	sort.SliceStable(r.Hooks, func(i, j int) bool { return r.Hooks[i].Name < r.Hooks[j].Name })
	finding.Sort(r.Findings)
	return r
}

// loadError turns a source's problem into a finding. A note is about the
// tenant, not a hook left unread (tenant.Problem), so it is a source-note
// that the default gate, which fails every load-error, lets pass.
func loadError(p tenant.Problem) finding.Finding {
	rule, _ := finding.LookupRule(finding.RuleLoadError)
	if p.Severity == finding.Note {
		rule, _ = finding.LookupRule(finding.RuleSourceNote)
	}
	severity := rule.Severity
	if p.Severity != "" {
		severity = p.Severity
	}
	return finding.Finding{Rule: rule.ID, Severity: severity, Hook: p.Hook, Message: p.Message, Location: p.Location}
}

func hookReport(a migrate.HookInput) HookReport {
	h := a.Hook
	out := HookReport{
		Name:     h.Name,
		ID:       h.ID,
		Enabled:  h.Enabled,
		Source:   h.Origin.Kind,
		Declared: h.Origin.Declared,
		Defined:  h.SecretKeys,
		File:     h.Origin.File,
	}
	res := a.Result
	if res == nil {
		// Without its script nothing can be ruled out about the hook.
		out.TriggerID, out.TriggerSource, out.Opaque = h.TriggerID, analyzer.TriggerGiven, true
		if h.TriggerID == "" {
			out.TriggerSource = analyzer.TriggerUnknown
		}
		return out
	}
	out.TriggerID = res.TriggerID
	out.TriggerSource = res.TriggerSource
	out.TriggerCandidates = res.TriggerCandidates
	out.Parsed = res.Parsed
	out.Context = res.Context
	out.Referenced = res.Referenced()
	out.Opaque = res.Opaque()
	out.Usages = res.Usages
	return out
}

// SecretsWith returns the keys the plan gives a status, sorted; empty
// without a plan.
func (h HookReport) SecretsWith(status migrate.SecretStatus) []string {
	out := []string{}
	if h.Action == nil {
		return out
	}
	for _, m := range h.Action.Secrets {
		if m.Status == status {
			out = append(out, m.Key)
		}
	}
	return out
}

// orphanFindings returns the findings that name no hook of the report.
func (r *Report) orphanFindings() []finding.Finding {
	names := make(map[string]bool, len(r.Hooks))
	for _, h := range r.Hooks {
		names[h.Name] = true
	}
	var out []finding.Finding
	for _, f := range r.Findings {
		if !names[f.Hook] {
			out = append(out, f)
		}
	}
	return out
}

// NotAnalysed returns the names of the hooks whose audit is incomplete:
// the script was not read or did not parse, or a finding says the hook was
// not read or analysed whole. None of them may pass for clean.
func (r *Report) NotAnalysed() []string {
	incomplete := map[string]bool{}
	for _, f := range r.Findings {
		if slices.Contains(NotAnalysedRules, f.Rule) {
			incomplete[f.Hook] = true
		}
	}
	var names []string
	for _, h := range r.Hooks {
		if !h.Parsed || incomplete[h.Name] {
			names = append(names, h.Name)
		}
	}
	return names
}

// Unread sums up what the run could not read or analyse whole: the hooks
// (NotAnalysed) and the problems of the sources that name no hook of the
// report (an entry that could not be read as a hook, a bindings file that
// does not parse).
func (r *Report) Unread() (hooks []string, sourceProblems int) {
	for _, f := range r.orphanFindings() {
		if slices.Contains(NotAnalysedRules, f.Rule) {
			sourceProblems++
		}
	}
	return r.NotAnalysed(), sourceProblems
}

// FindingsOf returns the findings of the named hook, in report order.
func (r *Report) FindingsOf(hook string) []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Findings {
		if f.Hook == hook {
			out = append(out, f)
		}
	}
	return out
}

// Renderer writes a report in one format.
type Renderer interface {
	Render(w io.Writer, r *Report) error
}

// formatOrder is the order formats are listed in; the first is the default.
var formatOrder = []string{"text", "json", "markdown", "sarif", "github"}

// renderers maps a format name to its renderer. Each format's file adds
// itself, so that a format is one file.
var renderers = map[string]func(color bool) Renderer{}

func register(format string, newRenderer func(color bool) Renderer) {
	renderers[format] = newRenderer
}

// Formats lists the format names NewRenderer accepts; the first is the default.
func Formats() []string {
	var out []string
	for _, f := range formatOrder {
		if renderers[f] != nil {
			out = append(out, f)
		}
	}
	return out
}

// NewRenderer returns the renderer for a format name. color asks for
// terminal colours (only the text format has them); the caller decides it,
// since only the caller knows where the output goes.
func NewRenderer(format string, color bool) (Renderer, error) {
	if newRenderer := renderers[format]; newRenderer != nil {
		return newRenderer(color), nil
	}
	fs := Formats()
	return nil, fmt.Errorf("unknown format %q (want %s or %s)", format, strings.Join(fs[:len(fs)-1], ", "), fs[len(fs)-1])
}
