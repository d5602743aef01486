package verify

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"sort"
	"strings"
)

// scenario is how the faked network answers every request of a run.
type scenario int

const (
	scenarioSuccess scenario = iota
	scenarioNotFound
	scenarioNetworkFailure
)

var scenarios = []scenario{scenarioSuccess, scenarioNotFound, scenarioNetworkFailure}

func (s scenario) String() string {
	switch s {
	case scenarioNotFound:
		return "every request answered HTTP 404"
	case scenarioNetworkFailure:
		return "every request failing (connection refused)"
	}
	return "every request answered HTTP 200"
}

// successBody is the JSON every request gets in the success scenario: a
// plain object with the fields services commonly answer with, a token
// endpoint's included (hooks often fetch a token, then call an API).
const successBody = `{"id":"verify-0001","name":"Verify Example","status":"ok","sid":"SM00000000000000000000000000000001",` +
	`"message":"ok","access_token":"verify-access-token","token_type":"Bearer","expires_in":86400}`

// network records the requests the fakes send and answers them from the
// run's scenario. Nothing leaves the process.
type network struct {
	scenario scenario
	calls    []request
}

type request struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
	Body    *string           `json:"body"`
}

type response struct {
	Status     int               `json:"status,omitempty"`
	StatusText string            `json:"statusText,omitempty"`
	Headers    map[string]string `json:"headers,omitempty"`
	Body       string            `json:"body"`
	Error      string            `json:"error,omitempty"`
	Code       string            `json:"code,omitempty"`
}

func (n *network) handle(reqJSON string) string {
	var r request
	if err := json.Unmarshal([]byte(reqJSON), &r); err != nil {
		r = request{Method: "?", URL: "(unreadable request)"}
	}
	n.calls = append(n.calls, r)
	res := response{Status: 200, StatusText: "OK", Headers: map[string]string{"content-type": "application/json"}, Body: successBody}
	switch n.scenario {
	case scenarioNotFound:
		res = response{Status: 404, StatusText: "Not Found", Headers: map[string]string{"content-type": "application/json"},
			Body: `{"error":"not_found","message":"Not Found"}`}
	case scenarioNetworkFailure:
		host := r.URL
		if u, err := url.Parse(r.URL); err == nil && u.Host != "" {
			host = u.Host
		}
		res = response{Error: "connect ECONNREFUSED " + host, Code: "ECONNREFUSED"}
	}
	out, _ := json.Marshal(res)
	return string(out)
}

// secretSet maps each secret's placeholder to its key.
type secretSet map[string]string

// carried lists the keys whose placeholders a request holds, in its URL,
// headers (Basic credentials decoded) or body, plain or URL-encoded.
func (s secretSet) carried(r request) []string {
	var texts []string
	texts = append(texts, r.URL)
	for _, v := range r.Headers {
		texts = append(texts, v)
		if enc, ok := strings.CutPrefix(v, "Basic "); ok {
			if dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(enc)); err == nil {
				texts = append(texts, string(dec))
			}
		}
	}
	if r.Body != nil {
		texts = append(texts, *r.Body)
	}
	all := strings.Join(texts, "\n")
	var keys []string
	for placeholder, key := range s {
		if strings.Contains(all, placeholder) || strings.Contains(all, url.QueryEscape(placeholder)) ||
			strings.Contains(all, url.PathEscape(placeholder)) {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	return keys
}

// describeCall is one request as compared and shown: method, URL, the
// secrets it carried, and its body (JSON in a canonical form).
func (s secretSet) describeCall(r request) string {
	var b strings.Builder
	b.WriteString(r.Method + " " + r.URL)
	if keys := s.carried(r); len(keys) > 0 {
		b.WriteString(" carrying " + strings.Join(keys, ", "))
	}
	if r.Body != nil && *r.Body != "" {
		b.WriteString(" with body " + canonicalJSON(*r.Body))
	}
	return b.String()
}

// canonicalJSON re-encodes JSON text with sorted keys; other text is kept.
func canonicalJSON(text string) string {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return text
	}
	out, err := json.Marshal(v)
	if err != nil {
		return text
	}
	return string(out)
}
