package analyzer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"

	"github.com/hooks2actions/hooks2actions/finding"
)

// maxRounds bounds the flow fixpoint. Values only grow over a lattice of
// five bits per binding, so real scripts settle in two or three rounds.
const maxRounds = 64

// analysis is the state of one Analyze call.
type analysis struct {
	src    []byte
	file   string
	ps     *parsedScript
	lines  *lineTable
	result *Result

	funcs   map[ast.Node]*funcInfo
	scratch *scratch
	// first is the first pass, kept here to spare it an allocation.
	first declarer
	// wantDetail says Script.Detail asked for the detail.
	wantDetail bool
	fields     map[*ast.ClassLiteral]map[string]val
	// tracked holds the names of bindings that hold a value, so that eval
	// can skip the scope lookup for the vast majority of identifiers.
	tracked *nameSet

	hook ast.Node
	// exportTarget and exportSource are the sides of the assignment that
	// exports the hook, when there is one.
	exportTarget, exportSource ast.Expression
	// webtaskSegments and webtaskPatterns feed Detail.
	webtaskSegments []Span
	webtaskPatterns []PatternSegment
	hookParams      *ast.ParameterList
	hookScope       *scope
	ctxTarget       ast.Expression
	// callback is the hook's callback parameter, nil when it has none.
	callback *symbol

	// helperCalls are the calls that enter a function of this file, with
	// what they enter, and direct the plain calls among them by node: both
	// are resolved once, not in every round of the flow pass.
	helperCalls []helperCall
	direct      map[*ast.CallExpression][]ast.Node
	// chained memoises, for one round, the value of each assignment
	// evaluated: a = a = … = s, or a = b || (c = d || …), would otherwise be
	// evaluated down the whole chain from each of its links.
	chained map[*ast.AssignExpression]val
	// work counts the steps of the flow pass and budget bounds them (see spend).
	work, budget int

	// skip holds member expressions already reported as part of a larger
	// form (secrets.hasOwnProperty('K') is an in-check, not a read of
	// hasOwnProperty).
	skip map[ast.Node]bool
}

// Script is one hook script to analyse.
type Script struct {
	Source []byte
	// File names the file positions refer to.
	File string
	// FirstLine is the line of File on which Source starts, for scripts
	// embedded in another file (a heredoc in a .tf file); 0 means 1.
	FirstLine int
	// Indent is how many columns every line of Source stands right of
	// its place in File (the indentation a <<- heredoc strips); 0 for most.
	Indent int
	// TriggerID is the hook's trigger, "" when unknown.
	TriggerID string
	// Detail asks for Result.Detail, what a rewrite into an Action needs.
	Detail bool
}

// Analyze finds the secret usages of one hook script. filename is used in
// positions only; triggerID may be "" when unknown. It never fails: a script
// that does not parse yields a parse-error finding and the usages a text scan
// can still recover.
func Analyze(src []byte, filename, triggerID string) *Result {
	return AnalyzeScript(Script{Source: src, File: filename, TriggerID: triggerID})
}

// AnalyzeScript is Analyze for a script that may start past line 1 of its file.
func AnalyzeScript(s Script) *Result { return analyzeStages(s, len(stages)) }

// analyzeStages is AnalyzeScript running only the first n stages, for
// the benchmark that weighs each of them (BenchmarkAnalyzeStages).
func analyzeStages(s Script, n int) (res *Result) {
	src, filename, triggerID := s.Source, s.File, s.TriggerID
	a := &analysis{src: src, file: filename, lines: scriptLines(s), budget: workBudget(len(src))}
	if s.Detail {
		a.wantDetail = true
	}
	a.result = &Result{File: filename, TriggerID: triggerID, TriggerSource: TriggerGiven}
	if triggerID == "" {
		a.result.TriggerSource = TriggerUnknown
	}
	defer func() {
		// A bug in the analysis of one hook must not take the whole report
		// down with it: report it on that hook and keep the text scan.
		switch r := recover(); r.(type) {
		case nil:
		case budgetExceeded:
			res = a.incomplete()
		default:
			res = a.internalError(r)
		}
	}()
	ps, perr := parse(filename, src)
	a.ps = ps // nil when the script does not parse
	a.scanSuppressions()
	if perr != nil {
		a.parseFailed(perr)
		return a.finish()
	}
	a.result.Parsed = true
	a.takeScratch()
	for _, st := range stages[:n] {
		if !st.run(a) {
			break
		}
	}
	a.dropScratch()
	return a.finish()
}

