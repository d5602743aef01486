package analyzer

import (
	"bytes"
	"slices"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
	"github.com/dop251/goja/unistring"
)

// modulePrefix wraps a script as Node wraps a CommonJS module. It has no
// newline, so lines stay exact and only columns of line 1 move.
const modulePrefix = "(function (exports, require, module, __filename, __dirname) {"

// Module is a script parsed as Node runs it: the body of a CommonJS
// module function. Drafted Actions are checked in this form.
type Module struct {
	// Program is the wrapped script's AST; goja's compiler takes it as is.
	Program *ast.Program
	a       *analysis
}

// ModuleError is a syntax error of a module, with its position in the
// script (1-based line, UTF-16 column) and the byte offset it is at.
type ModuleError struct {
	Message      string
	Line, Column int
	Offset       int
}

func (e *ModuleError) Error() string { return e.Message }

// FreeName is an identifier that no declaration of the script binds and
// that is not a global of Node or JavaScript.
type FreeName struct {
	Name         string
	Line, Column int
	Span         Span
}

// ParseModule parses src as the body of a CommonJS module. It fails with
// the parser's first error, positioned in src.
func ParseModule(filename string, src []byte) (*Module, *ModuleError) {
	wrapped := make([]byte, 0, len(modulePrefix)+len(src)+3)
	wrapped = append(wrapped, modulePrefix...)
	if bytes.HasPrefix(src, []byte("#!")) {
		// A hashbang is legal only at the very start: keep its length.
		wrapped = append(append(wrapped, "//"...), src[2:]...)
	} else {
		wrapped = append(wrapped, src...)
	}
	wrapped = append(wrapped, "\n})"...)
	m := &Module{a: &analysis{src: src, file: filename, lines: newLineTable(src)}}
	prog, err := parseOnce(filename, wrapped)
	m.a.ps = &parsedScript{program: prog, shift: len(modulePrefix), srcLen: len(src)}
	if err != nil {
		first := firstError(err)
		return nil, m.errorAt(first.Position.Line, first.Position.Column, first.Message)
	}
	m.Program = prog
	return m, nil
}

// ErrorAt positions a message at a 0-based byte offset of the wrapped
// program, as goja's compiler reports them.
func (m *Module) ErrorAt(offset int, msg string) *ModuleError {
	off := m.a.ps.offset(offset + 1)
	line, col := m.a.lines.position(off)
	return &ModuleError{Message: msg, Line: line, Column: col, Offset: off}
}

// errorAt positions a message at a parser position (1-based line, byte
// column of the wrapped text).
func (m *Module) errorAt(line, byteCol int, msg string) *ModuleError {
	if line == 1 {
		byteCol -= len(modulePrefix)
	}
	off := m.a.lines.offset(line, byteCol)
	l, c := m.a.lines.position(off)
	return &ModuleError{Message: msg, Line: l, Column: c, Offset: off}
}

// FreeNames lists, in source order, the identifiers the module reads or
// calls that no declaration binds: neither its own, nor the module
// function's (require, module, exports...), nor a global of Node or
// JavaScript. A name assigned without a declaration (an implicit global)
// counts as bound. typeof x is safe on any name and is not listed.
func (m *Module) FreeNames() []FreeName {
	a := m.a
	a.takeScratch()
	defer a.dropScratch()
	a.declareScopes(m.Program)
	r := &refResolver{a: a, wantAssigned: true}
	r.walk(m.Program)
	var out []FreeName
	for _, id := range r.free {
		if !r.assigned[id.Name.String()] {
			out = append(out, a.freeName(id))
		}
	}
	return out
}

func (a *analysis) freeName(id *ast.Identifier) FreeName {
	sp := a.identSpan(id)
	line, col := a.lines.position(sp.Start)
	return FreeName{Name: id.Name.String(), Line: line, Column: col, Span: sp}
}

// ActionNames are the names an Action's handler binds itself: a hook's
// own bindings of them must be renamed in a draft.
var ActionNames = []string{"event", "api"}

// NameBinding is one binding of the script named like one of ActionNames,
// with every identifier that declares or references it.
type NameBinding struct {
	Name string
	Refs []NameRef
}

// NameRef is one identifier of a binding. Shorthand marks { name } in an
// object literal or pattern, which a rename must spell { name: other }.
type NameRef struct {
	Span      Span
	Shorthand bool
}

