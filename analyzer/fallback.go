package analyzer

import (
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

// blankCommentsAndStrings returns a copy of src with comments and the
// contents of string and template literals replaced by spaces. Newlines
// are kept so offsets and lines do not move. Regular expression literals
// are not recognised; a quote inside one may blank a little too much,
// which only makes the scan find less.
func blankCommentsAndStrings(src []byte) []byte {
	out := []byte(string(src))
	blank := func(i int) {
		if out[i] != '\n' && out[i] != '\r' {
			out[i] = ' '
		}
	}
	for i := 0; i < len(out); i++ {
		switch c := out[i]; {
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				blank(i)
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			end := strings.Index(string(out[i+2:]), "*/")
			stop := len(out)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			for ; i < stop; i++ {
				blank(i)
			}
			i--
		case c == '\'' || c == '"' || c == '`':
			i++
			for ; i < len(out) && out[i] != c; i++ {
				if out[i] == '\\' && i+1 < len(out) {
					blank(i)
					i++
				}
				if c != '`' && out[i] == '\n' {
					break
				}
				blank(i)
			}
		}
	}
	return out
}
