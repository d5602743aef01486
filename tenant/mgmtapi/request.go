package mgmtapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Retry policy. Eight attempts with a 10s cap ride out a minute of
// trouble. A 429 is the server saying when to come back rather than
// trouble, so 429s have their own, larger allowance; the overall deadline
// bounds both.
const (
	maxAttempts     = 8
	maxThrottled    = 50
	backoffBase     = 250 * time.Millisecond
	backoffCap      = 10 * time.Second
	maxThrottleWait = 60 * time.Second
	// maxErrorBody is enough for any Auth0 error JSON.
	maxErrorBody = 64 << 10
)

// client holds what every request of one Fetch shares.
type client struct {
	cfg   Config
	ep    endpoints
	http  *http.Client
	token string
	pacer *pacer
	trace *tracer
	// redact knows the credentials in use; every error a request ends
	// with passes through it (see do).
	redact *redactor
	// progressMu keeps Progress calls one at a time, in order.
	progressMu sync.Mutex
	hooksRead  int

	// grantedScope is the client-credentials response's scope ("" when
	// it said none, or for Config.Token).
	grantedScope string
}

func newClient(cfg Config) *client {
	cfg = cfg.withDefaults()
	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	// The API never redirects: a redirect means a wrong URL, and following
	// it could carry the token somewhere else.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	redact := &redactor{}
	c := &client{
		cfg:    cfg,
		ep:     cfg.endpoints(),
		http:   &hc,
		pacer:  newPacer(cfg.Now, cfg.Sleep),
		trace:  &tracer{w: cfg.Trace, redact: redact},
		redact: redact,
	}
	c.redact.add(cfg.ClientSecret)
	c.redact.add(cfg.Token)
	return c
}

// outcome is the result of one HTTP attempt.
type outcome struct {
	status int         // 0 when no response came
	header http.Header // nil when no response came
	err    error       // nil on success
	retry  bool        // another attempt may succeed
	took   time.Duration
}

// do runs try until it succeeds, fails for good, or the attempts or the
// deadline run out. Paced requests go through the shared rate limiter;
// the token request does not, since the Authentication API has its own.
//
// Every request of the client, whatever its endpoint, goes through do,
// and so its error through the redactor: whatever the server said in it
// (a message, an error code, an error_description) cannot carry the
// client secret or the token to the caller.
func (c *client) do(ctx context.Context, method, path string, paced bool, try func(context.Context) outcome) error {
	return c.redact.error(c.retry(ctx, method, path, paced, try))
}

func (c *client) retry(ctx context.Context, method, path string, paced bool, try func(context.Context) outcome) error {
	var wait time.Duration
	var last error
	failed, throttled := 0, 0
	for attempt := 1; ; attempt++ {
		if paced {
			w, err := c.pacer.wait(ctx)
			wait += w
			if err != nil {
				return waitError(method, path, last, err)
			}
		}
		o := c.attempt(ctx, try, paced)
		c.trace.attempt(method, path, o, attempt, wait, paced)
		if o.err == nil || !o.retry {
			return o.err
		}
		last = o.err
		if o.status == http.StatusTooManyRequests {
			throttled++
		} else {
			failed++
		}
		if failed == maxAttempts || throttled == maxThrottled {
			return fmt.Errorf("%w (gave up after %d attempts)", o.err, attempt)
		}
		wait = c.retryDelay(attempt, o)
		if paced && o.status == http.StatusTooManyRequests {
			// Every worker shares the tenant's bucket: all of them hold
			// off, and the pacer does the waiting at the top of the loop.
			c.pacer.hold(wait)
			wait = 0
			continue
		}
		if err := pause(ctx, c.cfg.Sleep, wait); err != nil {
			return fmt.Errorf("%w: %w", o.err, err)
		}
	}
}

// attempt makes one try within the per-request timeout, and lets the
// pacer learn from the answer.
func (c *client) attempt(ctx context.Context, try func(context.Context) outcome, paced bool) outcome {
	start := time.Now()
	actx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	o := try(actx)
	o.took = time.Since(start)
	if paced {
		c.pacer.observe(o.status, o.header)
	}
	return o
}

