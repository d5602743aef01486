package mgmtapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// triggersPath is GET /actions/triggers (scope read:actions), which says
// the CURRENT version of each Action trigger.
const triggersPath = "/actions/triggers"

// assumedTriggerVersion is the version the migration plan uses for a hook
// trigger whose CURRENT version the tenant did not tell.
const assumedTriggerVersion = "v2"

// apiTrigger is the part of an ActionTrigger the plan needs.
type apiTrigger struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Status  string `json:"status"`
}

type triggerList struct {
	Triggers []apiTrigger `json:"triggers"`
}

// triggerVersions reads the CURRENT version of each hook trigger, with
// one request through the same retries, pacing and token as the hooks. The
// audit does not require read:actions, so this never fails the fetch: an
// error, or a list that does not say, is a problem and the versions stay
// unknown (nil).
// forbidden reports a 403: the token lacks read:actions, which the
// bindings need too.
func (c *client) triggerVersions(ctx context.Context) (versions map[string]string, problems []tenant.Problem, forbidden bool) {
	var list triggerList
	err := c.getJSON(ctx, triggersPath, nil, &list)
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			markTriggersError(ae)
		}
		hint := ""
		if forbidden = errors.Is(err, ErrForbidden); forbidden {
			hint = ": grant read:actions to use them, and to keep the Actions already bound to the triggers"
		}
		return nil, []tenant.Problem{{Severity: finding.Note, Message: fmt.Sprintf(
			"could not read the Action trigger versions (%v%s); the plan assumes %s", err, hint, assumedTriggerVersion)}}, forbidden
	}
	versions, problems = currentVersions(c.shownPath(triggersPath, nil), list.Triggers)
	return versions, problems, false
}

// markTriggersError: the 403 texts of newAPIError are about the hooks
// endpoints (read:hooks, Hooks turned off); here a 403 is the missing
// read:actions scope, which the caller says.
func markTriggersError(e *APIError) {
	if e.StatusCode == http.StatusForbidden {
		e.kind, e.explain = ErrForbidden, ""
	}
}

// currentVersions keeps the CURRENT version of each hook trigger. The list
// is not in CURRENT-first order, and holds other triggers (post-login...)
// that are left out. A hook trigger the list does not settle (no CURRENT
// entry, several, or a version of an unexpected form) is left out of the
// map with a problem; nil when none is settled.
func currentVersions(shown string, list []apiTrigger) (map[string]string, []tenant.Problem) {
	ids := trigger.IDs()
	current := make(map[string][]string, len(ids))
	for _, t := range list {
		if t.Status == "CURRENT" && slices.Contains(ids, t.ID) && !slices.Contains(current[t.ID], t.Version) {
			current[t.ID] = append(current[t.ID], t.Version)
		}
	}
	versions := make(map[string]string, len(ids))
	var problems []tenant.Problem
	var missing []string
	for _, id := range ids {
		switch vs := current[id]; {
		case len(vs) == 0:
			missing = append(missing, id)
		case len(vs) > 1:
			problems = append(problems, tenant.Problem{Severity: finding.Note, Message: fmt.Sprintf(
				"GET %s lists %d CURRENT versions of the Action trigger %s (%s); the plan assumes %s for it",
				shown, len(vs), id, strings.Join(quoteAll(vs), ", "), assumedTriggerVersion)})
		case !validVersion(vs[0]):
			problems = append(problems, tenant.Problem{Severity: finding.Note, Message: fmt.Sprintf(
				"GET %s gives the Action trigger %s the CURRENT version %q, not of the form v1, v2, ...; the plan assumes %s for it",
				shown, id, clip(vs[0]), assumedTriggerVersion)})
		default:
			versions[id] = vs[0]
		}
	}
	if len(versions) == 0 && len(missing) == len(ids) {
		return nil, []tenant.Problem{{Severity: finding.Note, Message: fmt.Sprintf(
			"GET %s lists no CURRENT version of any hook trigger; the plan assumes %s", shown, assumedTriggerVersion)}}
	}
	if len(missing) > 0 {
		problems = append(problems, tenant.Problem{Severity: finding.Note, Message: fmt.Sprintf(
			"GET %s lists no CURRENT version of the Action %s %s; the plan assumes %s for %s",
			shown, plural(len(missing), "trigger", "triggers"), strings.Join(missing, ", "), assumedTriggerVersion,
			plural(len(missing), "it", "them"))})
	}
	if len(versions) == 0 {
		versions = nil
	}
	return versions, problems
}

// validVersion accepts v1, v2, ...: the version ends up in generated
// files, so a server's odd string is not passed on.
func validVersion(v string) bool {
	n, ok := strings.CutPrefix(v, "v")
	if !ok || n == "" || len(n) > 4 || n[0] == '0' {
		return false
	}
	return strings.Trim(n, "0123456789") == ""
}

func quoteAll(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fmt.Sprintf("%q", clip(v))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
