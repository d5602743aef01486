package mgmtapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

func TestFetchPagesThroughAllHooks(t *testing.T) {
	seed := emulator.SyntheticHooks(137)
	f := newTenant(t, emulator.WithHooks(seed...))
	inv := f.mustFetch(t)

	if len(inv.Hooks) != 137 || len(inv.Problems) != 0 {
		t.Fatalf("got %d hooks and problems %v, want 137 hooks and no problem", len(inv.Hooks), inv.Problems)
	}
	if !sort.StringsAreSorted(hookNames(inv)) {
		t.Errorf("hooks are not sorted by name: %v", hookNames(inv)[:5])
	}
	want := tenant.Hook{
		ID:           seed[42].ID,
		Name:         "hook-00042",
		TriggerID:    seed[42].TriggerID,
		Script:       []byte(seed[42].Script),
		SecretKeys:   []string{"API_KEY_42"},
		Dependencies: map[string]string{"axios": "1.6.0"},
		Origin:       tenant.Origin{Kind: tenant.OriginAPI, HookID: seed[42].ID},
	}
	if diff := cmp.Diff(want, inv.Hooks[42]); diff != "" {
		t.Errorf("hook 42 (-want +got):\n%s", diff)
	}
	if inv.Source != tenant.OriginAPI || inv.Tenant == "" {
		t.Errorf("inventory source %q tenant %q", inv.Source, inv.Tenant)
	}
	counts := map[emulator.Endpoint]int{
		emulator.EndpointToken: 1, emulator.EndpointList: 3,
		emulator.EndpointHook: 137, emulator.EndpointSecrets: 137, emulator.EndpointOther: 0,
	}
	for e, n := range counts {
		if got := f.srv.Requests(e); got != n {
			t.Errorf("%s: %d requests, want %d", e, got, n)
		}
	}
}

// A list with no total and no limit (a plain array, include_totals
// ignored) does not say its page size: a page shorter than asked may be
// the server's own maximum, and only an empty page, or one with nothing
// new, ends the list.
func TestFetchPagesThroughListsWithoutTotals(t *testing.T) {
	for _, tt := range []struct {
		name   string
		list   emulator.HookList
		pages  int // list requests
		ignore bool
		hooks  int
	}{
		{"plain array", emulator.HookList{Bare: true}, 4, false, 137},
		{"plain array, pages capped below per_page", emulator.HookList{Bare: true, PageCap: 20}, 8, false, 137},
		{"object, pages capped below per_page", emulator.HookList{PageCap: 20}, 7, false, 137},
		// Every page is the whole list: the second repeats the first.
		{"plain array, page ignored", emulator.HookList{Bare: true}, 2, true, 30},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(tt.hooks)...), emulator.WithHookList(tt.list))
			if tt.ignore {
				f.cfg.HTTPClient = &http.Client{Transport: firstPageOnly{}}
			}
			inv := f.mustFetch(t)
			if len(inv.Hooks) != tt.hooks || len(inv.Problems) != 0 {
				t.Errorf("%d hooks and problems %v, want %d hooks", len(inv.Hooks), inv.Problems, tt.hooks)
			}
			if got := f.srv.Requests(emulator.EndpointList); got != tt.pages {
				t.Errorf("%d list requests, want %d", got, tt.pages)
			}
		})
	}
}

func TestFetchKeepsSecretNamesOnly(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(
		emulator.Hook{ID: "h1", Name: "with-secrets", TriggerID: "pre-user-registration", Script: "x",
			Secrets: map[string]string{"B_KEY": "value-b", "A_KEY": "value-a"}},
		emulator.Hook{ID: "h2", Name: "without", TriggerID: "pre-user-registration", Script: "x"},
	))
	inv := f.mustFetch(t)
	got := map[string][]string{}
	for _, h := range inv.Hooks {
		got[h.Name] = h.SecretKeys
	}
	want := map[string][]string{"with-secrets": {"A_KEY", "B_KEY"}, "without": {}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("secret keys (-want +got):\n%s", diff)
	}
	if inv.Hooks[1].SecretKeys == nil {
		t.Error("a hook without secrets has nil SecretKeys (unknown), want empty (none)")
	}
}

