package migrate

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/hooks2actions/hooks2actions/analyzer"
)

// Actions return instead of calling back. callbackRef converts the calls
// the migration guide gives an equivalent for, and leaves a note on the rest.
func (dr *drafter) callbackRef(r analyzer.ParamRef) {
	c := r.Call
	if c == nil || len(r.Chain) > 0 {
		dr.note(r.Span.Start, "Actions do not use a callback: resolve or return instead of passing it on")
		return
	}
	if len(c.Args) > 0 && !c.Args[0].Null {
		dr.failure(c)
		return
	}
	var payload *analyzer.Arg
	if len(c.Args) > 1 {
		payload = &c.Args[1]
	}
	dr.success(r, c, payload)
}

// replaceCall replaces the callback's call with pieces, returning them
// when it was a statement of its own.
func (dr *drafter) replaceCall(c *analyzer.CallRef, pieces []piece) {
	region, prefix := c.Span, []piece(nil)
	if c.Statement != (analyzer.Span{}) {
		region, prefix = c.Statement, []piece{text("return ")}
	}
	if !dr.around(region, append(prefix, pieces...)...) && !dr.replaceAll(region, append(prefix, pieces...)) {
		dr.note(c.Span.Start, "Actions do not use a callback: deny the request with api.access.deny instead")
	}
}

// failure converts cb(error). Credentials exchange and pre-registration
// deny the request; the other triggers can only fail, which throwing does
// as faithfully.
func (dr *drafter) failure(c *analyzer.CallRef) {
	dr.awaitWork(c)
	err := c.Args[0]
	if deny, ok := dr.deny(err); ok {
		dr.replaceCall(c, deny)
		return
	}
	if dr.t.ID == "pre-user-registration" || dr.t.ID == "credentials-exchange" {
		dr.note(c.Span.Start, "Actions do not use a callback: deny the request with api.access.deny instead, then return")
		return
	}
	thrown := []piece{text("throw "), keep(err.Span)}
	if dr.isString(err.Span) {
		// A hook could fail with a string; an Action throws an Error.
		thrown = []piece{text("throw new Error("), keep(err.Span), text(")")}
	}
	region := c.Statement
	if region == (analyzer.Span{}) {
		// A throw in the place of an expression.
		region, thrown = c.Span, inFunction(thrown)
	}
	if !dr.around(region, thrown...) {
		dr.note(c.Span.Start, "Actions do not use a callback: throw the error instead")
		return
	}
	dr.note(c.Span.Start, failsFaithfully)
}

// awaitWork makes the handler wait for the asynchronous work a nested
// callback call ends: a hook finished when it called back, an Action when
// its handler's promise settles. A promise chain that is a statement of
// the hook body gets an await; one it returns needs nothing; anything
// else (a callback-style API) gets a note.
func (dr *drafter) awaitWork(c *analyzer.CallRef) {
	switch {
	case !c.Nested || c.Returned:
	case c.Chain != (analyzer.Span{}):
		if !dr.awaited[c.Chain.Start] {
			dr.awaited[c.Chain.Start] = true
			dr.edits.add(c.Chain.Start, c.Chain.Start, "await ")
		}
	default:
		dr.note(c.Span.Start, "this callback ran when asynchronous work finished: the handler must await (or return) that work, or the Action ends first")
	}
}

