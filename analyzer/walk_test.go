package analyzer

import (
	"fmt"
	goast "go/ast"
	goparser "go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/google/go-cmp/cmp"
)

// walkCorpus holds valid scripts that together contain every node type
// reachable from a Program.
var walkCorpus = []string{
	// classes
	`class A extends B {
  x = 1; static y; #p = 2; static #q; [k] = 3; 'str' = 4; 5 = 6;
  static { var sv = 1; this.z = sv; }
  constructor(a, ...r) { super(a); this.#p = new.target; }
  get g() { return this.#p; }
  set g(v) { this.#p = v; }
  static async *gen() { yield* [1]; yield; yield 2; }
  #m() { return #p in this; }
  async am() { await super.am(); }
  [Symbol.iterator]() {}
  static get [k2]() { return 1 }
}
var C = class Named {}, D = class {};
class E {}`,
	// object literals
	`var o = { a, b: 1, 'c': 2, 3: 4, [d]: 5, get e() { return 1 }, set e(v) {}, f() { return super.f(); },
  async g() {}, *h() {}, async i() { await 1 }, ...rest, if: 1, };`,
	// destructuring
	`const {a, b: {c = 1}, d = 2, ['e']: f, ...g} = obj;
let [h, , i = 3, [j], {k}, ...l] = arr;
var {m} = n, [o2] = p, q;
function f1({a, b = 1}, [c, d = 2], e = 3, ...[g, h]) {}
function f2(...rest) {}
(({a}, [b], c = 1, ...d) => a);
({a, b: c.d, e = 1, ...e2} = f);
[g, h.i = 1, , ...j[0]] = k;`,
	// loops
	`for (var i = 0, j; i < 10; i++) {}
for (let i = 0; ; ) break;
for (const x of y) {}
for (let {a} of b) {}
for (var [a2] of c2);
for (var k in o) {}
for (k in o) ;
for (o.p of q) {}
for (x[0] in o) {}
for (;;) { continue; }
for (i = 0, j = 1; i < j; i++, j--) {}
while (a) b();
do { x++ } while (x < 10);`,
	// labels
	`outer: for (;;) { inner: while (true) { if (a) break outer; else continue inner; } }
lbl: { break lbl; }`,
	// switch with fall-through and empty trailing case
	`switch (x) { case 1: case 2: f(); break; default: g(); case 3: }
switch (y) {}`,
	// try
	`try { f() } catch { }
try { g() } catch (e) { throw e } finally { h() }
try {} catch ({message}) {}
try {} catch ([m]) {}
try {} finally {}`,
	// functions
	`function* gen() { yield 1; yield* other(); var v = yield; }
async function af() { await p; for (const x of await y) {} }
const arrow = async (a) => { return a };
const ex = x => x * 2;
const ex2 = async x => x;
const ex3 = () => ({});
(function named() { return; })();
(() => {})();
x = function () {}; x = function* () {}; x = async function () {};
function nt() { return new.target; }`,
	// expressions
	"a = b ? c : d; a += 1; a ??= b; a ||= c; a &&= d; a **= 2; x = a ?? b; x = !a; x = typeof a; delete a.b; void 0;\n" +
		"x = -a; ++a; a--; x = (a, b, c); x = a?.b?.[c]?.(d); x = a?.b.c; x = a.b.c; x = a[b]; x = new Foo; x = new Foo(a, ...b);\n" +
		"x = tag`t${a}m${b}e`; x = ``; x = `plain`; x = `a${`b${c}`}`; x = a.b`c`; x = /re+g/gi; x = 10n; x = 1.5; x = 0x1f;\n" +
		"x = 'str'; x = \"str2\"; x = true; x = false; x = null; x = this; x = [1, , ...a, 3]; x = [,];\n" +
		"x = a instanceof B; x = 'k' in o; x = a ** 2; x = a && b || c; f(...args, 1); debugger; ;",
	// sloppy-mode with
	`with (obj) { x = y; }`,
	// if chains and blocks
	`if (a) b; else if (c) { d } else e;
if (f) {}
{ let z = 1; const w = 2; }`,
	"#!/usr/bin/env node\nmodule.exports = async (user, context, cb) => { const s = context?.webtask?.secrets?.[name]; cb(null, user, context); };",
}

