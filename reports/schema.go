package reports

import _ "embed"

// JSONSchema is the JSON Schema (draft 2020-12) of the JSON report of
// schema version SchemaVersion, for readers that validate what they read.
// The tests validate every JSON report they make against it.
//
//go:embed schema/report.schema.json
var JSONSchema []byte
