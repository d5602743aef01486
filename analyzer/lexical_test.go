package analyzer

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"

	"github.com/hooks2actions/hooks2actions/finding"
)

// deep builds a script that nests n levels with open/close around a core.
func deep(open, core, close string, n int) string {
	return "x = " + strings.Repeat(open, n) + core + strings.Repeat(close, n) + ";\n"
}

// TestNestingBounded feeds scripts nested far past what goja's parser can
// take on the Go stack (~300,000 levels overflow it, which kills the whole
// process): each must end in a parse-error at the place the limit was
// passed, not in a crash.
func TestNestingBounded(t *testing.T) {
	// The case: 600 KB, 300,000 levels. The other forms only need
	// to pass the limit.
	const n = 5 * maxNesting
	cases := map[string]string{
		"brackets":     deep("[", "1", "]", 300_000),
		"parens":       deep("(", "1", ")", n),
		"braces":       deep("{a:", "1", "}", n),
		"assignments":  deep("a=", "1", "", n),
		"prefix":       deep("!", "1", "", n),
		"unary minus":  deep("-", "1", "", n),
		"typeof":       deep("typeof ", "1", "", n),
		"conditionals": deep("a?b:", "1", "", n),
		"arrows":       deep("a=>", "1", "", n),
		"templates":    deep("`${", "1", "}`", n),
		"ifs":          strings.Repeat("if(a)", n) + "x;\n",
		// An if statement's block ends it unless an else follows, which
		// comments or a space outside ASCII do not hide.
		"else-ifs":         strings.Repeat("if(a){}else ", n) + "x;\n",
		"else-ifs comment": strings.Repeat("if(a){}/* } */else ", n) + "x;\n",
		"else-ifs nbsp":    strings.Repeat("if(a){}\u00a0else ", n) + "x;\n",
		"labels":           strings.Repeat("a:", n) + "x;\n",
		"functions":        deep("function(){return ", "1", "}", n),
		// Chains the parser reads in a loop still build a tree as deep,
		// which the analysis walks recursively.
		"sum":     "x = " + strings.Repeat("a+", 2*maxChain) + "a;\n",
		"members": "x = a" + strings.Repeat(".b", 2*maxChain) + ";\n",
		"calls":   "x = f" + strings.Repeat("()", 2*maxChain) + ";\n",
		"indexes": "x = a" + strings.Repeat("[0]", 2*maxChain) + ";\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			script := "// a hook nested too deep\n" + src
			r := Analyze([]byte(script), "deep.js", "")
			if r.Parsed {
				t.Fatal("a script nested past the limit was parsed")
			}
			f := findRule(r.Findings, finding.RuleParseError)
			if f == nil {
				t.Fatalf("no parse-error finding: %+v", r.Findings)
			}
			if f.Location.Line != 2 || f.Location.Column < maxNesting/2 || f.Location.Column > 4*maxChain {
				t.Errorf("parse-error at %d:%d, want line 2 near where %d levels are passed", f.Location.Line, f.Location.Column, maxNesting)
			}
			if !strings.Contains(f.Message, "nests deeper than") {
				t.Errorf("message %q does not say why", f.Message)
			}
		})
	}
}

func TestNestingWithinLimitParses(t *testing.T) {
	for name, src := range map[string]string{
		"brackets": deep("[", "1", "]", maxNesting/2),
		"chain":    "x = " + strings.Repeat("a+", 50_000) + "a;\n",
		"else-ifs": strings.Repeat("if (a) { b(); } else ", 300) + "{ c(); }\n",
		// Statements one after another do not nest, however many: each
		// block ends its statement (a thousand ifs were refused).
		"if statements": strings.Repeat("if (a) { b(); }\n", 2*maxNesting),
		"if-else":       strings.Repeat("if (a) { b(); } /* c */ else { c(); }\n", 2*maxNesting),
		"loops":         strings.Repeat("for (;;) { break; }\nwhile (a) { b(); }\nswitch (a) {}\n", 2*maxNesting),
		"objects":       "x = {" + strings.Repeat("a: 1, ", 10_000) + "};\n",
		"ternary":       "x = " + strings.Repeat("a ? {b: 1} : ", maxNesting-10) + "c;\n",
		"switch":        "switch (x) {\n" + strings.Repeat("case 1: a(); break;\n", 5_000) + "}\n",
		"template":      "x = `" + strings.Repeat("${a}{b}", 5_000) + "`;\n",
	} {
		if r := Analyze([]byte(src), "ok.js", ""); !r.Parsed {
			t.Errorf("%s: not parsed: %+v", name, r.Findings)
		}
	}
}

