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
		if dec, ok := basicCredentials(v); ok {
			texts = append(texts, dec)
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

// basicCredentials decodes the "user:password" of a Basic authorization
// header value.
func basicCredentials(value string) (string, bool) {
	enc, ok := strings.CutPrefix(value, "Basic ")
	if !ok {
		return "", false
	}
	dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(enc))
	return string(dec), err == nil
}

// describeCall is one request as compared and shown: method, URL, the
// secrets it carried, and its body (JSON documents in it in a canonical
// form).
func (s secretSet) describeCall(r request) string {
	var b strings.Builder
	b.WriteString(r.Method + " " + r.URL)
	if keys := s.carried(r); len(keys) > 0 {
		b.WriteString(" carrying " + strings.Join(keys, ", "))
	}
	if headers := s.headerText(r.Headers); headers != "" {
		b.WriteString(" with headers " + headers)
	}
	if r.Body != nil && *r.Body != "" {
		b.WriteString(" with body " + canonicalBody(*r.Body))
	}
	return b.String()
}

// transportHeaders are set by the modules, not by the code, or follow from
// the body: they are not compared.
var transportHeaders = map[string]bool{
	"content-type": true, "content-length": true, "accept": true, "accept-encoding": true,
	"user-agent": true, "host": true, "connection": true,
}

// headerText lists the headers the code set, sorted, Basic credentials
// decoded and each secret placeholder shown by its key: a token taken from
// an earlier answer or a tenant header must reach the service as the hook
// sent it.
func (s secretSet) headerText(headers map[string]string) string {
	var out []string
	for name, value := range headers {
		if transportHeaders[name] {
			continue
		}
		if dec, ok := basicCredentials(value); ok {
			value = "Basic (decoded) " + dec
		}
		for placeholder, key := range s {
			value = strings.ReplaceAll(value, placeholder, "<"+key+">")
		}
		out = append(out, name+": "+value)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// canonicalBody puts every JSON document a body holds in a canonical form:
// the body itself, a JSON string inside it (a field holding
// JSON.stringify(x)), or a form field's value. The order of an object's
// keys is not behaviour the verifier can judge: the platform documents the
// fields of a hook's objects, not the order it serialised them in, so a
// draft that rebuilds one in another order must not differ for that alone.
func canonicalBody(text string) string {
	if form, ok := canonicalForm(text); ok {
		return form
	}
	return canonicalJSON(text)
}

// canonicalJSON re-encodes JSON text with sorted keys, the JSON documents
// held in its strings too; other text is kept.
func canonicalJSON(text string) string {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return text
	}
	out, err := json.Marshal(canonicalValue(v))
	if err != nil {
		return text
	}
	return string(out)
}

// jsonDocument is canonicalJSON for a JSON object or array only: a string
// such as "12" or "true" stays text.
func jsonDocument(text string) (string, bool) {
	trimmed := strings.TrimSpace(text)
	if trimmed == "" || (trimmed[0] != '{' && trimmed[0] != '[') || !json.Valid([]byte(trimmed)) {
		return text, false
	}
	return canonicalJSON(trimmed), true
}

func canonicalValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = canonicalValue(e)
		}
	case []any:
		for i, e := range x {
			x[i] = canonicalValue(e)
		}
	case string:
		if doc, ok := jsonDocument(x); ok {
			return doc
		}
	}
	return v
}

// canonicalForm rewrites the values of a URL-encoded form that hold JSON
// documents, keeping the fields, their order and every other value as
// sent; ok is false when the text is not a form or holds no JSON.
func canonicalForm(text string) (string, bool) {
	if strings.ContainsAny(text, " \n{[") {
		return text, false
	}
	pairs := strings.Split(text, "&")
	changed := false
	for i, pair := range pairs {
		key, value, found := strings.Cut(pair, "=")
		if !found {
			continue
		}
		plain, err := url.QueryUnescape(value)
		if err != nil {
			return text, false
		}
		if doc, ok := jsonDocument(plain); ok {
			pairs[i], changed = key+"="+url.QueryEscape(doc), true
		}
	}
	return strings.Join(pairs, "&"), changed
}
