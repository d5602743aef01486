package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"
	"unicode/utf8"
)

// The Actions endpoints apply writes through, and PATCH /hooks/{id}.
const (
	EndpointActionList    Endpoint = "GET /api/v2/actions/actions"
	EndpointActionCreate  Endpoint = "POST /api/v2/actions/actions"
	EndpointActionGet     Endpoint = "GET /api/v2/actions/actions/{id}"
	EndpointActionUpdate  Endpoint = "PATCH /api/v2/actions/actions/{id}"
	EndpointActionDeploy  Endpoint = "POST /api/v2/actions/actions/{id}/deploy"
	EndpointBindingsGet   Endpoint = "GET /api/v2/actions/triggers/{triggerId}/bindings"
	EndpointBindingsPatch Endpoint = "PATCH /api/v2/actions/triggers/{triggerId}/bindings"
	EndpointHookUpdate    Endpoint = "PATCH /api/v2/hooks/{id}"
)

// actionEndpoints are the endpoints that work whether or not the tenant
// has Hooks, with the scope each needs (OAS security).
var actionEndpoints = map[Endpoint]string{
	EndpointTriggers:      "read:actions",
	EndpointActionList:    "read:actions",
	EndpointActionGet:     "read:actions",
	EndpointActionCreate:  "create:actions",
	EndpointActionUpdate:  "update:actions",
	EndpointActionDeploy:  "create:actions",
	EndpointBindingsGet:   "read:actions",
	EndpointBindingsPatch: "update:actions",
}

// writeEndpoints change the tenant; Writes counts their requests.
var writeEndpoints = []Endpoint{EndpointActionCreate, EndpointActionUpdate, EndpointActionDeploy, EndpointBindingsPatch, EndpointHookUpdate}

// scopeFor is the scope an /api/v2 endpoint needs.
func scopeFor(e Endpoint) string {
	if sc, ok := actionEndpoints[e]; ok {
		return sc
	}
	if e == EndpointHookUpdate {
		return "update:hooks"
	}
	return "read:hooks"
}

func isActionEndpoint(e Endpoint) bool {
	_, ok := actionEndpoints[e]
	return ok
}

// Limits the Actions endpoints enforce (Auth0 entity limits and Actions
// limitations).
const (
	maxActionSecrets     = 30
	maxSecretNameLen     = 128
	maxSecretValueLen    = 4096
	maxActionDeps        = 10
	maxBindingsPerTrig   = 20
	defaultActionPerPage = 20
	maxActionPerPage     = 100
	// DefaultBuildDelay is how long an Action takes to build after a
	// create or an update, unless WithBuildDelay says otherwise.
	DefaultBuildDelay = 50 * time.Millisecond
)

// Action is an Action as seeded into the emulator or read back from it,
// secrets with their values (which the API never returns).
type Action struct {
	ID           string             `json:"id"`
	Name         string             `json:"name"`
	Code         string             `json:"code"`
	Runtime      string             `json:"runtime"`
	Trigger      string             `json:"trigger"`
	Version      string             `json:"version"`
	Dependencies []ActionDependency `json:"dependencies,omitempty"`
	Secrets      []ActionSecret     `json:"secrets,omitempty"`
	// Deployed says the Action's current code is deployed.
	Deployed bool `json:"deployed"`

	// everDeployed: a deployed version exists (bindings need one).
	everDeployed bool
	builtAt      time.Time
	versions     int
}

// ActionDependency is an npm package of an Action.
type ActionDependency struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ActionSecret is an Action secret with its value.
type ActionSecret struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// actionState is the Actions part of a tenant. Guarded by Server.mu.
type actionState struct {
	byID       map[string]*Action
	bindings   map[string][]binding // trigger id → ordered list
	buildDelay time.Duration
	// pageCap, when set, silently lowers a larger per_page of the lists.
	pageCap int
}

// WithPageCap makes the Action and binding lists serve at most n items a
// page whatever per_page asks, and say so in their per_page field: a
// server whose maximum is below what a client asks.
func WithPageCap(n int) Option {
	return func(s *Server) { s.actionsState().pageCap = n }
}

// perPage applies the page cap. Called with s.mu held.
func (st *actionState) perPage(asked int) int {
	if st.pageCap > 0 && asked > st.pageCap {
		return st.pageCap
	}
	return asked
}