// waitError says why a wait was cut short, after what.
func waitError(method, path string, last, err error) error {
	if last != nil {
		return fmt.Errorf("%w: %w", last, err)
	}
	return fmt.Errorf("%s %s: %w", method, path, err)
}

// retryDelay honours the server's word on a 429 (or a 503 with
// Retry-After), and otherwise backs off exponentially with jitter so that
// workers do not retry in step.
func (c *client) retryDelay(attempt int, o outcome) time.Duration {
	var d time.Duration
	ok := false
	switch o.status {
	case http.StatusTooManyRequests:
		d, ok = serverWait(o.header, c.cfg.Now(), true)
	case http.StatusServiceUnavailable:
		// The rate-limit reset says nothing about an outage.
		d, ok = serverWait(o.header, c.cfg.Now(), false)
	}
	if ok {
		// d is at most maxThrottleWait, so adding the jitter cannot overflow.
		return min(d+jitter(d), maxThrottleWait)
	}
	return backoff(attempt)
}

// backoff is the wait after the given attempt. The shift stops at 2^10:
// the cap is reached well before, and a larger shift would overflow.
func backoff(attempt int) time.Duration {
	d := min(backoffBase<<min(attempt-1, 10), backoffCap)
	return d/2 + rand.N(d/2+1)
}

// jitter spreads the workers that all waited for the same reset second.
func jitter(d time.Duration) time.Duration {
	return rand.N(d/10 + 100*time.Millisecond)
}

// serverWait reads Retry-After (seconds or an HTTP date), else, if
// useReset, x-ratelimit-reset, which Auth0 sends as absolute UNIX seconds.
// It reports false when neither says to wait. Whatever the server says,
// the wait is at most maxThrottleWait: a Retry-After of billions of
// seconds or a date in year 9999 must neither overflow a Duration nor
// stop the run for years (the deadline decides whether even that much
// waiting is possible).
func serverWait(h http.Header, now time.Time, useReset bool) (time.Duration, bool) {
	if ra := strings.TrimSpace(h.Get("Retry-After")); ra != "" {
		secs, err := strconv.ParseUint(ra, 10, 64)
		switch {
		case errors.Is(err, strconv.ErrRange):
			return maxThrottleWait, true
		case err == nil && secs > 0:
			return clampWait(secs, time.Second), true
		}
		if at, err := http.ParseTime(ra); err == nil && at.After(now) {
			return min(at.Sub(now), maxThrottleWait), true
		}
	}
	if at, ok := resetTime(h); useReset && ok && at.After(now) {
		return min(at.Sub(now), maxThrottleWait), true
	}
	return 0, false
}

// clampWait is n units, at most maxThrottleWait, computed without the
// overflow of a plain multiplication.
func clampWait(n uint64, unit time.Duration) time.Duration {
	if n > uint64(maxThrottleWait/unit) {
		return maxThrottleWait
	}
	return time.Duration(n) * unit
}

// maxResetSeconds keeps a reset time far in the future (about year 36800)
// from overflowing time.Unix into the past.
const maxResetSeconds = 1 << 40

func resetTime(h http.Header) (time.Time, bool) {
	secs, err := strconv.ParseInt(h.Get("X-Ratelimit-Reset"), 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(h.Get("X-Ratelimit-Reset"), "-"):
		secs = maxResetSeconds
	case err != nil || secs <= 0:
		return time.Time{}, false
	}
	return time.Unix(min(secs, maxResetSeconds), 0), true
}

// pause sleeps for d unless that would pass ctx's deadline: better to fail
// now with the reason than to wake up after it with a bare timeout.
func pause(ctx context.Context, sleep func(context.Context, time.Duration) error, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return fmt.Errorf("waiting %s more would pass the deadline (%s left)", d.Round(time.Millisecond), time.Until(dl).Round(time.Millisecond))
	}
	if err := sleep(ctx, d); err != nil {
		return context.Cause(ctx)
	}
	return nil
}

