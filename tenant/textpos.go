package tenant

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hooks2actions/hooks2actions/finding"
)

// Positions and errors in the files sources read, shared by every source.

// bareError drops the operation and path of an *fs.PathError, for
// messages that already name the file.
func bareError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// jsonSyntaxError reports where a JSON text fails to parse. encoding/json's
// offset counts the bytes read when the error struck, so it ends just past
// the offending character.
func jsonSyntaxError(data []byte) (line, col int, msg string, bad bool) {
	var raw json.RawMessage // checks the syntax only: 1e400 is fine
	err := json.Unmarshal(data, &raw)
	if err == nil {
		return 0, 0, "", false
	}
	off := len(data)
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		off = int(syntax.Offset) - 1
		if syntax.Offset >= int64(len(data)) && strings.Contains(syntax.Error(), "end of JSON input") {
			off = len(data)
		}
	}
	line, col = newLineIndex(data).position(off)
	return line, col, err.Error(), true
}

// checkJSONSyntax is jsonSyntaxError as an error.
func checkJSONSyntax(data []byte) error {
	if line, col, msg, bad := jsonSyntaxError(data); bad {
		return fmt.Errorf("line %d, column %d: %s", line, col, msg)
	}
	return nil
}

// lineIndex turns byte offsets into 1-based lines and columns, the
// columns counted in UTF-16 code units as finding.Location counts them.
type lineIndex struct {
	data   []byte
	starts []int
}

func newLineIndex(data []byte) lineIndex {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{data: data, starts: starts}
}

func (x lineIndex) position(off int) (line, col int) {
	off = max(0, min(off, len(x.data)))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	return i + 1, finding.UTF16Len(x.data[x.starts[i]:off]) + 1
}

func (x lineIndex) location(file string, off int) finding.Location {
	line, col := x.position(off)
	return finding.Location{File: file, Line: line, Column: col}
}

// utf16Column converts a 1-based column counted in characters (as the
// YAML parser counts them) on a 1-based line to UTF-16 code units.
func (x lineIndex) utf16Column(line, col int) int {
	if line < 1 || line > len(x.starts) || col < 1 {
		return col
	}
	rest := x.data[x.starts[line-1]:]
	off := 0
	for n := 1; n < col && off < len(rest) && rest[off] != '\n'; n++ {
		_, size := utf8.DecodeRune(rest[off:])
		off += size
	}
	return finding.UTF16Len(rest[:off]) + 1
}
