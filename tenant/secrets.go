package tenant

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/trigger"
)

// MaskedValue is what the Management API returns for every hook secret
// value, and what Deploy CLI exports write. The docs spell it without the
// trailing underscore; both spellings are the placeholder, never a value.
const MaskedValue = "_VALUE_NOT_SHOWN_"

// IsMasked reports whether v is the placeholder rather than a real value.
func IsMasked(v string) bool {
	return v == MaskedValue || v == "_VALUE_NOT_SHOWN"
}

// SecretKeys returns the sorted keys of a secrets map and drops the values:
// the model never holds one. A nil map gives an empty, non-nil list, since
// a source that has a secrets map knows the hook defines none.
func SecretKeys(secrets map[string]string) []string {
	keys := make([]string, 0, len(secrets))
	for k := range secrets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CheckTrigger returns an error naming the valid ids when id is not a hook trigger.
func CheckTrigger(id string) error {
	if _, ok := trigger.Lookup(id); ok {
		return nil
	}
	if id == "" {
		return fmt.Errorf("no triggerId (want one of %s)", strings.Join(trigger.IDs(), ", "))
	}
	return fmt.Errorf("unknown triggerId %q (want one of %s)", id, strings.Join(trigger.IDs(), ", "))
}

// DropDuplicateNames keeps the first hook of each name and reports the
// others as problems: reports and the migration plan key hooks by name.
func (inv *Inventory) DropDuplicateNames() {
	first := make(map[string]Hook, len(inv.Hooks))
	kept := inv.Hooks[:0]
	for _, h := range inv.Hooks {
		if prev, dup := first[h.Name]; dup {
			msg := fmt.Sprintf("a hook of this name is already declared at %s; this one is left out", prev.Origin.Where())
			if prev.Origin.Where().File == "" {
				// Read from the Management API: no file, but ids.
				msg = fmt.Sprintf("a hook of this name was read already (id %s); this one (id %s) is left out", prev.ID, h.ID)
			}
			inv.Problems = append(inv.Problems, Problem{Hook: h.Name, Location: h.Origin.Where(), Message: msg})
			continue
		}
		first[h.Name] = h
		kept = append(kept, h)
	}
	inv.Hooks = kept
}
