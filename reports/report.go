// Package reports turns hooks and their analysis into one report model and
// renders that model in each output format. Every format reads the same
// Report, so they never disagree about what was found.
package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// Report is what one run found: hooks sorted by name, findings sorted by
// hook and position. It holds secret key names only, never a value.
type Report struct {
	Tool     Tool
	Hooks    []HookReport
	Findings []finding.Finding
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
	// TriggerID is "" when it was neither given nor inferable.
	TriggerID     string
	TriggerSource analyzer.TriggerSource
	// TriggerCandidates are the triggers an ambiguous signature fits.
	TriggerCandidates []string
	File              string
	Parsed            bool
	// Context is nil when no context parameter was found.
	Context *analyzer.ContextParam
	// Referenced are the statically known keys read, sorted and unique.
	Referenced []string
	// Opaque is true when the hook may read keys beyond Referenced.
	Opaque bool
	Usages []analyzer.SecretUsage
}

// HookAnalysis pairs a hook with the analyzer's result for its script.
type HookAnalysis struct {
	Hook   tenant.Hook
	Result *analyzer.Result
}

// Build makes the report: hooks sorted by name, each finding labelled with
// its hook's name, findings sorted with finding.Sort.
func Build(tool Tool, analyses []HookAnalysis) *Report {
	r := &Report{Tool: tool, Hooks: []HookReport{}, Findings: []finding.Finding{}}
	for _, a := range analyses {
		r.Hooks = append(r.Hooks, hookReport(a))
		for _, f := range a.Result.Findings {
			f.Hook = a.Hook.Name
			r.Findings = append(r.Findings, f)
		}
	}
	sort.SliceStable(r.Hooks, func(i, j int) bool { return r.Hooks[i].Name < r.Hooks[j].Name })
	finding.Sort(r.Findings)
	return r
}

func hookReport(a HookAnalysis) HookReport {
	res := a.Result
	return HookReport{
		Name:              a.Hook.Name,
		TriggerID:         res.TriggerID,
		TriggerSource:     res.TriggerSource,
		TriggerCandidates: res.TriggerCandidates,
		File:              a.Hook.Origin.File,
		Parsed:            res.Parsed,
		Context:           res.Context,
		Referenced:        res.Referenced(),
		Opaque:            res.Opaque(),
		Usages:            res.Usages,
	}
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

// Formats lists the format names NewRenderer accepts; the first is the default.
func Formats() []string { return []string{"text", "json"} }

// NewRenderer returns the renderer for a format name. color asks the text
// format for terminal colours; the caller decides it, since only the caller
// knows where the output goes.
func NewRenderer(format string, color bool) (Renderer, error) {
	switch format {
	case "text":
		return Text{Color: color}, nil
	case "json":
		return JSON{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), " or "))
}
