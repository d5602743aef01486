package verify

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// What the harness (harness.js) recorded of one side.
type errorRecord struct {
	IsError     bool    `json:"isError"`
	Name        string  `json:"name"`
	Message     string  `json:"message"`
	UserMessage *string `json:"userMessage"`
	Value       string  `json:"value"`
}

// text is what an error says: an Error's message, or the thrown value.
func (e *errorRecord) text() string {
	if e.IsError {
		return e.Message
	}
	return e.Value
}

type hookRecord struct {
	Called   bool            `json:"called"`
	Err      *errorRecord    `json:"err"`
	Result   json.RawMessage `json:"result"`
	Thrown   *errorRecord    `json:"thrown"`
	Rejected *errorRecord    `json:"rejected"`
	// Storage are the values written to context.webtask.storage, as JSON.
	Storage []string `json:"storage"`
}

type apiCall struct {
	Call string            `json:"call"`
	Args []json.RawMessage `json:"args"`
}

type actionRecord struct {
	API     []apiCall    `json:"api"`
	Settled string       `json:"settled"`
	Error   *errorRecord `json:"error"`
}

// effects is what one side did in one run, normalised so that the hook's
// way and the Action's way of doing the same thing compare equal.
type effects struct {
	outcome outcome
	// claims, userMetadata and appMetadata map a key to its value as
	// canonical JSON; scope is the token's final scope, sorted. They count
	// only when the execution succeeded.
	claims       map[string]string
	scope        []string
	userMetadata map[string]string
	appMetadata  map[string]string
	calls        []string
	// unhandled are the promise rejections nothing handled: Node 22 (the
	// Actions runtime, and the hooks' last) ends the process on them.
	unhandled []string
	// stored are the writes to the hook's webtask storage, which an Action
	// does not have.
	stored []string
}

type outcomeKind string

const (
	outcomeSuccess    outcomeKind = "success"
	outcomeDenied     outcomeKind = "denied"
	outcomeError      outcomeKind = "error"
	outcomeUnfinished outcomeKind = "unfinished"
)

// outcome is how the execution ended. For a denial, code (credentials
// exchange), reason and user message are what the caller and the logs see.
type outcome struct {
	kind                  outcomeKind
	code, reason, userMsg string
	hasUserMsg            bool
	message               string
}

func (o outcome) String() string {
	switch o.kind {
	case outcomeSuccess:
		return "succeeded"
	case outcomeDenied:
		var parts []string
		if o.code != "" {
			parts = append(parts, "code "+strconv.Quote(o.code))
		}
		parts = append(parts, "reason "+strconv.Quote(o.reason))
		if o.hasUserMsg {
			parts = append(parts, "user message "+strconv.Quote(o.userMsg))
		}
		return "denied (" + strings.Join(parts, ", ") + ")"
	case outcomeError:
		return "failed with " + strconv.Quote(o.message)
	}
	return "never finished"
}

// endOnRejection ends a run that never finished but left a promise
// rejection unhandled on that rejection: Node 22, the hooks' last runtime
// and the Actions', ends the process on one, which fails the execution
// (an older runtime's hook waited for its timeout, a failure too). A hook
// whose request rejected in a .then without .catch failed, as its draft
// that awaits the chain does.
func (e *effects) endOnRejection() {
	if e.outcome.kind == outcomeUnfinished && len(e.unhandled) > 0 {
		e.outcome = outcome{kind: outcomeError, message: e.unhandled[0]}
		e.unhandled = e.unhandled[1:]
	}
}

