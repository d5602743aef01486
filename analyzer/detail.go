package analyzer

import (
	"bytes"
	"slices"
	"sync"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// detail records what a rewrite into an Action needs. It runs only when
// asked: the audit itself does not need it.
func (a *analysis) detail() {
	d := &Detail{Export: a.export()}
	dw := detailPool.Get().(*detailWalk)
	defer dw.release()
	w, r := &dw.w, &dw.r
	r.a, r.d, r.hook = a, d, w
	w.reset(a, r, d)
	d.Params = make([]Param, 0, len(a.hookParams.List))
	for _, b := range a.hookParams.List {
		p := Param{Span: a.span(b.Target)}
		var sym *symbol
		if id, ok := b.Target.(*ast.Identifier); ok {
			p.Name = id.Name.String()
			sym = a.hookScope.own(p.Name)
			w.decls = append(w.decls, id) // the declarations, not references
		}
		w.params = append(w.params, sym)
		w.watched.add(p.Name)
		d.Params = append(d.Params, p)
	}
	for _, g := range removedGlobals {
		w.watched.add(g)
	}
	d.WebtaskSegments = a.webtaskSegments
	d.WebtaskPatterns = uniquePatterns(a.webtaskPatterns)
	a.resolveNames(d, r)
	w.resolveLocals()
	w.markContinues()
	w.placeRefs()
	a.result.Detail = d
}

// detailWalk is the working storage of a detail walk, reused across
// hooks: its slices keep their room.
type detailWalk struct {
	r refResolver
	w refWalker
}

var detailPool = sync.Pool{New: func() any { return new(detailWalk) }}

// release clears every pointer into the analysed program and returns dw
// to the pool.
func (dw *detailWalk) release() {
	r, w := &dw.r, &dw.w
	*r = refResolver{stack: kept(r.stack), free: kept(r.free), moduleExports: kept(r.moduleExports)}
	*w = refWalker{decls: kept(w.decls), params: kept(w.params), lists: kept(w.lists), objects: kept(w.objects),
		funcs: kept(w.funcs), refs: kept(w.refs), strs: kept(w.strs), ints: kept(w.ints), pending: kept(w.pending),
		tails: kept(w.tails), finder: tailFinder{path: kept(w.finder.path)}}
	detailPool.Put(dw)
}

// reset readies w, fresh from the pool, for a walk of a's hook function.
func (w *refWalker) reset(a *analysis, r *refResolver, d *Detail) {
	w.a, w.r, w.d = a, r, d
	w.fn, w.body = a.hook, funcBody(a.hook)
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
var removedGlobals = []string{"auth0"}

// refWalker records every reference to a hook parameter inside the hook
// function. It rides along the walk of refResolver, which calls its steps
// for the nodes of the hook function. Most nodes are none of its concern:
// per node it compares pointers and levels, and looks names up only when
// they are spelled like a parameter, a removed global or a local object.
type refWalker struct {
	a *analysis
	r *refResolver
	d *Detail
	// fn is the hook function; params holds the symbol of each parameter
	// (nil when destructured).
	fn     ast.Node
	params []*symbol
	// watched holds the names identifier looks for: the parameters',
	// the removed globals' and the local objects'.
	watched nameFilter
	// decls are the parameters' identifiers, which declare rather than
	// refer, and decl the name of a function, class, label or key, which
	// does not refer either: its parent sets it and the walk enters it next.
	decls []*ast.Identifier
	decl  *ast.Identifier
	// chainRoot is the root identifier of the chain recorded last.
	chainRoot  *ast.Identifier
	chainInner ast.Expression
	// written is the target of the assignment or update entered last, and
	// callee the callee of the call on a parameter entered last, with
	// call its reference: the walk enters each right after its parent.
	written ast.Expression
	callee  ast.Expression
	call    *CallRef
	// shorthand is set when the { name } property entered last sits in an
	// object literal, whose levels objects stacks; its name comes next.
	shorthand *ast.Identifier
	objects   []int
	// statement is the expression or return statement entered last and
	// statementOf its expression: the walker enters it right after the
	// statement, so a call that is statementOf is the whole statement.
	statement   ast.Statement
	statementOf ast.Expression
	// lists stacks the levels of the statement lists entered (blocks and
	// switch cases), and listed says statement sits directly in one.
	lists  []int
	listed bool
	// funcs stacks the levels of the functions entered: the hook
	// function is the first, so that its length is the nesting depth.
	funcs []int
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
	// tails are the calls on parameters made by a statement that is not
	// a return, for markContinues, and finder its walk's storage.
	tails  []pendingTail
	finder tailFinder
	// localNames are the names of locals, to look up only identifiers
	// that may be one; localDecls the identifiers that declare them.
	localNames nameSet
	localDecls map[*ast.Identifier]bool
	// uses counts the references to each local object, accounted those
	// made by its Assigns and the calls on hook parameters.
	uses, accounted map[*LocalObject]int
	// refs are the references recorded, in order, and strs and ints the
	// steps of their chains: placeRefs hands them out in one allocation
	// each once the walk is over.
	refs []heldRef
	strs []string
	ints []int
}

// heldRef is a reference to parameter param. Its chain (when chained) is
// steps strings of strs (and as many ints) from at.
type heldRef struct {
	ref       ParamRef
	param     int
	chained   bool
	at, steps int
}

type pendingArg struct {
	call  *CallRef
	index int
	sym   *symbol
}

func (w *refWalker) cur() *scope { return w.r.cur() }

// place counts n, a node of the hook function (the function itself
// included), and notes the statement of the function's body it is.
func (w *refWalker) place(n ast.Node) {
	w.level++
	switch {
	case n == w.body:
		w.bodyLevel = w.level
	case w.bodyLevel > 0 && w.level == w.bodyLevel+1:
		w.top = n.(ast.Statement)
	}
}

// leaf leaves a node whose Exit the walker does not call; w may be nil
// (outside the hook function).
func (w *refWalker) leaf() bool {
	if w != nil {
		w.level--
	}
	return false
}

// leave leaves a node of the hook function, and says whether it was the
// function itself. A block, case, object literal or function it left
// pushed its own level, unique while it is open.
func (w *refWalker) leave() (out bool) {
	if k := len(w.lists); k > 0 && w.lists[k-1] == w.level {
		w.lists = w.lists[:k-1]
	}
	if k := len(w.objects); k > 0 && w.objects[k-1] == w.level {
		w.objects = w.objects[:k-1]
	}
	if k := len(w.funcs); k > 0 && w.funcs[k-1] == w.level {
		w.funcs = w.funcs[:k-1]
		out = k == 1
	}
	w.level--
	return out
}

func (w *refWalker) enterFunction(n ast.Node) {
	w.funcs = append(w.funcs, w.level)
	if len(w.funcs) == 2 {
		w.inPromiseCallback = w.promiseCallbacks[n]
	}
}

// propertyShort notes a { name } property, a shorthand when it sits in an
// object literal rather than a pattern.
func (w *refWalker) propertyShort(n *ast.PropertyShort) {
	w.shorthand = nil
	if k := len(w.objects); k > 0 && w.objects[k-1] == w.level-1 {
		w.shorthand = &n.Name
	}
}

// declares notes that id, which the walk enters next, is a declaration
// or a name rather than a reference.
func (w *refWalker) declares(id *ast.Identifier) {
	if id != nil {
		w.decl = id
	}
}

func (w *refWalker) declaresKey(key ast.Expression) {
	if id, ok := key.(*ast.Identifier); ok {
		w.decl = id
	}
}

// identifier is called for every identifier of the hook function that is
// not the name of a member access; sym is its binding when looked is
// true, which the resolver has looked up already.
func (w *refWalker) identifier(id *ast.Identifier, name string, sym *symbol, looked bool) {
	if id == w.chainRoot {
		w.chainRoot = nil // recorded with its chain
		return
	}
	if !w.watched.has(name) {
		return // most identifiers: no parameter, removed global or local object
	}
	if w.isParamName(name) || isRemovedGlobal(name) {
		if !looked {
			sym, looked = w.cur().lookup(name), true
		}
		if !w.declared(id) {
			w.record(id, sym, id, -1, false)
		}
	}
	if w.localNames.has(name) && !w.localDecls[id] {
		if !looked {
			sym = w.cur().lookup(name)
		}
		if l := w.locals[sym]; l != nil {
			put(&w.uses, l, w.uses[l]+1)
		}
	}
}

// declared says whether id declares a name rather than refers to one.
func (w *refWalker) declared(id *ast.Identifier) bool {
	return id == w.decl || slices.Contains(w.decls, id)
}

// inList says whether the node just entered sits directly in a list of
// statements: one level below the innermost block or case entered.
func (w *refWalker) inList() bool {
	return len(w.lists) > 0 && w.lists[len(w.lists)-1] == w.level-1
}

func (w *refWalker) isParamName(name string) bool {
	for _, sym := range w.params {
		if sym != nil && sym.name == name {
			return true
		}
	}
	return false
}

// isParam says whether sym is one of the hook's parameters, and paramIndex
// which: the last of those that share a name, whose binding it is.
func (w *refWalker) isParam(sym *symbol) bool { return w.paramIndex(sym) >= 0 }

func (w *refWalker) paramIndex(sym *symbol) int {
	if sym == nil {
		return -1
	}
	for i := len(w.params) - 1; i >= 0; i-- {
		if w.params[i] == sym {
			return i
		}
	}
	return -1
}

func isRemovedGlobal(name string) bool { return slices.Contains(removedGlobals, name) }

// member records the outermost access of a chain rooted at a parameter.
func (w *refWalker) member(n ast.Expression, left ast.Expression) {
	outer := n != w.chainInner
	w.chainInner = unwrapOptional(left)
	if !outer {
		return
	}
	w.scopeRead(n)
	id, ok := chainRoot(n).(*ast.Identifier)
	if !ok {
		return
	}
	name := nameOf(id.Name)
	if !w.isParamName(name) {
		return
	}
	// The walker goes down the chain's objects first, so the root is the
	// next identifier it meets.
	w.chainRoot = id
	sym := w.cur().lookup(name)
	if w.paramIndex(sym) < 0 && !isRemovedGlobal(name) {
		return // most chains on a shadowing local: nothing to record
	}
	w.recordChain(id, sym, n)
}

// chainRoot is the expression a member chain starts at.
func chainRoot(e ast.Expression) ast.Expression {
	for {
		e = unwrapOptional(e)
		if dot, ok := e.(*ast.DotExpression); ok {
			e = dot.Left
		} else if br, ok := e.(*ast.BracketExpression); ok {
			e = br.Left
		} else {
			return e
		}
	}
}

// recordChain records the chain n rooted at id: the names of its static
// steps from the root outwards (up to the first computed one), the end
// offset of each, and the node that ends the static part.
func (w *refWalker) recordChain(id *ast.Identifier, sym *symbol, n ast.Expression) {
	if sym == nil || w.paramIndex(sym) < 0 {
		w.record(id, sym, id, -1, false) // a removed global: not a parameter's chain
		return
	}
	var buf [16]ast.Expression
	root, levels := memberLevels(n, buf[:0])
	end, endOff, at := root, -1, len(w.strs)
	for i := len(levels) - 1; i >= 0; i-- {
		name, ok := w.a.stepName(levels[i])
		if !ok {
			break
		}
		end, endOff = levels[i], w.a.span(levels[i]).End
		w.strs = append(w.strs, name)
		w.ints = append(w.ints, endOff)
	}
	w.record(id, sym, end, endOff, true)
	h := &w.refs[len(w.refs)-1]
	h.at, h.steps = at, len(w.strs)-at
}

// callOn notes a call whose callee is a parameter or a chain on one, so
// that the reference records it.
func (w *refWalker) callOn(n *ast.CallExpression) {
	id, ok := chainRoot(n.Callee).(*ast.Identifier)
	if !ok || !w.isParamName(nameOf(id.Name)) {
		return // most calls: their shape is only wanted for the callback
	}
	a := w.a
	ref := &CallRef{Span: a.span(n), Nested: len(w.funcs) > 1}
	if len(w.funcs) == 2 && w.inPromiseCallback && w.top != nil {
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
		if !ref.Return {
			w.tails = append(w.tails, pendingTail{call: ref, st: st})
		}
	}
	if len(n.ArgumentList) > 0 {
		ref.Args = make([]Arg, 0, len(n.ArgumentList))
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
	w.callee, w.call = unwrapOptional(n.Callee), ref
}

// notePromiseCallbacks marks the functions given to .then, .catch and
// .finally, whose calls of the callback run when the chain settles.
func (w *refWalker) notePromiseCallbacks(n *ast.CallExpression) {
	dot, ok := unwrapOptional(n.Callee).(*ast.DotExpression)
	if !ok {
		return
	}
	switch nameOf(dot.Identifier.Name) {
	case "then", "catch", "finally":
		for _, arg := range n.ArgumentList {
			switch arg.(type) {
			case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
				put(&w.promiseCallbacks, ast.Node(arg), true)
			}
		}
	}
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

// scopeRead accounts for a read of the scope of a local object (the
// token's scope.push(...) in credentials exchange): drafts leave the
// scope property where it is, so reading it is no reason to read the
// whole object at run time.
func (w *refWalker) scopeRead(n ast.Expression) {
	if len(w.locals) == 0 || n == w.written {
		return
	}
	var buf [16]ast.Expression
	root, levels := memberLevels(n, buf[:0])
	id, ok := root.(*ast.Identifier)
	if !ok || !w.localNames.has(id.Name.String()) {
		return
	}
	if step, ok := w.a.stepName(levels[len(levels)-1]); !ok || step != "scope" {
		return
	}
	if l := w.locals[w.cur().lookup(id.Name.String())]; l != nil {
		put(&w.accounted, l, w.accounted[l]+1)
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
			w.localNames.add(sym.name)
			w.watched.add(sym.name)
			put(&w.localDecls, id, true)
		}
	}
}

// memberAssign notes X.key = value; on a local object variable.
func (w *refWalker) memberAssign(st *ast.ExpressionStatement) {
	as, ok := st.Expression.(*ast.AssignExpression)
	if !ok || as.Operator != token.ASSIGN || len(w.locals) == 0 {
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
	if len(lit.Value) > 0 {
		o.Props = make([]Prop, 0, len(lit.Value))
	}
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

// record adds a reference when sym, the binding of id, is a hook
// parameter, or id names a removed global. end is the last node of its
// static chain and endOff where it ends (-1: id itself); chained says id
// starts one, whose steps the caller fills in.
func (w *refWalker) record(id *ast.Identifier, sym *symbol, end ast.Expression, endOff int, chained bool) {
	a := w.a
	if sym == nil {
		if name := id.Name.String(); isRemovedGlobal(name) {
			sp := a.identSpan(id)
			line, col := a.lines.position(sp.Start)
			w.d.Globals = append(w.d.Globals, GlobalRef{Name: name, Span: sp, Line: line, Column: col})
		}
		return
	}
	i := w.paramIndex(sym)
	if i < 0 {
		return
	}
	sp := a.identSpan(id)
	line, col := a.lines.position(sp.Start)
	if endOff < 0 {
		endOff = sp.End
	}
	ref := ParamRef{Span: sp, ChainSpan: Span{Start: sp.Start, End: endOff},
		Line: line, Column: col, Write: end == w.written, Shorthand: id == w.shorthand}
	if end == w.callee {
		ref.Call = w.call
	}
	w.refs = append(w.refs, heldRef{ref: ref, param: i, chained: chained})
}

// placeRefs hands the references out to their parameters, in the order
// they were recorded: one array holds them all, and one the steps of
// their chains.
func (w *refWalker) placeRefs() {
	params := w.d.Params
	// start and next index all by parameter; most hooks have few, whose
	// counts fit in buf.
	var buf [16]int
	var start, next []int
	if len(params) < 8 {
		start, next = buf[:len(params)+1], buf[8:8]
	} else {
		start = make([]int, len(params)+1)
	}
	for _, h := range w.refs {
		start[h.param+1]++
	}
	for i := range params {
		start[i+1] += start[i]
	}
	all := make([]ParamRef, len(w.refs))
	var strs []string
	ints := []int{} // a chain without static steps has empty ends, not nil ones
	if len(w.strs) > 0 {
		strs, ints = slices.Clone(w.strs), slices.Clone(w.ints)
	}
	next = append(next, start[:len(params)]...)
	for _, h := range w.refs {
		ref := h.ref
		if h.chained {
			to := h.at + h.steps
			ref.ChainEnds = ints[h.at:to:to]
			if h.steps > 0 {
				ref.Chain = strs[h.at:to:to]
			}
		}
		all[next[h.param]] = ref
		next[h.param]++
	}
	for i := range params {
		if from, to := start[i], start[i+1]; to > from {
			params[i].Refs = all[from:to:to]
		}
	}
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

// valueSpan is the span of an expression as written, parentheses included.
// goja keeps no node for parentheses, so (a && b) || c starts inside them
// at a: the unmatched parentheses of the span say how far to widen it.
func (a *analysis) valueSpan(e ast.Expression) Span {
	sp := a.span(e)
	if ownsItsEnds(e) || !a.parenthesisAround(sp) || !bytes.ContainsAny(a.src[sp.Start:sp.End], "()") {
		// Parentheses inside such an expression are its own and balanced;
		// not rescanning it keeps nested literals linear. Without any
		// parenthesis in its text, there is nothing to balance, and
		// without one right around it, nothing to widen it to.
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

// parenthesisAround says whether an opening parenthesis comes right
// before sp or a closing one right after it, spaces aside: the only
// ones valueSpan can widen it to.
func (a *analysis) parenthesisAround(sp Span) bool {
	if i := skipSpaceBack(a.src, sp.Start); i > 0 && a.src[i-1] == '(' {
		return true
	}
	i := skipSpaceForward(a.src, sp.End)
	return i < len(a.src) && a.src[i] == ')'
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
