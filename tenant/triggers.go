package tenant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/internal/jsontext"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// loadDeployTriggersDir reads the bindings of a directory export's
// triggers/ folder. It returns nil (unknown) when the export has no such
// folder: the export was made without triggers, so nothing is known.
func loadDeployTriggersDir(dir string, keywords *keywordReplacer) (map[string][]trigger.Binding, []Problem) {
	folder := filepath.Join(dir, trigger.DeployCLIDir)
	entries, err := os.ReadDir(folder)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []Problem{bindingsProblem(finding.Location{File: folder}, fmt.Sprintf("reading the folder: %v", bareError(err)))}
	}
	var file string
	for _, e := range entries { // os.ReadDir sorts by name
		path := filepath.Join(folder, e.Name())
		// Symbolic links are followed, as the Deploy CLI's getFiles does.
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && filepath.Ext(e.Name()) == ".json" {
			file = path
			break
		}
	}
	if file == "" {
		return nil, nil
	}
	data, err := readInside(dir, file, "the export directory", inputfile.MaxDocument)
	if err == nil {
		data, err = keywords.replace(data, inputfile.MaxDocument)
	}
	if err != nil {
		return nil, []Problem{bindingsProblem(finding.Location{File: file}, fmt.Sprintf("reading the file: %v", bareError(err)))}
	}
	data = quoteBareMarkers(data)
	if line, col, msg, bad := jsonSyntaxError(data); bad {
		return nil, []Problem{bindingsProblem(finding.Location{File: file, Line: line, Column: col}, "invalid JSON: "+msg)}
	}
	var raw map[string][]trigger.DeployCLIEntry
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		at := finding.Location{File: file}
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			at = newLineIndex(data).location(file, int(typeErr.Offset))
		}
		return nil, []Problem{bindingsProblem(at, "want an object of trigger ids, each a list of {action_name, display_name}: "+jsontext.Problem(bareError(err)))}
	}
	return checkBindings(raw, finding.Location{File: file, Line: 1})
}

// loadDeployTriggersYAML reads the bindings of the top-level "triggers"
// mapping of tenant.yaml; nil (unknown) when the file has none.
func loadDeployTriggersYAML(node *yaml.Node, c yamlConverter) (map[string][]trigger.Binding, []Problem) {
	node = resolveAlias(node)
	if node == nil || node.ShortTag() == "!!null" {
		return nil, nil
	}
	var raw map[string][]trigger.DeployCLIEntry
	if err := node.Decode(&raw); err != nil {
		return nil, []Problem{bindingsProblem(c.location(node),
			"\"triggers\" should map trigger ids to lists of {action_name, display_name}: "+strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	return checkBindings(raw, c.location(node))
}

// checkBindings turns a triggers file's lists into bindings. The Deploy
// CLI's export writes only the triggers that have a binding, so a hook
// trigger the file leaves out is known to have none.
func checkBindings(raw map[string][]trigger.DeployCLIEntry, at finding.Location) (map[string][]trigger.Binding, []Problem) {
	out := map[string][]trigger.Binding{}
	var problems []Problem
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	unknown := map[string]bool{}
	for _, id := range ids {
		list := []trigger.Binding{}
		for i, b := range raw[id] {
			if b.ActionName == "" {
				// Rewriting this list without the entry would unbind it.
				problems = append(problems, bindingsProblem(at, fmt.Sprintf(
					"binding %d of trigger %q has no action_name, so that trigger's bindings are taken as unknown", i+1, id)))
				unknown[id] = true
				break
			}
			list = append(list, trigger.Binding{ActionName: b.ActionName, DisplayName: b.DisplayName})
		}
		if !unknown[id] {
			out[id] = list
		}
	}
	for _, id := range trigger.IDs() {
		if _, listed := raw[id]; !listed {
			out[id] = []trigger.Binding{}
		}
	}
	return out, problems
}

// bindingsProblem is a problem with a triggers file: the hooks still load,
// and the bindings it should have held are unknown.
func bindingsProblem(at finding.Location, msg string) Problem {
	return Problem{Location: at, Message: "trigger bindings: " + msg, Severity: finding.Warning}
}
