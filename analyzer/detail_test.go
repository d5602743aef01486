package analyzer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// texts turns spans into the source text they cover, which is what a
// rewrite will replace.
func texts(src string, spans ...Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, src[s.Start:s.End])
	}
	return out
}

func TestDetailExport(t *testing.T) {
	cases := []struct {
		name, src string
		target    string
		head      string
		body      string
		flags     string
	}{
		{"function expression", "module.exports = function (user, context, cb) {\n  cb();\n};",
			"module.exports", "function (user, context, cb) ", "{\n  cb();\n}", "async=false arrow=false expr=false bare=false declared=false"},
		{"async arrow with expression body", "module.exports = async (user, context) => context.webtask.secrets.K;",
			"module.exports", "async (user, context) => ", "context.webtask.secrets.K", "async=true arrow=true expr=true bare=false declared=false"},
		{"declared then exported", "async function hook(user, context, cb) { cb(); }\nexports.handler = hook;",
			"exports.handler", "async function hook(user, context, cb) ", "{ cb(); }", "async=true arrow=false expr=false bare=false declared=true"},
		{"bare function", "function (user, context, cb) { cb(); }",
			"", "function (user, context, cb) ", "{ cb(); }", "async=false arrow=false expr=false bare=true declared=false"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := AnalyzeScript(Script{Source: []byte(tc.src), File: "x.js", Detail: true})
			if r.Detail == nil {
				t.Fatalf("no detail; findings %v", r.Findings)
			}
			e := r.Detail.Export
			got := texts(tc.src, e.Target, e.Head, e.Body)
			if diff := cmp.Diff([]string{tc.target, tc.head, tc.body}, got); diff != "" {
				t.Errorf("export (-want +got):\n%s", diff)
			}
			flags := fmt.Sprintf("async=%v arrow=%v expr=%v bare=%v declared=%v", e.Async, e.Arrow, e.ExpressionBody, e.Bare, e.Declared)
			if flags != tc.flags {
				t.Errorf("flags = %s, want %s", flags, tc.flags)
			}
		})
	}
}

