package analyzer

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// The lexical scan reads a script as a stream of tokens without parsing it:
// it tells comments from the insides of string, template and regular
// expression literals, and it measures how deeply the script nests before
// the parser (which recurses once per level) sees it. It never recurses
// itself, so any input is safe.
//
// The only ambiguity of JavaScript's lexical grammar is a slash: division
// or the start of a regular expression. The scan decides from the token
// before it, as tokenizers without a parser do; when the script parsed,
// regexAt lists the regular expressions the parser found and settles the
// question exactly.

// maxNesting bounds how deeply a script may nest: brackets, template
// substitutions and the operators and statements the parser handles by
// recursion (prefix operators, assignments, conditionals, arrows, if/else
// chains). Hand-written hooks stay far below it; goja's parser overflows
// the Go stack, which cannot be recovered, near 300,000.
const maxNesting = 1000

// maxChain bounds the operators of one expression that the parser reads
// in a loop but that still build a tree one level deeper each (a+b+c...,
// a.b.c..., f()()...): the analysis walks that tree recursively. A
// million-term chain in a script that is large enough (a snapshot or a
// heredoc can carry one) would exhaust the stack as surely.
const maxChain = 100_000

// lexEvents receives what the scan finds; nil members are skipped.
type lexEvents struct {
	// comment gets a comment's bytes, its // or /* included; line is true
	// for a line comment.
	comment func(start, end int, line bool)
	// literal gets the insides of a string, of a template's text between
	// substitutions, or of a regular expression's body.
	literal func(start, end int)
	// regexAt, when not nil, holds the offsets of every regular expression
	// literal in the script, from the parser.
	regexAt map[int]bool
}

// lexLevel is one open bracket (or the top level).
type lexLevel struct {
	closer byte // ')', ']', '}' or '`' for a template substitution
	// ops counts the recursive operators met at this level since its last
	// separator, and chain the chaining ones (see maxChain).
	ops, chain int
	// block is true for a brace that opens a block rather than an object,
	// and statement for a paren after if/while/for/with: after either
	// closes, a slash starts a regular expression.
	block, statement bool
	// ternaries counts the ? whose : is still to come: that : is part of
	// the conditional, already counted.
	ternaries int
	// endsStatement is true for the block of an if, else, for, while,
	// switch or with: once it closes, unless an else follows, the
	// statement is over and the parser has returned from it, so the level
	// around no longer nests on its keywords. Without this, a thousand
	// if (x) { ... } in a row counted as a thousand levels deep.
	endsStatement bool
}

type lexer struct {
	src    []byte
	ev     lexEvents
	i      int
	levels []lexLevel
	// nesting is the current depth: open levels plus their ops.
	nesting int
	// tooDeep is the offset at which nesting first passed maxNesting, or a
	// level's chain maxChain; -1 while neither has happened.
	tooDeep int
	// peakNesting is the deepest nesting met, which nestingBound bounds,
	// and peakChain the longest chain.
	peakNesting, peakChain int
	// operand is true where an expression may start: there a slash starts
	// a regular expression and + - are prefix operators.
	operand bool
	// prevWord is the keyword just read, the zero keyword after anything
	// else.
	prevWord keyword
	// afterDot is true right after a '.', where a keyword is a property name.
	afterDot bool
	// statementHeadEnd is the offset right after the last ) closing an
	// if, for, while or with head; -1 before the first.
	statementHeadEnd int
}

// scanLexical runs the scan over src.
func scanLexical(src []byte, ev lexEvents) *lexer {
	l := &lexer{src: src, ev: ev, tooDeep: -1, operand: true, levels: []lexLevel{{block: true}}, statementHeadEnd: -1}
	l.run()
	return l
}

// nestingLimitAt returns the offset at which src nests deeper than
// maxNesting or chains more than maxChain operators, or -1. Most scripts
// are too small to come near either limit, which nestingWithinLimits
// proves at a small fraction of the scan's cost.
func nestingLimitAt(src []byte) int {
	if nestingWithinLimits(src) {
		return -1
	}
	return scanLexical(src, lexEvents{}).tooDeep
}

