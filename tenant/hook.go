// Package tenant knows where hooks come from and turns each source into the
// same plain Hook values. It knows nothing of analysis, and it never holds a
// secret value: sources that carry values (Deploy CLI exports, Terraform
// state) keep the key names and drop the rest.
package tenant

// Hook is one Auth0 Hook as every source describes it. Fields a source does
// not know are left at their zero value; SecretKeys tells "unknown" (nil)
// from "none" (empty).
type Hook struct {
	// ID is the Management API id; "" when the source does not carry one.
	ID string
	// Name is unique within a tenant, so reports key hooks by it.
	Name string
	// TriggerID is the Hook extensibility point; "" when the source does
	// not say and the analyzer has to infer it from the signature.
	TriggerID string
	// Enabled is false when the source does not say.
	Enabled bool
	// Script is the hook's JavaScript source, byte for byte.
	Script []byte
	// SecretKeys are the names of the secrets defined on the hook, sorted;
	// nil when the source cannot tell. Never a value.
	SecretKeys []string
	// Dependencies maps npm package names to versions.
	Dependencies map[string]string
	// Origin says where the hook was read from, for messages and reports.
	Origin Origin
}

// Origin kinds. Each source has its own; only single script files exist so far.
const (
	OriginFile = "file"
)

// Origin locates a hook in its source.
type Origin struct {
	// Kind is one of the Origin* constants.
	Kind string
	// File is the path of the file the hook (or its script) came from, as
	// the user gave it; "" for sources that are not files.
	File string
	// Line is where the hook is declared in File when one file declares
	// several hooks (a YAML export, a Terraform module); 0 otherwise.
	Line int
	// HookID is the Management API id the source refers to, if any.
	HookID string
}
