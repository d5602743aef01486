package tenant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// DeployOptions says how to read an Auth0 Deploy CLI export.
type DeployOptions struct {
	// Mappings are the keyword replacement values
	// (AUTH0_KEYWORD_REPLACE_MAPPINGS), each the JSON text of the value
	// as LoadKeywordMappings returns them (KeywordString makes one from a
	// plain string). Nil leaves every @@KEY@@ and ##KEY## marker intact.
	Mappings map[string]string
	// BasePath overrides the directory that tenant.yaml script paths are
	// relative to (AUTH0_BASE_PATH); "" is the YAML file's directory. The
	// directory format ignores it: its scripts are relative to hooks/.
	BasePath string
	// KeepScriptMarkers leaves the markers in scripts as written while
	// the hook files are still mapped: code that will be imported again
	// through the Deploy CLI (an Action draft) keeps its markers, and a
	// value mapped into a script is never written out.
	KeepScriptMarkers bool
}

// deployHooksDir is the Deploy CLI's HOOKS_DIRECTORY.
const deployHooksDir = "hooks"

// IsDeployDirectory reports whether dir looks like a Deploy CLI directory
// export with hooks: it has a hooks/ subdirectory holding a .json file.
func IsDeployDirectory(dir string) bool {
	files, err := deployHookFiles(filepath.Join(dir, deployHooksDir))
	return err == nil && len(files) > 0
}

// IsDeployYAML reports whether path names a Deploy CLI YAML export: a
// .yaml or .yml file. A path that does not exist counts, so that loading
// it reports the missing file.
func IsDeployYAML(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		info, err := os.Stat(path)
		return err != nil || !info.IsDir()
	}
	return false
}

// LoadDeployDirectory reads the hooks of a Deploy CLI directory export
// (a0deploy export --format directory): each hooks/<name>.json declares a
// hook, and its "script" is a path relative to hooks/. The rest of the
// export (clients/, rules/, tenant.json, …) is ignored.
//
// Keyword markers are replaced in each .json before it is parsed and in
// each script, when opts.Mappings are given. Secret values are dropped as
// soon as the file is parsed: only the keys are kept.
//
// A missing or unreadable dir is an error. Everything wrong with one hook
// (a .json that does not parse, a missing script, an unknown trigger, an
// unknown field, …) is a Problem, and the other hooks still load.
func LoadDeployDirectory(dir string, opts DeployOptions) (*Inventory, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, bareError(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("reading %s: not a directory: a Deploy CLI directory export is a directory holding hooks/", dir)
	}
	keywords, err := newKeywordReplacer(opts.Mappings)
	if err != nil {
		return nil, err
	}
	hooksDir := filepath.Join(dir, deployHooksDir)
	files, err := deployHookFiles(hooksDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", hooksDir, bareError(err))
	}
	// No hooks/ is a tenant without hooks: the Deploy CLI writes the
	// directory only when there is a hook to write.
	inv := &Inventory{Source: OriginDeployDir, Path: dir}
	inv.Bindings, inv.Problems = loadDeployTriggersDir(dir, keywords)
	for _, file := range files {
		src := hookSource{
			kind:              OriginDeployDir,
			declared:          finding.Location{File: file, Line: 1},
			fileName:          strings.TrimSuffix(filepath.Base(file), ".json"),
			scriptDir:         hooksDir,
			root:              dir,
			rootName:          "the export directory",
			words:             jsonWords,
			keywords:          keywords,
			keepScriptMarkers: opts.KeepScriptMarkers,
		}
		h, ok, problems := loadDeployJSONHook(file, src)
		if ok {
			inv.Hooks = append(inv.Hooks, h)
		}
		inv.Problems = append(inv.Problems, problems...)
	}
	inv.DropDuplicateNames()
	return inv, nil
}

// deployHookFiles lists the .json files of a hooks directory, sorted, as
// the Deploy CLI's getFiles does (following symbolic links).
func deployHookFiles(hooksDir string) ([]string, error) {
	info, err := os.Stat(hooksDir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("not a directory: the Deploy CLI expects a hooks directory")
	}
	entries, err := os.ReadDir(hooksDir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".json" {
			continue
		}
		// Anything but a directory is a hook declaration: reading a pipe,
		// a device or a link out of the export fails with a problem that
		// names it, rather than the hook silently missing.
		path := filepath.Join(hooksDir, e.Name())
		if info, err := os.Stat(path); err != nil || !info.IsDir() {
			files = append(files, path)
		}
	}
	return files, nil
}

