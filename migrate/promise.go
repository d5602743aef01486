package migrate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hooks2actions/hooks2actions/analyzer"
)

// A hook that passes its callback on as a value (.catch(cb),
// request(opts, callback), helper(x, cb), async.waterfall([...], cb)) or
// calls it from a function that runs after callback-style work finished
// cannot be rewritten call by call: nobody can say statically when, or
// with what, the callback runs. The draft then keeps the callback as a
// function of the same name, defined inside a promise that the handler
// returns (and the Action's runtime awaits): calling it does what the
// hook's runtime did with the call — deny, set metadata or claims, fail —
// and settles the promise. The hook's own code stays as written.

// callbackIndex is the position of the callback among the hook's
// parameters.
func (dr *drafter) callbackIndex() int { return len(dr.t.HookParams) - 1 }

// needsPromise says whether the callback is used in a way the rewrite of
// each call cannot follow: passed on, called after callback-style work, or
// called where the hook's code goes on after it.
func needsPromise(refs []analyzer.ParamRef) bool {
	for _, r := range refs {
		c := r.Call
		if c == nil || len(r.Chain) > 0 {
			return true
		}
		if c.Nested && !c.Returned && c.Chain == (analyzer.Span{}) {
			return true
		}
		if c.Continues {
			// The hook went on after calling back: a return in the
			// call's place would skip what followed.
			return true
		}
	}
	return false
}

