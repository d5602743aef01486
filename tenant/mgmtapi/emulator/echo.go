package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// SetEchoCredentials makes every error response quote the credentials:
// the client secret (the one the token request sent, else the tenant's)
// and the bearer token, whole and in part, in every text field of the
// error body (error, message, errorCode, error_description). No real
// server should, but a broken one or a debugging proxy may: it tests that
// a client never passes on what a server says unfiltered.
func (s *Server) SetEchoCredentials(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echo = on
}

// WithEchoCredentials starts the server echoing (SetEchoCredentials).
func WithEchoCredentials() Option {
	return func(s *Server) { s.echo = true }
}

// IssuedTokens lists every access token the server has made or accepted,
// for tests that look for them where they must not be.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	toks := make([]string, 0, len(s.tokens))
	for tok := range s.tokens {
		toks = append(toks, tok)
	}
	return toks
}

// echoCredentials rewrites an error reply to quote the request's
// credentials, when the server echoes.
func (s *Server) echoCredentials(r *http.Request, rep reply) reply {
	s.mu.Lock()
	on, secret := s.echo, s.clientSecret
	s.mu.Unlock()
	if !on || rep.status < 400 {
		return rep
	}
	if r.Method == http.MethodPost && r.PostForm == nil {
		r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
		_ = r.ParseForm() // an unreadable form echoes the tenant's secret
	}
	if sent := r.PostForm.Get("client_secret"); sent != "" {
		secret = sent
	}
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	echo := fmt.Sprintf(" [client_secret=%s token=%s; again: %s, %s]", secret, token, part(secret), part(token))
	switch b := rep.body.(type) {
	case auth0Error:
		b.Error += echo
		b.Message += echo
		b.ErrorCode += echo
		rep.body = b
	case oauthError:
		b.Error += echo
		b.Description += echo
		rep.body = b
	}
	return rep
}

// part is a middle piece of a credential: a server that cuts what it
// quotes still leaks.
func part(cred string) string {
	if len(cred) < 12 {
		return cred
	}
	return cred[3 : len(cred)-3]
}
