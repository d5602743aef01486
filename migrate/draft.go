package migrate

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// NotePrefix starts every comment the draft adds for a person to act on.
const NotePrefix = "// hooks2actions: "

// Draft is the code of an Action, made from the hook's script by edits.
type Draft struct {
	Edits []TextEdit
	Code  string
	// Problems say why the code cannot be used as it stands: it does not
	// compile, or it uses a name it never defines. Empty when it passed
	// both checks (see Usable).
	Problems []string
}

// drafter builds one draft: it turns the analysis detail into edits, notes
// for the reviewer (comments in the code) and findings for what has no
// mechanical equivalent.
type drafter struct {
	in       HookInput
	src      []byte
	d        *analyzer.Detail
	t        trigger.Trigger
	edits    editSet
	notes    map[int][]string // line start offset -> notes
	findings []finding.Finding
	// locals records the local response objects already rewritten, and
	// whether that worked: several callbacks may return the same one.
	locals map[*analyzer.LocalObject]bool
	// awaited are the statements already given an await.
	awaited map[int]bool
	// words are the names the script uses or the draft handed out.
	words map[string]bool
	// promise is set when the callback is kept as a function inside a
	// promise the handler returns (see promise.go); promiseReject names
	// that promise's reject function.
	promise       bool
	promiseReject string
	// shaped names the rebuilt object of each parameter used whole, and
	// shapeNotes collects the notes on its values.
	shaped     map[int]string
	shapeNotes []string
	// scopeNamed names the local holding the hook's scope (see scope.go).
	scopeNamed string
	// scopeUsed is set when code the draft keeps reads the hook's scope.
	scopeUsed bool
	// storage names the stand-in for context.webtask.storage, once the
	// hook uses it (see storage.go).
	storage string
	// lines positions offsets of the script (see position).
	lines *analyzer.Lines
}

// makeDraft drafts the Action code of a hook whose trigger is known and
// whose analysis has its detail. It returns nil when there is nothing to
// draft from.
func makeDraft(in HookInput, t trigger.Trigger) (draft *Draft, prog *goja.Program, findings []finding.Finding) {
	if in.Result == nil || in.Result.Detail == nil || in.Result.Context == nil {
		// Without the context parameter, nothing says which parameter is
		// which: a draft would map them wrongly.
		return nil, nil, nil
	}
	defer func() {
		// A bug drafting one hook must not take the plan of the others down.
		if r := recover(); r != nil {
			draft, prog, findings = nil, nil, []finding.Finding{newFinding(finding.RuleInternalError, in.Hook, "", in.Hook.Origin.Where(),
				fmt.Sprintf("drafting the Action code of this hook failed, so none is written: %v", r))}
		}
	}()
	dr := &drafter{in: in, src: in.Hook.Script, d: in.Result.Detail, t: t, notes: map[int][]string{},
		locals: map[*analyzer.LocalObject]bool{}, awaited: map[int]bool{}}
	dr.renameClashes()
	dr.callbacks()
	dr.planShapes()
	dr.params()
	dr.requires()
	dr.requireGlobals()
	dr.globals()
	dr.moduleExports()
	prologue := dr.shapes() + dr.scopeDecl() + dr.hoistPatterns() + dr.storageStandIn()
	dr.export(prologue)
	dr.addNotes()
	edits := dr.edits.sorted()
	code, err := ApplyEdits(dr.src, edits)
	if classes := dr.errorClasses(code); err == nil && classes != "" {
		// First among the insertions there: above any note on that line.
		at := dr.exportLine()
		dr.edits.insertFirst(at, classes)
		edits = dr.edits.sorted()
		code, err = ApplyEdits(dr.src, edits)
	}
	if err != nil {
		// Overlapping edits are a bug in the rewrite, never an output.
		dr.findings = append(dr.findings, newFinding(finding.RuleInternalError, in.Hook, "", in.Hook.Origin.Where(),
			"the Action code draft of this hook came out broken, so none is written: "+err.Error()))
		return nil, nil, dr.findings
	}
	draft = &Draft{Edits: edits, Code: code}
	prog = dr.checkDraft(draft)
	return draft, prog, dr.findings
}

