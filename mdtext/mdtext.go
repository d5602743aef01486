// Package mdtext is Markdown text for people's reports: it escapes user
// content (hook names, secret keys, paths, messages) so that it can never
// become markup, only read as itself.
//
// The Markdown is CommonMark with GitHub's tables, what GitHub shows when a
// team commits MIGRATION.md or the audit report and reviews it in a pull
// request. Every function returns one line, whatever its input. It is a
// leaf: migrate and reports both write Markdown through it, so the two
// documents escape the same text the same way.
package mdtext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Visible escapes control and other non-graphic characters the way Go
// quotes them (\n, \x1b, \u2028). Names, keys and messages come from hooks
// and their sources: a line break must not end a table row or a list item,
// and an escape sequence must not drive the terminal of whoever reads the
// report. Escaped rather than dropped, the text still says what it holds.
func Visible(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsGraphic(r) }) < 0 {
		return s
	}
	q := strconv.QuoteToGraphic(s)
	return q[1 : len(q)-1]
}

// Text escapes s so that Markdown renders it literally on one line: in a
// paragraph, a heading, a list item, a link text or, through Cell, a table
// cell. Markdown punctuation is backslash-escaped; < > and & become
// entities, so that neither an HTML tag nor an entity can form, and
// control characters are made Visible. | is markup only in a table and is
// left to Cell, which escapes every | of a cell, so that it is never
// escaped twice. The documents never start a line with user text, so the
// block markers that only count there (-, +, 1.) are left as they are.
func Text(s string) string {
	s = Visible(s)
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '[', ']', '~', '#', '!':
			// ! is escaped although [ already is: then no ![ can start an
			// image, whatever the [ becomes.
			b.WriteByte('\\')
			b.WriteRune(r)
		case '_':
			// Between two letters or digits an underscore cannot start or
			// end emphasis: keep SECRET_NAMES readable in the file.
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isAlnum(prev) || !isAlnum(next) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Code is s as a code span, where nothing is markup, fenced with more
// backticks than s holds in a row so that none of them can close it.
// Control characters are made Visible. The empty string would make no
// span at all, so it is shown as (empty). In a table cell, use CellCode.
func Code(s string) string {
	s = Visible(s)
	if s == "" {
		return "(empty)"
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	// A backtick next to the fence would lengthen it, and CommonMark strips
	// one space from each end of a span padded on both sides: pad with one
	// more space so that s keeps its own.
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// CellCode is s for a table cell: a code span, unless s holds a | or a \,
// and then Text. A code span cannot escape anything: in a table its | must
// be written \|, which GitHub unescapes inside code spans but not every
// renderer does, and a \ of s next to a | reads two ways. In text both are
// plain backslash escapes that every renderer reads alike.
func CellCode(s string) string {
	if strings.ContainsAny(s, `|\`) {
		return Text(s)
	}
	return Code(s)
}

// Cell makes inline Markdown, built from Text, Code, CellCode and links,
// one table cell (Row does it for each of its cells). Every | is escaped: in text it is an escaped character,
// and GitHub (and goldmark) remove the backslash of a \| in a cell before
// reading its content, code spans included, so the cell reads as before
// whatever it holds. A line break would end the row: it becomes a space,
// which is how Markdown shows a line break inside a paragraph anyway.
func Cell(markup string) string {
	markup = strings.ReplaceAll(markup, "|", `\|`)
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, markup)
}

// Row is one row of a table, "| a | b |", each cell made one by Cell.
func Row(cells ...string) string {
	escaped := make([]string, len(cells))
	for i, c := range cells {
		escaped[i] = Cell(c)
	}
	return "| " + strings.Join(escaped, " | ") + " |"
}

// Fence is body as a fenced code block in language lang, its fence of more
// backticks than body holds in a row (and at least three), so that no line
// of body can close it. body is kept byte for byte, ending in a line break.
func Fence(lang, body string) string {
	longest, run := 0, 0
	for _, r := range body {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	if body != "" && !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	return fence + lang + "\n" + body + fence + "\n"
}
