package analyzer

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// val is the abstract value of an expression: which of the hook's context,
// context.webtask and the secrets object it may hold, and how it got there.
type val uint8

const (
	vContext val = 1 << iota
	vWebtask
	vSecrets
	// fAlias: reached through a local variable rather than the parameter.
	fAlias
	// fHelper: reached through a parameter of a function it was passed to.
	fHelper

	valueBits = vContext | vWebtask | vSecrets
	flagBits  = fAlias | fHelper
)

// maxFoldDepth bounds constant folding through const bindings, which could
// otherwise loop on const a = b, b = a (a TDZ error at run time, but legal to parse).
const maxFoldDepth = 8

// step is the value of v.name.
func step(v val, name string) val {
	var out val
	if v&vContext != 0 && name == "webtask" {
		out |= vWebtask
	}
	if v&vWebtask != 0 && name == "secrets" {
		out |= vSecrets
	}
	if out != 0 {
		out |= v & flagBits
	}
	return out
}

// eval returns the abstract value of e in scope sc. It only looks through
// the expressions that pass a value on unchanged.
func (a *analysis) eval(e ast.Expression, sc *scope) val {
	a.spend(1)
	switch e := e.(type) {
	case *ast.Identifier:
		if !a.tracked.has(e.Name.String()) {
			return 0
		}
		if sym := sc.lookup(e.Name.String()); sym != nil {
			return sym.val
		}
	case *ast.DotExpression:
		if _, ok := e.Left.(*ast.ThisExpression); ok {
			return a.fieldValue(sc, e.Identifier.Name.String())
		}
		l := a.eval(e.Left, sc)
		if l == 0 {
			return 0
		}
		return step(l, e.Identifier.Name.String())
	case *ast.BracketExpression:
		l := a.eval(e.Left, sc)
		if l == 0 {
			return 0
		}
		if key, ok := a.constString(e.Member, sc, 0); ok {
			return step(l, key)
		}
	case *ast.Optional:
		return a.eval(e.Expression, sc)
	case *ast.OptionalChain:
		return a.eval(e.Expression, sc)
	case *ast.BinaryExpression:
		switch e.Operator {
		case token.LOGICAL_OR, token.LOGICAL_AND, token.COALESCE:
			return a.eval(e.Left, sc) | a.eval(e.Right, sc)
		}
	case *ast.ConditionalExpression:
		return a.eval(e.Consequent, sc) | a.eval(e.Alternate, sc)
	case *ast.SequenceExpression:
		if len(e.Sequence) > 0 {
			return a.eval(e.Sequence[len(e.Sequence)-1], sc)
		}
	case *ast.AssignExpression:
		if v, ok := a.chained[e]; ok {
			return v
		}
		v := a.eval(e.Right, sc)
		a.chained[e] = v
		return v
	case *ast.AwaitExpression:
		return a.eval(e.Argument, sc)
	case *ast.CallExpression:
		var out val
		for _, fn := range a.direct[e] {
			if info := a.funcs[fn]; info != nil {
				out |= info.returns
			}
		}
		return out
	}
	return 0
}

// foldSum folds a + b + c …, a tree as deep as the chain is long (the
// parser nests it to the left): it goes down the left spine in a loop and
// folds the right operands on the way back, in source order, so a long
// chain costs no deep recursion. Each + must concatenate: one of its sides
// is stringish, the left one being every + below it.
func (a *analysis) foldSum(b *strings.Builder, e *ast.BinaryExpression, sc *scope, depth int) (stringish, ok bool) {
	var buf [8]*ast.BinaryExpression
	spine := buf[:0] // the outermost + first
	for x := e; ; {
		if x.Operator != token.PLUS {
			return false, false
		}
		spine = append(spine, x)
		next, more := x.Left.(*ast.BinaryExpression)
		if !more {
			break
		}
		x = next
	}
	a.spend(len(spine) - 1) // one step per +, as one call per + would take
	stringish, ok = a.foldInto(b, spine[len(spine)-1].Left, sc, depth)
	if !ok {
		return false, false
	}
	for i := len(spine) - 1; i >= 0; i-- {
		right, ok := a.foldInto(b, spine[i].Right, sc, depth)
		if !ok || !(stringish || right) {
			return false, false
		}
		stringish = true
	}
	return true, true
}

