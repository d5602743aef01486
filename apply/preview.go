package apply

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// ReadState reads the tenant's Actions and the bindings of every trigger
// the plan has an Action for. The Actions the plan names are read one by
// one too: the list is not documented to carry each Action's code.
func ReadState(ctx context.Context, cl *mgmtapi.Client, plan *migrate.Plan) (State, error) {
	actions, err := cl.Actions(ctx)
	if err != nil {
		return State{}, fmt.Errorf("listing Actions: %w", err)
	}
	for i, a := range actions {
		if !slices.ContainsFunc(plan.Actions, func(p migrate.ActionPlan) bool { return p.Name == a.Name }) {
			continue
		}
		if actions[i], err = cl.Action(ctx, a.ID); err != nil {
			return State{}, fmt.Errorf("reading the Action %q: %w", a.Name, err)
		}
	}
	st := State{Actions: actions, Bindings: map[string][]trigger.Binding{}}
	for _, a := range plan.Actions {
		if _, done := st.Bindings[a.TriggerID]; done || a.TriggerID == "" {
			continue
		}
		bs, err := cl.Bindings(ctx, a.TriggerID)
		if err != nil {
			return State{}, fmt.Errorf("reading the bindings of %s: %w", a.TriggerID, err)
		}
		st.Bindings[a.TriggerID] = bs
	}
	return st, nil
}

// Preview writes the changes as a person reads a plan: per hook what
// happens to its Action, per trigger the bindings before and after, and a
// summary. A secret without a value in values is marked, not an error
// here (ResolveSecrets stops --yes on it). Only names are shown.
func Preview(w io.Writer, ch *Changes, values Values) {
	for _, c := range ch.Actions {
		previewAction(w, c, values)
	}
	for _, t := range ch.Triggers {
		previewTrigger(w, t)
	}
	fmt.Fprintln(w, summary(ch))
}

func previewAction(w io.Writer, c ActionChange, values Values) {
	a := c.Plan
	head := fmt.Sprintf("hook %q → Action %q", a.Hook, a.Name)
	if a.TriggerID != "" {
		head += fmt.Sprintf(" (%s %s)", a.TriggerID, a.Version)
	}
	fmt.Fprintln(w, head)
	switch {
	case c.Skipped != "":
		fmt.Fprintf(w, "  ! skipped: %s\n", c.Skipped)
	case len(c.Steps) == 0:
		fmt.Fprintln(w, "  = unchanged")
	}
	for _, s := range c.Steps {
		fmt.Fprintf(w, "  %s %s\n", stepMark(s), stepText(c, s, values))
	}
	if c.Skipped == "" && !a.HookEnabled {
		fmt.Fprintln(w, "  · not bound: the hook is disabled, so its Action is created but does not run")
	}
}

func stepMark(s Step) string {
	switch s {
	case StepCreate, StepBind:
		return "+"
	case StepDisableHook:
		return "-"
	}
	return "~"
}

func stepText(c ActionChange, s Step, values Values) string {
	switch s {
	case StepSetSecrets:
		var parts []string
		for _, m := range c.Plan.Secrets {
			if !m.Carried() {
				continue
			}
			if _, ok := values.Lookup(c.Plan.Name, m); ok {
				parts = append(parts, m.Key)
			} else {
				parts = append(parts, m.Key+" (no value yet)")
			}
		}
		return "set secrets: " + strings.Join(parts, ", ")
	case StepBind:
		if c.BindAfter == "" {
			return "bind to " + c.Plan.TriggerID + ", first"
		}
		return fmt.Sprintf("bind to %s after %q", c.Plan.TriggerID, c.BindAfter)
	case StepDisableHook:
		return fmt.Sprintf("disable hook %s once its Action is bound", c.Plan.HookID)
	}
	return string(s)
}

func previewTrigger(w io.Writer, t TriggerChange) {
	if !t.Changed() {
		fmt.Fprintf(w, "trigger %s: unchanged (%s)\n", t.TriggerID, listOrNone(quoted(t.After)))
		return
	}
	fmt.Fprintf(w, "trigger %s\n  before: %s\n  after:  %s\n", t.TriggerID, listOrNone(quoted(t.Before)), listOrNone(quoted(t.After)))
}

func quoted(bs []trigger.Binding) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = fmt.Sprintf("%q", b.ActionName)
	}
	return out
}

// summary counts the Actions by what happens to them.
func summary(ch *Changes) string {
	var create, update, bind, disable, unchanged, skipped int
	for _, c := range ch.Actions {
		switch {
		case c.Skipped != "":
			skipped++
		case c.Has(StepCreate):
			create++
		case len(c.Steps) == 0:
			unchanged++
		case c.Has(StepUpdateCode) || c.Has(StepUpdateDependencies) || c.Has(StepUpdateRuntime) || c.Has(StepUpdateTrigger) || c.Has(StepSetSecrets) || c.Has(StepDeploy):
			update++
		}
		if c.Has(StepBind) {
			bind++
		}
		if c.Has(StepDisableHook) {
			disable++
		}
	}
	out := fmt.Sprintf("\n%d to create, %d to update or deploy, %d to bind", create, update, bind)
	if disable > 0 {
		out += fmt.Sprintf(", %d %s to disable", disable, plural(disable, "hook", "hooks"))
	}
	return out + fmt.Sprintf(", %d unchanged, %d skipped.", unchanged, skipped)
}
