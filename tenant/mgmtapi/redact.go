package mgmtapi

import (
	"errors"
	"net/url"
	"strings"
	"sync"
)

// minRedactedRun is the shortest piece of a credential that is redacted
// wherever it appears. Eight characters of a random secret or token are
// too many to occur by chance in an error message, and enough to narrow a
// brute-force search: a server that quotes half a token leaks it too.
const minRedactedRun = 8

// redactedText replaces each run of credential characters.
const redactedText = "[REDACTED]"

// redactor removes the credentials in use (the client secret, the access
// token) from whatever a server says before it reaches an error, a
// problem or a trace: a misconfigured proxy or a broken server may echo
// the token or the token request's body in error_description, message or
// any other field. Credentials are added as they become known; it is safe
// for concurrent use.
type redactor struct {
	mu    sync.RWMutex
	creds []string
}

// add makes cred, and its URL-encoded form (the token request's body
// carries the secret that way), redacted from now on. Empty strings are
// ignored.
func (r *redactor) add(cred string) {
	if cred == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.creds = append(r.creds, cred)
	if q := url.QueryEscape(cred); q != cred {
		r.creds = append(r.creds, q)
	}
}

// text returns s with every run of at least minRedactedRun characters
// taken from a credential (and every whole credential shorter than that)
// replaced by [REDACTED].
func (r *redactor) text(s string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var hidden []bool
	for _, cred := range r.creds {
		hidden = markCredential(s, cred, hidden)
	}
	if hidden == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if !hidden[i] {
			b.WriteByte(s[i])
			continue
		}
		b.WriteString(redactedText)
		for i+1 < len(s) && hidden[i+1] {
			i++
		}
	}
	return b.String()
}

// markCredential marks in hidden (allocated on the first match) the bytes
// of s covered by a piece of cred. Every run of n >= minRedactedRun bytes
// taken from cred is a chain of overlapping windows of minRedactedRun
// bytes of cred, so marking each window's occurrences marks the whole run.
func markCredential(s, cred string, hidden []bool) []bool {
	window := min(minRedactedRun, len(cred))
	for i := 0; i+window <= len(cred); i++ {
		piece := cred[i : i+window]
		for from := 0; ; {
			at := strings.Index(s[from:], piece)
			if at < 0 {
				break
			}
			if hidden == nil {
				hidden = make([]bool, len(s))
			}
			for j := from + at; j < from+at+window; j++ {
				hidden[j] = true
			}
			from += at + 1
		}
	}
	return hidden
}

// error returns err with the same chain (errors.Is and errors.As see
// through it) and its text redacted. The fields of an APIError in the
// chain, which callers read, are redacted in place.
func (r *redactor) error(err error) error {
	if err == nil {
		return nil
	}
	var ae *APIError
	if errors.As(err, &ae) {
		ae.Message, ae.ErrorCode = r.text(ae.Message), r.text(ae.ErrorCode)
	}
	msg := r.text(err.Error())
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, err: err}
}

// redactedError is an error whose text had a credential in it.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
