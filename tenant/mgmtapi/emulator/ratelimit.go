package emulator

import (
	"net/http"
	"strconv"
	"time"
)

// nominalLimit is what the headers report when no rate limit is enforced:
// a bucket that never empties (Enterprise production burst size).
const nominalLimit = 50

// bucket is Auth0's rate-limit algorithm: a token bucket of burst
// requests, refilled continuously at rate per second.
type bucket struct {
	burst  float64
	rate   float64
	tokens float64
	last   time.Time
}

func newBucket(burst int, perSecond float64, now time.Time) *bucket {
	return &bucket{burst: float64(burst), rate: perSecond, tokens: float64(burst), last: now}
}

// rateState is what the x-ratelimit-* headers say.
type rateState struct {
	limit     int
	remaining int
	// reset is when the next request is added to the bucket.
	reset time.Time
}

// take removes one request from the bucket if it holds one.
func (b *bucket) take(now time.Time) (bool, rateState) {
	if dt := now.Sub(b.last).Seconds(); dt > 0 {
		b.tokens = min(b.burst, b.tokens+dt*b.rate)
		b.last = now
	}
	ok := b.tokens >= 1
	if ok {
		b.tokens--
	}
	st := rateState{limit: int(b.burst), remaining: int(b.tokens)}
	toNext := float64(st.remaining+1) - b.tokens
	st.reset = now.Add(time.Duration(toNext / b.rate * float64(time.Second)))
	return ok, st
}

// apiRate consumes one request of the bucket, if there is one. Called with
// s.mu held.
func (s *Server) apiRate(now time.Time) (bool, rateState) {
	if s.bucket == nil {
		return true, nominalRate(now)
	}
	return s.bucket.take(now)
}

func nominalRate(now time.Time) rateState {
	return rateState{limit: nominalLimit, remaining: nominalLimit - 1, reset: now}
}

// setRateHeaders writes the headers Auth0 sends. The reset is absolute
// epoch seconds, rounded up: a client that waits until then finds the
// request added.
func setRateHeaders(h http.Header, st rateState) {
	reset := st.reset.Unix()
	if st.reset.Nanosecond() > 0 {
		reset++
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(st.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(st.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset, 10))
}
