package analyzer

import (
	"cmp"
	"slices"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

type scopeKind uint8

const (
	scopeBlock scopeKind = iota
	scopeFunc            // function, method, static block or the program
	scopeArrow           // an arrow function: owns its parameters, not its this
	scopeClass
)

// scope is one lexical scope. Scopes hold few names, so a slice searched
// linearly is faster and far lighter than a map; a scope that grows past
// ownMapAt names (a generated script's thousand vars) gets a map as well.
type scope struct {
	parent *scope
	kind   scopeKind
	node   ast.Node
	names  []*symbol
	byName map[string]*symbol
	// fn is the function literal whose body this scope is (scopeFunc, scopeArrow).
	fn ast.Node
	// class is the class whose this is in view (methods and class scopes).
	class *ast.ClassLiteral
	// pre numbers the scopes in the order they open, and last is the
	// highest number opened inside this one: s encloses t exactly when
	// s.pre <= t.pre <= s.last.
	pre, last int32
	// depth counts the scopes around this one.
	depth int32
	index *nameIndex
}

const ownMapAt = 16

// symbol is one declared binding. Its abstract value grows monotonically
// during the flow pass.
type symbol struct {
	name  string
	scope *scope
	val   val
	// funcs are the function and class literals assigned to the binding,
	// so that calls through it can be followed into helpers.
	funcs []ast.Node
	// objects are the object literals assigned to it (helpers.send(...)).
	objects []*ast.ObjectLiteral
	// constInit is the initializer of a const binding, for folding keys.
	constInit ast.Expression
	// fnName marks the name binding of a named function expression, which
	// a parameter or var of the same name shadows.
	fnName bool
	// implicit marks a global that only an assignment creates.
	implicit bool
	// sameName chains the symbols of one name, latest first; outer
	// is the nearest one whose scope encloses this one's (see nameIndex).
	sameName, outer *symbol
}

// nameIndex finds the binding a name resolves to without walking the
// scope chain, whose length grows with nesting: of the symbols with that
// name, it is the one in the innermost scope enclosing the reference. Most
// scripts nest a handful of scopes deep, and for them walking the chain is
// cheaper than building the index: it is built only past indexDepth.
type nameIndex struct {
	// first holds one symbol of each name, the others chained from it.
	first map[string]*symbol
	// shared holds, for each name declared more than once, its symbols
	// sorted by their scope's pre, linked through outer.
	shared map[string][]*symbol
}

// indexDepth is a variable for the test that checks both ways agree.
var indexDepth int32 = 24

func (x *nameIndex) add(sym *symbol) {
	sym.sameName = x.first[sym.name]
	x.first[sym.name] = sym
}

// build indexes every symbol of scopes, once every declaration is known
// and before the first lookup; building it again takes in new symbols.
func (x *nameIndex) build(scopes []*scope) {
	if x.first == nil {
		x.first = make(map[string]*symbol)
	}
	clear(x.first)
	clear(x.shared)
	for _, sc := range scopes {
		for _, sym := range sc.names {
			x.add(sym)
		}
	}
	for name, sym := range x.first {
		if sym.sameName == nil {
			continue
		}
		var list []*symbol
		for s := sym; s != nil; s = s.sameName {
			list = append(list, s)
		}
		slices.SortFunc(list, func(a, b *symbol) int { return cmp.Compare(a.scope.pre, b.scope.pre) })
		// A stack of the enclosing symbols gives each its nearest one.
		var open []*symbol
		for _, s := range list {
			for len(open) > 0 && !open[len(open)-1].scope.encloses(s.scope) {
				open = open[:len(open)-1]
			}
			s.outer = nil
			if len(open) > 0 {
				s.outer = open[len(open)-1]
			}
			open = append(open, s)
		}
		if x.shared == nil {
			x.shared = make(map[string][]*symbol)
		}
		x.shared[name] = list
	}
}

func (s *scope) encloses(t *scope) bool { return s.pre <= t.pre && t.pre <= s.last }

func (s *scope) lookup(name string) *symbol {
	x := s.index
	if x.first == nil {
		for sc := s; sc != nil; sc = sc.parent {
			if sym := sc.own(name); sym != nil {
				return sym
			}
		}
		return nil
	}
	sym := x.first[name]
	if sym == nil {
		return nil
	}
	if sym.sameName == nil {
		if sym.scope.encloses(s) {
			return sym
		}
		return nil
	}
	// The last symbol opened at or before s, then the ones enclosing it:
	// every symbol whose scope encloses s encloses that one too.
	list := x.shared[name]
	i, _ := slices.BinarySearchFunc(list, s.pre, func(sym *symbol, pre int32) int {
		if sym.scope.pre <= pre {
			return -1
		}
		return 1
	})
	if i == 0 {
		return nil
	}
	for sym := list[i-1]; sym != nil; sym = sym.outer {
		if sym.scope.encloses(s) {
			return sym
		}
	}
	return nil
}

func (s *scope) own(name string) *symbol {
	if s.byName != nil {
		return s.byName[name]
	}
	for _, sym := range s.names {
		if sym.name == name {
			return sym
		}
	}
	return nil
}

// varScope is the scope a var declaration hoists to.
func (s *scope) varScope() *scope {
	sc := s
	for sc.parent != nil && sc.kind != scopeFunc && sc.kind != scopeArrow {
		sc = sc.parent
	}
	return sc
}

// thisClass is the class whose instance this refers to, if any: arrows
// inherit this, other functions bind their own.
func (s *scope) thisClass() *ast.ClassLiteral {
	for sc := s; sc != nil; sc = sc.parent {
		switch sc.kind {
		case scopeFunc, scopeClass:
			return sc.class
		}
	}
	return nil
}

// enclosingFunc is the function literal a return statement belongs to.
func (s *scope) enclosingFunc() ast.Node {
	for sc := s; sc != nil; sc = sc.parent {
		if sc.kind == scopeFunc || sc.kind == scopeArrow {
			return sc.fn
		}
	}
	return nil
}

// bindEdge is an assignment of src's value to a binding pattern: a
// declarator, an assignment, a parameter default.
type bindEdge struct {
	target ast.Expression
	src    ast.Expression
	scope  *scope
	flag   val
}

type callSite struct {
	call  ast.Expression // *ast.CallExpression or *ast.NewExpression
	scope *scope
	// The call resolved once every binding's functions are known (see
	// resolveCalls): the flow and the collector both use it.
	callee ast.Expression
	fns    []ast.Node
	args   []ast.Expression
}

// candidate is a node the collection step examines once every value is
// known, with the scope it sits in. Recording them in the first walk spares
// a second walk over the whole tree.
type candidate struct {
	node  ast.Node
	scope *scope
	// site is, for a call, 1 + its index in the call sites; 0 otherwise.
	site int32
}

type returnEdge struct {
	fn    ast.Node
	expr  ast.Expression
	scope *scope
}

// funcInfo is what the flow pass needs about a function literal.
type funcInfo struct {
	params  *ast.ParameterList
	scope   *scope
	returns val
}

// declarer is the first pass: it declares every binding in its scope
// (hoisting var and function declarations) and records the edges along
// which values flow. Identifiers are resolved only afterwards, when every
// declaration is known.
type declarer struct {
	a   *analysis
	cur *scope
	// The walker enters a declaration's function or class literal right
	// after the declaration, and a method's function right after its key,
	// so remembering the last one seen is enough to recognise them.
	declaredLiteral ast.Node
	method          *ast.FunctionLiteral
	// chainInner is the Left of the member access entered last.
	chainInner ast.Node
	// argumentsNames stacks the property names spelled arguments of the
	// member accesses entered (x.arguments), which are no reads: the
	// walker enters each name after its object, and so the names of
	// a.arguments.arguments innermost first.
	argumentsNames []*ast.Identifier
	// opened counts the scopes opened so far.
	opened int32
	// global is the program's scope.
	global *scope
	// deepest is the greatest depth of a scope.
	deepest int32
}

// indexNames readies name lookups once every declaration is known: a
// deeply nested script gets its name index.
func (d *declarer) indexNames() {
	if d.deepest > indexDepth {
		d.a.scratch.index.build(d.a.scratch.all)
	}
}

// commonJSNames are the module wrapper's parameters: assigning one
// rebinds it, it does not create a global.
var commonJSNames = map[string]bool{"module": true, "exports": true, "require": true, "__filename": true, "__dirname": true}

// implicitGlobals declares, in the program's scope, the names assigned
// without any declaration (helper = (user, context) => ...), as a sloppy
// mode script creates them, so that values and helpers flow through them
// like through declared ones. It runs once every declaration is known and
// reports whether it declared any.
func (d *declarer) implicitGlobals() bool {
	added := false
	for _, e := range d.a.scratch.binds {
		id, ok := e.target.(*ast.Identifier)
		if !ok || commonJSNames[id.Name.String()] || e.scope.lookup(id.Name.String()) != nil {
			continue
		}
		if d.global.own(id.Name.String()) == nil {
			d.declare(d.global, id).implicit = true
			added = true
		}
	}
	return added
}

func (d *declarer) push(kind scopeKind, node ast.Node) *scope {
	s := d.a.scratch.newScope()
	*s = scope{parent: d.cur, kind: kind, node: node, pre: d.opened, last: d.opened, index: &d.a.scratch.index}
	d.opened++
	if d.cur != nil {
		s.depth = d.cur.depth + 1
		d.deepest = max(d.deepest, s.depth)
	}
	if d.cur != nil && kind != scopeFunc {
		s.class = d.cur.class
	}
	d.cur = s
	return s
}

func (d *declarer) declare(sc *scope, id *ast.Identifier) *symbol {
	name := id.Name.String()
	if sym := sc.own(name); sym != nil {
		if sym.fnName {
			// No lookup has happened yet, so the binding can be reset in place.
			*sym = symbol{name: name, scope: sc, sameName: sym.sameName}
		}
		return sym
	}
	sym := d.a.scratch.newSymbol(name, sc)
	if sc.names == nil {
		sc.names = d.a.scratch.nameSlots()
	}
	sc.names = append(sc.names, sym)
	switch {
	case sc.byName != nil:
		sc.byName[name] = sym
	case len(sc.names) == ownMapAt:
		sc.byName = make(map[string]*symbol, 2*ownMapAt)
		for _, s := range sc.names {
			sc.byName[s.name] = s
		}
	}
	return sym
}

// declarePattern declares every identifier a binding pattern introduces.
func (d *declarer) declarePattern(sc *scope, target ast.Expression) {
	switch t := target.(type) {
	case *ast.Identifier:
		d.declare(sc, t)
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				d.declare(sc, &p.Name)
			case *ast.PropertyKeyed:
				d.declarePattern(sc, p.Value)
			}
		}
		if t.Rest != nil {
			d.declarePattern(sc, t.Rest)
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			if e != nil {
				d.declarePattern(sc, e)
			}
		}
		if t.Rest != nil {
			d.declarePattern(sc, t.Rest)
		}
	case *ast.AssignExpression:
		d.declarePattern(sc, t.Left)
	}
}

