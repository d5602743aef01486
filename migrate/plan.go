// Package migrate turns hooks and their analysis into the plan of the move
// to Actions: one Action per hook, its secrets mapping and dependencies,
// what needs a person, and a draft of its code. It is deterministic: the
// same input gives the same plan, byte for byte once rendered.
package migrate

import (
	"fmt"
	"sort"

	"github.com/dop251/goja"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/parallel"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// Runtime is the Node.js runtime every planned Action uses, the one Auth0
// recommends and defaults to.
const Runtime = "node22"

// Actions limits (Auth0 entity limits and Actions limitations).
const (
	MaxSecrets      = 30
	MaxSecretKeyLen = 128
	MaxDependencies = 10
)

// HookInput is one hook and its analysis. Result is nil when the hook's
// script could not be read.
type HookInput struct {
	Hook   tenant.Hook
	Result *analyzer.Result
}

// Options tune the plan.
type Options struct {
	// TriggerVersions overrides the Action trigger version per trigger id,
	// from a live tenant's GET /actions/triggers; nil keeps the table's.
	TriggerVersions map[string]string
}

// Plan is the move of a tenant's hooks to Actions.
type Plan struct {
	// Actions holds one Action per hook, sorted by hook name.
	Actions  []ActionPlan
	Findings []finding.Finding
	// compiled holds each draft as its checks compiled it (see Compiled).
	// It is kept here rather than on Draft, which the report model holds:
	// a compiled program carries the code's text, and every text field of
	// that model is vetted for secrets (reports' canary test).
	compiled map[*Draft]*goja.Program
}

// Compiled is the draft's code compiled as Node loads the Action's module,
// as the draft's checks compiled it, so that running it (verify) does not
// compile it again; nil when it did not compile or the plan was not built
// here.
func (p *Plan) Compiled(d *Draft) *goja.Program { return p.compiled[d] }

// ActionPlan is the Action one hook becomes.
type ActionPlan struct {
	Hook string
	// HookID and HookWhere say where the hook came from, for the checklist.
	HookID    string
	HookWhere finding.Location
	// HookEnabled is false for a disabled hook: its Action is planned but
	// should not be bound to the trigger until the hook would have run.
	HookEnabled bool
	// EnabledKnown is false when the source does not say whether the hook
	// is enabled (a bare script file); HookEnabled is then false, and the
	// checklist must not tell the reader the hook is disabled.
	EnabledKnown bool
	// Name is the Action's name, unique in the plan; FileName is the
	// Deploy CLI file name derived from it.
	Name     string
	FileName string
	// TriggerID is "" when the hook's trigger is unknown; then Version and
	// Handler are "" too and the plan says so.
	TriggerID string
	Version   string
	Handler   string
	Runtime   string
	// SecretsKnown is false when the source does not say which secrets the
	// hook defines (a bare script file): statuses are then carry only.
	SecretsKnown bool
	Secrets      []SecretMapping
	Dependencies []Dependency
	// Draft is the Action's code drafted from the hook's; nil when the
	// trigger is unknown, the script could not be read or parsed, or the
	// analysis was run without its detail.
	Draft *Draft
	// Verdict is what running the hook and the draft side by side showed;
	// nil when the draft was not verified (no draft, or verify not run).
	Verdict *Verdict
}

// Plan builds the plan for every hook.
func Build(hooks []HookInput, opts Options) *Plan {
	sorted := append([]HookInput(nil), hooks...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Hook.Name < sorted[j].Hook.Name })
	p := &Plan{Actions: []ActionPlan{}, Findings: []finding.Finding{}}
	// Drafting is the costly part and each hook's is its own: it runs in
	// parallel; naming and markers depend on the hooks before, so they do not.
	drafts := parallel.Map(sorted, draftOf)
	names := newNamer()
	markers := map[string]bool{}
	for i, in := range sorted {
		if dr := drafts[i]; dr.program != nil {
			if p.compiled == nil {
				p.compiled = make(map[*Draft]*goja.Program)
			}
			p.compiled[dr.draft] = dr.program
		}
		a, fs := planAction(in, opts, names, drafts[i])
		uniqueMarkers(a.Secrets, markers)
		p.Actions = append(p.Actions, a)
		p.Findings = append(p.Findings, fs...)
	}
	finding.Sort(p.Findings)
	return p
}

