package mgmtapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Sentinels for errors.Is. ErrConfig is a usage error (the command exits
// 2); every other failure is a runtime one (exit 3).
var (
	// ErrConfig: the Config or the credentials file is unusable; no
	// request was made.
	ErrConfig = errors.New("invalid Management API configuration")
	// ErrUnauthorized: the token or the client credentials were rejected
	// (401). Retrying cannot help.
	ErrUnauthorized = errors.New("credentials rejected")
	// ErrForbidden: the token lacks the read:hooks scope, or the
	// application is not authorized for the Management API (403).
	ErrForbidden = errors.New("permission denied")
	// ErrHooksDisabled: the tenant has Hooks turned off (403 "deprecated
	// feature" or "disabled for your tenant", or 404/501 on the list).
	ErrHooksDisabled = errors.New("hooks are turned off for this tenant")
	// ErrResponseTooLarge: a response body passed Config.MaxResponseBytes.
	ErrResponseTooLarge = errors.New("response too large")
	// ErrIncomplete: Fetch returned an inventory all the same, but some
	// hooks in it could not be read whole (a failure or timeout of their
	// own, or the deadline); each has a problem naming it and its id.
	ErrIncomplete = errors.New("some hooks could not be read whole")
)

// kindError is a message that matches a sentinel without repeating its text.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// APIError is an HTTP response other than the one asked for. It holds the
// method, the path and the fields of Auth0's error body, never a header or
// the raw body.
type APIError struct {
	Method string
	// Path is the request's path and query.
	Path       string
	StatusCode int
	// Message and ErrorCode come from Auth0's error body
	// {"statusCode","error","message","errorCode"} (or the token
	// endpoint's {"error","error_description"}); "" when absent.
	Message   string
	ErrorCode string

	// auth0Body says the body was Auth0's error JSON, which tells a
	// tenant's 404 from a wrong --api-url.
	auth0Body bool
	// explain replaces the status text with what the status means here.
	explain string
	kind    error
}

func (e *APIError) Unwrap() error { return e.kind }

func (e *APIError) Error() string {
	if e.kind == ErrHooksDisabled {
		return fmt.Sprintf("Hooks are turned off for this tenant (%s %s: %d%s): there is nothing to fetch; if you saved a snapshot before, analyze that",
			e.Method, e.Path, e.StatusCode, e.detail())
	}
	what := e.explain
	if what == "" {
		what = fmt.Sprintf("%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	}
	return fmt.Sprintf("%s %s: %s%s", e.Method, e.Path, what, e.detail())
}

func (e *APIError) detail() string {
	switch {
	case e.Message != "" && e.ErrorCode != "":
		return fmt.Sprintf(" (Auth0 says %q, errorCode %q)", e.Message, e.ErrorCode)
	case e.Message != "":
		return fmt.Sprintf(" (Auth0 says %q)", e.Message)
	case e.ErrorCode != "":
		return fmt.Sprintf(" (errorCode %q)", e.ErrorCode)
	}
	return ""
}

// auth0Error is the Management API's error body.
type auth0Error struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode"`
}

// newAPIError classifies a Management API error response.
func newAPIError(method, path string, status int, body []byte) *APIError {
	e := &APIError{Method: method, Path: path, StatusCode: status}
	var b auth0Error
	if json.Unmarshal(body, &b) == nil && (b.StatusCode != 0 || b.Message != "" || b.Error != "") {
		e.auth0Body = true
		e.Message, e.ErrorCode = clip(b.Message), clip(b.ErrorCode)
	}
	switch {
	case status >= 300 && status < 400:
		e.explain = fmt.Sprintf("redirected (%d), which the Management API never does: check the tenant domain or --api-url", status)
	case status == http.StatusUnauthorized:
		e.kind = ErrUnauthorized
		e.explain = "the token was rejected (401): check " + EnvToken + " or the client credentials"
	case status == http.StatusForbidden && isDisabledMessage(e.Message):
		e.kind = ErrHooksDisabled
	case status == http.StatusForbidden:
		e.kind = ErrForbidden
		e.explain = "access denied (403): the token needs the read:hooks scope; grant it to the application under APIs > Auth0 Management API > Machine to Machine Applications"
	}
	return e
}

// isDisabledMessage recognizes the two documented 403 texts of a tenant
// without Hooks: "Insufficient privileges to use this deprecated feature"
// and "This endpoint is disabled for your tenant."
func isDisabledMessage(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "deprecated feature") || strings.Contains(m, "disabled for your tenant")
}

// clip keeps server-supplied text short enough for one line.
func clip(s string) string {
	const max = 300
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
