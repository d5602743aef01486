package mgmtapi

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

// A server's word on how long to wait is clamped: a Retry-After of
// billions of seconds once overflowed the Duration and panicked, a date
// in year 9999 overflowed to no wait at all.
func TestFetchClampsServerWaits(t *testing.T) {
	for name, value := range map[string]string{
		"seconds":   "9300000000",
		"huge":      "99999999999999999999999",
		"year 9999": "Fri, 31 Dec 9999 23:59:59 GMT",
	} {
		t.Run(name, func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
			f.cfg.Deadline = 10 * time.Minute
			f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointList, Status: 429, RetryAfterValue: value})
			inv := f.mustFetch(t)
			if len(inv.Hooks) != 2 {
				t.Fatalf("got %d hooks, want 2", len(inv.Hooks))
			}
			if slept := f.clock.Slept(); slept < maxThrottleWait || slept > 2*maxThrottleWait {
				t.Errorf("slept %s after Retry-After: %s, want the %s cap", slept, value, maxThrottleWait)
			}
		})
	}
}

// A wait the deadline cannot afford fails at once, naming the endpoint.
func TestFetchServerWaitPastDeadline(t *testing.T) {
	for _, e := range []emulator.Endpoint{emulator.EndpointToken, emulator.EndpointList} {
		t.Run(string(e), func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(1)...))
			f.cfg.Deadline = 5 * time.Second
			f.srv.Inject(1, emulator.Fault{Endpoint: e, Status: 503, RetryAfterValue: "9300000000"})
			start := time.Now()
			_, err := f.fetch(t)
			path := "/api/v2/hooks?"
			if e == emulator.EndpointToken {
				path = "/oauth/token"
			}
			wantError(t, err, nil, path, "503", "would pass the deadline")
			if time.Since(start) > time.Second {
				t.Errorf("took %s to give up", time.Since(start))
			}
		})
	}
}

// A server that quotes the client secret and the token in every error
// field: nothing of either reaches the error, a problem or the trace.
func TestFetchRedactsEchoedCredentials(t *testing.T) {
	scenarios := map[string]func(f *tenantFixture){
		"wrong client secret": func(f *tenantFixture) { f.cfg.ClientSecret += "-wrong" },
		"token endpoint refuses": func(f *tenantFixture) {
			f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointToken, Status: 400})
		},
		"token endpoint down": func(f *tenantFixture) {
			f.srv.Inject(100, emulator.Fault{Endpoint: emulator.EndpointToken, Status: 503})
		},
		"rejected ready token": func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", "ready-token-"+randomCredential(t)
		},
		"hook deleted after the list": func(f *tenantFixture) { f.srv.DeleteAfterList("hostile-1") },
		"one hook always fails": func(f *tenantFixture) {
			f.srv.Inject(100, emulator.Fault{Endpoint: emulator.EndpointSecrets, Status: 500})
		},
		"no read:actions": func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", f.srv.IssueToken("read:hooks")
		},
		"hooks turned off":   func(f *tenantFixture) { f.srv.SetHooksMode(emulator.HooksDisabled403) },
		"throttled for ever": func(f *tenantFixture) { f.srv.Throttle(1000, 30*time.Second) },
	}
	for name, setup := range scenarios {
		t.Run(name, func(t *testing.T) {
			f := newTenant(t,
				emulator.WithClient("hostile-client", randomCredential(t)),
				emulator.WithEchoCredentials(),
				emulator.WithHooks(hostileHooks()...),
			)
			var trace strings.Builder
			f.cfg.Trace = &trace
			setup(f)
			inv, err := f.fetch(t)
			said := map[string]string{"trace": trace.String()}
			if err != nil {
				said["error"] = err.Error()
				var ae *APIError
				if errors.As(err, &ae) {
					said["APIError fields"] = ae.Message + " " + ae.ErrorCode
				}
			}
			if inv != nil {
				for _, p := range inv.Problems {
					said["problems"] += p.Error() + "\n"
				}
			}
			if !strings.Contains(said["error"]+said["problems"], redactedText) {
				t.Fatalf("nothing was redacted: the scenario tested nothing; error %q, problems %q", said["error"], said["problems"])
			}
			// The tenant's client secret, which the emulator echoes too, is
			// one the client knows only when it was given it.
			creds := append(f.srv.IssuedTokens(), f.cfg.ClientSecret, f.cfg.Token)
			for where, text := range said {
				if leak := credentialIn(text, creds); leak != "" {
					t.Errorf("%s holds %q of a credential:\n%s", where, leak, text)
				}
			}
		})
	}
}

func hostileHooks() []emulator.Hook {
	hooks := make([]emulator.Hook, 3)
	for i := range hooks {
		id := fmt.Sprintf("hostile-%d", i)
		hooks[i] = emulator.Hook{ID: id, Name: id, TriggerID: "pre-user-registration",
			Script: "module.exports = function (user, context, cb) { cb(); };", Secrets: map[string]string{"K": "v"}}
	}
	return hooks
}

