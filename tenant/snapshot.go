package tenant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/internal/jsontext"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// SnapshotKind marks a hooks2actions snapshot file, so that detection
// never mistakes another JSON file for one.
const SnapshotKind = "hooks2actions-snapshot"

// SnapshotVersion is the snapshot schema this build writes and reads.
// Within a version fields are only added, so older readers still work.
const SnapshotVersion = 1

// Snapshot is what `fetch` saved of a tenant's hooks: everything the API
// returned except secret values, which it never returns. Now that Hooks
// are past end of life the API may stop serving them; a snapshot keeps
// the audit possible.
type Snapshot struct {
	Kind      string         `json:"kind"`
	Version   int            `json:"snapshot_version"`
	Tenant    string         `json:"tenant"`
	FetchedAt time.Time      `json:"fetched_at"`
	Tool      string         `json:"tool,omitempty"`
	Hooks     []SnapshotHook `json:"hooks"`
	// Problems are what the fetch could not read, kept so that an audit of
	// the snapshot still reports them.
	Problems []SnapshotProblem `json:"problems"`
	// ActionTriggerVersions are the CURRENT Action trigger versions the
	// tenant reported, when it did.
	ActionTriggerVersions map[string]string `json:"action_trigger_versions,omitempty"`
	// Bindings are the Actions bound to each trigger, in the order they
	// run, for the triggers whose bindings the fetch could read; left out
	// when it could read none.
	Bindings map[string][]SnapshotBinding `json:"bindings,omitempty"`
}

// SnapshotBinding is one Action bound to a trigger.
type SnapshotBinding struct {
	ActionID    string `json:"action_id,omitempty"`
	ActionName  string `json:"action_name"`
	DisplayName string `json:"display_name,omitempty"`
}

// SnapshotProblem is a problem met while fetching one hook.
type SnapshotProblem struct {
	Hook     string           `json:"hook,omitempty"`
	Message  string           `json:"message"`
	Severity finding.Severity `json:"severity,omitempty"`
}

// SnapshotHook is one hook of a snapshot, in the API's own field names.
type SnapshotHook struct {
	ID           string            `json:"id,omitempty"`
	Name         string            `json:"name"`
	TriggerID    string            `json:"triggerId"`
	Enabled      bool              `json:"enabled"`
	Script       string            `json:"script"`
	Dependencies map[string]string `json:"dependencies"`
	// SecretKeys are the names of the hook's secrets; null when the fetch
	// could not read them.
	SecretKeys []string `json:"secret_keys"`
}

// NewSnapshot takes the hooks of an inventory, sorted by name, and its
// problems. Hooks whose script could not be fetched are left out: a
// snapshot holds what the API returned, and its problems say what it did not.
func NewSnapshot(inv *Inventory, fetchedAt time.Time, tool string) *Snapshot {
	s := &Snapshot{Kind: SnapshotKind, Version: SnapshotVersion, Tenant: inv.Tenant,
		FetchedAt: fetchedAt.UTC(), Tool: tool, Hooks: []SnapshotHook{}, Problems: []SnapshotProblem{},
		ActionTriggerVersions: inv.ActionTriggerVersions}
	for _, p := range inv.Problems {
		s.Problems = append(s.Problems, SnapshotProblem{Hook: p.Hook, Message: p.Message, Severity: p.Severity})
	}
	if inv.Bindings != nil {
		s.Bindings = map[string][]SnapshotBinding{}
		for id, list := range inv.Bindings {
			s.Bindings[id] = []SnapshotBinding{}
			for _, b := range list {
				s.Bindings[id] = append(s.Bindings[id], SnapshotBinding{ActionID: b.ActionID, ActionName: b.ActionName, DisplayName: b.DisplayName})
			}
		}
	}
	for _, h := range inv.Hooks {
		if h.Script == nil {
			continue
		}
		deps := h.Dependencies
		if deps == nil {
			deps = map[string]string{}
		}
		s.Hooks = append(s.Hooks, SnapshotHook{ID: h.ID, Name: h.Name, TriggerID: h.TriggerID,
			Enabled: h.Enabled, Script: string(h.Script), Dependencies: deps, SecretKeys: h.SecretKeys})
	}
	sort.Slice(s.Hooks, func(i, j int) bool { return s.Hooks[i].Name < s.Hooks[j].Name })
	return s
}

