package migrate

// VerdictStatus is the outcome of running a hook and its drafted Action
// side by side.
type VerdictStatus string

const (
	// VerdictEquivalent: on every input and scenario, both did the same.
	VerdictEquivalent VerdictStatus = "equivalent"
	// VerdictDiffers: on at least one input, they did not.
	VerdictDiffers VerdictStatus = "differs"
	// VerdictNotVerified: they could not both be run (a module without a
	// fake, a time budget spent...); Reason says why.
	VerdictNotVerified VerdictStatus = "not-verified"
)

// Verdict is what verifying one draft showed. The verify package computes
// it; the plan carries it so that plan.json, MIGRATION.md, the reports and
// apply all read the same value.
// Its JSON form is the same in the JSON report and in plan.json.
type Verdict struct {
	Status VerdictStatus `json:"status"`
	// Reason says why a draft was not verified.
	Reason string `json:"reason,omitempty"`
	// Difference is the first difference seen, for VerdictDiffers.
	Difference *Difference `json:"difference,omitempty"`
	// Runs is how many input and scenario pairs were compared.
	Runs int `json:"runs"`
}

// Difference is one input on which the hook and the Action did not do the
// same, described for a person: never a secret value (verification only
// ever uses placeholders).
type Difference struct {
	// Input names the synthetic input and the scenario of the faked modules.
	Input string `json:"input"`
	// Hook and Action say what each side did.
	Hook   string `json:"hook"`
	Action string `json:"action"`
}

// String is the verdict in a few words, for a summary line or a table.
func (v *Verdict) String() string {
	if v == nil {
		return "not run"
	}
	if v.Status == VerdictNotVerified {
		return string(v.Status) + " (" + v.Reason + ")"
	}
	return string(v.Status)
}
