package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// WithBindings binds the named seeded Actions to trigger, in order.
func WithBindings(triggerID string, actionNames ...string) Option {
	return func(s *Server) {
		st := s.actionsState()
		for _, name := range actionNames {
			a := st.byName(name)
			if a == nil {
				panic("emulator: WithBindings: no seeded Action named " + name)
			}
			st.bindings[triggerID] = append(st.bindings[triggerID], binding{id: newUUID(), actionID: a.ID, displayName: name})
		}
	}
}

// BoundActions returns the names of the Actions bound to triggerID, in
// order.
func (s *Server) BoundActions(triggerID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.actionsState()
	out := []string{}
	for _, b := range st.bindings[triggerID] {
		if a := st.byID[b.actionID]; a != nil {
			out = append(out, a.Name)
		}
	}
	return out
}

// getBindings is GET /actions/triggers/{triggerId}/bindings.
func (s *Server) getBindings(r *http.Request) reply {
	q := r.URL.Query()
	if rep := checkParams(q, []string{"page", "per_page"}); rep.status != 0 {
		return rep
	}
	page, perPage, rep := actionPageParams(q)
	if rep.status != 0 {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tid := r.PathValue("triggerId")
	perPage = s.actionsState().perPage(perPage)
	list := s.actionsState().bindings[tid]
	start := min(page*perPage, len(list))
	end := min(start+perPage, len(list))
	return reply{status: http.StatusOK, body: map[string]any{
		"total": len(list), "page": page, "per_page": perPage, "bindings": s.bindingObjects(tid, list[start:end]),
	}}
}

func (s *Server) bindingObjects(tid string, list []binding) []map[string]any {
	now := s.now()
	out := make([]map[string]any, 0, len(list))
	for _, b := range list {
		a := s.actionsState().byID[b.actionID]
		obj := map[string]any{"id": b.id, "trigger_id": tid, "display_name": b.displayName,
			"created_at": now.UTC().Format(time.RFC3339), "updated_at": now.UTC().Format(time.RFC3339)}
		if a != nil {
			obj["action"] = a.object(now)
		}
		out = append(out, obj)
	}
	return out
}

type bindingsBody struct {
	Bindings *[]struct {
		Ref struct {
			Type  string `json:"type"`
			Value string `json:"value"`
		} `json:"ref"`
		DisplayName *string         `json:"display_name"`
		Secrets     json.RawMessage `json:"secrets"`
	} `json:"bindings"`
}

// patchBindings is PATCH /actions/triggers/{triggerId}/bindings: the list
// given replaces the trigger's whole list, in its order.
func (s *Server) patchBindings(r *http.Request) reply {
	var b bindingsBody
	if rep := readBody(r, &b); rep.status != 0 {
		return rep
	}
	if b.Bindings == nil {
		return payloadError("'Missing required property: bindings' on property body")
	}
	tid := r.PathValue("triggerId")
	if !slices.Contains(triggerIDs, tid) && tid != "post-login" {
		return errorReply(http.StatusNotFound, "Trigger not found", "")
	}
	if len(*b.Bindings) > maxBindingsPerTrig {
		return payloadError("'Array is too long (%d), maximum %d' on property bindings", len(*b.Bindings), maxBindingsPerTrig)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.actionsState()
	old := st.bindings[tid]
	next := make([]binding, 0, len(*b.Bindings))
	for i, in := range *b.Bindings {
		a, rep := st.resolveRef(old, in.Ref.Type, in.Ref.Value, i)
		if rep.status != 0 {
			return rep
		}
		switch {
		case !a.everDeployed:
			return errorReply(http.StatusBadRequest, "Trying to create a binding for an action that has not been deployed yet.", "")
		case a.Trigger != tid:
			return errorReply(http.StatusBadRequest, fmt.Sprintf("Action '%s' does not support the trigger %s.", a.Name, tid), "")
		}
		nb := binding{id: newUUID(), actionID: a.ID, displayName: a.Name}
		if j := slices.IndexFunc(old, func(o binding) bool { return o.actionID == a.ID }); j >= 0 {
			nb.id, nb.displayName = old[j].id, old[j].displayName
		}
		if in.DisplayName != nil {
			nb.displayName = *in.DisplayName
		}
		next = append(next, nb)
	}
	st.bindings[tid] = next
	return reply{status: http.StatusOK, body: map[string]any{"bindings": s.bindingObjects(tid, next)}}
}

func (st *actionState) resolveRef(old []binding, typ, value string, i int) (*Action, reply) {
	var a *Action
	switch typ {
	case "action_id":
		a = st.byID[value]
	case "action_name", "":
		a = st.byName(value)
	case "binding_id":
		if j := slices.IndexFunc(old, func(o binding) bool { return o.id == value }); j >= 0 {
			a = st.byID[old[j].actionID]
		}
	default:
		return nil, payloadError("'No enum match for: %q' on property bindings[%d].ref.type", typ, i)
	}
	if a == nil {
		return nil, errorReply(http.StatusNotFound, fmt.Sprintf("The action referenced by bindings[%d] (%s %s) does not exist.", i, typ, value), "")
	}
	return a, reply{}
}

// updateHook is PATCH /hooks/{id}: name, script, enabled, dependencies.
func (s *Server) updateHook(r *http.Request) reply {
	var b struct {
		Name         *string            `json:"name"`
		Script       *string            `json:"script"`
		Enabled      *bool              `json:"enabled"`
		Dependencies *map[string]string `json:"dependencies"`
	}
	if rep := readBody(r, &b); rep.status != 0 {
		return rep
	}
	if b.Name == nil && b.Script == nil && b.Enabled == nil && b.Dependencies == nil {
		return payloadError("'Too few properties defined (0), minimum 1' on property body")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.hooks[r.PathValue("id")]
	if !ok {
		return errorReply(http.StatusNotFound, "Hook not found", "inexistent_hook")
	}
	if b.Name != nil {
		h.Name = *b.Name
	}
	if b.Script != nil {
		h.Script = *b.Script
	}
	if b.Enabled != nil {
		h.Enabled = *b.Enabled
	}
	if b.Dependencies != nil {
		h.Dependencies = *b.Dependencies
	}
	s.hooks[h.ID] = h
	return reply{status: http.StatusOK, body: h.object()}
}

// SetBindings replaces a trigger's bindings with the named Actions, as
// another tool would; a name no Action has gets a new deployed Action.
func (s *Server) SetBindings(triggerID string, actionNames ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.actionsState()
	var list []binding
	for _, name := range actionNames {
		a := st.byName(name)
		if a == nil {
			a = &Action{ID: newUUID(), Name: name, Runtime: "node22", Trigger: triggerID, Version: "v2", Deployed: true, everDeployed: true}
			st.byID[a.ID] = a
		}
		list = append(list, binding{id: newUUID(), actionID: a.ID, displayName: name})
	}
	st.bindings[triggerID] = list
}

// actionPageParams reads page and per_page as the Actions endpoints take
// them: page from 0, per_page up to maxActionPerPage.
func actionPageParams(q url.Values) (page, perPage int, rep reply) {
	if page, rep = intParam(q, "page", 0, 1<<30); rep.status != 0 {
		return 0, 0, rep
	}
	perPage = defaultActionPerPage
	if q.Has("per_page") {
		if perPage, rep = intParam(q, "per_page", 1, maxActionPerPage); rep.status != 0 {
			return 0, 0, rep
		}
	}
	return page, perPage, reply{}
}
