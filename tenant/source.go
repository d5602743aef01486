package tenant

import (
	"fmt"
	"time"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// Inventory is what one source holds: every hook it could read, and the
// problems of the ones it could not read whole. A problem with one hook
// never hides the others.
type Inventory struct {
	// Source is one of the Origin* kinds.
	Source string
	// Tenant is the tenant's domain when the source knows it.
	Tenant string
	// Path is the file or directory the inventory was read from; "" for
	// the Management API.
	Path     string
	Hooks    []Hook
	Problems []Problem
	// ActionTriggerVersions maps an Action trigger id to its CURRENT version, as the live tenant reported it; nil when unknown.
	ActionTriggerVersions map[string]string
	// Bindings are the trigger bindings the source knows, per Action
	// trigger id, in the order the trigger runs them: from an export's
	// triggers file, or GET /actions/triggers/{id}/bindings. nil when the
	// source does not say; a trigger id mapped to an empty list is known to
	// have no binding.
	Bindings map[string][]trigger.Binding
	// FetchedAt is when the hooks were read from the tenant, when the
	// source records it (a snapshot); zero otherwise. Reports show it as
	// their date, which then changes only with the data.
	FetchedAt time.Time
}

// Problem is something wrong with one hook, or one entry of a source that
// should have been a hook. The rest of the source still loads.
type Problem struct {
	// Hook is the hook's name when it is known ("" otherwise). When a hook
	// of that name is in the inventory, the problem is about that hook
	// (its script file is missing, say) and the hook is only partly known.
	Hook string
	// Location names the file, and the line and column when known.
	Location finding.Location
	Message  string
	// Severity is how much the problem matters; "" is an error (a hook
	// could not be read whole). Problems about the tenant rather than a
	// hook, such as Action trigger versions that could not be read, are notes.
	Severity finding.Severity
}

func (p Problem) Error() string {
	where := p.Location.String()
	switch {
	case where != "" && p.Hook != "":
		return fmt.Sprintf("%s: hook %q: %s", where, p.Hook, p.Message)
	case where != "":
		return where + ": " + p.Message
	case p.Hook != "":
		return fmt.Sprintf("hook %q: %s", p.Hook, p.Message)
	}
	return p.Message
}