// walkBadCorpus holds scripts with syntax errors; their partial ASTs contain
// BadStatement and BadExpression.
var walkBadCorpus = []string{
	`var = 1;`,
	`if (`,
	`x = ;`,
	`a b c`,
	`for await (x of y) {}`,
	`({ async *m(){} })`,
	`let{f(`,
	`function (`,
	`return 1`,
	`x = [1, 2`,
	`{ a: 1, }}`,
	`var {a, b} = ;`,
	`import x from 'y'`,
	`1 +`,
	`({a b})`,
	`class { #x; }`,
	`f(a, ...)`,
	`let [a = ] = b;`,
	`x = a ? : c;`,
	`(a, b) => { ; switch (x) { case : } }`,
}

func parseWalkInput(t testing.TB, src string, wantErr bool) *ast.Program {
	t.Helper()
	prg, err := parser.ParseFile(nil, "x.js", src, 0, parser.WithDisableSourceMaps)
	if (err != nil) != wantErr {
		t.Fatalf("parse %q: err = %v, want error: %v", src, err, wantErr)
	}
	if prg == nil {
		t.Fatalf("parse %q: nil program", src)
	}
	return prg
}

// walkRecorder records Enter/Exit events with the node's type and address,
// so two walks compare equal only if they visit the same nodes in the same
// order.
type walkRecorder struct {
	events []string
	skip   func(ast.Node) bool
}

func (r *walkRecorder) Enter(n ast.Node) bool {
	if r.skip != nil && r.skip(n) {
		r.events = append(r.events, fmt.Sprintf("skip %T", n))
		return false
	}
	r.events = append(r.events, fmt.Sprintf("enter %T %p", n, n))
	return true
}

func (r *walkRecorder) Exit(n ast.Node) {
	r.events = append(r.events, fmt.Sprintf("exit %T %p", n, n))
}

// refWalk is the reference walker: it follows, by reflection, every field
// that is or contains an ast.Node, except DeclarationList. The embedded
// Identifier of a PrivateIdentifier is the node itself, not a child.
func refWalk(v Visitor, n ast.Node) {
	rv := reflect.ValueOf(n)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return
	}
	if !v.Enter(n) {
		return
	}
	s := rv.Elem()
	switch n := n.(type) {
	case *ast.TemplateLiteral:
		// Source order interleaves Elements and Expressions.
		refValue(v, reflect.ValueOf(&n.Tag).Elem())
		for i, el := range n.Elements {
			refWalk(v, el)
			if i < len(n.Expressions) {
				refValue(v, reflect.ValueOf(&n.Expressions[i]).Elem())
			}
		}
		for i := len(n.Elements); i < len(n.Expressions); i++ {
			refValue(v, reflect.ValueOf(&n.Expressions[i]).Elem())
		}
	default:
		for _, name := range refFieldOrder(s.Type()) {
			f, ok := s.Type().FieldByName(name)
			if !ok {
				panic(fmt.Sprintf("%v has no field %s", s.Type(), name))
			}
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				continue
			}
			refValue(v, s.FieldByIndex(f.Index))
		}
	}
	v.Exit(n)
}

// refSourceOrder overrides the declaration order for the structs whose
// fields are not declared in source order.
var refSourceOrder = map[reflect.Type][]string{
	reflect.TypeFor[ast.ForStatement]():     {"For", "Initializer", "Test", "Update", "Body"},
	reflect.TypeFor[ast.DoWhileStatement](): {"Do", "Body", "Test", "RightParenthesis"},
}

func refFieldOrder(t reflect.Type) []string {
	if o, ok := refSourceOrder[t]; ok {
		if len(o) != t.NumField() {
			panic(fmt.Sprintf("refSourceOrder[%v] is stale: the struct has %d fields", t, t.NumField()))
		}
		return o
	}
	var names []string
	for i := range t.NumField() {
		if name := t.Field(i).Name; name != "DeclarationList" {
			names = append(names, name)
		}
	}
	return names
}

