package migrate

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hooks2actions/hooks2actions/finding"
)

// SecretStatus says what happens to one hook secret in the move.
type SecretStatus string

const (
	// Carry: defined and read; the Action gets it.
	Carry SecretStatus = "carry"
	// Unused: defined, never read; do not carry it.
	Unused SecretStatus = "unused"
	// Missing: read, never defined; the Action would read undefined.
	Missing SecretStatus = "missing"
	// Unknown: defined, and the hook may read any secret (dynamic keys, an
	// escaping secrets object, a script that does not parse), so it cannot
	// be ruled unused; the Action gets it.
	Unknown SecretStatus = "unknown"
)

// SecretMapping is one hook secret key and its fate. Never a value.
type SecretMapping struct {
	Key    string
	Status SecretStatus
	// Marker is the Deploy CLI keyword that stands for the value in the
	// Action's files (##MARKER##), for the carried secrets: the operator
	// supplies values at import time, since hook secret values cannot be
	// read back.
	Marker string
	// Expression is, for a hook declared in Terraform, the hook's own
	// expression for the value (var.x, a resource's attribute), which a
	// generated auth0_action reuses; "" otherwise. Never a literal value.
	Expression string
}

// Carried reports whether the Action should define the secret.
func (m SecretMapping) Carried() bool { return m.Status != Unused }

// mapSecrets compares the keys the hook defines with the keys its script
// reads. When the source does not know the defined keys, every key read is
// assumed defined: nothing can be said to be unused or missing.
func mapSecrets(in HookInput) ([]SecretMapping, []finding.Finding) {
	h, res := in.Hook, in.Result
	read := map[string]bool{}
	opaque := res == nil || res.Opaque()
	if res != nil {
		for _, k := range res.Referenced() {
			read[k] = true
		}
	}
	if h.SecretKeys == nil {
		return carryAll(read), nil
	}
	var out []SecretMapping
	var fs []finding.Finding
	defined := map[string]bool{}
	for _, k := range h.SecretKeys {
		defined[k] = true
		switch {
		case read[k]:
			out = append(out, SecretMapping{Key: k, Status: Carry})
		case opaque:
			out = append(out, SecretMapping{Key: k, Status: Unknown})
		default:
			out = append(out, SecretMapping{Key: k, Status: Unused})
			fs = append(fs, newFinding(finding.RuleUnusedSecret, h, k, h.Origin.SecretWhere(k), fmt.Sprintf(
				"secret %s is defined on the hook but its script never reads it: do not carry it to the Action", k)))
		}
	}
	for k := range read {
		if !defined[k] {
			out = append(out, SecretMapping{Key: k, Status: Missing})
			fs = append(fs, newFinding(finding.RuleMissingSecret, h, k, firstUsage(in, k), fmt.Sprintf(
				"the script reads secret %s but the hook does not define it: it reads undefined today, and would in the Action", k)))
		}
	}
	sortMappings(out)
	return out, fs
}

func carryAll(read map[string]bool) []SecretMapping {
	out := make([]SecretMapping, 0, len(read))
	for k := range read {
		out = append(out, SecretMapping{Key: k, Status: Carry})
	}
	sortMappings(out)
	return out
}

// MarkerName is the Deploy CLI keyword of one Action secret, namespaced by
// the Action because two hooks may use one key with different values:
// WELCOME_EMAIL__SENDGRID_KEY.
func MarkerName(action, key string) string {
	return upperSnake(action) + "__" + upperSnake(key)
}

func upperSnake(s string) string {
	var b strings.Builder
	lastUnderscore := false
	for _, r := range strings.ToUpper(s) {
		ok := r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		switch {
		case ok:
			b.WriteRune(r)
			lastUnderscore = false
		case !lastUnderscore && b.Len() > 0:
			b.WriteByte('_')
			lastUnderscore = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

func sortMappings(m []SecretMapping) {
	sort.Slice(m, func(i, j int) bool { return m[i].Key < m[j].Key })
}

// firstUsage locates the first read of key, for a finding about it.
func firstUsage(in HookInput, key string) finding.Location {
	for _, u := range in.Result.Usages {
		if u.Key == key {
			return finding.Location{File: in.Result.File, Line: u.Line, Column: u.Column}
		}
	}
	return in.Hook.Origin.Where()
}

// checkSecretLimits applies the Actions limits to what the Action will hold.
func checkSecretLimits(in HookInput, mappings []SecretMapping) []finding.Finding {
	h := in.Hook
	var out []finding.Finding
	carried := 0
	for _, m := range mappings {
		if !m.Carried() {
			continue
		}
		carried++
		if n := utf8.RuneCountInString(m.Key); n > MaxSecretKeyLen {
			out = append(out, newFinding(finding.RuleSecretLimitExceeded, h, m.Key, h.Origin.Where(), fmt.Sprintf(
				"secret key %s… is %d characters long; an Action secret key is at most %d", truncate(m.Key, 24), n, MaxSecretKeyLen)))
		}
	}
	if carried > MaxSecrets {
		out = append(out, newFinding(finding.RuleSecretLimitExceeded, h, "", h.Origin.Where(), fmt.Sprintf(
			"the Action would hold %d secrets; an Action holds at most %d", carried, MaxSecrets)))
	}
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n]))
}