// deny builds api.access.deny(...) for an error the trigger can deny
// with, keeping the error's arguments in place: the message of an Error,
// the log and user messages of a PreUserRegistrationError, the code each
// credentials-exchange error class stands for.
func (dr *drafter) deny(err analyzer.Arg) ([]piece, bool) {
	n := err.New
	id := dr.identifier(err.Span)
	switch dr.t.ID {
	case "pre-user-registration":
		switch {
		case n != nil && len(n.Args) > 0 && (n.Name == "Error" || n.Name == "PreUserRegistrationError"):
			pieces := []piece{text("api.access.deny(")}
			for i, a := range n.Args[:min(2, len(n.Args))] {
				if i > 0 {
					pieces = append(pieces, text(", "))
				}
				pieces = append(pieces, keep(a))
			}
			return append(pieces, text(")")), true
		case n == nil && dr.isString(err.Span):
			dr.note(err.Span.Start, nonErrorNote)
			return []piece{text("api.access.deny("), keep(err.Span), text(")")}, true
		case id != "":
			return []piece{text(fmt.Sprintf("api.access.deny(%s?.message ?? String(%s), %s?.userMessage)", id, id, id))}, true
		}
	case "credentials-exchange":
		code, known := map[string]string{"Error": "server_error", "ServerError": "server_error",
			"InvalidRequestError": "invalid_request", "InvalidScopeError": "invalid_scope"}[nameOf(n)]
		switch {
		case known && len(n.Args) > 0:
			return []piece{text(fmt.Sprintf("api.access.deny(%q, ", code)), keep(n.Args[0]), text(")")}, true
		case n == nil && dr.isString(err.Span):
			dr.note(err.Span.Start, "the hook failed with a string, not an Error: what the hooks runtime answered then is not documented; the draft denies with server_error, as for an Error")
			return []piece{text("api.access.deny('server_error', "), keep(err.Span), text(")")}, true
		case id != "":
			return []piece{text(fmt.Sprintf("api.access.deny(%s, %s?.message ?? String(%s))", dr.denyCode(id), id, id))}, true
		}
	}
	return dr.denyValue(err)
}

func nameOf(n *analyzer.NewCall) string {
	if n == nil {
		return ""
	}
	return n.Name
}

// isString says whether an expression is a string: a literal, a template,
// or a concatenation that starts with one.
func (dr *drafter) isString(s analyzer.Span) bool {
	return s.End > s.Start && strings.ContainsRune("'\"`", rune(dr.src[s.Start]))
}

var identifierPattern = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// identifier is the name an expression is, as the draft spells it (a
// renamed binding included), or "" when it is not a bare name.
func (dr *drafter) identifier(s analyzer.Span) string {
	if !identifierPattern.Match(dr.src[s.Start:s.End]) {
		return ""
	}
	if text, ok := dr.edits.at(s.Start, s.End); ok {
		return text
	}
	return string(dr.src[s.Start:s.End])
}

// success converts cb(null, payload): the payload's effects become api
// calls (credentials exchange, pre-registration), then the handler returns.
func (dr *drafter) success(r analyzer.ParamRef, c *analyzer.CallRef, payload *analyzer.Arg) {
	dr.awaitWork(c)
	var pieces []piece
	ok := true
	switch {
	case payload == nil || payload.Null:
	case dr.t.ID == "credentials-exchange":
		pieces, ok = dr.claims(payload)
	case dr.t.ID == "pre-user-registration":
		pieces, ok = dr.metadata(payload)
	}
	indent := dr.indentAt(lineStart(dr.src, c.Statement.Start))
	if !ok {
		// The response is built in ways the draft cannot follow: it reads
		// it when the callback ran, as the hooks runtime did.
		pieces = dr.responseAtRunTime(*payload, indent)
	}
	switch {
	case c.Statement == (analyzer.Span{}) && len(pieces) == 0:
		dr.edits.add(c.Span.Start, c.Span.End, "undefined")
	case c.Statement == (analyzer.Span{}):
		// Statements in the place of an expression.
		if !dr.around(c.Span, inFunction(pieces)...) {
			dr.note(c.Span.Start, "Actions do not use a callback: make the api calls this response stands for, then return")
		}
	default:
		region := c.Statement
		all := []piece{text("return")}
		if len(pieces) > 0 {
			all = append(append(pieces, text(";\n"+indent)), all...)
			if !c.Listed {
				// if (x) return cb(...); must stay one statement: a block,
				// which takes the statement's semicolon in.
				all = append(append([]piece{text("{\n" + indent)}, all...), text(";\n"+indent+"}"))
				for i, p := range all {
					all[i].text = strings.ReplaceAll(p.text, "\n"+indent, "\n"+indent+"  ")
				}
				all[len(all)-1].text = strings.TrimSuffix(all[len(all)-1].text, "  }") + "}"
				if region.End < len(dr.src) && dr.src[region.End] == ';' {
					region.End++
				}
			}
		}
		if !dr.around(region, all...) {
			dr.note(c.Span.Start, "Actions do not use a callback: set what this response carried through api ("+dr.apiHint()+"), then return")
		}
	}
}