func refValue(v Visitor, fv reflect.Value) {
	switch fv.Kind() {
	case reflect.Interface:
		if !fv.IsNil() {
			refValue(v, fv.Elem())
		}
	case reflect.Pointer:
		if n, ok := fv.Interface().(ast.Node); ok && !fv.IsNil() {
			refWalk(v, n)
		}
	case reflect.Struct:
		if fv.CanAddr() {
			if n, ok := fv.Addr().Interface().(ast.Node); ok {
				refWalk(v, n)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range fv.Len() {
			refValue(v, fv.Index(i))
		}
	}
}

type walkInput struct {
	src     string
	wantErr bool
}

func allWalkInputs() []walkInput {
	var in []walkInput
	for _, s := range walkCorpus {
		in = append(in, walkInput{s, false})
	}
	for _, s := range walkBadCorpus {
		in = append(in, walkInput{s, true})
	}
	return in
}

// walkRoots returns the program and its hoisted VariableDeclarations, which
// a Program walk never reaches.
func walkRoots(prg *ast.Program) []ast.Node {
	roots := []ast.Node{prg}
	for _, d := range prg.DeclarationList {
		roots = append(roots, d)
	}
	return roots
}

func TestWalkMatchesReflectionWalker(t *testing.T) {
	for _, in := range allWalkInputs() {
		prg := parseWalkInput(t, in.src, in.wantErr)
		for _, root := range walkRoots(prg) {
			var want, got walkRecorder
			refWalk(&want, root)
			if !walkRecovering(t, &got, root) {
				continue
			}
			if diff := cmp.Diff(want.events, got.events); diff != "" {
				t.Errorf("Walk(%T) of %q differs from the reflection walker (-want +got):\n%s", root, in.src, diff)
			}
		}
	}
}

// walkRecovering reports a Walk panic (an unhandled node type) as a test
// error so that the remaining inputs and tests still run.
func walkRecovering(t *testing.T, v Visitor, n ast.Node) (ok bool) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("Walk(%T): %v", n, r)
			ok = false
		}
	}()
	Walk(v, n)
	return true
}

