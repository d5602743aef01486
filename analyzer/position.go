package analyzer

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"

	"github.com/hooks2actions/hooks2actions/finding"
)

// lineTable turns byte offsets of the original script into 1-based lines and
// UTF-16 columns. It is built on the original bytes, so positions stay right
// when the parser saw a wrapped copy, and only when a first position is
// asked for: many hooks need none.
type lineTable struct {
	src    []byte
	starts []int
	// wide marks the lines holding a non-ASCII byte, whose columns must be
	// counted rune by rune; every other line's column is a subtraction.
	wide []bool
	// lineBase is added to every line: the script starts on line
	// lineBase+1 of its file. columnBase is added to every column: the
	// indentation a <<- heredoc strips from every line of its file.
	lineBase, columnBase int
	// The cursor is the last position asked for on a wide line: positions
	// come mostly in source order, so counting on from it keeps many
	// positions on one long line linear.
	curLine, curOff, curCol int
	// Before the table is built, positions on plain ASCII text are counted
	// from the one asked before (see counted): plainTo is how far the
	// text is known to be plain, at the offset asked last, atLine its
	// 0-based line and atStart that line's first byte; backs counts the
	// moves backwards.
	plainTo, at, atLine, atStart, backs int
	// bom is set when the script starts with a byte order mark, which
	// editors do not show: it takes no column of line 1.
	bom bool
}

var byteOrderMark = []byte("\ufeff")

// maxBacks is how many positions may be asked out of order before the
// table is built: each costs a count over the bytes between the two.
const maxBacks = 64

func newLineTable(src []byte) *lineTable {
	return &lineTable{src: src, curLine: -1, bom: bytes.HasPrefix(src, byteOrderMark)}
}

// scriptLines is the line table of a script, counting lines and columns
// of the file that holds it.
func scriptLines(s Script) *lineTable {
	t := newLineTable(s.Source)
	t.columnBase = max(s.Indent, 0)
	if s.FirstLine > 1 {
		t.lineBase = s.FirstLine - 1
	}
	return t
}

// Lines turns byte offsets of a script into the positions the analyzer
// reports for it: lines of the file holding it (Script.FirstLine), UTF-16
// columns (Script.Indent added), every ECMAScript line terminator counted.
// Code that positions findings of its own in a script uses it, so that
// they agree with the analyzer's.
type Lines struct{ t *lineTable }

// NewLines makes the line table of s.Source; nothing is counted until a
// position is asked for.
func NewLines(s Script) *Lines { return &Lines{t: scriptLines(s)} }

// Position returns the line and column of a byte offset, clamped to the
// script.
func (l *Lines) Position(off int) (line, col int) { return l.t.position(off) }

// counted answers a position before any table exists when the text up to
// it is plain ASCII: most hooks ask for a few positions, mostly in source
// order, and counting the newlines between one and the next (a vectorised
// count) costs far less than splitting the whole script into lines.
func (t *lineTable) counted(off int) (line, col int, ok bool) {
	if t.starts != nil {
		return 0, 0, false
	}
	if off > t.plainTo {
		if !plainASCII(t.src[t.plainTo:off]) {
			return 0, 0, false
		}
		t.plainTo = off
	}
	if off >= t.at {
		seg := t.src[t.at:off]
		if n := bytes.Count(seg, newline); n > 0 {
			t.atLine += n
			t.atStart = t.at + bytes.LastIndexByte(seg, '\n') + 1
		}
	} else {
		if t.backs++; t.backs > maxBacks {
			return 0, 0, false
		}
		t.atLine -= bytes.Count(t.src[off:t.at], newline)
		t.atStart = bytes.LastIndexByte(t.src[:off], '\n') + 1
	}
	t.at = off
	return t.lineBase + t.atLine + 1, t.columnBase + off - t.atStart + 1, true
}

var newline = []byte{'\n'}

