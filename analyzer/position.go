package analyzer

import (
	"bytes"
	"sort"

	"github.com/hooks2actions/hooks2actions/finding"
)

// lineTable turns byte offsets of the original script into 1-based lines and
// UTF-16 columns. It is built on the original bytes, so positions stay right
// when the parser saw a wrapped copy.
type lineTable struct {
	src    []byte
	starts []int
	// lineBase is added to every line: the script starts on line
	// lineBase+1 of its file.
	lineBase int
}

// newLineTable recognises the same line terminators as goja and ECMAScript:
// \n, \r\n, \r, U+2028 and U+2029.
func newLineTable(src []byte) *lineTable {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		case 0xE2:
			if i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9) {
				i += 2
				starts = append(starts, i+1)
			}
		}
	}
	return &lineTable{src: src, starts: starts}
}

// position returns the line and column of a byte offset, clamped to the input.
func (t *lineTable) position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(t.src) {
		off = len(t.src)
	}
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	start := t.starts[i]
	return t.lineBase + i + 1, finding.UTF16Len(t.src[start:off]) + 1
}

// offset is the inverse of a goja position (1-based line of the script,
// 1-based byte column).
func (t *lineTable) offset(line, byteCol int) int {
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

func (t *lineTable) lineCount() int { return len(t.starts) }
