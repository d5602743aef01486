package emulator

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"
)

// reply is a response before it is written: status 0 means "not decided
// yet, let the endpoint answer".
type reply struct {
	status     int
	body       any
	retryAfter string // "" = no Retry-After
}

// auth0Error is the Management API's error body.
type auth0Error struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode,omitempty"`
}

func errorReply(status int, message, errorCode string) reply {
	return reply{status: status, body: auth0Error{
		StatusCode: status, Error: http.StatusText(status), Message: message, ErrorCode: errorCode,
	}}
}

// oauthError is the Authentication API's error body.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// Handler serves the emulated API under the server's prefix.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", s.endpoint(EndpointToken, s.token))
	mux.HandleFunc("GET /api/v2/hooks", s.endpoint(EndpointList, s.list))
	mux.HandleFunc("GET /api/v2/hooks/{id}", s.endpoint(EndpointHook, s.getHook))
	mux.HandleFunc("GET /api/v2/hooks/{id}/secrets", s.endpoint(EndpointSecrets, s.getSecrets))
	mux.HandleFunc("GET /api/v2/actions/triggers", s.endpoint(EndpointTriggers, s.triggers))
	s.handleActions(mux)
	mux.HandleFunc("/", s.endpoint(EndpointOther, s.unknownRoute))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, s.prefix)
		if !ok || !strings.HasPrefix(rest, "/") {
			s.outsidePrefix(w, r)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path, r2.URL.RawPath = rest, ""
		mux.ServeHTTP(w, r2)
	})
}

// outsidePrefix answers in plain text, not Auth0's JSON, so that a client
// cannot take a wrong URL for a tenant without Hooks.
func (s *Server) outsidePrefix(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.counts[EndpointOther]++
	s.statuses[http.StatusNotFound]++
	now := s.now()
	s.mu.Unlock()
	setRateHeaders(w.Header(), nominalRate(now))
	http.Error(w, fmt.Sprintf("emulator: %s is outside %s: build URLs from the base URL", r.URL.Path, s.prefix), http.StatusNotFound)
}

// endpoint wraps an endpoint with what every request goes through:
// counting, faults, the rate limit, latency, authorization.
func (s *Server) endpoint(e Endpoint, answer func(*http.Request) reply) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, delay, st, rep := s.admit(e, r)
		if !sleepCtx(r, delay) {
			return // the client has gone
		}
		if rep.status == 0 {
			rep = answer(r)
		} else if f.EchoBody {
			rep = echoBody(r, rep)
		}
		s.respond(w, st, f, s.echoCredentials(r, rep))
	}
}

// admit decides everything that does not depend on the endpoint.
func (s *Server) admit(e Endpoint, r *http.Request) (Fault, time.Duration, rateState, reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[e]++
	now := s.now()
	if isAPI(e) && now.Before(s.throttledUntil) {
		s.early++
	}
	f, _ := s.takeFault(e, r.PathValue("id"))
	delay := s.latency + f.Delay
	if f.Status == http.StatusTooManyRequests {
		return f, delay, s.throttle(now, f), s.tooMany(f)
	}
	ok, st := true, nominalRate(now)
	if isAPI(e) {
		ok, st = s.apiRate(now)
	}
	switch {
	case !ok:
		return f, delay, st, s.tooMany(Fault{})
	case f.Status != 0:
		rep := errorReply(f.Status, http.StatusText(f.Status), "")
		if f.RetryAfter {
			rep.retryAfter = fmt.Sprint(max(1, int(f.ResetIn.Seconds())))
		}
		if f.RetryAfterValue != "" {
			rep.retryAfter = f.RetryAfterValue
		}
		return f, delay, st, rep
	case isAPI(e):
		return f, delay, st, s.authorize(r, e)
	}
	return f, delay, st, reply{}
}

// throttle records an injected 429's reset. Called with s.mu held.
func (s *Server) throttle(now time.Time, f Fault) rateState {
	st := rateState{limit: nominalLimit, reset: now.Add(f.ResetIn)}
	if s.bucket != nil {
		st.limit = int(s.bucket.burst)
	}
	announced := st.reset.Truncate(time.Second)
	if announced.Before(st.reset) {
		announced = announced.Add(time.Second)
	}
	if announced.After(s.throttledUntil) {
		s.throttledUntil = announced
	}
	return st
}