// export turns the exported hook function into the Action's handler;
// prologue declares the hook's destructured parameters from the event.
func (dr *drafter) export(prologue string) {
	e := dr.d.Export
	assign := "exports." + dr.t.ActionHandler + " = "
	switch {
	case !e.Declared && !e.Bare && !e.Arrow && !dr.namedFunction():
		dr.edits.add(e.Target.Start, e.Body.Start, assign+"async (event, api) => ")
	case e.Arrow && !e.Declared && !e.Bare:
		dr.edits.add(e.Target.Start, dr.arrowEnd(), assign+"async (event, api) =>")
	case e.Bare:
		dr.edits.add(e.Function.Start, e.Function.Start, assign+dr.asyncPrefix())
		dr.replaceParams()
	case e.Declared:
		dr.edits.add(e.Target.Start, e.Target.End, "exports."+dr.t.ActionHandler)
		dr.edits.add(e.Function.Start, e.Function.Start, dr.asyncPrefix())
		dr.replaceParams()
	default:
		dr.edits.add(e.Target.Start, e.Function.Start, assign)
		dr.edits.add(e.Function.Start, e.Function.Start, dr.asyncPrefix())
		dr.replaceParams()
	}
	dr.insertPrologue(prologue)
}

// insertPrologue puts declarations at the start of the handler's body,
// and wraps the body in the promise that the callback settles when it is
// kept as a function; an expression body becomes a block.
func (dr *drafter) insertPrologue(prologue string) {
	e := dr.d.Export
	indent := dr.bodyIndent()
	open, close := "", ""
	if dr.promise {
		open, close = dr.promiseOpen(indent), dr.promiseClose(indent)
	}
	switch {
	case prologue+open == "":
	case e.ExpressionBody && dr.promise:
		dr.edits.add(e.Body.Start, e.Body.Start, "{\n"+prologue+open+indent+"  ")
		dr.edits.add(e.Body.End, e.Body.End, ";\n"+close+"}")
	case e.ExpressionBody:
		dr.edits.add(e.Body.Start, e.Body.Start, "{\n"+prologue+"  return ")
		dr.edits.add(e.Body.End, e.Body.End, ";\n}")
	default:
		dr.edits.add(e.Body.Start+1, e.Body.Start+1, "\n"+prologue+open)
		if close != "" {
			dr.edits.add(e.Body.End-1, e.Body.End-1, close)
		}
	}
}

// hoistPatterns takes the destructured hook parameters out of the
// parameter list, which becomes (event, api), into declarations from the
// event: const { email } = event.user;. Rewrites inside the patterns are
// applied to the text moved.
func (dr *drafter) hoistPatterns() string {
	var b strings.Builder
	indent := dr.bodyIndent()
	fields := paramFields[dr.t.ID]
	for i, p := range dr.d.Params {
		if p.Name != "" {
			continue
		}
		source := fieldAt(fields, i)[""]
		if dr.objectParam(i) {
			source = dr.shapeOf(i, indent)
		}
		if source == "" {
			line, col := dr.position(p.Span.Start)
			dr.block(line, col, p.Span.Start, fmt.Sprintf("parameter %d of a %s hook has no counterpart on the event", i+1, dr.t.ID))
			source = "undefined"
		}
		fmt.Fprintf(&b, "%sconst %s = %s;\n", indent, dr.edits.extract(dr.src, p.Span.Start, p.Span.End), source)
	}
	return b.String()
}

// exportLine is the start of the line where the exported function, or
// its export, begins.
func (dr *drafter) exportLine() int {
	e := dr.d.Export
	at := e.Function.Start
	if !e.Bare && e.Target != (analyzer.Span{}) && e.Target.Start < at {
		at = e.Target.Start
	}
	return lineStart(dr.src, at)
}

// bodyIndent is the indentation of the handler body's first line.
func (dr *drafter) bodyIndent() string {
	base := dr.indentAt(lineStart(dr.src, dr.d.Export.Function.Start))
	return base + "  "
}

func (dr *drafter) asyncPrefix() string {
	if dr.d.Export.Async {
		return ""
	}
	return "async "
}