// nodeTypeNames returns "*ast.T" for every struct type of goja's ast
// package that has an Idx0 method, declared or promoted from an embedded
// field, read from the package source so a goja upgrade is noticed.
func nodeTypeNames(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/dop251/goja/ast").Output()
	if err != nil {
		t.Fatalf("go list github.com/dop251/goja/ast: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	structs := map[string]*goast.StructType{}
	ifaces := map[string]*goast.InterfaceType{}
	hasIdx0 := map[string]bool{"Node": true}
	fset := token.NewFileSet()
	for _, fn := range files {
		if strings.HasSuffix(fn, "_test.go") {
			continue
		}
		f, err := goparser.ParseFile(fset, fn, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *goast.GenDecl:
				for _, sp := range d.Specs {
					ts, ok := sp.(*goast.TypeSpec)
					if !ok {
						continue
					}
					switch tt := ts.Type.(type) {
					case *goast.StructType:
						structs[ts.Name.Name] = tt
					case *goast.InterfaceType:
						ifaces[ts.Name.Name] = tt
					}
				}
			case *goast.FuncDecl:
				if d.Name.Name != "Idx0" || d.Recv == nil {
					continue
				}
				rt := d.Recv.List[0].Type
				if st, ok := rt.(*goast.StarExpr); ok {
					rt = st.X
				}
				if id, ok := rt.(*goast.Ident); ok {
					hasIdx0[id.Name] = true
				}
			}
		}
	}
	// Propagate Idx0 through embedding (interfaces embedding Node, structs
	// embedding a node or such an interface) until nothing changes.
	embeds := func(fields *goast.FieldList) bool {
		for _, f := range fields.List {
			if len(f.Names) > 0 {
				continue
			}
			if id, ok := f.Type.(*goast.Ident); ok && hasIdx0[id.Name] {
				return true
			}
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for name, it := range ifaces {
			if !hasIdx0[name] && embeds(it.Methods) {
				hasIdx0[name], changed = true, true
			}
		}
		for name, st := range structs {
			if !hasIdx0[name] && embeds(st.Fields) {
				hasIdx0[name], changed = true, true
			}
		}
	}
	var names []string
	for name := range structs {
		if hasIdx0[name] && goast.IsExported(name) {
			names = append(names, "*ast."+name)
		}
	}
	sort.Strings(names)
	// Guards against a parse that silently finds nothing; goja had 75.
	if len(names) < 75 {
		t.Fatalf("found only %d node types in %s: %v", len(names), dir, names)
	}
	return names
}

type typeCounter map[string]int

func (c typeCounter) Enter(n ast.Node) bool { c[fmt.Sprintf("%T", n)]++; return true }
func (c typeCounter) Exit(ast.Node)         {}

func TestWalkCoversEveryNodeType(t *testing.T) {
	fromPrograms, fromDecls := typeCounter{}, typeCounter{}
	for _, in := range allWalkInputs() {
		prg := parseWalkInput(t, in.src, in.wantErr)
		walkRecovering(t, fromPrograms, prg)
		for _, d := range prg.DeclarationList {
			walkRecovering(t, fromDecls, d)
		}
	}
	if fromPrograms["*ast.VariableDeclaration"] != 0 {
		t.Errorf("a Program walk reached %d VariableDeclarations; DeclarationList must be skipped", fromPrograms["*ast.VariableDeclaration"])
	}
	all := nodeTypeNames(t)
	var missing []string
	for _, name := range all {
		if fromPrograms[name] == 0 && fromDecls[name] == 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("node types never visited by the corpus: %v", missing)
	} else {
		t.Logf("all %d node types visited", len(all))
	}
	known := map[string]bool{}
	for _, name := range all {
		known[name] = true
	}
	for name := range fromPrograms {
		if !known[name] {
			t.Errorf("visited %s, which is not in the node type list", name)
		}
	}
}

// TestWalkSourceOrder checks that leaves, whose Idx0 is reliable, are
// entered in nondecreasing source position.
func TestWalkSourceOrder(t *testing.T) {
	for _, src := range walkCorpus {
		prg := parseWalkInput(t, src, false)
		var last file.Idx
		var lastNode ast.Node
		Walk(visitFunc(func(n ast.Node) bool {
			switch n.(type) {
			case *ast.Identifier, *ast.PrivateIdentifier, *ast.StringLiteral, *ast.NumberLiteral,
				*ast.BooleanLiteral, *ast.NullLiteral, *ast.RegExpLiteral, *ast.TemplateElement,
				*ast.ThisExpression, *ast.SuperExpression:
				if i := n.Idx0(); i < last {
					t.Errorf("in %q: %T at %d visited after %T at %d", src, n, i, lastNode, last)
				} else {
					last, lastNode = i, n
				}
			}
			return true
		}), prg)
	}
}

type visitFunc func(ast.Node) bool

func (f visitFunc) Enter(n ast.Node) bool { return f(n) }
func (visitFunc) Exit(ast.Node)           {}

func typesOf(events []string) []string {
	var out []string
	for _, e := range events {
		f := strings.Fields(e)
		out = append(out, f[0]+" "+f[1])
	}
	return out
}

func TestWalkEnterFalseSkipsChildren(t *testing.T) {
	prg := parseWalkInput(t, `f(function g(a) { return a }, 1)`, false)
	r := &walkRecorder{skip: func(n ast.Node) bool { _, ok := n.(*ast.FunctionLiteral); return ok }}
	Walk(r, prg)
	want := []string{
		"enter *ast.Program",
		"enter *ast.ExpressionStatement",
		"enter *ast.CallExpression",
		"enter *ast.Identifier",
		"exit *ast.Identifier",
		"skip *ast.FunctionLiteral",
		"enter *ast.NumberLiteral",
		"exit *ast.NumberLiteral",
		"exit *ast.CallExpression",
		"exit *ast.ExpressionStatement",
		"exit *ast.Program",
	}
	if diff := cmp.Diff(want, typesOf(r.events)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}

	r = &walkRecorder{skip: func(ast.Node) bool { return true }}
	Walk(r, prg)
	if diff := cmp.Diff([]string{"skip *ast.Program"}, r.events); diff != "" {
		t.Errorf("skipping the root (-want +got):\n%s", diff)
	}
}

func TestWalkEdgeCasesDoNotPanic(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{"", []string{"enter *ast.Program", "exit *ast.Program"}},
		{"switch(x){case 1: case 2:}", []string{
			"enter *ast.Program",
			"enter *ast.SwitchStatement",
			"enter *ast.Identifier", "exit *ast.Identifier",
			"enter *ast.CaseStatement", "enter *ast.NumberLiteral", "exit *ast.NumberLiteral", "exit *ast.CaseStatement",
			"enter *ast.CaseStatement", "enter *ast.NumberLiteral", "exit *ast.NumberLiteral", "exit *ast.CaseStatement",
			"exit *ast.SwitchStatement",
			"exit *ast.Program",
		}},
	} {
		prg := parseWalkInput(t, tc.src, false)
		var r walkRecorder
		Walk(&r, prg)
		if diff := cmp.Diff(tc.want, typesOf(r.events)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.src, diff)
		}
	}
}

