package analyzer

import (
	"bytes"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// detail revisits the hook function to record what a rewrite into an
// Action needs. It runs only when asked: the audit itself does not need it.
func (a *analysis) detail() {
	d := &Detail{Export: a.export()}
	for _, b := range a.hookParams.List {
		p := Param{Span: a.span(b.Target)}
		if id, ok := b.Target.(*ast.Identifier); ok {
			p.Name = id.Name.String()
		}
		d.Params = append(d.Params, p)
	}
	d.WebtaskSegments = a.webtaskSegments
	d.WebtaskPatterns = uniquePatterns(a.webtaskPatterns)
	params := a.paramSymbols()
	names := make([]string, 0, len(params))
	for sym := range params {
		names = append(names, sym.name)
	}
	// The other maps are made on first use: most hooks need few of them.
	w := &refWalker{a: a, d: d, params: params, names: names, skip: map[ast.Node]bool{}, body: funcBody(a.hook),
		scopes: a.scratch.all, next: int(a.hookScope.pre)}
	for _, b := range a.hookParams.List {
		w.skip[b.Target] = true // the declarations, not references
	}
	if parent := a.hookScope.parent; parent != nil {
		w.stack = append(w.stack, parent)
	}
	Walk(w, a.hook)
	w.resolveLocals()
	a.resolveNames(d, params)
	a.result.Detail = d
}

// paramSymbols maps each named hook parameter's symbol to its index.
func (a *analysis) paramSymbols() map[*symbol]int {
	out := map[*symbol]int{}
	for i, b := range a.hookParams.List {
		if id, ok := b.Target.(*ast.Identifier); ok {
			if sym := a.hookScope.own(id.Name.String()); sym != nil {
				out[sym] = i
			}
		}
	}
	return out
}

// export describes the export of the hook function.
func (a *analysis) export() Export {
	e := Export{Function: a.span(a.hook), Bare: a.ps.bare}
	switch fn := a.hook.(type) {
	case *ast.FunctionLiteral:
		e.Async = fn.Async
		e.Body = a.span(fn.Body)
	case *ast.ArrowFunctionLiteral:
		e.Async, e.Arrow = fn.Async, true
		e.Body = a.span(fn.Body)
		if body, ok := fn.Body.(*ast.ExpressionBody); ok {
			e.ExpressionBody = true
			e.Body = a.span(body.Expression)
		}
	}
	e.Head = Span{Start: e.Function.Start, End: e.Body.Start}
	if a.exportTarget != nil && !e.Bare {
		e.Target = a.span(a.exportTarget)
		_, e.Declared = a.exportSource.(*ast.Identifier)
	}
	return e
}

// removedGlobals are globals the webtask runtime gave hooks and Actions
// do not: the auth0 object with its Management API access.
var removedGlobals = map[string]bool{"auth0": true}

// refWalker walks the hook function with its scopes and records every
// reference to a hook parameter.
type refWalker struct {
	a      *analysis
	d      *Detail
	params map[*symbol]int
	// names are the parameters' names: only identifiers spelled so (or
	// a removed global) need resolving. They are few: a slice beats a map.
	names []string
	// memberNames stacks the names of the member accesses entered, which
	// the walker visits after their objects: they are not references.
	memberNames []*ast.Identifier
	stack       []*scope
	// scopes are every scope in the order the first walk opened them, and
	// next the one the walk meets next.
	scopes []*scope
	next   int
	// skip holds identifiers that are not references (member names) or
	// that a member chain already recorded.
	skip map[ast.Node]bool
	// chainRoot is the root identifier of the chain recorded last.
	chainRoot  *ast.Identifier
	calls      map[ast.Node]*CallRef
	writes     map[ast.Node]bool
	chainInner ast.Node
	// statement is the expression or return statement entered last and
	// statementOf its expression: the walker enters it right after the
	// statement, so a call that is statementOf is the whole statement.
	statement   ast.Statement
	statementOf ast.Expression
	// lists stacks the levels of the statement lists entered (blocks and
	// switch cases), and listed says statement sits directly in one.
	lists  []int
	listed bool
	// shorthand marks the names of { name } properties of object literals.
	shorthand map[*ast.Identifier]bool
	// depth counts the functions entered; the hook function is depth 1.
	depth int
	// body is the hook function's block body; level counts the nodes
	// entered and not yet left, and bodyLevel is level inside body, so
	// that the statements of body are known without a set of them. top is
	// the one being walked.
	body             ast.Node
	level, bodyLevel int
	top              ast.Statement
	// promiseCallbacks are the functions passed to .then, .catch or
	// .finally; inPromiseCallback says the function entered at depth 2 is one.
	promiseCallbacks  map[ast.Node]bool
	inPromiseCallback bool
	// locals are the variables initialised with object literals, and
	// pending the call arguments that name them.
	locals  map[*symbol]*LocalObject
	pending []pendingArg
	// localNames are the names of locals, to look up only identifiers
	// that may be one; localDecls the identifiers that declare them.
	localNames map[string]bool
	localDecls map[*ast.Identifier]bool
	// uses counts the references to each local object, accounted those
	// made by its Assigns and the calls on hook parameters.
	uses, accounted map[*LocalObject]int
}

type pendingArg struct {
	call  *CallRef
	index int
	sym   *symbol
}

func (w *refWalker) cur() *scope { return w.stack[len(w.stack)-1] }

func (w *refWalker) Enter(n ast.Node) bool {
	switch n.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.BlockStatement, *ast.ForStatement,
		*ast.ForInStatement, *ast.ForOfStatement, *ast.SwitchStatement, *ast.CatchStatement,
		*ast.ClassLiteral, *ast.ClassStaticBlock:
		// The first walk opened the scopes in this same order.
		if w.next < len(w.scopes) && w.scopes[w.next].node == n {
			w.stack = append(w.stack, w.scopes[w.next])
			w.next++
		}
	}
	w.level++
	switch {
	case n == w.body:
		w.bodyLevel = w.level
	case w.bodyLevel > 0 && w.level == w.bodyLevel+1:
		w.top = n.(ast.Statement)
	}
	switch n := n.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		w.depth++
		if w.depth == 2 {
			w.inPromiseCallback = w.promiseCallbacks[n]
		}
		if fn, ok := n.(*ast.FunctionLiteral); ok && fn.Name != nil {
			w.skip[fn.Name] = true // a declaration, even when a parameter shares its name
		}
	case *ast.ClassLiteral:
		if n.Name != nil {
			w.skip[n.Name] = true
		}
	case *ast.BlockStatement, *ast.CaseStatement:
		w.lists = append(w.lists, w.level)
	case *ast.ObjectLiteral:
		for _, p := range n.Value {
			if p, ok := p.(*ast.PropertyShort); ok {
				put(&w.shorthand, &p.Name, true)
			}
		}
	case *ast.DotExpression:
		w.memberNames = append(w.memberNames, &n.Identifier)
		w.member(n, n.Left)
	case *ast.BracketExpression:
		w.member(n, n.Left)
	case *ast.CallExpression:
		w.notePromiseCallbacks(n)
		w.call(n)
	case *ast.ExpressionStatement:
		w.statement, w.statementOf, w.listed = n, n.Expression, w.inList()
		w.memberAssign(n)
	case *ast.ReturnStatement:
		w.statement, w.statementOf, w.listed = n, n.Argument, w.inList()
	case *ast.VariableStatement:
		w.localObjects(n.List)
	case *ast.LexicalDeclaration:
		w.localObjects(n.List)
	case *ast.AssignExpression:
		put(&w.writes, ast.Node(unwrapOptional(n.Left)), true)
	case *ast.UnaryExpression:
		if n.Operator == token.INCREMENT || n.Operator == token.DECREMENT {
			put(&w.writes, ast.Node(n.Operand), true)
		}
	case *ast.LabelledStatement:
		w.skip[n.Label] = true
	case *ast.BranchStatement:
		if n.Label != nil {
			w.skip[n.Label] = true
		}
	case *ast.MethodDefinition:
		if !n.Computed {
			w.skip[n.Key] = true
		}
	case *ast.FieldDefinition:
		if !n.Computed {
			w.skip[n.Key] = true
		}
	case *ast.Identifier:
		if k := len(w.memberNames); k > 0 && w.memberNames[k-1] == n {
			// The name of a member access, visited right after its object.
			w.memberNames = w.memberNames[:k-1]
			break
		}
		if n == w.chainRoot {
			w.chainRoot = nil // recorded with its chain
			break
		}
		if name := n.Name.String(); (w.isParamName(name) || removedGlobals[name]) && !w.skip[n] {
			w.record(n, n, nil, nil)
		}
		w.localUse(n)
	}
	return true
}