// nestingWithinLimits reports whether the scan provably counts neither a
// nesting deeper than maxNesting nor a chain longer than maxChain in src,
// without running it. The nesting grows by one per token the scan reads
// (a bracket, an operator, a keyword) and a chain by one per operator
// token, and tokens never share a byte, so
//   - neither can pass len(src): a script of at most maxNesting bytes is
//     within both limits;
//   - a script longer than maxChain bytes might chain past it: the full
//     scan decides;
//   - otherwise the nesting is at most nestingBound(src).
func nestingWithinLimits(src []byte) bool {
	switch {
	case len(src) <= maxNesting:
		return true
	case len(src) > maxChain:
		return false
	}
	return nestingBound(src, maxNesting) <= maxNesting
}

// nestingBound is an upper bound on the deepest nesting the scan can count
// in src. Each time the scan goes one level deeper it has read one token
// of its own, and that token holds at least one byte that nestingWeight
// counts:
//   - an opening ( [ { or the ${ of a template substitution holds a bracket;
//   - a prefix ! ~ + - ++ -- holds its own sign;
//   - an assignment (= += >>>= &&= ...) and an arrow => hold '=', ** holds
//     '*', a conditional's ? holds '?' and a label's : holds ':';
//   - each keyword the parser recurses on holds f, w, d or l: typeof, new,
//     delete, void, yield, await, if, else, for, while, do, with (a test
//     keeps this true of the keyword table).
//
// Counting every such byte, in strings, comments and identifiers too, can
// only count more. The count stops once it passes limit: a large script
// that needs the full scan pays little for the attempt.
func nestingBound(src []byte, limit int) int {
	n := 0
	for len(src) >= 64 {
		// Four sums break the chain of additions; a block is short enough
		// for the early stop to cost nothing.
		var a, b, c, d int
		for i := 0; i < 64; i += 4 {
			q := src[i : i+4 : i+4]
			a += int(nestingWeight[q[0]])
			b += int(nestingWeight[q[1]])
			c += int(nestingWeight[q[2]])
			d += int(nestingWeight[q[3]])
		}
		if n += a + b + c + d; n > limit {
			return n
		}
		src = src[64:]
	}
	for _, c := range src {
		n += int(nestingWeight[c])
	}
	return n
}

// nestingWeight is 1 for the bytes nestingBound counts (see there), the
// letters chosen so that each recursive keyword holds one and the total
// stays low in real scripts.
var nestingWeight = func() (t [256]uint8) {
	for _, c := range []byte("([{!~+-=*?:fwdl") {
		t[c] = 1
	}
	return t
}()

// The classes of bytes that start a token, for run.
const (
	startsPunctuator = iota
	startsBlank
	startsSlash
	startsQuote
	startsBacktick
	startsHash
	startsWord
	startsDigit
	startsDot
	startsNonASCII
)

var tokenStart = func() (t [256]uint8) {
	for c := range t {
		b := byte(c)
		switch {
		case isBlank(b):
			t[c] = startsBlank
		case b == '/':
			t[c] = startsSlash
		case b == '\'' || b == '"':
			t[c] = startsQuote
		case b == '`':
			t[c] = startsBacktick
		case b == '#':
			t[c] = startsHash
		case isIdentStart(b):
			t[c] = startsWord
		case isDigit(b):
			t[c] = startsDigit
		case b == '.':
			t[c] = startsDot
		case b >= utf8.RuneSelf:
			t[c] = startsNonASCII
		}
	}
	return t
}()

