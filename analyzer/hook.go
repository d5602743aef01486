package analyzer

import (
	"fmt"
	"strings"

	"github.com/dop251/goja/ast"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// findHook locates the exported hook function and its context parameter.
// It reports false when there is no context to follow.
func (a *analysis) findHook() bool {
	fn := a.exportedFunction()
	if fn == nil {
		a.report(finding.RuleNoHookFunction, 0,
			"no exported hook function found (module.exports = function (...) { ... }); secret usages cannot be resolved")
		return false
	}
	a.hook = fn
	a.hookScope = a.funcs[fn].scope
	a.hookParams = paramsOf(fn)
	sp := a.span(fn)
	a.result.HookFunction = sp
	idx := a.contextIndex(sp.Start)
	if idx < 0 && len(paramsOrNil(a.hookParams)) == 0 {
		return false // a function without parameters names no context to look for
	}
	if idx < 0 {
		a.report(finding.RuleContextNotFound, sp.Start, fmt.Sprintf(
			"the hook function's %d parameter(s) %s, so the parameter holding the context (and context.webtask.secrets) "+
				"is unknown and no secret read can be found; this does not mean the hook reads no secrets",
			len(paramsOrNil(a.hookParams)), a.whyNoContext()))
		return false
	}
	b := a.hookParams.List[idx]
	a.ctxTarget = b.Target
	a.callback = a.callbackParam(idx)
	line, col := a.lines.position(a.span(b.Target).Start)
	cp := &ContextParam{Index: idx, Line: line, Column: col}
	if id, ok := b.Target.(*ast.Identifier); ok {
		cp.Name = id.Name.String()
	} else {
		cp.Destructured = true
	}
	a.result.Context = cp
	return true
}

// exportedFunction finds the function a hook exports: the last value
// assigned to module.exports, else an exports.x / module.exports.x, else
// the only function of a script that has no export at all.
func (a *analysis) exportedFunction() ast.Node {
	var main, named *bindEdge
	exports := false
	for i := range a.scratch.binds {
		e := &a.scratch.binds[i]
		dot, ok := e.target.(*ast.DotExpression)
		if !ok {
			continue
		}
		isMain := a.isModuleExports(dot, e.scope)
		isNamed := a.isGlobalRef(dot.Left, "exports", e.scope) || a.isModuleExportsExpr(dot.Left, e.scope)
		exports = exports || isMain || isNamed
		switch {
		case a.functionValue(e.src, e.scope) == nil:
		case isMain:
			main = e
		case isNamed && named == nil:
			named = e
		}
	}
	for _, e := range []*bindEdge{main, named} {
		if e != nil {
			a.exportTarget, a.exportSource = e.target, e.src
			return a.functionValue(e.src, e.scope)
		}
	}
	if exports {
		return nil // the module exports something else: not a hook
	}
	return a.onlyTopLevelFunction()
}

func (a *analysis) isModuleExportsExpr(e ast.Expression, sc *scope) bool {
	dot, ok := e.(*ast.DotExpression)
	return ok && a.isModuleExports(dot, sc)
}

func (a *analysis) isModuleExports(dot *ast.DotExpression, sc *scope) bool {
	return dot.Identifier.Name.String() == "exports" && a.isGlobalRef(dot.Left, "module", sc)
}

// isGlobalRef is true for an identifier that no declaration in the file binds.
func (a *analysis) isGlobalRef(e ast.Expression, name string, sc *scope) bool {
	id, ok := e.(*ast.Identifier)
	return ok && id.Name.String() == name && sc.lookup(name) == nil
}

func (a *analysis) functionValue(e ast.Expression, sc *scope) ast.Node {
	switch e := e.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return e
	case *ast.AssignExpression:
		// module.exports = exports = function (...) {...}
		return a.functionValue(e.Right, sc)
	case *ast.Identifier:
		if sym := sc.lookup(e.Name.String()); sym != nil {
			for i := len(sym.funcs) - 1; i >= 0; i-- {
				switch sym.funcs[i].(type) {
				case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
					return sym.funcs[i]
				}
			}
		}
	}
	return nil
}

func (a *analysis) onlyTopLevelFunction() ast.Node {
	var found ast.Node
	for _, st := range a.ps.program.Body {
		var fn ast.Node
		switch st := st.(type) {
		case *ast.FunctionDeclaration:
			fn = st.Function
		case *ast.ExpressionStatement:
			switch e := st.Expression.(type) {
			case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
				fn = e
			}
		}
		if fn == nil {
			continue
		}
		if found != nil {
			return nil
		}
		found = fn
	}
	return found
}

func paramsOrNil(pl *ast.ParameterList) []*ast.Binding {
	if pl == nil {
		return nil
	}
	return pl.List
}