func (d *declarer) bindings(sc *scope, list []*ast.Binding, isConst bool) {
	for _, b := range list {
		if id, ok := b.Target.(*ast.Identifier); ok {
			sym := d.declare(sc, id)
			if isConst && b.Initializer != nil {
				sym.constInit = b.Initializer
			}
		} else {
			d.declarePattern(sc, b.Target)
		}
		if b.Initializer == nil {
			continue
		}
		d.a.scratch.binds = append(d.a.scratch.binds, bindEdge{target: b.Target, src: b.Initializer, scope: d.cur, flag: fAlias})
	}
}

func (d *declarer) params(fn ast.Node, sc *scope, pl *ast.ParameterList) {
	info := d.a.scratch.newFunc()
	*info = funcInfo{params: pl, scope: sc}
	d.a.funcs[fn] = info
	if pl == nil {
		return
	}
	for _, b := range pl.List {
		d.declarePattern(sc, b.Target)
		if b.Initializer != nil {
			d.a.scratch.binds = append(d.a.scratch.binds, bindEdge{target: b.Target, src: b.Initializer, scope: sc, flag: fAlias})
		}
	}
	if pl.Rest != nil {
		d.declarePattern(sc, pl.Rest)
	}
}

func (d *declarer) Enter(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Program:
		d.global = d.push(scopeFunc, n)
	case *ast.FunctionDeclaration:
		if n.Function.Name != nil {
			sym := d.declare(d.cur, n.Function.Name)
			sym.funcs = append(sym.funcs, n.Function)
		}
		d.declaredLiteral = n.Function
	case *ast.FunctionLiteral:
		d.enterFunction(n)
	case *ast.ArrowFunctionLiteral:
		sc := d.push(scopeArrow, n)
		sc.fn = n
		d.params(n, sc, n.ParameterList)
		if body, ok := n.Body.(*ast.ExpressionBody); ok {
			d.a.scratch.returns = append(d.a.scratch.returns, returnEdge{fn: n, expr: body.Expression, scope: sc})
		}
	case *ast.BlockStatement:
		if d.cur.kind == scopeFunc || d.cur.kind == scopeArrow {
			if body := funcBody(d.cur.fn); body == n {
				return true
			}
		}
		d.push(scopeBlock, n)
	case *ast.ForStatement, *ast.SwitchStatement:
		d.push(scopeBlock, n)
	case *ast.ForInStatement, *ast.ForOfStatement:
		d.push(scopeBlock, n)
		d.candidate(n)
	case *ast.CatchStatement:
		d.push(scopeBlock, n)
		if n.Parameter != nil {
			d.declarePattern(d.cur, n.Parameter)
		}
	case *ast.ClassDeclaration:
		if n.Class.Name != nil {
			sym := d.declare(d.cur, n.Class.Name)
			sym.funcs = append(sym.funcs, n.Class)
		}
		d.declaredLiteral = n.Class
	case *ast.ClassLiteral:
		sc := d.push(scopeClass, n)
		sc.class = n
		if n.Name != nil && d.declaredLiteral != ast.Node(n) {
			d.declare(sc, n.Name).funcs = []ast.Node{n}
		}
	case *ast.MethodDefinition:
		d.method = n.Body
	case *ast.ClassStaticBlock:
		sc := d.push(scopeFunc, n)
		sc.class = d.cur.parent.class
	case *ast.VariableStatement:
		d.bindings(d.cur.varScope(), n.List, false)
	case *ast.ForLoopInitializerVarDeclList:
		d.bindings(d.cur.varScope(), n.List, false)
	case *ast.ForIntoVar:
		d.bindings(d.cur.varScope(), []*ast.Binding{n.Binding}, false)
	case *ast.LexicalDeclaration:
		d.bindings(d.cur, n.List, n.Token == token.CONST)
	case *ast.ForDeclaration:
		d.declarePattern(d.cur, n.Target)
	case *ast.AssignExpression:
		switch n.Operator {
		case token.ASSIGN, token.LOGICAL_OR, token.LOGICAL_AND, token.COALESCE:
			d.a.scratch.binds = append(d.a.scratch.binds, bindEdge{target: n.Left, src: n.Right, scope: d.cur, flag: fAlias})
		}
	case *ast.CallExpression:
		d.callSite(n)
		if isRequireCall(n) {
			d.a.scratch.requires = append(d.a.scratch.requires, callSite{call: n, scope: d.cur})
		}
	case *ast.NewExpression:
		d.callSite(n)
	case *ast.DotExpression:
		d.member(n, n.Left)
		if n.Identifier.Name == "arguments" {
			d.argumentsNames = append(d.argumentsNames, &n.Identifier)
		}
	case *ast.Identifier:
		// arguments read in the hook function holds its context: the
		// collector reports it (a property named arguments is no read).
		if n.Name == "arguments" {
			d.argumentsRead(n)
		}
	case *ast.BracketExpression:
		d.member(n, n.Left)
	case *ast.SpreadElement, *ast.WithStatement, *ast.ObjectLiteral, *ast.ArrayLiteral:
		d.candidate(n)
	case *ast.BinaryExpression:
		if n.Operator == token.IN {
			d.candidate(n)
		}
	case *ast.ReturnStatement:
		if n.Argument != nil {
			if fn := d.cur.enclosingFunc(); fn != nil {
				d.a.scratch.returns = append(d.a.scratch.returns, returnEdge{fn: fn, expr: n.Argument, scope: d.cur})
			}
		}
	}
	return true
}