// responseAtRunTime reads the response a hook calls back with when the
// callback runs: each namespaced property of a credentials-exchange token
// becomes a claim (the hooks runtime ignored the others), each key of the
// user_metadata and app_metadata of a pre-registration response is set.
func (dr *drafter) responseAtRunTime(payload analyzer.Arg, indent string) []piece {
	v := dr.fresh("response")
	if dr.t.ID == "credentials-exchange" {
		v = dr.fresh("accessToken")
	}
	pieces := []piece{text("const " + v + " = "), keep(payload.Span), text(";\n" + indent)}
	if dr.t.ID == "credentials-exchange" {
		return append(pieces, text("for (const [claim, value] of Object.entries("+v+" ?? {})) {\n"+
			indent+"  if (/^https?:\\/\\//.test(claim)) api.accessToken.setCustomClaim(claim, value);\n"+indent+"}"))
	}
	return append(pieces, text(
		"for (const [key, value] of Object.entries("+v+"?.user?.user_metadata ?? {})) api.user.setUserMetadata(key, value);\n"+
			indent+"for (const [key, value] of Object.entries("+v+"?.user?.app_metadata ?? {})) api.user.setAppMetadata(key, value)"))
}

// inFunction runs statements where an expression stands, in an arrow
// function called at once.
func inFunction(statements []piece) []piece {
	return append(append([]piece{text("(() => { ")}, statements...), text("; })()"))
}

func (dr *drafter) apiHint() string {
	switch dr.t.ID {
	case "credentials-exchange":
		return "api.accessToken.setCustomClaim"
	case "pre-user-registration":
		return "api.user.setUserMetadata, api.user.setAppMetadata"
	}
	return "nothing: this trigger's response is ignored"
}

// piece is part of a rewrite: new text, or a span of the original code
// kept in place so that the rewrites inside it still apply.
type piece struct {
	text string
	keep *analyzer.Span
}

func text(s string) piece        { return piece{text: s} }
func keep(s analyzer.Span) piece { return piece{keep: &s} }

// call is fn(key, value). The key is written as the analysis folded it,
// unless that glued a Deploy CLI keyword marker into a longer string
// ('@@NS@@' + 'plan' must not become "@@NS@@plan", which breaks on
// import): then the key expression stays as written, found in the
// brackets that start keyAt.
func (dr *drafter) call(fn string, key string, keyAt, v analyzer.Span) []piece {
	if hasKeywordMarkers(key) {
		if k, ok := dr.bracketed(keyAt); ok {
			return []piece{text(fn + "("), keep(k), text(", "), keep(v), text(")")}
		}
	}
	return []piece{text(fmt.Sprintf("%s(%q, ", fn, key)), keep(v), text(")")}
}

var namespaced = regexp.MustCompile(`^https?://`)

// claim sets a property of the token a credentials-exchange hook returned
// as a custom claim. The hooks runtime made claims of namespaced (URL)
// properties only and ignored the others, so a key that is not one gets
// a note and no call; a key holding a keyword marker is only known at
// import, so the draft tests it when it runs.
func (dr *drafter) claim(key string, keyAt, v analyzer.Span) []piece {
	switch {
	case namespaced.MatchString(key):
		return dr.call("api.accessToken.setCustomClaim", key, keyAt, v)
	case hasKeywordMarkers(key):
		if k, ok := dr.bracketed(keyAt); ok {
			return []piece{text("if (/^https?:\\/\\//.test(" + string(dr.src[k.Start:k.End]) + ")) api.accessToken.setCustomClaim("),
				keep(k), text(", "), keep(v), text(")")}
		}
	}
	dr.note(keyAt.Start, fmt.Sprintf("the hooks runtime ignored the token property %q: only namespaced (URL) properties became claims, so the draft sets none", key))
	return nil
}

