package migrate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/parallel"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// The files of a plan, relative to the output directory.
const (
	// ActionsDir is the Auth0 Deploy CLI directory of Actions: each Action is
	// actions/<name>.json plus its code in actions/<name>/code.js.
	ActionsDir      = "actions"
	SecretsEnvFile  = "secrets.env.example"
	PlanFile        = "plan.json"
	ChecklistFile   = "MIGRATION.md"
	PlanVersion     = 1
	defaultToolName = "hooks2actions"
)

// FilesOptions tune what Files writes besides the plan itself.
type FilesOptions struct {
	// Generated is shown in the checklist's header: the date of the data
	// (a snapshot's fetch time) or one given (SOURCE_DATE_EPOCH, --date).
	// The zero time leaves it out, so that the same plan gives the same
	// bytes from day to day.
	Generated time.Time
	// Now is the clock, only for the tense of the end-of-life sentence
	// (never shown); zero words it without a tense.
	Now time.Time
	// Hooks are the hooks the plan was made from, for the diff from each
	// hook's script to its Action's code in the checklist; a hook not
	// among them, or without its script, gets no diff.
	Hooks []tenant.Hook
	// Tool names the program and its version in the checklist's header;
	// "" is hooks2actions.
	Tool string
	// Findings are more findings about the plan's hooks (the analysis's:
	// parse errors, dynamic secret reads...), listed in the checklist with
	// the plan's own. plan.json holds the plan's findings only.
	Findings []finding.Finding
	// Bindings are the Actions already bound to each trigger, as the
	// source knows them (tenant.Inventory.Bindings): the triggers file
	// keeps them and binds ours after them. nil, or a trigger missing
	// from it, is unknown: then no Action is bound to that trigger.
	Bindings map[string][]trigger.Binding
	// Layout is the Deploy CLI format of the files; "" is the directory
	// format.
	Layout Layout
	// Target is the tool the Action files are for; "" is the Deploy CLI.
	Target Target
	// SecretsWriteOnly writes Terraform secrets as secrets_wo, which never
	// reach the Terraform state (provider 1.52.0, Terraform 1.11 or later).
	SecretsWriteOnly bool
}

// Files renders the plan as the files a person reviews and the Auth0 Deploy
// CLI imports (or Terraform applies), keyed by slash-separated path
// relative to the output directory:
//
//   - actions/<FileName>.json and actions/<FileName>/code.js for each Action
//     with a draft, in the Deploy CLI directory layout, and
//     triggers/triggers.json binding them after the Actions already bound;
//     with LayoutYAML, tenant.yaml holds the Actions and the triggers;
//   - secrets.env.example, the keyword variables that stand for the
//     Actions' secret values;
//   - with TargetTerraform, instead of those: actions_from_hooks.tf and
//     actions/<FileName>.js (see writeTerraformFiles);
//   - plan.json, the plan in a versioned schema;
//   - MIGRATION.md, the checklist of the switch-over.
//
// It never writes a secret value: the plan holds none, and an Action's
// secret values are keyword markers the Deploy CLI fills in at import time
// (Terraform: the hooks' own expressions, or variables).
// The same plan and options give byte-identical files. It fails, writing
// nothing, on a plan whose files would import wrong: two Actions with one
// file name, a carried secret without a usable marker, or two secrets
// sharing one marker (and so one value; MarkerName gives the hooks a-b and
// a_b the same markers).
func (p *Plan) Files(opts FilesOptions) (map[string][]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("writing the plan's files: no plan")
	}
	actions := sortedActions(p.Actions)
	if err := checkFileNames(actions); err != nil {
		return nil, fmt.Errorf("writing the plan's files: %w", err)
	}
	if err := checkMarkers(actions); err != nil {
		return nil, fmt.Errorf("writing the plan's files: %w", err)
	}
	findings := allFindings(p.Findings, opts.Findings)
	bp := planBindings(actions, findingsByHook(findings), opts.Bindings, opts.Target == TargetTerraform)
	out := map[string][]byte{}
	switch opts.Target {
	case TargetTerraform:
		if err := writeTerraformFiles(out, actions, bp, opts.SecretsWriteOnly); err != nil {
			return nil, err
		}
	case TargetDeployCLI, "":
		if err := writeDeployFiles(out, actions, bp, opts.Layout); err != nil {
			return nil, err
		}
		out[SecretsEnvFile] = secretsEnv(actions)
	default:
		return nil, fmt.Errorf("writing the plan's files: unknown target %q", opts.Target)
	}
	body, err := marshalPlanDoc(planDocOf(p))
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", PlanFile, err)
	}
	out[PlanFile] = body
	out[ChecklistFile] = checklist(actions, findings, bp, opts)
	return out, nil
}