// hookEffects reads the hook's record: the first callback call, else what
// it threw, else it never finished.
func hookEffects(triggerID string, rec hookRecord, in sample) effects {
	e := effects{stored: rec.Storage}
	switch {
	case rec.Called && rec.Err != nil:
		e.outcome = hookError(triggerID, rec.Err)
	case rec.Called:
		e.outcome = outcome{kind: outcomeSuccess}
	case rec.Thrown != nil:
		e.outcome = outcome{kind: outcomeError, message: rec.Thrown.text()}
	case rec.Rejected != nil:
		e.outcome = outcome{kind: outcomeError, message: rec.Rejected.text()}
	default:
		e.outcome = outcome{kind: outcomeUnfinished}
	}
	if e.outcome.kind != outcomeSuccess {
		return e
	}
	var result map[string]json.RawMessage
	_ = json.Unmarshal(rec.Result, &result)
	switch triggerID {
	case "credentials-exchange":
		// Only scope and namespaced properties become claims (§4.5).
		e.claims = map[string]string{}
		for k, v := range result {
			if strings.HasPrefix(k, "http://") || strings.HasPrefix(k, "https://") {
				e.claims[k] = canonicalJSON(string(v))
			}
		}
		e.scope = in.Scope
		var scope []string
		if raw, ok := result["scope"]; ok && json.Unmarshal(raw, &scope) == nil {
			e.scope = scope
		}
		e.scope = sortedUnique(e.scope)
	case "pre-user-registration":
		// Metadata comes from the callback's response only (§4.5), added
		// to what the sign-up carried.
		var user map[string]json.RawMessage
		_ = json.Unmarshal(result["user"], &user)
		e.userMetadata = mergeJSON(in.UserMetadata, user["user_metadata"])
		e.appMetadata = mergeJSON(nil, user["app_metadata"])
	}
	return e
}

// hookError maps what the hook passed to its callback as an error onto the
// trigger's outcome (§4.3, §4.5).
func hookError(triggerID string, err *errorRecord) outcome {
	switch triggerID {
	case "credentials-exchange":
		code := "server_error"
		switch err.Name {
		case "InvalidScopeError":
			code = "invalid_scope"
		case "InvalidRequestError":
			code = "invalid_request"
		}
		return outcome{kind: outcomeDenied, code: code, reason: err.text()}
	case "pre-user-registration":
		o := outcome{kind: outcomeDenied, reason: err.text()}
		if err.Name == "PreUserRegistrationError" && err.UserMessage != nil {
			o.userMsg, o.hasUserMsg = *err.UserMessage, true
		}
		return o
	}
	// Post-* and send-phone-message: an error fails the execution.
	return outcome{kind: outcomeError, message: err.text()}
}

// actionEffects reads the Action's record: a denial wins over how the
// handler settled, as the platform stops the flow at api.access.deny.
func actionEffects(triggerID string, rec actionRecord, in sample) effects {
	e := effects{}
	switch rec.Settled {
	case "resolved":
		e.outcome = outcome{kind: outcomeSuccess}
	case "rejected":
		e.outcome = outcome{kind: outcomeError, message: rec.Error.text()}
	default:
		e.outcome = outcome{kind: outcomeUnfinished}
	}
	claims := map[string]string{}
	scope := in.Scope
	userMeta, appMeta := mergeJSON(in.UserMetadata, nil), map[string]string{}
	for _, c := range rec.API {
		args := make([]string, 4)
		for i, a := range c.Args {
			if i < len(args) {
				args[i] = string(a)
			}
		}
		switch c.Call {
		case "access.deny", "validation.error":
			if e.outcome.kind == outcomeDenied {
				continue
			}
			e.outcome = actionDenial(triggerID, c.Args)
		case "accessToken.setCustomClaim":
			setValue(claims, args[0], args[1])
		case "transaction.setTargetScopes":
			scope = nil
			_ = json.Unmarshal([]byte(args[0]), &scope)
		case "transaction.addTargetScope":
			scope = append(append([]string(nil), scope...), jsonString(args[0]))
		case "user.setUserMetadata":
			setValue(userMeta, args[0], args[1])
		case "user.setAppMetadata":
			setValue(appMeta, args[0], args[1])
		}
	}
	if e.outcome.kind != outcomeSuccess {
		return e
	}
	switch triggerID {
	case "credentials-exchange":
		e.claims, e.scope = claims, sortedUnique(scope)
	case "pre-user-registration":
		e.userMetadata, e.appMetadata = userMeta, appMeta
	}
	return e
}

// undefinedArg is how the harness records an undefined argument.
const undefinedArg = `{"$undefined":true}`

// setValue records an api call setting key to value; undefined sets nothing.
func setValue(m map[string]string, key, value string) {
	if value == undefinedArg || value == "" {
		return
	}
	m[jsonString(key)] = canonicalJSON(value)
}