// member records only the outermost access of a chain such as
// context.webtask.secrets.KEY; the collector walks down the chain itself.
// The walker enters the chain's inner accesses right after the outer one,
// through Left, so remembering the expected Left is enough to know them.
func (d *declarer) member(n ast.Node, left ast.Expression) {
	if ast.Node(n) != d.chainInner {
		d.candidate(n)
	}
	d.chainInner = unwrapOptional(left)
}

// argumentsRead makes a candidate of an identifier spelled arguments
// unless it is the name of the member access entered last that has one.
func (d *declarer) argumentsRead(n *ast.Identifier) {
	if k := len(d.argumentsNames); k > 0 && d.argumentsNames[k-1] == n {
		d.argumentsNames = d.argumentsNames[:k-1]
		return
	}
	d.candidate(n)
}

// callSite records a call both as a call site and as a candidate that
// knows it.
func (d *declarer) callSite(n ast.Expression) {
	s := d.a.scratch
	s.calls = append(s.calls, callSite{call: n, scope: d.cur})
	s.cands = append(s.cands, candidate{node: n, scope: d.cur, site: int32(len(s.calls))})
}

func (d *declarer) candidate(n ast.Node) {
	d.a.scratch.cands = append(d.a.scratch.cands, candidate{node: n, scope: d.cur})
}