type binding struct {
	id          string
	actionID    string
	displayName string
}

func (s *Server) actionsState() *actionState {
	if s.acts == nil {
		s.acts = &actionState{byID: map[string]*Action{}, bindings: map[string][]binding{}, buildDelay: DefaultBuildDelay}
	}
	return s.acts
}

// WithActions seeds Actions, built; a Deployed one has a deployed version.
func WithActions(actions ...Action) Option {
	return func(s *Server) {
		st := s.actionsState()
		for _, a := range actions {
			a := a
			if a.ID == "" {
				a.ID = newUUID()
			}
			a.everDeployed = a.Deployed
			if a.Runtime == "" {
				a.Runtime = "node22"
			}
			st.byID[a.ID] = &a
		}
	}
}

// WithBuildDelay sets how long an Action takes to build after each create
// or update (default DefaultBuildDelay), on the server's clock.
func WithBuildDelay(d time.Duration) Option {
	return func(s *Server) { s.actionsState().buildDelay = d }
}

// Actions returns the tenant's Actions, secret values included, sorted by
// name: what a test checks after an apply.
func (s *Server) Actions() []Action {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.actionsState()
	out := make([]Action, 0, len(st.byID))
	for _, a := range st.byID {
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b Action) int { return compareStrings(a.Name, b.Name) })
	return out
}

// HookEnabled says whether the hook is enabled; false for an unknown id.
func (s *Server) HookEnabled(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hooks[id].Enabled
}

// Writes counts the requests to the endpoints that change the tenant.
func (s *Server) Writes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range writeEndpoints {
		n += s.counts[e]
	}
	return n
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (st *actionState) byName(name string) *Action {
	for _, a := range st.byID {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// sorted lists the Actions by creation id order, for paging.
func (st *actionState) sorted() []*Action {
	out := make([]*Action, 0, len(st.byID))
	for _, a := range st.byID {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *Action) int { return compareStrings(a.Name, b.Name) })
	return out
}

// status is the build status at now.
func (a *Action) status(now time.Time) string {
	if now.Before(a.builtAt) {
		return "building"
	}
	return "built"
}

// object is the Action as the API returns it: secrets by name only.
func (a *Action) object(now time.Time) map[string]any {
	secrets := make([]map[string]any, 0, len(a.Secrets))
	for _, sec := range a.Secrets {
		secrets = append(secrets, map[string]any{"name": sec.Name, "updated_at": now.UTC().Format(time.RFC3339)})
	}
	deps := a.Dependencies
	if deps == nil {
		deps = []ActionDependency{}
	}
	return map[string]any{
		"id": a.ID, "name": a.Name, "code": a.Code, "runtime": a.Runtime,
		"supported_triggers":   []map[string]string{{"id": a.Trigger, "version": a.Version}},
		"dependencies":         deps,
		"secrets":              secrets,
		"status":               a.status(now),
		"all_changes_deployed": a.Deployed,
		"deployed":             a.everDeployed,
	}
}

// actionBody is a create or update body as the OAS defines it.
type actionBody struct {
	Name              *string             `json:"name"`
	SupportedTriggers *[]triggerRef       `json:"supported_triggers"`
	Code              *string             `json:"code"`
	Runtime           *string             `json:"runtime"`
	Dependencies      *[]ActionDependency `json:"dependencies"`
	Secrets           *[]secretBody       `json:"secrets"`
	Deploy            *bool               `json:"deploy"`
}

type triggerRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

type secretBody struct {
	Name  string  `json:"name"`
	Value *string `json:"value"`
}

func payloadError(format string, args ...any) reply {
	return errorReply(http.StatusBadRequest, "Payload validation error: "+fmt.Sprintf(format, args...), "invalid_body")
}

// readBody decodes a JSON body strictly, as the API validates it.
func readBody(r *http.Request, v any) reply {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return payloadError("'Invalid JSON or additional properties not allowed' on property body")
	}
	if _, err := dec.Token(); err != io.EOF {
		return payloadError("'Invalid JSON: trailing data' on property body")
	}
	return reply{}
}