// namedFunction is true for function name(...) {...}: the name may be used
// inside, so the function keeps its form.
func (dr *drafter) namedFunction() bool {
	head := string(dr.src[dr.d.Export.Head.Start:dr.d.Export.Head.End])
	head = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(head), "async"))
	head = strings.TrimSpace(strings.TrimPrefix(head, "function"))
	return !strings.HasPrefix(head, "(")
}

// arrowEnd is the offset just past the => of the exported arrow function.
func (dr *drafter) arrowEnd() int {
	from := dr.d.Export.Function.Start
	if n := len(dr.d.Params); n > 0 {
		from = dr.d.Params[n-1].Span.End
	}
	i := bytes.Index(dr.src[from:dr.d.Export.Body.End], []byte("=>"))
	return from + i + 2
}

// replaceParams replaces the hook's parameter list with (event, api).
func (dr *drafter) replaceParams() {
	ps := dr.d.Params
	if len(ps) == 0 {
		return
	}
	dr.edits.add(ps[0].Span.Start, ps[len(ps)-1].Span.End, "event, api")
}

// callbacks converts the calls of the hook's callback, or keeps it as a
// function when it is passed on (see promise.go). They go first: their
// conversions replace whole statements, and the rewrites of other
// parameters inside them then apply only to the code they keep.
func (dr *drafter) callbacks() {
	cb := dr.callbackIndex()
	if cb >= len(dr.d.Params) {
		return
	}
	dr.promise = dr.d.Params[cb].Name != "" && needsPromise(dr.d.Params[cb].Refs)
	if dr.promise {
		return
	}
	for _, r := range dr.d.Params[cb].Refs {
		dr.callbackRef(r)
	}
}

// params rewrites every reference to a hook parameter but the callback.
func (dr *drafter) params() {
	fields := paramFields[dr.t.ID]
	cb := dr.callbackIndex()
	for i, p := range dr.d.Params {
		for _, r := range p.Refs {
			switch {
			case i == cb:
			case dr.edits.overlaps(r.Span.Start, r.Span.End):
				// In code the callback's conversion replaced.
			case dr.shaped[i] != "":
				dr.shapeRef(i, r)
			case i == dr.t.ContextIndex:
				dr.contextRef(r, fieldAt(fields, i))
			case i == scopeIndex && dr.scopeLocal():
				dr.scopeRef(r)
			case i < len(fields):
				dr.fieldRef(i, p.Name, r, fields[i])
			default:
				dr.block(r.Line, r.Column, r.Span.Start, fmt.Sprintf("%s is not a parameter of a %s hook; an Action has no counterpart", p.Name, dr.t.ID))
			}
		}
	}
}

func fieldAt(fields []fieldMap, i int) fieldMap {
	if i < len(fields) {
		return fields[i]
	}
	return fieldMap{}
}

// contextRef rewrites a reference to a field of the hook's context.
func (dr *drafter) contextRef(r analyzer.ParamRef, fields fieldMap) {
	c := r.Chain
	switch {
	case len(c) >= 2 && c[0] == "webtask" && c[1] == "secrets":
		dr.edits.add(r.Span.Start, r.ChainEnds[1], "event.secrets")
	case len(c) == 1 && c[0] == "webtask":
		// The event holds the secrets where context.webtask held them.
		dr.edits.add(r.Span.Start, r.ChainEnds[0], "event")
	case len(c) >= 2 && c[0] == "webtask":
		dr.block(r.Line, r.Column, r.Span.Start, webtaskMessage(c[1]))
		if c[1] == "storage" {
			dr.storageRef(r)
		}
	default:
		dr.fieldRef(dr.t.ContextIndex, "context", r, fields)
	}
}

func webtaskMessage(field string) string {
	switch field {
	case "storage":
		return "context.webtask.storage has no Action equivalent: Actions cannot persist data between executions (api.cache keeps a little, without guarantee)"
	case "meta":
		return "context.webtask.meta has no Action equivalent"
	}
	return "context.webtask." + field + " has no Action equivalent"
}

