package analyzer

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"

	"github.com/hooks2actions/hooks2actions/finding"
)

// parseFailed reports the parse error and falls back to the text scan.
func (a *analysis) parseFailed(perr *parser.Error) {
	off := a.lines.offset(perr.Position.Line, perr.Position.Column)
	msg := perr.Message
	if msg == "" {
		msg = "syntax error"
	}
	a.report(finding.RuleParseError, off, "the script does not parse: "+msg+
		"; secret usages below come from a text scan and are low confidence")
	a.scan()
}

// The text scan recognises only the unmistakable spellings: X.webtask.secrets
// followed by .KEY or ['KEY'], and { A, B: b } = X.webtask.secrets.
var (
	chainRe = regexp.MustCompile(`[A-Za-z_$][\w$]*\s*\??\.\s*webtask\s*\??\.\s*secrets\s*(?:\??\.\s*([A-Za-z_$][\w$]*)|(?:\?\.)?\[\s*(['"])([^'"\n]*)['"]\s*\])`)
	destRe  = regexp.MustCompile(`\{([^{}]*)\}\s*=\s*[A-Za-z_$][\w$]*\s*\??\.\s*webtask\s*\??\.\s*secrets\b`)
	keyRe   = regexp.MustCompile(`(?:^|,)\s*([A-Za-z_$][\w$]*)`)
)

// scan recovers what it can from a script that does not parse. Comments and
// string contents are blanked first (offsets preserved), so they never match.
func (a *analysis) scan() {
	code := blankCommentsAndStrings(a.src)
	for _, m := range chainRe.FindAllSubmatchIndex(code, -1) {
		switch {
		case m[2] >= 0:
			a.textUsage(string(a.src[m[2]:m[3]]), m[2])
		case m[6] >= 0:
			// The key sits in a string the blanking emptied: read it back
			// from the original bytes.
			a.textUsage(string(a.src[m[6]:m[7]]), m[6]-1)
		}
	}
	for _, m := range destRe.FindAllSubmatchIndex(code, -1) {
		body := string(code[m[2]:m[3]])
		for _, k := range keyRe.FindAllStringSubmatchIndex(body, -1) {
			a.textUsage(body[k[2]:k[3]], m[2]+k[2])
		}
	}
}

func (a *analysis) textUsage(key string, off int) {
	if key == "" {
		return
	}
	line, col := a.lines.position(off)
	a.result.Usages = append(a.result.Usages, SecretUsage{
		Key: key, Line: line, Column: col, Kind: KindText, LowConfidence: true,
		Span: Span{Start: off, End: off + len(key)},
	})
}

// SuppressionDirective starts a suppression comment.
const SuppressionDirective = "hooks2actions-ignore"

// scanSuppressions finds the suppression comments: line comments only,
// never text in a string, a template or a regular expression. Once the
// script parsed, the parser's regular expressions settle every slash.
func (a *analysis) scanSuppressions() {
	// Nearly no script has one: a fast search spares the lexical scan.
	if !bytes.Contains(a.src, []byte(SuppressionDirective)) {
		return
	}
	scanLexical(a.src, lexEvents{regexAt: a.regexOffsets(), comment: func(start, end int, line bool) {
		if line {
			a.suppression(start, strings.TrimSpace(string(a.src[start+2:end])))
		}
	}})
}

// regexOffsets lists where the parsed script's regular expression literals
// start; nil when the script did not parse.
func (a *analysis) regexOffsets() map[int]bool {
	if a.ps == nil {
		return nil
	}
	found := regexFinder{ps: a.ps, at: map[int]bool{}}
	Walk(found, a.ps.program)
	return found.at
}

type regexFinder struct {
	ps *parsedScript
	at map[int]bool
}

func (f regexFinder) Enter(n ast.Node) bool {
	if re, ok := n.(*ast.RegExpLiteral); ok {
		f.at[f.ps.offset(int(re.Idx))] = true
	}
	return true
}

func (regexFinder) Exit(ast.Node) {}

func (a *analysis) suppression(at int, text string) {
	rest, ok := strings.CutPrefix(text, SuppressionDirective)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return
	}
	fields := strings.Fields(rest)
	s := Suppression{}
	s.Line, s.Column = a.lines.position(at)
	if len(fields) > 0 {
		s.Rule = fields[0]
		s.Reason = strings.TrimSpace(strings.Join(fields[1:], " "))
	}
	a.result.Suppressions = append(a.result.Suppressions, s)
}

// blankCommentsAndStrings returns a copy of src with comments and the
// contents of string, template and regular expression literals replaced by
// spaces; the code inside a template's ${...} stays. Line breaks are kept
// so offsets and lines do not move.
func blankCommentsAndStrings(src []byte) []byte {
	out := bytes.Clone(src)
	blank := func(start, end int) {
		for i := start; i < end; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	scanLexical(src, lexEvents{comment: func(start, end int, _ bool) { blank(start, end) }, literal: blank})
	return out
}
