package mgmtapi

import (
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
			wantError(t, err, nil, path, "503", "would pass the overall deadline")
			if time.Since(start) > time.Second {
				t.Errorf("took %s to give up", time.Since(start))
			}
		})
	}
}
