package migrate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/analyzer"
)

// Hook parameters that code passes on whole (to a helper, into a request
// body, JSON.stringify, a spread...) must still look like the hook's to
// whoever receives them: u.id, context.message_type and
// context.webtask.secrets must keep working. The draft rebuilds such a
// parameter from the event at the top of the handler, with the fields
// the hook had, and every use of the parameter then reads the rebuilt
// object, left as the hook wrote it (a write through one use is seen by
// the others). A parameter never used whole has its field reads turned
// into the event's fields instead.

// objectParam says whether the hook parameter at index i is an object
// with fields (a user, a client, the context), not a plain value.
func (dr *drafter) objectParam(i int) bool {
	if i == dr.t.ContextIndex {
		return true
	}
	for k := range fieldAt(paramFields[dr.t.ID], i) {
		if k != "" {
			return true
		}
	}
	return false
}

// wholeRef says whether a reference uses the parameter, or one of its
// object fields (context.connection), as a value rather than reading a
// single field of it.
func (dr *drafter) wholeRef(i int, r analyzer.ParamRef) bool {
	if !dr.objectParam(i) {
		return false
	}
	if len(r.Chain) == 0 {
		return true
	}
	if i == dr.t.ContextIndex && r.Chain[0] == "webtask" {
		return false
	}
	prefix := strings.Join(r.Chain, ".") + "."
	for k := range fieldAt(paramFields[dr.t.ID], i) {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// shapeField is one field of a rebuilt hook object: a value, or the
// fields of a nested object.
type shapeField struct {
	value  string
	fields map[string]*shapeField
}

// shapeOf builds the hook-shaped object of parameter i as JavaScript, its
// lines indented for the handler's body.
func (dr *drafter) shapeOf(i int, indent string) string {
	root := &shapeField{fields: map[string]*shapeField{}}
	for k, v := range fieldAt(paramFields[dr.t.ID], i) {
		if k == "" {
			continue
		}
		node := root
		for _, step := range strings.Split(k, ".") {
			if node.fields == nil {
				node.fields = map[string]*shapeField{}
			}
			next := node.fields[step]
			if next == nil {
				next = &shapeField{}
				node.fields[step] = next
			}
			node = next
		}
		node.value = dr.optionalSteps(v)
		if c, ok := dr.conversion(i, k); ok && c.suffix != "" {
			// Only a converted value is worth a note here: the fields the
			// code reads of the rebuilt object are not known.
			node.value += c.suffix
			dr.shapeNotes = append(dr.shapeNotes, c.note)
		}
	}
	if i == dr.t.ContextIndex {
		root.fields["webtask"] = &shapeField{fields: map[string]*shapeField{"secrets": {value: "event.secrets"}}}
	}
	return root.literal(indent, hookFieldOrder[fmt.Sprintf("%s/%d", dr.t.ID, i)])
}

// hookFieldOrder lists the fields of each hook object in the order the
// hook docs give them (../shared/domain.md §4.2), which is the order the
// hook's code saw them in (JSON.stringify, Object.keys); the secrets
// come last. Keyed by trigger and parameter position.
var hookFieldOrder = map[string][]string{
	"credentials-exchange/0":   {"name", "id", "tenant", "metadata"},
	"credentials-exchange/3":   {"body", "clientID", "webtask"},
	"pre-user-registration/0":  {"tenant", "username", "email", "phoneNumber", "user_metadata", "app_metadata"},
	"pre-user-registration/1":  {"requestLanguage", "renderLanguage", "connection", "id", "name", "tenant", "webtask"},
	"post-user-registration/0": {"id", "tenant", "username", "email", "emailVerified", "phoneNumber", "phoneNumberVerified", "user_metadata", "app_metadata"},
	"post-user-registration/1": {"requestLanguage", "connection", "id", "name", "tenant", "webtask"},
	"post-change-password/0":   {"id", "username", "email", "last_password_reset"},
	"post-change-password/1":   {"connection", "id", "name", "tenant", "webtask"},
	"send-phone-message/2": {"message_type", "action", "language", "code", "ip", "user_agent", "client", "client_id", "name",
		"client_metadata", "user", "user_id", "email", "app_metadata", "user_metadata", "webtask"},
}

func (f *shapeField) literal(indent string, order []string) string {
	if f.fields == nil {
		return f.value
	}
	keys := make([]string, 0, len(f.fields))
	for k := range f.fields {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		for i, o := range order {
			if o == k {
				return i
			}
		}
		return len(order)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ri, rj := rank(keys[i]), rank(keys[j]); ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	b.WriteString("{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s  %s: %s,\n", indent, k, f.fields[k].literal(indent+"  ", order))
	}
	b.WriteString(indent + "}")
	return b.String()
}

// optionalSteps reads event.a.b as event.a?.b where the event may lack
// a: a rebuilt object must not throw where the hook's object did not.
// The user of the user triggers, the tenant, the secrets and an SMS's
// message options are always there.
func (dr *drafter) optionalSteps(expr string) string {
	parts := strings.Split(expr, ".")
	if len(parts) <= 2 {
		return expr
	}
	switch parts[1] {
	case "tenant", "secrets", "message_options":
		return expr
	case "user":
		if dr.t.ID != "send-phone-message" {
			return expr
		}
	}
	return strings.Join(parts[:2], ".") + "?." + strings.Join(parts[2:], "?.")
}

// valueConversion turns an event field into the value the hook saw, when
// they differ in value and not only in name, with a note for the reviewer.
type valueConversion struct {
	suffix string
	note   string
}

// valueConversions are keyed by trigger, then by the hook parameter's
// position and field ("0:id" is the user's id). Sources:
// ../shared/domain.md §4.3 and §4.5.
var valueConversions = map[string]map[string]valueConversion{
	"post-user-registration": {"0:id": userIDConversion},
	"post-change-password":   {"0:id": userIDConversion},
	"credentials-exchange": {"3:body": {note: "the hook's context.body is read as event.request.body, " +
		"the body of the token request; the hook docs do not describe context.body, so check that it held the same"}},
	"pre-user-registration": {"1:renderLanguage": {note: "the event has no render language: event.request.language " +
		"is the nearest field (the docs' own example uses it where the hook used context.renderLanguage); check that it fits"}},
	"send-phone-message": {"2:language": {note: "event.request.language (the browser's language) is the nearest " +
		"documented field to the hook's context.language, not proven the same; check that it fits"}},
}

var userIDConversion = valueConversion{
	suffix: "?.replace(/^[^|]*\\|/, '')",
	note: "the hook's user.id was the bare id, without the \"auth0|\" prefix; event.user.user_id is the full id " +
		"(not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value",
}

// conversion is how the value of field key of hook parameter i differs
// from its event field's, if it does.
func (dr *drafter) conversion(i int, key string) (valueConversion, bool) {
	c, ok := valueConversions[dr.t.ID][fmt.Sprintf("%d:%s", i, key)]
	return c, ok
}

// shapeName is the name the rebuilt parameter i gets in the draft: its
// own, unless the Action's handler binds that name itself.
func (dr *drafter) shapeName(i int) string {
	name := dr.d.Params[i].Name
	for _, taken := range analyzer.ActionNames {
		if name == taken {
			return dr.fresh("hook" + strings.ToUpper(name[:1]) + name[1:])
		}
	}
	return name
}

// planShapes picks the object parameters that some code uses whole and
// the names they are rebuilt under. Every other use of such a parameter
// then reads the rebuilt object too, so that a write through one use is
// seen by the others, as in the hook.
func (dr *drafter) planShapes() {
	dr.shaped = map[int]string{}
	for i, p := range dr.d.Params {
		if p.Name == "" || !dr.objectParam(i) {
			continue
		}
		for _, r := range p.Refs {
			// A use in code the callback's conversion replaced is gone.
			if dr.wholeRef(i, r) && !dr.edits.overlaps(r.Span.Start, r.Span.End) {
				dr.shaped[i] = dr.shapeName(i)
				break
			}
		}
	}
}

// shapeRef handles a reference to a rebuilt parameter: it reads the
// rebuilt object, which lacks the fields the event has no counterpart
// for; those are blocked as they would be read from the event.
func (dr *drafter) shapeRef(i int, r analyzer.ParamRef) {
	name, p := dr.shaped[i], dr.d.Params[i]
	if i == dr.t.ContextIndex && len(r.Chain) > 0 && r.Chain[0] == "webtask" {
		dr.contextRef(r, fieldMap{})
		return
	}
	if len(r.Chain) > 0 {
		if _, steps, ok := fieldAt(paramFields[dr.t.ID], i).lookupField(r.Chain); !ok || steps == 0 {
			dr.block(r.Line, r.Column, r.Span.Start, fmt.Sprintf("%s has no documented field on the Action's event",
				strings.Join(append([]string{p.Name}, r.Chain...), ".")))
		}
	}
	if name != p.Name {
		dr.replaceRef(r, r.Span.End, name)
	}
}

// shapes declares, at the top of the handler, each rebuilt parameter,
// with let: the hook could assign its parameter.
func (dr *drafter) shapes() string {
	var b strings.Builder
	indent := dr.bodyIndent()
	for i, p := range dr.d.Params {
		name, ok := dr.shaped[i]
		if !ok {
			continue
		}
		dr.shapeNotes = nil
		shape := dr.shapeOf(i, indent)
		fmt.Fprintf(&b, "%s// The hook's %s, rebuilt from the event with the fields the hook had: the code below uses it whole.\n", indent, p.Name)
		for _, n := range dr.shapeNotes {
			fmt.Fprintf(&b, "%s%s%s\n", indent, NotePrefix, n)
		}
		fmt.Fprintf(&b, "%slet %s = %s;\n", indent, name, shape)
	}
	return b.String()
}
