package migrate

import (
	"fmt"
	"sort"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/mdtext"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// MaxActionsPerTrigger is Auth0's limit of Actions bound to one trigger.
const MaxActionsPerTrigger = 20

// TriggerBindings is what the migration writes for one trigger: the
// Deploy CLI replaces a trigger's whole list with the one its triggers
// file gives, so the list holds every Action already bound, in its order,
// and ours after them.
type TriggerBindings struct {
	TriggerID string
	// Existing are the Actions bound before the migration.
	Existing []trigger.Binding
	// Bindings is the list to write: Existing, then ours
	// (trigger.MergeBindings).
	Bindings []trigger.Binding
}

// Binding says whether one Action is bound to its trigger by the files,
// and why not when it is not.
type Binding struct {
	Bound bool
	// After is the number of Actions that run before it on its trigger.
	After int
	// Why is the reason it is not bound, as a clause for the checklist.
	Why string
}

// bindingPlan decides, for every Action with files, whether the files bind
// it, and the list of each trigger that gets one of ours. existing is the
// inventory's Bindings: nil, or a trigger missing from it, means that
// trigger's bindings are unknown, and then nothing is bound to it, since a
// list written without them would unbind them.
type bindingPlan struct {
	triggers []TriggerBindings
	byAction map[string]Binding // by Action name
}

// appendOnly is for a writer that adds one binding at a time after those
// already there, whatever they are (Terraform's auth0_trigger_action):
// unknown bindings are then no reason not to bind.
func planBindings(actions []ActionPlan, findings map[string][]finding.Finding, existing map[string][]trigger.Binding, appendOnly bool) bindingPlan {
	bp := bindingPlan{byAction: map[string]Binding{}}
	ours := map[string][]trigger.Binding{}
	for _, a := range actions {
		if _, ok := actionFileReason(a, nil); !ok {
			continue
		}
		why := unboundReason(a, findings[a.Hook], existing, appendOnly)
		if why == "" {
			ours[a.TriggerID] = append(ours[a.TriggerID], trigger.Binding{ActionName: a.Name, DisplayName: a.Name})
		}
		bp.byAction[a.Name] = Binding{Bound: why == "", Why: why}
	}
	ids := make([]string, 0, len(ours))
	for id := range ours {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		merged := trigger.MergeBindings(existing[id], ours[id])
		if _, known := existing[id]; known && len(merged) > MaxActionsPerTrigger {
			for _, b := range ours[id] {
				bp.byAction[b.ActionName] = Binding{Why: fmt.Sprintf(
					"the trigger would have %d Actions bound, more than Auth0's %d", len(merged), MaxActionsPerTrigger)}
			}
			continue
		}
		bp.triggers = append(bp.triggers, TriggerBindings{TriggerID: id, Existing: existing[id], Bindings: merged})
		for i, b := range merged {
			if bind, ours := bp.byAction[b.ActionName]; ours && bind.Bound {
				bind.After = i
				bp.byAction[b.ActionName] = bind
			}
		}
	}
	return bp
}

// unbindableRules are findings that say the draft does not yet do what the
// hook does: binding it would run it on live traffic.
var unbindableRules = map[string]bool{
	finding.RuleNoActionEquivalent: true,
	finding.RuleDraftCompileError:  true,
	finding.RuleDraftUnboundName:   true,
	finding.RuleDraftDiffers:       true,
}

// disabledReason is why the Action of a hook that is not enabled, or not
// known to be, stays unbound.
func disabledReason(a ActionPlan) string {
	if !a.EnabledKnown {
		return "its source does not say whether the hook is enabled, so binding it could start running code that does not run today"
	}
	return "its hook is disabled, so binding it would start running code that does not run today"
}

// unboundReason is why an Action with files is not bound, or "".
func unboundReason(a ActionPlan, findings []finding.Finding, existing map[string][]trigger.Binding, appendOnly bool) string {
	if !a.HookEnabled {
		return disabledReason(a)
	}
	for _, f := range findings {
		if unbindableRules[f.Rule] {
			return "it has findings to resolve first (" + mdtext.Code(f.Rule) + ")"
		}
	}
	if a.Verdict != nil && a.Verdict.Status == VerdictDiffers {
		return "running the hook and the draft side by side showed they differ"
	}
	if _, known := existing[a.TriggerID]; !known && !appendOnly {
		return "the Actions already bound to " + mdtext.Code(a.TriggerID) + " are not known (the source does not say), and binding replaces that trigger's whole list"
	}
	return ""
}
