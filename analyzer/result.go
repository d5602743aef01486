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
	// Requires are the calls of the global require with a literal
	// specifier, in source order.
	Requires []Require
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
			finding.RuleAnalysisIncomplete, finding.RuleInternalError:
			return true
		}
	}
	return false
}
