package analyzer

import (
	"cmp"
	"slices"
	"sort"

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
	// In source order, so that each node finds the wanted statements
	// it may hold by a binary search: a hook of thousands of callback
	// statements stays linear.
	slices.SortStableFunc(w.tails, func(x, y pendingTail) int { return cmp.Compare(x.st.Idx0(), y.st.Idx0()) })
	w.finder = tailFinder{want: w.tails, left: len(w.tails), path: w.finder.path[:0], next: w.finder.next}
	if w.finder.next == nil {
		w.finder.next = make(map[*ast.BlockStatement]int)
	}
	Walk(&w.finder, w.fn)
	w.finder.want = nil
	clear(w.finder.path)
	w.finder.next = reuseMap(w.finder.next)
}

// tailFinder keeps the path from the hook function to the node entered,
// and judges each wanted statement by that path. A statement that holds
// none of the wanted ones is not entered, nor anything once all are found.
type tailFinder struct {
	want []pendingTail
	left int
	path []ast.Node
	// next is, for each block an ancestor of a wanted statement sits in,
	// the index in its list to look for the next ancestor from: wanted
	// statements are met in source order, so each list is gone through
	// once, however many callback statements it holds.
	next map[*ast.BlockStatement]int
}

func (f *tailFinder) Enter(n ast.Node) bool {
	if f.left == 0 {
		return false
	}
	switch n.(type) {
	case *ast.ExpressionStatement, *ast.ReturnStatement:
		at := n.Idx0()
		for i := f.firstFrom(at); i < len(f.want) && f.want[i].st.Idx0() == at; i++ {
			if p := f.want[i]; ast.Node(p.st) == n {
				p.call.Continues = f.continuesAfter(append(f.path, n))
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
	i := f.firstFrom(from)
	return i < len(f.want) && f.want[i].st.Idx0() < to
}

// firstFrom is the index of the first wanted statement starting at or after at.
func (f *tailFinder) firstFrom(at file.Idx) int {
	return sort.Search(len(f.want), func(i int) bool { return f.want[i].st.Idx0() >= at })
}

func (f *tailFinder) Exit(ast.Node) { f.path = f.path[:len(f.path)-1] }

// continuesAfter says whether code of the function holding the last
// statement of path may run after it: the statement is not the last thing
// its function does. Loops, switch cases and finally blocks run more code;
// an if, a label or a try's blocks pass the question to their statement; a
// bare return after it ends the function.
func (f *tailFinder) continuesAfter(path []ast.Node) bool {
	for i := len(path) - 1; i > 0; i-- {
		child := path[i]
		switch p := path[i-1].(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			return false
		case *ast.BlockStatement:
			if next := f.after(p, child); next == afterMore {
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

// after says what follows child in block's list, empty statements skipped.
// Statements cannot be found by their position (an if statement's Idx0 is
// always 0 in goja), so the list is searched from where the last search in
// it ended.
func (f *tailFinder) after(block *ast.BlockStatement, child ast.Node) int {
	list := block.List
	i := indexFrom(list, child, f.next[block])
	if i < 0 {
		i = indexFrom(list, child, 0) // not met in source order: never, but stay right
	}
	if i < 0 {
		return afterNothing
	}
	f.next[block] = i
	for _, s := range list[i+1:] {
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

// indexFrom is the index of child in list at or after from, or -1.
func indexFrom(list []ast.Statement, child ast.Node, from int) int {
	for i := from; i < len(list); i++ {
		if ast.Node(list[i]) == child {
			return i
		}
	}
	return -1
}