func (d *declarer) enterFunction(n *ast.FunctionLiteral) {
	isMethod := n == d.method
	sc := d.push(scopeFunc, n)
	sc.fn = n
	if isMethod {
		sc.class = sc.parent.class
	}
	if n.Name != nil && d.declaredLiteral != ast.Node(n) && !isMethod {
		sym := d.declare(sc, n.Name)
		sym.fnName = true
		sym.funcs = []ast.Node{n}
	}
	d.params(n, sc, n.ParameterList)
}

func (d *declarer) Exit(n ast.Node) {
	if d.cur != nil && d.cur.node == n {
		d.cur.last = d.opened - 1
		d.cur = d.cur.parent
	}
}

func funcBody(fn ast.Node) ast.Node {
	switch fn := fn.(type) {
	case *ast.FunctionLiteral:
		return fn.Body
	case *ast.ArrowFunctionLiteral:
		if b, ok := fn.Body.(*ast.BlockStatement); ok {
			return b
		}
	}
	return nil
}

// isRequireCall matches require('literal'); whether require is the global
// one is settled once every declaration is known.
func isRequireCall(n *ast.CallExpression) bool {
	id, ok := n.Callee.(*ast.Identifier)
	if !ok || id.Name != "require" || len(n.ArgumentList) == 0 {
		return false
	}
	_, ok = n.ArgumentList[0].(*ast.StringLiteral)
	return ok
}
