package mgmtapi

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hooks2actions/hooks2actions/tenant"
)

// Fetch reads every hook of the tenant: a token, the hook list page by
// page, then each hook and the names of its secrets, Config.Concurrency at
// a time, and last the CURRENT version of each hook's Action trigger.
//
// A hook that cannot be read whole (an error of its own, more than
// Config.HookTimeout, or the overall deadline passing first) becomes a
// tenant.Problem naming it and its id, and the others are kept: Fetch
// then returns the inventory together with an error wrapping
// ErrIncomplete. Any other error ends the run with no inventory: no hook
// could be read (bad credentials, Hooks turned off, an unreachable API).
// The trigger versions need the read:actions scope, which the audit does
// not, and so do the Actions already bound to the hooks' triggers
// (Bindings): without it both stay nil, with a problem that says why.
//
// Whatever the server says goes through one redactor that knows the
// client secret and the token: neither (nor a piece of eight characters
// or more of either) is in the returned error or in the inventory's
// problems, even from a server that echoes them.
func Fetch(ctx context.Context, cfg Config) (*tenant.Inventory, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return fetchWith(ctx, newClient(cfg))
}

// Fetch reads the tenant's hooks as the package's Fetch does, with the
// token the client already holds rather than a second one.
func (cl *Client) Fetch(ctx context.Context) (*tenant.Inventory, error) {
	return fetchWith(ctx, cl.c)
}

// fetchWith fetches through c and redacts what it returns.
func fetchWith(ctx context.Context, c *client) (*tenant.Inventory, error) {
	inv, err := c.fetch(ctx)
	if inv != nil {
		for i := range inv.Problems {
			inv.Problems[i].Message = c.redact.text(inv.Problems[i].Message)
		}
	}
	return inv, c.redact.error(err)
}

func (c *client) fetch(ctx context.Context) (*tenant.Inventory, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, c.cfg.Deadline,
		fmt.Errorf("the fetch took longer than its %s deadline: %w", c.cfg.Deadline, context.DeadlineExceeded))
	defer cancel()
	if c.token == "" {
		if err := c.fetchToken(ctx); err != nil {
			return nil, fmt.Errorf("getting a Management API token: %w", err)
		}
	}
	listed, err := c.listHooks(ctx)
	if errors.Is(err, ErrHooksDisabled) {
		return nil, err // says it all
	}
	if err != nil {
		return nil, fmt.Errorf("listing hooks: %w", err)
	}
	results, err := c.fetchHooks(ctx, listed)
	if err != nil {
		return nil, err
	}
	inv := c.inventory(results)
	var problems []tenant.Problem
	var forbidden bool
	inv.ActionTriggerVersions, problems, forbidden = c.triggerVersions(ctx)
	inv.Problems = append(inv.Problems, problems...)
	if !forbidden { // the versions' problem says what a 403 would
		inv.Bindings, problems = c.triggerBindings(ctx, inv.Hooks)
		inv.Problems = append(inv.Problems, problems...)
	}
	err = incomplete(results)
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("%w: %w", err, context.Cause(ctx))
	}
	return inv, err
}

// shownNames is how many hook names an ErrIncomplete error lists.
const shownNames = 5

// incomplete says which hooks could not be read whole, if any.
func incomplete(results []hookResult) error {
	var names []string
	for _, r := range results {
		if r.incomplete {
			names = append(names, strconv.Quote(r.hook.Name))
		}
	}
	if len(names) == 0 {
		return nil
	}
	shown := strings.Join(names[:min(len(names), shownNames)], ", ")
	if len(names) > shownNames {
		shown += fmt.Sprintf(" and %d more", len(names)-shownNames)
	}
	return fmt.Errorf("%w: %d of %d (%s), each with a problem saying why", ErrIncomplete, len(names), len(results), shown)
}

// apiHook is the Hook object of the Management API.
type apiHook struct {
	ID           string            `json:"id"`
	Name         string            `json:"name"`
	TriggerID    string            `json:"triggerId"`
	Enabled      bool              `json:"enabled"`
	Script       string            `json:"script"`
	Dependencies map[string]string `json:"dependencies"`
}

// hookResult is one hook as far as it could be read.
type hookResult struct {
	hook     tenant.Hook
	problems []tenant.Problem
	// incomplete: the script or the secrets' names are missing.
	incomplete bool
}

