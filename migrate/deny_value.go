package migrate

import (
	"fmt"
	"strings"

	"github.com/hooks2actions/hooks2actions/analyzer"
)

// A hook could call back with an error that is not an Error: an object
// (cb({ message: 'no org' })), a string built at run time, whatever a
// helper returned. What the hooks runtime answered then is not documented
// (../shared/domain.md §4.5), so the draft denies as for an Error: the
// reason is the value's message when it has one, else the value as a
// string; a credentials-exchange code is server_error unless the value
// names an error class.

const nonErrorNote = "the hook called back with a value that is not an Error: what the hooks runtime answered then is not documented; " +
	"the draft denies with its message (or the value as a string), as for an Error"

// denyValue builds api.access.deny(...) for an error value deny has no
// rule for. Literals the hook runtime may have read as "no error" (false,
// 0) are left alone.
func (dr *drafter) denyValue(err analyzer.Arg) ([]piece, bool) {
	if t := strings.TrimSpace(string(dr.src[err.Span.Start:err.Span.End])); t == "false" || t == "0" || t == "" {
		return nil, false
	}
	if dr.t.ID != "pre-user-registration" && dr.t.ID != "credentials-exchange" {
		return nil, false
	}
	if err.New == nil {
		// new X() (an Error without a message, a class of the code's
		// own) is most likely an Error: no note.
		dr.note(err.Span.Start, nonErrorNote)
	}
	if pieces, ok := dr.denyObject(err.Object); ok {
		return pieces, true
	}
	// The value is evaluated once, as the hook did, by passing it to a
	// function that denies with it.
	reason := "err?.message ?? String(err)"
	deny := "api.access.deny(" + reason + ", err?.userMessage)"
	if dr.t.ID == "credentials-exchange" {
		deny = "api.access.deny(" + dr.denyCode("err") + ", " + reason + ")"
	}
	return []piece{text("((err) => " + deny + ")("), keep(err.Span), text(")")}, true
}

// denyObject denies with an object literal whose message is a string
// literal, and whose name, if it has one, is one too: its code comes from
// that name as an error class's would. Other props are not read.
func (dr *drafter) denyObject(obj *analyzer.Object) ([]piece, bool) {
	if obj == nil {
		return nil, false
	}
	var message *analyzer.Span
	name := ""
	for _, p := range obj.Props {
		switch {
		case !p.Static:
			return nil, false
		case p.Key == "message" && dr.isString(p.Value):
			message = &p.Value
		case p.Key == "message", p.Key == "userMessage":
			return nil, false
		case p.Key == "name":
			if !dr.isString(p.Value) {
				return nil, false
			}
			name = strings.Trim(string(dr.src[p.Value.Start:p.Value.End]), "'\"`")
		}
	}
	if message == nil {
		return nil, false
	}
	if dr.t.ID == "pre-user-registration" {
		return []piece{text("api.access.deny("), keep(*message), text(")")}, true
	}
	code, known := map[string]string{"InvalidRequestError": "invalid_request", "InvalidScopeError": "invalid_scope"}[name]
	if !known {
		code = "server_error"
	}
	return []piece{text(fmt.Sprintf("api.access.deny(%q, ", code)), keep(*message), text(")")}, true
}