func (a *analysis) fieldValue(sc *scope, name string) val {
	if class := sc.thisClass(); class != nil {
		return a.fields[class][name]
	}
	return 0
}

// constString folds e to a string when it is a compile-time constant:
// literals, untagged templates, + of constants, and const bindings to them.
func (a *analysis) constString(e ast.Expression, sc *scope, depth int) (string, bool) {
	switch e := e.(type) {
	case *ast.StringLiteral:
		return e.Value.String(), true
	case *ast.NumberLiteral:
		return numberKey(e.Value)
	}
	var b strings.Builder
	if _, ok := a.foldInto(&b, e, sc, depth); !ok {
		return "", false
	}
	return b.String(), true
}

// foldInto appends the constant string e folds to onto b, in one pass over
// the tree and without copying the parts (a chain of N pluses once cost
// N² bytes). stringish says whether e's + concatenates rather than adds:
// string literals, templates and const bindings (whose values folding has
// checked) do, and so does a + with one stringish side.
func (a *analysis) foldInto(b *strings.Builder, e ast.Expression, sc *scope, depth int) (stringish, ok bool) {
	a.spend(1)
	switch e := e.(type) {
	case *ast.StringLiteral:
		b.WriteString(e.Value.String())
		return true, true
	case *ast.NumberLiteral:
		s, ok := numberKey(e.Value)
		b.WriteString(s)
		return false, ok
	case *ast.TemplateLiteral:
		if e.Tag != nil {
			return false, false
		}
		for i, el := range e.Elements {
			if !el.Valid {
				return false, false
			}
			b.WriteString(el.Parsed.String())
			if i < len(e.Expressions) {
				if _, ok := a.foldInto(b, e.Expressions[i], sc, depth); !ok {
					return false, false
				}
			}
		}
		return true, true
	case *ast.BinaryExpression:
		return a.foldSum(b, e, sc, depth)
	case *ast.Identifier:
		if depth >= maxFoldDepth {
			return false, false
		}
		sym := sc.lookup(e.Name.String())
		if sym == nil || sym.constInit == nil {
			return false, false
		}
		_, ok := a.foldInto(b, sym.constInit, sym.scope, depth+1)
		return true, ok
	}
	return false, false
}

func numberKey(v interface{}) (string, bool) {
	switch v := v.(type) {
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case *big.Int:
		return v.String(), true
	}
	return "", false
}

// propertyKey is the static name of an object pattern or literal property.
func (a *analysis) propertyKey(p ast.Property, sc *scope) (key string, node ast.Node, ok bool) {
	switch p := p.(type) {
	case *ast.PropertyShort:
		return p.Name.Name.String(), &p.Name, true
	case *ast.PropertyKeyed:
		if !p.Computed {
			switch k := p.Key.(type) {
			case *ast.StringLiteral:
				return k.Value.String(), k, true
			case *ast.NumberLiteral:
				s, ok := numberKey(k.Value)
				return s, k, ok
			case *ast.Identifier:
				return k.Name.String(), k, true
			}
		}
		s, ok := a.constString(p.Key, sc, 0)
		return s, p.Key, ok
	}
	return "", p, false
}

// callees returns the same-file function literals a call may enter.
// isClass tells a class, which a call enters through its constructor.
func isClass(n ast.Node) bool {
	_, ok := n.(*ast.ClassLiteral)
	return ok
}