func findingsByHook(findings []finding.Finding) map[string][]finding.Finding {
	byHook := map[string][]finding.Finding{}
	for _, f := range findings {
		byHook[f.Hook] = append(byHook[f.Hook], f)
	}
	return byHook
}

// ActionJSONPath is the Deploy CLI file of an Action.
func ActionJSONPath(a ActionPlan) string { return ActionsDir + "/" + a.FileName + ".json" }

// ActionCodePath is the file holding an Action's code.
func ActionCodePath(a ActionPlan) string { return ActionsDir + "/" + a.FileName + "/code.js" }

// KeywordMarker is the text that stands for a secret's value in an Action
// file: the Deploy CLI replaces @@NAME@@, with the quotes around it, by
// the JSON encoding of the keyword mapping (or environment variable) NAME
// when it imports. So any value survives, quotes, backslashes and line
// breaks included, where ##NAME## would paste it into the JSON or YAML
// as it is.
func KeywordMarker(name string) string { return "@@" + name + "@@" }

// sortedActions orders the Actions by name, then hook, whatever order the
// plan holds them in.
func sortedActions(in []ActionPlan) []ActionPlan {
	out := append([]ActionPlan(nil), in...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Hook < out[j].Hook
	})
	return out
}

// actionFileReason says whether an Action gets Deploy CLI files and, when
// it does not, why, for the checklist. findings are the hook's.
func actionFileReason(a ActionPlan, findings []finding.Finding) (string, bool) {
	if a.TriggerID == "" || a.Version == "" {
		return "the hook's trigger is unknown (its source does not name it and its script does not tell), so no Action file can say which trigger the Action is for", false
	}
	if a.Draft != nil {
		return "", true
	}
	reasons := []struct{ rule, why string }{
		{finding.RuleLoadError, "the hook could not be read whole from its source"},
		{finding.RuleParseError, "the hook's script does not parse as JavaScript"},
		{finding.RuleNoHookFunction, "no exported hook function was found in the script"},
		{finding.RuleInternalError, "the code draft came out broken (an internal error of hooks2actions), so none was written"},
	}
	for _, r := range reasons {
		for _, f := range findings {
			if f.Rule == r.rule {
				return r.why, false
			}
		}
	}
	return "the hook's script could not be read or analysed, so there is no code to draft from", false
}

func checkFileNames(actions []ActionPlan) error {
	seen := map[string]string{}
	for _, a := range actions {
		switch {
		case a.FileName == "", a.FileName == ".", a.FileName == "..", strings.ContainsAny(a.FileName, "/\\\x00"):
			return fmt.Errorf("the Action of hook %q has an unusable file name %q", a.Hook, a.FileName)
		}
		key := strings.ToLower(a.FileName)
		if other, dup := seen[key]; dup {
			return fmt.Errorf("the Actions of hooks %q and %q have one file name, %q", other, a.Hook, a.FileName)
		}
		seen[key] = a.Hook
	}
	return nil
}

// markerPattern is what a keyword may be: the Deploy CLI puts it in a
// regular expression, and secrets.env.example sets it as a variable.
var markerPattern = regexp.MustCompile(`^[A-Z0-9_]+$`)

// checkMarkers makes sure every carried secret has its own marker: two
// secrets sharing one would silently get one value.
func checkMarkers(actions []ActionPlan) error {
	owner := map[string]string{}
	for _, a := range actions {
		for _, s := range a.Secrets {
			if !s.Carried() {
				continue
			}
			if !markerPattern.MatchString(s.Marker) {
				return fmt.Errorf("secret %q of the Action of hook %q has no usable keyword marker (%q)", s.Key, a.Hook, s.Marker)
			}
			who := fmt.Sprintf("secret %q of the Action of hook %q", s.Key, a.Hook)
			if other, dup := owner[s.Marker]; dup {
				return fmt.Errorf("%s and %s would share the keyword marker %s, and so one value; rename one of the hooks or keys", other, who, s.Marker)
			}
			owner[s.Marker] = who
		}
	}
	return nil
}