// check validates what both a create and an update may carry.
func (b *actionBody) check() reply {
	if b.SupportedTriggers != nil {
		ts := *b.SupportedTriggers
		if len(ts) != 1 {
			return payloadError("'Array must have exactly 1 item (an action can only target a single trigger)' on property supported_triggers")
		}
		if !slices.Contains(triggerIDs, ts[0].ID) && ts[0].ID != "post-login" {
			return payloadError("'No enum match for: %q' on property supported_triggers[0].id", ts[0].ID)
		}
		if ts[0].Version == "" {
			return payloadError("'Missing required property: version' on property supported_triggers[0]")
		}
	}
	if b.Dependencies != nil && len(*b.Dependencies) > maxActionDeps {
		return payloadError("'Array is too long (%d), maximum %d' on property dependencies", len(*b.Dependencies), maxActionDeps)
	}
	if b.Secrets != nil {
		if len(*b.Secrets) > maxActionSecrets {
			return payloadError("'Array is too long (%d), maximum %d' on property secrets", len(*b.Secrets), maxActionSecrets)
		}
		for i, sec := range *b.Secrets {
			switch {
			case sec.Name == "":
				return payloadError("'Missing required property: name' on property secrets[%d]", i)
			case utf8.RuneCountInString(sec.Name) > maxSecretNameLen:
				return payloadError("'String is too long (%d chars), maximum %d' on property secrets[%d].name", utf8.RuneCountInString(sec.Name), maxSecretNameLen, i)
			case sec.Value != nil && utf8.RuneCountInString(*sec.Value) > maxSecretValueLen:
				return payloadError("'String is too long (%d chars), maximum %d' on property secrets[%d].value", utf8.RuneCountInString(*sec.Value), maxSecretValueLen, i)
			}
		}
	}
	return reply{}
}

