package reports

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/internal/jsontext"
	"github.com/hooks2actions/hooks2actions/migrate"
)

// SuppressedFinding is a finding taken out of the report's gate: by an
// inline comment (with its reason) or by a baseline.
type SuppressedFinding struct {
	finding.Finding
	// By is "inline" or "baseline".
	By     string
	Reason string
}

// DefaultFailOn is what check fails on unless told otherwise: the secret
// findings the tool exists for, and everything that means a hook was not
// read or not analysed whole (NotAnalysedRules), which can never pass as clean.
var DefaultFailOn = append([]string{finding.RuleUnusedSecret, finding.RuleMissingSecret}, NotAnalysedRules...)

// NotAnalysedRules are the findings that say a hook, or part of it, was
// not read or not analysed: what the audit says of it is incomplete.
var NotAnalysedRules = []string{finding.RuleLoadError, finding.RuleParseError, finding.RuleInternalError, finding.RuleAnalysisIncomplete}

// Gate decides which findings fail a CI run: named rules, and every
// finding at or above a severity.
type Gate struct {
	rules     map[string]bool
	threshold finding.Severity
}

// ParseGate reads --fail-on values: rule ids and severities, comma-separated
// or repeated. An unknown word is an error naming the valid ones.
func ParseGate(specs []string) (Gate, error) {
	g := Gate{rules: map[string]bool{}}
	for _, spec := range specs {
		for _, word := range strings.Split(spec, ",") {
			word = strings.TrimSpace(word)
			if sev, err := finding.ParseSeverity(word); err == nil {
				if sev.Rank() < g.threshold.Rank() || g.threshold == "" {
					g.threshold = sev
				}
				continue
			}
			if _, ok := finding.LookupRule(word); !ok {
				return Gate{}, fmt.Errorf("--fail-on %q: not a rule id or a severity (error, warning, note); rules: %s", word, ruleIDs())
			}
			g.rules[word] = true
		}
	}
	return g, nil
}

func ruleIDs() string {
	var ids []string
	for _, r := range finding.Rules() {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}

// Fails reports whether f fails the gate.
func (g Gate) Fails(f finding.Finding) bool {
	return g.rules[f.Rule] || g.threshold != "" && f.Severity.Rank() >= g.threshold.Rank()
}

// Covers reports whether a finding of the rule would fail the gate, so a
// command can skip work whose findings the gate ignores.
func (g Gate) Covers(rule string) bool {
	r, ok := finding.LookupRule(rule)
	return ok && g.Fails(finding.Finding{Rule: r.ID, Severity: r.Severity})
}

// Failing returns the report's findings that fail the gate.
func (r *Report) Failing(g Gate) []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Findings {
		if g.Fails(f) {
			out = append(out, f)
		}
	}
	return out
}

// applySuppressions takes the findings a hooks2actions-ignore comment names
// on the line after it out of the report. A comment without its reason is
// a finding itself, and so is one that silences nothing.
func (r *Report) applySuppressions(hooks []migrate.HookInput) {
	for _, in := range hooks {
		if in.Result == nil {
			continue
		}
		for _, s := range in.Result.Suppressions {
			r.applySuppression(in.Hook.Name, in.Result.File, s)
		}
	}
}

func (r *Report) applySuppression(hook, file string, s analyzer.Suppression) {
	at := finding.Location{File: file, Line: s.Line, Column: s.Column}
	if s.Rule == "" || s.Reason == "" {
		r.Findings = append(r.Findings, ruleFinding(finding.RuleMalformedSuppression, hook, at,
			"a hooks2actions-ignore comment needs a rule and a reason: // hooks2actions-ignore <rule> <reason>"))
		return
	}
	if slices.Contains(NotAnalysedRules, s.Rule) {
		r.Findings = append(r.Findings, ruleFinding(finding.RuleMalformedSuppression, hook, at,
			fmt.Sprintf("a %s finding cannot be silenced: the hook was not read or analysed whole (--fail-on chooses what fails the gate)", s.Rule)))
		return
	}
	kept := r.Findings[:0]
	matched := false
	for _, f := range r.Findings {
		if f.Hook == hook && f.Rule == s.Rule && f.Location.File == file && f.Location.Line == s.Line+1 {
			r.Suppressed = append(r.Suppressed, SuppressedFinding{Finding: f, By: "inline", Reason: s.Reason})
			matched = true
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
	if !matched {
		r.Findings = append(r.Findings, ruleFinding(finding.RuleUnusedSuppression, hook, at,
			fmt.Sprintf("this hooks2actions-ignore %s comment matches no finding on the next line", s.Rule)))
	}
}

func ruleFinding(rule, hook string, at finding.Location, msg string) finding.Finding {
	r, _ := finding.LookupRule(rule)
	return finding.Finding{Rule: rule, Severity: r.Severity, Hook: hook, Message: msg, Location: at}
}

// baselineKey identifies a finding across runs without its line, which
// moves with unrelated edits: rule, hook and secret.
type baselineKey struct{ rule, hook, secret string }

// Baseline is the findings of a previous JSON report, accepted as known.
type Baseline struct {
	keys map[baselineKey]bool
}

// LoadBaseline reads a JSON report written by analyze or check.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := inputfile.Read(path, inputfile.MaxCollection)
	if err != nil {
		return nil, fmt.Errorf("reading the baseline %s: %w", path, inputfile.Bare(err))
	}
	var prior struct {
		SchemaVersion int `json:"schema_version"`
		Findings      []struct {
			Rule   string `json:"rule"`
			Hook   string `json:"hook"`
			Secret string `json:"secret"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &prior); err != nil {
		return nil, fmt.Errorf("reading the baseline %s: not a JSON report of analyze or check (--format json): %s", path, jsontext.Problem(err))
	}
	if prior.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("reading the baseline %s: schema_version %d, want %d (a JSON report of analyze or check)",
			path, prior.SchemaVersion, SchemaVersion)
	}
	b := &Baseline{keys: map[baselineKey]bool{}}
	for _, f := range prior.Findings {
		b.keys[baselineKey{f.Rule, f.Hook, f.Secret}] = true
	}
	return b, nil
}

// ApplyBaseline takes the findings the baseline already knows out of the
// report's gate, except those of NotAnalysedRules; they stay listed as
// suppressed.
func (r *Report) ApplyBaseline(b *Baseline) {
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		// What was not read or analysed is never accepted as known: the
		// baseline would hide every later change of that hook.
		if b.keys[baselineKey{f.Rule, f.Hook, f.Secret}] && !slices.Contains(NotAnalysedRules, f.Rule) {
			r.Suppressed = append(r.Suppressed, SuppressedFinding{Finding: f, By: "baseline"})
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
}
