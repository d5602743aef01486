package inplace

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/internal/ownership"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// yamlEntry is one Action as an entry of tenant.yaml's actions: list.
type yamlEntry struct {
	name string
	// text is the entry as a YAML list item, "- name: ...\n  code: ...\n",
	// before it is indented to the list's depth.
	text string
}

// yamlEntryOf turns an Action file of the directory layout into a list
// entry: the same fields, name first, in block style. The code path,
// ./actions/<name>/code.js, is relative to the export root in both formats.
func yamlEntryOf(file string, data []byte) (yamlEntry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return yamlEntry{}, fmt.Errorf("writing the tenant.yaml entry of %s: not an Action object", file)
	}
	action := doc.Content[0]
	blockStyle(action)
	name := ""
	for i := 0; i+1 < len(action.Content); i += 2 {
		if action.Content[i].Value == "name" {
			name = action.Content[i+1].Value
			// Name first, as a person looks for it.
			pair := []*yaml.Node{action.Content[i], action.Content[i+1]}
			rest := append(append([]*yaml.Node{}, action.Content[:i]...), action.Content[i+2:]...)
			action.Content = append(pair, rest...)
			break
		}
	}
	if name == "" {
		return yamlEntry{}, fmt.Errorf("writing the tenant.yaml entry of %s: the Action has no name", file)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode([]*yaml.Node{action}); err != nil {
		return yamlEntry{}, fmt.Errorf("writing the tenant.yaml entry of %s: %w", file, err)
	}
	if err := enc.Close(); err != nil {
		return yamlEntry{}, fmt.Errorf("writing the tenant.yaml entry of %s: %w", file, err)
	}
	return yamlEntry{name: name, text: b.String()}, nil
}

// blockStyle drops the JSON styles (flow collections, double quotes), so
// that the entry reads like the rest of an exported tenant.yaml; the
// encoder still quotes any string that needs it.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// section is where a top-level key of tenant.yaml stands, in 0-based line
// indexes of the file.
type section struct {
	// keyLine is the line of the key; -1 without one.
	keyLine int
	// rewriteKey is set when the key's line must become a bare "key:"
	// (its value was empty, ~, [] or {}) before entries are added.
	rewriteKey bool
	// value is the key's value; nil when it has none or is empty.
	value *yaml.Node
	// end is the line the section ends before: the next top-level key's,
	// or the end of the file.
	end int
	// insertAt is the line new entries go before.
	insertAt int
	// indent is the indentation of the entries; keyIndent the key's, that
	// of every top-level key.
	indent, keyIndent string
}

// findSection locates the top-level key of tenant.yaml, whose value must
// be a block collection of the kind given (a list of Actions, a mapping of
// triggers).
func findSection(top *yaml.Node, lines []string, key string, kind yaml.Kind) (section, error) {
	sec := section{keyLine: -1, end: len(lines), insertAt: len(lines), indent: "  "}
	if top == nil {
		return sec, nil
	}
	sec.keyIndent = strings.Repeat(" ", max(0, top.Column-1))
	sec.indent = sec.keyIndent + "  "
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != key {
			continue
		}
		k, v := top.Content[i], top.Content[i+1]
		sec.keyLine = k.Line - 1
		sec.indent = strings.Repeat(" ", k.Column-1+2)
		if i+2 < len(top.Content) {
			sec.end = top.Content[i+2].Line - 1
		}
		switch {
		case v.ShortTag() == "!!null" || v.Kind == kind && len(v.Content) == 0:
			// key:, key: ~, key: [] or key: {}: the key's line becomes
			// "key:" and the entries follow it.
			sec.rewriteKey = v.Line == k.Line && (v.Style&yaml.FlowStyle != 0 || v.Value != "")
			sec.insertAt = sec.keyLine + 1
			return sec, nil
		case v.Kind != kind || v.Style&yaml.FlowStyle != 0:
			return sec, fmt.Errorf("line %d: %s: is not a block %s (one entry a line); --into edits only that form", v.Line, key, kindName(kind))
		}
		sec.value = v
		return sec, nil
	}
	return sec, nil
}

func kindName(k yaml.Kind) string {
	if k == yaml.MappingNode {
		return "mapping"
	}
	return "list"
}

// lineRange is lines [start, end) of the file, and the text replacing them.
type lineRange struct {
	start, end int
	text       string
}

// lineEdit is what changes in one section of tenant.yaml.
type lineEdit struct {
	key        string
	keyIndent  string
	keyLine    int
	rewriteKey bool
	// replace maps the first line of a range to the range replaced.
	replace map[int]lineRange
	// added is text inserted before line insertAt.
	insertAt int
	added    string
}