func TestFetchHonoursRateLimitResets(t *testing.T) {
	for _, retryAfter := range []bool{false, true} {
		t.Run(fmt.Sprintf("retryAfter=%v", retryAfter), func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(5)...))
			f.cfg.Concurrency = 1 // nothing in flight when a 429 comes back
			f.srv.Inject(3, emulator.Fault{Status: 429, ResetIn: 1500 * time.Millisecond, RetryAfter: retryAfter})
			inv := f.mustFetch(t)
			if len(inv.Hooks) != 5 || len(inv.Problems) != 0 {
				t.Fatalf("got %d hooks, problems %v", len(inv.Hooks), inv.Problems)
			}
			if n := f.srv.EarlyRequests(); n != 0 {
				t.Errorf("%d requests came before the announced reset", n)
			}
			if got := f.srv.Responses(429); got != 3 {
				t.Errorf("%d 429s, want 3", got)
			}
			if slept := f.clock.Slept(); slept < 3*time.Second || slept > 3*maxThrottleWait {
				t.Errorf("slept %s in all, want at least 3 waits of 1-2s", slept)
			}
		})
	}
}

func TestFetchRidesOutA429Storm(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(60)...))
	f.srv.Throttle(12, 2*time.Second)
	inv := f.mustFetch(t)
	if len(inv.Hooks) != 60 || len(inv.Problems) != 0 {
		t.Fatalf("got %d hooks, problems %v", len(inv.Hooks), inv.Problems)
	}
	for _, h := range inv.Hooks {
		if h.Script == nil || h.SecretKeys == nil {
			t.Fatalf("hook %s incomplete after the storm", h.Name)
		}
	}
	if got := f.srv.Responses(429); got != 12 {
		t.Errorf("%d 429s, want 12", got)
	}
	if f.clock.Slept() < 2*time.Second {
		t.Errorf("slept %s, want at least the 2s reset", f.clock.Slept())
	}
}

func TestFetchRetriesServerErrors(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(3)...))
	f.srv.Fail(2, 503)
	f.srv.Fail(2, 500)
	f.srv.Fail(1, 502)
	inv := f.mustFetch(t)
	if len(inv.Hooks) != 3 || len(inv.Problems) != 0 {
		t.Fatalf("got %d hooks, problems %v", len(inv.Hooks), inv.Problems)
	}
	if got, want := f.srv.APIRequests(), 1+3+3+5+1+3; got != want {
		t.Errorf("%d API requests, want %d (5 retried, the trigger list and the bindings of 3 triggers)", got, want)
	}
	if f.clock.Slept() == 0 {
		t.Error("retried without backing off")
	}
}

func TestFetchGivesUpAfterMaxAttempts(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(1)...))
	f.srv.Fail(100, 500)
	_, err := f.fetch(t)
	wantError(t, err, nil, "listing hooks", "500 Internal Server Error", "gave up after 8 attempts")
	if got := f.srv.Requests(emulator.EndpointList); got != maxAttempts {
		t.Errorf("%d list requests, want %d", got, maxAttempts)
	}
}

func TestFetchPermanentErrorsAreNotRetried(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(f *tenantFixture)
		target   error
		endpoint emulator.Endpoint
		want     []string
	}{{
		name:     "wrong client secret",
		setup:    func(f *tenantFixture) { f.cfg.ClientSecret = "wrong" },
		target:   ErrUnauthorized,
		endpoint: emulator.EndpointToken,
		want:     []string{"client credentials were rejected (401)", "AUTH0_CLIENT_SECRET", `"access_denied"`},
	}, {
		name:     "wrong audience",
		setup:    func(f *tenantFixture) { f.cfg.Domain = "other.eu.auth0.com" },
		target:   ErrForbidden,
		endpoint: emulator.EndpointToken,
		want:     []string{"403", "read:hooks", "Service not enabled within domain: https://other.eu.auth0.com/api/v2/"},
	}, {
		name:     "token rejected",
		setup:    func(f *tenantFixture) { f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", "not-a-token" },
		target:   ErrUnauthorized,
		endpoint: emulator.EndpointList,
		want:     []string{"the token was rejected (401): check AUTH0_TOKEN or the client credentials", "Invalid token"},
	}, {
		name: "missing scope",
		setup: func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", f.srv.IssueToken("read:users")
		},
		target:   ErrForbidden,
		endpoint: emulator.EndpointList,
		want:     []string{"403", "needs the read:hooks scope", "insufficient_scope"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
			tt.setup(f)
			_, err := f.fetch(t)
			wantError(t, err, tt.target, tt.want...)
			if got := f.srv.Requests(tt.endpoint); got != 1 {
				t.Errorf("%d requests to %s, want exactly 1", got, tt.endpoint)
			}
			if got := f.srv.Requests(emulator.EndpointHook); got != 0 {
				t.Errorf("%d hook requests after a run-wide error", got)
			}
		})
	}
}