// callbackParam is the binding of the hook's callback, which every
// trigger's signature puts right after the context; nil when the function
// does not take it (an async hook) or destructures it.
func (a *analysis) callbackParam(ctx int) *symbol {
	list := paramsOrNil(a.hookParams)
	if ctx+1 >= len(list) {
		return nil
	}
	id, ok := list[ctx+1].Target.(*ast.Identifier)
	if !ok {
		return nil
	}
	return a.hookScope.own(id.Name.String())
}

// isHookCallback is true for a callee that is the hook's own callback
// parameter: what it receives goes back to the platform, not to unknown code.
func (a *analysis) isHookCallback(callee ast.Expression, sc *scope) bool {
	id, ok := unwrapOptional(callee).(*ast.Identifier)
	return ok && a.callback != nil && sc.lookup(id.Name.String()) == a.callback
}

func paramsOf(fn ast.Node) *ast.ParameterList {
	switch fn := fn.(type) {
	case *ast.FunctionLiteral:
		return fn.ParameterList
	case *ast.ArrowFunctionLiteral:
		return fn.ParameterList
	}
	return nil
}

// contextIndex settles the trigger and returns the position of the context
// parameter, or -1 when the function has none.
func (a *analysis) contextIndex(at int) int {
	n := 0
	if a.hookParams != nil {
		n = len(a.hookParams.List)
	}
	r := a.result
	if n == 2 && a.looksLikeWebtask() {
		return -1
	}
	if t, ok := trigger.Lookup(r.TriggerID); ok {
		if n <= t.ContextIndex || n > len(t.HookParams) {
			a.report(finding.RuleTriggerMismatch, at, fmt.Sprintf(
				"the hook function takes %d parameter(s) but a %s hook is called with (%s); the context is expected at position %d",
				n, t.ID, strings.Join(t.HookParams, ", "), t.ContextIndex+1))
		}
		if n <= t.ContextIndex {
			return -1
		}
		return t.ContextIndex
	}
	if i := a.destructuredWebtask(); i >= 0 {
		a.inferFrom(n)
		return i
	}
	return a.inferFrom(n)
}

// inferFrom infers the trigger from the number of parameters: 5 is
// credentials-exchange, 4 send-phone-message, 3 (or 2 for an async hook
// without its callback) one of the three user triggers.
func (a *analysis) inferFrom(n int) int {
	r := a.result
	count := n
	if count == 2 {
		count = 3
	}
	if count >= len(triggersByParamCount) {
		return -1
	}
	cands := triggersByParamCount[count]
	switch len(cands) {
	case 0:
		return -1
	case 1:
		r.TriggerID, r.TriggerSource = cands[0].ID, TriggerInferred
	default:
		r.TriggerCandidates = make([]string, 0, len(cands))
		for _, t := range cands {
			r.TriggerCandidates = append(r.TriggerCandidates, t.ID)
		}
	}
	return cands[0].ContextIndex
}

// triggersByParamCount holds trigger.ByParamCount for every count a hook
// signature has, asked once rather than for every hook.
var triggersByParamCount = func() (t [8][]trigger.Trigger) {
	for n := range t {
		t[n] = trigger.ByParamCount(n)
	}
	return t
}()

func (a *analysis) whyNoContext() string {
	n := len(paramsOrNil(a.hookParams))
	switch t, known := trigger.Lookup(a.result.TriggerID); {
	case n == 2 && a.looksLikeWebtask():
		return "read like a webtask's (context, cb), not a hook's (user, context)"
	case known:
		return fmt.Sprintf("stop before position %d, where a %s hook gets its context", t.ContextIndex+1, t.ID)
	}
	return "fit no hook trigger's signature"
}

// looksLikeWebtask is true for a two-parameter function written as a plain
// webtask, (context, cb), rather than an async hook (user, context): the
// names are all there is to tell them apart.
func (a *analysis) looksLikeWebtask() bool {
	list := paramsOrNil(a.hookParams)
	first, _ := list[0].Target.(*ast.Identifier)
	second, _ := list[1].Target.(*ast.Identifier)
	return first != nil && contextNames[first.Name.String()] || second != nil && callbackNames[second.Name.String()]
}

var (
	contextNames  = map[string]bool{"context": true, "ctx": true}
	callbackNames = map[string]bool{"cb": true, "callback": true, "done": true, "next": true}
)

// destructuredWebtask finds a parameter written as { webtask: ... }, which
// is the context whatever the trigger.
func (a *analysis) destructuredWebtask() int {
	if a.hookParams == nil {
		return -1
	}
	for i, b := range a.hookParams.List {
		p, ok := b.Target.(*ast.ObjectPattern)
		if !ok {
			continue
		}
		for _, prop := range p.Properties {
			if key, _, ok := a.propertyKey(prop, a.hookScope); ok && key == "webtask" {
				return i
			}
		}
	}
	return -1
}
