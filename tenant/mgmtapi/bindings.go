package mgmtapi

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// bindingsPerPage is the page size asked of GET
// /actions/triggers/{id}/bindings: its default, and the most Actions a
// trigger can have, so one page is the usual answer.
const bindingsPerPage = 20

// maxBindingPages ends a listing whose total keeps it going: a trigger
// holds at most 20 Actions.
const maxBindingPages = 10

// bindingsPage is one page of a trigger's bindings.
type bindingsPage struct {
	Total    *int         `json:"total"`
	Bindings []apiBinding `json:"bindings"`
}

// apiBinding is the part of an ActionBinding the migration needs.
type apiBinding struct {
	DisplayName string `json:"display_name"`
	Action      struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"action"`
}

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
		list, err := c.bindingsOf(ctx, id)
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

// bindingsOf reads every page of one trigger's bindings.
func (c *client) bindingsOf(ctx context.Context, id string) ([]trigger.Binding, error) {
	path := "/actions/triggers/" + url.PathEscape(id) + "/bindings"
	list := []trigger.Binding{}
	for page := 0; page < maxBindingPages; page++ {
		q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(bindingsPerPage)}}
		var p bindingsPage
		if err := c.getJSON(ctx, path, q, &p); err != nil {
			var ae *APIError
			if errors.As(err, &ae) {
				markTriggersError(ae)
			}
			return nil, err
		}
		for _, b := range p.Bindings {
			if b.Action.Name == "" {
				return nil, fmt.Errorf("GET %s: binding %d has no Action name", c.shownPath(path, q), len(list)+1)
			}
			// A server that puts a credential in a name gets no binding
			// written from it: the names go into the migration's files.
			for _, text := range []string{b.Action.Name, b.Action.ID, b.DisplayName} {
				if c.redact.text(text) != text {
					return nil, fmt.Errorf("GET %s: binding %d holds the client secret or the token", c.shownPath(path, q), len(list)+1)
				}
			}
			list = append(list, trigger.Binding{ActionName: b.Action.Name, ActionID: b.Action.ID, DisplayName: b.DisplayName})
		}
		if len(p.Bindings) < bindingsPerPage || (p.Total != nil && len(list) >= *p.Total) {
			return list, nil
		}
	}
	return nil, fmt.Errorf("GET %s: the list had not ended after %d pages", c.shownPath(path, nil), maxBindingPages)
}
