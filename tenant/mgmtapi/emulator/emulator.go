// Package emulator is an HTTP server that speaks the documented Auth0
// Management API for Hooks: the client-credentials token endpoint, the
// hook list, a hook, and a hook's secrets (masked, as the real API masks
// them), a hook's update, and the Action trigger list; and for Actions:
// create, get, list, update, deploy (after a build delay) and the trigger
// bindings (actions.go). It sends the x-ratelimit-* headers on every response, can enforce
// a token-bucket rate limit, and can be told to misbehave (429 storms, 5xx
// bursts, latency, truncated bodies, endless paging, Hooks turned off, any
// Retry-After, a total that lies, error bodies that echo the credentials)
// to test a client against what a real tenant does on a bad day.
//
// Everything is served under a random path prefix, so a client that builds
// an absolute URL on its own instead of from URL() gets a loud 404.
package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http/httptest"
	"slices"
	"sort"
	"sync"
	"time"
)

// Hook is a hook as seeded into the emulator, secrets with their values.
// The JSON form is the seed file format of cmd/auth0-emulator.
type Hook struct {
	ID           string            `json:"id"`
	Name         string            `json:"name"`
	TriggerID    string            `json:"triggerId"`
	Enabled      bool              `json:"enabled"`
	Script       string            `json:"script"`
	Dependencies map[string]string `json:"dependencies,omitempty"`
	Secrets      map[string]string `json:"secrets,omitempty"`
}

// TB is the part of testing.TB that Start needs.
type TB interface {
	Helper()
	Cleanup(func())
}

// Server is one emulated tenant. Its methods are safe for concurrent use,
// including while requests are served.
type Server struct {
	prefix       string
	clientID     string
	clientSecret string
	domain       string
	scopes       []string
	now          func() time.Time
	unmasked     bool
	// triggerVersions overrides the CURRENT version of Action triggers
	// (WithTriggerVersion); set before the server starts, read-only after.
	triggerVersions map[string]string

	ts  *httptest.Server
	url string

	mu      sync.Mutex
	hooks   map[string]Hook
	tokens  map[string][]string // access token → granted scopes
	faults  []queuedFault
	latency time.Duration
	mode    HooksMode
	endless Endless
	echo    bool // error bodies quote the credentials
	// reportedTotal is the list's total when >= 0 (SetReportedTotal).
	reportedTotal int
	hookList      HookList        // WithHookList
	doomed        map[string]bool // deleted once they appear in a list
	bucket        *bucket
	counts        map[Endpoint]int
	statuses      map[int]int
	// throttledUntil is the reset announced by the last injected 429;
	// early counts the API requests that arrived before it.
	throttledUntil time.Time
	early          int
	// acts holds the Actions and trigger bindings (actions.go).
	acts *actionState
}

// Option configures a Server before it starts.
type Option func(*Server)

// WithHooks seeds hooks. A hook without an id gets one.
func WithHooks(hooks ...Hook) Option {
	return func(s *Server) {
		for _, h := range hooks {
			s.putHook(h)
		}
	}
}

// WithClient sets the client credentials the token endpoint accepts
// (default: client id "emulator-client" and a random secret). An empty
// secret keeps the random one: no request may get a token with none.
func WithClient(id, secret string) Option {
	return func(s *Server) {
		s.clientID = id
		if secret != "" {
			s.clientSecret = secret
		}
	}
}

// WithDomain makes the token endpoint expect the audience
// https://{domain}/api/v2/ instead of URL()+"/api/v2/".
func WithDomain(domain string) Option {
	return func(s *Server) { s.domain = domain }
}

// defaultScopes are the scopes granted to issued tokens unless WithScopes
// or WithoutScopes says otherwise: what the hooks endpoints and the Action
// trigger list need.
var defaultScopes = []string{"read:hooks", "read:actions"}

// WithScopes sets the scopes granted to issued tokens (default read:hooks
// and read:actions).
func WithScopes(scopes ...string) Option {
	return func(s *Server) { s.scopes = scopes }
}

// WithoutScopes withholds scopes from issued tokens: WithoutScopes
// ("read:actions") is an application granted read:hooks only, as the audit
// requires, whose GET /actions/triggers gets a 403.
func WithoutScopes(scopes ...string) Option {
	return func(s *Server) {
		s.scopes = slices.DeleteFunc(slices.Clone(s.scopes), func(sc string) bool { return slices.Contains(scopes, sc) })
	}
}

// WithClock replaces the clock of the rate limiter and the reset headers.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithPrefix replaces the random path prefix; it must start with "/".
func WithPrefix(prefix string) Option {
	return func(s *Server) { s.prefix = prefix }
}

// WithRateLimit enforces a token bucket of burst requests refilled at
// perSecond, shared by all /api/v2 requests as Auth0's tenant limit is.
func WithRateLimit(burst int, perSecond float64) Option {
	return func(s *Server) { s.bucket = newBucket(burst, perSecond, s.now()) }
}

// WithLatency holds every response for d.
func WithLatency(d time.Duration) Option {
	return func(s *Server) { s.latency = d }
}

// WithUnmaskedSecrets makes GET /secrets return the real values, which the
// real API never does: it tests that a client drops them anyway.
func WithUnmaskedSecrets() Option {
	return func(s *Server) { s.unmasked = true }
}

