package migrate

import (
	"fmt"
	"strings"

	"github.com/hooks2actions/hooks2actions/mdtext"
)

// writeBindings is the checklist's "Trigger bindings": each trigger's list
// as the files set it, the Actions already bound marked as kept, and the
// Actions the files leave unbound with the reason. known says whether the
// source told the existing bindings at all.
func writeBindings(b *strings.Builder, actions []ActionPlan, bp bindingPlan, known bool, form outputForm) {
	b.WriteString("## Trigger bindings\n\n")
	if form.terraform() {
		writeTerraformBindings(b, actions, bp, form)
		writeUnbound(b, actions, bp)
		return
	}
	b.WriteString("The Deploy CLI replaces a trigger's whole list of bound Actions with the one these files give, in that order, and leaves the triggers they do not list as they are. So each list below keeps every Action already bound, in its order, and adds ours after them. The lists are the bindings as the source knew them: if the tenant's bindings changed since, run this again before the import.\n\n")
	if !known {
		b.WriteString("**The source does not say which Actions are bound to the triggers** (a Deploy CLI export without its triggers, a Terraform module, script files, or a tenant read without the `read:actions` scope), so these files bind nothing rather than unbind an Action they do not know of. Bind each Action by hand after the ones already bound, or run this again on an export that includes its triggers.\n\n")
	}
	for _, t := range bp.triggers {
		fmt.Fprintf(b, "%s, in this order:\n\n", mdtext.Code(t.TriggerID))
		kept := map[string]bool{}
		for _, e := range t.Existing {
			kept[e.ActionName] = true
		}
		for i, e := range t.Bindings {
			what := "added"
			if kept[e.ActionName] {
				what = "already bound, kept"
			}
			fmt.Fprintf(b, "%d. %s (%s)\n", i+1, mdtext.Text(e.ActionName), what)
		}
		b.WriteString("\n")
	}
	if len(bp.triggers) == 0 && known {
		b.WriteString("These files bind no Action.\n\n")
	}
	writeUnbound(b, actions, bp)
}

// writeTerraformBindings lists the auth0_trigger_action resources.
func writeTerraformBindings(b *strings.Builder, actions []ActionPlan, bp bindingPlan, form outputForm) {
	b.WriteString("Each " + mdtext.Code("auth0_trigger_action") + " appends its Action to the trigger's list when it is created, after the Actions already bound there, and leaves those alone; so these files need not know them.\n\n")
	n := 0
	for _, a := range actions {
		if bp.byAction[a.Name].Bound {
			n++
			fmt.Fprintf(b, "- %s on %s\n", mdtext.Code("auth0_trigger_action."+form.names.resource[a.Name]), mdtext.Code(a.TriggerID))
		}
	}
	if n == 0 {
		b.WriteString("These files bind no Action.\n")
	}
	b.WriteString("\n")
}

// writeUnbound is the table of the Actions with files that are not bound.
func writeUnbound(b *strings.Builder, actions []ActionPlan, bp bindingPlan) {
	var rows []string
	for _, a := range actions {
		if bind, ok := bp.byAction[a.Name]; ok && !bind.Bound {
			trig := "unknown"
			if a.TriggerID != "" {
				trig = mdtext.CellCode(a.TriggerID)
			}
			rows = append(rows, mdtext.Row(mdtext.Text(a.Name), trig, bind.Why))
		}
	}
	if len(rows) > 0 {
		b.WriteString("Not bound by these files, to deploy and bind by hand when ready:\n\n| Action | Trigger | Why |\n|---|---|---|\n")
		b.WriteString(strings.Join(rows, "\n") + "\n\n")
	}
}

// writeActionBinding is the Action's own line about its binding.
func writeActionBinding(b *strings.Builder, a ActionPlan, bind Binding, form outputForm) {
	if !bind.Bound {
		fmt.Fprintf(b, "- Binding: none in these files, because %s. %s.\n", bind.Why, form.unbound())
		return
	}
	fmt.Fprintf(b, "- Binding: %s.\n", form.bound(a, bind))
}

// bindingPlace says where in its trigger's list a bound Action runs.
func bindingPlace(bind Binding) string {
	if bind.After == 0 {
		return "first in its list"
	}
	return "after " + plural(bind.After, "Action", "Actions") + ` already in its list (see "Trigger bindings")`
}
