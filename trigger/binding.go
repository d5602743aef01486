package trigger

// Binding is one Action bound to a trigger. A trigger runs its bindings in
// order, and every writer (the Deploy CLI triggers file, Terraform, the
// Management API) replaces or appends to that ordered list.
type Binding struct {
	// ActionName is the bound Action's name: the Deploy CLI and apply match
	// Actions by name.
	ActionName string
	// DisplayName is the binding's display name; "" means ActionName.
	DisplayName string
	// ActionID is the Action's id when it is known (a live tenant).
	ActionID string
}

// MergeBindings is the one rule for adding our Actions to a trigger: every
// existing binding is kept, in its order, and ours follow, each once. An
// Action of ours that is already bound stays where it is, so merging twice
// changes nothing.
func MergeBindings(existing, ours []Binding) []Binding {
	out := make([]Binding, 0, len(existing)+len(ours))
	seen := make(map[string]bool, len(existing)+len(ours))
	for _, b := range existing {
		out = append(out, b)
		seen[b.ActionName] = true
	}
	for _, b := range ours {
		if seen[b.ActionName] {
			continue
		}
		seen[b.ActionName] = true
		out = append(out, b)
	}
	return out
}

// The Deploy CLI's triggers file, one shape for the directory format's
// triggers/triggers.json and tenant.yaml's triggers: mapping: each trigger
// id maps to the ordered list of the Actions bound to it. The Deploy CLI
// binds by action name, and replaces each listed trigger's whole list.
const (
	// DeployCLIDir is the Deploy CLI's TRIGGERS_DIRECTORY: its import reads
	// the first .json file in it.
	DeployCLIDir = "triggers"
	// DeployCLIFile is the triggers file its export writes.
	DeployCLIFile = DeployCLIDir + "/triggers.json"
)

// DeployCLIEntry is one entry of a trigger's list in a Deploy CLI triggers
// file.
type DeployCLIEntry struct {
	ActionName  string `json:"action_name" yaml:"action_name"`
	DisplayName string `json:"display_name" yaml:"display_name"`
}

// DeployCLIEntryOf is a binding as a Deploy CLI triggers file lists it,
// its display name defaulting to the Action's name.
func DeployCLIEntryOf(b Binding) DeployCLIEntry {
	shown := b.DisplayName
	if shown == "" {
		shown = b.ActionName
	}
	return DeployCLIEntry{ActionName: b.ActionName, DisplayName: shown}
}
