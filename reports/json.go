package reports

import (
	"encoding/json"
	"io"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/migrate"
)

// SchemaVersion is the version of the JSON report's shape. CI gates and
// baselines read these reports, so fields are only ever added within a
// version; renaming or removing one means a new version.
const SchemaVersion = 1

// JSON renders the report as indented JSON, the machine-readable contract.
type JSON struct{}

func init() { register("json", func(bool) Renderer { return JSON{} }) }

// The json* types are the contract itself, kept apart from the analyzer's
// structs so that an internal change cannot change the output by accident.
// Lists are always present ([] rather than null) so readers need no checks.
type jsonReport struct {
	SchemaVersion int           `json:"schema_version"`
	Tool          jsonTool      `json:"tool"`
	Hooks         []jsonHook    `json:"hooks"`
	Findings      []jsonFinding `json:"findings"`
	// Suppressed are findings taken out by inline comments or a baseline.
	Suppressed []jsonSuppressed `json:"suppressed"`
}

type jsonSuppressed struct {
	jsonFinding
	// By is "inline" or "baseline"; Reason is the inline comment's.
	By     string `json:"by"`
	Reason string `json:"reason,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonHook struct {
	Name string `json:"name"`
	// ID is the Management API id; omitted when the source has none.
	ID      string `json:"id,omitempty"`
	Enabled bool   `json:"enabled"`
	// Source is the kind of source the hook was read from.
	Source   string        `json:"source"`
	Declared *jsonLocation `json:"declared,omitempty"`
	// TriggerID is "" when the trigger is unknown.
	TriggerID string `json:"trigger_id"`
	// TriggerSource is given, inferred or unknown.
	TriggerSource     string       `json:"trigger_source"`
	TriggerCandidates []string     `json:"trigger_candidates"`
	File              string       `json:"file"`
	Parsed            bool         `json:"parsed"`
	Context           *jsonContext `json:"context"`
	Secrets           jsonSecrets  `json:"secrets"`
	Usages            []jsonUsage  `json:"usages"`
	// Action is null when the report was made without a plan.
	Action *jsonAction `json:"action"`
	// Readiness is null when Action is.
	Readiness *jsonReadiness `json:"readiness"`
}

// jsonReadiness is how close the hook's Action is to replacing it.
type jsonReadiness struct {
	// Bucket is ready, review, manual or blocked (migrate.Assess).
	Bucket string `json:"bucket"`
	// Todo counts the things a person must do or read first.
	Todo int `json:"todo"`
}

type jsonContext struct {
	// Name is "" when the parameter is destructured.
	Name         string `json:"name"`
	Index        int    `json:"index"`
	Line         int    `json:"line"`
	Column       int    `json:"column"`
	Destructured bool   `json:"destructured"`
}

type jsonSecrets struct {
	// Defined is omitted when the source does not know the defined keys.
	Defined    *[]string `json:"defined,omitempty"`
	Referenced []string  `json:"referenced"`
	// Opaque is true when the hook may read keys beyond Referenced
	// (dynamic access, an escaping secrets object, a parse error), so no
	// defined secret can be ruled unused.
	Opaque bool `json:"opaque"`
	// Unused, Missing and Unknown come from the migration plan: defined and
	// never read, read and never defined, defined and not ruled out.
	Unused  []string `json:"unused"`
	Missing []string `json:"missing"`
	Unknown []string `json:"unknown"`
}

// jsonAction is the Action a hook becomes, with its secrets mapping.
type jsonAction struct {
	Name     string `json:"name"`
	FileName string `json:"file_name"`
	// TriggerID, Version and Handler are "" when the trigger is unknown.
	TriggerID    string             `json:"trigger_id"`
	Version      string             `json:"trigger_version"`
	Handler      string             `json:"handler"`
	Runtime      string             `json:"runtime"`
	Secrets      []jsonActionSecret `json:"secrets"`
	Dependencies []jsonDependency   `json:"dependencies"`
	Drafted      bool               `json:"drafted"`
	// Verdict is null when the draft was not verified (no draft, or the
	// command did not run verification).
	Verdict *migrate.Verdict `json:"verdict"`
}

type jsonActionSecret struct {
	Key    string `json:"key"`
	Status string `json:"status"`
	// Marker is the Deploy CLI keyword standing for the value; omitted for
	// secrets the Action does not get.
	Marker string `json:"marker,omitempty"`
}

type jsonDependency struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonUsage struct {
	Key           string `json:"key"`
	Line          int    `json:"line"`
	Column        int    `json:"column"`
	Kind          string `json:"kind"`
	LowConfidence bool   `json:"low_confidence,omitempty"`
}

type jsonFinding struct {
	Rule          string       `json:"rule"`
	Severity      string       `json:"severity"`
	Hook          string       `json:"hook"`
	Secret        string       `json:"secret,omitempty"`
	Message       string       `json:"message"`
	Location      jsonLocation `json:"location"`
	LowConfidence bool         `json:"low_confidence,omitempty"`
}

// jsonLocation always has line and column; 0 means the whole file.
type jsonLocation struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Render writes the report as two-space indented JSON ending in a newline.
func (JSON) Render(w io.Writer, r *Report) error { return encodeJSON(w, toJSON(r)) }

// encodeJSON writes v as two-space indented JSON ending in a newline, the
// form of every JSON format.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages quote JavaScript, where < > & are common; keep them readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func toJSON(r *Report) jsonReport {
	out := jsonReport{
		SchemaVersion: SchemaVersion,
		Tool:          jsonTool{Name: r.Tool.Name, Version: r.Tool.Version},
		Hooks:         make([]jsonHook, 0, len(r.Hooks)),
		Findings:      make([]jsonFinding, 0, len(r.Findings)),
	}
	for _, h := range r.Hooks {
		jh := toJSONHook(h)
		if as := r.Readiness(h); as != nil {
			jh.Readiness = &jsonReadiness{Bucket: string(as.Readiness), Todo: as.Todo}
		}
		out.Hooks = append(out.Hooks, jh)
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	out.Suppressed = make([]jsonSuppressed, 0, len(r.Suppressed))
	for _, f := range r.Suppressed {
		out.Suppressed = append(out.Suppressed, jsonSuppressed{jsonFinding: toJSONFinding(f.Finding), By: f.By, Reason: f.Reason})
	}
	return out
}

func toJSONHook(h HookReport) jsonHook {
	out := jsonHook{
		Name:              h.Name,
		ID:                h.ID,
		Enabled:           h.Enabled,
		Source:            h.Source,
		TriggerID:         h.TriggerID,
		TriggerSource:     string(h.TriggerSource),
		TriggerCandidates: nonNil(h.TriggerCandidates),
		File:              h.File,
		Parsed:            h.Parsed,
		Secrets: jsonSecrets{Referenced: nonNil(h.Referenced), Opaque: h.Opaque,
			Unused: h.SecretsWith(migrate.Unused), Missing: h.SecretsWith(migrate.Missing), Unknown: h.SecretsWith(migrate.Unknown)},
		Usages: make([]jsonUsage, 0, len(h.Usages)),
		Action: toJSONAction(h.Action),
	}
	if h.Defined != nil {
		defined := h.Defined
		out.Secrets.Defined = &defined
	}
	if d := h.Declared; d.File != "" {
		out.Declared = &jsonLocation{File: d.File, Line: d.Line, Column: d.Column}
	}
	if c := h.Context; c != nil {
		out.Context = &jsonContext{Name: c.Name, Index: c.Index, Line: c.Line, Column: c.Column, Destructured: c.Destructured}
	}
	for _, u := range h.Usages {
		out.Usages = append(out.Usages, jsonUsage{
			Key: u.Key, Line: u.Line, Column: u.Column, Kind: string(u.Kind), LowConfidence: u.LowConfidence,
		})
	}
	return out
}

func toJSONAction(a *migrate.ActionPlan) *jsonAction {
	if a == nil {
		return nil
	}
	out := &jsonAction{Name: a.Name, FileName: a.FileName, TriggerID: a.TriggerID, Version: a.Version,
		Handler: a.Handler, Runtime: a.Runtime, Drafted: a.Draft.Usable(), Verdict: a.Verdict,
		Secrets: []jsonActionSecret{}, Dependencies: []jsonDependency{}}
	for _, m := range a.Secrets {
		out.Secrets = append(out.Secrets, jsonActionSecret{Key: m.Key, Status: string(m.Status), Marker: m.Marker})
	}
	for _, d := range a.Dependencies {
		out.Dependencies = append(out.Dependencies, jsonDependency{Name: d.Name, Version: d.Version})
	}
	return out
}

func toJSONFinding(f finding.Finding) jsonFinding {
	return jsonFinding{
		Rule:     f.Rule,
		Severity: string(f.Severity),
		Hook:     f.Hook,
		Secret:   f.Secret,
		Message:  f.Message,
		Location: jsonLocation{File: f.Location.File, Line: f.Location.Line, Column: f.Location.Column},
		// Set only on findings from the text scan of an unparsable script.
		LowConfidence: f.LowConfidence,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