// resolveNames walks the whole program once, for the draft: it records
// the bindings named like ActionNames, leaving out the hook function's
// parameters, which the draft replaces anyway, and the names no
// declaration binds. r carries the hook walker, which records the
// references to the hook's parameters inside the hook function.
func (a *analysis) resolveNames(d *Detail, r *refResolver) {
	r.walk(a.ps.program)
	if len(r.moduleExports) > 0 {
		d.ModuleExportsReads = make([]Span, 0, len(r.moduleExports))
	}
	for _, n := range r.moduleExports {
		d.ModuleExportsReads = append(d.ModuleExportsReads, a.span(n))
	}
	if len(r.free) > 0 {
		d.FreeNames = make([]FreeName, 0, len(r.free))
	}
	for _, id := range r.free {
		d.FreeNames = append(d.FreeNames, a.freeName(id))
	}
}

// refResolver resolves every identifier reference of a program,
// declarations included, in its scope: it keeps those no declaration
// binds (free) and, for a Detail (d), the bindings named like
// ActionNames. In detail mode it carries the hook walker (hook), which
// records the references to the hook's parameters inside the hook
// function: one walk and one switch per node serve both. The walk covers
// the whole script, so the steps per node are pointer comparisons (the
// node the parent said comes next) rather than sets, and names are
// looked up only where the answer can matter.
type refResolver struct {
	a    *analysis
	d    *Detail
	hook *refWalker // nil for a module's free names
	// active is hook while the walk is in the hook function.
	active *refWalker
	stack  []*scope
	// scopes are the scopes in the order they opened, next the index of
	// the one the walk meets next and nextNode its node.
	scopes   []*scope
	next     int
	nextNode ast.Node
	// notRef is a name that is not a reference (a label, a key, a typeof
	// operand, new.target's new): the parent sets it and the walk enters
	// it next. notRefNext is the one entered right after (target).
	notRef, notRefNext *ast.Identifier
	// short is the { name } property entered last: its name comes next.
	short *ast.PropertyShort
	// target is the left side of the assignment entered last, which the
	// walk enters next.
	target ast.Expression
	// free are the references no declaration binds, in source order.
	free []*ast.Identifier
	// assigned are the names assigned without any declaration, wanted
	// only by FreeNames.
	assigned     map[string]bool
	wantAssigned bool
	// moduleExports are the reads of module.exports that do not assign it.
	moduleExports []*ast.DotExpression
	// actionIndex maps each binding named like ActionNames to its index
	// in d.ActionNames.
	actionIndex map[*symbol]int
}

func (r *refResolver) cur() *scope { return r.stack[len(r.stack)-1] }

// walk walks prog, whose scopes the first pass opened.
func (r *refResolver) walk(prog ast.Node) {
	r.scopes, r.next = r.a.scratch.all, 0
	r.advance()
	Walk(r, prog)
}

// advance readies the next scope to open.
func (r *refResolver) advance() {
	r.nextNode = nil
	if r.next < len(r.scopes) {
		r.nextNode = r.scopes[r.next].node
	}
}

