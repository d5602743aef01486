package tenant

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// LoadDeployYAML reads the hooks of a Deploy CLI YAML export (tenant.yaml):
// the entries of its top-level "hooks" list, whose "script" paths are
// relative to opts.BasePath (AUTH0_BASE_PATH) or, without one, to the YAML
// file's directory. Both ./hooks/x.js and hooks/x.js forms work. Other
// top-level keys (tenant, clients, rules, actions, …) are ignored, and a
// file without "hooks" gives an empty inventory.
//
// Keyword markers are replaced in the whole file before it is parsed and
// in each script, when opts.Mappings are given. Secret values are dropped
// as soon as the file is parsed: only the keys are kept.
//
// A file that cannot be read or parsed is an error naming the file and the
// line. Everything wrong with one hook is a Problem, and the other hooks
// still load.
func LoadDeployYAML(path string, opts DeployOptions) (*Inventory, error) {
	data, err := inputfile.Read(path, inputfile.MaxDocument)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, bareError(err))
	}
	keywords, err := newKeywordReplacer(opts.Mappings)
	if err != nil {
		return nil, err
	}
	if data, err = keywords.replace(data, inputfile.MaxDocument); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	data = quoteBareMarkers(data)
	doc, err := parseYAMLDocument(data)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	c := yamlConverter{file: path, lines: newLineIndex(data)}
	if err := checkYAMLDocument(&doc, c); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	inv := &Inventory{Source: OriginDeployYAML, Path: path}
	if len(doc.Content) == 0 {
		return inv, nil // an empty file
	}
	top := resolveAlias(doc.Content[0])
	if top.ShortTag() == "!!null" {
		return inv, nil
	}
	if top.Kind != yaml.MappingNode {
		at := c.location(top)
		return nil, fmt.Errorf("reading %s: line %d, column %d: the file holds %s, want a mapping of tenant sections",
			path, at.Line, at.Column, c.convert(top, 0, false).kind)
	}
	var hooks *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		switch top.Content[i].Value {
		case "hooks":
			hooks = resolveAlias(top.Content[i+1])
		case "triggers":
			inv.Bindings, inv.Problems = loadDeployTriggersYAML(top.Content[i+1], c)
		}
	}
	if hooks == nil || hooks.ShortTag() == "!!null" {
		return inv, nil
	}
	if hooks.Kind != yaml.SequenceNode {
		at := c.location(hooks)
		return nil, fmt.Errorf("reading %s: line %d, column %d: \"hooks\" is %s, want a list of hooks",
			path, at.Line, at.Column, c.convert(hooks, 0, false).kind)
	}
	base := opts.BasePath
	if base == "" {
		base = filepath.Dir(path)
	}
	rootName := "the YAML file's directory"
	if opts.BasePath != "" {
		rootName = "the base path"
	}
	for _, entry := range hooks.Content {
		entry = resolveAlias(entry)
		node := c.convert(entry, 0, false)
		if node.kind != yamlWords.object {
			inv.Problems = append(inv.Problems, Problem{Location: node.at,
				Message: fmt.Sprintf("hook entry is %s, want a mapping", node.kind)})
			continue
		}
		src := hookSource{
			kind:              OriginDeployYAML,
			declared:          node.at,
			scriptDir:         base,
			root:              base,
			rootName:          rootName,
			words:             yamlWords,
			keywords:          keywords,
			keepScriptMarkers: opts.KeepScriptMarkers,
		}
		h, ok, problems := src.hook(node)
		if ok {
			inv.Hooks = append(inv.Hooks, h)
		}
		inv.Problems = append(inv.Problems, problems...)
	}
	inv.DropDuplicateNames()
	return inv, nil
}

// parseYAMLDocument parses a tenant.yaml, which holds one YAML document.
// The Deploy CLI reads it with js-yaml's load, which refuses a second
// document ("expected a single document in the stream, but found more"):
// one read past the first would leave its hooks out without a word.
func parseYAMLDocument(data []byte) (yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, next yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return yaml.Node{}, errors.New(yamlErrorText(data, err))
	}
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
		return doc, nil
	case err != nil:
		return yaml.Node{}, errors.New(yamlErrorText(data, err))
	}
	return yaml.Node{}, fmt.Errorf("line %d: a second YAML document starts here; a tenant.yaml holds one (the Deploy CLI refuses more), "+
		"so the hooks of the others would not be read: merge them into one", next.Line)
}

var yamlErrorLine = regexp.MustCompile(`^line (\d+): `)

// tagKind names the kind of a scalar with an unusual tag. A local tag
// (!x) is not named: an unquoted secret value that starts with "!" is
// read as a tag, and it must not reach a message.
func tagKind(tag string) string {
	if strings.HasPrefix(tag, "!!") {
		return "a " + tag + " value"
	}
	return "a value with a local tag (!…; quote a value that starts with !)"
}

// yamlAnchorName matches the name of an anchor in the YAML parser's
// messages: an unquoted value that starts with "*" is read as an alias,
// and it may be a secret.
var yamlAnchorName = regexp.MustCompile(`anchor '([^']*)'`)

