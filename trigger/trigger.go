// Package trigger is the one table of the five Hook extensibility points and
// the Action triggers they become. Every other package reads it from here.
package trigger

import (
	"sort"
	"time"
)

// HooksEndOfLife is the day Auth0 Hooks stopped running (UTC), after
// which every hook must have become an Action.
var HooksEndOfLife = time.Date(2026, time.November, 18, 0, 0, 0, 0, time.UTC)

// HooksEnded reports whether now is on or after the end of life, for the
// tense of the texts that mention it ("reach" before, "reached" after).
func HooksEnded(now time.Time) bool { return !now.Before(HooksEndOfLife) }

// Trigger describes one Hook extensibility point and its Action counterpart.
type Trigger struct {
	// ID is the Hook triggerId, which is also the Action trigger id.
	ID string
	// HookParams are the documented parameter names of the Hook function.
	HookParams []string
	// ContextIndex is the position of the context parameter in HookParams.
	ContextIndex int
	// ActionHandler is the named export the Action must define.
	ActionHandler string
	// ActionVersion is the CURRENT Action trigger version for this trigger.
	ActionVersion string
}

// The signatures come from the Hook starter code; the handlers and versions
// from the Actions migration guide and GET /actions/triggers.
var all = []Trigger{
	{
		ID:            "credentials-exchange",
		HookParams:    []string{"client", "scope", "audience", "context", "cb"},
		ContextIndex:  3,
		ActionHandler: "onExecuteCredentialsExchange",
		ActionVersion: "v2",
	},
	{
		ID:            "pre-user-registration",
		HookParams:    []string{"user", "context", "cb"},
		ContextIndex:  1,
		ActionHandler: "onExecutePreUserRegistration",
		ActionVersion: "v2",
	},
	{
		ID:            "post-user-registration",
		HookParams:    []string{"user", "context", "cb"},
		ContextIndex:  1,
		ActionHandler: "onExecutePostUserRegistration",
		ActionVersion: "v2",
	},
	{
		ID:            "post-change-password",
		HookParams:    []string{"user", "context", "cb"},
		ContextIndex:  1,
		ActionHandler: "onExecutePostChangePassword",
		ActionVersion: "v2",
	},
	{
		ID:            "send-phone-message",
		HookParams:    []string{"recipient", "text", "context", "cb"},
		ContextIndex:  2,
		ActionHandler: "onExecuteSendPhoneMessage",
		ActionVersion: "v2",
	},
}

// All returns every Hook trigger, in the order of the Management API enum.
func All() []Trigger {
	out := make([]Trigger, len(all))
	copy(out, all)
	return out
}

// IDs returns the valid trigger ids, sorted.
func IDs() []string {
	ids := make([]string, 0, len(all))
	for _, t := range all {
		ids = append(ids, t.ID)
	}
	sort.Strings(ids)
	return ids
}

// Lookup returns the trigger with the given id.
func Lookup(id string) (Trigger, bool) {
	for _, t := range all {
		if t.ID == id {
			return t, true
		}
	}
	return Trigger{}, false
}

// ByParamCount returns the triggers whose Hook signature has n parameters.
// Three parameters match three user triggers, so the answer can be ambiguous.
func ByParamCount(n int) []Trigger {
	out := make([]Trigger, 0, 3)
	for _, t := range all {
		if len(t.HookParams) == n {
			out = append(out, t)
		}
	}
	return out
}