// bracketed is the expression inside the last brackets of a member
// chain or the first of a property that start in s, before any "=" or
// ":" that ends the key.
func (dr *drafter) bracketed(s analyzer.Span) (analyzer.Span, bool) {
	text := blankStrings(dr.src[s.Start:s.End])
	open := -1
	for i, c := range text {
		switch c {
		case '[':
			if open < 0 {
				open = i
			}
		case '=', ':':
			if open < 0 {
				return analyzer.Span{}, false
			}
		}
		if open >= 0 {
			break
		}
	}
	depth := 0
	for i := open; open >= 0 && i < len(text); i++ {
		switch text[i] {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return analyzer.Span{Start: s.Start + open + 1, End: s.Start + i}, true
			}
		}
	}
	return analyzer.Span{}, false
}

// blankStrings replaces the insides of string literals with spaces, so
// that brackets in them are not counted.
func blankStrings(src []byte) []byte {
	out := append([]byte(nil), src...)
	var quote byte
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case quote == 0 && (c == '\'' || c == '"' || c == '`'):
			quote = c
		case quote != 0 && c == '\\':
			out[i] = ' '
			if i+1 < len(out) {
				i++
				out[i] = ' '
			}
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			out[i] = ' '
		}
	}
	return out
}

// join puts separator pieces between groups of pieces.
func join(groups [][]piece, sep string) []piece {
	var out []piece
	for i, g := range groups {
		if i > 0 {
			out = append(out, text(sep))
		}
		out = append(out, g...)
	}
	return out
}

// around rewrites region as the pieces: the kept spans stay where they
// are, and the text between them is replaced. All of it applies, or none.
func (dr *drafter) around(region analyzer.Span, pieces ...piece) bool {
	var edits []TextEdit
	at, pending := region.Start, ""
	for _, p := range pieces {
		if p.keep == nil {
			pending += p.text
			continue
		}
		if p.keep.Start < at || p.keep.End > region.End {
			return false
		}
		edits = append(edits, TextEdit{Start: at, End: p.keep.Start, NewText: pending})
		at, pending = p.keep.End, ""
	}
	edits = append(edits, TextEdit{Start: at, End: region.End, NewText: pending})
	for _, e := range edits {
		if e.Start == e.End && e.NewText == "" {
			continue
		}
		if dr.edits.overlaps(e.Start, e.End) {
			return false
		}
	}
	for _, e := range edits {
		if e.Start != e.End || e.NewText != "" {
			dr.edits.add(e.Start, e.End, e.NewText)
		}
	}
	return true
}

// replaceAll rewrites region as pieces made of text alone (names that
// were renamed are spelled renamed in them).
func (dr *drafter) replaceAll(region analyzer.Span, pieces []piece) bool {
	var b strings.Builder
	for _, p := range pieces {
		if p.keep != nil {
			return false
		}
		b.WriteString(p.text)
	}
	return dr.edits.replaceWithin(region.Start, region.End, b.String())
}

// claims turns the access token a credentials-exchange hook returns into
// api.accessToken.setCustomClaim calls: the properties of a literal become
// calls in place of the callback; those of a local object become calls
// where it is declared and assigned.
func (dr *drafter) claims(payload *analyzer.Arg) ([]piece, bool) {
	if payload.Local != nil {
		return nil, dr.localClaims(payload.Local)
	}
	if payload.Object == nil {
		return nil, false
	}
	return dr.claimCalls(payload.Object)
}

func (dr *drafter) claimCalls(obj *analyzer.Object) ([]piece, bool) {
	var groups [][]piece
	for _, p := range obj.Props {
		if !p.Static {
			return nil, false
		}
		if p.Key == "scope" {
			if !dr.unchangedScope(p.Value) {
				dr.scopeBlock(p.Span.Start)
			}
			continue
		}
		if c := dr.claim(p.Key, p.Span, p.Value); c != nil {
			groups = append(groups, c)
		}
	}
	indent := dr.indentAt(lineStart(dr.src, obj.Span.Start))
	return join(groups, ";\n"+indent), true
}