// randomCredential is a secret no test text can contain by chance.
func randomCredential(t *testing.T) string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// credentialIn returns the first piece of 8 characters of a credential
// found in text, or "".
func credentialIn(text string, creds []string) string {
	for _, c := range creds {
		for i := 0; i+8 <= len(c); i++ {
			if strings.Contains(text, c[i:i+8]) {
				return c[i : i+8]
			}
		}
	}
	return ""
}

// A total that under-reports does not end the list: the hooks do.
func TestFetchDoesNotTrustAnUnderReportedTotal(t *testing.T) {
	for _, tc := range []struct {
		hooks, total, pages int
	}{
		{hooks: 120, total: 50, pages: 3},
		{hooks: 120, total: 0, pages: 3},
		{hooks: 100, total: 50, pages: 3}, // two full pages, then an empty one
		{hooks: 100, total: 100, pages: 3},
	} {
		t.Run(fmt.Sprintf("%d hooks, total %d", tc.hooks, tc.total), func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(tc.hooks)...))
			f.srv.SetReportedTotal(tc.total)
			inv := f.mustFetch(t)
			if len(inv.Hooks) != tc.hooks {
				t.Errorf("got %d hooks, want all %d", len(inv.Hooks), tc.hooks)
			}
			if got := f.srv.Requests(emulator.EndpointList); got != tc.pages {
				t.Errorf("%d list requests, want %d", got, tc.pages)
			}
		})
	}
}

// One hook that never answers in time is a problem on that hook; it no
// longer eats the overall deadline and, with it, the hooks already read.
func TestFetchSlowHookIsAProblemOfItsOwn(t *testing.T) {
	hooks := hostileHooks()
	f := newTenant(t, emulator.WithHooks(hooks...))
	f.cfg.Concurrency = 1 // the slow hook first, then the others
	f.cfg.RequestTimeout = 1500 * time.Millisecond
	f.cfg.HookTimeout = 200 * time.Millisecond
	f.cfg.Deadline = 2 * time.Second
	f.srv.Inject(100, emulator.Fault{HookID: hooks[0].ID, Delay: 10 * time.Second})
	inv, err := f.fetch(t)
	wantError(t, err, ErrIncomplete, `1 of 3 ("hostile-0")`)
	if inv == nil || len(inv.Hooks) != 3 {
		t.Fatalf("inventory %+v, want the 3 hooks", inv)
	}
	for _, h := range inv.Hooks[1:] {
		if h.SecretKeys == nil || h.Script == nil {
			t.Errorf("hook %s not read whole: %+v", h.Name, h)
		}
	}
	if len(inv.Problems) != 1 || inv.Problems[0].Hook != "hostile-0" ||
		!strings.Contains(inv.Problems[0].Message, "(id hostile-0)") || !strings.Contains(inv.Problems[0].Message, "200ms each hook may take") {
		t.Errorf("problems %v, want one on hostile-0 naming its id and the hook timeout", inv.Problems)
	}
}

// Hook ids are the server's words too: one that holds the token is
// redacted from the trace, the errors and the problems.
func TestFetchRedactsAHookIDHoldingTheToken(t *testing.T) {
	f := newTenant(t)
	token := f.srv.IssueToken()
	f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", token
	f.srv.AddHook(emulator.Hook{ID: "id-" + token, Name: "echo", TriggerID: "pre-user-registration", Script: "x"})
	f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointSecrets, Status: 400})
	var trace strings.Builder
	f.cfg.Trace = &trace
	inv, err := f.fetch(t)
	wantError(t, err, ErrIncomplete)
	said := trace.String() + err.Error()
	for _, p := range inv.Problems {
		said += p.Error()
	}
	if leak := credentialIn(said, []string{token}); leak != "" || !strings.Contains(trace.String(), "/hooks/id-"+redactedText) {
		t.Errorf("the token's piece %q is in the trace, errors or problems, or the trace was not redacted:\n%s", leak, said)
	}
}

func TestServerWaitIsClamped(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		header, value string
		want          time.Duration
		ok            bool
	}{
		{"Retry-After", "3", 3 * time.Second, true},
		{"Retry-After", "9300000000", maxThrottleWait, true},
		{"Retry-After", "99999999999999999999999", maxThrottleWait, true},
		{"Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT", maxThrottleWait, true},
		{"Retry-After", "Tue, 01 Dec 2026 12:00:05 GMT", 5 * time.Second, true},
		{"Retry-After", "Mon, 30 Nov 2026 12:00:05 GMT", 0, false},
		{"Retry-After", "-5", 0, false},
		{"Retry-After", "soon", 0, false},
		{"X-Ratelimit-Reset", "9223372036854775807", maxThrottleWait, true},
		{"X-Ratelimit-Reset", "99999999999999999999", maxThrottleWait, true},
		{"X-Ratelimit-Reset", "-99999999999999999999", 0, false},
		{"X-Ratelimit-Reset", strconv.FormatInt(now.Unix()+2, 10), 2 * time.Second, true},
	} {
		h := http.Header{}
		h.Set(tc.header, tc.value)
		got, ok := serverWait(h, now, true)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %s = %s, %v; want %s, %v", tc.header, tc.value, got, ok, tc.want, tc.ok)
		}
	}
}
