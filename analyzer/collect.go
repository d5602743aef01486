package analyzer

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// collector is the last step: with every binding's value known, it looks
// at each candidate node once and reports each read of a secret and each
// place the secrets leave view. Candidates come in source order, so a call
// is seen before its callee and arguments.
type collector struct {
	a  *analysis
	sc *scope
}

func (c *collector) cur() *scope { return c.sc }

func (c *collector) run() {
	for _, cand := range c.a.scratch.cands {
		c.sc = cand.scope
		if cand.site > 0 {
			c.call(&c.a.scratch.calls[cand.site-1])
			continue
		}
		c.visit(cand.node)
	}
}

func (c *collector) visit(n ast.Node) {
	a, sc := c.a, c.sc
	switch n := n.(type) {
	case *ast.DotExpression, *ast.BracketExpression:
		c.chain(n.(ast.Expression))
	case *ast.BinaryExpression:
		c.inOperator(n)
	case *ast.SpreadElement:
		if v := a.eval(n.Expression, sc); v&valueBits != 0 {
			a.escape(n.Expression, v, "is spread into another value")
		}
	case *ast.ForInStatement:
		if v := a.eval(n.Source, sc); v&valueBits != 0 {
			a.escape(n.Source, v, "is enumerated by for…in")
		}
	case *ast.ForOfStatement:
		if v := a.eval(n.Source, sc); v&valueBits != 0 {
			a.escape(n.Source, v, "is iterated by for…of")
		}
	case *ast.Identifier:
		if a.hookArguments(sc) {
			a.escape(n, vContext, "is read through the hook function's arguments object")
		}
	case *ast.WithStatement:
		if v := a.eval(n.Object, sc); v&valueBits != 0 {
			a.escape(n.Object, v, "is the object of a with statement")
		}
	case *ast.ObjectLiteral:
		for _, p := range n.Value {
			c.storedIn(p)
		}
	case *ast.ArrayLiteral:
		if a.skip[n] {
			break
		}
		for _, e := range n.Value {
			if e != nil {
				c.storedExpr(e)
			}
		}
	}
}

// memberLevels walks a member chain such as a.b['c']?.d from the outside
// in: it appends each access (outermost first) to levels and returns the
// chain's root.
func memberLevels(e ast.Expression, levels []ast.Expression) (root ast.Expression, _ []ast.Expression) {
	for {
		switch n := unwrapOptional(e).(type) {
		case *ast.DotExpression:
			levels = append(levels, n)
			e = n.Left
		case *ast.BracketExpression:
			levels = append(levels, n)
			e = n.Left
		default:
			return n, levels
		}
	}
}

// chain examines each access of a member chain. It evaluates the chain
// once, innermost first, so a long chain costs linear time.
func (c *collector) chain(e ast.Expression) {
	a, sc := c.a, c.sc
	var buf [8]ast.Expression
	root, levels := memberLevels(e, buf[:0])
	v := a.eval(root, sc)
	if _, this := root.(*ast.ThisExpression); v == 0 && !this {
		// Every step of a chain whose root holds nothing holds nothing:
		// most chains (console.log, user.email) end here.
		return
	}
	for i := len(levels) - 1; i >= 0; i-- {
		switch n := levels[i].(type) {
		case *ast.DotExpression:
			v = c.dot(n, v)
		case *ast.BracketExpression:
			v = c.bracket(n, v)
		}
	}
}

// dot reports n if it reads a secret and returns n's value, given the value
// v of its object.
func (c *collector) dot(n *ast.DotExpression, v val) val {
	a := c.a
	name := n.Identifier.Name.String()
	if _, ok := n.Left.(*ast.ThisExpression); ok {
		return a.fieldValue(c.sc, name)
	}
	a.noteWebtask(n, n.Left, v, name)
	if v&vSecrets != 0 && !a.skip[n] {
		a.usage(name, &n.Identifier, kindFor(v, KindMember))
	}
	return step(v, name)
}

func (c *collector) bracket(n *ast.BracketExpression, v val) val {
	if v == 0 {
		return 0
	}
	a := c.a
	key, ok := a.constString(n.Member, c.sc, 0)
	if ok {
		a.noteWebtask(n, n.Left, v, key)
	}
	if v&vSecrets != 0 {
		if ok {
			a.usage(key, n.Member, kindFor(v, KindBracket))
		} else {
			a.dynamic(n.Member)
		}
	}
	if !ok {
		return 0
	}
	return step(v, key)
}

// inOperator handles 'KEY' in secrets.
func (c *collector) inOperator(n *ast.BinaryExpression) {
	if n.Operator != token.IN {
		return
	}
	if _, private := n.Left.(*ast.PrivateIdentifier); private {
		return
	}
	sc := c.cur()
	if v := c.a.eval(n.Right, sc); v&vSecrets != 0 {
		if key, ok := c.a.constString(n.Left, sc, 0); ok {
			c.a.usage(key, n.Left, kindFor(v, KindInCheck))
		}
	}
}

