package mgmtapi

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRedactorText(t *testing.T) {
	r := &redactor{}
	r.add("s3cr3t+Kx9/Qw7zLm2")
	r.add("eyJhbGciOiJSUzI1NiJ9.payload.sig")
	r.add("short")
	r.add("")
	tests := map[string]string{
		"nothing to hide":                               "nothing to hide",
		"bad secret s3cr3t+Kx9/Qw7zLm2!":                "bad secret [REDACTED]!",
		"form client_secret=s3cr3t%2BKx9%2FQw7zLm2&x=1": "form client_secret=[REDACTED]&x=1",
		"a piece: Kx9/Qw7z.":                            "a piece: [REDACTED].",
		"seven: Kx9/Qw7 stays":                          "seven: Kx9/Qw7 stays",
		"token eyJhbGciOiJSUzI1NiJ9.payload.sig and again RSUzI1NiJ9.pay": "token [REDACTED] and again R[REDACTED]",
		"two runs back to back: s3cr3t+Kx9eyJhbGciOiJ":                    "two runs back to back: [REDACTED]",
		"short and shorter": "[REDACTED] and [REDACTED]er",
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, r.text(in)); diff != "" {
			t.Errorf("text(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestRedactorErrorKeepsTheChain(t *testing.T) {
	r := &redactor{}
	r.add("tok_0123456789abcdef")
	ae := &APIError{Method: "GET", Path: "/hooks", StatusCode: 401, Message: "bad tok_0123456789abcdef", kind: ErrUnauthorized}
	err := r.error(errors.Join(errors.New("listing hooks"), ae))
	if !errors.Is(err, ErrUnauthorized) {
		t.Errorf("%v does not match ErrUnauthorized", err)
	}
	if got := ae.Message; got != "bad [REDACTED]" {
		t.Errorf("APIError.Message = %q", got)
	}
	if credentialIn(err.Error(), []string{"tok_0123456789abcdef"}) != "" {
		t.Errorf("error %q holds the token", err)
	}
}