// localClaims rewrites a local access token object once, however many
// callbacks return it.
func (dr *drafter) localClaims(local *analyzer.LocalObject) bool {
	return dr.once(local, dr.localClaimsOnce)
}

// once rewrites a local object the first time a callback returns it and
// remembers whether that worked, since several callbacks may return it.
func (dr *drafter) once(local *analyzer.LocalObject, rewrite func(*analyzer.LocalObject) bool) bool {
	if done, seen := dr.locals[local]; seen {
		return done
	}
	ok := rewrite(local)
	dr.locals[local] = ok
	return ok
}

func (dr *drafter) localClaimsOnce(local *analyzer.LocalObject) bool {
	if local.Escapes {
		dr.escapedScope(local)
		return false
	}
	for _, m := range local.Assigns {
		if !m.Static || len(m.Chain) == 0 || len(m.Chain) > 1 && m.Chain[0] != "scope" {
			return false
		}
		if m.Chain[0] == "scope" && (len(m.Chain) > 1 || !dr.unchangedScope(m.Value)) {
			dr.scopeBlock(m.Statement.Start)
		}
	}
	dr.scopeMutations(local.Name)
	if len(local.Init.Props) > 0 {
		calls, ok := dr.claimCalls(local.Init)
		if !ok {
			return false
		}
		indent := dr.indentAt(lineStart(dr.src, local.Init.Span.Start))
		if len(calls) > 0 && !dr.around(local.Init.Span, append([]piece{text("{};\n" + indent)}, calls...)...) {
			return false
		}
	}
	for _, m := range local.Assigns {
		if m.Chain[0] != "scope" && len(m.Chain) == 1 {
			if c := dr.claim(m.Chain[0], m.Statement, m.Value); c != nil {
				dr.around(m.Statement, c...)
			}
		}
	}
	return true
}

// unchangedScope says whether a value is the scope the token already
// has: the hook's scope parameter, or a copy of it.
func (dr *drafter) unchangedScope(v analyzer.Span) bool {
	if len(dr.d.Params) < 2 || dr.d.Params[1].Name == "" {
		return false
	}
	name := regexp.QuoteMeta(dr.d.Params[1].Name)
	same := regexp.MustCompile(`^(` + name + `(\s*\|\|\s*\[\s*\])?|` + name + `\.slice\(\)|\[\s*\.\.\.` + name + `\s*\])$`)
	return same.Match(bytes.TrimSpace(dr.src[v.Start:v.End]))
}

// scopeMutations blocks the changes made to the scope array of a local
// access token (token.scope.push('x')): the hook's token carried them.
func (dr *drafter) scopeMutations(local string) {
	body := dr.d.Export.Body
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(local) + `\s*(\.\s*scope|\[\s*['"]scope['"]\s*\])\s*\.\s*(push|unshift|splice|pop|shift|sort|reverse|fill)\s*\(`)
	for _, m := range re.FindAllIndex(blankStrings(dr.src[body.Start:body.End]), -1) {
		dr.scopeBlock(body.Start + m[0])
	}
}

func (dr *drafter) scopeBlock(offset int) {
	line, col := dr.position(offset)
	dr.block(line, col, offset, "setting scope on a credentials-exchange token has no drop-in equivalent: "+
		"api.transaction.addTargetScope/setTargetScopes are early access and drop scopes the client grant lacks")
}

var metadataSetters = map[string]string{
	"user_metadata": "api.user.setUserMetadata",
	"app_metadata":  "api.user.setAppMetadata",
}

// metadata turns a pre-registration response { user: { user_metadata,
// app_metadata } } into api.user.setUserMetadata/setAppMetadata calls.
func (dr *drafter) metadata(payload *analyzer.Arg) ([]piece, bool) {
	if payload.Local != nil {
		return nil, dr.localMetadata(payload.Local)
	}
	if payload.Object == nil {
		return nil, false
	}
	groups, ok := dr.responseMetadata(payload.Object)
	return join(groups, ";\n"+dr.indentAt(lineStart(dr.src, payload.Object.Span.Start))), ok
}