// stages are the steps of an analysis once the script has parsed, in
// order; a stage that returns false ends the analysis there.
var stages = []struct {
	name string
	run  func(*analysis) bool
}{
	{"declare", (*analysis).declareAll},
	{"hook", (*analysis).resolveHook},
	{"flow", (*analysis).flow},
	{"collect", (*analysis).collect},
	{"detail", (*analysis).detailStage},
}

// declareAll runs the first pass and declares the implicit globals.
func (a *analysis) declareAll() bool {
	d := a.declareScopes(a.ps.program)
	if d.implicitGlobals() {
		d.indexNames()
	}
	return true
}

// resolveHook resolves the requires, the helpers' calls and the hook
// function; without a context to follow there is nothing more to do.
func (a *analysis) resolveHook() bool {
	a.recordRequires()
	a.recordLiterals()
	a.resolveCalls()
	return a.findHook()
}

// flow gives every binding its value, round after round until none changes.
func (a *analysis) flow() bool {
	settled := false
	for round := 0; round < maxRounds && !settled; round++ {
		settled = !a.propagate(false)
	}
	if !settled {
		a.report(finding.RuleAnalysisIncomplete, a.result.HookFunction.Start, fmt.Sprintf(
			"the values of this hook's variables did not settle after %d rounds of analysis; some secret usages may be missing", maxRounds))
	}
	return true
}

// collect reports the usages and escapes, every value being known.
func (a *analysis) collect() bool {
	a.propagate(true)
	(&collector{a: a}).run()
	return true
}

func (a *analysis) detailStage() bool {
	if a.wantDetail {
		a.detail()
	}
	return true
}

// declareScopes runs the first pass: every scope and binding of the
// program, before any name is looked up. The check of drafted modules
// runs it too (unbound.go).
func (a *analysis) declareScopes(prog ast.Node) *declarer {
	d := &a.first
	*d = declarer{a: a}
	Walk(d, prog)
	d.indexNames()
	return d
}

// recordRequires keeps the require calls that reach the global require,
// not a local function of that name.
func (a *analysis) recordRequires() {
	for _, c := range a.scratch.requires {
		if c.scope.lookup("require") != nil {
			continue
		}
		lit := c.call.(*ast.CallExpression).ArgumentList[0].(*ast.StringLiteral)
		sp := a.span(lit)
		line, col := a.lines.position(sp.Start)
		a.result.Requires = append(a.result.Requires, Require{Specifier: lit.Value.String(), Line: line, Column: col, Span: sp})
	}
}

// recordLiterals notes which bindings hold function, class and object
// literals, so that calls through them can be followed.
func (a *analysis) recordLiterals() {
	for _, e := range a.scratch.binds {
		id, ok := e.target.(*ast.Identifier)
		if !ok {
			continue
		}
		sym := e.scope.lookup(id.Name.String())
		if sym == nil {
			continue
		}
		switch src := e.src.(type) {
		case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral:
			sym.funcs = append(sym.funcs, src)
		case *ast.ObjectLiteral:
			sym.objects = append(sym.objects, src)
		}
	}
}

// helperCall is a call that enters functions of this file.
type helperCall struct {
	scope *scope
	fns   []ast.Node
	args  []ast.Expression
}

// resolveCalls resolves every call once every binding's functions are known.
func (a *analysis) resolveCalls() {
	for i := range a.scratch.calls {
		c := &a.scratch.calls[i]
		c.callee, c.fns, c.args = a.resolveCall(c.call, c.scope)
		if len(c.fns) == 0 {
			continue
		}
		a.helperCalls = append(a.helperCalls, helperCall{scope: c.scope, fns: c.fns, args: c.args})
		if call, ok := c.call.(*ast.CallExpression); ok && c.callee == call.Callee {
			a.direct[call] = c.fns
		}
	}
}