// TestNestingBoundFastPath: at the limit the cheap bound alone lets a
// script through; one operator past it the full scan runs and refuses it.
// Prefix operators and recursive keywords are the shapes where the bound
// is exact, so the boundary is sharp.
func TestNestingBoundFastPath(t *testing.T) {
	for name, unit := range map[string]string{"prefix": "!", "typeof": "typeof ", "assign": "a="} {
		at := strings.Repeat(unit, maxNesting) + "x"
		if b := nestingBound([]byte(at), math.MaxInt); b != maxNesting {
			t.Fatalf("%s: bound %d at the limit, want %d", name, b, maxNesting)
		}
		if r := Analyze([]byte(at), "limit.js", ""); !r.Parsed {
			t.Errorf("%s: %d levels refused: %+v", name, maxNesting, r.Findings)
		}
		past := unit + at
		if at := nestingLimitAt([]byte(past)); at < 0 {
			t.Errorf("%s: %d levels not refused", name, maxNesting+1)
		}
	}
}

// TestNestingBoundNeverUndercounts: the bound is at least the deepest
// nesting the full scan counts, and the fast path agrees with the scan, on
// every shape of the limit tests and on text that hides code-like bytes in
// strings, comments, templates and regular expressions.
func TestNestingBoundNeverUndercounts(t *testing.T) {
	shapes := []string{
		deep("(", "1", ")", 300), deep("{a:", "1", "}", 300), deep("`${", "1", "}`", 300),
		strings.Repeat("if(a)", 300) + "x;", strings.Repeat("a:", 300) + "x;",
		"x = a" + strings.Repeat("?.b", 300) + ";", "x = f" + strings.Repeat("()", 300) + ";",
		"éif(a)x; \u0069f(a)x; 1if; do{}while(a); a.if.new; /(/.test(x)?y:z",
		"'a\\\nb'; \"((\" + `${(`+\"`\" /* (( */ // ((\n x = -!~+a ** b => c",
		"@#\x00\x7f\v\f ... ?. ?.1 a++ ++a --b",
		"typeof new delete void yield await if else for while do with x",
		"\u00a0if(a)\u2028while(b)\ufeffdo x; x >>>= y **= z ??= w &&= v ||= u",
	}
	for _, src := range shapes {
		checkNestingFastPath(t, []byte(src))
	}
	for _, n := range []int{maxNesting - 1, maxNesting, maxNesting + 1} {
		for _, unit := range []string{"(", "!", "typeof ", "a=", "a:", "a?b:", "else ", "do "} {
			checkNestingFastPath(t, []byte(strings.Repeat(unit, n)+"x"))
		}
	}
}

// checkNestingFastPath fails unless the cheap bound is at least the
// deepest nesting the full scan counts, a chain is no longer than the
// script, and the check parse runs refuses exactly what the scan refuses,
// at the same offset.
func checkNestingFastPath(t testing.TB, src []byte) {
	t.Helper()
	scan := scanLexical(src, lexEvents{})
	if b := nestingBound(src, math.MaxInt); b < scan.peakNesting {
		t.Fatalf("nesting bound %d below the scan's deepest nesting %d", b, scan.peakNesting)
	}
	if scan.peakChain > len(src) {
		t.Fatalf("chain of %d operators in %d bytes", scan.peakChain, len(src))
	}
	if nestingWithinLimits(src) && scan.tooDeep >= 0 {
		t.Fatalf("the fast path lets through what the scan refuses at %d", scan.tooDeep)
	}
	if at := nestingLimitAt(src); at != scan.tooDeep {
		t.Fatalf("nesting check refuses at %d, the scan at %d", at, scan.tooDeep)
	}
}

// TestNestingBoundCoversKeywords: every keyword the scan counts as a level
// holds a byte the bound counts, which its soundness rests on.
func TestNestingBoundCoversKeywords(t *testing.T) {
	for _, k := range keywords {
		if k.recursive && nestingBound([]byte(k.name), math.MaxInt) == 0 {
			t.Errorf("keyword %q holds no byte nestingBound counts", k.name)
		}
	}
}

// TestNestingBoundSparesTheScan: hand-written hooks of several kilobytes
// pass the cheap bound, so the full scan runs only for scripts that come
// near the limit or are large (bundles).
func TestNestingBoundSparesTheScan(t *testing.T) {
	for _, src := range append(realHooks(t), largeHooks(t)...) {
		if !nestingWithinLimits(src) {
			t.Errorf("a hook of %d bytes needs the full scan (bound %d)", len(src), nestingBound(src, math.MaxInt))
		}
	}
}

