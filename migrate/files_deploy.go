package migrate

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/hooks2actions/hooks2actions/trigger"
)

// Layout is the Deploy CLI format the Action files are written in: the
// one of the export the hooks came from.
type Layout string

const (
	// LayoutDirectory is a0deploy's directory format: actions/<name>.json
	// and triggers/triggers.json.
	LayoutDirectory Layout = "directory"
	// LayoutYAML is its YAML format: tenant.yaml with actions: and
	// triggers:, the code in actions/<name>/code.js beside it.
	LayoutYAML Layout = "yaml"
)

// The Deploy CLI files of the bindings, relative to the output directory.
const (
	// TriggersFile is the directory format's triggers file; the import
	// reads the first .json file of triggers/.
	TriggersFile = trigger.DeployCLIFile
	// TenantYAMLFile is the YAML format's file.
	TenantYAMLFile = "tenant.yaml"
)

// deployYAML is what tenant.yaml holds in the YAML layout.
type deployYAML struct {
	Actions  []deployAction                      `yaml:"actions"`
	Triggers map[string][]trigger.DeployCLIEntry `yaml:"triggers,omitempty"`
}

// writeDeployFiles adds the Action files and the triggers file of the
// layout to out. Only the triggers that get an Action of ours are listed:
// the Deploy CLI leaves the others as they are.
func writeDeployFiles(out map[string][]byte, actions []ActionPlan, bp bindingPlan, layout Layout) error {
	var doc deployYAML
	for _, a := range actions {
		if _, ok := actionFileReason(a, nil); !ok {
			continue
		}
		d := deployActionOf(a, bp.byAction[a.Name].Bound)
		out[ActionCodePath(a)] = []byte(a.Draft.Code)
		if layout == LayoutYAML {
			doc.Actions = append(doc.Actions, d)
			continue
		}
		body, err := marshalJSON(d)
		if err != nil {
			return fmt.Errorf("writing the Action file of hook %q: %w", a.Hook, err)
		}
		out[ActionJSONPath(a)] = body
	}
	triggers := deployTriggers(bp.triggers)
	if layout == LayoutYAML {
		if len(doc.Actions) == 0 {
			return nil
		}
		doc.Triggers = triggers
		body, err := marshalYAML(doc)
		if err != nil {
			return fmt.Errorf("writing %s: %w", TenantYAMLFile, err)
		}
		out[TenantYAMLFile] = body
		return nil
	}
	if len(triggers) > 0 {
		body, err := marshalJSON(triggers)
		if err != nil {
			return fmt.Errorf("writing %s: %w", TriggersFile, err)
		}
		out[TriggersFile] = body
	}
	return nil
}

// deployTriggers is the value of a Deploy CLI triggers file (directory) or
// triggers: section (YAML) that binds the planned Actions: one ordered
// list per trigger.
func deployTriggers(list []TriggerBindings) map[string][]trigger.DeployCLIEntry {
	out := map[string][]trigger.DeployCLIEntry{}
	for _, t := range list {
		entries := []trigger.DeployCLIEntry{}
		for _, b := range t.Bindings {
			entries = append(entries, trigger.DeployCLIEntryOf(b))
		}
		out[t.TriggerID] = entries
	}
	return out
}

// marshalYAML is block YAML indented by 2, as the Deploy CLI's exports are.
func marshalYAML(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