func TestDetailParamRefs(t *testing.T) {
	src := `module.exports = function (user, context, cb) {
  const email = user.email, tenant = context.connection.tenant;
  const s = context.webtask.secrets;
  const ctx = context;
  use(ctx.webtask.secrets.K, s.A, context?.webtask?.secrets['B']);
  const { webtask: { secrets: { C } } } = context;
  function inner(user) { return user.id; }
  if (!email) return cb(new Error('no email'));
  user = null;
  cb(null, { user });
};`
	r := AnalyzeScript(Script{Source: []byte(src), File: "x.js", Detail: true})
	type ref struct {
		Param, Text, Chain string
		Line               int
		Write              bool
		Call               []string
	}
	var got []ref
	for _, p := range r.Detail.Params {
		for _, x := range p.Refs {
			rf := ref{Param: p.Name, Text: src[x.ChainSpan.Start:x.ChainSpan.End], Chain: fmt.Sprint(x.Chain), Line: x.Line, Write: x.Write}
			if x.Call != nil {
				for _, arg := range x.Call.Args {
					rf.Call = append(rf.Call, texts(src, arg.Span)...)
				}
			}
			got = append(got, rf)
		}
	}
	want := []ref{
		{"user", "user.email", "[email]", 2, false, nil},
		{"user", "user", "[]", 9, true, nil},
		{"user", "user", "[]", 10, false, nil},
		{"context", "context.connection.tenant", "[connection tenant]", 2, false, nil},
		{"context", "context.webtask.secrets", "[webtask secrets]", 3, false, nil},
		{"context", "context", "[]", 4, false, nil},
		{"context", "context?.webtask?.secrets['B']", "[webtask secrets B]", 5, false, nil},
		{"context", "context", "[]", 6, false, nil},
		{"cb", "cb", "[]", 8, false, []string{"new Error('no email')"}},
		{"cb", "cb", "[]", 10, false, []string{"null", "{ user }"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
	segs := texts(src, r.Detail.WebtaskSegments...)
	if diff := cmp.Diff([]string{".webtask", ".webtask", "?.webtask"}, segs); diff != "" {
		t.Errorf("webtask segments (-want +got):\n%s", diff)
	}
	if len(r.Detail.WebtaskPatterns) != 1 || !r.Detail.WebtaskPatterns[0].Sole {
		t.Fatalf("webtask patterns = %+v, want one sole pattern", r.Detail.WebtaskPatterns)
	}
	p := r.Detail.WebtaskPatterns[0]
	if diff := cmp.Diff([]string{"{ webtask: { secrets: { C } } }", "{ secrets: { C } }"}, texts(src, p.Pattern, p.Value)); diff != "" {
		t.Errorf("pattern (-want +got):\n%s", diff)
	}
}

func TestNoDetailUnlessAsked(t *testing.T) {
	if r := Analyze([]byte("module.exports = function (u, c, cb) {};"), "x.js", ""); r.Detail != nil {
		t.Error("Analyze computed the detail nobody asked for")
	}
}

func TestDetailCallbackShapes(t *testing.T) {
	src := `module.exports = function (client, scope, audience, context, cb) {
  var access_token = { 'https://example.com/plan': 'gold' };
  access_token['https://example.com/claim'] = 'bar';
  access_token.scope = scope;
  if (!client) return cb(new InvalidRequestError('no client'));
  cb(null, access_token);
};`
	r := AnalyzeScript(Script{Source: []byte(src), File: "x.js", Detail: true})
	cb := r.Detail.Params[4]
	if len(cb.Refs) != 2 {
		t.Fatalf("cb refs = %+v", cb.Refs)
	}
	deny, done := cb.Refs[0].Call, cb.Refs[1].Call
	if !deny.Return || texts(src, deny.Statement)[0] != "return cb(new InvalidRequestError('no client'))" {
		t.Errorf("deny statement = %q (return %v)", texts(src, deny.Statement), deny.Return)
	}
	if n := deny.Args[0].New; n == nil || n.Name != "InvalidRequestError" || texts(src, n.Args...)[0] != "'no client'" {
		t.Errorf("deny argument = %+v", deny.Args[0])
	}
	if done.Return || texts(src, done.Statement)[0] != "cb(null, access_token)" || !done.Args[0].Null {
		t.Errorf("final call = %+v", done)
	}
	local := done.Args[1].Local
	if local == nil || local.Name != "access_token" || len(local.Init.Props) != 1 || local.Init.Props[0].Key != "https://example.com/plan" {
		t.Fatalf("local object = %+v", local)
	}
	var assigns []string
	for _, m := range local.Assigns {
		assigns = append(assigns, fmt.Sprintf("%v=%s [%s]", m.Chain, texts(src, m.Value)[0], texts(src, m.Statement)[0]))
	}
	want := []string{
		"[https://example.com/claim]='bar' [access_token['https://example.com/claim'] = 'bar']",
		"[scope]=scope [access_token.scope = scope]",
	}
	if diff := cmp.Diff(want, assigns); diff != "" {
		t.Errorf("assignments (-want +got):\n%s", diff)
	}
}

func TestValueSpanKeepsParentheses(t *testing.T) {
	src := "module.exports = function (u, context, cb) {\n  var o = {};\n  o.a = (u.x && u.y) || null;\n  o.b = f((1), 2);\n  o.c = x || (y);\n  cb(null, o);\n};"
	r := AnalyzeScript(Script{Source: []byte(src), File: "x.js", Detail: true})
	local := r.Detail.Params[2].Refs[0].Call.Args[1].Local
	var got []string
	for _, m := range local.Assigns {
		got = append(got, texts(src, m.Value)...)
	}
	if diff := cmp.Diff([]string{"(u.x && u.y) || null", "f((1), 2)", "x || (y)"}, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

// refSummary lists a detail's parameter references as name@line:col,
// with w for a write, s for a shorthand and c for a call.
func refSummary(d *Detail) []string {
	var out []string
	for _, p := range d.Params {
		for _, x := range p.Refs {
			s := fmt.Sprintf("%s@%d:%d%v", p.Name, x.Line, x.Column, x.Chain)
			for _, f := range []struct {
				flag string
				on   bool
			}{{"w", x.Write}, {"s", x.Shorthand}, {"c", x.Call != nil}} {
				if f.on {
					s += " " + f.flag
				}
			}
			out = append(out, s)
		}
	}
	return out
}

func TestDetailNamesThatAreNotReferences(t *testing.T) {
	// Labels, keys and function names spelled like a parameter are names,
	// typeof reads the parameter, a pattern's { user } is no shorthand, and
	// a duplicated parameter name binds the last one.
	src := `module.exports = function (user, context, cb, cb) {
  user: for (;;) { break user; }
  class K { user() {} static context = 1; }
  function context() {}
  const o = { user: 1, user };
  ({ user } = o);
  if (typeof user === 'object') user.count++;
  cb(null, o);
};`
	r := AnalyzeScript(Script{Source: []byte(src), File: "x.js", Detail: true})
	want := []string{"user@5:24[] s", "user@6:6[]", "user@7:14[]", "user@7:33[count] w", "cb@8:3[] c"}
	if diff := cmp.Diff(want, refSummary(r.Detail)); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
}

func TestDetailManyLocals(t *testing.T) {
	// Past eight local objects, the walker's list of their names gives way
	// to a set; the references and the objects stay the same.
	var b strings.Builder
	b.WriteString("module.exports = function (ünï, scope, audience, context, cb) {\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, "  const o%d = { k: scope };\n", i)
	}
	b.WriteString("  o9.x = ünï.y; o3.scope.push(audience); helper(o2);\n  cb(null, o9); cb(null, o2);\n};")
	src := b.String()
	r := AnalyzeScript(Script{Source: []byte(src), File: "x.js", Detail: true})
	if r.Detail == nil {
		t.Fatalf("no detail; findings %v", r.Findings)
	}
	want := []string{"ünï@12:10[y]", "scope@2:19[]", "scope@3:19[]", "scope@4:19[]", "scope@5:19[]", "scope@6:19[]",
		"scope@7:19[]", "scope@8:19[]", "scope@9:19[]", "scope@10:19[]", "scope@11:19[]", "audience@12:31[]",
		"cb@13:3[] c", "cb@13:17[] c"}
	if diff := cmp.Diff(want, refSummary(r.Detail)); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
	o9, o2 := r.Detail.Params[4].Refs[0].Call.Args[1].Local, r.Detail.Params[4].Refs[1].Call.Args[1].Local
	if o9 == nil || o9.Name != "o9" || len(o9.Assigns) != 1 || o9.Escapes {
		t.Errorf("o9 = %+v, want one assignment and no escape", o9)
	}
	if o2 == nil || o2.Name != "o2" || !o2.Escapes {
		t.Errorf("o2 = %+v, want an escape (helper(o2))", o2)
	}
}

// A callback statement after which its function runs more code is marked
// Continues: later statements, a loop's next turn, a finally block. The
// last thing a function does (through ifs, try and catch blocks, before a
// bare return) is not, whichever function it is in.
func TestDetailCallbackContinues(t *testing.T) {
	src := `module.exports = function (user, context, cb) {
  if (user.a) { cb(new Error('a')); return; }
  if (user.b) cb(new Error('b')); else if (user.c) cb(new Error('c'));
  for (const x of user.list) { if (x) cb(new Error('loop')); }
  try { cb(new Error('try')); } finally { log(); }
  setTimeout(function () { cb(new Error('timer')); log(); }, 0);
  request(user, function (err) { try { cb(new Error('last')); } catch (e) { cb(e); } });
  cb(new Error('then'));
  audit(user);
};`
	r := AnalyzeScript(Script{Source: []byte(src), File: "x.js", Detail: true})
	got := map[string]bool{}
	for _, ref := range r.Detail.Params[2].Refs {
		if c := ref.Call; c != nil && len(c.Args) > 0 {
			got[texts(src, c.Args[0].Span)[0]] = c.Continues
		}
	}
	want := map[string]bool{
		"new Error('a')": false, "new Error('b')": true, "new Error('c')": true, "new Error('loop')": true,
		"new Error('try')": true, "new Error('timer')": true, "new Error('last')": false, "e": false,
		"new Error('then')": true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Continues by call (-want +got):\n%s", diff)
	}
}
