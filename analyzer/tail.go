package analyzer

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
)

// A hook's callback answered the runtime, but the hook's code went on
// after it: cb(null, r); audit(); ran audit. A draft that turns such a call
// into api calls and a return skips what followed, so the walk notes the
// callback statements after which more code of their function may run.

// pendingTail is a callback call whose statement is not a return: whether
// code of its function may run after it is found once the walk is over.
type pendingTail struct {
	call *CallRef
	st   ast.Statement
}

// markContinues sets Continues on each pending call, with one walk of the
// hook function, and only when there is one.
func (w *refWalker) markContinues() {
	if len(w.tails) == 0 {
		return
	}
	w.finder = tailFinder{want: w.tails, left: len(w.tails), path: w.finder.path[:0]}
	Walk(&w.finder, w.fn)
	w.finder.want = nil
	clear(w.finder.path)
}

// tailFinder keeps the path from the hook function to the node entered,
// and judges each wanted statement by that path. A statement that holds
// none of the wanted ones is not entered, nor anything once all are found.
type tailFinder struct {
	want []pendingTail
	left int
	path []ast.Node
}

func (f *tailFinder) Enter(n ast.Node) bool {
	if f.left == 0 {
		return false
	}
	switch n.(type) {
	case *ast.ExpressionStatement, *ast.ReturnStatement:
		for _, p := range f.want {
			if ast.Node(p.st) == n {
				p.call.Continues = continuesAfter(append(f.path, n))
				f.left--
			}
		}
		if !f.holdsWanted(n.Idx0(), n.Idx1()) {
			return false
		}
	case *ast.VariableStatement, *ast.LexicalDeclaration, *ast.IfStatement, *ast.ThrowStatement,
		*ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement, *ast.WhileStatement, *ast.DoWhileStatement,
		*ast.CallExpression, *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ObjectLiteral, *ast.ArrayLiteral:
		if !f.holdsWanted(n.Idx0(), n.Idx1()) {
			return false
		}
	}
	f.path = append(f.path, n)
	return true
}

// holdsWanted says whether a wanted statement starts in [from, to).
func (f *tailFinder) holdsWanted(from, to file.Idx) bool {
	for _, p := range f.want {
		if s := p.st.Idx0(); s >= from && s < to {
			return true
		}
	}
	return false
}

func (f *tailFinder) Exit(ast.Node) { f.path = f.path[:len(f.path)-1] }

// continuesAfter says whether code of the function holding the last
// statement of path may run after it: the statement is not the last thing
// its function does. Loops, switch cases and finally blocks run more code;
// an if, a label or a try's blocks pass the question to their statement; a
// bare return after it ends the function.
func continuesAfter(path []ast.Node) bool {
	for i := len(path) - 1; i > 0; i-- {
		child := path[i]
		switch p := path[i-1].(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			return false
		case *ast.BlockStatement:
			if next := after(p.List, child); next == afterMore {
				return true
			} else if next == afterReturn {
				return false
			}
		case *ast.IfStatement, *ast.LabelledStatement, *ast.CatchStatement:
		case *ast.TryStatement:
			if p.Finally != nil && child != ast.Node(p.Finally) {
				return true
			}
		default:
			return true
		}
	}
	return true
}

// What follows a statement in its list.
const (
	afterNothing = iota // the end of the list
	afterReturn         // a bare return, which ends the function
	afterMore           // code that runs
)

// after says what follows child in list, empty statements skipped.
func after(list []ast.Statement, child ast.Node) int {
	i := 0
	for i < len(list) && ast.Node(list[i]) != child {
		i++
	}
	for _, s := range list[min(i+1, len(list)):] {
		switch s := s.(type) {
		case *ast.EmptyStatement:
		case *ast.ReturnStatement:
			if s.Argument == nil {
				return afterReturn
			}
			return afterMore
		default:
			return afterMore
		}
	}
	return afterNothing
}
