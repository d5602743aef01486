package tenant

import (
	"bytes"
)

// maxHCLNesting bounds how deeply a .tf file may nest: brackets, template
// interpolations and directives, and the operators the HCL parser handles
// by recursion (! and -, the conditional). Real configurations stay far
// below it; the parser overflows the Go stack, which cannot be recovered,
// near 100,000.
const maxHCLNesting = 1000

// maxHCLChain bounds the binary operators of one expression: the parser
// reads them in a loop, but the tree it builds is as deep, and evaluating
// it recurses.
const maxHCLChain = 100_000

// hclLevel is one open bracket, interpolation or the top level.
type hclLevel struct {
	closer byte // ')', ']', '}'; '}' also closes an interpolation
	// inTemplate is the kind of template the interpolation sits in: '"'
	// for a quoted string, '<' for a heredoc, 0 when it is a bracket.
	inTemplate byte
	marker     []byte // the heredoc's closing marker
	ops, chain int
}

// hclScanner measures nesting without parsing; it never recurses.
type hclScanner struct {
	src     []byte
	i       int
	levels  []hclLevel
	nesting int
	tooDeep int
}

// hclNestingLimitAt returns the offset at which src nests deeper than
// maxHCLNesting, or -1.
func hclNestingLimitAt(src []byte) int {
	s := &hclScanner{src: src, tooDeep: -1, levels: []hclLevel{{closer: '}'}}}
	for s.i < len(s.src) && s.tooDeep < 0 {
		s.step()
	}
	return s.tooDeep
}

func (s *hclScanner) at(n int) byte {
	if s.i+n < len(s.src) {
		return s.src[s.i+n]
	}
	return 0
}

func (s *hclScanner) step() {
	c := s.src[s.i]
	switch {
	case c == '#' || c == '/' && s.at(1) == '/':
		s.i = lineEndOf(s.src, s.i)
	case c == '/' && s.at(1) == '*':
		if j := bytes.Index(s.src[s.i+2:], []byte("*/")); j >= 0 {
			s.i += 2 + j + 2
		} else {
			s.i = len(s.src)
		}
	case c == '"':
		s.i++
		s.quoted()
	case c == '<' && s.at(1) == '<' && s.heredocStart():
		s.heredoc()
	case isHCLWordByte(c):
		for s.i < len(s.src) && isHCLWordByte(s.src[s.i]) {
			s.i++
		}
	case c == '(' || c == '[' || c == '{':
		s.push(hclLevel{closer: map[byte]byte{'(': ')', '[': ']', '{': '}'}[c]})
		s.i++
	case c == ')' || c == ']' || c == '}':
		s.i++
		s.pop()
	case c == ',' || c == '\n':
		top := &s.levels[len(s.levels)-1]
		if c == ',' || top.closer == '}' {
			s.nesting -= top.ops
			top.ops, top.chain = 0, 0
		}
		s.i++
	case c == '!' && s.at(1) != '=' || c == '-' || c == '?':
		s.levels[len(s.levels)-1].ops++
		s.deeper()
		s.i++
	case bytes.IndexByte([]byte("+*/%<>=!&|"), c) >= 0:
		if top := &s.levels[len(s.levels)-1]; top.chain < maxHCLChain {
			top.chain++
		} else if s.tooDeep < 0 {
			s.tooDeep = s.i
		}
		s.i++
	default:
		s.i++
	}
}

func isHCLWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

func lineEndOf(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

func (s *hclScanner) deeper() {
	s.nesting++
	if s.nesting > maxHCLNesting && s.tooDeep < 0 {
		s.tooDeep = s.i
	}
}

func (s *hclScanner) push(l hclLevel) {
	s.levels = append(s.levels, l)
	s.deeper()
}

// pop closes the innermost level; closing an interpolation goes back to
// the template around it.
func (s *hclScanner) pop() {
	if len(s.levels) == 1 {
		return // unbalanced: the parser reports it
	}
	top := s.levels[len(s.levels)-1]
	s.levels = s.levels[:len(s.levels)-1]
	s.nesting -= 1 + top.ops
	switch top.inTemplate {
	case '"':
		s.quoted()
	case '<':
		s.heredocBody(top.marker)
	}
}

// interpolation opens ${ or %{ at s.i inside a template.
func (s *hclScanner) interpolation(kind byte, marker []byte) bool {
	if (s.src[s.i] == '$' || s.src[s.i] == '%') && s.at(1) == '{' {
		if s.i > 0 && s.src[s.i-1] == s.src[s.i] { // $${ and %%{ are literal
			return false
		}
		s.push(hclLevel{closer: '}', inTemplate: kind, marker: marker})
		s.i += 2
		return true
	}
	return false
}

// quoted reads a quoted template from s.i up to its closing quote or an
// interpolation.
func (s *hclScanner) quoted() {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case '\\':
			s.i += 2
			continue
		case '"':
			s.i++
			return
		case '\n':
			return // unterminated: the parser reports it
		}
		if s.interpolation('"', nil) {
			return
		}
		s.i++
	}
}

// heredocStart tells <<EOF and <<-EOF from a shift-like pair of '<'.
func (s *hclScanner) heredocStart() bool {
	j := s.i + 2
	if j < len(s.src) && s.src[j] == '-' {
		j++
	}
	return j < len(s.src) && isHCLWordByte(s.src[j]) && s.src[j] != '-'
}

func (s *hclScanner) heredoc() {
	s.i += 2
	if s.at(0) == '-' {
		s.i++
	}
	start := s.i
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
	marker := bytes.TrimSpace(s.src[start:s.i])
	s.heredocBody(marker)
}

// heredocBody reads heredoc lines from s.i until the line that is the
// closing marker, or an interpolation.
func (s *hclScanner) heredocBody(marker []byte) {
	for s.i < len(s.src) {
		if s.src[s.i] == '\n' {
			s.i++
			end := lineEndOf(s.src, s.i)
			if bytes.Equal(bytes.TrimSpace(s.src[s.i:end]), marker) {
				s.i = end
				return
			}
			continue
		}
		if s.interpolation('<', marker) {
			return
		}
		s.i++
	}
}