func TestWalkSkipsNilChildren(t *testing.T) {
	id := &ast.Identifier{Name: "a"}
	for _, tc := range []struct {
		name string
		n    ast.Node
		want []string
	}{
		{"nil interface", nil, nil},
		{"nil root", (*ast.Program)(nil), nil},
		{"typed nil expression", &ast.ExpressionStatement{Expression: (*ast.Identifier)(nil)},
			[]string{"enter *ast.ExpressionStatement", "exit *ast.ExpressionStatement"}},
		{"nil catch and finally", &ast.TryStatement{Body: &ast.BlockStatement{}},
			[]string{"enter *ast.TryStatement", "enter *ast.BlockStatement", "exit *ast.BlockStatement", "exit *ast.TryStatement"}},
		{"typed nil catch parameter", &ast.CatchStatement{Parameter: (*ast.ObjectPattern)(nil)},
			[]string{"enter *ast.CatchStatement", "exit *ast.CatchStatement"}},
		{"array holes", &ast.ArrayLiteral{Value: []ast.Expression{nil, (*ast.Identifier)(nil), id, nil}},
			[]string{"enter *ast.ArrayLiteral", "enter *ast.Identifier", "exit *ast.Identifier", "exit *ast.ArrayLiteral"}},
		{"pattern holes", &ast.ArrayPattern{Elements: []ast.Expression{nil, id}, Rest: (*ast.Identifier)(nil)},
			[]string{"enter *ast.ArrayPattern", "enter *ast.Identifier", "exit *ast.Identifier", "exit *ast.ArrayPattern"}},
		{"nil wrapped", &ast.SpreadElement{Expression: (*ast.CallExpression)(nil)},
			[]string{"enter *ast.SpreadElement", "exit *ast.SpreadElement"}},
	} {
		var r walkRecorder
		Walk(&r, tc.n)
		if diff := cmp.Diff(tc.want, typesOf(r.events)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

type walkFakeNode struct{}

func (walkFakeNode) Idx0() file.Idx { return 0 }
func (walkFakeNode) Idx1() file.Idx { return 0 }

func TestWalkPanicsOnUnknownNode(t *testing.T) {
	defer func() {
		r := recover()
		if want := "analyzer.Walk: unhandled node type analyzer.walkFakeNode"; r != want {
			t.Errorf("recovered %v, want %q", r, want)
		}
	}()
	Walk(&walkRecorder{}, &ast.ExpressionStatement{Expression: &ast.SpreadElement{}})
	Walk(&walkRecorder{}, walkFakeNode{})
}

func TestWalkDoesNotAllocate(t *testing.T) {
	var progs []*ast.Program
	for _, in := range allWalkInputs() {
		progs = append(progs, parseWalkInput(t, in.src, in.wantErr))
	}
	n := 0
	v := visitFunc(func(ast.Node) bool { n++; return true })
	if allocs := testing.AllocsPerRun(10, func() {
		for _, p := range progs {
			Walk(v, p)
		}
	}); allocs != 0 {
		t.Errorf("Walk allocated %v times per corpus walk", allocs)
	}
}

// walkBenchSource is about 100 KB of varied JavaScript.
func walkBenchSource() string {
	var b strings.Builder
	for i := 0; b.Len() < 100<<10; i++ {
		for _, s := range walkCorpus {
			if strings.HasPrefix(s, "#!") {
				continue
			}
			// Each snippet in its own function keeps declarations apart.
			fmt.Fprintf(&b, "function wrap%d_%d() {\n%s\n}\n", i, b.Len(), s)
		}
	}
	return b.String()
}

func BenchmarkWalk(b *testing.B) {
	src := walkBenchSource()
	b.Run("walk", func(b *testing.B) {
		prg := parseWalkInput(b, src, false)
		n := 0
		v := visitFunc(func(ast.Node) bool { n++; return true })
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			Walk(v, prg)
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			parseWalkInput(b, src, false)
		}
	})
}
