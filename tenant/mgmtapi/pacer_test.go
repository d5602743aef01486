package mgmtapi

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

func TestPacerHoldStopsEveryWorker(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(clock.Now, clock.Sleep)
	start := clock.Now()
	p.hold(2 * time.Second)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := p.wait(context.Background()); err != nil {
				t.Error(err)
			}
			if at := clock.Now(); at.Sub(start) < 2*time.Second {
				t.Errorf("a worker went %s after the hold began, before its end", at.Sub(start))
			}
		})
	}
	wg.Wait()
}

func TestPacerWaitsForResetWhileRateUnknown(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(clock.Now, clock.Sleep)
	reset := clock.Now().Add(1500 * time.Millisecond).Truncate(time.Second).Add(time.Second)
	p.observe(200, rateHeader(10, 0, reset))
	waited, err := p.wait(context.Background())
	if err != nil || !clock.Now().Equal(reset) {
		t.Errorf("waited %s (err %v) until %s, want until the reset %s", waited, err, clock.Now(), reset)
	}
}

func TestPacerRefusesWaitsPastTheDeadline(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(clock.Now, clock.Sleep)
	p.hold(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := p.wait(ctx); err == nil {
		t.Fatal("waited a minute inside a one-second deadline")
	}
	if clock.Slept() != 0 {
		t.Errorf("slept %s before giving up", clock.Slept())
	}
}

// TestFetchPacesToTheRefillRate runs against a token bucket on the fake
// clock, one request at a time, so that fake time is the time the client
// chose to wait: it must come close to the bucket's own lower bound.
func TestFetchPacesToTheRefillRate(t *testing.T) {
	const (
		burst     = 5
		perSecond = 20.0
	)
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(150)...), emulator.WithRateLimit(burst, perSecond))
	f.cfg.Concurrency = 1
	start := f.clock.Now()
	inv := f.mustFetch(t)
	if len(inv.Hooks) != 150 || len(inv.Problems) != 0 {
		t.Fatalf("got %d hooks, problems %v", len(inv.Hooks), inv.Problems)
	}
	requests := f.srv.APIRequests() - f.srv.Responses(429)
	bound := time.Duration(float64(requests-burst) / perSecond * float64(time.Second))
	took := f.clock.Now().Sub(start)
	t.Logf("%d requests in %s of fake time, bound %s (%.2fx), %d 429s", requests, took, bound, float64(took)/float64(bound), f.srv.Responses(429))
	if took > bound*12/10 {
		t.Errorf("took %s, more than 1.2 times the rate limit's bound %s", took, bound)
	}
	if n := f.srv.Responses(429); n > 3 {
		t.Errorf("%d 429s: the pacer should keep below the limit", n)
	}
}

func rateHeader(limit, remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	return h
}