func TestFetchHooksTurnedOff(t *testing.T) {
	modes := map[string]emulator.HooksMode{
		"403 deprecated": emulator.HooksDeprecated403,
		"403 disabled":   emulator.HooksDisabled403,
		"404":            emulator.HooksNotFound404,
		"501":            emulator.HooksNotImplemented501,
	}
	for name, mode := range modes {
		t.Run(name, func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
			f.srv.SetHooksMode(mode)
			_, err := f.fetch(t)
			wantError(t, err, ErrHooksDisabled, "Hooks are turned off for this tenant", "if you saved a snapshot before, analyze that")
			if got := f.srv.Requests(emulator.EndpointList); got != 1 {
				t.Errorf("%d list requests, want 1", got)
			}
		})
	}
}

func TestFetchWrongURLIsNotHooksTurnedOff(t *testing.T) {
	f := newTenant(t)
	u, _ := url.Parse(f.srv.URL())
	f.cfg.BaseURL = u.Scheme + "://" + u.Host // the prefix left out
	f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", f.srv.IssueToken()
	_, err := f.fetch(t)
	wantError(t, err, nil, "not an Auth0 error", "--api-url")
	if err != nil && strings.Contains(err.Error(), "turned off") {
		t.Errorf("a wrong URL reads as Hooks turned off: %v", err)
	}
}

func TestFetchRetriesTruncatedJSON(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(4)...))
	f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointToken, Truncate: true})
	f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointList, Truncate: true})
	f.srv.Inject(2, emulator.Fault{Endpoint: emulator.EndpointSecrets, Truncate: true})
	inv := f.mustFetch(t)
	if len(inv.Hooks) != 4 || len(inv.Problems) != 0 {
		t.Fatalf("got %d hooks, problems %v", len(inv.Hooks), inv.Problems)
	}
	for _, h := range inv.Hooks {
		if len(h.SecretKeys) != 1 {
			t.Errorf("hook %s: secret keys %v", h.Name, h.SecretKeys)
		}
	}
	if got := f.srv.Requests(emulator.EndpointToken); got != 2 {
		t.Errorf("%d token requests, want 2", got)
	}
	if got := f.srv.Requests(emulator.EndpointSecrets); got != 6 {
		t.Errorf("%d secrets requests, want 6", got)
	}
}

func TestFetchStopsEndlessPaging(t *testing.T) {
	t.Run("growing total", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 2,000 pages")
		}
		f := newTenant(t)
		f.srv.SetEndless(emulator.EndlessGrowingTotal)
		_, err := f.fetch(t)
		// A total is never trusted to end the list, nor to bound it.
		wantError(t, err, nil, fmt.Sprintf("had not ended after %d pages", maxPages))
		if got := f.srv.Requests(emulator.EndpointList); got != maxPages {
			t.Errorf("%d list requests, want %d", got, maxPages)
		}
	})
	t.Run("no total", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 2,000 pages")
		}
		f := newTenant(t)
		f.srv.SetEndless(emulator.EndlessNoTotal)
		_, err := f.fetch(t)
		wantError(t, err, nil, fmt.Sprintf("had not ended after %d pages", maxPages))
	})
	t.Run("page ignored", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(120)...))
		f.cfg.HTTPClient = &http.Client{Transport: firstPageOnly{}}
		_, err := f.fetch(t)
		wantError(t, err, nil, "page 1 of the hook list repeats only hooks already listed")
		if got := f.srv.Requests(emulator.EndpointList); got != 2 {
			t.Errorf("%d list requests, want 2", got)
		}
	})
}

// firstPageOnly plays a server that ignores the page parameter.
type firstPageOnly struct{}

func (firstPageOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	if q := r.URL.Query(); q.Has("page") {
		r = r.Clone(r.Context())
		q.Set("page", "0")
		r.URL.RawQuery = q.Encode()
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestFetchRequestTimeout(t *testing.T) {
	t.Run("every attempt", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(1)...))
		f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", f.srv.IssueToken()
		f.cfg.RequestTimeout = 20 * time.Millisecond
		f.srv.SetLatency(time.Second)
		_, err := f.fetch(t)
		wantError(t, err, nil, "no response within 20ms", "gave up after 8 attempts")
	})
	t.Run("once", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
		f.cfg.RequestTimeout = 50 * time.Millisecond
		f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointHook, Delay: time.Second})
		inv := f.mustFetch(t)
		if len(inv.Hooks) != 2 || len(inv.Problems) != 0 {
			t.Fatalf("got %d hooks, problems %v", len(inv.Hooks), inv.Problems)
		}
		if got := f.srv.Requests(emulator.EndpointHook); got != 3 {
			t.Errorf("%d hook requests, want 3 (one timed out)", got)
		}
	})
}