// inList says whether the node just entered sits directly in a list of
// statements: one level below the innermost block or case entered.
func (w *refWalker) inList() bool {
	return len(w.lists) > 0 && w.lists[len(w.lists)-1] == w.level-1
}

func (w *refWalker) isParamName(name string) bool {
	for _, n := range w.names {
		if n == name {
			return true
		}
	}
	return false
}

func (w *refWalker) Exit(n ast.Node) {
	w.level--
	switch n.(type) {
	case *ast.BlockStatement, *ast.CaseStatement:
		w.lists = w.lists[:len(w.lists)-1]
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		w.depth--
	}
	if len(w.stack) > 1 && w.cur().node == n {
		w.stack = w.stack[:len(w.stack)-1]
	}
}

// member records the outermost access of a chain rooted at a parameter.
func (w *refWalker) member(n ast.Expression, left ast.Expression) {
	outer := ast.Node(n) != w.chainInner
	w.chainInner = unwrapOptional(left)
	if outer {
		w.scopeRead(n)
	}
	if !outer || !w.rootIsParamName(n) {
		return
	}
	root, chain, end := w.a.staticChain(n)
	if id, ok := root.(*ast.Identifier); ok {
		// The walker goes down the chain's objects first, so the root is
		// the next identifier it meets.
		w.chainRoot = id
		w.record(id, end, chain, w.a.chainEnds(n, len(chain)))
	}
}