// deployAction is an Action in the Deploy CLI directory format
// (src/context/directory/handlers/actions.ts), fields in sorted order like
// an export with AUTH0_EXPORT_ORDERED. The import validates it against the
// Actions schema of src/tools/auth0/handlers/actions.ts (name, code and
// supported_triggers required; no other fields than these and status).
// status is left out: it is the build state an export reports, and the
// import strips it before creating the Action.
type deployAction struct {
	// Code is the path of the code file as a Deploy CLI export writes it,
	// relative to the directory being imported.
	Code         string             `json:"code" yaml:"code"`
	Dependencies []deployDependency `json:"dependencies" yaml:"dependencies"`
	// Deployed is true for the Actions the triggers file binds: the
	// import deploys them before it binds them (only a deployed Action
	// can be bound). The others are created undeployed, to be deployed by
	// hand once reviewed.
	Deployed          bool            `json:"deployed" yaml:"deployed"`
	Name              string          `json:"name" yaml:"name"`
	Runtime           string          `json:"runtime" yaml:"runtime"`
	Secrets           []deploySecret  `json:"secrets" yaml:"secrets"`
	SupportedTriggers []deployTrigger `json:"supported_triggers" yaml:"supported_triggers"`
}

type deployDependency struct {
	Name    string `json:"name" yaml:"name"`
	Version string `json:"version" yaml:"version"`
}

// deploySecret is one Action secret. The import passes the secrets to
// POST /actions/actions as they are, so Value is never a placeholder such
// as _VALUE_NOT_SHOWN_ (that would become the secret's value) and never a
// real value: it is the keyword marker the import replaces.
type deploySecret struct {
	Name  string `json:"name" yaml:"name"`
	Value string `json:"value" yaml:"value"`
}

type deployTrigger struct {
	ID      string `json:"id" yaml:"id"`
	Version string `json:"version" yaml:"version"`
}

func deployActionOf(a ActionPlan, bound bool) deployAction {
	d := deployAction{
		Code:              "./" + ActionCodePath(a),
		Deployed:          bound,
		Dependencies:      []deployDependency{},
		Name:              a.Name,
		Runtime:           a.Runtime,
		Secrets:           []deploySecret{},
		SupportedTriggers: []deployTrigger{{ID: a.TriggerID, Version: a.Version}},
	}
	if d.Runtime == "" {
		d.Runtime = Runtime
	}
	for _, dep := range a.Dependencies {
		d.Dependencies = append(d.Dependencies, deployDependency{Name: dep.Name, Version: dep.Version})
	}
	for _, s := range a.Secrets {
		if s.Carried() {
			d.Secrets = append(d.Secrets, deploySecret{Name: s.Key, Value: KeywordMarker(s.Marker)})
		}
	}
	return d
}

// planDoc is plan.json: a stable, versioned schema with snake_case keys in
// sorted order. A field the plan does not know is null.
type planDoc struct {
	Actions     []planDocAction `json:"actions"`
	Findings    []planFinding   `json:"findings"`
	PlanVersion int             `json:"plan_version"`
}

type planDocAction struct {
	Dependencies []planDependency `json:"dependencies"`
	Draft        *planDraft       `json:"draft"`
	FileName     string           `json:"file_name"`
	Handler      *string          `json:"handler"`
	Hook         string           `json:"hook"`
	HookEnabled  bool             `json:"hook_enabled"`
	HookID       *string          `json:"hook_id"`
	HookWhere    planLocation     `json:"hook_where"`
	Name         string           `json:"name"`
	Runtime      string           `json:"runtime"`
	Secrets      []planSecret     `json:"secrets"`
	SecretsKnown bool             `json:"secrets_known"`
	Trigger      *planTrigger     `json:"trigger"`
	// Verdict is null when the draft was not verified.
	Verdict *Verdict `json:"verdict"`
}

type planDependency struct {
	From    []string `json:"from"`
	Name    string   `json:"name"`
	Version string   `json:"version"`
}

// planDraft holds the edits that turn the hook's script into the Action's
// code: byte offsets into the script.
type planDraft struct {
	Edits []planEdit `json:"edits"`
	// Problems say why the code is not usable as it stands (it does not
	// compile, or uses names it never defines); empty when it passed.
	Problems []string `json:"problems"`
}

type planEdit struct {
	End     int    `json:"end"`
	NewText string `json:"new_text"`
	Start   int    `json:"start"`
}

type planSecret struct {
	Key    string       `json:"key"`
	Marker *string      `json:"marker"`
	Status SecretStatus `json:"status"`
}

type planTrigger struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

type planFinding struct {
	Hook          string           `json:"hook"`
	Location      planLocation     `json:"location"`
	LowConfidence bool             `json:"low_confidence,omitempty"`
	Message       string           `json:"message"`
	Rule          string           `json:"rule"`
	Secret        string           `json:"secret,omitempty"`
	Severity      finding.Severity `json:"severity"`
}

