package analyzer

import (
	"bytes"
	"regexp"
	"strings"

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
// never text in a string.
func (a *analysis) scanSuppressions() {
	// Nearly no script has one: a fast search spares the lexical scan.
	if !bytes.Contains(a.src, []byte(SuppressionDirective)) {
		return
	}
	scanLexical(a.src, func(start, end int, line bool) {
		if line {
			a.suppression(start, strings.TrimSpace(string(a.src[start+2:end])))
		}
	}, func(int, int) {})
}

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
// contents of string and template literals replaced by spaces. Newlines
// are kept so offsets and lines do not move.
func blankCommentsAndStrings(src []byte) []byte {
	out := []byte(string(src))
	blank := func(start, end int) {
		for i := start; i < end; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	scanLexical(src, func(start, end int, _ bool) { blank(start, end) }, blank)
	return out
}

// scanLexical finds the comments (line comments with line set) and the
// insides of string and template literals. Regular expression literals
// are not recognised; a quote inside one may make a little code look like
// a string, which only makes the text scans find less.
func scanLexical(src []byte, comment func(start, end int, line bool), str func(start, end int)) {
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			end := i
			for end < len(src) && src[end] != '\n' && src[end] != '\r' {
				end++
			}
			comment(i, end, true)
			i = end
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := len(src)
			if j := bytes.Index(src[i+2:], []byte("*/")); j >= 0 {
				end = i + 2 + j + 2
			}
			comment(i, end, false)
			i = end - 1
		case c == '\'' || c == '"' || c == '`':
			start := i + 1
			i = start
			for ; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' && i+1 < len(src) {
					i++
					continue
				}
				if c != '`' && src[i] == '\n' {
					break
				}
			}
			str(start, min(i, len(src)))
		}
	}
}