// call notes a call whose callee is a parameter or a chain on one, so
// that the reference records it.
func (w *refWalker) call(n *ast.CallExpression) {
	if !w.rootIsParamName(n.Callee) {
		return // most calls: their shape is only wanted for the callback
	}
	a := w.a
	ref := &CallRef{Span: a.span(n), Nested: w.depth > 1}
	if w.depth == 2 && w.inPromiseCallback && w.top != nil {
		ref.Chain = a.span(w.top)
		_, ref.Returned = w.top.(*ast.ReturnStatement)
		if _, isExpr := w.top.(*ast.ExpressionStatement); !isExpr && !ref.Returned {
			ref.Chain = Span{}
		}
	}
	if st := w.statement; st != nil && w.statementOf == ast.Expression(n) {
		ref.Statement = a.span(st)
		_, ref.Return = st.(*ast.ReturnStatement)
		ref.Listed = w.listed
	}
	for _, e := range n.ArgumentList {
		arg := Arg{Span: a.valueSpan(e)}
		switch e := e.(type) {
		case *ast.NullLiteral:
			arg.Null = true
		case *ast.Identifier:
			arg.Null = e.Name == "undefined" && w.cur().lookup("undefined") == nil
			if sym := w.cur().lookup(e.Name.String()); sym != nil {
				w.pending = append(w.pending, pendingArg{call: ref, index: len(ref.Args), sym: sym})
			}
		case *ast.ObjectLiteral:
			arg.Object = a.objectShape(e)
		case *ast.NewExpression:
			arg.New = a.newCall(e)
		}
		ref.Args = append(ref.Args, arg)
	}
	put(&w.calls, ast.Node(unwrapOptional(n.Callee)), ref)
}

// notePromiseCallbacks marks the functions given to .then, .catch and
// .finally, whose calls of the callback run when the chain settles.
func (w *refWalker) notePromiseCallbacks(n *ast.CallExpression) {
	dot, ok := unwrapOptional(n.Callee).(*ast.DotExpression)
	if !ok {
		return
	}
	switch dot.Identifier.Name.String() {
	case "then", "catch", "finally":
		for _, arg := range n.ArgumentList {
			switch arg.(type) {
			case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
				put(&w.promiseCallbacks, ast.Node(arg), true)
			}
		}
	}
}

// rootIsParamName says whether a member chain starts at an identifier
// spelled like a hook parameter, the only ones worth resolving.
func (w *refWalker) rootIsParamName(e ast.Expression) bool {
	var buf [8]ast.Expression
	root, _ := memberLevels(e, buf[:0])
	id, ok := root.(*ast.Identifier)
	return ok && w.isParamName(id.Name.String())
}

// resolveLocals fills in the arguments that name local object variables,
// once every assignment to them has been seen.
func (w *refWalker) resolveLocals() {
	for _, p := range w.pending {
		p.call.Args[p.index].Local = w.locals[p.sym]
		if l := w.locals[p.sym]; l != nil {
			put(&w.accounted, l, w.accounted[l]+1)
		}
	}
	for _, l := range w.locals {
		l.Escapes = w.uses[l] > w.accounted[l]
	}
}

