package inplace

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

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

// yamlList is where tenant.yaml's actions: list stands, in 0-based line
// indexes of the file.
type yamlList struct {
	// keyLine is the line of the actions: key; -1 without one.
	keyLine int
	// rewriteKey is set when the key's line must become a bare "actions:"
	// (its value was empty or []).
	rewriteKey bool
	// items are the entries there are, each a range of lines.
	items []yamlItem
	// insertAt is the line the new entries go before.
	insertAt int
	// indent is the indentation of the entries' dashes.
	indent string
}

type yamlItem struct {
	name       string
	start, end int // lines [start, end)
}

// yamlChange is the change to tenant.yaml that adds or updates the
// entries, and the conflicts: entries of the same name it did not write.
// next records the entries as written.
func (e Export) yamlChange(entries []yamlEntry, m, next *manifest) (*Change, []string, error) {
	file := filepath.Join(e.Root, e.YAML)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", file, err)
	}
	lines := splitLines(data)
	list, err := findActions(file, data, lines)
	if err != nil {
		return nil, nil, err
	}
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	byName := map[string]yamlItem{}
	for _, it := range list.items {
		byName[it.name] = it
	}
	replace := map[int]yamlItem{} // by start line
	replaceText := map[int]string{}
	var added []string
	var conflicts []string
	for _, en := range entries {
		text := indentEntry(en.text, list.indent, eol)
		next.YAMLActions[en.name] = hash([]byte(text))
		it, exists := byName[en.name]
		if !exists {
			added = append(added, text)
			continue
		}
		old := strings.Join(lines[it.start:it.end], "")
		switch {
		case old == text:
		case m.YAMLActions[en.name] == "":
			conflicts = append(conflicts, fmt.Sprintf("%s line %d: Action %q: not written by hooks2actions", e.YAML, it.start+1, en.name))
		case m.YAMLActions[en.name] != hash([]byte(old)):
			conflicts = append(conflicts, fmt.Sprintf("%s line %d: Action %q: written by hooks2actions, but edited since", e.YAML, it.start+1, en.name))
		default:
			replace[it.start] = it
			replaceText[it.start] = text
		}
	}
	if len(conflicts) > 0 {
		return nil, conflicts, nil
	}
	var out strings.Builder
	if list.keyLine < 0 {
		// No actions: yet: the list goes at the end of the file.
		out.WriteString(strings.Join(lines, ""))
		if len(lines) > 0 && !strings.HasSuffix(lines[len(lines)-1], "\n") {
			out.WriteString(eol)
		}
		if len(added) > 0 {
			out.WriteString("actions:" + eol + strings.Join(added, ""))
		}
		return changeOf(e.YAML, data, out.String()), nil, nil
	}
	for i := 0; i < len(lines); {
		if i == list.insertAt {
			out.WriteString(strings.Join(added, ""))
		}
		if it, ok := replace[i]; ok {
			out.WriteString(replaceText[i])
			i = it.end
			continue
		}
		if i == list.keyLine && list.rewriteKey && len(added) > 0 {
			out.WriteString(keyIndent(lines[i]) + "actions:" + eol)
		} else {
			out.WriteString(lines[i])
		}
		i++
	}
	if list.insertAt >= len(lines) {
		if len(lines) > 0 && !strings.HasSuffix(lines[len(lines)-1], "\n") && len(added) > 0 {
			out.WriteString(eol)
		}
		out.WriteString(strings.Join(added, ""))
	}
	return changeOf(e.YAML, data, out.String()), nil, nil
}

func changeOf(name string, old []byte, text string) *Change {
	if text == string(old) {
		return nil
	}
	return &Change{Path: path.Clean(filepath.ToSlash(name)), Old: old, New: []byte(text)}
}

// findActions locates the top-level actions: list of tenant.yaml.
func findActions(file string, data []byte, lines []string) (yamlList, error) {
	top, err := tenant.ParseDeployYAML(file, data)
	if err != nil {
		return yamlList{}, err
	}
	list := yamlList{keyLine: -1, insertAt: len(lines), indent: "  "}
	if top == nil {
		return list, nil
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "actions" {
			continue
		}
		key, value := top.Content[i], top.Content[i+1]
		list.keyLine = key.Line - 1
		list.indent = strings.Repeat(" ", key.Column-1+2)
		// The list ends before the next top-level key, or at the end.
		end := len(lines)
		if i+2 < len(top.Content) {
			end = top.Content[i+2].Line - 1
		}
		return actionItems(file, lines, list, value, end)
	}
	return list, nil
}

// actionItems reads the entries of the actions: value, which ends before
// line end.
func actionItems(file string, lines []string, list yamlList, value *yaml.Node, end int) (yamlList, error) {
	switch {
	case value.ShortTag() == "!!null" || value.Kind == yaml.SequenceNode && len(value.Content) == 0:
		// actions:, actions: ~ or actions: []: the key's line becomes
		// "actions:" and the entries follow it.
		list.rewriteKey = value.Line == list.keyLine+1 && (value.Style&yaml.FlowStyle != 0 || value.Value != "")
		list.insertAt = list.keyLine + 1
		return list, nil
	case value.Kind != yaml.SequenceNode:
		return list, fmt.Errorf("%s: line %d: actions: is not a list; --into adds Actions to a list", file, value.Line)
	case value.Style&yaml.FlowStyle != 0:
		return list, fmt.Errorf("%s: line %d: actions: is a flow list ([...]); write it as a block list (one \"- \" entry a line) for --into", file, value.Line)
	}
	dash := value.Content[0].Line - 1
	list.indent = leadingSpaces(lines[dash])
	for k, item := range value.Content {
		start := item.Line - 1
		stop := end
		if k+1 < len(value.Content) {
			stop = value.Content[k+1].Line - 1
		}
		stop = trimTrailing(lines, start, stop, len(list.indent))
		list.items = append(list.items, yamlItem{name: itemName(item), start: start, end: stop})
	}
	list.insertAt = list.items[len(list.items)-1].end
	sort.SliceStable(list.items, func(i, j int) bool { return list.items[i].start < list.items[j].start })
	return list, nil
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

func keyIndent(line string) string { return leadingSpaces(line) }

// splitLines splits data after each line feed, keeping it.
func splitLines(data []byte) []string {
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