func actionDenial(triggerID string, args []json.RawMessage) outcome {
	arg := func(i int) (string, bool) {
		if i >= len(args) || string(args[i]) == "null" || string(args[i]) == undefinedArg {
			return "", false
		}
		return jsonString(string(args[i])), true
	}
	o := outcome{kind: outcomeDenied}
	if triggerID == "credentials-exchange" {
		o.code, _ = arg(0)
		o.reason, _ = arg(1)
		return o
	}
	o.reason, _ = arg(0)
	o.userMsg, o.hasUserMsg = arg(1)
	return o
}

// jsonString is a JSON string's value, or the JSON text of anything else.
func jsonString(raw string) string {
	var s string
	if json.Unmarshal([]byte(raw), &s) == nil {
		return s
	}
	return raw
}

// mergeJSON is base with the top-level keys of a JSON object set over it,
// every value as canonical JSON.
func mergeJSON(base map[string]any, over json.RawMessage) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		b, _ := json.Marshal(v)
		out[k] = string(b)
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(over, &m) == nil {
		for k, v := range m {
			out[k] = canonicalJSON(string(v))
		}
	}
	return out
}

func sortedUnique(list []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// firstDifference compares two sides' effects and describes the first
// difference, in a fixed order: outcome, claims, scope, metadata, calls.
// ok is false when they did the same.
func firstDifference(hook, action effects) (h, a string, ok bool) {
	if hook.outcome != action.outcome {
		return hook.outcome.String(), action.outcome.String(), true
	}
	if h, a, ok := mapDifference("custom claim", hook.claims, action.claims); ok {
		return h, a, true
	}
	if strings.Join(hook.scope, " ") != strings.Join(action.scope, " ") {
		return "left the scope " + scopeText(hook.scope), "left the scope " + scopeText(action.scope), true
	}
	if h, a, ok := mapDifference("user_metadata", hook.userMetadata, action.userMetadata); ok {
		return h, a, true
	}
	if h, a, ok := mapDifference("app_metadata", hook.appMetadata, action.appMetadata); ok {
		return h, a, true
	}
	for i := 0; i < max(len(hook.calls), len(action.calls)); i++ {
		sent := fmt.Sprintf("sent request %d: ", i+1)
		none := fmt.Sprintf("sent no request %d", i+1)
		switch {
		case i >= len(action.calls):
			return sent + hook.calls[i], none, true
		case i >= len(hook.calls):
			return none, sent + action.calls[i], true
		case hook.calls[i] != action.calls[i]:
			return sent + hook.calls[i], sent + action.calls[i], true
		}
	}
	// Only a hook has webtask storage: whatever it kept there, the Action
	// could not.
	if len(hook.stored) > len(action.stored) {
		return "wrote " + canonicalJSON(hook.stored[0]) + " to its webtask storage", "has no webtask storage to write to", true
	}
	if h, a := strings.Join(hook.unhandled, "; "), strings.Join(action.unhandled, "; "); h != a {
		return rejectionText(h), rejectionText(a), true
	}
	return "", "", false
}

func rejectionText(messages string) string {
	if messages == "" {
		return "left no promise rejection unhandled"
	}
	return "left a promise rejection unhandled (" + strconv.Quote(messages) + "), which ends a Node 22 process"
}

func scopeText(scope []string) string {
	if len(scope) == 0 {
		return "empty"
	}
	return strconv.Quote(strings.Join(scope, " "))
}

func mapDifference(what string, hook, action map[string]string) (h, a string, ok bool) {
	keys := map[string]bool{}
	for k := range hook {
		keys[k] = true
	}
	for k := range action {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		hv, hok := hook[k]
		av, aok := action[k]
		if hok == aok && hv == av {
			continue
		}
		return setText(what, k, hv, hok), setText(what, k, av, aok), true
	}
	return "", "", false
}

func setText(what, key, value string, ok bool) string {
	if !ok {
		return "did not set " + what + " " + strconv.Quote(key)
	}
	return "set " + what + " " + strconv.Quote(key) + " = " + value
}
