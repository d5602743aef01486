package analyzer

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
)

// parsedScript is a parsed hook. shift is the length of the prefix the
// parser saw before the original bytes, so that offset = Idx - 1 - shift.
type parsedScript struct {
	program *ast.Program
	shift   int
	srcLen  int
	// bare is true when the script is a bare function expression that the
	// parser saw with "module.exports = " in front.
	bare bool
}

// offset maps a goja index back to a byte offset in the original script.
func (p *parsedScript) offset(idx int) int {
	off := idx - 1 - p.shift
	if off < 0 {
		return 0
	}
	if off > p.srcLen {
		return p.srcLen
	}
	return off
}

// Hooks that Node and the webtask runtime accept but goja rejects as they
// stand. Each wrapper keeps the original on its first line, so only columns
// of line 1 move, and those are corrected through shift.
var wrappers = []struct{ prefix, suffix string }{
	// The Management API stores some hooks as a bare function expression,
	// which the webtask runtime compiles as the module's export.
	{"module.exports = ", ""},
	// CommonJS modules run inside a function, so a top-level return is legal.
	{"(function(){", "\n})"},
}

// parse parses src as goja sees it, retrying with the wrappers when the
// plain parse fails. The error returned is always that of the plain parse:
// the wrappers only rescue scripts that were valid to Node in the first place.
func parse(filename string, src []byte) (*parsedScript, *parser.Error) {
	if at := nestingLimitAt(src); at >= 0 {
		return nil, tooDeepError(filename, src, at)
	}
	prog, err := parseOnce(filename, src)
	if err == nil {
		return &parsedScript{program: prog, srcLen: len(src)}, nil
	}
	first := firstError(err)
	for _, w := range wrappers {
		if w.prefix == wrappers[0].prefix && !startsWithFunction(src) {
			continue
		}
		wrapped := make([]byte, 0, len(w.prefix)+len(src)+len(w.suffix))
		wrapped = append(append(append(wrapped, w.prefix...), src...), w.suffix...)
		if prog, err := parseOnce(filename, wrapped); err == nil {
			return &parsedScript{program: prog, shift: len(w.prefix), srcLen: len(src), bare: w.prefix == wrappers[0].prefix}, nil
		}
	}
	return nil, first
}

// tooDeepError reports a script that nests deeper than maxNesting at byte
// offset at. The parser never sees such a script: it recurses once per
// level, and a Go stack overflow ends the whole process.
func tooDeepError(filename string, src []byte, at int) *parser.Error {
	lines := newLineTable(src)
	l := lines.lineOf(at)
	line, col := l+1, at-lines.starts[l]+1 // goja's columns count bytes
	return &parser.Error{
		Position: file.Position{Filename: filename, Line: line, Column: col},
		Message: fmt.Sprintf("the script nests deeper than %d levels (brackets, operators, statements) or chains more than %d operators in one expression here; it is not parsed",
			maxNesting, maxChain),
	}
}

func parseOnce(filename string, src []byte) (prog *ast.Program, err error) {
	defer func() {
		// goja's parser panics on a few malformed inputs (const [...a( is
		// one): the script does not parse, which is a parse error.
		if r := recover(); r != nil {
			prog, err = nil, &parser.Error{Position: file.Position{Filename: filename},
				Message: fmt.Sprintf("the parser failed on this script (%v)", r)}
		}
	}()
	// Without WithDisableSourceMaps a sourceMappingURL comment in an untrusted
	// script makes the parser read that path from disk and remap positions.
	return parser.ParseFile(nil, filename, src, 0, parser.WithDisableSourceMaps)
}

// firstError picks the error the parser met first; the ones after it are
// usually cascades of the same mistake.
func firstError(err error) *parser.Error {
	var list parser.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		return list[0]
	}
	var one *parser.Error
	if errors.As(err, &one) {
		return one
	}
	return &parser.Error{Message: err.Error()}
}

// startsWithFunction reports whether the script, past blanks and comments,
// begins with a function expression.
func startsWithFunction(src []byte) bool {
	rest := skipBlanksAndComments(src)
	rest = bytes.TrimPrefix(rest, []byte("async"))
	rest = skipBlanksAndComments(rest)
	return bytes.HasPrefix(rest, []byte("function"))
}

func skipBlanksAndComments(b []byte) []byte {
	for {
		b = bytes.TrimLeft(b, " \t\r\n\ufeff")
		switch {
		case bytes.HasPrefix(b, []byte("//")):
			i := bytes.IndexByte(b, '\n')
			if i < 0 {
				return nil
			}
			b = b[i:]
		case bytes.HasPrefix(b, []byte("/*")):
			i := bytes.Index(b[2:], []byte("*/"))
			if i < 0 {
				return nil
			}
			b = b[i+4:]
		default:
			return b
		}
	}
}

// CheckParses reports whether src parses the way Analyze parses hooks
// (a top-level return allowed, as in CommonJS), with the first error.
func CheckParses(filename string, src []byte) error {
	if _, perr := parse(filename, src); perr != nil {
		return perr
	}
	return nil
}