// Enter does the resolver's step and, inside the hook function (h not
// nil), the hook walker's. Leaves and member accesses return false, which
// spares the walker a call of Exit; they leave the hook walker's level
// themselves.
func (r *refResolver) Enter(n ast.Node) bool {
	// The first pass opened the scopes in this same order.
	if n == r.nextNode {
		r.stack = append(r.stack, r.scopes[r.next])
		r.next++
		r.advance()
	}
	h := r.active
	if h == nil && r.hook != nil && n == r.hook.fn {
		h, r.active = r.hook, r.hook
	}
	if h != nil {
		h.place(n)
	}
	switch n := n.(type) {
	case *ast.Identifier:
		r.identifier(n, h)
		return h.leaf()
	case *ast.StringLiteral, *ast.NumberLiteral, *ast.BooleanLiteral, *ast.NullLiteral,
		*ast.ThisExpression, *ast.TemplateElement, *ast.RegExpLiteral:
		return h.leaf()
	case *ast.DotExpression:
		if h != nil {
			h.member(n, n.Left)
		}
		if id, ok := n.Left.(*ast.Identifier); ok && ast.Expression(n) != r.target && id.Name == "module" && n.Identifier.Name == "exports" && r.lookup(id) == nil {
			r.moduleExports = append(r.moduleExports, n)
		}
		// The property is a name, not a reference: walking the object
		// alone spares entering it.
		walkNode(r, n.Left)
		return h.leaf()
	case *ast.PrivateDotExpression:
		walkNode(r, n.Left)
		return h.leaf()
	case *ast.BracketExpression:
		if h != nil {
			h.member(n, n.Left)
		}
	case *ast.CallExpression:
		if h != nil {
			h.notePromiseCallbacks(n)
			h.callOn(n)
		}
	case *ast.FunctionLiteral:
		if h != nil {
			h.enterFunction(n)
			h.declares(n.Name) // a declaration, even when a parameter shares its name
		}
	case *ast.ArrowFunctionLiteral:
		if h != nil {
			h.enterFunction(n)
		}
	case *ast.ClassLiteral:
		if h != nil {
			h.declares(n.Name)
		}
	case *ast.BlockStatement, *ast.CaseStatement:
		if h != nil {
			h.lists = append(h.lists, h.level)
		}
	case *ast.ObjectLiteral:
		if h != nil {
			h.objects = append(h.objects, h.level)
		}
	case *ast.PropertyShort:
		r.short = n
		if h != nil {
			h.propertyShort(n)
		}
	case *ast.PropertyKeyed:
		r.notRefKey(n.Key, n.Computed)
	case *ast.MethodDefinition:
		r.notRefKey(n.Key, n.Computed)
		if h != nil && !n.Computed {
			h.declaresKey(n.Key)
		}
	case *ast.FieldDefinition:
		r.notRefKey(n.Key, n.Computed)
		if h != nil && !n.Computed {
			h.declaresKey(n.Key)
		}
	case *ast.MetaProperty:
		r.notRef, r.notRefNext = n.Meta, n.Property
	case *ast.LabelledStatement:
		r.notRef = n.Label
		if h != nil {
			h.declares(n.Label)
		}
	case *ast.BranchStatement:
		r.notRef = n.Label
		if h != nil {
			h.declares(n.Label)
		}
	case *ast.UnaryExpression:
		if id, ok := n.Operand.(*ast.Identifier); ok && n.Operator == token.TYPEOF {
			r.notRef = id
		}
		if h != nil && (n.Operator == token.INCREMENT || n.Operator == token.DECREMENT) {
			h.written = n.Operand
		}
	case *ast.AssignExpression:
		r.target = n.Left
		if h != nil {
			h.written = unwrapOptional(n.Left)
		}
		if id, ok := n.Left.(*ast.Identifier); ok && r.wantAssigned && n.Operator == token.ASSIGN && r.lookup(id) == nil {
			put(&r.assigned, id.Name.String(), true)
		}
	case *ast.ExpressionStatement:
		if h != nil {
			h.statement, h.statementOf, h.listed = n, n.Expression, h.inList()
			h.memberAssign(n)
		}
	case *ast.ReturnStatement:
		if h != nil {
			h.statement, h.statementOf, h.listed = n, n.Argument, h.inList()
		}
	case *ast.VariableStatement:
		if h != nil {
			h.localObjects(n.List)
		}
	case *ast.LexicalDeclaration:
		if h != nil {
			h.localObjects(n.List)
		}
	}
	return true
}

func (r *refResolver) Exit(n ast.Node) {
	if h := r.active; h != nil && h.leave() {
		r.active = nil // out of the hook function
	}
	if k := len(r.stack); k > 1 && r.stack[k-1].node == n {
		r.stack = r.stack[:k-1]
	}
}

// notRefKey marks the key of a property, method or field when it is a
// name rather than a computed value.
func (r *refResolver) notRefKey(key ast.Expression, computed bool) {
	if id, ok := key.(*ast.Identifier); ok && !computed {
		r.notRef = id
	}
}

// identifier resolves one identifier, which the hook walker h, when in
// the hook function, may record too.
func (r *refResolver) identifier(id *ast.Identifier, h *refWalker) {
	name := nameOf(id.Name)
	if id == r.notRef {
		r.notRef, r.notRefNext = r.notRefNext, nil
		if h != nil {
			h.identifier(id, name, nil, false)
		}
		return
	}
	if moduleGlobalNames.has(name) && moduleGlobals[name] && !isActionName(name) {
		// Never free, and no binding a draft renames: resolving it
		// would tell nothing (those names that miss every scope cost
		// the longest lookups).
		if h != nil {
			h.identifier(id, name, nil, false)
		}
		return
	}
	var sym *symbol
	if len(r.stack) > 0 {
		sym = r.cur().lookup(name)
	}
	if h != nil {
		h.identifier(id, name, sym, true)
	}
	if sym != nil && sym.implicit {
		sym = nil // assigned without a declaration: listed as such here
	}
	if sym == nil {
		if !moduleGlobals[name] {
			r.free = append(r.free, id)
		}
		return
	}
	if r.d != nil && isActionName(name) && !r.hook.isParam(sym) {
		r.actionRef(id, sym, name)
	}
}