// listActions is GET /actions/actions.
func (s *Server) listActions(r *http.Request) reply {
	q := r.URL.Query()
	if rep := checkParams(q, []string{"triggerId", "actionName", "deployed", "page", "per_page", "installed"}); rep.status != 0 {
		return rep
	}
	page, perPage, rep := actionPageParams(q)
	if rep.status != 0 {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	perPage = s.actionsState().perPage(perPage)
	now := s.now()
	var matching []*Action
	for _, a := range s.actionsState().sorted() {
		if (q.Get("triggerId") == "" || a.Trigger == q.Get("triggerId")) && (q.Get("actionName") == "" || a.Name == q.Get("actionName")) {
			matching = append(matching, a)
		}
	}
	start := min(page*perPage, len(matching))
	end := min(start+perPage, len(matching))
	items := make([]map[string]any, 0, end-start)
	for _, a := range matching[start:end] {
		items = append(items, a.object(now))
	}
	return reply{status: http.StatusOK, body: map[string]any{"total": len(matching), "page": page, "per_page": perPage, "actions": items}}
}

// getAction is GET /actions/actions/{id}.
func (s *Server) getAction(r *http.Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, rep := s.actionByID(r.PathValue("id"))
	if rep.status != 0 {
		return rep
	}
	return reply{status: http.StatusOK, body: a.object(s.now())}
}

func (s *Server) actionByID(id string) (*Action, reply) {
	a := s.actionsState().byID[id]
	if a == nil {
		return nil, errorReply(http.StatusNotFound, "That action does not exist.", "")
	}
	return a, reply{}
}

// createAction is POST /actions/actions: the Action starts building.
func (s *Server) createAction(r *http.Request) reply {
	var b actionBody
	if rep := readBody(r, &b); rep.status != 0 {
		return rep
	}
	switch {
	case b.Name == nil || *b.Name == "":
		return payloadError("'Missing required property: name' on property body")
	case b.SupportedTriggers == nil:
		return payloadError("'Missing required property: supported_triggers' on property body")
	}
	if rep := b.check(); rep.status != 0 {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.actionsState()
	if st.byName(*b.Name) != nil {
		return errorReply(http.StatusConflict, fmt.Sprintf("An action with the name '%s' already exists.", *b.Name), "")
	}
	if len(st.byID) >= 100 {
		return errorReply(http.StatusForbidden, "You have reached the limit of 100 actions per tenant.", "")
	}
	a := &Action{ID: newUUID(), Name: *b.Name, Runtime: "node22"}
	s.applyBody(a, b)
	st.byID[a.ID] = a
	return reply{status: http.StatusCreated, body: a.object(s.now())}
}

// updateAction is PATCH /actions/actions/{id}: the fields given replace
// the Action's, and it builds again. The secrets given replace the whole
// list (as documented for Action Modules); a secret sent without a value
// keeps the value it had, if it had one (UNCONFIRMED for Actions).
func (s *Server) updateAction(r *http.Request) reply {
	var b actionBody
	if rep := readBody(r, &b); rep.status != 0 {
		return rep
	}
	if rep := b.check(); rep.status != 0 {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, rep := s.actionByID(r.PathValue("id"))
	if rep.status != 0 {
		return rep
	}
	if b.Name != nil && *b.Name != a.Name {
		if other := s.actionsState().byName(*b.Name); other != nil {
			return errorReply(http.StatusConflict, fmt.Sprintf("An action with the name '%s' already exists.", *b.Name), "")
		}
		a.Name = *b.Name
	}
	s.applyBody(a, b)
	return reply{status: http.StatusOK, body: a.object(s.now())}
}

// applyBody sets the body's fields and starts a build. Called with s.mu
// held.
func (s *Server) applyBody(a *Action, b actionBody) {
	if b.SupportedTriggers != nil {
		a.Trigger, a.Version = (*b.SupportedTriggers)[0].ID, (*b.SupportedTriggers)[0].Version
	}
	if b.Code != nil {
		a.Code = *b.Code
	}
	if b.Runtime != nil {
		a.Runtime = *b.Runtime
	}
	if b.Dependencies != nil {
		a.Dependencies = slices.Clone(*b.Dependencies)
	}
	if b.Secrets != nil {
		old := a.Secrets
		a.Secrets = nil
		for _, sec := range *b.Secrets {
			v := ""
			if sec.Value != nil {
				v = *sec.Value
			} else if i := slices.IndexFunc(old, func(o ActionSecret) bool { return o.Name == sec.Name }); i >= 0 {
				v = old[i].Value
			}
			a.Secrets = append(a.Secrets, ActionSecret{Name: sec.Name, Value: v})
		}
	}
	a.Deployed = false
	a.builtAt = s.now().Add(s.actionsState().buildDelay)
}

// deployAction is POST /actions/actions/{id}/deploy: 202 with the new
// version once built, else the documented 400.
func (s *Server) deployAction(r *http.Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, rep := s.actionByID(r.PathValue("id"))
	if rep.status != 0 {
		return rep
	}
	now := s.now()
	if a.status(now) != "built" {
		return errorReply(http.StatusBadRequest, "An action must be in the 'built' state before it can be deployed.", "")
	}
	a.versions++
	a.Deployed, a.everDeployed = true, true
	return reply{status: http.StatusAccepted, body: map[string]any{
		"id": newUUID(), "action_id": a.ID, "code": a.Code, "runtime": a.Runtime, "number": a.versions,
		"deployed": true, "status": "built", "supported_triggers": []map[string]string{{"id": a.Trigger, "version": a.Version}},
	}}
}

// newUUID makes an id of the form Actions have.
func newUUID() string {
	h := randomHex(16)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// handleActions registers the Actions endpoints and PATCH /hooks/{id}.
func (s *Server) handleActions(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v2/actions/actions", s.endpoint(EndpointActionList, s.listActions))
	mux.HandleFunc("POST /api/v2/actions/actions", s.endpoint(EndpointActionCreate, s.createAction))
	mux.HandleFunc("GET /api/v2/actions/actions/{id}", s.endpoint(EndpointActionGet, s.getAction))
	mux.HandleFunc("PATCH /api/v2/actions/actions/{id}", s.endpoint(EndpointActionUpdate, s.updateAction))
	mux.HandleFunc("POST /api/v2/actions/actions/{id}/deploy", s.endpoint(EndpointActionDeploy, s.deployAction))
	mux.HandleFunc("GET /api/v2/actions/triggers/{triggerId}/bindings", s.endpoint(EndpointBindingsGet, s.getBindings))
	mux.HandleFunc("PATCH /api/v2/actions/triggers/{triggerId}/bindings", s.endpoint(EndpointBindingsPatch, s.patchBindings))
	mux.HandleFunc("PATCH /api/v2/hooks/{id}", s.endpoint(EndpointHookUpdate, s.updateHook))
}

// echoBody adds the request body to an error reply's message.
func echoBody(r *http.Request, rep reply) reply {
	body, _ := io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<20))
	if e, ok := rep.body.(auth0Error); ok {
		e.Message += ": " + string(body)
		rep.body = e
	}
	return rep
}