// yamlErrorText is a YAML error without the "yaml: " prefix, with the line
// of the offending text. The parser gives no column, and the line it gives
// is that of the construct it was reading: for a key indented one space
// too far on line 7 it names the line where "hooks:" starts. So when the
// error has a line, the line is found again: the first line at which the
// file, cut there, fails with the same message (the YAML of a Deploy CLI
// export is block-structured, so cutting it between lines leaves it
// valid until the mistake). When that search is inconclusive, the
// parser's line stands.
func yamlErrorText(data []byte, err error) string {
	msg := yamlErrorPlace(data, err)
	m := yamlAnchorName.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	// The parser gives no line: the first use of the alias is the place.
	if at := bytes.Index(data, []byte("*"+m[1])); at >= 0 && !yamlErrorLine.MatchString(msg) {
		line, _ := newLineIndex(data).position(at)
		msg = fmt.Sprintf("line %d: %s", line, msg)
	}
	return yamlAnchorName.ReplaceAllString(msg, "anchor") + " (its name is not shown: a value that starts with * must be quoted)"
}

// yamlErrorPlace is yamlErrorText before its quotes are removed.
func yamlErrorPlace(data []byte, err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	m := yamlErrorLine.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	problem := msg[len(m[0]):]
	line := m[1]
	if l, ok := yamlFailingLine(data, problem); ok {
		line = strconv.Itoa(l)
	}
	return "line " + line + ": " + problem
}

// maxYAMLBisect bounds the files whose error line is searched for.
const maxYAMLBisect = 4 << 20

// yamlFailingLine finds the first line n such that data cut after line n
// fails to parse with problem, by bisection; ok is false unless the answer
// checks out (lines 1..n fail with problem, lines 1..n-1 do not).
func yamlFailingLine(data []byte, problem string) (int, bool) {
	// Each step parses the file again: past a few MiB the parser's own
	// line has to do.
	if len(data) > maxYAMLBisect {
		return 0, false
	}
	ends := []int{}
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(n int) bool { // n lines, 1-based
		var doc yaml.Node
		err := yaml.Unmarshal(data[:ends[n-1]], &doc)
		if err == nil {
			return false
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
			msg = msg[len(m[0]):]
		}
		return msg == problem
	}
	n := sort.Search(len(ends), func(i int) bool { return fails(i + 1) }) + 1
	if n > len(ends) || !fails(n) || (n > 1 && fails(n-1)) {
		return 0, false
	}
	return n, true
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	return n
}

// yamlConverter turns YAML nodes into deployNodes.
type yamlConverter struct {
	file  string
	lines lineIndex
}

func (c yamlConverter) location(n *yaml.Node) finding.Location {
	return finding.Location{File: c.file, Line: n.Line, Column: c.lines.utf16Column(n.Line, n.Column)}
}

// maxYAMLDepth bounds the nesting followed, since an alias may refer to a
// node that contains it.
const maxYAMLDepth = 32

// convert turns n into a deployNode; strings under the top-level
// "secrets" are not kept. YAML types are those of the YAML 1.2 core
// schema the Deploy CLI's js-yaml uses: `enabled: yes` is a string.
func (c yamlConverter) convert(n *yaml.Node, depth int, redact bool) deployNode {
	n = resolveAlias(n)
	node := deployNode{at: c.location(n)}
	switch n.Kind {
	case yaml.SequenceNode:
		node.kind = yamlWords.list
	case yaml.MappingNode:
		node.kind = yamlWords.object
		if depth < maxYAMLDepth {
			node.fields = c.fields(n, depth, redact, 0)
		}
	case yaml.ScalarNode:
		switch tag := n.ShortTag(); tag {
		case "!!str":
			node.kind = yamlWords.str
			if !redact {
				node.str = n.Value
			}
		case "!!bool":
			node.kind = yamlWords.boolean
			_ = n.Decode(&node.boolean)
		case "!!int", "!!float":
			node.kind = yamlWords.number
		case "!!null":
			node.kind = yamlWords.null
		case "!!timestamp":
			node.kind = "a timestamp"
		default:
			node.kind = tagKind(tag)
		}
	default:
		node.kind = "an unresolved alias"
	}
	return node
}

// fields returns the entries of a mapping in order. Merge keys (<<: *base)
// bring in the entries of the merged mappings that the mapping does not
// set itself, as js-yaml does.
func (c yamlConverter) fields(n *yaml.Node, depth int, redact bool, merges int) []deployField {
	own := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolveAlias(n.Content[i]); k.ShortTag() != "!!merge" {
			own[k.Value] = true
		}
	}
	var fields []deployField
	merged := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolveAlias(n.Content[i]), n.Content[i+1]
		if k.ShortTag() != "!!merge" {
			fields = append(fields, deployField{key: k.Value, keyAt: c.location(k),
				value: c.convert(v, depth+1, redact || (depth == 0 && k.Value == "secrets"))})
			continue
		}
		sources := []*yaml.Node{resolveAlias(v)}
		if sources[0].Kind == yaml.SequenceNode {
			sources = sources[0].Content
		}
		for _, src := range sources {
			if src = resolveAlias(src); src.Kind != yaml.MappingNode || merges >= maxYAMLDepth {
				continue
			}
			for _, f := range c.fields(src, depth, redact, merges+1) {
				if !own[f.key] && !merged[f.key] {
					merged[f.key] = true
					fields = append(fields, f)
				}
			}
		}
	}
	return fields
}