// propagate runs every flow edge once. In collect mode it also reports the
// usages and escapes that binding patterns reveal.
func (a *analysis) propagate(collect bool) bool {
	clear(a.chained)
	changed := a.bindPattern(a.ctxTarget, vContext, a.hookScope, collect)
	for _, e := range a.scratch.binds {
		if v := a.eval(e.src, e.scope); v&valueBits != 0 {
			changed = a.bindPattern(e.target, v|e.flag, e.scope, collect) || changed
		}
	}
	for _, c := range a.helperCalls {
		changed = a.bindCall(c, collect) || changed
	}
	if collect {
		return changed
	}
	for _, r := range a.scratch.returns {
		v := a.eval(r.expr, r.scope) & valueBits
		info := a.funcs[r.fn]
		if v == 0 || info == nil {
			continue
		}
		if next := info.returns | v | fAlias; next != info.returns {
			info.returns = next
			changed = true
		}
	}
	return changed
}

// bindCall binds the arguments of a call into a same-file function's
// parameters; the values reached there are marked as read in a helper.
func (a *analysis) bindCall(c helperCall, collect bool) bool {
	changed := false
	for _, fn := range c.fns {
		info := a.funcs[fn]
		if info == nil {
			continue
		}
		for i, arg := range c.args {
			if _, spread := arg.(*ast.SpreadElement); spread {
				continue
			}
			v := a.eval(arg, c.scope) & valueBits
			if v == 0 {
				continue
			}
			if info.params == nil || i >= len(info.params.List) {
				if collect {
					a.escape(arg, v, "is passed to a function beyond its named parameters (a rest parameter or arguments)")
				}
				continue
			}
			changed = a.bindPattern(info.params.List[i].Target, v|fHelper, info.scope, collect) || changed
		}
	}
	return changed
}

// bindPattern gives target the value v. In collect mode it reports the keys
// destructured from the secrets object instead of updating bindings.
func (a *analysis) bindPattern(target ast.Expression, v val, sc *scope, collect bool) bool {
	switch t := target.(type) {
	case *ast.Identifier:
		if collect {
			return false
		}
		sym := sc.lookup(t.Name.String())
		if sym == nil || sym.val|v == sym.val {
			return false
		}
		sym.val |= v
		a.tracked.add(sym.name)
		return true
	case *ast.ObjectPattern:
		return a.bindObjectPattern(t, v, sc, collect)
	case *ast.ArrayPattern:
		if collect && v&valueBits != 0 {
			a.escape(t, v, "is destructured as an array, which iterates over it")
		}
	case *ast.AssignExpression:
		return a.bindPattern(t.Left, v|a.eval(t.Right, sc), sc, collect)
	case *ast.DotExpression:
		if _, ok := t.Left.(*ast.ThisExpression); ok {
			if class := sc.thisClass(); class != nil {
				return a.setField(class, t.Identifier.Name.String(), v, collect)
			}
		}
		if collect {
			a.escape(t, v, "is stored in a property of another object")
		}
	case *ast.BracketExpression:
		if collect {
			a.escape(t, v, "is stored in a property of another object")
		}
	}
	return false
}

func (a *analysis) setField(class *ast.ClassLiteral, name string, v val, collect bool) bool {
	if collect {
		return false
	}
	if a.fields == nil {
		a.fields = make(map[*ast.ClassLiteral]map[string]val)
	}
	fields := a.fields[class]
	if fields == nil {
		fields = make(map[string]val)
		a.fields[class] = fields
	}
	if fields[name]|v == fields[name] {
		return false
	}
	fields[name] |= v
	return true
}

