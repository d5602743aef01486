package mgmtapi

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// triggerBindings reads the Actions already bound to each trigger the hooks
// use, in the order they run, so that the migration adds its Actions after
// them rather than replacing them. Like the trigger versions this needs
// read:actions, which the audit does not: an error leaves that trigger's
// bindings unknown (absent from the map) with a note, and a 403 ends the
// reading at once, since every trigger would answer the same. nil when no
// trigger's bindings could be read.
func (c *client) triggerBindings(ctx context.Context, hooks []tenant.Hook) (map[string][]trigger.Binding, []tenant.Problem) {
	var ids []string
	seen := map[string]bool{}
	for _, h := range hooks {
		if _, ok := trigger.Lookup(h.TriggerID); ok && !seen[h.TriggerID] {
			seen[h.TriggerID] = true
			ids = append(ids, h.TriggerID)
		}
	}
	sort.Strings(ids)
	var out map[string][]trigger.Binding
	var problems []tenant.Problem
	for _, id := range ids {
		list, err := c.knownBindings(ctx, id)
		if err != nil {
			hint := ""
			if errors.Is(err, ErrForbidden) {
				hint = ": grant read:actions to keep them when binding the new Actions"
			}
			problems = append(problems, tenant.Problem{Severity: finding.Note, Message: fmt.Sprintf(
				"could not read the Actions bound to the trigger %s (%v%s); the migration does not bind Actions to it", id, err, hint)})
			if errors.Is(err, ErrForbidden) || ctx.Err() != nil {
				break
			}
			continue
		}
		if out == nil {
			out = map[string][]trigger.Binding{}
		}
		out[id] = list
	}
	return out, problems
}

// knownBindings reads one trigger's bindings, refusing a list the
// migration could not write back as it is.
func (c *client) knownBindings(ctx context.Context, id string) ([]trigger.Binding, error) {
	list, err := c.bindings(ctx, id)
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			markTriggersError(ae)
		}
		return nil, err
	}
	shown := c.shownPath(bindingsPath(id), nil)
	for i, b := range list {
		if b.ActionName == "" {
			return nil, fmt.Errorf("GET %s: binding %d has no Action name", shown, i+1)
		}
		// A server that puts a credential in a name gets no binding
		// written from it: the names go into the migration's files.
		for _, text := range []string{b.ActionName, b.ActionID, b.DisplayName} {
			if c.redact.text(text) != text {
				return nil, fmt.Errorf("GET %s: binding %d holds the client secret or the token", shown, i+1)
			}
		}
	}
	return list, nil
}
