package apply

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/hooks2actions/hooks2actions/internal/jsontext"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// RecordKind and RecordVersion identify an apply log.
const (
	RecordKind    = "hooks2actions-apply-log"
	RecordVersion = 1
)

// Record is the apply log (--log): every change made, with ids, and each
// trigger's bindings before and after, for a person to audit and for
// --undo. It holds secret names, never a value. Its methods do nothing on
// a nil Record.
type Record struct {
	mu       sync.Mutex
	Kind     string          `json:"kind"`
	Version  int             `json:"version"`
	Tenant   string          `json:"tenant"`
	Started  time.Time       `json:"started"`
	Finished time.Time       `json:"finished"`
	Actions  []*ActionRecord `json:"actions"`
	Triggers []TriggerRecord `json:"triggers"`
	// HooksDisabled are the hooks this apply disabled; --undo enables
	// them again.
	HooksDisabled []HookRecord `json:"hooks_disabled"`
	Notes         []string     `json:"notes"`
	// Error is why the apply stopped; "" when it finished.
	Error string `json:"error"`
}

// ActionRecord is what was done to one Action.
type ActionRecord struct {
	Hook     string `json:"hook"`
	HookID   string `json:"hook_id"`
	Action   string `json:"action"`
	ActionID string `json:"action_id"`
	// Steps are the steps done, in order.
	Steps []Step `json:"steps"`
	// Secrets are the names of the secrets set.
	Secrets []string `json:"secrets"`
	// mu is the Record's: a signal may encode the log while the run
	// records a step.
	mu *sync.Mutex
}

// TriggerRecord is one trigger's bindings around the apply's change.
type TriggerRecord struct {
	TriggerID string          `json:"trigger_id"`
	Before    []BindingRecord `json:"before"`
	After     []BindingRecord `json:"after"`
}

// BindingRecord is one binding of a trigger.
type BindingRecord struct {
	ActionID    string `json:"action_id"`
	ActionName  string `json:"action_name"`
	DisplayName string `json:"display_name"`
}

// HookRecord is a hook the apply disabled.
type HookRecord struct {
	Hook   string `json:"hook"`
	HookID string `json:"hook_id"`
}

// NewRecord starts a record of an apply to tenant.
func NewRecord(tenant string, now time.Time) *Record {
	return &Record{Kind: RecordKind, Version: RecordVersion, Tenant: tenant, Started: now.UTC(),
		Actions: []*ActionRecord{}, Triggers: []TriggerRecord{}, HooksDisabled: []HookRecord{}, Notes: []string{}}
}

// Encode writes the record as indented JSON.
func (r *Record) Encode(finished time.Time) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Finished = finished.UTC()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DecodeRecord reads an apply log, for --undo.
func DecodeRecord(data []byte) (*Record, error) {
	var r Record
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not an apply log: %s", jsontext.Problem(err))
	}
	if r.Kind != RecordKind {
		return nil, fmt.Errorf("not an apply log: kind is %q, want %q", r.Kind, RecordKind)
	}
	if r.Version != RecordVersion {
		return nil, fmt.Errorf("apply log version %d is not supported (want %d)", r.Version, RecordVersion)
	}
	return &r, nil
}

// action returns the record of one Action's change, new on first use.
// A nil Record hands out throwaway records.
func (r *Record) action(c *ActionChange) *ActionRecord {
	a := &ActionRecord{Hook: c.Plan.Hook, HookID: c.Plan.HookID, Action: c.Plan.Name, ActionID: c.ActionID, Steps: []Step{}, Secrets: []string{}}
	if c.Has(StepSetSecrets) {
		a.Secrets = secretNames(c.Plan)
	}
	if r == nil {
		return a
	}
	a.mu = &r.mu
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Actions = append(r.Actions, a)
	return a
}

// created records the id of the Action just created.
func (a *ActionRecord) created(id string) {
	a.lock()
	defer a.unlock()
	a.ActionID = id
}

func (a *ActionRecord) done(s Step) {
	a.lock()
	defer a.unlock()
	a.Steps = append(a.Steps, s)
}

func (a *ActionRecord) lock() {
	if a.mu != nil {
		a.mu.Lock()
	}
}

func (a *ActionRecord) unlock() {
	if a.mu != nil {
		a.mu.Unlock()
	}
}

func (r *Record) binding(triggerID string, before, after []trigger.Binding) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Triggers = append(r.Triggers, TriggerRecord{TriggerID: triggerID, Before: bindingRecords(before), After: bindingRecords(after)})
}

func (r *Record) hookDisabled(hook, id string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.HooksDisabled = append(r.HooksDisabled, HookRecord{Hook: hook, HookID: id})
}

func (r *Record) note(s string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Notes = append(r.Notes, s)
}

// Interrupted records that the run was stopped by a signal, unless it
// had already stopped on an error.
func (r *Record) Interrupted() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.Error == "" {
		r.Error = "interrupted: what is listed here was done; run the apply again to continue"
	}
}

func (r *Record) fail(err error) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Error = err.Error()
}

func bindingRecords(bs []trigger.Binding) []BindingRecord {
	out := make([]BindingRecord, len(bs))
	for i, b := range bs {
		out[i] = BindingRecord{ActionID: b.ActionID, ActionName: b.ActionName, DisplayName: b.DisplayName}
	}
	return out
}