// inCheckCall handles secrets.hasOwnProperty('K'), Object.hasOwn(secrets, 'K'),
// Reflect.has(secrets, 'K') and Object.prototype.hasOwnProperty.call(secrets, 'K').
func (c *collector) inCheckCall(n *ast.CallExpression) bool {
	a, sc := c.a, c.cur()
	dot, ok := unwrapOptional(n.Callee).(*ast.DotExpression)
	if !ok {
		return false
	}
	method := dot.Identifier.Name.String()
	var obj, key ast.Expression
	switch {
	case isOwnPropertyCheck(method) && len(n.ArgumentList) >= 1:
		obj, key = dot.Left, n.ArgumentList[0]
	case (method == "hasOwn" && isGlobal(dot.Left, "Object") || method == "has" && isGlobal(dot.Left, "Reflect")) && len(n.ArgumentList) >= 2:
		obj, key = n.ArgumentList[0], n.ArgumentList[1]
	case method == "call" && len(n.ArgumentList) >= 2 && isOwnPropertyMember(dot.Left):
		obj, key = n.ArgumentList[0], n.ArgumentList[1]
	default:
		return false
	}
	v := a.eval(obj, sc)
	if v&vSecrets == 0 {
		return false
	}
	a.skipNode(dot)
	if k, ok := a.constString(key, sc, 0); ok {
		a.usage(k, key, kindFor(v, KindInCheck))
	}
	return true
}

func isOwnPropertyCheck(method string) bool {
	return method == "hasOwnProperty" || method == "propertyIsEnumerable"
}

// isOwnPropertyMember matches X.hasOwnProperty for the .call form.
func isOwnPropertyMember(e ast.Expression) bool {
	dot, ok := unwrapOptional(e).(*ast.DotExpression)
	return ok && isOwnPropertyCheck(dot.Identifier.Name.String())
}

func isGlobal(e ast.Expression, name string) bool {
	id, ok := e.(*ast.Identifier)
	return ok && id.Name.String() == name
}

func unwrapOptional(e ast.Expression) ast.Expression {
	for {
		switch o := e.(type) {
		case *ast.Optional:
			e = o.Expression
		case *ast.OptionalChain:
			e = o.Expression
		default:
			return e
		}
	}
}

// call examines a call site: an in-check, or a call of a function not
// defined in this file.
func (c *collector) call(site *callSite) {
	if n, ok := site.call.(*ast.CallExpression); ok {
		if !c.inCheckCall(n) {
			c.externalCall(site)
		}
		c.skipApplyArguments(n)
		return
	}
	c.externalCall(site)
}

// externalCall reports the secrets (or what holds them) passed to a
// function that is not defined in this file.
func (c *collector) externalCall(site *callSite) {
	a, sc := c.a, c.cur()
	callee, fns, args := site.callee, site.fns, site.args
	if len(fns) > 0 {
		return // bindCall follows the values into the helper
	}
	// cb(null, user, context) hands the context back to the platform; the
	// secrets themselves given to it could end up in a response.
	toPlatform := a.isHookCallback(callee, sc)
	for _, arg := range args {
		if _, spread := arg.(*ast.SpreadElement); spread {
			continue // reported by the SpreadElement itself
		}
		if v := a.eval(arg, sc); v&valueBits != 0 && !(toPlatform && v&valueBits == vContext) {
			a.escape(arg, v, "is passed to "+a.snippet(callee)+", which is not defined in this file")
		}
	}
}

func (c *collector) storedIn(p ast.Property) {
	switch p := p.(type) {
	case *ast.PropertyKeyed:
		c.storedExpr(p.Value)
	case *ast.PropertyShort:
		c.storedExpr(&p.Name)
	}
}

func (c *collector) storedExpr(e ast.Expression) {
	if _, spread := e.(*ast.SpreadElement); spread {
		return
	}
	if v := c.a.eval(e, c.cur()); v&valueBits != 0 {
		c.a.escape(e, v, "is stored in an object or array literal")
	}
}

// skipApplyArguments keeps f.apply(this, [secrets]) from counting as
// storing the secrets in an array when f is a helper in this file.
func (c *collector) skipApplyArguments(n *ast.CallExpression) {
	dot, ok := n.Callee.(*ast.DotExpression)
	if !ok || dot.Identifier.Name.String() != "apply" || len(n.ArgumentList) < 2 {
		return
	}
	if arr, ok := n.ArgumentList[1].(*ast.ArrayLiteral); ok && len(c.a.callees(dot.Left, c.cur())) > 0 {
		c.a.skipNode(arr)
	}
}

func (a *analysis) skipNode(n ast.Node) {
	if a.skip == nil {
		a.skip = make(map[ast.Node]bool)
	}
	a.skip[n] = true
}

// noteWebtask records a .webtask step on the context for Detail: the bytes
// from the end of the object to the end of the step.
func (a *analysis) noteWebtask(step, left ast.Expression, v val, name string) {
	if !a.wantDetail || name != "webtask" || v&vContext == 0 {
		return
	}
	a.webtaskSegments = append(a.webtaskSegments, Span{Start: a.span(left).End, End: a.span(step).End})
}

// hookArguments says whether arguments, read in scope sc, is the hook
// function's own arguments object: no binding of that name is in view, and
// the function it belongs to (arrow functions have none) is the hook.
func (a *analysis) hookArguments(sc *scope) bool {
	if a.hookScope == nil || sc.lookup("arguments") != nil {
		return false
	}
	for ; sc != nil; sc = sc.parent {
		if sc.kind == scopeFunc {
			return sc == a.hookScope
		}
	}
	return false
}
