package mgmtapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// write is one request that sends a JSON body: what the write calls of
// Client need from do, beyond getJSON.
type write struct {
	method string
	path   string
	query  url.Values
	body   any
	// ok lists the success statuses (the OAS ones; some endpoints answer
	// 200 where the spec says 201).
	ok []int
	// replayable: sending the request twice does what sending it once
	// does (a PATCH of the same body). A create is not: after a 5xx or a
	// lost response it may have happened, so only a 429, which says it
	// did not, is retried.
	replayable bool
	// scope is the scope the endpoint requires, for a 403's message.
	scope string
	// secrets are the secret values the body carries: the client's
	// redactor learns them before the request goes, so that an error
	// response echoing the body cannot carry them further.
	secrets []string
}

// sendJSON sends w through the same retries, pacing, trace and deadline as
// the reads, and decodes a success response into v (nil: ignore it).
func (c *client) sendJSON(ctx context.Context, w write, v any) error {
	body, err := json.Marshal(w.body)
	if err != nil {
		return fmt.Errorf("%s %s: encoding the request: %w", w.method, w.path, err)
	}
	for _, v := range w.secrets {
		for _, form := range jsonForms(v) {
			c.redact.add(form)
		}
	}
	u, shown := c.apiURL(w.path, w.query)
	return c.do(ctx, w.method, shown, true, func(actx context.Context) outcome {
		o := c.sendOnce(ctx, actx, w, u.String(), shown, body, v)
		if o.retry && !w.replayable && o.status != http.StatusTooManyRequests {
			o.retry = false
		}
		return o
	})
}

func (c *client) sendOnce(ctx, actx context.Context, w write, rawURL, shown string, body []byte, v any) outcome {
	req, err := http.NewRequestWithContext(actx, w.method, rawURL, bytes.NewReader(body))
	if err != nil {
		return outcome{err: fmt.Errorf("%s %s: %w", w.method, shown, err)}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "hooks2actions")
	resp, err := c.http.Do(req)
	if err != nil {
		return c.transportOutcome(ctx, actx, w.method, shown, err)
	}
	defer resp.Body.Close()
	o := outcome{status: resp.StatusCode, header: resp.Header}
	if !slices.Contains(w.ok, resp.StatusCode) {
		raw, _ := readCapped(resp.Body, min(c.cfg.MaxResponseBytes, maxErrorBody))
		e := newAPIError(w.method, shown, resp.StatusCode, raw)
		if e.auth0Body {
			// Redacted whole, then clipped: a value cut in two by the clip
			// would be harder to find. (Redacting the raw JSON instead
			// could break its syntax and lose the message.)
			var b auth0Error
			_ = json.Unmarshal(raw, &b)
			e.Message, e.ErrorCode = clip(c.redact.text(b.Message)), clip(c.redact.text(b.ErrorCode))
		}
		if e.kind == ErrForbidden {
			e.explain = fmt.Sprintf("access denied (403): the token needs the %s scope", w.scope)
		}
		o.err = e
		o.retry = retryableStatus(resp.StatusCode)
		return o
	}
	if v == nil {
		return o
	}
	o.err, o.retry = c.decodeWritten(ctx, actx, resp, w.method, shown, v)
	return o
}

// decodeWritten reads a write's success body. A body cut short is a
// transport failure; a body of the wrong shape is not worth repeating the
// write for.
func (c *client) decodeWritten(ctx, actx context.Context, resp *http.Response, method, shown string, v any) (error, bool) {
	body, err := readCapped(resp.Body, c.cfg.MaxResponseBytes)
	switch {
	case errors.Is(err, ErrResponseTooLarge):
		return fmt.Errorf("%s %s: the response is larger than the %d-byte cap", method, shown, c.cfg.MaxResponseBytes), false
	case err != nil:
		o := c.transportOutcome(ctx, actx, method, shown, err)
		return o.err, o.retry
	}
	if err := json.Unmarshal(body, v); err != nil {
		// The error's text may quote the body: leave it out.
		return fmt.Errorf("%s %s: the response is not the JSON expected (%d bytes)", method, shown, len(body)), false
	}
	return nil, false
}

// jsonForms is v, and v as the inside of a JSON string, escaped the Go way
// (<, > and & as \u003c...) and the JavaScript way (as they are): the ways
// an error body echoing a request can carry it.
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