// fetchHooks reads each listed hook with a fixed pool of workers. An
// error that concerns every hook (credentials, Hooks turned off) cancels
// the others and is returned; when the overall deadline passes, the hooks
// read so far are kept and the others are problems.
func (c *client) fetchHooks(ctx context.Context, listed []apiHook) ([]hookResult, error) {
	wctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	results := make([]hookResult, len(listed))
	read := make([]bool, len(listed))
	jobs := make(chan int)
	var wg sync.WaitGroup
	c.progress(0, len(listed))
	for range min(c.cfg.Concurrency, len(listed)) {
		wg.Go(func() {
			for i := range jobs {
				r, err := c.fetchHook(wctx, listed[i])
				if err != nil {
					cancel(err)
					continue
				}
				results[i], read[i] = r, true
				c.progress(1, len(listed))
			}
		})
	}
feed:
	for i := range listed {
		select {
		case jobs <- i:
		case <-wctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := context.Cause(wctx); err != nil && ctx.Err() == nil {
		return nil, fmt.Errorf("fetching hooks: %w", err)
	}
	for i := range listed {
		if !read[i] {
			results[i] = unread(listed[i], context.Cause(ctx))
		}
	}
	return results, nil
}

// unread is a listed hook the run ended before reading.
func unread(listed apiHook, why error) hookResult {
	r := hookResult{hook: toHook(listed), incomplete: true}
	r.problem("not fetched (id %s): %v; only what the hook list said is kept", listed.ID, why)
	r.checkTrigger()
	return r
}

// progress counts more hooks read and reports the count, when the caller
// asked; counting under the lock keeps the reports in order.
func (c *client) progress(more, total int) {
	if c.cfg.Progress == nil {
		return
	}
	c.progressMu.Lock()
	defer c.progressMu.Unlock()
	c.hooksRead += more
	c.cfg.Progress(c.hooksRead, total)
}

// fetchHook reads one hook and its secrets' names, within
// Config.HookTimeout. It returns an error only for what would fail every
// hook alike: credentials, Hooks turned off, the end of the run (ctx).
func (c *client) fetchHook(ctx context.Context, listed apiHook) (hookResult, error) {
	r := hookResult{hook: toHook(listed)}
	if listed.ID == "" {
		r.incomplete = true
		r.problem("the hook list gave this hook without an id, so its script and secrets cannot be fetched")
		return r, nil
	}
	hctx, cancel := context.WithTimeoutCause(ctx, c.cfg.HookTimeout,
		fmt.Errorf("reading the hook took longer than the %s each hook may take: %w", c.cfg.HookTimeout, context.DeadlineExceeded))
	defer cancel()
	path := "/hooks/" + url.PathEscape(listed.ID)
	var detail apiHook
	err := c.getJSON(hctx, path, nil, &detail)
	if err != nil {
		if runWide(ctx, err) {
			return r, err
		}
		r.incomplete = true
		if isNotFound(err) {
			// Deleted since the list was read: no secrets either.
			r.problem("could not fetch the hook (id %s), probably deleted after the hook list was read: %v; only what the list said is kept", listed.ID, err)
			return r, nil
		}
		r.problem("could not fetch the hook (id %s): %v; only what the hook list said is kept", listed.ID, err)
		if hctx.Err() != nil {
			r.checkTrigger()
			return r, nil // no time left for its secrets either
		}
	} else {
		r.hook = toHook(detail)
		if r.hook.Script == nil {
			// Nothing to audit: said, so that the hook never passes for
			// one without findings, nor drops out of a snapshot unnoticed.
			r.problem("the Management API returned the hook (id %s) without a script, so it cannot be audited", listed.ID)
		}
	}
	keys, err := c.secretKeys(hctx, path+"/secrets")
	if err != nil {
		if runWide(ctx, err) {
			return r, err
		}
		r.incomplete = true
		r.problem("could not fetch the names of its secrets (id %s), so they are unknown: %v", listed.ID, err)
	}
	r.hook.SecretKeys = keys
	r.checkTrigger()
	return r, nil
}

// discarded decodes any JSON value into nothing: secret values are masked
// by the API, and should one ever come through it is not kept.
type discarded struct{}

func (*discarded) UnmarshalJSON([]byte) error { return nil }

// secretKeys returns the sorted secret names of a hook; nil on error.
func (c *client) secretKeys(ctx context.Context, path string) ([]string, error) {
	var secrets map[string]discarded
	if err := c.getJSON(ctx, path, nil, &secrets); err != nil {
		return nil, err
	}
	names := make(map[string]string, len(secrets))
	for k := range secrets {
		names[k] = ""
	}
	return tenant.SecretKeys(names), nil
}

func toHook(a apiHook) tenant.Hook {
	name := a.Name
	if name == "" {
		name = a.ID // as the Deploy CLI names an unnamed hook
	}
	h := tenant.Hook{
		ID:           a.ID,
		Name:         name,
		TriggerID:    a.TriggerID,
		Enabled:      a.Enabled,
		Dependencies: a.Dependencies,
		Origin:       tenant.Origin{Kind: tenant.OriginAPI, HookID: a.ID},
	}
	if a.Script != "" {
		h.Script = []byte(a.Script)
	}
	return h
}

func (r *hookResult) problem(format string, args ...any) {
	r.problems = append(r.problems, tenant.Problem{Hook: r.hook.Name, Message: fmt.Sprintf(format, args...)})
}

// checkTrigger clears an unknown trigger so that the analyzer infers it
// from the script's signature, as for a source that does not say.
func (r *hookResult) checkTrigger() {
	if err := tenant.CheckTrigger(r.hook.TriggerID); err != nil {
		r.problem("%v; the trigger will be inferred from the script", err)
		r.hook.TriggerID = ""
	}
}

// runWide reports errors that no other hook would escape: credentials,
// scopes, Hooks turned off, the end of the run.
func runWide(ctx context.Context, err error) bool {
	return ctx.Err() != nil ||
		errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden) || errors.Is(err, ErrHooksDisabled)
}

func isNotFound(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.StatusCode == 404
}

// inventory sorts the hooks by name, as reports key them, and keeps each
// hook's problems next to it.
func (c *client) inventory(results []hookResult) *tenant.Inventory {
	sort.SliceStable(results, func(i, j int) bool {
		a, b := results[i].hook, results[j].hook
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	inv := &tenant.Inventory{Source: tenant.OriginAPI, Tenant: c.ep.tenant, Hooks: make([]tenant.Hook, 0, len(results))}
	for _, r := range results {
		inv.Hooks = append(inv.Hooks, r.hook)
		inv.Problems = append(inv.Problems, r.problems...)
	}
	inv.DropDuplicateNames()
	return inv
}
