package mgmtapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// Paging. 50 is the Public Cloud maximum, and what the SDKs ask for.
const (
	perPage = 50
	// maxPages ends a listing that does not end: 100,000 hooks is far
	// beyond any tenant.
	maxPages = 2000
)

// hooksPage is one page of GET /hooks: the documented
// {start, limit, total, hooks} object, or a plain array of hooks.
type hooksPage struct {
	Start *int      `json:"start"`
	Limit *int      `json:"limit"`
	Total *int      `json:"total"`
	Hooks []apiHook `json:"hooks"`
}

// UnmarshalJSON accepts both shapes: the API answers with a plain array
// when include_totals is ignored.
func (p *hooksPage) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")) {
		*p = hooksPage{}
		return json.Unmarshal(b, &p.Hooks)
	}
	type object hooksPage // without this method
	return json.Unmarshal(b, (*object)(p))
}

// unsized reports whether the page says nothing of its size.
func (p *hooksPage) unsized() bool { return p.Limit == nil && p.Total == nil }

// size is the page size the server applied.
func (p *hooksPage) size() int {
	if p.Limit != nil && *p.Limit > 0 && *p.Limit < perPage {
		return *p.Limit
	}
	return perPage
}

// last reports whether no page follows this one. Only the hooks decide
// the end: an empty page, or a page shorter than the page size. A total
// is never trusted to end the list (a server that under-reports it would
// hide hooks, and a full page after it costs one more request to see
// empty); it only keeps the list going past a short page when it says
// more hooks remain, as when the server pages by fewer than it says.
// A page with neither a limit nor a total (a plain array: include_totals
// ignored) does not say its size, and may be short because the server's
// maximum is below perPage: only the next page can tell.
func (p *hooksPage) last(page int) bool {
	switch {
	case len(p.Hooks) == 0:
		return true
	case len(p.Hooks) >= p.size():
		return false
	case p.Total == nil:
		return !p.unsized()
	}
	start := page * p.size()
	if p.Start != nil {
		start = *p.Start
	}
	return start+len(p.Hooks) >= *p.Total
}

// listHooks reads every page of GET /hooks. A hook created or deleted
// meanwhile can shift the pages by a few hooks: repeats are dropped. A page
// with nothing new means the server ignores paging, and is an error rather
// than a loop.
func (c *client) listHooks(ctx context.Context) ([]apiHook, error) {
	var all []apiHook
	seen := make(map[string]bool)
	var prev *hooksPage
	for page := 0; ; page++ {
		if page == maxPages {
			return nil, fmt.Errorf("the hook list had not ended after %d pages (%d hooks): stopping rather than paging forever", page, len(all))
		}
		p, err := c.listPage(ctx, page)
		if err != nil {
			return nil, err
		}
		fresh := 0
		for _, h := range p.Hooks {
			if h.ID != "" && seen[h.ID] {
				continue
			}
			seen[h.ID] = true
			all = append(all, h)
			fresh++
		}
		if p.last(page) {
			return all, nil
		}
		if fresh == 0 {
			if prev != nil && prev.unsized() && len(prev.Hooks) != perPage {
				// Not a page of perPage: the whole list, every time.
				return all, nil
			}
			return nil, fmt.Errorf("page %d of the hook list repeats only hooks already listed: the server is not paging", page)
		}
		prev = p
	}
}

func (c *client) listPage(ctx context.Context, page int) (*hooksPage, error) {
	q := url.Values{
		"page":           {strconv.Itoa(page)},
		"per_page":       {strconv.Itoa(perPage)},
		"include_totals": {"true"},
	}
	var p hooksPage
	err := c.getJSON(ctx, "/hooks", q, &p)
	var ae *APIError
	if errors.As(err, &ae) {
		markListError(ae)
	}
	return &p, err
}

// markListError: on the list, 404 and 501 mean the tenant has no Hooks
// (as the Deploy CLI reads them), provided the body is Auth0's. A 404
// without it comes from something else at that URL.
func markListError(e *APIError) {
	switch {
	case e.StatusCode != 404 && e.StatusCode != 501:
	case e.auth0Body:
		e.kind = ErrHooksDisabled
	default:
		e.explain = fmt.Sprintf("%d, and the body is not an Auth0 error: is this the Management API? Check the tenant domain or --api-url", e.StatusCode)
	}
}