// New returns a Server that is not yet listening.
func New(opts ...Option) *Server {
	s := &Server{
		prefix:        "/emu-" + randomHex(6),
		clientID:      "emulator-client",
		clientSecret:  randomHex(16),
		scopes:        slices.Clone(defaultScopes),
		now:           time.Now,
		hooks:         make(map[string]Hook),
		tokens:        make(map[string][]string),
		doomed:        make(map[string]bool),
		counts:        make(map[Endpoint]int),
		statuses:      make(map[int]int),
		reportedTotal: -1,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Start starts a Server on a loopback port and stops it when the test ends.
func Start(tb TB, opts ...Option) *Server {
	tb.Helper()
	s := New(opts...)
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

// Start listens on a random loopback port.
func (s *Server) Start() {
	s.Serve(newLoopbackListener())
}

// Serve serves on l (cmd/auth0-emulator listens on a chosen port) and
// returns at once.
func (s *Server) Serve(l net.Listener) {
	s.ts = httptest.NewUnstartedServer(s.Handler())
	s.ts.Listener.Close()
	s.ts.Listener = l
	// The URL is set before the first request can be served: handlers read
	// it (Audience), and nothing orders a write after Start with them.
	s.url = "http://" + l.Addr().String() + s.prefix
	s.ts.Start()
}

// newLoopbackListener listens on a random port of 127.0.0.1, as
// httptest.NewServer does.
func newLoopbackListener() net.Listener {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("emulator: listening on a loopback port: %v", err))
	}
	return l
}

// Close stops the server and waits for its requests to end.
func (s *Server) Close() {
	if s.ts != nil {
		s.ts.Close()
	}
}

// URL is the base URL a client is given (as --api-url): scheme, host and
// the path prefix.
func (s *Server) URL() string { return s.url }

// ClientID and ClientSecret are the credentials the token endpoint accepts.
func (s *Server) ClientID() string     { return s.clientID }
func (s *Server) ClientSecret() string { return s.clientSecret }

// Audience is the audience the token endpoint expects.
func (s *Server) Audience() string {
	if s.domain != "" {
		return "https://" + s.domain + "/api/v2/"
	}
	return s.url + "/api/v2/"
}

// IssueToken returns a new access token with the given scopes (default:
// the server's), as if obtained elsewhere: for clients given a ready token.
func (s *Server) IssueToken(scopes ...string) string {
	tok := TokenPrefix + randomHex(24)
	s.AcceptToken(tok, scopes...)
	return tok
}

// TokenPrefix starts every token the emulator makes, so that a test can
// look for one in places it must not be.
const TokenPrefix = "emutok_"

// AcceptToken makes tok a valid access token with the given scopes
// (default: the server's).
func (s *Server) AcceptToken(tok string, scopes ...string) {
	if len(scopes) == 0 {
		scopes = s.scopes
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[tok] = scopes
}

// AddHook adds or replaces a hook.
func (s *Server) AddHook(h Hook) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putHook(h)
}

// DeleteHook removes a hook, as DELETE /hooks/{id} would.
func (s *Server) DeleteHook(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.hooks, id)
}

// DeleteAfterList deletes each hook as soon as a list response has shown
// it: the race of a hook deleted between a client's list and its get.
func (s *Server) DeleteAfterList(ids ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		s.doomed[id] = true
	}
}

func (s *Server) putHook(h Hook) {
	if h.ID == "" {
		h.ID = "01" + randomHex(12)
	}
	s.hooks[h.ID] = h
}

// sortedIDs lists the hook ids in a stable order, for paging. Called with
// s.mu held.
func (s *Server) sortedIDs() []string {
	ids := make([]string, 0, len(s.hooks))
	for id := range s.hooks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// Endpoint names one of the served endpoints, for request counts.
type Endpoint string

const (
	EndpointToken   Endpoint = "POST /oauth/token"
	EndpointList    Endpoint = "GET /api/v2/hooks"
	EndpointHook    Endpoint = "GET /api/v2/hooks/{id}"
	EndpointSecrets Endpoint = "GET /api/v2/hooks/{id}/secrets"
	// EndpointTriggers is the Action trigger list, which needs the
	// read:actions scope.
	EndpointTriggers Endpoint = "GET /api/v2/actions/triggers"
	// EndpointOther is anything else, inside the prefix or not.
	EndpointOther Endpoint = "other"
)

// Requests counts the requests received for e.
func (s *Server) Requests(e Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[e]
}

// APIRequests counts the requests to the /api/v2 endpoints: the hooks
// endpoints, and the Actions ones (the trigger list, the bindings...).
func (s *Server) APIRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for e, c := range s.counts {
		if isAPI(e) {
			n += c
		}
	}
	return n
}

// Responses counts the responses sent with the given status.
func (s *Server) Responses(status int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.statuses[status]
}

// EarlyRequests counts the API requests that arrived before the reset
// time announced by an injected 429: a client that honours the wait keeps
// it at 0 (when it sends one request at a time, so that none is in flight
// when the 429 comes back).
func (s *Server) EarlyRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.early
}

// Reset clears the counters.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = make(map[Endpoint]int)
	s.statuses = make(map[int]int)
	s.early = 0
}

// isAPI tells the /api/v2 endpoints, which share the rate limit and need
// a token.
func isAPI(e Endpoint) bool {
	return e == EndpointList || e == EndpointHook || e == EndpointSecrets || e == EndpointHookUpdate || isActionEndpoint(e)
}
