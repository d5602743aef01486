package tenant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// Positions and errors in the files sources read, shared by every source.

// bareError drops the operation and path of an *fs.PathError, for
// messages that already name the file.
func bareError(err error) error { return inputfile.Bare(err) }

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
	msg = err.Error()
	if off == 0 && bytes.HasPrefix(data, utf8BOM) {
		// Windows editors write one; JSON.parse, and so the Deploy CLI,
		// refuses it as Go does, but "invalid character 'ï'" says nothing.
		msg = "the file starts with a UTF-8 byte order mark, which JSON does not allow: save it without one"
	}
	return line, col, msg, true
}

// utf8BOM is the UTF-8 byte order mark.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkJSONSyntax is jsonSyntaxError as an error.
func checkJSONSyntax(data []byte) error {
	if line, col, msg, bad := jsonSyntaxError(data); bad {
		return fmt.Errorf("line %d, column %d: %s", line, col, msg)
	}
	return nil
}

// jsonDuplicate is a key given twice in one JSON object: JSON.parse keeps
// the last silently, which would hide the first value from the audit.
type jsonDuplicate struct {
	key   string
	off   int // where the repeated key starts
	depth int // 0 for the keys of the top-level object
}

// jsonDuplicates finds the repeated keys of a JSON text known to be valid.
// It reads tokens with a stack, never recursing.
func jsonDuplicates(data []byte) []jsonDuplicate {
	dec := json.NewDecoder(bytes.NewReader(data))
	type object struct {
		keys      map[string]bool
		expectKey bool
	}
	var stack []*object
	var dups []jsonDuplicate
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return dups
		}
		var top *object
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, &object{keys: map[string]bool{}, expectKey: true})
			case '[':
				stack = append(stack, nil)
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1] != nil {
					stack[len(stack)-1].expectKey = true
				}
			}
			continue
		}
		if top == nil {
			continue
		}
		if !top.expectKey {
			top.expectKey = true
			continue
		}
		key, _ := tok.(string)
		if top.keys[key] {
			start := off + bytes.IndexByte(data[off:], '"')
			dups = append(dups, jsonDuplicate{key: key, off: start, depth: len(stack) - 1})
		}
		top.keys[key] = true
		top.expectKey = false
	}
}

// checkJSONDuplicates is an error naming the first key of data given
// twice in one object.
func checkJSONDuplicates(data []byte) error {
	dups := jsonDuplicates(data)
	if len(dups) == 0 {
		return nil
	}
	line, col := newLineIndex(data).position(dups[0].off)
	return fmt.Errorf("line %d, column %d: key %q is given twice in the same object", line, col, dups[0].key)
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
