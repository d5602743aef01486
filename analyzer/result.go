// Package analyzer finds every read of a Hook secret in a hook's JavaScript
// (context.webtask.secrets.KEY and all the ways people reach it), using
// goja's parser and a scope and value-flow pass of its own. It never touches
// the network or the filesystem: it takes script bytes and returns values.
package analyzer

import "github.com/hooks2actions/hooks2actions/finding"

// UsageKind says how a secret was read.
type UsageKind string

const (
	// KindMember is context.webtask.secrets.KEY read through the hook's own
	// context parameter.
	KindMember UsageKind = "member"
	// KindBracket is secrets['KEY'] or secrets[`KEY`] (or a constant expression).
	KindBracket UsageKind = "bracket"
	// KindDestructure is const { KEY } = secrets, at any nesting depth.
	KindDestructure UsageKind = "destructure"
	// KindAlias is s.KEY where s is a local alias of the context,
	// context.webtask or the secrets object.
	KindAlias UsageKind = "alias"
	// KindHelper is a read inside a function the secrets, context.webtask or
	// the context were passed to.
	KindHelper UsageKind = "helper"
	// KindInCheck is 'KEY' in secrets, secrets.hasOwnProperty('KEY') and
	// their Object.hasOwn / Object.prototype.hasOwnProperty.call forms.
	KindInCheck UsageKind = "in-check"
	// KindText is a usage found by the text scan of a script that does not
	// parse; it is low confidence.
	KindText UsageKind = "text"
)

// Span is a byte range [Start, End) in the original script.
type Span struct {
	Start int `json:"-"`
	End   int `json:"-"`
}

// SecretUsage is one read of one secret key.
type SecretUsage struct {
	Key    string    `json:"key"`
	Line   int       `json:"line"`
	Column int       `json:"column"`
	Kind   UsageKind `json:"kind"`
	// LowConfidence marks usages recovered by the text scan of a script
	// that does not parse.
	LowConfidence bool `json:"low_confidence,omitempty"`
	// Span covers the key as written (identifier, string literal or
	// template); migrate uses it to rewrite the access.
	Span Span `json:"-"`
}

// ContextParam is the hook function's context parameter.
type ContextParam struct {
	// Name is the parameter's name, or "" when it is destructured.
	Name string `json:"name,omitempty"`
	// Index is the 0-based position in the parameter list.
	Index  int `json:"index"`
	Line   int `json:"line"`
	Column int `json:"column"`
	// Destructured is true for (user, { webtask: { secrets } }, cb).
	Destructured bool `json:"destructured,omitempty"`
}