func TestFetchOverallDeadline(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(1)...))
	f.cfg.Deadline = time.Second
	f.srv.Throttle(1, 30*time.Second)
	start := time.Now()
	_, err := f.fetch(t)
	wantError(t, err, nil, "429", "would pass the deadline")
	if time.Since(start) > 500*time.Millisecond {
		t.Errorf("took %s to give up: it should not wait for a reset past the deadline", time.Since(start))
	}
}

func TestFetchResponseTooLarge(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.Hook{
		ID: "big", Name: "big", TriggerID: "pre-user-registration", Script: strings.Repeat("x", 10_000),
	}))
	f.cfg.MaxResponseBytes = 4096
	_, err := f.fetch(t)
	wantError(t, err, ErrResponseTooLarge, "/api/v2/hooks?", "4096-byte cap")
	if got := f.srv.Requests(emulator.EndpointList); got != 1 {
		t.Errorf("%d list requests, want 1: a large response is not retried", got)
	}
}

func TestFetchHookDeletedAfterList(t *testing.T) {
	seed := emulator.SyntheticHooks(3)
	f := newTenant(t, emulator.WithHooks(seed...))
	f.srv.DeleteAfterList(seed[1].ID)
	inv, err := f.fetch(t)
	wantError(t, err, ErrIncomplete, `1 of 3 ("hook-00001")`)
	if diff := cmp.Diff([]string{"hook-00000", "hook-00001", "hook-00002"}, hookNames(inv)); diff != "" {
		t.Fatalf("hooks (-want +got):\n%s", diff)
	}
	gone := inv.Hooks[1]
	if gone.SecretKeys != nil || gone.TriggerID != seed[1].TriggerID {
		t.Errorf("deleted hook: secret keys %v (want nil = unknown), trigger %q from the list", gone.SecretKeys, gone.TriggerID)
	}
	if len(inv.Problems) != 1 {
		t.Fatalf("problems %v, want one", inv.Problems)
	}
	p := inv.Problems[0]
	if p.Hook != "hook-00001" || !strings.Contains(p.Message, "404") || !strings.Contains(p.Message, "Hook not found") || !strings.Contains(p.Message, "(id "+seed[1].ID+")") {
		t.Errorf("problem %q", p.Error())
	}
	if got := f.srv.Requests(emulator.EndpointSecrets); got != 2 {
		t.Errorf("%d secrets requests, want 2: none for the deleted hook", got)
	}
}

func TestFetchUnknownTrigger(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(
		emulator.Hook{ID: "a", Name: "odd", TriggerID: "pre-login", Script: "x"},
		emulator.Hook{ID: "b", Name: "fine", TriggerID: "send-phone-message", Script: "x"},
	))
	inv := f.mustFetch(t)
	if len(inv.Problems) != 1 || inv.Problems[0].Hook != "odd" || !strings.Contains(inv.Problems[0].Message, `unknown triggerId "pre-login"`) {
		t.Fatalf("problems %v", inv.Problems)
	}
	if inv.Hooks[1].Name != "odd" || inv.Hooks[1].TriggerID != "" {
		t.Errorf("hook %+v: want its unknown trigger cleared", inv.Hooks[1])
	}
}

func TestFetchReadyToken(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
	f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", f.srv.IssueToken()
	if inv := f.mustFetch(t); len(inv.Hooks) != 2 {
		t.Fatalf("got %d hooks", len(inv.Hooks))
	}
	if got := f.srv.Requests(emulator.EndpointToken); got != 0 {
		t.Errorf("%d token requests with a ready token", got)
	}
}

func TestFetchWithDomainSendsItsAudience(t *testing.T) {
	f := newTenant(t, emulator.WithDomain("example.eu.auth0.com"), emulator.WithHooks(emulator.SyntheticHooks(1)...))
	f.cfg.Domain = "example.eu.auth0.com"
	inv := f.mustFetch(t)
	if inv.Tenant != "example.eu.auth0.com" || len(inv.Hooks) != 1 {
		t.Errorf("tenant %q, %d hooks", inv.Tenant, len(inv.Hooks))
	}
}