// fieldRef rewrites a parameter reference through its field map.
func (dr *drafter) fieldRef(i int, name string, r analyzer.ParamRef, fields fieldMap) {
	repl, steps, ok := fields.lookupField(r.Chain)
	if !ok || steps == 0 && len(r.Chain) > 0 && !fields.isValue() {
		dr.block(r.Line, r.Column, r.Span.Start, fmt.Sprintf("%s has no documented field on the Action's event",
			strings.Join(append([]string{name}, r.Chain...), ".")))
		if ok {
			dr.replaceRef(r, r.Span.End, repl)
		}
		return
	}
	end := r.Span.End
	if steps > 0 {
		end = r.ChainEnds[steps-1]
	}
	if c, ok := dr.conversion(i, strings.Join(r.Chain[:steps], ".")); ok {
		dr.note(r.Span.Start, c.note)
		if !r.Write {
			repl += c.suffix
		}
	}
	dr.replaceRef(r, end, repl)
}

// replaceRef replaces a parameter reference up to end; { user } keeps its
// property name.
func (dr *drafter) replaceRef(r analyzer.ParamRef, end int, repl string) {
	if r.Shorthand {
		repl = string(dr.src[r.Span.Start:r.Span.End]) + ": " + repl
	}
	dr.edits.add(r.Span.Start, end, repl)
}

// moduleExports points the hook's reads of module.exports (typeof
// module.exports === 'function', module.exports.version = 2) at the
// handler: in the hook, module.exports was the exported function, in the
// Action it is the object that holds the handler.
func (dr *drafter) moduleExports() {
	e := dr.d.Export
	if !e.Bare && strings.Join(strings.Fields(string(dr.src[e.Target.Start:e.Target.End])), "") != "module.exports" {
		return
	}
	for _, s := range dr.d.ModuleExportsReads {
		dr.edits.add(s.Start, s.End, "exports."+dr.t.ActionHandler)
	}
}

// requires drops the versions pinned in require specifiers: an Action
// declares its dependencies apart.
func (dr *drafter) requires() {
	for _, r := range dr.in.Result.Requires {
		name, version := ParseSpecifier(r.Specifier)
		if version == "" {
			continue
		}
		lit := string(dr.src[r.Span.Start:r.Span.End])
		quote := lit[:1]
		rest := strings.TrimPrefix(r.Specifier, name+"@"+version)
		dr.edits.add(r.Span.Start, r.Span.End, quote+name+rest+quote)
	}
}

func (dr *drafter) globals() {
	for _, g := range dr.d.Globals {
		dr.block(g.Line, g.Column, g.Span.Start, "Actions get no global "+g.Name+" object and no Management API token: "+
			"use the Management API client (node-auth0) with client credentials kept in secrets")
	}
}

// block reports something with no mechanical equivalent and leaves a note
// in the code where it is.
func (dr *drafter) block(line, col, offset int, msg string) {
	h := dr.in.Hook
	dr.findings = append(dr.findings, newFinding(finding.RuleNoActionEquivalent, h, "",
		finding.Location{File: dr.in.Result.File, Line: line, Column: col}, msg))
	dr.note(offset, msg)
}

// note leaves a comment for the reviewer on the line holding offset.
func (dr *drafter) note(offset int, msg string) {
	start := bytes.LastIndexByte(dr.src[:offset], '\n') + 1
	for _, m := range dr.notes[start] {
		if m == msg {
			return
		}
	}
	dr.notes[start] = append(dr.notes[start], msg)
}

func (dr *drafter) addNotes() {
	starts := make([]int, 0, len(dr.notes))
	for s := range dr.notes {
		starts = append(starts, s)
	}
	sort.Ints(starts)
	for _, s := range starts {
		indent := dr.indentAt(s)
		var b strings.Builder
		for _, m := range dr.notes[s] {
			b.WriteString(indent + NotePrefix + oneLine(m) + "\n")
		}
		dr.edits.add(s, s, b.String())
	}
}

func (dr *drafter) indentAt(lineStart int) string {
	end := lineStart
	for end < len(dr.src) && (dr.src[end] == ' ' || dr.src[end] == '\t') {
		end++
	}
	return string(dr.src[lineStart:end])
}

// oneLine keeps a note from breaking out of its // comment.
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ", "\u2028", " ", "\u2029", " ").Replace(s)
}
