package emulator

import "time"

// Fault is how the emulator answers instead of (or on top of) the normal
// response.
type Fault struct {
	// Endpoint limits the fault to one endpoint; "" means any of the
	// /api/v2 endpoints (the hooks endpoints and the Action trigger list).
	Endpoint Endpoint
	// HookID limits the fault to the requests about one hook (GET
	// /hooks/{id} and its secrets); "" means any.
	HookID string
	// Status answers with this status and Auth0's error body (429, 5xx).
	Status int
	// ResetIn, for a 429, sets x-ratelimit-reset to now+ResetIn, rounded
	// up to the second as Auth0 sends epoch seconds.
	ResetIn time.Duration
	// RetryAfter also sends Retry-After, in seconds, with a 429 or 503.
	RetryAfter bool
	// RetryAfterValue sends this Retry-After verbatim with a 429 or 503,
	// whatever RetryAfter says: what a lying or broken server sends
	// ("9300000000", an HTTP date in year 9999).
	RetryAfterValue string
	// Truncate sends a 200 response whose JSON is cut in half.
	Truncate bool
	// Delay holds the response this long first.
	Delay time.Duration
	// EchoBody puts the request body in the error's message, as some
	// validation errors quote what they reject: a client must not pass
	// it on.
	EchoBody bool
}

func (f Fault) concerns(e Endpoint, hookID string) bool {
	if f.HookID != "" && f.HookID != hookID {
		return false
	}
	if f.Endpoint == "" {
		return isAPI(e)
	}
	return f.Endpoint == e
}

type queuedFault struct {
	Fault
	left int
}

// Inject applies f to the next n requests it concerns.
func (s *Server) Inject(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, queuedFault{Fault: f, left: n})
}

// Throttle answers the next n API requests with 429 and a reset resetIn
// from now.
func (s *Server) Throttle(n int, resetIn time.Duration) {
	s.Inject(n, Fault{Status: 429, ResetIn: resetIn})
}

// Fail answers the next n API requests with status.
func (s *Server) Fail(n, status int) { s.Inject(n, Fault{Status: status}) }

// Truncate cuts the next n successful API responses in half.
func (s *Server) Truncate(n int) { s.Inject(n, Fault{Truncate: true}) }

// Delay holds the next n API responses for d.
func (s *Server) Delay(n int, d time.Duration) { s.Inject(n, Fault{Delay: d}) }

// takeFault pops the first queued fault that concerns e (and the hook
// hookID, "" for the requests about no hook). Called with s.mu
// held.
func (s *Server) takeFault(e Endpoint, hookID string) (Fault, bool) {
	for i := range s.faults {
		q := &s.faults[i]
		if !q.concerns(e, hookID) {
			continue
		}
		f := q.Fault
		if q.left--; q.left <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f, true
	}
	return Fault{}, false
}

// SetLatency holds every later response for d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// HooksMode is how a tenant without Hooks answers.
type HooksMode int

const (
	// HooksOn: Hooks work.
	HooksOn HooksMode = iota
	// HooksDeprecated403: every hooks endpoint answers 403 "Insufficient
	// privileges to use this deprecated feature".
	HooksDeprecated403
	// HooksDisabled403: 403 "This endpoint is disabled for your tenant."
	HooksDisabled403
	// HooksNotFound404: the list answers 404.
	HooksNotFound404
	// HooksNotImplemented501: the list answers 501.
	HooksNotImplemented501
	// HooksReadOnly: hooks can be read, but PATCH /hooks/{id} answers
	// 403 "Insufficient privileges to use this deprecated feature".
	HooksReadOnly
)

// SetHooksMode turns Hooks off (or on again).
func (s *Server) SetHooksMode(m HooksMode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mode = m
}

// Endless makes the list never end.
type Endless int

const (
	// EndlessOff: the list pages through the hooks.
	EndlessOff Endless = iota
	// EndlessGrowingTotal: every page is full of new ids, and the total
	// is always two pages ahead.
	EndlessGrowingTotal
	// EndlessNoTotal: every page is full of new ids, with no total.
	EndlessNoTotal
)

// SetEndless makes the list never end (or end again).
func (s *Server) SetEndless(e Endless) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endless = e
}

// SetRateLimit replaces the token bucket; burst 0 removes it.
func (s *Server) SetRateLimit(burst int, perSecond float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bucket = nil
	if burst > 0 {
		s.bucket = newBucket(burst, perSecond, s.now())
	}
}

// SetReportedTotal makes the hook list's total say n whatever the number
// of hooks (a lying or stale server), or the truth again when n < 0.
func (s *Server) SetReportedTotal(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reportedTotal = n
}

// WithReportedTotal starts the server lying about the list's total
// (SetReportedTotal).
func WithReportedTotal(n int) Option {
	return func(s *Server) { s.reportedTotal = n }
}
