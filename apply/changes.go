// Package apply moves a tenant's hooks to Actions through the Management
// API: it compares the migration plan (and its verdicts) with the tenant's
// Actions and trigger bindings, shows the changes, makes them, records
// them, and can undo the bindings. The plan is made elsewhere; the API
// client in tenant/mgmtapi only does what it is told.
package apply

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// Step is one change to one Action or hook.
type Step string

const (
	StepCreate             Step = "create"
	StepUpdateCode         Step = "update code"
	StepUpdateDependencies Step = "update dependencies"
	StepUpdateRuntime      Step = "update runtime"
	StepUpdateTrigger      Step = "update trigger"
	StepSetSecrets         Step = "set secrets"
	StepDeploy             Step = "deploy"
	StepBind               Step = "bind"
	StepDisableHook        Step = "disable hook"
)

// State is what the tenant holds now: its Actions, and the binding list of
// each trigger the plan binds to.
type State struct {
	Actions  []mgmtapi.Action
	Bindings map[string][]trigger.Binding
}

// Options are the user's choices.
type Options struct {
	// AllowUnverified applies drafts that verification found to differ
	// or that have blockers.
	AllowUnverified bool
	// DisableHooks disables each replaced hook once its Action is bound.
	DisableHooks bool
}

// ActionChange is what happens to one hook's Action.
type ActionChange struct {
	Plan migrate.ActionPlan
	// ActionID is the existing Action's id ("" until created).
	ActionID string
	Steps    []Step
	// Skipped says why nothing is done; "" when the Action is applied.
	Skipped string
	// BindAfter is the Action ours is bound after; "" for the first.
	BindAfter string
}

// Has reports whether the change includes step.
func (c ActionChange) Has(step Step) bool { return slices.Contains(c.Steps, step) }

// TriggerChange is one trigger's binding list before and after.
type TriggerChange struct {
	TriggerID     string
	Before, After []trigger.Binding
}

// Changed reports whether the list changes.
func (t TriggerChange) Changed() bool { return !slices.Equal(names(t.Before), names(t.After)) }

// Changes is the whole set of changes, in plan order.
type Changes struct {
	Actions  []ActionChange
	Triggers []TriggerChange
}

// Pending reports whether anything would be written.
func (c *Changes) Pending() bool {
	for _, a := range c.Actions {
		if len(a.Steps) > 0 {
			return true
		}
	}
	return false
}

// Compare works out the changes that bring the tenant to the plan. Actions
// are matched by name. It writes nothing.
func Compare(plan *migrate.Plan, st State, opts Options) *Changes {
	byName := make(map[string]mgmtapi.Action, len(st.Actions))
	for _, a := range st.Actions {
		byName[a.Name] = a
	}
	ch := &Changes{}
	ours := map[string][]trigger.Binding{}
	for _, a := range plan.Actions {
		c := ActionChange{Plan: a, Skipped: skipReason(plan, a, opts)}
		existing, exists := byName[a.Name]
		if c.Skipped == "" && exists {
			c.Skipped = foreignAction(a, existing)
		}
		if c.Skipped == "" {
			c.ActionID = existing.ID
			c.Steps = actionSteps(a, existing, exists)
			if a.HookEnabled {
				ours[a.TriggerID] = append(ours[a.TriggerID], trigger.Binding{ActionName: a.Name, DisplayName: a.Name, ActionID: existing.ID})
			}
		}
		ch.Actions = append(ch.Actions, c)
	}
	for _, tid := range slices.Sorted(maps.Keys(ours)) {
		t := TriggerChange{TriggerID: tid, Before: st.Bindings[tid]}
		t.After = trigger.MergeBindings(t.Before, ours[tid])
		ch.Triggers = append(ch.Triggers, t)
		markBinds(ch, t, opts)
	}
	return ch
}

// markBinds adds the bind (and disable hook) steps of the Actions that
// are new in the trigger's list.
func markBinds(ch *Changes, t TriggerChange, opts Options) {
	bound := map[string]bool{}
	for _, b := range t.Before {
		bound[b.ActionName] = true
	}
	for i := range ch.Actions {
		c := &ch.Actions[i]
		if c.Skipped != "" || !c.Plan.HookEnabled || c.Plan.TriggerID != t.TriggerID {
			continue
		}
		if !bound[c.Plan.Name] {
			c.Steps = append(c.Steps, StepBind)
			at := slices.IndexFunc(t.After, func(b trigger.Binding) bool { return b.ActionName == c.Plan.Name })
			if at > 0 {
				c.BindAfter = t.After[at-1].ActionName
			}
		}
		// The hook is still enabled: with --disable-hooks it goes off
		// once its Action is bound, whether by this run or an earlier one.
		if opts.DisableHooks && c.Plan.HookID != "" {
			c.Steps = append(c.Steps, StepDisableHook)
		}
	}
}

// skipReason says why an Action is not applied; "" when it is.
func skipReason(plan *migrate.Plan, a migrate.ActionPlan, opts Options) string {
	switch {
	case a.TriggerID == "":
		return "its trigger is unknown"
	case a.Draft == nil:
		// apply prints no findings: say where the reason is.
		return "there is no code draft: its script could not be read or parsed, or no hook function or " +
			"context parameter was found (hooks2actions analyze on the same tenant says which)"
	case !a.Draft.Usable():
		// It would not even build: no flag makes it worth sending.
		return "the code draft is not usable as it stands (" + a.Draft.ProblemText() + "); fix it first"
	case opts.AllowUnverified:
		return ""
	case a.Verdict != nil && a.Verdict.Status == migrate.VerdictDiffers:
		why := "verification found the draft does not do what the hook does"
		if d := a.Verdict.Difference; d != nil {
			why += fmt.Sprintf(" (on %s: the hook %s, the Action %s)", d.Input, d.Hook, d.Action)
		}
		return why + "; review it, or give --allow-unverified"
	}
	if n := blockers(plan, a.Hook); n > 0 {
		return fmt.Sprintf("%d %s a person must resolve; review the draft, or give --allow-unverified", n, plural(n, "blocker", "blockers"))
	}
	return ""
}