// local is the local object an identifier names, if any.
func (w *refWalker) local(id *ast.Identifier) *LocalObject {
	name := id.Name.String()
	if !w.localNames[name] {
		return nil // most identifiers: no scope lookup needed
	}
	return w.locals[w.cur().lookup(name)]
}

// scopeRead accounts for a read of the scope of a local object (the
// token's scope.push(...) in credentials exchange): drafts leave the
// scope property where it is, so reading it is no reason to read the
// whole object at run time.
func (w *refWalker) scopeRead(n ast.Expression) {
	if w.writes[n] {
		return
	}
	root, chain, _ := w.a.staticChain(n)
	if id, ok := root.(*ast.Identifier); ok && len(chain) > 0 && chain[0] == "scope" {
		if l := w.local(id); l != nil {
			put(&w.accounted, l, w.accounted[l]+1)
		}
	}
}

// localUse counts a reference to a local object variable, its
// declaration aside.
func (w *refWalker) localUse(id *ast.Identifier) {
	if l := w.local(id); l != nil && !w.localDecls[id] {
		put(&w.uses, l, w.uses[l]+1)
	}
}

// localObjects notes the variables a declaration initialises with an
// object literal.
func (w *refWalker) localObjects(list []*ast.Binding) {
	for _, b := range list {
		id, ok := b.Target.(*ast.Identifier)
		lit, isLit := b.Initializer.(*ast.ObjectLiteral)
		if !ok || !isLit {
			continue
		}
		if sym := w.cur().lookup(id.Name.String()); sym != nil {
			put(&w.locals, sym, &LocalObject{Name: sym.name, Init: w.a.objectShape(lit)})
			put(&w.localNames, sym.name, true)
			put(&w.localDecls, id, true)
		}
	}
}

// memberAssign notes X.key = value; on a local object variable.
func (w *refWalker) memberAssign(st *ast.ExpressionStatement) {
	as, ok := st.Expression.(*ast.AssignExpression)
	if !ok || as.Operator != token.ASSIGN {
		return
	}
	root, chain, end := w.a.staticChain(as.Left)
	id, isID := root.(*ast.Identifier)
	if !isID || end == root {
		return
	}
	sym := w.cur().lookup(id.Name.String())
	local := w.locals[sym]
	if local == nil {
		return
	}
	m := MemberAssign{Statement: w.a.span(st), Value: w.a.valueSpan(as.Right), Chain: chain,
		Static: end == unwrapOptional(as.Left)}
	put(&w.accounted, local, w.accounted[local]+1)
	if lit, ok := as.Right.(*ast.ObjectLiteral); ok {
		m.Object = w.a.objectShape(lit)
	}
	local.Assigns = append(local.Assigns, m)
}

func (a *analysis) objectShape(lit *ast.ObjectLiteral) *Object {
	o := &Object{Span: a.span(lit)}
	for _, p := range lit.Value {
		prop := Prop{Span: a.span(p)}
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			prop.Value = a.valueSpan(p.Value)
			if p.Kind == ast.PropertyKindValue {
				prop.Key, _, prop.Static = a.propertyKey(p, a.hookScope)
			}
			if inner, ok := p.Value.(*ast.ObjectLiteral); ok {
				prop.Object = a.objectShape(inner)
			}
		case *ast.PropertyShort:
			prop.Key, prop.Static, prop.Value = p.Name.Name.String(), true, a.span(&p.Name)
		}
		o.Props = append(o.Props, prop)
	}
	return o
}

func (a *analysis) newCall(n *ast.NewExpression) *NewCall {
	id, ok := n.Callee.(*ast.Identifier)
	if !ok {
		return nil
	}
	nc := &NewCall{Name: id.Name.String()}
	for _, e := range n.ArgumentList {
		nc.Args = append(nc.Args, a.valueSpan(e))
	}
	return nc
}