func (s *Server) tooMany(f Fault) reply {
	rep := errorReply(http.StatusTooManyRequests, "Global limit has been reached", "too_many_requests")
	if f.RetryAfter {
		rep.retryAfter = fmt.Sprint(max(1, int((f.ResetIn+time.Second-1)/time.Second)))
	}
	if f.RetryAfterValue != "" {
		rep.retryAfter = f.RetryAfterValue
	}
	return rep
}

// authorize checks the bearer token, its scope, and whether the tenant
// has Hooks (Actions are there either way). Called with s.mu held.
func (s *Server) authorize(r *http.Request, e Endpoint) reply {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return errorReply(http.StatusUnauthorized, "Missing authentication", "")
	}
	scopes, ok := s.tokens[tok]
	if !ok {
		return errorReply(http.StatusUnauthorized, "Invalid token", "")
	}
	need := scopeFor(e)
	if !slices.Contains(scopes, need) {
		return errorReply(http.StatusForbidden, "Insufficient scope, expected any of: "+need, "insufficient_scope")
	}
	switch {
	case isActionEndpoint(e):
		// Actions work whether or not the tenant has Hooks.
	case s.mode == HooksDeprecated403, s.mode == HooksReadOnly && e == EndpointHookUpdate:
		return errorReply(http.StatusForbidden, "Insufficient privileges to use this deprecated feature", "")
	case s.mode == HooksDisabled403:
		return errorReply(http.StatusForbidden, "This endpoint is disabled for your tenant.", "")
	case s.mode == HooksNotFound404 && e == EndpointList:
		return errorReply(http.StatusNotFound, "Not Found", "")
	case s.mode == HooksNotImplemented501 && e == EndpointList:
		return errorReply(http.StatusNotImplemented, "Not Implemented", "")
	}
	return reply{}
}

func sleepCtx(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// respond writes the reply with the rate-limit headers, cutting the body
// in half when the fault says so.
func (s *Server) respond(w http.ResponseWriter, st rateState, f Fault, rep reply) {
	body, err := json.Marshal(rep.body)
	if err != nil {
		rep = errorReply(http.StatusInternalServerError, "emulator: "+err.Error(), "")
		body, _ = json.Marshal(rep.body)
	}
	if f.Truncate && rep.status == http.StatusOK {
		body = body[:len(body)/2]
	}
	h := w.Header()
	setRateHeaders(h, st)
	h.Set("Content-Type", "application/json; charset=utf-8")
	if rep.retryAfter != "" {
		h.Set("Retry-After", rep.retryAfter)
	}
	s.mu.Lock()
	s.statuses[rep.status]++
	s.mu.Unlock()
	w.WriteHeader(rep.status)
	_, _ = w.Write(body)
}

// token is POST /oauth/token, client-credentials grant only, with the body
// form-encoded as Auth0 documents it.
func (s *Server) token(r *http.Request) reply {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		return oauthReply(http.StatusBadRequest, "invalid_request", "the emulator accepts only application/x-www-form-urlencoded bodies")
	}
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return oauthReply(http.StatusBadRequest, "invalid_request", "unreadable form body")
	}
	form := r.PostForm
	if g := form.Get("grant_type"); g != "client_credentials" {
		return oauthReply(http.StatusForbidden, "unsupported_grant_type", fmt.Sprintf("Grant type '%s' not allowed for the client.", g))
	}
	if !equal(form.Get("client_id"), s.clientID) || !equal(form.Get("client_secret"), s.clientSecret) {
		return oauthReply(http.StatusUnauthorized, "access_denied", "Unauthorized")
	}
	switch aud := form.Get("audience"); {
	case aud == "":
		return oauthReply(http.StatusForbidden, "access_denied", "No audience parameter was provided, and no default audience has been configured")
	case aud != s.Audience():
		return oauthReply(http.StatusForbidden, "access_denied", "Service not enabled within domain: "+aud)
	}
	return reply{status: http.StatusOK, body: map[string]any{
		"access_token": s.IssueToken(),
		"expires_in":   86400,
		"scope":        strings.Join(s.scopes, " "),
		"token_type":   "Bearer",
	}}
}

func oauthReply(status int, code, description string) reply {
	return reply{status: status, body: oauthError{Error: code, Description: description}}
}

func (s *Server) unknownRoute(r *http.Request) reply {
	if strings.HasPrefix(r.URL.Path, "/api/v2/hooks") || r.URL.Path == "/api/v2/actions/triggers" || r.URL.Path == "/oauth/token" {
		return errorReply(http.StatusMethodNotAllowed, fmt.Sprintf("the emulator does not serve %s %s", r.Method, r.URL.Path), "")
	}
	return errorReply(http.StatusNotFound, "Not Found", "")
}

func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