// actionRef records a reference to a binding named like ActionNames.
func (r *refResolver) actionRef(id *ast.Identifier, sym *symbol, name string) {
	d := r.d
	i, seen := r.actionIndex[sym]
	if !seen {
		i = len(d.ActionNames)
		put(&r.actionIndex, sym, i)
		d.ActionNames = append(d.ActionNames, NameBinding{Name: name})
	}
	shorthand := r.short != nil && id == &r.short.Name
	d.ActionNames[i].Refs = append(d.ActionNames[i].Refs, NameRef{Span: r.a.identSpan(id), Shorthand: shorthand})
}

func isActionName(name string) bool { return slices.Contains(ActionNames, name) }

// lookup resolves id in the current scope; a name only assigned without
// a declaration resolves to nothing.
func (r *refResolver) lookup(id *ast.Identifier) *symbol {
	if len(r.stack) == 0 {
		return nil
	}
	sym := r.cur().lookup(id.Name.String())
	if sym != nil && sym.implicit {
		return nil // assigned without a declaration: listed as such here
	}
	return sym
}

// moduleGlobals are the names a Node module may use without declaring
// them: JavaScript's globals, Node's, and a function's arguments.
var moduleGlobals = setOf(
	// ECMAScript
	"globalThis", "undefined", "NaN", "Infinity", "eval", "isFinite", "isNaN", "parseFloat", "parseInt",
	"decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape",
	"Object", "Function", "Boolean", "Symbol", "Error", "AggregateError", "EvalError", "RangeError",
	"ReferenceError", "SyntaxError", "TypeError", "URIError", "Number", "BigInt", "Math", "Date",
	"String", "RegExp", "Array", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array",
	"Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array",
	"BigUint64Array", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry",
	"ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "JSON", "Promise", "Reflect", "Proxy",
	"Intl", "WebAssembly", "arguments",
	// Node
	"global", "process", "Buffer", "console", "setTimeout", "clearTimeout", "setInterval",
	"clearInterval", "setImmediate", "clearImmediate", "queueMicrotask", "structuredClone", "URL",
	"URLSearchParams", "TextEncoder", "TextDecoder", "AbortController", "AbortSignal", "Event",
	"EventTarget", "MessageChannel", "MessagePort", "MessageEvent", "BroadcastChannel", "Blob", "File",
	"FormData", "Headers", "Request", "Response", "fetch", "atob", "btoa", "crypto", "Crypto",
	"CryptoKey", "SubtleCrypto", "performance", "DOMException", "WebSocket", "ReadableStream",
	"WritableStream", "TransformStream", "CompressionStream", "DecompressionStream", "navigator",
	// The CommonJS module function's own parameters, in case a draft is
	// checked outside the wrapper.
	"require", "module", "exports", "__filename", "__dirname",
)

// moduleGlobalNames lets most names skip the lookup in moduleGlobals.
var moduleGlobalNames = func() (f nameFilter) {
	for name := range moduleGlobals {
		f.add(name)
	}
	return f
}()

// nameFilter is a set of names that answers "maybe" or "no" with one
// bit test on a name's first byte and length: a prefilter for the few
// names a walk looks for among every identifier of a script.
type nameFilter [64]uint64

func (f *nameFilter) add(name string) {
	if name != "" {
		f[name[0]&63] |= 1 << (len(name) & 63)
	}
}

func (f *nameFilter) has(name string) bool {
	return name != "" && f[name[0]&63]&(1<<(len(name)&63)) != 0
}

// nameOf is id.Name.String() without the call for an ASCII name, the
// common case: unistring keeps other names as UTF-16, whose first bytes
// (a byte order mark) are not ASCII.
func nameOf(u unistring.String) string {
	if s := string(u); len(s) < 2 || s[0] < 0x80 && s[1] < 0x80 {
		return s
	}
	return u.String()
}

func setOf(names ...string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}