// Require is one require('specifier') call of the script, with the
// specifier as written: webtask-era hooks pin versions in it
// (require('request@2.88.0')).
type Require struct {
	Specifier string `json:"specifier"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	// Span covers the string literal, quotes included.
	Span Span `json:"-"`
}

// Suppression is a // hooks2actions-ignore RULE REASON comment: it
// silences a finding of that rule on the next line, and must say why.
type Suppression struct {
	Rule   string
	Reason string
	Line   int
	Column int
}

// TriggerSource says where Result.TriggerID came from.
type TriggerSource string

const (
	TriggerGiven    TriggerSource = "given"
	TriggerInferred TriggerSource = "inferred"
	TriggerUnknown  TriggerSource = "unknown"
)

// Result is everything the analyzer learned about one hook's script.
type Result struct {
	File string
	// TriggerID is the given trigger, or the one inferred from the exported
	// function's signature, or "" when it cannot be told.
	TriggerID     string
	TriggerSource TriggerSource
	// TriggerCandidates lists the triggers a signature fits when it fits
	// several (three parameters fit every user trigger).
	TriggerCandidates []string
	// HookFunction is where the exported hook function starts; zero when none
	// was found.
	HookFunction Span
	// Context is nil when no context parameter was found.
	Context *ContextParam
	// Usages are sorted by position.
	Usages []SecretUsage
	// Suppressions are the hooks2actions-ignore comments of the script,
	// found whether or not it parses.
	Suppressions []Suppression
	// Requires are the calls of the global require with a literal
	// specifier, in source order.
	Requires []Require
	// Detail is set when Script.Detail asked for it and a hook function
	// was found.
	Detail *Detail
	// Findings are dynamic accesses, escapes, parse errors and other
	// problems; their Hook field is left empty for the caller to fill in.
	Findings []finding.Finding
	// Parsed is false when the script did not parse and the usages come
	// from the lower-confidence text scan.
	Parsed bool
}

// Referenced returns the statically known secret keys the script reads,
// sorted and unique.
func (r *Result) Referenced() []string {
	seen := make(map[string]bool, len(r.Usages))
	var keys []string
	for _, u := range r.Usages {
		if !seen[u.Key] {
			seen[u.Key] = true
			keys = append(keys, u.Key)
		}
	}
	sortStrings(keys)
	return keys
}

// Opaque is true when the script reads secrets dynamically, lets the
// secrets object escape or does not parse, so that no defined secret can be ruled unused.
func (r *Result) Opaque() bool {
	if !r.Parsed {
		return true
	}
	for _, f := range r.Findings {
		switch f.Rule {
		case finding.RuleDynamicSecretAccess, finding.RuleSecretsObjectEscape,
			finding.RuleAnalysisIncomplete, finding.RuleInternalError, finding.RuleContextNotFound:
			return true
		}
	}
	return false
}

// Detail is what rewriting the hook into an Action needs: where the hook
// function is and how it is exported, every reference to its parameters,
// and the context.webtask steps on the way to the secrets.
type Detail struct {
	Export Export
	// Params are the hook function's parameters, in order.
	Params []Param
	// WebtaskSegments are the .webtask steps (with their dot, ?. or
	// brackets) applied to the hook's context or an alias of it. An
	// Action's event holds the secrets one level up, so deleting each step
	// and renaming the context to event reads the same secrets.
	WebtaskSegments []Span
	// WebtaskPatterns are the { webtask: P } destructurings of the context.
	WebtaskPatterns []PatternSegment
	// Globals are the hook function's references to globals that Actions
	// do not provide (the webtask-era auth0 object).
	Globals []GlobalRef
	// ActionNames are the script's own bindings named like the Action
	// handler's parameters (event, api), which a draft renames.
	ActionNames []NameBinding
	// FreeNames are the script's names that no declaration binds and that
	// are not globals of Node or JavaScript: webtask-era globals (auth0,
	// PreUserRegistrationError), implicit globals, mistakes.
	FreeNames []FreeName
	// ModuleExportsReads are the reads of module.exports that do not
	// assign it (typeof module.exports, module.exports.x = ...): in a
	// hook they reach the exported function.
	ModuleExportsReads []Span
}

// GlobalRef is a reference to a global the runtime no longer provides.
type GlobalRef struct {
	Name   string
	Span   Span
	Line   int
	Column int
}

// Export is how the script exports the hook function.
type Export struct {
	// Target is the left side of the export assignment (module.exports,
	// exports.handler); empty for a script that is only a function
	// expression, which the runtime exports itself.
	Target Span
	// Bare is true for such a script.
	Bare bool
	// Function covers the function literal; Head runs from its start to
	// its body: "async function name(a, b) " or "(a, b) => ".
	Function Span
	Head     Span
	Body     Span
	Async    bool
	Arrow    bool
	// ExpressionBody is true for an arrow whose body is an expression.
	ExpressionBody bool
	// Declared is true when the function is a declaration exported by name.
	Declared bool
}

// Param is one parameter of the hook function and every reference to it.
type Param struct {
	// Name is "" for a destructured parameter.
	Name string
	Span Span
	Refs []ParamRef
}

// ParamRef is one reference to a hook parameter, with the static member
// chain that follows it: user.app_metadata.plan has Chain
// ["app_metadata", "plan"], ChainEnds the end offset of each step, and
// ChainSpan covering all of it.
type ParamRef struct {
	Span      Span
	Chain     []string
	ChainEnds []int
	ChainSpan Span
	Line      int
	Column    int
	// Write is true when the reference is assigned to.
	Write bool
	// Shorthand is true for { user } in an object literal: a rewrite must
	// keep the property name.
	Shorthand bool
	// Call is set when the reference (with its chain) is called.
	Call *CallRef
}

// CallRef is a call of a parameter reference, as cb(null, response).
type CallRef struct {
	Span Span
	Args []Arg
	// Statement covers the statement the call is the whole of, cb(...);
	// or return cb(...); (without its semicolon). Zero otherwise.
	Statement Span
	// Return is true when that statement is a return.
	Return bool
	// Listed is true when that statement sits in a list of statements (a
	// block, a function body, a case), where several may replace it.
	Listed bool
	// Continues is true when that statement is not a return and more code
	// of its function may run after it (later statements, a loop's next
	// turn, a finally block): the hook went on after calling back.
	Continues bool
	// Nested is true when the call sits in a function nested in the hook
	// function (a promise callback, say): it ran after asynchronous work.
	Nested bool
	// Chain is set when that function is a .then/.catch/.finally callback
	// of a promise chain that is a statement of the hook function's body:
	// the statement an Action must await. Returned is true when the
	// statement already returns the chain.
	Chain    Span
	Returned bool
}

// Arg is one argument of a call, with the shapes a rewrite understands.
type Arg struct {
	Span Span
	// Null is true for null or undefined.
	Null bool
	// Object is set for an object literal.
	Object *Object
	// Local is set for a local variable holding an object literal.
	Local *LocalObject
	// New is set for new Name(...), as in cb(new Error('denied')).
	New *NewCall
}

// Object is an object literal: its properties with static keys and values.
type Object struct {
	Span  Span
	Props []Prop
}

// Prop is one property of an object literal.
type Prop struct {
	Key string
	// Static is false for a computed key, a spread or a method.
	Static bool
	Span   Span
	Value  Span
	// Object is set when the value is itself an object literal.
	Object *Object
}

// NewCall is new Name(args...).
type NewCall struct {
	Name string
	Args []Span
}

// LocalObject is a variable of the hook function initialised with an
// object literal, and the member assignments made to it.
type LocalObject struct {
	Name    string
	Init    *Object
	Assigns []MemberAssign
	// Escapes is true when the code uses the object in other ways than
	// Assigns, reads of its scope and passing it to a call on a hook
	// parameter (the callback): given to a helper or aliased, which may change it,
	// written with a computed key or an operator other than =, or read
	// (a draft that turns the assignments into api calls would change
	// what the reads see). Its final contents are then known only at run
	// time.
	Escapes bool
}

// MemberAssign is a statement X.a.b = value; (or with brackets). Chain
// holds the steps after X; Static is false when one is computed.
type MemberAssign struct {
	Statement Span
	Chain     []string
	Static    bool
	Value     Span
	Object    *Object
}

// PatternSegment is a { webtask: P } pattern on the context: Pattern
// covers the whole object pattern, Property the webtask: P property (with
// any default), Value covers P.
type PatternSegment struct {
	Pattern  Span
	Property Span
	Value    Span
	// ValueIsObject is true when P is itself an object pattern, whose
	// properties can then be lifted one level up.
	ValueIsObject bool
	// Sole is true when webtask is the pattern's only property and it has
	// no default and no rest, so the pattern can become P.
	Sole bool
}
