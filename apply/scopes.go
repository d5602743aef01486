package apply

import (
	"fmt"
	"slices"
	"strings"
)

// Mode is what the apply command is asked to do.
type Mode int

const (
	ModePreview Mode = iota
	ModeApply
	ModeUndo
)

// RequiredScopes are the Management API scopes a mode needs (OAS security
// of each endpoint used): reading hooks and Actions to compare; creating
// and deploying Actions (create:actions), updating them and the trigger
// bindings (update:actions); disabling hooks (update:hooks).
func RequiredScopes(mode Mode, disableHooks bool) []string {
	switch mode {
	case ModeApply:
		s := []string{"read:hooks", "read:actions", "create:actions", "update:actions"}
		if disableHooks {
			s = append(s, "update:hooks")
		}
		return s
	case ModeUndo:
		s := []string{"read:actions", "update:actions"}
		if disableHooks {
			s = append(s, "update:hooks")
		}
		return s
	}
	return []string{"read:hooks", "read:actions"}
}

// CheckScopes says which required scopes the token lacks, before any
// request that needs them.
func CheckScopes(granted, required []string) error {
	var missing []string
	for _, s := range required {
		if !slices.Contains(granted, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	has := strings.Join(granted, " ")
	if has == "" {
		has = "none"
	}
	return fmt.Errorf("the token lacks the %s %s (it has: %s); grant %s to the application under APIs > Auth0 Management API > Machine to Machine Applications",
		plural(len(missing), "scope", "scopes"), strings.Join(missing, ", "), has, plural(len(missing), "it", "them"))
}
