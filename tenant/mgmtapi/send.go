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
	// redact holds the secret values the body carries, which an error
	// response echoing the body must not carry further.
	redact *Redactor
}

// sendJSON sends w through the same retries, pacing, trace and deadline as
// the reads, and decodes a success response into v (nil: ignore it).
func (c *client) sendJSON(ctx context.Context, w write, v any) error {
	body, err := json.Marshal(w.body)
	if err != nil {
		return fmt.Errorf("%s %s: encoding the request: %w", w.method, w.path, err)
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
		e := newAPIError(w.method, shown, resp.StatusCode, w.redact.Bytes(raw))
		if e.auth0Body {
			// Redact the whole texts before they are clipped: a value cut
			// at the clip would no longer be found.
			var b auth0Error
			_ = json.Unmarshal(raw, &b)
			e.Message, e.ErrorCode = clip(w.redact.String(b.Message)), clip(w.redact.String(b.ErrorCode))
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
