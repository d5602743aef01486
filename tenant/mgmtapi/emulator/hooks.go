package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/hooks2actions/hooks2actions/trigger"
)

// MaskedValue is what GET /hooks/{id}/secrets returns for every value.
const MaskedValue = "_VALUE_NOT_SHOWN_"

// triggerIDs is the OAS HookTriggerIdEnum, which the trigger table holds.
var triggerIDs = trigger.IDs()

// The query parameters each endpoint accepts: the OAS ones, plus
// include_fields, which the API was recorded tolerating.
var (
	listParams = []string{"page", "per_page", "include_totals", "enabled", "fields", "include_fields", "triggerId"}
	getParams  = []string{"fields", "include_fields"}
)

// maxPerPage is the OAS maximum for GET /hooks (Public Cloud docs say 50).
const maxPerPage = 100

// defaultPerPage applies when page is given without per_page.
const defaultPerPage = 50

// listQuery is a validated GET /hooks query.
type listQuery struct {
	paged   bool
	page    int
	perPage int
	totals  bool
	enabled *bool
	trigger string
	fields  projection
}

func queryError(format string, args ...any) reply {
	return errorReply(http.StatusBadRequest, "Query validation error: "+fmt.Sprintf(format, args...), "invalid_query_string")
}

// parseListQuery validates the query as the API does: unknown parameters
// and out-of-range values are a 400, not ignored.
func parseListQuery(q url.Values) (listQuery, reply) {
	if rep := checkParams(q, listParams); rep.status != 0 {
		return listQuery{}, rep
	}
	lq := listQuery{perPage: defaultPerPage, trigger: q.Get("triggerId")}
	var rep reply
	if lq.page, rep = intParam(q, "page", 0, 1<<30); rep.status != 0 {
		return lq, rep
	}
	if q.Has("per_page") {
		if lq.perPage, rep = intParam(q, "per_page", 0, maxPerPage); rep.status != 0 {
			return lq, rep
		}
	}
	lq.paged = q.Has("page") || q.Has("per_page")
	if lq.totals, rep = boolParam(q, "include_totals"); rep.status != 0 {
		return lq, rep
	}
	if q.Has("enabled") {
		enabled, rep := boolParam(q, "enabled")
		if rep.status != 0 {
			return lq, rep
		}
		lq.enabled = &enabled
	}
	if lq.trigger != "" && !slices.Contains(triggerIDs, lq.trigger) {
		return lq, queryError("'No enum match for: %q' on property triggerId", lq.trigger)
	}
	lq.fields, rep = parseProjection(q)
	return lq, rep
}

func checkParams(q url.Values, allowed []string) reply {
	for k := range q {
		if !slices.Contains(allowed, k) {
			return queryError("'Additional properties not allowed: %s' on property query", k)
		}
	}
	return reply{}
}

func intParam(q url.Values, name string, lo, hi int) (int, reply) {
	if !q.Has(name) {
		return 0, reply{}
	}
	n, err := strconv.Atoi(q.Get(name))
	switch {
	case err != nil:
		return 0, queryError("'Expected type integer but found type string' on property %s", name)
	case n < lo:
		return 0, queryError("'Value %d is less than minimum %d' on property %s", n, lo, name)
	case n > hi:
		return 0, queryError("'Value %d is greater than maximum %d' on property %s", n, hi, name)
	}
	return n, reply{}
}

func boolParam(q url.Values, name string) (bool, reply) {
	switch q.Get(name) {
	case "", "false":
		return false, reply{}
	case "true":
		return true, reply{}
	}
	return false, queryError("'Expected type boolean but found type string' on property %s", name)
}

// projection is the fields / include_fields selection.
type projection struct {
	fields  []string
	include bool
}

func parseProjection(q url.Values) (projection, reply) {
	p := projection{include: true}
	if f := q.Get("fields"); f != "" {
		p.fields = strings.Split(f, ",")
	}
	if q.Has("include_fields") {
		var rep reply
		if p.include, rep = boolParam(q, "include_fields"); rep.status != 0 {
			return p, rep
		}
	}
	return p, reply{}
}

func (p projection) apply(obj map[string]any) map[string]any {
	if len(p.fields) == 0 {
		return obj
	}
	for k := range obj {
		if slices.Contains(p.fields, k) != p.include {
			delete(obj, k)
		}
	}
	return obj
}

// object is the Hook object of the API: no secrets, dependencies always
// an object.
func (h Hook) object() map[string]any {
	deps := h.Dependencies
	if deps == nil {
		deps = map[string]string{}
	}
	return map[string]any{
		"id": h.ID, "name": h.Name, "script": h.Script,
		"dependencies": deps, "enabled": h.Enabled, "triggerId": h.TriggerID,
	}
}