func loadDeployJSONHook(file string, src hookSource) (Hook, bool, []Problem) {
	data, err := readInside(src.root, file, src.rootName, inputfile.MaxScript)
	if err != nil {
		return Hook{}, false, []Problem{{Location: finding.Location{File: file}, Message: fmt.Sprintf("reading the file: %v", bareError(err))}}
	}
	if data, err = src.keywords.replace(data, inputfile.MaxScript); err != nil {
		return Hook{}, false, []Problem{{Location: finding.Location{File: file}, Message: err.Error()}}
	}
	data = quoteBareMarkers(data)
	if line, col, msg, bad := jsonSyntaxError(data); bad {
		return Hook{}, false, []Problem{{Location: finding.Location{File: file, Line: line, Column: col}, Message: "invalid JSON: " + msg}}
	}
	var dupProblems []Problem // those of the hook's own fields are the hook's to report
	for _, d := range jsonDuplicates(data) {
		if d.depth > 0 {
			dupProblems = append(dupProblems, Problem{Location: newLineIndex(data).location(file, d.off),
				Message: fmt.Sprintf("key %q is given twice in the same object; the last one is used", d.key)})
		}
	}
	w := &jsonWalker{data: data, file: file, lines: newLineIndex(data)}
	w.dec = json.NewDecoder(bytes.NewReader(data))
	w.dec.UseNumber()
	obj, err := w.value(0, false)
	if err != nil {
		return Hook{}, false, []Problem{{Location: finding.Location{File: file}, Message: "invalid JSON: " + err.Error()}}
	}
	if obj.kind != jsonWords.object {
		return Hook{}, false, []Problem{{Location: obj.at, Message: fmt.Sprintf("the file holds %s, want a hook object", obj.kind)}}
	}
	h, ok, problems := src.hook(obj)
	for _, p := range dupProblems {
		if ok {
			p.Hook = h.Name
		}
		problems = append(problems, p)
	}
	return h, ok, problems
}

// deployNode is one value of a hook declaration, from JSON or YAML, with
// where it stands. Strings under "secrets" are never kept: kind says
// what the value was, and str stays "".
type deployNode struct {
	kind    string // one of the deployWords
	str     string
	boolean bool
	fields  []deployField // an object's fields, in order
	at      finding.Location
}

type deployField struct {
	key   string
	keyAt finding.Location
	value deployNode
}

// deployWords name the kinds of values in messages, in each format's terms.
type deployWords struct {
	str, number, boolean, null, list, object string
}

var (
	jsonWords = deployWords{str: "a string", number: "a number", boolean: "a boolean", null: "null", list: "an array", object: "an object"}
	yamlWords = deployWords{str: "a string", number: "a number", boolean: "a boolean", null: "null", list: "a list", object: "a mapping"}
)

// hookSource is what one hook declaration needs to become a Hook.
type hookSource struct {
	kind     string           // OriginDeployDir or OriginDeployYAML
	declared finding.Location // the .json file, or the entry in tenant.yaml
	// fileName names a hook that has no name (directory format only).
	fileName  string
	scriptDir string // script paths are relative to it
	root      string // scripts must lie inside it
	rootName  string // what root is, for messages
	words     deployWords
	keywords  *keywordReplacer
	// keepScriptMarkers is DeployOptions.KeepScriptMarkers.
	keepScriptMarkers bool
}

// The fields of a Deploy CLI hook: the Management API's hook object, with
// the script as a path and the secrets merged in.
var deployHookFields = map[string]bool{
	"name": true, "triggerId": true, "enabled": true, "script": true,
	"secrets": true, "dependencies": true, "id": true,
}