// drafted is a hook's Action code draft and the blockers found drafting it.
type drafted struct {
	draft    *Draft
	program  *goja.Program
	blockers []finding.Finding
}

func draftOf(in HookInput) drafted {
	t, ok := trigger.Lookup(triggerOf(in))
	if !ok {
		return drafted{}
	}
	d, prog, blockers := makeDraft(in, t)
	return drafted{d, prog, blockers}
}

func planAction(in HookInput, opts Options, names *namer, dr drafted) (ActionPlan, []finding.Finding) {
	h := in.Hook
	a := ActionPlan{Hook: h.Name, HookID: h.ID, HookWhere: h.Origin.Where(), HookEnabled: h.Enabled, Runtime: Runtime,
		EnabledKnown: h.Origin.Kind != tenant.OriginFile, SecretsKnown: h.SecretKeys != nil}
	var out []finding.Finding
	a.Name, a.FileName = names.assign(h.Name)
	if a.Name != h.Name {
		out = append(out, newFinding(finding.RuleActionNameCollision, h, "", h.Origin.Where(),
			"another hook's Action already has the file name of "+quote(h.Name)+"; this Action is named "+quote(a.Name)))
	}
	a.TriggerID = triggerOf(in)
	if t, ok := trigger.Lookup(a.TriggerID); ok {
		a.Handler, a.Version = t.ActionHandler, t.ActionVersion
		if v := opts.TriggerVersions[t.ID]; v != "" {
			a.Version = v
		}
		a.Draft = dr.draft
		out = append(out, dr.blockers...)
	}
	var fs []finding.Finding
	a.Secrets, fs = mapSecrets(in)
	for i, m := range a.Secrets {
		if m.Carried() {
			a.Secrets[i].Marker = MarkerName(a.Name, m.Key)
			a.Secrets[i].Expression = h.SecretExpression(m.Key)
		}
	}
	out = append(out, fs...)
	out = append(out, checkSecretLimits(in, a.Secrets)...)
	a.Dependencies, fs = planDependencies(in)
	out = append(out, fs...)
	return a, out
}

// uniqueMarkers keeps keyword markers unique across the plan: MarkerName
// folds case and punctuation, so hooks a-b and a_b (or keys api-key and
// API_KEY) would otherwise share one value at import.
func uniqueMarkers(secrets []SecretMapping, used map[string]bool) {
	for i, m := range secrets {
		if m.Marker == "" {
			continue
		}
		marker := m.Marker
		for n := 2; used[marker]; n++ {
			marker = fmt.Sprintf("%s_%d", m.Marker, n)
		}
		used[marker] = true
		secrets[i].Marker = marker
	}
}

// triggerOf is the trigger the analysis settled on, or the source's.
func triggerOf(in HookInput) string {
	if in.Result != nil && in.Result.TriggerID != "" {
		return in.Result.TriggerID
	}
	return in.Hook.TriggerID
}

func newFinding(rule string, h tenant.Hook, secret string, at finding.Location, msg string) finding.Finding {
	r, _ := finding.LookupRule(rule)
	return finding.Finding{Rule: rule, Severity: r.Severity, Hook: h.Name, Secret: secret, Message: msg, Location: at}
}

func quote(s string) string { return "\u201c" + s + "\u201d" }

// Analyze runs the analyzer over every hook that has a script, with the
// positions of the file that holds it. detail asks for what drafting the
// Actions' code needs. A hook without a script gets a nil Result.
// Hooks are analysed in parallel, each on its own, and returned in order.
func Analyze(hooks []tenant.Hook, detail bool) []HookInput {
	return parallel.Map(hooks, func(h tenant.Hook) HookInput {
		in := HookInput{Hook: h}
		if h.Script != nil {
			in.Result = analyzer.AnalyzeScript(analyzer.Script{Source: h.Script, File: h.Origin.File,
				FirstLine: h.Origin.ScriptLine, Indent: h.Origin.ScriptIndent, TriggerID: h.TriggerID, Detail: detail})
		}
		return in
	})
}