// apiURL is path (under /api/v2) with query, and its path and query as
// errors and the trace show them.
func (c *client) apiURL(path string, query url.Values) (u url.URL, shown string) {
	u = *c.ep.api
	u.Path += path
	u.RawQuery = query.Encode()
	return u, u.RequestURI()
}

func (c *client) shownPath(path string, query url.Values) string {
	_, shown := c.apiURL(path, query)
	return shown
}

// getJSON GETs path (under /api/v2) and decodes the 200 response into v.
func (c *client) getJSON(ctx context.Context, path string, query url.Values, v any) error {
	u, shown := c.apiURL(path, query)
	return c.do(ctx, http.MethodGet, shown, true, func(actx context.Context) outcome {
		return c.getOnce(ctx, actx, u.String(), shown, v)
	})
}

func (c *client) getOnce(ctx, actx context.Context, rawURL, shown string, v any) outcome {
	req, err := http.NewRequestWithContext(actx, http.MethodGet, rawURL, nil)
	if err != nil {
		return outcome{err: fmt.Errorf("GET %s: %w", shown, err)}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "hooks2actions")
	resp, err := c.http.Do(req)
	if err != nil {
		return c.transportOutcome(ctx, actx, http.MethodGet, shown, err)
	}
	defer resp.Body.Close()
	o := outcome{status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode != http.StatusOK {
		body, _ := readCapped(resp.Body, min(c.cfg.MaxResponseBytes, maxErrorBody))
		o.err = newAPIError(http.MethodGet, shown, resp.StatusCode, body)
		o.retry = retryableStatus(resp.StatusCode)
		return o
	}
	o.err, o.retry = c.decodeBody(ctx, actx, resp, shown, v)
	return o
}

// decodeBody reads a 200 body within the size cap and decodes it. A body
// cut short (a dropped connection, a proxy) is worth another attempt; a
// body too large or of the wrong shape is not.
func (c *client) decodeBody(ctx, actx context.Context, resp *http.Response, shown string, v any) (error, bool) {
	if resp.ContentLength > c.cfg.MaxResponseBytes {
		return c.tooLarge(shown), false
	}
	body, err := readCapped(resp.Body, c.cfg.MaxResponseBytes)
	switch {
	case errors.Is(err, ErrResponseTooLarge):
		return c.tooLarge(shown), false
	case err != nil:
		o := c.transportOutcome(ctx, actx, http.MethodGet, shown, err)
		return o.err, o.retry
	}
	if err := json.Unmarshal(body, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return fmt.Errorf("GET %s: unexpected response: field %q is a JSON %s, want %s", shown, typeErr.Field, typeErr.Value, typeErr.Type), false
		}
		// The syntax error's text may quote a byte of the body: leave it out.
		return fmt.Errorf("GET %s: the response is not valid JSON (%d bytes; truncated?)", shown, len(body)), true
	}
	return nil, false
}

func (c *client) tooLarge(shown string) error {
	return &kindError{
		kind: ErrResponseTooLarge,
		msg:  fmt.Sprintf("GET %s: the response is larger than the %d-byte cap", shown, c.cfg.MaxResponseBytes),
	}
}

// transportOutcome describes a request that got no (whole) response. The
// url.Error wrapper is dropped: it repeats the URL.
func (c *client) transportOutcome(ctx, actx context.Context, method, shown string, err error) outcome {
	switch {
	case ctx.Err() != nil:
		return outcome{err: fmt.Errorf("%s %s: %w", method, shown, context.Cause(ctx))}
	case actx.Err() != nil:
		return outcome{err: fmt.Errorf("%s %s: no response within %s", method, shown, c.cfg.RequestTimeout), retry: true}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return outcome{err: fmt.Errorf("%s %s: %w", method, shown, err), retry: true}
}

// retryableStatus: throttling and server trouble pass; 501 Not
// Implemented does not.
func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusRequestTimeout,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

func readCapped(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return b[:max], ErrResponseTooLarge
	}
	return b, nil
}