// hook turns one declaration into a Hook. ok is false when the hook has
// no name to be known by (YAML), so only its problems are reported.
func (s hookSource) hook(obj deployNode) (h Hook, ok bool, problems []Problem) {
	fields := map[string]deployNode{}
	var fieldProblems []Problem // reported once the name is known
	for _, f := range obj.fields {
		switch {
		case !deployHookFields[f.key]:
			fieldProblems = append(fieldProblems, Problem{Location: f.keyAt, Message: fmt.Sprintf("unknown field %q", f.key)})
		case hasField(fields, f.key):
			fieldProblems = append(fieldProblems, Problem{Location: f.keyAt, Message: fmt.Sprintf("field %q is given twice; the last one is used", f.key)})
		}
		fields[f.key] = f.value
	}

	h.Origin = Origin{Kind: s.kind, Declared: s.declared}
	ok = true
	name, problem := s.stringField(fields, "name")
	switch {
	case name != "":
		h.Name = name
	case s.fileName != "":
		h.Name = s.fileName
		problem.Message += "; the hook is named after its file"
	default:
		ok = false
		problem.Message += "; the hook is left out"
	}
	problems = append(problems, problem)
	problems = append(problems, fieldProblems...)
	add := func(p Problem) { problems = append(problems, p) }

	switch n, given := fields["triggerId"]; {
	case !given:
		add(Problem{Location: s.declared, Message: CheckTrigger("").Error()})
	case n.kind != s.words.str:
		add(s.wrongType("triggerId", n, s.words.str))
	default:
		if err := CheckTrigger(n.str); err != nil {
			add(Problem{Location: n.at, Message: err.Error()})
		} else {
			h.TriggerID = n.str
		}
	}

	if n, given := fields["enabled"]; given {
		if n.kind == s.words.boolean {
			h.Enabled = n.boolean
		} else {
			add(s.wrongType("enabled", n, s.words.boolean))
		}
	}

	h.ID, problem = s.stringField(fields, "id")
	if _, given := fields["id"]; given {
		add(problem)
	}
	h.Origin.HookID = h.ID

	h.SecretKeys, problem = s.secretKeys(fields)
	add(problem)
	if n, ok := fields["secrets"]; ok && h.SecretKeys != nil {
		for _, f := range n.fields {
			h.Origin.SecretsDeclared = append(h.Origin.SecretsDeclared, SecretDeclared{Key: f.key, At: f.keyAt})
		}
	}
	for _, p := range s.valueProblems(fields["secrets"], "secret") {
		add(p)
	}
	h.Dependencies = s.dependencies(fields, add)

	script, problem := s.stringField(fields, "script")
	add(problem)
	if script != "" {
		add(s.loadScript(&h, script, fields["script"].at))
	}

	problems = slices.DeleteFunc(problems, func(p Problem) bool { return p.Message == "" })
	if ok {
		for i := range problems {
			problems[i].Hook = h.Name
		}
	}
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i].Location, problems[j].Location
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return h, ok, problems
}

func hasField(fields map[string]deployNode, key string) bool {
	_, ok := fields[key]
	return ok
}

// stringField returns a string field, or a problem when it is missing,
// empty or not a string.
func (s hookSource) stringField(fields map[string]deployNode, key string) (string, Problem) {
	n, given := fields[key]
	switch {
	case !given:
		return "", Problem{Location: s.declared, Message: fmt.Sprintf("no %q", key)}
	case n.kind != s.words.str:
		return "", s.wrongType(key, n, s.words.str)
	case n.str == "":
		return "", Problem{Location: n.at, Message: fmt.Sprintf("%q is empty", key)}
	}
	return n.str, Problem{}
}

func (s hookSource) wrongType(key string, n deployNode, want string) Problem {
	return Problem{Location: n.at, Message: fmt.Sprintf("%q is %s, want %s", key, n.kind, want)}
}

// secretKeys returns the keys of "secrets"; nil (unknown) when "secrets" is
// absent or malformed. An export always writes "secrets" (it reads them
// from the tenant, {} when there are none), so a file without it was
// written by hand or trimmed: it does not say which secrets the tenant's
// hook has, and every secret its script reads cannot be called missing.
func (s hookSource) secretKeys(fields map[string]deployNode) ([]string, Problem) {
	n, given := fields["secrets"]
	if !given {
		return nil, Problem{}
	}
	if n.kind != s.words.object {
		return nil, s.wrongType("secrets", n, s.words.object)
	}
	keys := make(map[string]string, len(n.fields))
	for _, f := range n.fields {
		keys[f.key] = "" // the key only: the value was never kept
	}
	return SecretKeys(keys), Problem{}
}

// valueProblems reports the entries of an object that are not strings:
// the Management API takes secret values and dependency versions as
// strings only.
func (s hookSource) valueProblems(n deployNode, what string) []Problem {
	if n.kind != s.words.object {
		return nil
	}
	var problems []Problem
	for _, f := range n.fields {
		if f.value.kind != s.words.str {
			problems = append(problems, Problem{Location: f.value.at,
				Message: fmt.Sprintf("%s %q is %s, want a string", what, f.key, f.value.kind)})
		}
	}
	return problems
}