// foreignAction refuses to take over an Action of the same name made for
// another trigger: it is someone else's, and rewriting it would break
// what it does.
func foreignAction(a migrate.ActionPlan, existing mgmtapi.Action) string {
	for _, t := range existing.SupportedTriggers {
		if t.ID != a.TriggerID {
			return fmt.Sprintf("the tenant has an Action named %q for the trigger %s already (id %s); rename one of them", a.Name, t.ID, existing.ID)
		}
	}
	return ""
}

// blockers counts the plan's findings of what has no mechanical Action
// equivalent, for one hook.
func blockers(plan *migrate.Plan, hook string) int {
	n := 0
	for _, f := range plan.Findings {
		if f.Hook == hook && f.Rule == finding.RuleNoActionEquivalent {
			n++
		}
	}
	return n
}

// actionSteps compares the planned Action with the tenant's.
func actionSteps(a migrate.ActionPlan, existing mgmtapi.Action, exists bool) []Step {
	want := actionWrite(a, nil)
	if !exists {
		steps := []Step{StepCreate}
		if len(secretNames(a)) > 0 {
			steps = append(steps, StepSetSecrets)
		}
		return append(steps, StepDeploy)
	}
	var steps []Step
	if existing.Code != *want.Code {
		steps = append(steps, StepUpdateCode)
	}
	if !sameDependencies(existing.Dependencies, *want.Dependencies) {
		steps = append(steps, StepUpdateDependencies)
	}
	if existing.Runtime != want.Runtime {
		steps = append(steps, StepUpdateRuntime)
	}
	if !slices.Equal(existing.SupportedTriggers, want.SupportedTriggers) {
		steps = append(steps, StepUpdateTrigger)
	}
	if !slices.Equal(sortedSecretNames(existing.Secrets), secretNames(a)) {
		steps = append(steps, StepSetSecrets)
	}
	if len(steps) > 0 || !existing.AllChangesDeployed {
		steps = append(steps, StepDeploy)
	}
	return steps
}

// actionWrite is the planned Action as a create body; secrets are added
// with their values only when given.
func actionWrite(a migrate.ActionPlan, secrets *[]mgmtapi.SecretValue) mgmtapi.ActionWrite {
	code := a.Draft.Code
	deps := make([]mgmtapi.ActionDependency, 0, len(a.Dependencies))
	for _, d := range a.Dependencies {
		deps = append(deps, mgmtapi.ActionDependency{Name: d.Name, Version: d.Version})
	}
	runtime := a.Runtime
	if runtime == "" {
		runtime = migrate.Runtime
	}
	return mgmtapi.ActionWrite{
		Name:              a.Name,
		SupportedTriggers: []mgmtapi.ActionTrigger{{ID: a.TriggerID, Version: a.Version}},
		Code:              &code,
		Runtime:           runtime,
		Dependencies:      &deps,
		Secrets:           secrets,
	}
}

func sameDependencies(have, want []mgmtapi.ActionDependency) bool {
	key := func(ds []mgmtapi.ActionDependency) []string {
		out := make([]string, len(ds))
		for i, d := range ds {
			out[i] = d.Name + "@" + d.Version
		}
		sort.Strings(out)
		return out
	}
	return slices.Equal(key(have), key(want))
}

// secretNames are the planned Action's secret names, sorted.
func secretNames(a migrate.ActionPlan) []string {
	var out []string
	for _, m := range a.Secrets {
		if m.Carried() {
			out = append(out, m.Key)
		}
	}
	sort.Strings(out)
	return out
}

func sortedSecretNames(ss []mgmtapi.ActionSecretName) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out
}

func names(bs []trigger.Binding) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.ActionName
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Tenant limits an apply checks before any write (Auth0 entity limits).
const (
	maxBindingsPerTrigger = 20
	maxActionsPerTenant   = 100
)

// Check refuses, before any write, changes the tenant would refuse half
// way: more Actions than a tenant holds, more bindings than a trigger
// takes, more dependencies than an Action takes.
func (c *Changes) Check(st State) error {
	var problems []string
	creates := 0
	for _, a := range c.Actions {
		if a.Has(StepCreate) {
			creates++
		}
		if n := len(a.Plan.Dependencies); a.Skipped == "" && len(a.Steps) > 0 && n > migrate.MaxDependencies {
			problems = append(problems, fmt.Sprintf("action %q needs %d npm dependencies; an Action takes at most %d", a.Plan.Name, n, migrate.MaxDependencies))
		}
	}
	if n := len(st.Actions) + creates; creates > 0 && n > maxActionsPerTenant {
		problems = append(problems, fmt.Sprintf("the tenant would hold %d Actions (%d now, %d to create); a tenant holds at most %d", n, len(st.Actions), creates, maxActionsPerTenant))
	}
	for _, t := range c.Triggers {
		if t.Changed() && len(t.After) > maxBindingsPerTrigger {
			problems = append(problems, fmt.Sprintf("%s would have %d bindings; a trigger takes at most %d", t.TriggerID, len(t.After), maxBindingsPerTrigger))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("nothing was written:\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}