// Encode writes the snapshot as indented JSON ending with a newline.
func (s *Snapshot) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// IsSnapshot reports whether the file at path is a hooks2actions snapshot:
// a JSON object whose top-level "kind" is SnapshotKind, wherever the key
// stands (jq -S moves it after the hooks). The values before it are read
// as tokens and dropped.
func IsSnapshot(path string) bool {
	f, _, err := inputfile.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(io.LimitReader(f, inputfile.MaxCollection))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		if key == "kind" {
			kind, err := dec.Token()
			return err == nil && kind == SnapshotKind
		}
		if !skipJSONValue(dec) {
			return false
		}
	}
	return false
}

// skipJSONValue reads one value as tokens, without building it.
func skipJSONValue(dec *json.Decoder) bool {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return true
		}
	}
}

// snapshotEntries is a snapshot as first read: each hook and problem is
// kept raw and decoded on its own, so that one malformed entry fails only
// itself.
type snapshotEntries struct {
	Kind                  string                       `json:"kind"`
	Version               int                          `json:"snapshot_version"`
	Tenant                string                       `json:"tenant"`
	FetchedAt             time.Time                    `json:"fetched_at"`
	Hooks                 []json.RawMessage            `json:"hooks"`
	Problems              []json.RawMessage            `json:"problems"`
	ActionTriggerVersions map[string]string            `json:"action_trigger_versions,omitempty"`
	Bindings              map[string][]SnapshotBinding `json:"bindings,omitempty"`
}

// LoadSnapshot reads a snapshot back as an inventory. Each hook's Declared
// location is the line of its entry in the file. A hook or problem entry
// that cannot be read is a problem of its own; the rest still loads.
func LoadSnapshot(path string) (*Inventory, error) {
	data, err := inputfile.Read(path, inputfile.MaxCollection)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, bareError(err))
	}
	var s snapshotEntries
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("reading %s: %s", path, jsonErrorText(data, err))
	}
	switch {
	case s.Kind != SnapshotKind:
		return nil, fmt.Errorf("reading %s: not a hooks2actions snapshot (no \"kind\": %q)", path, SnapshotKind)
	case s.Version < 1 || s.Version > SnapshotVersion:
		return nil, fmt.Errorf("reading %s: snapshot version %d is not supported by this build (it reads version %d; upgrade hooks2actions)",
			path, s.Version, SnapshotVersion)
	}
	for _, d := range jsonDuplicates(data) {
		if d.depth == 0 {
			line, col := newLineIndex(data).position(d.off)
			return nil, fmt.Errorf("reading %s: line %d, column %d: key %q is given twice", path, line, col, d.key)
		}
	}
	lines := hookEntryLines(data)
	inv := &Inventory{Source: OriginSnapshot, Tenant: s.Tenant, Path: path, ActionTriggerVersions: s.ActionTriggerVersions}
	if s.Bindings != nil {
		inv.Bindings = map[string][]trigger.Binding{}
		for id, list := range s.Bindings {
			inv.Bindings[id] = []trigger.Binding{}
			for _, b := range list {
				inv.Bindings[id] = append(inv.Bindings[id], trigger.Binding{ActionID: b.ActionID, ActionName: b.ActionName, DisplayName: b.DisplayName})
			}
		}
	}
	for i, raw := range s.Hooks {
		at := finding.Location{File: path, Line: lineAt(lines, i)}
		sh, err := decodeSnapshotEntry[SnapshotHook](raw)
		if err != nil {
			inv.Problems = append(inv.Problems, Problem{Hook: entryName(raw), Location: at,
				Message: "the hook's entry cannot be read, the hook is left out: " + err.Error()})
			continue
		}
		inv.Hooks = append(inv.Hooks, snapshotHook(sh, path, at.Line))
		if err := CheckTrigger(sh.TriggerID); err != nil {
			inv.Problems = append(inv.Problems, Problem{Hook: sh.Name, Location: at, Message: err.Error()})
		}
	}
	for _, raw := range s.Problems {
		inv.Problems = append(inv.Problems, snapshotProblem(raw, path))
	}
	inv.FetchedAt = s.FetchedAt
	inv.DropDuplicateNames()
	return inv, nil
}