func (a *analysis) callees(callee ast.Expression, sc *scope) []ast.Node {
	switch c := callee.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return []ast.Node{c}
	case *ast.ClassLiteral:
		return constructorOf(c)
	case *ast.Optional:
		return a.callees(c.Expression, sc)
	case *ast.OptionalChain:
		return a.callees(c.Expression, sc)
	case *ast.Identifier:
		sym := sc.lookup(c.Name.String())
		if sym == nil {
			return nil
		}
		if !slices.ContainsFunc(sym.funcs, isClass) {
			// Shared, not copied: capped so that an append copies.
			return sym.funcs[:len(sym.funcs):len(sym.funcs)]
		}
		var out []ast.Node
		for _, f := range sym.funcs {
			if class, ok := f.(*ast.ClassLiteral); ok {
				out = append(out, constructorOf(class)...)
			} else {
				out = append(out, f)
			}
		}
		return out
	case *ast.DotExpression:
		return a.methodsNamed(c.Left, c.Identifier.Name.String(), sc)
	}
	return nil
}

// methodsNamed resolves obj.name(...) where obj is this inside a class, a
// binding to an object literal, or a class (static methods).
func (a *analysis) methodsNamed(obj ast.Expression, name string, sc *scope) []ast.Node {
	switch o := obj.(type) {
	case *ast.ThisExpression:
		if class := sc.thisClass(); class != nil {
			return classMethods(class, name, false)
		}
	case *ast.Identifier:
		sym := sc.lookup(o.Name.String())
		if sym == nil {
			return nil
		}
		var out []ast.Node
		for _, lit := range sym.objects {
			out = append(out, a.objectMethods(lit, name, sym.scope)...)
		}
		for _, f := range sym.funcs {
			if class, ok := f.(*ast.ClassLiteral); ok {
				out = append(out, classMethods(class, name, true)...)
			}
		}
		return out
	}
	return nil
}

func (a *analysis) objectMethods(lit *ast.ObjectLiteral, name string, sc *scope) []ast.Node {
	var out []ast.Node
	for _, p := range lit.Value {
		key, _, ok := a.propertyKey(p, sc)
		if !ok || key != name {
			continue
		}
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			out = append(out, a.callees(p.Value, sc)...)
		case *ast.PropertyShort:
			out = append(out, a.callees(&p.Name, sc)...)
		}
	}
	return out
}

func classMethods(class *ast.ClassLiteral, name string, static bool) []ast.Node {
	var out []ast.Node
	for _, el := range class.Body {
		m, ok := el.(*ast.MethodDefinition)
		if !ok || m.Static != static || m.Kind != ast.PropertyKindMethod {
			continue
		}
		if k, ok := m.Key.(*ast.StringLiteral); ok && !m.Computed && k.Value.String() == name {
			out = append(out, m.Body)
		}
	}
	return out
}

func constructorOf(class *ast.ClassLiteral) []ast.Node {
	for _, el := range class.Body {
		m, ok := el.(*ast.MethodDefinition)
		if !ok || m.Static || m.Computed {
			continue
		}
		if k, ok := m.Key.(*ast.StringLiteral); ok && k.Value.String() == "constructor" {
			return []ast.Node{m.Body}
		}
	}
	return nil
}

// resolveCall returns the same-file functions a call may enter and the
// arguments they receive, seeing through f.call(this, ...) and
// f.apply(this, [...]). fns is empty when the callee is not in this file.
func (a *analysis) resolveCall(call ast.Expression, sc *scope) (callee ast.Expression, fns []ast.Node, args []ast.Expression) {
	switch c := call.(type) {
	case *ast.CallExpression:
		callee, args = c.Callee, c.ArgumentList
	case *ast.NewExpression:
		callee, args = c.Callee, c.ArgumentList
	}
	if fns = a.callees(callee, sc); len(fns) > 0 {
		return callee, fns, args
	}
	dot, ok := callee.(*ast.DotExpression)
	if !ok {
		return callee, nil, args
	}
	target := a.callees(dot.Left, sc)
	if len(target) == 0 {
		return callee, nil, args
	}
	switch dot.Identifier.Name.String() {
	case "call":
		if len(args) > 0 {
			args = args[1:]
		}
		return dot.Left, target, args
	case "apply":
		if len(args) > 1 {
			if arr, ok := args[1].(*ast.ArrayLiteral); ok {
				return dot.Left, target, arr.Value
			}
		}
	}
	return callee, nil, args
}