// record adds a reference when id resolves to a hook parameter. end is the
// last node of its static chain.
func (w *refWalker) record(id *ast.Identifier, end ast.Node, chain []string, ends []int) {
	name := id.Name.String()
	if !w.isParamName(name) && !removedGlobals[name] {
		return // most identifiers: no scope lookup needed
	}
	sym := w.cur().lookup(name)
	a := w.a
	if sym == nil && removedGlobals[id.Name.String()] {
		sp := a.span(id)
		line, col := a.lines.position(sp.Start)
		w.d.Globals = append(w.d.Globals, GlobalRef{Name: id.Name.String(), Span: sp, Line: line, Column: col})
		return
	}
	i, ok := w.params[sym]
	if !ok || sym == nil {
		return
	}
	sp := a.span(id)
	line, col := a.lines.position(sp.Start)
	ref := ParamRef{Span: sp, Chain: chain, ChainEnds: ends, ChainSpan: Span{Start: sp.Start, End: a.span(end).End},
		Line: line, Column: col, Write: w.writes[end], Call: w.calls[end], Shorthand: w.shorthand[id]}
	w.d.Params[i].Refs = append(w.d.Params[i].Refs, ref)
}

// staticChain walks a member chain down to its root and returns the root,
// the names of the static steps from the root outwards (up to the first
// computed one) and the node that ends the static part.
func (a *analysis) staticChain(e ast.Expression) (root ast.Expression, chain []string, end ast.Node) {
	root, levels := memberLevels(e, nil)
	end = root
	for i := len(levels) - 1; i >= 0; i-- {
		name, ok := a.stepName(levels[i])
		if !ok {
			break
		}
		chain = append(chain, name)
		end = levels[i]
	}
	return root, chain, end
}

func (a *analysis) stepName(e ast.Expression) (string, bool) {
	switch n := e.(type) {
	case *ast.DotExpression:
		return n.Identifier.Name.String(), true
	case *ast.BracketExpression:
		return a.constString(n.Member, a.hookScope, 0)
	}
	return "", false
}

// uniquePatterns drops repeats: a helper's pattern is bound once per call.
func uniquePatterns(ps []PatternSegment) []PatternSegment {
	seen := map[Span]bool{}
	var out []PatternSegment
	for _, p := range ps {
		if !seen[p.Pattern] {
			seen[p.Pattern] = true
			out = append(out, p)
		}
	}
	return out
}

// chainEnds returns the end offset of each of the first n steps of a
// member chain, from the root outwards.
func (a *analysis) chainEnds(e ast.Expression, n int) []int {
	_, levels := memberLevels(e, nil)
	ends := make([]int, 0, n)
	for i := len(levels) - 1; i >= 0 && len(ends) < n; i-- {
		ends = append(ends, a.span(levels[i]).End)
	}
	return ends
}

// valueSpan is the span of an expression as written, parentheses included.
// goja keeps no node for parentheses, so (a && b) || c starts inside them
// at a: the unmatched parentheses of the span say how far to widen it.
func (a *analysis) valueSpan(e ast.Expression) Span {
	sp := a.span(e)
	if ownsItsEnds(e) || !bytes.ContainsAny(a.src[sp.Start:sp.End], "()") {
		// Parentheses inside such an expression are its own and balanced;
		// not rescanning it keeps nested literals linear. Without any
		// parenthesis in its text, there is nothing to balance.
		return sp
	}
	text := blankCommentsAndStrings(a.src[sp.Start:sp.End])
	depth, lowest := 0, 0
	for _, c := range text {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			lowest = min(lowest, depth)
		}
	}
	for open := -lowest; open > 0; open-- {
		i := skipSpaceBack(a.src, sp.Start)
		if i == 0 || a.src[i-1] != '(' {
			break
		}
		sp.Start = i - 1
	}
	for closing := depth - lowest; closing > 0; closing-- {
		i := skipSpaceForward(a.src, sp.End)
		if i >= len(a.src) || a.src[i] != ')' {
			break
		}
		sp.End = i + 1
	}
	return sp
}

// ownsItsEnds is true for the expressions whose first and last tokens are
// their own, so that no parenthesis outside them can close inside them.
func ownsItsEnds(e ast.Expression) bool {
	switch e.(type) {
	case *ast.ObjectLiteral, *ast.ArrayLiteral, *ast.StringLiteral, *ast.NumberLiteral,
		*ast.BooleanLiteral, *ast.NullLiteral, *ast.ThisExpression, *ast.Identifier:
		return true
	}
	return false
}

func skipSpaceBack(src []byte, i int) int {
	for i > 0 && isSpace(src[i-1]) {
		i--
	}
	return i
}

func skipSpaceForward(src []byte, i int) int {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// put sets m[k] = v, making the map on first use.
func put[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = make(map[K]V)
	}
	(*m)[k] = v
}