// actionsEdit adds the entries to the actions: list, or replaces the ones
// of the same name that hooks2actions wrote, and returns the conflicts:
// entries of the same name it did not write. next records the entries.
func (e Export) actionsEdit(file string, top *yaml.Node, lines []string, entries []yamlEntry, m, next *ownership.Manifest, eol string) (*lineEdit, []string, error) {
	sec, err := findSection(top, lines, "actions", yaml.SequenceNode)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	edit := &lineEdit{key: "actions", keyIndent: sec.keyIndent, keyLine: sec.keyLine, rewriteKey: sec.rewriteKey, replace: map[int]lineRange{}, insertAt: sec.insertAt}
	byName := map[string]lineRange{}
	if sec.value != nil {
		sec.indent = leadingSpaces(lines[sec.value.Content[0].Line-1])
		for k, item := range sec.value.Content {
			start := item.Line - 1
			if !strings.HasPrefix(strings.TrimLeft(lines[start], " "), "- ") {
				return nil, nil, fmt.Errorf("%s: line %d: an actions: entry that does not start its line with \"- \"; --into edits only that form", file, item.Line)
			}
			stop := sec.end
			if k+1 < len(sec.value.Content) {
				stop = sec.value.Content[k+1].Line - 1
			}
			stop = trimTrailing(lines, start, stop, len(sec.indent))
			byName[itemName(item)] = lineRange{start: start, end: stop}
			edit.insertAt = stop
		}
	}
	var added strings.Builder
	var conflicts []string
	for _, en := range entries {
		text := indentEntry(en.text, sec.indent, eol)
		next.RecordYAMLAction(en.name, []byte(text))
		r, exists := byName[en.name]
		if !exists {
			added.WriteString(text)
			continue
		}
		old := strings.Join(lines[r.start:r.end], "")
		switch st := m.YAMLActionStatus(en.name, []byte(old)); {
		case old == text:
		case st != ownership.Unchanged:
			conflicts = append(conflicts, fmt.Sprintf("%s line %d: Action %q: %s", e.YAML, r.start+1, en.name, st))
		default:
			r.text = text
			edit.replace[r.start] = r
		}
	}
	edit.added = added.String()
	return edit, conflicts, nil
}

// yamlChange is the change to tenant.yaml that adds or updates the
// Actions' entries and merges the trigger lists, and the conflicts.
func (e Export) yamlChange(entries []yamlEntry, lists []triggerList, m, next *ownership.Manifest) (*Change, []string, error) {
	file := filepath.Join(e.Root, e.YAML)
	data, err := inputfile.Read(file, inputfile.MaxDocument)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", file, err)
	}
	lines := splitLines(data)
	top, err := tenant.ParseDeployYAML(file, data)
	if err != nil {
		return nil, nil, err
	}
	if top == nil && !blankYAML(lines) {
		return nil, nil, fmt.Errorf("%s: the file holds null, not a mapping of tenant sections", file)
	}
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	var edits []*lineEdit
	var conflicts []string
	if len(entries) > 0 {
		edit, c, err := e.actionsEdit(file, top, lines, entries, m, next, eol)
		if err != nil {
			return nil, nil, err
		}
		edits, conflicts = append(edits, edit), append(conflicts, c...)
	}
	if len(lists) > 0 {
		edit, c, err := yamlTriggersEdit(file, data, lines, lists, eol)
		if err != nil {
			return nil, nil, err
		}
		edits, conflicts = append(edits, edit), append(conflicts, c...)
	}
	if len(conflicts) > 0 {
		return nil, conflicts, nil
	}
	text := applyEdits(lines, eol, edits)
	if err := checkEdited(file, top, text, entries, lists); err != nil {
		return nil, nil, err
	}
	return changeOf(e.YAML, data, text), nil, nil
}

