// Package tenant knows where hooks come from and turns each source into the
// same plain Hook values. It knows nothing of analysis, and it never holds a
// secret value: sources that carry values (Deploy CLI exports, Terraform
// state) keep the key names and drop the rest.
package tenant

import "github.com/hooks2actions/hooks2actions/finding"

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
	// SecretExpressions are, for a hook declared in Terraform, the value
	// expression of secrets as written (var.sendgrid_key,
	// aws_iam_access_key.k.secret), never evaluated: configuration that a
	// generated auth0_action can reuse, sorted by key. A secret whose value
	// is or holds literal text is left out, since that text is the secret
	// value itself. nil for the other sources.
	SecretExpressions []SecretExpression
	// Dependencies maps npm package names to versions.
	Dependencies map[string]string
	// Origin says where the hook was read from, for messages and reports.
	Origin Origin
}

// Origin kinds: one per source.
const (
	OriginFile       = "file"
	OriginAPI        = "management-api"
	OriginDeployDir  = "deploy-cli-directory"
	OriginDeployYAML = "deploy-cli-yaml"
	OriginTerraform  = "terraform"
	OriginSnapshot   = "snapshot"
)

// OriginLabel names a kind of source in words, for titles people read
// ("Deploy CLI directory export"); an unknown kind is returned as it is.
func OriginLabel(kind string) string {
	switch kind {
	case OriginFile:
		return "hook scripts"
	case OriginAPI:
		return "the Management API"
	case OriginDeployDir:
		return "a Deploy CLI directory export"
	case OriginDeployYAML:
		return "a Deploy CLI YAML export"
	case OriginTerraform:
		return "a Terraform module"
	case OriginSnapshot:
		return "a snapshot"
	}
	return kind
}

// Origin locates a hook in its source.
type Origin struct {
	// Kind is one of the Origin* constants.
	Kind string
	// File is the file that holds the script, as the user gave it (a .js
	// file, or the .tf file of a heredoc): the positions of secret usages
	// are positions in this file. "" when the script has no file of its
	// own (the Management API, a snapshot, an escaped string in a .tf).
	File string
	// ScriptLine is the line of File on which the script's first line
	// sits: 1 for a script file, the line after <<EOF for a heredoc.
	// 0 when File is "".
	ScriptLine int
	// ScriptIndent is how many columns every line of the script stands
	// right of where the script has it in File: the indentation a <<-
	// heredoc strips. 0 for most scripts.
	ScriptIndent int
	// Declared is where the hook itself is declared: the Deploy CLI .json,
	// the entry in tenant.yaml, the resource block in a .tf file, the
	// entry of a snapshot. Zero for a bare script file.
	Declared finding.Location
	// HookID is the Management API id the source refers to, if any.
	HookID string
	// SecretsDeclared say where each secret key is declared, when the
	// source says: its key in a Terraform secrets map, a Deploy CLI .json
	// or a tenant.yaml entry. nil otherwise.
	SecretsDeclared []SecretDeclared
}

// SecretDeclared is where one secret key is declared: the key, never its value.
type SecretDeclared struct {
	Key string
	At  finding.Location
}

// SecretWhere is the best place to point a person at for one secret key:
// where the key is declared, else the hook as a whole.
func (o Origin) SecretWhere(key string) finding.Location {
	for _, s := range o.SecretsDeclared {
		if s.Key == key {
			return s.At
		}
	}
	return o.Where()
}

// Where is the best place to point a person at for the hook as a whole.
func (o Origin) Where() finding.Location {
	if o.Declared.File != "" {
		return o.Declared
	}
	return finding.Location{File: o.File}
}

// SecretExpression is the Terraform expression that gives a hook secret
// its value: a reference, never a literal value.
type SecretExpression struct {
	Key        string
	Expression string
}

// SecretExpression returns the expression of the secret key, or "".
func (h Hook) SecretExpression(key string) string {
	for _, e := range h.SecretExpressions {
		if e.Key == key {
			return e.Expression
		}
	}
	return ""
}
