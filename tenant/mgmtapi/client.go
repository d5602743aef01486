package mgmtapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// Client makes the reads and writes of the apply command: Actions, trigger
// bindings, and a hook's enabled flag. It holds no plan: callers say what to
// write. Every request goes through the shared machinery (token, pacing,
// retries, trace), and a request that carries secret values gets a
// Redactor for them.
type Client struct {
	c *client
	// scopes are the token's granted scopes; nil when the token does not
	// say (an opaque token, or a token response without scope).
	scopes []string
}

// Dial validates cfg and gets a token. Config.Deadline does not apply:
// ctx bounds the client's life.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := newClient(cfg)
	if err := c.fetchToken(ctx); err != nil {
		return nil, fmt.Errorf("getting a Management API token: %w", err)
	}
	cl := &Client{c: c}
	switch {
	case c.grantedScope != "":
		cl.scopes = strings.Fields(c.grantedScope)
	case cfg.Token != "":
		cl.scopes = jwtScopes(cfg.Token)
	}
	return cl, nil
}

// Tenant is the tenant the client talks to: the domain, or the host of
// Config.BaseURL. An apply log records it, so that --undo refuses another.
func (cl *Client) Tenant() string { return cl.c.ep.tenant }

// Redact returns s without the credentials and secret values the client
// has used: for text made of what the client returned.
func (cl *Client) Redact(s string) string { return cl.c.redact.text(s) }

// Scopes returns the token's granted scopes, and false when the token does
// not say which they are.
func (cl *Client) Scopes() ([]string, bool) {
	return cl.scopes, cl.scopes != nil
}

// jwtScopes reads the scope claim (space-separated, as Auth0 issues
// Management API tokens) or the permissions claim (RBAC) of a JWT access
// token, without checking its signature: only the server can, and it will.
// nil when the token is not a JWT or has neither claim.
func jwtScopes(token string) []string {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil
	}
	var claims struct {
		Scope       *string  `json:"scope"`
		Permissions []string `json:"permissions"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return nil
	}
	switch {
	case claims.Scope != nil:
		return append([]string{}, strings.Fields(*claims.Scope)...)
	case claims.Permissions != nil:
		return claims.Permissions
	}
	return nil
}
