package mgmtapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hooks2actions/hooks2actions/trigger"
)

// bindingsPerPage is the OAS default, and the most a trigger holds.
const (
	bindingsPerPage = 20
	maxBindingPages = 50
)

type apiBinding struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	Action      struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"action"`
}

type bindingsPage struct {
	Total    *int         `json:"total"`
	PerPage  *int         `json:"per_page"`
	Bindings []apiBinding `json:"bindings"`
}

func bindingsPath(triggerID string) string {
	return "/actions/triggers/" + url.PathEscape(triggerID) + "/bindings"
}

// Bindings reads a trigger's bindings in the order it runs them (scope
// read:actions).
func (cl *Client) Bindings(ctx context.Context, triggerID string) ([]trigger.Binding, error) {
	out, err := cl.c.bindings(ctx, triggerID)
	if err != nil {
		return nil, cl.scoped(err, "read:actions")
	}
	return out, nil
}

// bindings reads every page of a trigger's bindings: for apply, and for
// fetch, which keeps them so that migrate binds after them.
func (c *client) bindings(ctx context.Context, triggerID string) ([]trigger.Binding, error) {
	out := []trigger.Binding{}
	seen := map[string]bool{}
	for page := 0; page < maxBindingPages; page++ {
		q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(bindingsPerPage)}}
		var p bindingsPage
		if err := c.getJSON(ctx, bindingsPath(triggerID), q, &p); err != nil {
			return nil, err
		}
		fresh := 0
		for _, b := range p.Bindings {
			if b.ID != "" && seen[b.ID] {
				continue
			}
			seen[b.ID] = true
			fresh++
			out = append(out, trigger.Binding{ActionName: b.Action.Name, DisplayName: b.DisplayName, ActionID: b.Action.ID})
		}
		if lastPage(len(p.Bindings), len(out), p.Total, p.PerPage, bindingsPerPage) {
			return out, nil
		}
		if fresh == 0 {
			return nil, fmt.Errorf("page %d of the bindings of %s repeats only bindings already listed: the server is not paging", page, triggerID)
		}
	}
	return nil, fmt.Errorf("the bindings of %s had not ended after %d pages", triggerID, maxBindingPages)
}

type bindingRef struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type bindingWrite struct {
	Ref         bindingRef `json:"ref"`
	DisplayName string     `json:"display_name,omitempty"`
}

// SetBindings replaces the trigger's whole binding list (scope
// update:actions): the API has no append, so callers read the list first
// and send it back with their changes. A binding is referred to by the
// Action's id when known, else by its name.
func (cl *Client) SetBindings(ctx context.Context, triggerID string, bindings []trigger.Binding) ([]trigger.Binding, error) {
	body := struct {
		Bindings []bindingWrite `json:"bindings"`
	}{Bindings: make([]bindingWrite, len(bindings))}
	for i, b := range bindings {
		ref := bindingRef{Type: "action_id", Value: b.ActionID}
		if b.ActionID == "" {
			ref = bindingRef{Type: "action_name", Value: b.ActionName}
		}
		body.Bindings[i] = bindingWrite{Ref: ref, DisplayName: b.DisplayName}
	}
	var p bindingsPage
	err := cl.c.sendJSON(ctx, write{
		method: http.MethodPatch, path: bindingsPath(triggerID), body: body, replayable: true,
		ok: []int{http.StatusOK, http.StatusCreated}, scope: "update:actions",
	}, &p)
	var ae *APIError
	if errors.As(err, &ae) && ae.StatusCode == http.StatusBadRequest && strings.Contains(ae.Message, "not been deployed") {
		ae.kind = ErrNotDeployed
	}
	if err != nil {
		return nil, err
	}
	out := make([]trigger.Binding, len(p.Bindings))
	for i, b := range p.Bindings {
		out[i] = trigger.Binding{ActionName: b.Action.Name, DisplayName: b.DisplayName, ActionID: b.Action.ID}
	}
	return out, nil
}

// SetHookEnabled turns a hook on or off (scope update:hooks). On a tenant
// past the Hooks end of life the error wraps ErrHooksDisabled.
func (cl *Client) SetHookEnabled(ctx context.Context, hookID string, enabled bool) error {
	body := struct {
		Enabled bool `json:"enabled"`
	}{enabled}
	err := cl.c.sendJSON(ctx, write{
		method: http.MethodPatch, path: "/hooks/" + url.PathEscape(hookID), body: body, replayable: true,
		// The OAS says 201; the live API was recorded answering 200.
		ok: []int{http.StatusOK, http.StatusCreated}, scope: "update:hooks",
	}, nil)
	var ae *APIError
	if errors.As(err, &ae) && (ae.StatusCode == http.StatusNotFound || ae.StatusCode == http.StatusNotImplemented) && isDisabledMessage(ae.Message) {
		ae.kind = ErrHooksDisabled
	}
	return err
}
