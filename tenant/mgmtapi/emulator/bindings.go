package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Binding is an Action bound to a trigger, as seeded into the emulator.
type Binding struct {
	ActionID    string `json:"action_id"`
	ActionName  string `json:"action_name"`
	DisplayName string `json:"display_name"`
}

// bindingsPerPage is the default page size of the bindings list ("20 by
// default", which is also the most Actions one trigger can have).
const bindingsPerPage = 20

// WithBindings seeds the Actions bound to a trigger, in the order they
// run. A trigger without seeded bindings has none.
func WithBindings(triggerID string, bindings ...Binding) Option {
	return func(s *Server) {
		if s.bindings == nil {
			s.bindings = make(map[string][]Binding)
		}
		s.bindings[triggerID] = append(s.bindings[triggerID], bindings...)
	}
}

// apiBinding is an ActionBinding of the Management API.
type apiBinding struct {
	ID          string         `json:"id"`
	TriggerID   string         `json:"trigger_id"`
	DisplayName string         `json:"display_name"`
	Action      map[string]any `json:"action"`
	CreatedAt   string         `json:"created_at"`
	UpdatedAt   string         `json:"updated_at"`
}

// bindingsOf is GET /actions/triggers/{triggerId}/bindings: the page and
// per_page parameters, and {total, page, per_page, bindings}. A trigger id
// the trigger list does not know is a 404.
func (s *Server) bindingsOf(r *http.Request) reply {
	q := r.URL.Query()
	if rep := checkParams(q, []string{"page", "per_page"}); rep.status != 0 {
		return rep
	}
	page, rep := intParam(q, "page", 0, 1<<20)
	if rep.status != 0 {
		return rep
	}
	perPage, rep := intParam(q, "per_page", 1, 50)
	if rep.status != 0 {
		return rep
	}
	if !q.Has("per_page") {
		perPage = bindingsPerPage
	}
	id := r.PathValue("id")
	if !slices.ContainsFunc(s.triggerList(), func(t actionTrigger) bool { return t.ID == id }) {
		return errorReply(http.StatusNotFound, "Trigger not found", "not_found")
	}
	s.mu.Lock()
	all := slices.Clone(s.bindings[id])
	s.mu.Unlock()
	start := min(page*perPage, len(all))
	end := min(start+perPage, len(all))
	stamp := time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	items := make([]apiBinding, 0, end-start)
	for i, b := range all[start:end] {
		items = append(items, apiBinding{
			ID: fmt.Sprintf("bind-%s-%d", id, start+i+1), TriggerID: id, DisplayName: b.DisplayName,
			Action: map[string]any{"id": b.ActionID, "name": b.ActionName,
				"supported_triggers": []map[string]string{{"id": id, "version": "v2"}}},
			CreatedAt: stamp, UpdatedAt: stamp,
		})
	}
	return reply{status: http.StatusOK, body: map[string]any{
		"total": len(all), "page": page, "per_page": perPage, "bindings": items,
	}}
}