func TestFetchTrace(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
	f.srv.Fail(1, 503)
	var trace strings.Builder
	f.cfg.Trace = &trace
	f.mustFetch(t)
	lines := strings.Split(strings.TrimSuffix(trace.String(), "\n"), "\n")
	if want := 1 + f.srv.APIRequests(); len(lines) != want {
		t.Fatalf("%d trace lines, want one per request (%d):\n%s", len(lines), want, trace.String())
	}
	prefix := strings.TrimPrefix(f.srv.URL(), "http://127.0.0.1")
	prefix = prefix[strings.Index(prefix, "/"):]
	wantLines := []string{
		"mgmtapi: POST " + prefix + "/oauth/token 200 ",
		"mgmtapi: GET " + prefix + "/api/v2/hooks?include_totals=true&page=0&per_page=50 503 ",
		"mgmtapi: GET " + prefix + "/api/v2/hooks?include_totals=true&page=0&per_page=50 200 ",
	}
	for i, w := range wantLines {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to start %q", i, lines[i], w)
		}
	}
	for _, frag := range []string{"attempt=2 wait=", "authorization=REDACTED", "ratelimit=49/50"} {
		if !strings.Contains(lines[2], frag) {
			t.Errorf("line %q lacks %q", lines[2], frag)
		}
	}
	// The trigger list, then the bindings of the 2 hooks' triggers.
	list := lines[len(lines)-3]
	if w := "mgmtapi: GET " + prefix + "/api/v2/actions/triggers 200 "; !strings.HasPrefix(list, w) || !strings.Contains(list, "attempt=1 ") || !strings.Contains(list, "authorization=REDACTED") {
		t.Errorf("line %q, want the trigger list: %q ... attempt=1 ... authorization=REDACTED", list, w)
	}
	last := lines[len(lines)-1]
	if w := "mgmtapi: GET " + prefix + "/api/v2/actions/triggers/pre-user-registration/bindings?page=0&per_page=20 200 "; !strings.HasPrefix(last, w) {
		t.Errorf("last line = %q, want the bindings of the last trigger: %q", last, w)
	}
	if strings.Contains(lines[0], "authorization") {
		t.Errorf("token line %q claims an Authorization header", lines[0])
	}
}

func TestFetchHonoursRetryAfterOn503(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(1)...))
	f.srv.Inject(1, emulator.Fault{Status: 503, RetryAfter: true, ResetIn: 4 * time.Second})
	f.mustFetch(t)
	if slept := f.clock.Slept(); slept < 4*time.Second {
		t.Errorf("slept %s after a 503 with Retry-After: 4", slept)
	}
}

func TestFetchDeadlinePassesMidRun(t *testing.T) {
	// Half the hooks answer at once, the other half stall past the
	// deadline: the outcome does not depend on how loaded the machine is.
	hooks := emulator.SyntheticHooks(20)
	f := newTenant(t, emulator.WithHooks(hooks...))
	for _, h := range hooks[10:] {
		f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointHook, HookID: h.ID, Delay: time.Minute})
	}
	f.cfg.Deadline = 3 * time.Second
	inv, err := f.fetch(t)
	wantError(t, err, context.DeadlineExceeded, "the fetch took longer than its 3s deadline")
	wantError(t, err, ErrIncomplete, "of 20 (")
	// What was read before the deadline is kept; the rest are problems.
	if inv == nil || len(inv.Hooks) != 20 {
		t.Fatalf("inventory %+v, want the 20 listed hooks", inv)
	}
	complete := map[string]bool{}
	for _, h := range inv.Hooks {
		if h.SecretKeys != nil {
			complete[h.ID] = true
		}
	}
	unread := map[string]bool{}
	for _, p := range inv.Problems {
		if strings.Contains(p.Message, "not fetched (id ") && strings.Contains(p.Message, "3s deadline") {
			unread[p.Hook] = true
		}
	}
	for i, h := range hooks {
		stalled := i >= 10
		if stalled && (complete[h.ID] || !unread[h.Name]) {
			t.Errorf("stalled hook %s: read whole %v, reported unread %v; want a problem only", h.Name, complete[h.ID], unread[h.Name])
		}
		if !stalled && !complete[h.ID] {
			t.Errorf("fast hook %s was not kept whole; problems %v", h.Name, inv.Problems)
		}
	}
}

func TestFetchReportsProgress(t *testing.T) {
	srv := emulator.Start(t, emulator.WithHooks(emulator.SyntheticHooks(7)...))
	cfg := Config{BaseURL: srv.URL(), ClientID: srv.ClientID(), ClientSecret: srv.ClientSecret()}
	var calls [][2]int
	cfg.Progress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
	if _, err := Fetch(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 8 || calls[0] != [2]int{0, 7} || calls[7] != [2]int{7, 7} {
		t.Errorf("progress calls = %v, want 0/7 then one per hook up to 7/7", calls)
	}
}