func (a *analysis) bindObjectPattern(p *ast.ObjectPattern, v val, sc *scope, collect bool) bool {
	changed := false
	rest := v & (valueBits | flagBits)
	for _, prop := range p.Properties {
		key, keyNode, ok := a.propertyKey(prop, sc)
		target, def := patternParts(prop)
		if !ok {
			if collect && v&vSecrets != 0 {
				a.dynamic(keyNode)
			}
			continue
		}
		if collect && v&vSecrets != 0 {
			a.usage(key, keyNode, kindFor(v, KindDestructure))
		}
		if collect && key == "webtask" && v&vContext != 0 && a.wantDetail {
			a.webtaskPatterns = append(a.webtaskPatterns, a.webtaskPattern(p, prop, target))
		}
		switch key {
		case "webtask":
			rest &^= vContext
		case "secrets":
			rest &^= vWebtask
		}
		sub := step(v, key)
		if def != nil {
			sub |= a.eval(def, sc)
		}
		if sub&valueBits != 0 && target != nil {
			changed = a.bindPattern(target, sub, sc, collect) || changed
		}
	}
	if p.Rest == nil {
		return changed
	}
	if collect && v&vSecrets != 0 {
		a.escape(p.Rest, vSecrets, "is collected by a rest element, which can hold any key")
	}
	if rest&valueBits&^vSecrets != 0 {
		changed = a.bindPattern(p.Rest, rest&^vSecrets, sc, collect) || changed
	}
	return changed
}

func (a *analysis) webtaskPattern(p *ast.ObjectPattern, prop ast.Property, target ast.Expression) PatternSegment {
	_, def := patternParts(prop)
	_, isObject := target.(*ast.ObjectPattern)
	return PatternSegment{Pattern: a.span(p), Property: a.span(prop), Value: a.span(target), ValueIsObject: isObject,
		Sole: len(p.Properties) == 1 && p.Rest == nil && def == nil && target != nil}
}

// patternParts splits a pattern property into its binding target and default.
func patternParts(p ast.Property) (target, def ast.Expression) {
	switch p := p.(type) {
	case *ast.PropertyShort:
		return &p.Name, p.Initializer
	case *ast.PropertyKeyed:
		if as, ok := p.Value.(*ast.AssignExpression); ok {
			return as.Left, as.Right
		}
		return p.Value, nil
	}
	return nil, nil
}

// kindFor picks the reported kind: a read inside a helper is a helper read
// whatever its syntax; a plain member read through an alias is an alias read.
func kindFor(v val, syntactic UsageKind) UsageKind {
	switch {
	case v&fHelper != 0:
		return KindHelper
	case syntactic != KindMember:
		return syntactic
	case v&fAlias != 0:
		return KindAlias
	}
	return KindMember
}

func (a *analysis) offsetOf(idx file.Idx) int { return a.ps.offset(int(idx)) }

// span is the byte range of n in the original script. Identifier.Idx1 is
// wrong for names with escapes or non-ASCII letters, so those are rescanned.
func (a *analysis) span(n ast.Node) Span {
	if id, ok := n.(*ast.Identifier); ok {
		return a.identSpan(id)
	}
	start, end := a.offsetOf(n.Idx0()), a.offsetOf(n.Idx1())
	if end < start {
		end = start
	}
	return Span{Start: start, End: end}
}