func (dr *drafter) responseMetadata(obj *analyzer.Object) ([][]piece, bool) {
	var groups [][]piece
	for _, p := range obj.Props {
		if !p.Static || p.Key != "user" {
			return nil, false
		}
		if p.Object == nil {
			return nil, false // a user object: its metadata is read at run time
		}
		more, ok := dr.userMetadata(p.Object)
		if !ok {
			return nil, false
		}
		groups = append(groups, more...)
	}
	return groups, true
}

func (dr *drafter) userMetadata(user *analyzer.Object) ([][]piece, bool) {
	var groups [][]piece
	for _, p := range user.Props {
		setter, known := metadataSetters[p.Key]
		if !p.Static || !known || p.Object == nil {
			return nil, false
		}
		for _, m := range p.Object.Props {
			if !m.Static {
				return nil, false
			}
			groups = append(groups, dr.call(setter, m.Key, m.Span, m.Value))
		}
	}
	return groups, true
}

// localMetadata rewrites a local response object once: metadata in its
// initial value and in later assignments become api.user calls in place.
func (dr *drafter) localMetadata(local *analyzer.LocalObject) bool {
	return dr.once(local, dr.localMetadataOnce)
}

func (dr *drafter) localMetadataOnce(local *analyzer.LocalObject) bool {
	if local.Escapes {
		return false
	}
	initGroups, ok := dr.responseMetadata(local.Init)
	if !ok {
		return false
	}
	rewrites := make([][]piece, len(local.Assigns))
	for i, m := range local.Assigns {
		if rewrites[i], ok = dr.assignMetadata(m); !ok {
			return false
		}
	}
	if len(initGroups) > 0 {
		indent := dr.indentAt(lineStart(dr.src, local.Init.Span.Start))
		dr.around(local.Init.Span, append([]piece{text("{};\n" + indent)}, join(initGroups, ";\n"+indent)...)...)
	}
	for i, m := range local.Assigns {
		dr.around(m.Statement, rewrites[i]...)
	}
	return true
}

// assignMetadata rewrites response.user = {...}, response.user = user and
// response.user.user_metadata.key = value.
func (dr *drafter) assignMetadata(m analyzer.MemberAssign) ([]piece, bool) {
	c := m.Chain
	switch {
	case !m.Static || len(c) == 0 || c[0] != "user":
		return nil, false
	case len(c) == 1 && m.Object == nil:
		return nil, false // a user object: its metadata is read at run time
	case len(c) == 1:
		groups, ok := dr.userMetadata(m.Object)
		return join(groups, ";\n"+dr.indentAt(lineStart(dr.src, m.Statement.Start))), ok
	case len(c) == 3 && metadataSetters[c[1]] != "":
		return dr.call(metadataSetters[c[1]], c[2], m.Statement, m.Value), true
	case len(c) == 2 && metadataSetters[c[1]] != "" && m.Object != nil:
		var groups [][]piece
		for _, p := range m.Object.Props {
			if !p.Static {
				return nil, false
			}
			groups = append(groups, dr.call(metadataSetters[c[1]], p.Key, p.Span, p.Value))
		}
		return join(groups, ";\n"+dr.indentAt(lineStart(dr.src, m.Statement.Start))), true
	}
	return nil, false
}

func lineStart(src []byte, offset int) int {
	for i := offset - 1; i >= 0; i-- {
		if src[i] == '\n' {
			return i + 1
		}
	}
	return 0
}

// position is the line and column of an offset, counted as the analyzer
// counts them: lines of the file holding the script, UTF-16 columns.
func (dr *drafter) position(offset int) (line, col int) {
	if dr.lines == nil {
		o := dr.in.Hook.Origin
		dr.lines = analyzer.NewLines(analyzer.Script{Source: dr.src, FirstLine: o.ScriptLine, Indent: o.ScriptIndent})
	}
	return dr.lines.Position(offset)
}