// checkEdited reads the edited file back: it must parse, hold every other
// top-level section as it was, and hold the entries and trigger lists
// added. A file laid out in a way the line edits do not foresee is then
// refused rather than written wrong.
func checkEdited(file string, before *yaml.Node, text string, entries []yamlEntry, lists []triggerList) error {
	fail := func(why string) error {
		return fmt.Errorf("%s: the Actions cannot be added without changing the rest of the file (%s); write them to a fresh folder with --out", file, why)
	}
	after, err := tenant.ParseDeployYAML(file, []byte(text))
	if err != nil || after == nil {
		return fail("the edited file does not read back")
	}
	was, now := sections(before), sections(after)
	for key, v := range was {
		if key != "actions" && key != "triggers" && !reflect.DeepEqual(v, now[key]) {
			return fail(key + ": would change")
		}
	}
	var got struct {
		Actions  []struct{ Name string }
		Triggers map[string][]binding
	}
	if err := after.Decode(&got); err != nil {
		return fail(err.Error())
	}
	names := map[string]bool{}
	for _, a := range got.Actions {
		names[a.Name] = true
	}
	for _, en := range entries {
		if !names[en.name] {
			return fail("the Action " + en.name + " would not be in actions:")
		}
	}
	for _, l := range lists {
		if !extends(got.Triggers[l.id], l.bindings) {
			return fail("the bindings of " + l.id + " would not be in triggers:")
		}
	}
	return nil
}

// sections decodes each top-level section of tenant.yaml.
func sections(top *yaml.Node) map[string]any {
	out := map[string]any{}
	if top == nil {
		return out
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		var v any
		if err := top.Content[i+1].Decode(&v); err != nil {
			v = err.Error()
		}
		out[top.Content[i].Value] = v
	}
	return out
}

// applyEdits writes the file with the edits made, every other line as it was.
func applyEdits(lines []string, eol string, edits []*lineEdit) string {
	var out strings.Builder
	for i := 0; i < len(lines); {
		for _, ed := range edits {
			if ed.keyLine >= 0 && ed.insertAt == i {
				out.WriteString(ed.added)
			}
		}
		if r, ok := replaced(edits, i); ok && r.end > i {
			out.WriteString(r.text)
			i = r.end
			continue
		}
		if ed := rewritten(edits, i); ed != nil {
			out.WriteString(leadingSpaces(lines[i]) + ed.key + ":" + eol)
		} else {
			out.WriteString(lines[i])
		}
		i++
	}
	// At the end of the file: first what extends the last section there
	// is, then the sections there were none of.
	ends := len(lines) == 0 || strings.HasSuffix(lines[len(lines)-1], "\n")
	for _, newSection := range []bool{false, true} {
		for _, ed := range edits {
			if ed.added == "" || (ed.keyLine < 0) != newSection || ed.keyLine >= 0 && ed.insertAt < len(lines) {
				continue
			}
			if !ends {
				out.WriteString(eol)
				ends = true
			}
			if newSection {
				out.WriteString(ed.keyIndent + ed.key + ":" + eol)
			}
			out.WriteString(ed.added)
		}
	}
	return out.String()
}

func replaced(edits []*lineEdit, line int) (lineRange, bool) {
	for _, ed := range edits {
		if r, ok := ed.replace[line]; ok {
			return r, true
		}
	}
	return lineRange{}, false
}

func rewritten(edits []*lineEdit, line int) *lineEdit {
	for _, ed := range edits {
		if ed.keyLine == line && ed.rewriteKey && ed.added != "" {
			return ed
		}
	}
	return nil
}

func changeOf(name string, old []byte, text string) *Change {
	if text == string(old) {
		return nil
	}
	return &Change{Path: path.Clean(filepath.ToSlash(name)), Old: old, New: []byte(text)}
}

func itemName(item *yaml.Node) string {
	if item.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(item.Content); i += 2 {
		if item.Content[i].Value == "name" {
			return item.Content[i+1].Value
		}
	}
	return ""
}

// trimTrailing moves stop back over blank lines and comments no deeper
// than the entries' dashes: they belong to what follows. A comment indented
// into the entry stays with it.
func trimTrailing(lines []string, start, stop, dashIndent int) int {
	for stop > start+1 {
		line := lines[stop-1]
		s := strings.TrimSpace(line)
		deeper := len(leadingSpaces(line)) > dashIndent
		if s != "" && !(strings.HasPrefix(s, "#") && !deeper) {
			break
		}
		stop--
	}
	return stop
}

// indentEntry puts an entry at the list's indentation, with the file's
// line ends.
func indentEntry(text, indent, eol string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		b.WriteString(indent + strings.TrimSuffix(line, "\n") + eol)
	}
	return b.String()
}

func leadingSpaces(line string) string {
	return line[:len(line)-len(strings.TrimLeft(line, " "))]
}

// blankYAML reports a file of nothing but blank lines, comments and
// document markers, which new sections can follow.
func blankYAML(lines []string) bool {
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" && !strings.HasPrefix(t, "#") && t != "---" {
			return false
		}
	}
	return true
}

// splitLines splits data after each line feed, keeping it.
func splitLines(data []byte) []string {
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