// decodeSnapshotEntry decodes one entry; a key given twice is an error.
func decodeSnapshotEntry[T any](raw json.RawMessage) (T, error) {
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, errors.New(jsontext.Problem(err))
	}
	if dups := jsonDuplicates(raw); len(dups) > 0 {
		return v, fmt.Errorf("key %q is given twice", dups[0].key)
	}
	return v, nil
}

// entryName is the name of a hook entry that cannot be read whole, when
// it has one.
func entryName(raw json.RawMessage) string {
	var named struct {
		Name any `json:"name"`
	}
	if json.Unmarshal(raw, &named) == nil {
		if s, ok := named.Name.(string); ok {
			return s
		}
	}
	return ""
}

// snapshotProblem reads back a problem the fetch met. Its severity is
// checked: one the build does not know counts as an error, and says so.
func snapshotProblem(raw json.RawMessage, path string) Problem {
	p, err := decodeSnapshotEntry[struct {
		Hook     string `json:"hook"`
		Message  string `json:"message"`
		Severity string `json:"severity"`
	}](raw)
	at := finding.Location{File: path}
	if err != nil {
		return Problem{Location: at, Message: "a problem entry of the snapshot cannot be read: " + err.Error()}
	}
	msg := "when the snapshot was fetched: " + p.Message
	severity, err := finding.ParseSeverity(p.Severity)
	if p.Severity != "" && err != nil {
		msg += " (its severity is not error, warning or note: taken as an error)"
	}
	return Problem{Hook: p.Hook, Location: at, Message: msg, Severity: severity}
}

func snapshotHook(sh SnapshotHook, path string, line int) Hook {
	h := Hook{ID: sh.ID, Name: sh.Name, TriggerID: sh.TriggerID, Enabled: sh.Enabled,
		Script: []byte(sh.Script), Dependencies: sh.Dependencies, SecretKeys: sh.SecretKeys,
		Origin: Origin{Kind: OriginSnapshot, HookID: sh.ID, Declared: finding.Location{File: path, Line: line}}}
	if h.SecretKeys != nil {
		sort.Strings(h.SecretKeys)
	}
	if err := CheckTrigger(sh.TriggerID); err != nil {
		h.TriggerID = ""
	}
	return h
}

func lineAt(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// hookEntryLines returns the line on which each element of the top-level
// "hooks" array starts, for messages that point into the snapshot.
func hookEntryLines(data []byte) []int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		if key != "hooks" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return nil
		}
		var lines []int
		for dec.More() {
			start := int(dec.InputOffset())
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return lines
			}
			lines = append(lines, lineOf(data, start+firstNonSpace(data[start:])))
		}
		return lines
	}
	return nil
}

func firstNonSpace(b []byte) int {
	for i, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' {
			return i
		}
	}
	return 0
}

// lineOf is the 1-based line of a byte offset.
func lineOf(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// jsonErrorText places a decoding error: a syntax error at the offending
// character, a type error at the end of the value that has the wrong type.
func jsonErrorText(data []byte, err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		line, col := newLineIndex(data).position(int(typeErr.Offset) - 1)
		return fmt.Sprintf("line %d, column %d: %s", line, col, jsontext.Problem(typeErr))
	}
	if syntax := checkJSONSyntax(data); syntax != nil {
		return syntax.Error()
	}
	return err.Error()
}
