// Package mgmtapi reads a tenant's hooks from the Auth0 Management API v2:
// the list, then each hook and its secrets' names, then the versions of
// the Action triggers. It is a small client for those documented
// endpoints only (and the token endpoint), careful with the tenant's rate
// limit and with credentials: no token, client secret or secret value
// ever reaches an error, a trace line or the returned inventory.
package mgmtapi

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The environment variables (and credentials-file keys) a Config reads.
const (
	EnvDomain       = "AUTH0_DOMAIN"
	EnvClientID     = "AUTH0_CLIENT_ID"
	EnvClientSecret = "AUTH0_CLIENT_SECRET"
	EnvToken        = "AUTH0_TOKEN"
)

// Defaults for the zero values of Config.
const (
	DefaultConcurrency      = 4
	DefaultRequestTimeout   = 30 * time.Second
	DefaultDeadline         = 5 * time.Minute
	DefaultHookTimeout      = 2 * time.Minute
	DefaultMaxResponseBytes = 8 << 20
)

// maxConcurrency keeps a typo from opening hundreds of connections against
// a tenant-wide rate limit that more workers cannot beat anyway.
const maxConcurrency = 64

// Config says which tenant to read and how. Credentials come from the
// environment or a credentials file, never from command-line flags, which
// other users of the machine can read.
type Config struct {
	// Domain is the tenant domain, e.g. example.eu.auth0.com.
	Domain string
	// BaseURL, when set, replaces https://{Domain}: the token endpoint is
	// BaseURL/oauth/token and the API BaseURL/api/v2/. The audience stays
	// https://{Domain}/api/v2/ when Domain is set, else BaseURL/api/v2/.
	BaseURL string
	// ClientID and ClientSecret are a machine-to-machine application's
	// credentials, exchanged for a token. Use them or Token, not both.
	ClientID     string
	ClientSecret string
	// Token is a ready Management API access token.
	Token string

	// Concurrency is the number of hooks fetched at once (default 4).
	Concurrency int
	// RequestTimeout bounds each HTTP attempt (default 30s).
	RequestTimeout time.Duration
	// Deadline bounds the whole fetch, waits included (default 5m). When
	// it passes, the hooks read so far are kept and the others are
	// problems (Fetch returns ErrIncomplete).
	Deadline time.Duration
	// HookTimeout bounds the reading of one hook, its script and its
	// secrets' names, retries and waits included (default 2m): a hook
	// that takes longer is a problem, and cannot eat the others' time.
	HookTimeout time.Duration
	// MaxResponseBytes caps each response body (default 8 MiB).
	MaxResponseBytes int64

	// Trace, when set, gets one line per HTTP attempt: method, path and
	// query, status, duration, attempt and wait. Never a header value or
	// a body.
	Trace io.Writer
	// Progress, when set, is told how many of the listed hooks have been
	// read, one call at a time (for a progress line on a terminal).
	Progress func(done, total int)
	// HTTPClient is the HTTP client to use (default: a zero
	// http.Client). Redirects are never followed, whatever its
	// CheckRedirect says.
	HTTPClient *http.Client
	// Now and Sleep replace the real clock (for tests). Sleep must return
	// ctx.Err() when ctx ends first.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// ConfigFromEnv reads the AUTH0_* variables through getenv (os.Getenv in
// the command, a map in tests).
func ConfigFromEnv(getenv func(string) string) Config {
	return Config{
		Domain:       strings.TrimSpace(getenv(EnvDomain)),
		ClientID:     strings.TrimSpace(getenv(EnvClientID)),
		ClientSecret: strings.TrimSpace(getenv(EnvClientSecret)),
		Token:        strings.TrimSpace(getenv(EnvToken)),
	}
}

// Validate checks the Config before any request is made. Its errors wrap
// ErrConfig and never contain a credential.
func (c Config) Validate() error {
	if err := c.validateTenant(); err != nil {
		return err
	}
	if err := c.validateCredentials(); err != nil {
		return err
	}
	return c.validateLimits()
}

func (c Config) validateTenant() error {
	if c.Domain == "" && c.BaseURL == "" {
		return configError("no tenant: set %s to the tenant domain (e.g. example.eu.auth0.com), or give --api-url", EnvDomain)
	}
	if c.Domain != "" {
		if err := checkDomain(c.Domain); err != nil {
			return err
		}
	}
	if c.BaseURL != "" {
		if _, err := parseBaseURL(c.BaseURL); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) validateCredentials() error {
	hasClient := c.ClientID != "" || c.ClientSecret != ""
	switch {
	case c.Token != "" && hasClient:
		return configError("both %s and client credentials are set: set either %s, or %s and %s", EnvToken, EnvToken, EnvClientID, EnvClientSecret)
	case c.Token != "":
		return nil
	case c.ClientID == "" && c.ClientSecret == "":
		return configError("no credentials: set %s, or %s and %s (the application needs the read:hooks scope)", EnvToken, EnvClientID, EnvClientSecret)
	case c.ClientID == "":
		return configError("%s is set but %s is not", EnvClientSecret, EnvClientID)
	case c.ClientSecret == "":
		return configError("%s is set but %s is not", EnvClientID, EnvClientSecret)
	}
	return nil
}

func (c Config) validateLimits() error {
	switch {
	case c.Concurrency < 0 || c.Concurrency > maxConcurrency:
		return configError("concurrency %d is out of range (1 to %d)", c.Concurrency, maxConcurrency)
	case c.RequestTimeout < 0:
		return configError("negative request timeout %s", c.RequestTimeout)
	case c.Deadline < 0:
		return configError("negative deadline %s", c.Deadline)
	case c.HookTimeout < 0:
		return configError("negative hook timeout %s", c.HookTimeout)
	case c.MaxResponseBytes < 0:
		return configError("negative response size cap %d", c.MaxResponseBytes)
	}
	return nil
}

// checkDomain accepts a bare host name: a scheme or path here usually means
// the URL was meant for --api-url.
func checkDomain(domain string) error {
	u, err := url.Parse("https://" + domain)
	if err != nil || u.Host != domain || u.User != nil || u.Hostname() == "" {
		return configError("%s must be a host name such as example.eu.auth0.com, not a URL (use --api-url for a URL)", EnvDomain)
	}
	return nil
}

// parseBaseURL accepts https URLs, and http ones only on the loopback
// interface, where a token sent in clear does not leave the machine.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the input, which may hold a password.
		return nil, configError("--api-url is not a valid URL")
	}
	switch {
	case u.User != nil:
		return nil, configError("--api-url must not carry a user name or password: credentials come from %s or %s/%s", EnvToken, EnvClientID, EnvClientSecret)
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, configError("--api-url must start with https:// (got scheme %q)", u.Scheme)
	case u.Host == "":
		return nil, configError("--api-url has no host")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, configError("--api-url must not have a query or fragment")
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return nil, configError("--api-url uses http:// for %s: plain http is accepted only for loopback hosts (127.0.0.1, ::1, localhost), since the token would travel in clear", u.Hostname())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// endpoints are the URLs a validated Config resolves to.
type endpoints struct {
	token    string   // POST here for a client-credentials token
	api      *url.URL // .../api/v2, no trailing slash
	audience string   // the Management API identifier, with its trailing slash
	tenant   string   // for the inventory
}

func (c Config) endpoints() endpoints {
	base := &url.URL{Scheme: "https", Host: c.Domain}
	if c.BaseURL != "" {
		base, _ = parseBaseURL(c.BaseURL) // Validate has accepted it
	}
	api := *base
	api.Path = base.Path + "/api/v2"
	e := endpoints{
		token:    base.String() + "/oauth/token",
		api:      &api,
		audience: api.String() + "/",
		tenant:   c.Domain,
	}
	if c.Domain != "" {
		e.audience = "https://" + c.Domain + "/api/v2/"
	} else {
		e.tenant = base.Host
	}
	return e
}

// withDefaults fills the zero values.
func (c Config) withDefaults() Config {
	if c.Concurrency == 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.Deadline == 0 {
		c.Deadline = DefaultDeadline
	}
	if c.HookTimeout == 0 {
		c.HookTimeout = DefaultHookTimeout
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = SleepContext
	}
	return c
}

// SleepContext waits for d or until ctx ends, and then returns ctx's
// error: the default Config.Sleep, and apply's wait between polls.
func SleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func configError(format string, args ...any) error {
	return &kindError{msg: fmt.Sprintf(format, args...), kind: ErrConfig}
}