// HookList is how GET /hooks departs from the documented list: what a
// server, or a proxy before it, may do that the OAS does not say.
type HookList struct {
	// Bare answers a plain array of hooks even when include_totals=true:
	// no start, limit or total to tell where the list ends.
	Bare bool
	// PageCap serves at most PageCap hooks a page, whatever per_page
	// asks: a server whose maximum is below what a client asks.
	PageCap int
}

// WithHookList makes GET /hooks answer as l says.
func WithHookList(l HookList) Option {
	return func(s *Server) { s.hookList = l }
}

// list is GET /hooks.
func (s *Server) list(r *http.Request) reply {
	lq, rep := parseListQuery(r.URL.Query())
	if rep.status != 0 {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.hookList.PageCap; c > 0 && lq.perPage > c {
		lq.perPage = c
	}
	if s.hookList.Bare {
		lq.totals = false
	}
	if s.endless != EndlessOff {
		return s.endlessPage(lq)
	}
	matching := s.matching(lq)
	start, end := 0, len(matching)
	if lq.paged {
		start = min(lq.page*lq.perPage, len(matching))
		end = min(start+lq.perPage, len(matching))
	}
	items := make([]map[string]any, 0, end-start)
	for _, h := range matching[start:end] {
		items = append(items, lq.fields.apply(h.object()))
		s.doom(h.ID)
	}
	if !lq.totals {
		return reply{status: http.StatusOK, body: items}
	}
	limit := end - start
	if lq.paged {
		limit = lq.perPage
	}
	total := len(matching)
	if s.reportedTotal >= 0 {
		total = s.reportedTotal
	}
	return reply{status: http.StatusOK, body: map[string]any{
		"start": start, "limit": limit, "total": total, "hooks": items,
	}}
}

// matching filters the hooks by the query. Called with s.mu held.
func (s *Server) matching(lq listQuery) []Hook {
	var out []Hook
	for _, id := range s.sortedIDs() {
		h := s.hooks[id]
		if lq.enabled != nil && h.Enabled != *lq.enabled {
			continue
		}
		if lq.trigger != "" && h.TriggerID != lq.trigger {
			continue
		}
		out = append(out, h)
	}
	return out
}

// doom deletes a hook marked by DeleteAfterList once it has been listed.
func (s *Server) doom(id string) {
	if s.doomed[id] {
		delete(s.hooks, id)
		delete(s.doomed, id)
	}
}

// endlessPage is a full page of new hooks whatever the page number.
func (s *Server) endlessPage(lq listQuery) reply {
	items := make([]map[string]any, lq.perPage)
	for i := range items {
		id := fmt.Sprintf("endless-%06d-%03d", lq.page, i)
		items[i] = Hook{ID: id, Name: id, TriggerID: triggerIDs[0], Script: "module.exports = function () {};"}.object()
	}
	if !lq.totals {
		return reply{status: http.StatusOK, body: items}
	}
	body := map[string]any{"start": lq.page * lq.perPage, "limit": lq.perPage, "hooks": items}
	if s.endless == EndlessGrowingTotal {
		body["total"] = (lq.page + 2) * lq.perPage
	}
	return reply{status: http.StatusOK, body: body}
}

// getHook is GET /hooks/{id}.
func (s *Server) getHook(r *http.Request) reply {
	q := r.URL.Query()
	if rep := checkParams(q, getParams); rep.status != 0 {
		return rep
	}
	p, rep := parseProjection(q)
	if rep.status != 0 {
		return rep
	}
	h, rep := s.lookup(r.PathValue("id"))
	if rep.status != 0 {
		return rep
	}
	return reply{status: http.StatusOK, body: p.apply(h.object())}
}

// getSecrets is GET /hooks/{id}/secrets: the names, each value masked.
func (s *Server) getSecrets(r *http.Request) reply {
	if rep := checkParams(r.URL.Query(), nil); rep.status != 0 {
		return rep
	}
	h, rep := s.lookup(r.PathValue("id"))
	if rep.status != 0 {
		return rep
	}
	out := make(map[string]string, len(h.Secrets))
	for k, v := range h.Secrets {
		if !s.unmasked {
			v = MaskedValue
		}
		out[k] = v
	}
	return reply{status: http.StatusOK, body: out}
}

func (s *Server) lookup(id string) (Hook, reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.hooks[id]
	if !ok {
		return Hook{}, errorReply(http.StatusNotFound, "Hook not found", "inexistent_hook")
	}
	return h, reply{}
}
