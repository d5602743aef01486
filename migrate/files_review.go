package migrate

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/hooks2actions/hooks2actions/mdtext"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// endOfLifeSentence says when Hooks end, in the tense of the clock: "reach"
// before the day, "reached" from it on, and without a tense when there is
// no clock, so that the checklist never says a past date is to come.
func endOfLifeSentence(now time.Time) string {
	eol := trigger.HooksEndOfLife.Format("2 January 2006")
	switch {
	case now.IsZero():
		return "End of life of Auth0 Hooks: " + eol + "."
	case trigger.HooksEnded(now):
		return "Auth0 Hooks reached their end of life on " + eol + "."
	}
	return "Auth0 Hooks reach their end of life on " + eol + "."
}

// writeReadiness is the Action's readiness bucket and what keeps it from
// a better one.
func writeReadiness(b *strings.Builder, as Assessment) {
	fmt.Fprintf(b, "- Readiness: **%s**", as.Readiness)
	if as.Todo > 0 {
		fmt.Fprintf(b, ", %s", plural(as.Todo, "thing to do", "things to do"))
	}
	if len(as.Why) > 0 {
		why := make([]string, len(as.Why))
		for i, w := range as.Why {
			why[i] = mdtext.Text(w)
		}
		fmt.Fprintf(b, " (%s)", strings.Join(why, "; "))
	}
	b.WriteString(".\n")
}

// writeDiff is the change from the hook's script to the Action's code, a
// unified diff folded away in a <details> block: what the draft changed,
// line by line, for the reviewer. The diff names the code file the form
// writes.
func writeDiff(b *strings.Builder, a ActionPlan, h tenant.Hook, form outputForm) {
	if a.Draft == nil || h.Script == nil {
		return
	}
	from := h.Origin.File
	if from == "" {
		from = "hook " + a.Hook
	}
	d := diff.Diff(from, h.Script, form.codePath(a), []byte(a.Draft.Code))
	// The first line, "diff OLD NEW", is ambiguous with spaces in the names;
	// the ---/+++ lines after it say the same one per line.
	if i := bytes.IndexByte(d, '\n'); bytes.HasPrefix(d, []byte("diff ")) && i >= 0 {
		d = d[i+1:]
	}
	b.WriteString("### Diff: hook → Action\n\n<details>\n<summary>")
	if d == nil {
		b.WriteString("The Action's code is the hook's script, unchanged.</summary>\n\n</details>\n\n")
		return
	}
	fmt.Fprintf(b, "What the draft changed in the hook's script (%s).</summary>\n\n", diffStat(d))
	b.WriteString(mdtext.Fence("diff", string(d)))
	b.WriteString("\n</details>\n\n")
}

// diffStat counts the lines a unified diff adds and removes.
func diffStat(d []byte) string {
	added, removed := 0, 0
	for _, line := range strings.Split(string(d), "\n") {
		switch {
		case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
		case strings.HasPrefix(line, "+"):
			added++
		case strings.HasPrefix(line, "-"):
			removed++
		}
	}
	return plural(added, "line added", "lines added") + ", " + plural(removed, "line removed", "lines removed")
}

// TenantHookName is the name a hook goes by in the tenant, which the
// checklist uses where a person looks it up (the Dashboard, the API). A
// Deploy CLI import renames every hook it creates or updates:
// name.toLowerCase().replace(/\s/g, '-') (src/context/*/handlers/hooks.ts),
// so "Welcome email" in the export is welcome-email in the tenant. Other
// sources (the API, a snapshot, Terraform) give the tenant's own name; so
// does fallback, the name used when the hook is not known.
func TenantHookName(h tenant.Hook, fallback string) string {
	switch h.Origin.Kind {
	case tenant.OriginDeployDir, tenant.OriginDeployYAML:
	default:
		return fallback
	}
	var b strings.Builder
	for _, r := range strings.ToLower(h.Name) {
		if isJSWhitespace(r) {
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isJSWhitespace is JavaScript's \s: white space and line terminators.
func isJSWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}
