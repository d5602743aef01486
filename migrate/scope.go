package migrate

import (
	"bytes"
	"fmt"

	"github.com/hooks2actions/hooks2actions/analyzer"
)

// The credentials-exchange hook's scope parameter was the token's scope
// array, or undefined when the client grant had none; the Action's
// event.accessToken.scope is always an array (../shared/domain.md §4.2,
// §4.3). The draft declares the hook's scope once at the top of the
// handler with the hook's value, and leaves every read of it as the hook
// wrote it (!scope, scope.length, scope.join(' '), passing it on), so
// they all behave as in the hook.

// scopeIndex is the position of the scope parameter of a
// credentials-exchange hook.
const scopeIndex = 1

// scopeLocal says whether the draft declares the hook's scope parameter
// as a local: a credentials-exchange hook that names it.
func (dr *drafter) scopeLocal() bool {
	return dr.t.ID == "credentials-exchange" && len(dr.d.Params) > scopeIndex && dr.d.Params[scopeIndex].Name != ""
}

// scopeDecl declares the hook's scope at the top of the handler, under
// the hook's name unless the handler binds that name itself.
func (dr *drafter) scopeDecl() string {
	if !dr.scopeUsed {
		return ""
	}
	kind := "const"
	for _, r := range dr.d.Params[scopeIndex].Refs {
		switch {
		case varBefore(dr.src, r.Span.Start):
			// var scope = scope || [] redeclares the parameter: only a
			// var may share its name.
			kind = "var"
		case r.Write && len(r.Chain) == 0 && kind == "const":
			kind = "let" // the hook assigned its parameter
		}
	}
	indent := dr.bodyIndent()
	return fmt.Sprintf("%s// The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].\n%s%s %s = %s;\n",
		indent, indent, kind, dr.scopeName(), paramFields["credentials-exchange"][scopeIndex][""])
}

// scopeName is the name of the local that holds the hook's scope.
func (dr *drafter) scopeName() string {
	if dr.scopeNamed == "" {
		dr.scopeNamed = dr.shapeName(scopeIndex)
	}
	return dr.scopeNamed
}

// scopeMutators are the array methods that change the array in place.
var scopeMutators = map[string]bool{"push": true, "unshift": true, "splice": true, "pop": true, "shift": true,
	"sort": true, "reverse": true, "fill": true, "copyWithin": true}

// scopeRef handles a reference to the hook's scope parameter: a read
// reads the local, a change of the token's scopes is blocked.
func (dr *drafter) scopeRef(r analyzer.ParamRef) {
	dr.scopeUsed = true
	if r.Write || r.Call != nil && len(r.Chain) == 1 && scopeMutators[r.Chain[0]] {
		dr.block(r.Line, r.Column, r.Span.Start, "changing the scopes of a credentials-exchange token has no drop-in equivalent: "+
			"api.transaction.addTargetScope/setTargetScopes are early access and drop scopes the client grant lacks")
	}
	if name := dr.scopeName(); name != dr.d.Params[scopeIndex].Name {
		dr.replaceRef(r, r.Span.End, name)
	}
}

// varBefore says whether the keyword var comes right before offset.
func varBefore(src []byte, offset int) bool {
	before := bytes.TrimRight(src[:offset], " \t\r\n")
	return bytes.HasSuffix(before, []byte("var")) && (len(before) == 3 || !isWordByte(before[len(before)-4]))
}
