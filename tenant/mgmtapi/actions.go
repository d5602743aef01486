package mgmtapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Errors of the Actions endpoints that a caller waits out.
var (
	// ErrNotBuilt: the deploy came before the Action's build ended (400
	// "... must be in the 'built' state").
	ErrNotBuilt = errors.New("the Action is not built yet")
	// ErrNotDeployed: a binding named an Action whose deployment the
	// tenant has not registered yet (400 "Trying to create a binding for
	// an action that has not been deployed yet").
	ErrNotDeployed = errors.New("the Action is not deployed yet")
)

const (
	actionsPath = "/actions/actions"
	// actionsPerPage: the OAS default is 20; the SDKs ask for 50.
	actionsPerPage = 50
	// maxActionPages bounds a listing: a tenant holds at most 100 Actions.
	maxActionPages = 100
)

// Action is an Action as the API returns it (never a secret value: the API
// returns secrets' names only).
type Action struct {
	ID                string             `json:"id"`
	Name              string             `json:"name"`
	Code              string             `json:"code"`
	Runtime           string             `json:"runtime"`
	Status            string             `json:"status"`
	SupportedTriggers []ActionTrigger    `json:"supported_triggers"`
	Dependencies      []ActionDependency `json:"dependencies"`
	Secrets           []ActionSecretName `json:"secrets"`
	// AllChangesDeployed is false while the latest code is not deployed.
	AllChangesDeployed bool `json:"all_changes_deployed"`
}

// Build statuses of an Action (OAS ActionBuildStatusEnum) that end a wait.
const (
	ActionBuilt  = "built"
	ActionFailed = "failed"
)

// ActionTrigger is one supported trigger of an Action.
type ActionTrigger struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// ActionDependency is one npm package of an Action.
type ActionDependency struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ActionSecretName is a secret as the API shows it: its name.
type ActionSecretName struct {
	Name string `json:"name"`
}

// SecretValue is one secret of a create or update body. Its value is only
// ever marshalled into that body: printing it shows the name alone.
type SecretValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func (s SecretValue) String() string   { return s.Name + "=" + redactedText }
func (s SecretValue) GoString() string { return s.String() }

// ActionWrite is the body of a create (every field) or an update (the
// fields to change; nil ones are left as they are).
type ActionWrite struct {
	Name              string              `json:"name,omitempty"`
	SupportedTriggers []ActionTrigger     `json:"supported_triggers,omitempty"`
	Code              *string             `json:"code,omitempty"`
	Runtime           string              `json:"runtime,omitempty"`
	Dependencies      *[]ActionDependency `json:"dependencies,omitempty"`
	// Secrets, when set, is the Action's whole list of secrets, values
	// included: how PATCH treats names left out is not documented, so
	// callers always send every one.
	Secrets *[]SecretValue `json:"secrets,omitempty"`
}

func (w ActionWrite) secretValues() []string {
	if w.Secrets == nil {
		return nil
	}
	values := make([]string, len(*w.Secrets))
	for i, s := range *w.Secrets {
		values[i] = s.Value
	}
	return values
}

type actionsPage struct {
	Total   *int     `json:"total"`
	PerPage *int     `json:"per_page"`
	Actions []Action `json:"actions"`
}

// lastPage reports whether no page follows one that brought n items,
// leaving got in all: the total says, when given; else a page shorter than
// the page size the server applied (which may be below the one asked).
func lastPage(n, got int, total, perPage *int, asked int) bool {
	switch {
	case n == 0:
		return true
	case total != nil:
		return got >= *total
	case perPage != nil && *perPage > 0 && *perPage < asked:
		return n < *perPage
	}
	return n < asked
}

// Actions lists every Action of the tenant (scope read:actions).
func (cl *Client) Actions(ctx context.Context) ([]Action, error) {
	var all []Action
	seen := map[string]bool{}
	for page := 0; page < maxActionPages; page++ {
		q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(actionsPerPage)}}
		var p actionsPage
		if err := cl.c.getJSON(ctx, actionsPath, q, &p); err != nil {
			return nil, cl.scoped(err, "read:actions")
		}
		fresh := 0
		for _, a := range p.Actions {
			if !seen[a.ID] {
				seen[a.ID] = true
				all = append(all, a)
				fresh++
			}
		}
		if lastPage(len(p.Actions), len(all), p.Total, p.PerPage, actionsPerPage) {
			return all, nil
		}
		if fresh == 0 {
			return nil, fmt.Errorf("page %d of the Action list repeats only Actions already listed: the server is not paging", page)
		}
	}
	return nil, fmt.Errorf("the Action list had not ended after %d pages", maxActionPages)
}

// Action reads one Action (scope read:actions).
func (cl *Client) Action(ctx context.Context, id string) (Action, error) {
	var a Action
	err := cl.c.getJSON(ctx, actionPath(id), nil, &a)
	return a, cl.scoped(err, "read:actions")
}

// CreateAction creates an Action (scope create:actions). A create is not
// repeated after an answer that leaves its fate unknown (5xx, no
// response): the caller looks for the Action by name before trying again.
func (cl *Client) CreateAction(ctx context.Context, body ActionWrite) (Action, error) {
	var a Action
	err := cl.c.sendJSON(ctx, write{
		method: http.MethodPost, path: actionsPath, body: body,
		ok: []int{http.StatusCreated, http.StatusOK}, scope: "create:actions", secrets: body.secretValues(),
	}, &a)
	return a, err
}

// UpdateAction changes the fields body sets (scope update:actions).
func (cl *Client) UpdateAction(ctx context.Context, id string, body ActionWrite) (Action, error) {
	var a Action
	err := cl.c.sendJSON(ctx, write{
		method: http.MethodPatch, path: actionPath(id), body: body, replayable: true,
		ok: []int{http.StatusOK}, scope: "update:actions", secrets: body.secretValues(),
	}, &a)
	return a, err
}

// DeployAction deploys the Action's current code (scope create:actions).
// Before the build ends it fails with ErrNotBuilt. Deploying twice only
// makes one more version, so the request is repeated like a read.
func (cl *Client) DeployAction(ctx context.Context, id string) error {
	err := cl.c.sendJSON(ctx, write{
		method: http.MethodPost, path: actionPath(id) + "/deploy", body: struct{}{}, replayable: true,
		ok: []int{http.StatusAccepted, http.StatusOK, http.StatusCreated}, scope: "create:actions",
	}, nil)
	var ae *APIError
	if errors.As(err, &ae) && ae.StatusCode == http.StatusBadRequest && strings.Contains(ae.Message, "'built' state") {
		ae.kind = ErrNotBuilt
	}
	return err
}

func actionPath(id string) string { return actionsPath + "/" + url.PathEscape(id) }

// scoped makes a 403 on a read name the scope the read needs, rather than
// the read:hooks of the hooks endpoints.
func (cl *Client) scoped(err error, scope string) error {
	var ae *APIError
	if errors.As(err, &ae) && ae.kind == ErrForbidden {
		ae.explain = fmt.Sprintf("access denied (403): the token needs the %s scope", scope)
	}
	return err
}
