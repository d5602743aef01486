package mgmtapi

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// tracer writes one line per HTTP attempt for --verbose. It knows only
// what do passes it: never a header value other than the rate-limit
// counters, never a body, so neither the token nor the client secret (which
// travels in the token request's body) can reach it.
type tracer struct {
	mu sync.Mutex
	w  io.Writer
	// redact: the paths hold hook ids, which the server chose.
	redact *redactor
}

func (t *tracer) attempt(method, path string, o outcome, attempt int, wait time.Duration, authorized bool) {
	if t.w == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "mgmtapi: %s %s ", method, path)
	if o.status == 0 {
		b.WriteString("no-response")
	} else {
		fmt.Fprintf(&b, "%d", o.status)
	}
	fmt.Fprintf(&b, " %s attempt=%d wait=%s", o.took.Round(time.Millisecond), attempt, wait.Round(time.Millisecond))
	if authorized {
		b.WriteString(" authorization=REDACTED")
	}
	if limit, remaining, ok := rateHeaders(o.header); ok {
		fmt.Fprintf(&b, " ratelimit=%d/%d", remaining, limit)
	}
	b.WriteByte('\n')
	t.mu.Lock()
	defer t.mu.Unlock()
	// A trace that cannot be written must not fail the fetch.
	_, _ = io.WriteString(t.w, t.redact.text(b.String()))
}