// identSpan is span for an identifier, without its interface calls: its
// identifier bytes from its start, rescanned (see span).
func (a *analysis) identSpan(id *ast.Identifier) Span {
	start := a.offsetOf(id.Idx)
	end := start
	for end < len(a.src) && isIdentByte(a.src[end]) {
		end++
	}
	return Span{Start: start, End: end}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c == '\\' || c >= 0x80 ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func (a *analysis) usage(key string, at ast.Node, kind UsageKind) {
	sp := a.span(at)
	line, col := a.lines.position(sp.Start)
	if a.result.Usages == nil {
		// Room for the usual few at once, rather than growing 1, 2, 4, 8.
		a.result.Usages = make([]SecretUsage, 0, 8)
	}
	a.result.Usages = append(a.result.Usages, SecretUsage{Key: key, Line: line, Column: col, Kind: kind, Span: sp})
}

func (a *analysis) report(rule string, start int, msg string) {
	r, _ := finding.LookupRule(rule)
	line, col := a.lines.position(start)
	a.result.Findings = append(a.result.Findings, finding.Finding{
		Rule: rule, Severity: r.Severity, Message: msg,
		Location: finding.Location{File: a.file, Line: line, Column: col},
	})
}

func (a *analysis) dynamic(at ast.Node) {
	a.report(finding.RuleDynamicSecretAccess, a.span(at).Start,
		fmt.Sprintf("secret read with a key computed at run time (%s); the secrets it reaches cannot be known statically", a.snippet(at)))
}

func (a *analysis) escape(at ast.Node, v val, how string) {
	a.report(finding.RuleSecretsObjectEscape, a.span(at).Start,
		fmt.Sprintf("%s %s; any secret may be read there", describe(v), how))
}

func describe(v val) string {
	switch {
	case v&vSecrets != 0:
		return "the secrets object"
	case v&vWebtask != 0:
		return "context.webtask, which holds the secrets,"
	}
	return "the hook's context, which holds context.webtask.secrets,"
}

// snippet is the source text of n on one line, shortened for messages.
func (a *analysis) snippet(n ast.Node) string {
	sp := a.span(n)
	text := []rune(string(a.src[sp.Start:sp.End]))
	for i, r := range text {
		if r == '\n' || r == '\r' {
			text = append(text[:i:i], '…')
			break
		}
	}
	if len(text) > 60 {
		text = append(text[:59:59], '…')
	}
	return string(text)
}

// finish sorts the usages and findings and drops repeats: a helper called
// from several places, or a pattern bound twice, reports the same place again.
func (a *analysis) finish() *Result {
	r := a.result
	slices.SortStableFunc(r.Usages, func(x, y SecretUsage) int {
		return cmp.Or(cmp.Compare(x.Span.Start, y.Span.Start), strings.Compare(x.Key, y.Key))
	})
	r.Usages = compact(r.Usages, func(x, y SecretUsage) bool { return x.Span.Start == y.Span.Start && x.Key == y.Key })
	finding.Sort(r.Findings)
	r.Findings = compact(r.Findings, func(x, y finding.Finding) bool { return x.Rule == y.Rule && x.Location == y.Location })
	return r
}

// compact removes the elements equal to the one before them, keeping the first.
func compact[T any](s []T, same func(x, y T) bool) []T {
	if len(s) < 2 {
		return s
	}
	out := s[:1]
	for _, x := range s[1:] {
		if !same(out[len(out)-1], x) {
			out = append(out, x)
		}
	}
	return out
}

func (a *analysis) internalError(p interface{}) *Result {
	r := &Result{File: a.file, TriggerID: a.result.TriggerID, TriggerSource: a.result.TriggerSource,
		Suppressions: a.result.Suppressions}
	a.result = r
	a.report(finding.RuleInternalError, 0, fmt.Sprintf("internal error while analysing this hook: %v", p))
	a.scan()
	return a.finish()
}

func sortStrings(s []string) { slices.Sort(s) }

// The work budget of one analysis: a base plus an allowance per byte of
// script. Measured on the sample corpus and on the generated shapes of
// BenchmarkGrowth, an analysis takes at most 1.5 steps per byte; the
// allowance leaves room for the flow pass' rounds, and bounds a script
// that defeats them to a few seconds.
var (
	baseWork    = 1 << 20
	workPerByte = 32
)

func workBudget(size int) int { return baseWork + workPerByte*size }

// budgetExceeded is the panic that ends an analysis past its work budget.
type budgetExceeded struct{}

// incomplete is the result of an analysis that ran out of budget: the
// text scan's usages, and a finding that says the analysis stopped.
func (a *analysis) incomplete() *Result {
	r := &Result{File: a.file, TriggerID: a.result.TriggerID, TriggerSource: a.result.TriggerSource,
		Suppressions: a.result.Suppressions, Parsed: true}
	a.result = r
	a.report(finding.RuleAnalysisIncomplete, 0, fmt.Sprintf(
		"the analysis of this hook passed its budget of %d steps and stopped; the usages listed come from a text scan "+
			"and are low confidence, and others may be missing", a.budget))
	a.scan()
	return a.finish()
}

// spend counts n steps of work and ends the analysis when they pass the
// budget. Counting steps rather than time keeps the outcome the same on
// every machine and every run, however loaded.
func (a *analysis) spend(n int) {
	a.work += n
	if a.work > a.budget {
		panic(budgetExceeded{})
	}
}