func (l *lexer) run() {
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch tokenStart[c] {
		case startsBlank:
			i := l.i + 1
			for i < len(l.src) && isBlank(l.src[i]) {
				i++
			}
			l.i = i
		case startsSlash:
			switch {
			case l.peek(1) == '/':
				l.lineComment()
			case l.peek(1) == '*':
				l.blockComment()
			case l.regexHere():
				l.regex()
			default:
				l.punctuator(c)
			}
		case startsQuote:
			l.str(c)
		case startsBacktick:
			l.i++
			l.template()
		case startsHash:
			if l.i == 0 && l.peek(1) == '!' {
				l.lineComment() // a hashbang reads like a line comment
			} else {
				l.punctuator(c)
			}
		case startsWord:
			l.word()
		case startsDigit:
			l.number()
		case startsDot:
			if isDigit(l.peek(1)) {
				l.number()
			} else {
				l.punctuator(c)
			}
		case startsNonASCII:
			l.nonASCII()
		default:
			l.punctuator(c)
		}
	}
}

// isBlank tells the white space the scan skips, line breaks included.
func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func (l *lexer) peek(n int) byte {
	if l.i+n < len(l.src) {
		return l.src[l.i+n]
	}
	return 0
}

func (l *lexer) regexHere() bool {
	if l.ev.regexAt != nil {
		return l.ev.regexAt[l.i]
	}
	return l.operand
}

// endOperand records that a complete operand was just read.
func (l *lexer) endOperand() {
	l.operand, l.prevWord, l.afterDot = false, keyword{}, false
}

func (l *lexer) lineComment() {
	start := l.i
	l.i = lineEnd(l.src, l.i)
	if l.ev.comment != nil {
		l.ev.comment(start, l.i, true)
	}
}

// lineEnd is the offset of the line terminator at or after i (\n, \r,
// U+2028, U+2029), or len(src).
func lineEnd(src []byte, i int) int {
	for ; i < len(src); i++ {
		if !mayEndLine[src[i]] {
			continue
		}
		if src[i] != 0xE2 || i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9) {
			return i
		}
	}
	return i
}

// mayEndLine is true for \n, \r and the first byte of U+2028 and U+2029.
// (Searching for each with bytes.IndexByte would be quicker on one long
// comment but read to the next \n past every comment of a script whose
// lines end in \r alone: quadratic.)
var mayEndLine = func() (t [256]bool) {
	t['\n'], t['\r'], t[0xE2] = true, true, true
	return t
}()

func (l *lexer) blockComment() {
	start := l.i
	end := len(l.src)
	if j := bytes.Index(l.src[l.i+2:], []byte("*/")); j >= 0 {
		end = l.i + 2 + j + 2
	}
	l.i = end
	if l.ev.comment != nil {
		l.ev.comment(start, end, false)
	}
}

func (l *lexer) literal(start, end int) {
	if l.ev.literal != nil && end > start {
		l.ev.literal(start, end)
	}
}

// str reads a quoted string. An unescaped line break ends it (the script
// does not parse, and the next line is code again).
func (l *lexer) str(quote byte) {
	start, i, src := l.i+1, l.i+1, l.src
	for i < len(src) {
		c := src[i]
		if c == quote || c == '\n' || c == '\r' {
			break
		}
		if c == '\\' {
			i++
		}
		i++
	}
	l.i = i
	end := min(l.i, len(l.src))
	l.literal(start, end)
	if l.i < len(l.src) && l.src[l.i] == quote {
		l.i++
	}
	l.endOperand()
}

// template reads template text from l.i (just past a backtick or the }
// that ends a substitution) up to the closing backtick or the next ${.
func (l *lexer) template() {
	start := l.i
	for l.i < len(l.src) {
		switch l.src[l.i] {
		case '\\':
			l.i += 2
			continue
		case '`':
			l.literal(start, l.i)
			l.i++
			l.endOperand()
			return
		case '$':
			if l.peek(1) == '{' {
				l.literal(start, l.i)
				l.push('`', l.i)
				l.i += 2
				l.operand, l.prevWord, l.afterDot = true, keyword{}, false
				return
			}
		}
		l.i++
	}
	l.literal(start, min(l.i, len(l.src)))
}

