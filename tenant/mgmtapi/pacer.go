package mgmtapi

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The Management API's rate limit is a token bucket per tenant: a burst
// (x-ratelimit-limit) refilled at a sustained rate that no header states.
// x-ratelimit-reset only says, in whole seconds, when the next request will
// be added. Waiting for it every time the bucket runs dry wastes up to a
// second of refill at each wait, so the pacer measures the refill rate
// from the remaining counts and spaces requests to match it once the
// bucket runs low. Measuring takes time: while the rate is unknown, the
// second half of the burst is spread over probeSpan rather than spent at
// once.
const (
	// windowSize samples, about 2.5s at 100 requests per second, smooth
	// the estimate over the out-of-order arrival of concurrent responses.
	windowSize = 256
	// minWindow is the shortest span the rate is estimated from.
	minWindow = 100 * time.Millisecond
	// probeSpan is how long the last half of the burst lasts while the
	// rate is unknown: a few times minWindow, a fraction of a reset.
	probeSpan = 300 * time.Millisecond
)

type sample struct {
	at        time.Time
	granted   int64
	remaining int
}

// pacer is the rate limiter all workers of one Fetch share.
type pacer struct {
	now   func() time.Time
	sleep func(context.Context, time.Duration) error

	mu sync.Mutex
	// holdUntil: no request starts before it (after a 429, or an empty
	// bucket before the refill rate is known).
	holdUntil time.Time
	// next is the next free slot while pacing.
	next   time.Time
	pacing bool
	// rate is the estimated refill in requests per second; 0 = unknown.
	rate float64
	// remaining is the bucket's level in the last response.
	remaining int
	// granted counts the responses that took a request from the bucket.
	granted int64
	// samples since the bucket was last seen full.
	samples []sample
}

func newPacer(now func() time.Time, sleep func(context.Context, time.Duration) error) *pacer {
	return &pacer{now: now, sleep: sleep, samples: make([]sample, 0, windowSize)}
}

// wait blocks until this request may start, and says how long it waited.
func (p *pacer) wait(ctx context.Context) (time.Duration, error) {
	var total time.Duration
	reserved := false
	for {
		d := p.delay(&reserved)
		if d <= 0 {
			return total, nil
		}
		if err := pause(ctx, p.sleep, d); err != nil {
			return total, fmt.Errorf("rate limited: %w", err)
		}
		total += d
	}
}

// delay reserves a paced slot once per request, then reports how long
// until both the slot and any hold have passed.
func (p *pacer) delay(reserved *bool) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	at := p.holdUntil
	if !*reserved && p.pacing {
		slot := later(later(now, p.next), p.holdUntil)
		p.next = slot.Add(p.interval())
		*reserved = true
		at = slot
	}
	return at.Sub(now)
}

// interval sends slightly slower than the refill, and slower still when
// the bucket is nearly empty, so that an overestimated rate ends in a
// slowly draining bucket rather than in 429s.
func (p *pacer) interval() time.Duration {
	if p.rate == 0 {
		return probeSpan / time.Duration(p.remaining+1)
	}
	f := 0.95
	switch p.remaining {
	case 0:
		f = 0.6
	case 1:
		f = 0.85
	}
	return time.Duration(float64(time.Second) / (p.rate * f))
}

// hold stops every worker for d: the bucket is shared by the tenant.
func (p *pacer) hold(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.holdUntil = later(p.holdUntil, p.now().Add(d))
}

// observe learns from a response's rate-limit headers.
func (p *pacer) observe(status int, h http.Header) {
	limit, remaining, ok := rateHeaders(h)
	if !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if status != http.StatusTooManyRequests {
		p.granted++
	}
	p.remaining = remaining
	p.estimate(now, limit, remaining)
	low := max(1, limit/4)
	if p.rate == 0 {
		low = max(1, limit/2) // probe with the second half of the burst
	}
	switch {
	case remaining <= low:
		p.pacing = true
	case remaining > limit/2:
		p.pacing = false // let the refilled burst go
	}
	if p.rate == 0 && remaining == 0 {
		// Nothing known about the refill, nothing left: wait for the reset.
		if at, ok := resetTime(h); ok {
			p.holdUntil = later(p.holdUntil, earlier(at, now.Add(maxThrottleWait)))
		}
	}
}

// estimate updates the refill rate: what was granted plus the rise of
// the remaining count, over the time between two samples.
func (p *pacer) estimate(now time.Time, limit, remaining int) {
	if remaining >= limit-1 {
		// A full bucket discards its refill: older samples undercount.
		p.samples = p.samples[:0]
	}
	if len(p.samples) == windowSize {
		p.samples = append(p.samples[:0], p.samples[1:]...)
	}
	p.samples = append(p.samples, sample{at: now, granted: p.granted, remaining: remaining})
	first := p.samples[0]
	span := now.Sub(first.at)
	if span < minWindow {
		return
	}
	added := float64(p.granted-first.granted) + float64(remaining-first.remaining)
	if added > 0 {
		p.rate = added / span.Seconds()
	}
}

// rateHeaders reads x-ratelimit-limit and x-ratelimit-remaining, which
// only endpoints with a rate-limit policy send.
func rateHeaders(h http.Header) (limit, remaining int, ok bool) {
	limit, err1 := strconv.Atoi(h.Get("X-Ratelimit-Limit"))
	remaining, err2 := strconv.Atoi(h.Get("X-Ratelimit-Remaining"))
	if err1 != nil || err2 != nil || limit <= 0 || remaining < 0 {
		return 0, 0, false
	}
	return limit, remaining, true
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