// planLocation is a finding.Location; line and column are left out when
// unknown, as in the reports.
type planLocation struct {
	Column int    `json:"column,omitempty"`
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
}

func planDocOf(p *Plan) planDoc {
	doc := planDoc{Actions: []planDocAction{}, Findings: []planFinding{}, PlanVersion: PlanVersion}
	for _, a := range sortedActions(p.Actions) {
		pa := planDocAction{
			Dependencies: []planDependency{},
			FileName:     a.FileName,
			Handler:      nonEmpty(a.Handler),
			Hook:         a.Hook,
			HookEnabled:  a.HookEnabled,
			HookID:       nonEmpty(a.HookID),
			HookWhere:    planLocationOf(a.HookWhere),
			Name:         a.Name,
			Runtime:      a.Runtime,
			Secrets:      []planSecret{},
			SecretsKnown: a.SecretsKnown,
			Verdict:      a.Verdict,
		}
		if a.TriggerID != "" {
			pa.Trigger = &planTrigger{ID: a.TriggerID, Version: a.Version}
		}
		for _, d := range a.Dependencies {
			pa.Dependencies = append(pa.Dependencies, planDependency{From: append([]string{}, d.From...), Name: d.Name, Version: d.Version})
		}
		for _, s := range a.Secrets {
			ps := planSecret{Key: s.Key, Status: s.Status}
			if s.Carried() {
				ps.Marker = nonEmpty(s.Marker)
			}
			pa.Secrets = append(pa.Secrets, ps)
		}
		if a.Draft != nil {
			pa.Draft = &planDraft{Edits: []planEdit{}, Problems: append([]string{}, a.Draft.Problems...)}
			edits := append([]TextEdit(nil), a.Draft.Edits...)
			sortEdits(edits)
			for _, e := range edits {
				pa.Draft.Edits = append(pa.Draft.Edits, planEdit{End: e.End, NewText: e.NewText, Start: e.Start})
			}
		}
		doc.Actions = append(doc.Actions, pa)
	}
	for _, f := range allFindings(p.Findings, nil) {
		doc.Findings = append(doc.Findings, planFinding{Hook: f.Hook, Location: planLocationOf(f.Location),
			LowConfidence: f.LowConfidence, Message: f.Message, Rule: f.Rule, Secret: f.Secret, Severity: f.Severity})
	}
	return doc
}

func planLocationOf(l finding.Location) planLocation {
	return planLocation{Column: l.Column, File: l.File, Line: l.Line}
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// allFindings merges findings, drops exact duplicates and sorts them.
func allFindings(lists ...[]finding.Finding) []finding.Finding {
	type key struct {
		rule, hook, secret, message string
		severity                    finding.Severity
		at                          finding.Location
		low                         bool
	}
	var out []finding.Finding
	seen := map[key]bool{}
	for _, l := range lists {
		for _, f := range l {
			k := key{f.Rule, f.Hook, f.Secret, f.Message, f.Severity, f.Location, f.LowConfidence}
			if !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	finding.Sort(out)
	return out
}

// marshalPlanDoc is marshalJSON(doc), byte for byte, with the Actions
// encoded in parallel: on a large tenant, the plan's one JSON document was
// the longest step left on one core. An element of the actions array sits
// two levels deep, which the prefix of its own encoding reproduces.
func marshalPlanDoc(doc planDoc) ([]byte, error) {
	if len(doc.Actions) == 0 {
		return marshalJSON(doc)
	}
	type encoded struct {
		body []byte
		err  error
	}
	parts := parallel.Map(doc.Actions, func(a planDocAction) encoded {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("    ", "  ")
		err := enc.Encode(a)
		return encoded{bytes.TrimSuffix(b.Bytes(), []byte("\n")), err}
	})
	rest, err := marshalJSON(planDoc{Actions: []planDocAction{}, Findings: doc.Findings, PlanVersion: doc.PlanVersion})
	if err != nil {
		return nil, err
	}
	// rest opens with {"actions": [], ...: the actions go between the brackets.
	head := []byte("{\n  \"actions\": [")
	if !bytes.HasPrefix(rest, head) || !bytes.HasPrefix(rest[len(head):], []byte("],\n")) {
		return marshalJSON(doc)
	}
	var out bytes.Buffer
	out.Write(head)
	for i, part := range parts {
		if part.err != nil {
			return nil, part.err
		}
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteString("\n    ")
		out.Write(part.body)
	}
	out.WriteString("\n  ")
	out.Write(rest[len(head):])
	return out.Bytes(), nil
}

// marshalJSON is 2-space indented JSON with a trailing newline, with <, >
// and & left as they are for people reading the file.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
