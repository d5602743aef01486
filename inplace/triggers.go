package inplace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/internal/jsontext"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// TriggersFile is the Deploy CLI directory format's triggers file: an
// object from trigger id to the ordered list of the Actions bound to it
// ({"action_name", "display_name"}). A YAML export holds the same object
// as tenant.yaml's top-level triggers: mapping.
const TriggersFile = trigger.DeployCLIFile

// binding is one entry of a trigger's list, as the Deploy CLI binds it.
type binding = trigger.DeployCLIEntry

// triggerList is one trigger id of the migration's triggers file, with its
// whole new list.
type triggerList struct {
	id       string
	bindings []binding
}

// parseTriggers reads the migration's triggers file, in its key order.
func parseTriggers(data []byte) ([]triggerList, error) {
	var lists []triggerList
	err := eachMember(data, func(id string, raw json.RawMessage) error {
		var bs []binding
		if err := json.Unmarshal(raw, &bs); err != nil {
			return fmt.Errorf("trigger %q: %s", id, jsontext.Problem(err))
		}
		lists = append(lists, triggerList{id: id, bindings: bs})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the migration's %s: %w", TriggersFile, err)
	}
	return lists, nil
}

// eachMember calls f with each member of a JSON object, in order.
func eachMember(data []byte, f func(key string, raw json.RawMessage) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errors.New("not a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if err := f(tok.(string), raw); err != nil {
			return err
		}
	}
	return nil
}

// extends reports whether next keeps every binding of old, in its order,
// before any it adds: the only change to a trigger's list hooks2actions
// makes in an export. The Deploy CLI replaces a trigger's whole list on
// import, so a list that dropped or reordered one would unbind or reorder
// Actions the migration does not own.
func extends(next, old []binding) bool {
	if len(next) < len(old) {
		return false
	}
	for i := range old {
		if next[i] != old[i] {
			return false
		}
	}
	return true
}

// triggersJSONChange merges the migration's trigger lists into the
// export's triggers file, trigger by trigger: the triggers the migration
// does not list stay as they are, byte for byte when the file has the
// Deploy CLI's 2-space layout.
func (e Export) triggersJSONChange(lists []triggerList) (*Change, []string, error) {
	file := filepath.Join(e.Root, filepath.FromSlash(TriggersFile))
	if other := e.otherTriggersFile(); other != "" {
		return nil, []string{fmt.Sprintf("%s: the Deploy CLI reads its bindings from %s, the first .json of triggers/: merge them into %s first", TriggersFile, other, TriggersFile)}, nil
	}
	old, err := inputfile.Read(file, inputfile.MaxDocument)
	if errors.Is(err, fs.ErrNotExist) {
		old = nil
	} else if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", file, err)
	}
	var members jsontext.Object // each Value a json.RawMessage
	index := map[string]int{}
	if old != nil {
		err := eachMember(old, func(key string, raw json.RawMessage) error {
			index[key] = len(members)
			members = append(members, jsontext.Member{Key: key, Value: raw})
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", file, err)
		}
	}
	var conflicts []string
	for _, l := range lists {
		raw, err := json.Marshal(l.bindings)
		if err != nil {
			return nil, nil, err
		}
		i, exists := index[l.id]
		if !exists {
			members = append(members, jsontext.Member{Key: l.id, Value: json.RawMessage(raw)})
			continue
		}
		var current []binding
		if err := json.Unmarshal(members[i].Value.(json.RawMessage), &current); err != nil {
			return nil, nil, fmt.Errorf("reading %s: trigger %q: %s", file, l.id, jsontext.Problem(err))
		}
		if !extends(l.bindings, current) {
			conflicts = append(conflicts, fmt.Sprintf("%s: trigger %q: the new list would drop or reorder Actions already bound", TriggersFile, l.id))
			continue
		}
		if len(l.bindings) > len(current) {
			members[i].Value = json.RawMessage(raw)
		}
	}
	if len(conflicts) > 0 {
		return nil, conflicts, nil
	}
	compact, err := members.MarshalJSON()
	if err != nil {
		return nil, nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return nil, nil, err
	}
	if old == nil || bytes.HasSuffix(old, []byte("\n")) {
		out.WriteByte('\n')
	}
	if old != nil && bytes.Equal(out.Bytes(), old) {
		return nil, nil, nil
	}
	return &Change{Path: TriggersFile, Old: old, New: out.Bytes()}, nil, nil
}

// otherTriggersFile returns a .json of triggers/ that sorts before
// triggers.json: the one the Deploy CLI would read instead.
func (e Export) otherTriggersFile() string {
	entries, err := os.ReadDir(filepath.Join(e.Root, "triggers"))
	if err != nil {
		return ""
	}
	for _, en := range entries {
		if filepath.Ext(en.Name()) == ".json" {
			if en.Name() == "triggers.json" {
				return ""
			}
			return "triggers/" + en.Name()
		}
	}
	return ""
}

// yamlTriggersEdit merges the trigger lists into tenant.yaml's triggers:
// mapping, as edits of lines: a trigger's list is replaced (only ever
// extended), a trigger not there yet is added after the others, and
// everything else stays.
func yamlTriggersEdit(file string, data []byte, lines []string, lists []triggerList, eol string) (*lineEdit, []string, error) {
	top, err := tenant.ParseDeployYAML(file, data)
	if err != nil {
		return nil, nil, err
	}
	sec, err := findSection(top, lines, "triggers", yaml.MappingNode)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	edit := &lineEdit{key: "triggers", keyIndent: sec.keyIndent, keyLine: sec.keyLine, rewriteKey: sec.rewriteKey, replace: map[int]lineRange{}, insertAt: sec.insertAt}
	indent := sec.indent
	existing := map[string]lineRange{}
	currentOf := map[string]*yaml.Node{}
	if sec.value != nil {
		for i := 0; i+1 < len(sec.value.Content); i += 2 {
			key, value := sec.value.Content[i], sec.value.Content[i+1]
			start := key.Line - 1
			stop := sec.end
			if i+2 < len(sec.value.Content) {
				stop = sec.value.Content[i+2].Line - 1
			}
			indent = leadingSpaces(lines[start])
			stop = trimTrailing(lines, start, stop, len(indent))
			existing[key.Value] = lineRange{start: start, end: stop}
			currentOf[key.Value] = value
			edit.insertAt = stop
		}
	}
	var conflicts []string
	var added strings.Builder
	for _, l := range lists {
		text, err := triggerText(l, indent, eol)
		if err != nil {
			return nil, nil, err
		}
		r, ok := existing[l.id]
		if !ok {
			added.WriteString(text)
			continue
		}
		var current []binding
		if err := currentOf[l.id].Decode(&current); err != nil {
			return nil, nil, fmt.Errorf("%s: line %d: trigger %q: %w", file, r.start+1, l.id, err)
		}
		switch {
		case !extends(l.bindings, current):
			conflicts = append(conflicts, fmt.Sprintf("%s line %d: trigger %q: the new list would drop or reorder Actions already bound", filepath.Base(file), r.start+1, l.id))
		case len(l.bindings) > len(current):
			r.text = text
			edit.replace[r.start] = r
		}
	}
	edit.added = added.String()
	return edit, conflicts, nil
}

// triggerText is one trigger's list as tenant.yaml lines at indent.
func triggerText(l triggerList, indent, eol string) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	bindings := l.bindings
	if bindings == nil {
		bindings = []binding{}
	}
	node := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: l.id}, {}}}
	if err := node.Content[1].Encode(bindings); err != nil {
		return "", err
	}
	if err := enc.Encode(node); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return indentEntry(b.String(), indent, eol), nil
}