func (s hookSource) dependencies(fields map[string]deployNode, add func(Problem)) map[string]string {
	n, given := fields["dependencies"]
	if !given {
		return nil
	}
	if n.kind != s.words.object {
		add(s.wrongType("dependencies", n, s.words.object))
		return nil
	}
	deps := make(map[string]string, len(n.fields))
	for _, f := range n.fields {
		if f.value.kind == s.words.str {
			deps[f.key] = f.value.str
		}
	}
	for _, p := range s.valueProblems(n, "dependency") {
		add(p)
	}
	return deps
}

// loadScript reads the script a hook points at, as the Deploy CLI's
// loadFile does: backslashes are slashes, and the path is relative to
// scriptDir. A script outside root is not read: the Deploy CLI warns that
// it will refuse such paths, and an audit should not wander off the export.
func (s hookSource) loadScript(h *Hook, script string, at finding.Location) Problem {
	if looksLikeCode(script) {
		// The hook's code itself, as the Management API holds it: never
		// quoted back, since scripts often hard-code credentials and the
		// message reaches reports, annotations and code scanning.
		return Problem{Location: at, Message: fmt.Sprintf("script holds code (%d bytes, not repeated here), "+
			"not the path of a script file, which the Deploy CLI wants (such as ./%s.js)", len(script), h.Name)}
	}
	rel := filepath.FromSlash(strings.ReplaceAll(script, `\`, "/"))
	path := filepath.Join(s.scriptDir, rel)
	if filepath.IsAbs(rel) {
		path = filepath.Clean(rel)
	}
	if !within(s.root, path) {
		return Problem{Location: at, Message: fmt.Sprintf("script %q resolves to %s, outside %s %s; it is not read",
			script, path, s.rootName, s.root)}
	}
	data, err := readInside(s.root, path, s.rootName, inputfile.MaxScript)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Problem{Location: at, Message: fmt.Sprintf("script file %s does not exist", path)}
	case err != nil:
		return Problem{Location: at, Message: fmt.Sprintf("reading script file %s: %v", path, bareError(err))}
	}
	h.Script = data
	if !s.keepScriptMarkers {
		if h.Script, err = s.keywords.replace(data, inputfile.MaxScript); err != nil {
			return Problem{Location: at, Message: fmt.Sprintf("script file %s: %v", path, err)}
		}
	}
	h.Origin.File = path
	h.Origin.ScriptLine = 1
	return Problem{}
}

// looksLikeCode tells a script given inline from a path: no file name
// holds a line break, a brace or a semicolon, and none is that long.
func looksLikeCode(script string) bool {
	return strings.ContainsAny(script, "\n{;") || len(script) > 4096
}

// jsonWalker reads a JSON text that is known to be valid into deployNodes
// with positions.
type jsonWalker struct {
	data  []byte
	file  string
	dec   *json.Decoder
	lines lineIndex
}

// next returns the offset of the next token: the decoder has read up to
// InputOffset, and separators are skipped here.
func (w *jsonWalker) next() int {
	off := int(w.dec.InputOffset())
	for off < len(w.data) && strings.IndexByte(" \t\r\n,:", w.data[off]) >= 0 {
		off++
	}
	return off
}

// value reads one value. Strings under the top-level "secrets" are
// not kept.
func (w *jsonWalker) value(depth int, redact bool) (deployNode, error) {
	at := w.lines.location(w.file, w.next())
	tok, err := w.dec.Token()
	if err != nil {
		return deployNode{}, err
	}
	switch t := tok.(type) {
	case nil:
		return deployNode{kind: jsonWords.null, at: at}, nil
	case bool:
		return deployNode{kind: jsonWords.boolean, boolean: t, at: at}, nil
	case json.Number:
		return deployNode{kind: jsonWords.number, at: at}, nil
	case string:
		n := deployNode{kind: jsonWords.str, at: at}
		if !redact {
			n.str = t
		}
		return n, nil
	case json.Delim:
		n := deployNode{kind: jsonWords.list, at: at}
		if t == '{' {
			n.kind = jsonWords.object
		}
		for w.dec.More() {
			if t == '[' {
				if _, err := w.value(depth+1, redact); err != nil {
					return deployNode{}, err
				}
				continue
			}
			keyAt := w.lines.location(w.file, w.next())
			key, err := w.dec.Token()
			if err != nil {
				return deployNode{}, err
			}
			k, _ := key.(string)
			v, err := w.value(depth+1, redact || (depth == 0 && k == "secrets"))
			if err != nil {
				return deployNode{}, err
			}
			n.fields = append(n.fields, deployField{key: k, keyAt: keyAt, value: v})
		}
		_, err := w.dec.Token() // the closing delimiter
		return n, err
	}
	return deployNode{}, fmt.Errorf("unexpected JSON token %v", tok)
}
