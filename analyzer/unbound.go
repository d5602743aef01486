package analyzer

import (
	"bytes"
	"slices"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
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
// script (1-based line, UTF-16 column).
type ModuleError struct {
	Message      string
	Line, Column int
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
	return &ModuleError{Message: msg, Line: line, Column: col}
}

// errorAt positions a message at a parser position (1-based line, byte
// column of the wrapped text).
func (m *Module) errorAt(line, byteCol int, msg string) *ModuleError {
	if line == 1 {
		byteCol -= len(modulePrefix)
	}
	off := m.a.lines.offset(line, byteCol)
	l, c := m.a.lines.position(off)
	return &ModuleError{Message: msg, Line: l, Column: c}
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
	var free []*ast.Identifier
	r := newRefResolver(a, func(id *ast.Identifier, sym *symbol) {
		if sym == nil && !moduleGlobals[id.Name.String()] {
			free = append(free, id)
		}
	})
	Walk(r, m.Program)
	var out []FreeName
	for _, id := range free {
		name := id.Name.String()
		if r.assigned[name] {
			continue
		}
		sp := a.span(id)
		line, col := a.lines.position(sp.Start)
		out = append(out, FreeName{Name: name, Line: line, Column: col, Span: sp})
	}
	return out
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

// resolveNames resolves every name of the script once more, for the
// draft: it records the bindings named like ActionNames, leaving out the
// hook function's parameters, which the draft replaces anyway, and the
// names no declaration binds.
func (a *analysis) resolveNames(d *Detail, params map[*symbol]int) {
	index := map[*symbol]int{}
	var free []*ast.Identifier
	var r *refResolver
	r = newRefResolver(a, func(id *ast.Identifier, sym *symbol) {
		name := id.Name.String()
		if sym == nil {
			if !moduleGlobals[name] {
				free = append(free, id)
			}
			return
		}
		if !slices.Contains(ActionNames, name) {
			return
		}
		if _, isParam := params[sym]; isParam {
			return
		}
		i, seen := index[sym]
		if !seen {
			i = len(d.ActionNames)
			index[sym] = i
			d.ActionNames = append(d.ActionNames, NameBinding{Name: name})
		}
		d.ActionNames[i].Refs = append(d.ActionNames[i].Refs, NameRef{Span: a.span(id), Shorthand: r.shorthand[id]})
	})
	Walk(r, a.ps.program)
	for _, n := range r.moduleExports {
		d.ModuleExportsReads = append(d.ModuleExportsReads, a.span(n))
	}
	for _, id := range free {
		sp := a.span(id)
		line, col := a.lines.position(sp.Start)
		d.FreeNames = append(d.FreeNames, FreeName{Name: id.Name.String(), Line: line, Column: col, Span: sp})
	}
}

// refResolver resolves every identifier reference, declarations
// included, in its scope and hands it to visit with its symbol (nil for
// a name no declaration binds).
type refResolver struct {
	a     *analysis
	stack []*scope
	// next is the scope the walk meets next, in the order they opened.
	next  int
	visit func(*ast.Identifier, *symbol)
	// skip holds identifiers that are names, not references: members,
	// property keys, labels, typeof operands.
	skip map[*ast.Identifier]bool
	// shorthand marks the names of { name } properties.
	shorthand map[*ast.Identifier]bool
	// assigned are the names assigned without any declaration.
	assigned map[string]bool
	// targets are the left sides of assignments, and moduleExports the
	// reads of module.exports that are not one.
	targets       map[ast.Node]bool
	moduleExports []*ast.DotExpression
}

func newRefResolver(a *analysis, visit func(*ast.Identifier, *symbol)) *refResolver {
	// The maps are made on first use (put): many scripts need few of them.
	return &refResolver{a: a, visit: visit}
}

func (w *refResolver) Enter(n ast.Node) bool {
	// The first pass opened the scopes in this same order.
	if all := w.a.scratch.all; w.next < len(all) && all[w.next].node == n {
		w.stack = append(w.stack, all[w.next])
		w.next++
	}
	switch n := n.(type) {
	case *ast.DotExpression:
		if id, ok := n.Left.(*ast.Identifier); ok && !w.targets[n] && id.Name == "module" && n.Identifier.Name == "exports" && w.lookup(id) == nil {
			w.moduleExports = append(w.moduleExports, n)
		}
		// The property is a name, not a reference: walking the object
		// alone spares a skip entry for every member access.
		Walk(w, n.Left)
		return false
	case *ast.PrivateDotExpression:
		Walk(w, n.Left)
		return false
	case *ast.PropertyShort:
		put(&w.shorthand, &n.Name, true)
	case *ast.PropertyKeyed:
		if _, ok := n.Key.(*ast.Identifier); ok && !n.Computed {
			Walk(w, n.Value)
			return false
		}
	case *ast.MethodDefinition:
		w.skipKey(n.Key, n.Computed)
	case *ast.FieldDefinition:
		w.skipKey(n.Key, n.Computed)
	case *ast.MetaProperty:
		put(&w.skip, n.Meta, true)
		put(&w.skip, n.Property, true)
	case *ast.LabelledStatement:
		put(&w.skip, n.Label, true)
	case *ast.BranchStatement:
		if n.Label != nil {
			put(&w.skip, n.Label, true)
		}
	case *ast.UnaryExpression:
		if id, ok := n.Operand.(*ast.Identifier); ok && n.Operator == token.TYPEOF {
			put(&w.skip, id, true)
		}
	case *ast.AssignExpression:
		put(&w.targets, ast.Node(n.Left), true)
		if id, ok := n.Left.(*ast.Identifier); ok && n.Operator == token.ASSIGN && w.lookup(id) == nil {
			put(&w.assigned, id.Name.String(), true)
		}
	case *ast.Identifier:
		if !w.skip[n] {
			w.visit(n, w.lookup(n))
		}
	}
	return true
}

func (w *refResolver) Exit(n ast.Node) {
	if k := len(w.stack); k > 1 && w.stack[k-1].node == n {
		w.stack = w.stack[:k-1]
	}
}

func (w *refResolver) skipKey(key ast.Expression, computed bool) {
	if id, ok := key.(*ast.Identifier); ok && !computed {
		put(&w.skip, id, true)
	}
}

func (w *refResolver) lookup(id *ast.Identifier) *symbol {
	if len(w.stack) == 0 {
		return nil
	}
	sym := w.stack[len(w.stack)-1].lookup(id.Name.String())
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

func setOf(names ...string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}
