package mgmtapi

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// Redacted replaces a secret value wherever a Redactor finds one.
const Redacted = "[REDACTED]"

// Redactor blanks out the secret values a request carries from what the
// server answers: an error body may echo the request ("... on property
// secrets[0].value: 'abc'"), and that text would otherwise reach an error
// message. It looks for each value as it is and as it appears inside a JSON
// string (escaped), the two ways an echo can carry it. A nil Redactor
// redacts nothing.
type Redactor struct {
	// forms holds every searched form, longest first, so that a value
	// that contains another is replaced whole.
	forms []string
}

// NewRedactor returns a Redactor of the given values; empty ones are
// ignored, since they cannot be told from the absence of text.
func NewRedactor(values ...string) *Redactor {
	r := &Redactor{}
	seen := map[string]bool{}
	for _, v := range values {
		for _, f := range jsonForms(v) {
			if f != "" && !seen[f] {
				seen[f] = true
				r.forms = append(r.forms, f)
			}
		}
	}
	slices.SortFunc(r.forms, func(a, b string) int { return len(b) - len(a) })
	return r
}

// jsonForms is v, and v as the inside of a JSON string, escaped the Go way
// (<, > and & as \u003c...) and the JavaScript way (as they are).
func jsonForms(v string) []string {
	forms := []string{v}
	for _, escapeHTML := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		_ = enc.Encode(v) // a string always encodes
		quoted := strings.TrimSuffix(b.String(), "\n")
		forms = append(forms, quoted[1:len(quoted)-1])
	}
	return forms
}

// String returns s with every value replaced by Redacted.
func (r *Redactor) String(s string) string {
	if r == nil {
		return s
	}
	for _, f := range r.forms {
		s = strings.ReplaceAll(s, f, Redacted)
	}
	return s
}

// Bytes is String for a body.
func (r *Redactor) Bytes(b []byte) []byte {
	if r == nil {
		return b
	}
	for _, f := range r.forms {
		b = bytes.ReplaceAll(b, []byte(f), []byte(Redacted))
	}
	return b
}
