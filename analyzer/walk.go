package analyzer

import (
	"fmt"

	"github.com/dop251/goja/ast"
)

// Visitor is called for every node of a goja AST, in source order.
type Visitor interface {
	// Enter is called before n's children; returning false skips the children (and Exit for n).
	Enter(n ast.Node) bool
	// Exit is called after n's children when Enter returned true.
	Exit(n ast.Node)
}

// Walk visits n and all its descendants.
//
// DeclarationList fields are not followed: they repeat the *ast.Binding
// pointers already reachable from the statements. Nil children, including
// typed nils held in interfaces and array holes, are skipped. Walk panics on a
// node type it does not know, so that a goja upgrade adding one is noticed.
func Walk(v Visitor, n ast.Node) {
	walkNode(v, n)
}

// walkNode takes any rather than ast.Node: converting a child held as
// ast.Expression/ast.Statement/... to any only reads the type word, whereas
// converting it to ast.Node costs an itab lookup per child. Each case
// converts its concrete pointer back to ast.Node, which is static.
//
// Every case starts with "x == nil": that is the typed-nil check (a nil *T
// stored in an interface lands in the *T case), so none is needed at the
// call sites and no reflection is used. Never call Idx0/Idx1 here: some
// panic (empty Program, CaseStatement without Consequent).
func walkNode(v Visitor, n any) {
	switch x := n.(type) {
	case nil:
		return

	case *ast.Program:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, s := range x.Body {
			walkNode(v, s)
		}
		v.Exit(x)

	// Expressions.
	case *ast.ArrayLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, e := range x.Value {
			walkNode(v, e)
		}
		v.Exit(x)
	case *ast.ArrayPattern:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, e := range x.Elements {
			walkNode(v, e)
		}
		walkNode(v, x.Rest)
		v.Exit(x)
	case *ast.ArrowFunctionLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.ParameterList)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.AssignExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Left)
		walkNode(v, x.Right)
		v.Exit(x)
	case *ast.AwaitExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Argument)
		v.Exit(x)
	case *ast.BadExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.BinaryExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Left)
		walkNode(v, x.Right)
		v.Exit(x)
	case *ast.Binding:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Target)
		walkNode(v, x.Initializer)
		v.Exit(x)
	case *ast.BooleanLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.BracketExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Left)
		walkNode(v, x.Member)
		v.Exit(x)
	case *ast.CallExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Callee)
		for _, e := range x.ArgumentList {
			walkNode(v, e)
		}
		v.Exit(x)
	case *ast.ClassLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Name)
		walkNode(v, x.SuperClass)
		for _, e := range x.Body {
			walkNode(v, e)
		}
		v.Exit(x)
	case *ast.ConditionalExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Test)
		walkNode(v, x.Consequent)
		walkNode(v, x.Alternate)
		v.Exit(x)
	case *ast.DotExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Left)
		walkNode(v, &x.Identifier)
		v.Exit(x)
	case *ast.FunctionLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Name)
		walkNode(v, x.ParameterList)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.Identifier:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.MetaProperty:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Meta)
		walkNode(v, x.Property)
		v.Exit(x)
	case *ast.NewExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Callee)
		for _, e := range x.ArgumentList {
			walkNode(v, e)
		}
		v.Exit(x)
	case *ast.NullLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.NumberLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.ObjectLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, p := range x.Value {
			walkNode(v, p)
		}
		v.Exit(x)
	case *ast.ObjectPattern:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, p := range x.Properties {
			walkNode(v, p)
		}
		walkNode(v, x.Rest)
		v.Exit(x)
	case *ast.PrivateDotExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Left)
		walkNode(v, &x.Identifier)
		v.Exit(x)
	case *ast.PropertyKeyed:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Key)
		walkNode(v, x.Value)
		v.Exit(x)
	case *ast.PropertyShort:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, &x.Name)
		walkNode(v, x.Initializer)
		v.Exit(x)
	case *ast.RegExpLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.SequenceExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, e := range x.Sequence {
			walkNode(v, e)
		}
		v.Exit(x)
	case *ast.StringLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.SuperExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.TemplateLiteral:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Tag)
		// Source order interleaves the quasis and the ${} expressions.
		for i, el := range x.Elements {
			walkNode(v, el)
			if i < len(x.Expressions) {
				walkNode(v, x.Expressions[i])
			}
		}
		for i := len(x.Elements); i < len(x.Expressions); i++ {
			walkNode(v, x.Expressions[i])
		}
		v.Exit(x)
	case *ast.ThisExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.UnaryExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Operand)
		v.Exit(x)
	case *ast.YieldExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Argument)
		v.Exit(x)

	// Wrappers that embed an interface; PrivateIdentifier's embedded
	// Identifier is the node itself, not a child.
	case *ast.OptionalChain:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Expression)
		v.Exit(x)
	case *ast.Optional:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Expression)
		v.Exit(x)
	case *ast.SpreadElement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Expression)
		v.Exit(x)
	case *ast.PrivateIdentifier:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)

	// Statements.
	case *ast.BadStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.BlockStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, s := range x.List {
			walkNode(v, s)
		}
		v.Exit(x)
	case *ast.BranchStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Label)
		v.Exit(x)
	case *ast.CaseStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Test)
		for _, s := range x.Consequent {
			walkNode(v, s)
		}
		v.Exit(x)
	case *ast.CatchStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Parameter)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.ClassDeclaration:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Class)
		v.Exit(x)
	case *ast.DebuggerStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.DoWhileStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Body) // the struct lists Test first; source has the body first
		walkNode(v, x.Test)
		v.Exit(x)
	case *ast.EmptyStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.ExpressionStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Expression)
		v.Exit(x)
	case *ast.ForInStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Into)
		walkNode(v, x.Source)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.ForOfStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Into)
		walkNode(v, x.Source)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.ForStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Initializer)
		walkNode(v, x.Test) // the struct lists Update first; source has the test first
		walkNode(v, x.Update)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.FunctionDeclaration:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Function)
		v.Exit(x)
	case *ast.IfStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Test)
		walkNode(v, x.Consequent)
		walkNode(v, x.Alternate)
		v.Exit(x)
	case *ast.LabelledStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Label)
		walkNode(v, x.Statement)
		v.Exit(x)
	case *ast.LexicalDeclaration:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, b := range x.List {
			walkNode(v, b)
		}
		v.Exit(x)
	case *ast.ReturnStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Argument)
		v.Exit(x)
	case *ast.SwitchStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Discriminant)
		for _, c := range x.Body {
			walkNode(v, c)
		}
		v.Exit(x)
	case *ast.ThrowStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Argument)
		v.Exit(x)
	case *ast.TryStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Body)
		walkNode(v, x.Catch)
		walkNode(v, x.Finally)
		v.Exit(x)
	case *ast.VariableStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, b := range x.List {
			walkNode(v, b)
		}
		v.Exit(x)
	case *ast.WhileStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Test)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.WithStatement:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Object)
		walkNode(v, x.Body)
		v.Exit(x)

	// Other nodes.
	case *ast.VariableDeclaration:
		// Only reachable through DeclarationList, i.e. when a caller walks one.
		if x == nil || !v.Enter(x) {
			return
		}
		for _, b := range x.List {
			walkNode(v, b)
		}
		v.Exit(x)
	case *ast.ParameterList:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, b := range x.List {
			walkNode(v, b)
		}
		walkNode(v, x.Rest)
		v.Exit(x)
	case *ast.ExpressionBody:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Expression)
		v.Exit(x)
	case *ast.TemplateElement:
		if x == nil || !v.Enter(x) {
			return
		}
		v.Exit(x)
	case *ast.FieldDefinition:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Key)
		walkNode(v, x.Initializer)
		v.Exit(x)
	case *ast.MethodDefinition:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Key)
		walkNode(v, x.Body)
		v.Exit(x)
	case *ast.ClassStaticBlock:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Block)
		v.Exit(x)
	case *ast.ForLoopInitializerExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Expression)
		v.Exit(x)
	case *ast.ForLoopInitializerVarDeclList:
		if x == nil || !v.Enter(x) {
			return
		}
		for _, b := range x.List {
			walkNode(v, b)
		}
		v.Exit(x)
	case *ast.ForLoopInitializerLexicalDecl:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, &x.LexicalDeclaration)
		v.Exit(x)
	case *ast.ForIntoVar:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Binding)
		v.Exit(x)
	case *ast.ForDeclaration:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Target)
		v.Exit(x)
	case *ast.ForIntoExpression:
		if x == nil || !v.Enter(x) {
			return
		}
		walkNode(v, x.Expression)
		v.Exit(x)

	default:
		panic(fmt.Sprintf("analyzer.Walk: unhandled node type %T", n))
	}
}