// build recognises the same line terminators as goja and ECMAScript:
// \n, \r\n, \r, U+2028 and U+2029. Most lines are plain ASCII ended by
// \n: those are found eight bytes at a time, and only the others are
// looked at byte by byte.
func (t *lineTable) build() {
	src := t.src
	t.starts = append(make([]int, 0, 16), 0)
	t.wide = append(make([]bool, 0, 16), false)
	for start := 0; start < len(src); {
		end := len(src)
		if nl := bytes.IndexByte(src[start:], '\n'); nl >= 0 {
			end = start + nl + 1
		}
		if plainASCII(src[start:end]) {
			if end < len(src) || src[end-1] == '\n' {
				t.starts = append(t.starts, end)
				t.wide = append(t.wide, false)
			}
		} else {
			t.scanLine(start, end)
		}
		start = end
	}
}

// scanLine splits src[start:end], which ends at a \n or at the end of the
// input, at every line terminator and marks its non-ASCII lines.
func (t *lineTable) scanLine(start, end int) {
	src := t.src
	for i := start; i < end; i++ {
		c := src[i]
		if c != '\n' && c != '\r' && c < 0x80 {
			continue
		}
		switch {
		case c == '\n':
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
			i += 2
		default:
			t.wide[len(t.wide)-1] = true
			continue
		}
		t.starts = append(t.starts, i+1)
		t.wide = append(t.wide, false)
	}
}

// plainASCII is true when b holds neither a byte above 0x7F nor a \r.
// The \r is looked for by the vectorised IndexByte; the high bits are
// gathered 32 bytes at a time.
func plainASCII(b []byte) bool {
	if bytes.IndexByte(b, '\r') >= 0 {
		return false
	}
	const high = 0x8080808080808080
	for ; len(b) >= 32; b = b[32:] {
		x := binary.LittleEndian.Uint64(b) | binary.LittleEndian.Uint64(b[8:]) |
			binary.LittleEndian.Uint64(b[16:]) | binary.LittleEndian.Uint64(b[24:])
		if x&high != 0 {
			return false
		}
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// lineOf is the 0-based line holding off.
func (t *lineTable) lineOf(off int) int {
	if t.starts == nil {
		t.build()
	}
	if l := t.curLine; l >= 0 && t.starts[l] <= off && (l+1 == len(t.starts) || off < t.starts[l+1]) {
		return l
	}
	lo, hi := 0, len(t.starts)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if t.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// position returns the line and column of a byte offset, clamped to the input.
func (t *lineTable) position(off int) (line, col int) {
	off = min(max(off, 0), len(t.src))
	if line, col, ok := t.counted(off); ok {
		return line, col
	}
	l := t.lineOf(off)
	start := t.starts[l]
	if !t.wide[l] {
		return t.lineBase + l + 1, t.columnBase + off - start + 1
	}
	if l == 0 && t.bom {
		// The mark is a wide line's first character, counted below:
		// take it back, and put an offset inside it at column 1.
		return t.lineBase + 1, t.columnBase + max(t.wideUnits(l, start, off)-1, 0) + 1
	}
	return t.lineBase + l + 1, t.columnBase + t.wideUnits(l, start, off) + 1
}

// wideUnits counts the UTF-16 units from start, the first byte of wide
// line l, to off, on from the cursor when it is on that line before off.
func (t *lineTable) wideUnits(l, start, off int) int {
	from, units := start, 0
	if l == t.curLine && t.curOff <= off {
		from, units = t.curOff, t.curCol
	}
	units += finding.UTF16Len(t.src[from:off])
	// Counting may resume only at a rune boundary: a byte that does not
	// continue a sequence is one, however the bytes before it decode.
	if off == len(t.src) || utf8.RuneStart(t.src[off]) {
		t.curLine, t.curOff, t.curCol = l, off, units
	}
	return units
}

// offset is the inverse of a goja position (1-based line of the script,
// 1-based byte column).
func (t *lineTable) offset(line, byteCol int) int {
	if t.starts == nil {
		t.build()
	}
	if line < 1 {
		return 0
	}
	if line > len(t.starts) {
		return len(t.src)
	}
	off := t.starts[line-1] + byteCol - 1
	if off < 0 {
		return 0
	}
	if off > len(t.src) {
		return len(t.src)
	}
	return off
}

func (t *lineTable) lineCount() int {
	if t.starts == nil {
		t.build()
	}
	return len(t.starts)
}