// regex reads a regular expression literal: a slash inside a class
// ([/]) does not end it.
func (l *lexer) regex() {
	l.i++
	start := l.i
	class := false
scan:
	for l.i < len(l.src) {
		switch l.src[l.i] {
		case '\\':
			l.i++
		case '[':
			class = true
		case ']':
			class = false
		case '/':
			if !class {
				break scan
			}
		case '\n', '\r':
			break scan
		}
		l.i++
	}
	end := min(l.i, len(l.src))
	l.literal(start, end)
	if l.i < len(l.src) && l.src[l.i] == '/' {
		l.i++
	}
	for l.i < len(l.src) && isIdentPart(l.src[l.i]) { // flags
		l.i++
	}
	l.endOperand()
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '\\'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// keyword is what the scan needs to know of a keyword: whether an
// expression starts after it (a slash is then a regular expression),
// whether the parser recurses on it, and whether it takes a parenthesised
// head that is no call.
type keyword struct {
	name                          string
	operand, recursive, statement bool
}

// keywords are looked up with the bytes of each word, without allocating.
var keywords = func() map[string]keyword {
	m := map[string]keyword{}
	set := func(words string, f func(*keyword)) {
		for _, w := range strings.Fields(words) {
			k := m[w]
			k.name = w
			f(&k)
			m[w] = k
		}
	}
	set("return typeof instanceof in of new delete void throw case do else yield await extends", func(k *keyword) { k.operand = true })
	set("typeof new delete void yield await if else for while do with", func(k *keyword) { k.recursive = true })
	set("if for while switch catch with", func(k *keyword) { k.statement = true })
	return m
}()

// keywordsByShape holds the keywords by keywordShape, so that a word is
// compared with at most a few of them and never hashed: the scan looks up
// every word of the script.
var keywordsByShape = func() (t [256][]keyword) {
	for _, k := range keywords {
		h := keywordShape([]byte(k.name))
		t[h] = append(t[h], k)
	}
	return t
}()

// keywordShape mixes a word's length and its first and last bytes.
func keywordShape(w []byte) uint8 {
	return uint8(len(w)*61 + int(w[0])*7 + int(w[len(w)-1]))
}

// keywordOf is keywords[w], or the zero keyword.
func keywordOf(w []byte) keyword {
	if len(w) < 2 {
		return keyword{}
	}
	for _, k := range keywordsByShape[keywordShape(w)] {
		if k.name == string(w) {
			return k
		}
	}
	return keyword{}
}

func (l *lexer) word() {
	start, i, src := l.i, l.i, l.src // locals the loop keeps in registers
	for i < len(src) && inWord[src[i]] {
		if src[i] == '\\' {
			i++
		}
		i++
	}
	l.i = min(i, len(src))
	if l.afterDot {
		l.endOperand()
		return
	}
	k := keywordOf(l.src[start:l.i])
	if k.recursive {
		l.op(start)
	}
	l.operand = k.operand
	l.prevWord, l.afterDot = k, false
}

// inWord tells the bytes a word runs on over: ASCII identifier bytes and
// every byte of a character outside ASCII.
var inWord = func() (t [256]bool) {
	for c := range t {
		t[c] = isIdentPart(byte(c)) || c >= utf8.RuneSelf
	}
	return t
}()

func (l *lexer) number() {
	for l.i < len(l.src) && (isIdentPart(l.src[l.i]) || l.src[l.i] == '.') {
		l.i++
	}
	l.endOperand()
}

// nonASCII reads a character outside ASCII: a line or paragraph separator
// is white space, anything else starts an identifier.
func (l *lexer) nonASCII() {
	r, size := utf8.DecodeRune(l.src[l.i:])
	switch r {
	case '\u2028', '\u2029', '\u00a0', '\ufeff':
		l.i += size
	default:
		l.word()
	}
}

// The punctuators, longest first, and those after which an operand ends
// rather than starts.
var punctuators = []string{
	">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
	"=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=",
	"%=", "&=", "|=", "^=", "<<", ">>", "**",
}

// What a punctuator does to the count.
const (
	// punctBinary is a binary operator where an operand ended.
	punctBinary = iota
	// punctDot is . or ?.: a chain, and a property name follows.
	punctDot
	// punctStep is ++ or --: prefix where an operand may start.
	punctStep
	punctQuestion
	punctColon
	// punctPrefix is ! ~ + -: prefix where an operand may start, binary
	// after one.
	punctPrefix
	// punctRecursive is an assignment, an arrow or **, which the parser
	// handles by recursing.
	punctRecursive
)

type punct struct {
	text string
	kind uint8
}

func punctKind(p string) uint8 {
	switch p {
	case ".", "?.":
		return punctDot
	case "++", "--":
		return punctStep
	case "?":
		return punctQuestion
	case ":":
		return punctColon
	case "!", "~", "+", "-":
		return punctPrefix
	case "=>", "**", "=":
		return punctRecursive
	case "==", "===", "!=", "!==", "<=", ">=":
		return punctBinary
	}
	if p[len(p)-1] == '=' {
		return punctRecursive // a compound assignment
	}
	return punctBinary
}

// punctuatorsFrom lists, by first byte, the punctuators longest first and
// then the byte alone, which always matches.
var punctuatorsFrom = func() (t [utf8.RuneSelf][]punct) {
	for c := range t {
		for _, p := range punctuators {
			if p[0] == byte(c) {
				t[c] = append(t[c], punct{p, punctKind(p)})
			}
		}
		alone := string([]byte{byte(c)})
		t[c] = append(t[c], punct{alone, punctKind(alone)})
	}
	return t
}()

// hasPunctuator is bytes.HasPrefix for a punctuator of src's first byte,
// without the call: candidates are short and most fail on their second
// byte.
func hasPunctuator(src []byte, p string) bool {
	if len(src) < len(p) {
		return false
	}
	for k := 1; k < len(p); k++ {
		if src[k] != p[k] {
			return false
		}
	}
	return true
}

func (l *lexer) punctuator(c byte) {
	at := l.i
	switch c {
	case '(', '[', '{':
		l.open(c)
		return
	case ')', ']', '}':
		l.close(c)
		return
	case ';', ',':
		l.separator()
		l.i++
		l.operand, l.prevWord, l.afterDot = true, keyword{}, false
		return
	}
	var p punct
	for _, cand := range punctuatorsFrom[c] {
		if hasPunctuator(l.src[l.i:], cand.text) {
			p = cand
			break
		}
	}
	l.i += len(p.text)
	if p.text == "?." && isDigit(l.peek(0)) {
		p.kind = punctBinary // a ?.5 reads as one token that no chain follows
	}
	switch p.kind {
	case punctDot:
		l.chained(at)
		l.operand, l.prevWord, l.afterDot = false, keyword{}, true
		return
	case punctStep:
		if l.operand {
			l.op(at)
		}
		return // postfix or prefix: what follows is read as before
	case punctQuestion:
		l.levels[len(l.levels)-1].ternaries++
		l.op(at)
	case punctColon:
		// A label recurses; the : of a conditional or of an object
		// literal's property does not nest any further.
		if top := &l.levels[len(l.levels)-1]; top.ternaries > 0 {
			top.ternaries--
		} else if top.block {
			l.op(at)
		}
	case punctPrefix:
		if l.operand {
			l.op(at)
		} else {
			l.chained(at)
		}
	case punctRecursive:
		l.op(at)
	default:
		if !l.operand {
			l.chained(at) // a binary operator
		}
	}
	l.operand, l.prevWord, l.afterDot = true, keyword{}, false
}

// op counts one recursive operator at the current level.
func (l *lexer) op(at int) {
	l.levels[len(l.levels)-1].ops++
	l.deeper(at)
}

// chained counts one chaining operator at the current level.
func (l *lexer) chained(at int) {
	top := &l.levels[len(l.levels)-1]
	top.chain++
	l.peakChain = max(l.peakChain, top.chain)
	if top.chain > maxChain && l.tooDeep < 0 {
		l.tooDeep = at
	}
}

func (l *lexer) deeper(at int) {
	l.nesting++
	l.peakNesting = max(l.peakNesting, l.nesting)
	if l.nesting > maxNesting && l.tooDeep < 0 {
		l.tooDeep = at
	}
}

// elseFollows reports whether the next token of src may be the keyword
// else, past blanks and comments: an if statement that goes on, whose
// keywords still nest. Past a character outside ASCII (a space the scan
// does not know) it says it may: counting too deep is safe, too shallow
// is not.
func elseFollows(src []byte) bool {
	for {
		i := 0
		for i < len(src) && isBlank(src[i]) {
			i++
		}
		src = src[i:]
		switch {
		case len(src) > 0 && src[0] >= utf8.RuneSelf:
			return true
		case bytes.HasPrefix(src, []byte("//")):
			src = src[lineEnd(src, 0):]
		case bytes.HasPrefix(src, []byte("/*")):
			end := bytes.Index(src[2:], []byte("*/"))
			if end < 0 {
				return false
			}
			src = src[end+4:]
		default:
			return bytes.HasPrefix(src, []byte("else")) && (len(src) == 4 || !inWord[src[4]])
		}
	}
}

// separator ends an expression or statement: its operators no longer nest.
func (l *lexer) separator() {
	top := &l.levels[len(l.levels)-1]
	l.nesting -= top.ops
	top.ops, top.chain, top.ternaries = 0, 0, 0
}

func (l *lexer) push(closer byte, at int) {
	lv := lexLevel{closer: closer}
	switch closer {
	case ')':
		switch l.prevWord.name {
		case "if", "while", "for", "with":
			lv.statement = true
		}
	case '}':
		lv.block = l.braceOpensBlock()
		lv.endsStatement = lv.block && (l.prevWord.name == "else" ||
			l.statementHeadEnd >= 0 && skipSpaceForward(l.src, l.statementHeadEnd) == at)
	}
	l.levels = append(l.levels, lv)
	l.deeper(at)
}

// braceOpensBlock tells a block from an object literal: a brace where no
// operand may start, in statement position, after a closing paren, an
// arrow or a keyword such as else, opens a block.
func (l *lexer) braceOpensBlock() bool {
	if !l.operand || l.prevWord.name == "else" || l.prevWord.name == "do" {
		return true
	}
	j := skipSpaceBack(l.src, l.i) - 1
	if j < 0 {
		return true
	}
	switch l.src[j] {
	case ')', ';', '{', '}':
		return true
	case '>':
		return j > 0 && l.src[j-1] == '=' // an arrow
	}
	return false
}

func (l *lexer) open(c byte) {
	closer := byte('}')
	switch c {
	case '(':
		closer = ')'
	case '[':
		closer = ']'
	}
	if !l.operand && c != '{' && !l.prevWord.statement {
		l.chained(l.i) // a call or an index: f()() and a[0][0] chain
	}
	l.push(closer, l.i)
	l.i++
	l.operand, l.prevWord, l.afterDot = true, keyword{}, false
}

func (l *lexer) close(c byte) {
	l.i++
	if len(l.levels) == 1 {
		l.endOperand() // unbalanced: the script does not parse anyway
		return
	}
	top := l.levels[len(l.levels)-1]
	l.levels = l.levels[:len(l.levels)-1]
	l.nesting -= 1 + top.ops
	if top.statement {
		l.statementHeadEnd = l.i
	}
	if top.endsStatement && !elseFollows(l.src[l.i:]) {
		l.separator()
	}
	if top.closer == '`' && c == '}' {
		l.template()
		return
	}
	l.endOperand()
	l.operand = top.statement || top.closer == '}' && top.block
}