// FuzzNestingCheck: the nesting check's fast path never lets through what
// the full scan refuses, and refuses at the scan's offset. A fuzzed unit
// is repeated to bring the script near the limits, where the two could
// disagree.
func FuzzNestingCheck(f *testing.F) {
	for _, s := range []string{"(", "!", "typeof ", "a=", "a:", "a?b:", "`${", "if(a)", "'(", "/(/", "/*(*/", "a.b", "{a:[", "x=>"} {
		f.Add(s, uint16(maxNesting))
	}
	f.Fuzz(func(t *testing.T, unit string, times uint16) {
		checkNestingFastPath(t, []byte(unit))
		if unit != "" {
			// Past twice the limit nothing new happens; the cap on the size
			// keeps the fuzzer quick.
			n := min(int(times)%(2*maxNesting+1), (8<<10)/len(unit))
			checkNestingFastPath(t, []byte(strings.Repeat(unit, n)))
		}
	})
}

// TestScanEvents pins what the scan reports on inputs that take each of
// its paths: a slash as division, comment or regular expression after
// each kind of token, every kind of punctuator, keywords as property
// names, hashbang, labels, templates inside templates, escapes, and each
// line terminator. The expectations were recorded with the scan before it
// was made faster; the speed-ups must change nothing.
func TestScanEvents(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"a = b / c // d\n/ e",
			"comment \"// d\"; nesting 1, chain 2"},
		{"x = {a: /re/} / 2 /* c */",
			"literal \"re\"; comment \"/* c */\"; nesting 2, chain 1"},
		{"if (a) /re/.test(b); else {} /x/",
			"literal \"re\"; literal \"x\"; nesting 2, chain 2"},
		{"a?.b ?.5 : c; x >>>= y **= 2 ?? z",
			"nesting 2, chain 2"},
		{"x = (?.5, a ** b ** c ** d)",
			"nesting 5, chain 0"},
		{"a #!b",
			"nesting 1, chain 1"},
		{"f()()[0].if.new; typeof void delete a",
			"nesting 3, chain 5"},
		{"#!/usr/bin/env node\nlabel: for (;;) { do x++; while (--y) /r/ }",
			"comment \"#!/usr/bin/env node\"; literal \"r\"; nesting 6, chain 0"},
		{"`a${ `b${c}` }d` + 'e\\'f' + \"g\"",
			"literal \"a\"; literal \"b\"; literal \"d\"; literal \"e\\\\'f\"; literal \"g\"; nesting 2, chain 2"},
		{"a\u2028// c\u2029b /* d */ c\r// e\r\nf",
			"comment \"// c\"; comment \"/* d */\"; comment \"// e\"; nesting 0, chain 0"},
		{"x = y => { return /r/ } / 2",
			"literal \"r\"; literal \" 2\"; nesting 3, chain 0"},
		{"\u00a0if(a)é\\u0069f;.5+1..toString() @ ~!-+a",
			"nesting 4, chain 3"},
	} {
		var got strings.Builder
		scan := scanLexical([]byte(c.src), lexEvents{
			comment: func(start, end int, _ bool) { fmt.Fprintf(&got, "comment %q; ", c.src[start:end]) },
			literal: func(start, end int) { fmt.Fprintf(&got, "literal %q; ", c.src[start:end]) },
		})
		fmt.Fprintf(&got, "nesting %d, chain %d", scan.peakNesting, scan.peakChain)
		if got.String() != c.want {
			t.Errorf("scan of %q:\n got %s\nwant %s", c.src, got.String(), c.want)
		}
	}
}

func findRule(fs []finding.Finding, rule string) *finding.Finding {
	for i := range fs {
		if fs[i].Rule == rule {
			return &fs[i]
		}
	}
	return nil
}

// TestSuppressionsOnlyFromComments: text that looks like a suppression
// comment inside a string, a template (with nested substitutions) or a
// regular expression silences nothing, whether the script parses or not.
func TestSuppressionsOnlyFromComments(t *testing.T) {
	forged := []string{
		`const a = "// hooks2actions-ignore dynamic-secret-access forged";`,
		`const a = '\' // hooks2actions-ignore dynamic-secret-access forged';`,
		"const a = `// hooks2actions-ignore dynamic-secret-access forged`;",
		"const a = `${ `${ '}' }` } // hooks2actions-ignore dynamic-secret-access forged`;",
		"const a = `${ {a: `x`}.a } // hooks2actions-ignore dynamic-secret-access forged`;",
		`const a = /[//] hooks2actions-ignore dynamic-secret-access forged/;`,
		`if (x) /[//] hooks2actions-ignore dynamic-secret-access forged/.test(y);`,
		`const a = x ? /\/\/ hooks2actions-ignore dynamic-secret-access forged/ : 1;`,
		`const a = [1, 2].map(v => v) /* // */; const b = "// hooks2actions-ignore dynamic-secret-access forged";`,
		`label: { } /[//] hooks2actions-ignore dynamic-secret-access forged/.exec(s);`,
	}
	for _, line := range forged {
		for _, broken := range []bool{false, true} {
			src := "module.exports = function (user, context, cb) {\n" + line + "\n" +
				"  const v = context.webtask.secrets[user.k];\n  cb();\n};\n"
			if broken {
				src += "}}}\n" // the parse fails: the heuristic scan alone decides
			}
			r := Analyze([]byte(src), "forged.js", "")
			if len(r.Suppressions) != 0 {
				t.Errorf("broken=%v: %s\nread as a suppression: %+v", broken, line, r.Suppressions)
			}
		}
	}
}