// promiseOpen and promiseClose wrap the handler's body: the callback
// settles the promise the handler returns.
func (dr *drafter) promiseOpen(indent string) string {
	name := dr.d.Params[dr.callbackIndex()].Name
	resolve, reject := dr.fresh("resolve"), dr.fresh("reject")
	dr.promiseReject = reject
	executor := "(" + resolve + ", " + reject + ") => {\n"
	if dr.d.Export.Async {
		// An async executor's exceptions would not reject the promise: the
		// try in promiseClose passes them on.
		executor = "async " + executor
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%sreturn new Promise(%s", indent, executor)
	inner := indent + "  "
	fmt.Fprintf(&b, "%s// The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.\n", inner)
	answered := ""
	if dr.t.ID == "credentials-exchange" || dr.t.ID == "pre-user-registration" {
		// A settled promise ignores a second resolve, but not the api
		// calls made before it: the adapter keeps the first answer alone.
		answered = dr.fresh("answered")
		fmt.Fprintf(&b, "%slet %s = false;\n", inner, answered)
	} else {
		fmt.Fprintf(&b, "%s%s%s\n", inner, NotePrefix, failsFaithfully)
	}
	fmt.Fprintf(&b, "%sconst %s = %s;\n", inner, name, dr.callbackAdapter(inner, resolve, reject, answered))
	if dr.d.Export.Async {
		b.WriteString(inner + "try {\n")
	}
	return b.String()
}

func (dr *drafter) promiseClose(indent string) string {
	var b strings.Builder
	if dr.d.Export.Async {
		err := dr.fresh("error")
		fmt.Fprintf(&b, "%s  } catch (%s) {\n%s    %s(%s);\n%s  }\n", indent, err, indent, dr.promiseReject, err, indent)
	}
	b.WriteString(indent + "});\n")
	return b.String()
}

// callbackAdapter is the function that stands for the hook's callback.
// The hooks runtime took a hook's first answer and ignored the later
// calls, which the adapter of a trigger with api calls does too: answered
// names the flag it sets on its first call.
func (dr *drafter) callbackAdapter(indent, resolve, reject, answered string) string {
	in := indent + "  "
	first := []string{
		"// The hooks runtime kept the first answer and ignored any later call.",
		"if (" + answered + ") return;",
		answered + " = true;",
	}
	switch dr.t.ID {
	case "credentials-exchange":
		body := []string{
			"if (err) {",
			"  api.access.deny(" + dr.denyCode("err") + ", err?.message ?? String(err));",
			"} else {",
			"  // Only namespaced properties of the hook's response became claims; scope kept the token's scopes.",
			"  for (const [claim, value] of Object.entries(accessToken ?? {})) {",
			"    if (/^https?:\\/\\//.test(claim)) api.accessToken.setCustomClaim(claim, value);",
			"  }",
			"}",
			resolve + "();",
		}
		return "(err, accessToken) => {\n" + indentLines(append(first, body...), in) + indent + "}"
	case "pre-user-registration":
		body := []string{
			"if (err) {",
			"  api.access.deny(err?.message ?? String(err), err?.userMessage);",
			"} else {",
			"  // The hook's response set the new user's metadata.",
			"  for (const [key, value] of Object.entries(response?.user?.user_metadata ?? {})) api.user.setUserMetadata(key, value);",
			"  for (const [key, value] of Object.entries(response?.user?.app_metadata ?? {})) api.user.setAppMetadata(key, value);",
			"}",
			resolve + "();",
		}
		return "(err, response) => {\n" + indentLines(append(first, body...), in) + indent + "}"
	}
	return "(err) => (err ? " + reject + "(err instanceof Error ? err : new Error(String(err))) : " + resolve + "())"
}

func indentLines(lines []string, indent string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(indent + l + "\n")
	}
	return b.String()
}

// failsFaithfully is the note on a post-* hook's failure turned into a
// thrown error or a rejected promise.
const failsFaithfully = "an error of this hook only failed its own run (the response is ignored): " +
	"throwing from the Action does the same, as the hook did"

// hookErrorClasses are the error classes the hooks runtime gave hooks,
// which Actions do not have. Each sets its name, which the
// credentials-exchange callback reads for its deny code (denyCode).
var hookErrorClasses = []struct {
	name, definition string
	used             *regexp.Regexp
}{
	{"PreUserRegistrationError", "class PreUserRegistrationError extends Error {\n" +
		"  constructor(message, userMessage) {\n    super(message);\n    this.name = 'PreUserRegistrationError';\n    this.userMessage = userMessage;\n  }\n}\n", regexp.MustCompile(`\bPreUserRegistrationError\b`)},
	{"InvalidScopeError", "class InvalidScopeError extends Error {\n" +
		"  constructor(message) {\n    super(message);\n    this.name = 'InvalidScopeError';\n  }\n}\n", regexp.MustCompile(`\bInvalidScopeError\b`)},
	{"InvalidRequestError", "class InvalidRequestError extends Error {\n" +
		"  constructor(message) {\n    super(message);\n    this.name = 'InvalidRequestError';\n  }\n}\n", regexp.MustCompile(`\bInvalidRequestError\b`)},
	{"ServerError", "class ServerError extends Error {\n" +
		"  constructor(message) {\n    super(message);\n    this.name = 'ServerError';\n  }\n}\n", regexp.MustCompile(`\bServerError\b`)},
}

// denyCode is the credentials-exchange deny code for the error value
// named err: the class it was made with, when the hook used the runtime's
// classes, else server_error as for a plain Error.
func (dr *drafter) denyCode(err string) string {
	if !dr.usesErrorClasses() {
		return "'server_error'"
	}
	return "({ InvalidScopeError: 'invalid_scope', InvalidRequestError: 'invalid_request' })[" + err + "?.name] ?? 'server_error'"
}

// usesErrorClasses says whether the script names one of the hook
// runtime's error classes.
func (dr *drafter) usesErrorClasses() bool {
	if dr.words == nil {
		dr.words = identifierWords(dr.src)
	}
	for _, c := range hookErrorClasses {
		if dr.words[c.name] {
			return true
		}
	}
	return false
}

// errorClasses defines, before the handler, the hook runtime's error
// classes that the draft's code still uses, so that it keeps working.
func (dr *drafter) errorClasses(code string) string {
	var b strings.Builder
	for _, c := range hookErrorClasses {
		if c.used.MatchString(code) && !dr.declares(c.name) {
			b.WriteString(c.definition)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "// The hooks runtime's error classes, which this code still uses: Actions do not have them.\n" + b.String() + "\n"
}

// declares says whether the script binds name itself.
func (dr *drafter) declares(name string) bool {
	for _, f := range dr.d.FreeNames {
		if f.Name == name {
			return false
		}
	}
	return true
}