func TestSuppressionAfterLiteralsStillFound(t *testing.T) {
	src := "module.exports = function (user, context, cb) {\n" +
		"  const re = /[/]/g, t = `${ `}` }`, s = '\\'//';  // hooks2actions-ignore dynamic-secret-access a real one\n" +
		"  const v = context.webtask.secrets[user.k];\n  cb();\n};\n"
	r := Analyze([]byte(src), "real.js", "")
	if len(r.Suppressions) != 1 || r.Suppressions[0].Rule != finding.RuleDynamicSecretAccess || r.Suppressions[0].Line != 2 {
		t.Fatalf("suppressions = %+v, want the one on line 2", r.Suppressions)
	}
}

// TestFallbackScanReadsSubstitutions: when the script does not parse, the
// text scan still finds secret reads inside a template's ${...}, and none
// inside the template's text, a string or a regular expression.
func TestFallbackScanReadsSubstitutions(t *testing.T) {
	src := "module.exports = function (user, context, cb) {\n" +
		"  const url = `https://x/${context.webtask.secrets.API_URL}/${ `${context.webtask.secrets['NESTED']}` }`;\n" +
		"  const s = 'context.webtask.secrets.IN_STRING', re = /context.webtask.secrets.IN_REGEX/;\n" +
		"  const t = `context.webtask.secrets.IN_TEXT`;\n" +
		"  cb(null, url;\n};\n"
	r := Analyze([]byte(src), "broken.js", "")
	if r.Parsed {
		t.Fatal("the script was meant not to parse")
	}
	var keys []string
	for _, u := range r.Usages {
		keys = append(keys, u.Key)
	}
	if got := strings.Join(keys, ","); got != "API_URL,NESTED" {
		t.Errorf("text scan found %q, want API_URL,NESTED", got)
	}
}

// literalSpans collects the byte ranges of a parsed script's string,
// template text and regular expression literals, from the parser.
type literalSpans struct {
	ps    *parsedScript
	spans [][2]int
}

func (l *literalSpans) Enter(n ast.Node) bool {
	add := func(idx file.Idx, literal string) {
		start := l.ps.offset(int(idx))
		l.spans = append(l.spans, [2]int{start, start + len(literal)})
	}
	switch x := n.(type) {
	case *ast.StringLiteral:
		add(x.Idx, x.Literal)
	case *ast.RegExpLiteral:
		// Literal is not the literal's text: when a comment follows, goja
		// runs it on over the blanks and the comment's "//".
		add(x.Idx, "/"+x.Pattern+"/"+x.Flags)
	case *ast.TemplateLiteral:
		for _, e := range x.Elements {
			add(e.Idx, e.Literal)
		}
	}
	return true
}

func (*literalSpans) Exit(ast.Node) {}

// FuzzLexicalComments: in any script the parser accepts, no comment the
// lexical scan reports starts inside a literal the parser saw, so no text
// in a string, template or regular expression can be a suppression.
func FuzzLexicalComments(f *testing.F) {
	for _, s := range []string{
		"const a = '// x'; // real",
		"const a = `${ `${ '}' }` } // in template`; /* c */",
		"if (x) /[//]/.test(y); // c",
		"label: { } /[//] x/.exec(s)",
		"a = b / c // d\n/ e",
		"x = {a: /re/} / 2 // c",
		"return `a${b}c${d /* c */}e` // z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		ps, perr := parse("fuzz.js", []byte(src))
		if perr != nil {
			return
		}
		a := &analysis{src: []byte(src), ps: ps}
		spans := &literalSpans{ps: ps}
		Walk(spans, ps.program)
		scanLexical([]byte(src), lexEvents{regexAt: a.regexOffsets(), comment: func(start, end int, _ bool) {
			for _, s := range spans.spans {
				if start >= s[0] && start < s[1] {
					t.Fatalf("comment at %d inside the literal %q", start, src[s[0]:s[1]])
				}
			}
		}})
	})
}
