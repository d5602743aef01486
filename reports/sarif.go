package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/mdtext"
)

// SARIF renders the report as a SARIF 2.1.0 log for GitHub code scanning
// and other SARIF viewers: one run, one rule per rule id of finding.Rules(),
// one result per finding. Usages are not results: they are facts about a
// hook, not problems.
//
// Like every format it reads the report model, which holds secret key
// names and never a value, so no value can reach a result.
type SARIF struct{}

func init() { register("sarif", func(bool) Renderer { return SARIF{} }) }

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifToolName is fixed rather than taken from Report.Tool: code
	// scanning files alerts under the tool's name.
	sarifToolName       = "hooks2actions"
	sarifInformationURI = "https://github.com/hooks2actions/hooks2actions"
	// sarifSourceRoot is the base of relative paths: the directory the
	// command ran in, which code scanning takes to be the checkout.
	sarifSourceRoot = "%SRCROOT%"
	// fingerprintKey names hooks2actions' own partial fingerprint; the
	// version changes whenever the recipe does (see fingerprints).
	fingerprintKey = "hooks2actions/v1"
)

// The sarif* types are the subset of SARIF 2.1.0 this format writes, in
// the spec's property names, kept apart from the report model like the
// JSON contract's types.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
	// ColumnKind is always utf16CodeUnits: finding.Location columns count
	// UTF-16 code units, as GitHub and editors do. Said explicitly so that
	// no reader has to guess.
	ColumnKind string `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

// sarifMessage is SARIF's message and multiformatMessageString alike.
type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID string `json:"ruleId"`
	// RuleIndex is nil only for a rule id missing from finding.Rules().
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifProperties  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// sarifProperties is a result's property bag: the hook and secret key the
// finding is about, and for a hook whose script has no file of its own
// the position in that script.
type sarifProperties struct {
	Hook          string `json:"hook,omitempty"`
	Secret        string `json:"secret,omitempty"`
	ScriptLine    int    `json:"scriptLine,omitempty"`
	ScriptColumn  int    `json:"scriptColumn,omitempty"`
	LowConfidence bool   `json:"lowConfidence,omitempty"`
}

// Render writes the report as a two-space indented SARIF log ending in a
// newline. Results follow Report.Findings, which is sorted, so the same
// report gives the same bytes.
func (SARIF) Render(w io.Writer, r *Report) error { return encodeJSON(w, toSARIF(r)) }

func toSARIF(r *Report) sarifLog {
	rules := finding.Rules()
	index := make(map[string]int, len(rules))
	driver := sarifDriver{Name: sarifToolName, Version: r.Tool.Version, InformationURI: sarifInformationURI,
		Rules: make([]sarifRule, 0, len(rules))}
	for i, rule := range rules {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   rule.ID,
			ShortDescription:     sarifMessage{Text: rule.Summary},
			FullDescription:      sarifMessage{Text: rule.Help},
			Help:                 sarifMessage{Text: rule.Help, Markdown: mdtext.Text(rule.Help)},
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(rule.Severity)},
		})
	}
	fingerprints := Fingerprints(r.Findings)
	results := make([]sarifResult, 0, len(r.Findings))
	for i, f := range r.Findings {
		res := sarifResult{
			RuleID:              f.Rule,
			Level:               sarifLevel(f.Severity),
			Message:             sarifMessage{Text: f.Message},
			PartialFingerprints: map[string]string{fingerprintKey: fingerprints[i]},
		}
		if ri, ok := index[f.Rule]; ok {
			res.RuleIndex = &ri
		}
		if res.Message.Text == "" {
			// Code scanning rejects a result without message text.
			if rule, ok := finding.LookupRule(f.Rule); ok {
				res.Message.Text = rule.Summary
			} else {
				res.Message.Text = f.Rule
			}
		}
		props := sarifProperties{Hook: f.Hook, Secret: f.Secret, LowConfidence: f.LowConfidence}
		switch loc := f.Location; {
		case loc.File != "":
			res.Locations = []sarifLocation{{PhysicalLocation: physicalLocation(loc)}}
		case f.Hook != "":
			// The script has no file of its own (Management API, snapshot):
			// the hook is the location, and the position is in its script.
			// Code scanning shows only results with a file.
			res.Locations = []sarifLocation{{LogicalLocations: []sarifLogicalLocation{{Name: f.Hook, Kind: "function"}}}}
			props.ScriptLine, props.ScriptColumn = loc.Line, loc.Column
		}
		if props != (sarifProperties{}) {
			res.Properties = &props
		}
		results = append(results, res)
	}
	return sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:       sarifTool{Driver: driver},
			Results:    results,
			ColumnKind: "utf16CodeUnits",
		}},
	}
}

// sarifLevel maps a severity to a SARIF level: the names are the same.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error, finding.Warning, finding.Note:
		return string(s)
	}
	return "warning"
}

// physicalLocation points at a finding's file. Code scanning needs a
// line, so a finding about a whole file (line 0) points at its first line.
func physicalLocation(loc finding.Location) *sarifPhysicalLocation {
	region := sarifRegion{StartLine: 1}
	if loc.Line > 0 {
		region = sarifRegion{StartLine: loc.Line, StartColumn: loc.Column}
	}
	return &sarifPhysicalLocation{ArtifactLocation: artifactLocation(loc.File), Region: region}
}

// artifactLocation turns a path as the user gave it into a URI reference:
// forward slashes, percent-encoded where a URI needs it (a space is %20).
// A relative path stays relative, against %SRCROOT%; an absolute one
// becomes a file: URI.
func artifactLocation(path string) sarifArtifactLocation {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x becomes file:///C:/x
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	// url.URL.String writes "./a:b" for a first segment holding a colon,
	// which would otherwise read as a scheme.
	return sarifArtifactLocation{URI: (&url.URL{Path: p}).String(), URIBaseID: sarifSourceRoot}
}

// Fingerprints returns one fingerprint per finding, in order: what
// identifies the finding across runs, whatever lines move around it, and
// tells it apart from the report's other findings. It is the SARIF
// results' partialFingerprints["hooks2actions/v1"].
//
// The recipe (version 1): the SHA-256 of the fields
//
//	"hooks2actions-finding/v1", rule id, hook name, then
//	"secret" and the secret key, for a finding about a secret, or
//	"message" and the message with every decimal digit removed, otherwise;
//	and, for a finding of no hook, its file as given with forward slashes
//
// each written as its length in bytes in decimal, a colon and its bytes;
// the first 16 bytes of the hash in lower-case hex; then a colon and the
// finding's ordinal among the findings of the report with the same hash
// (1 for the first, in report order). Line and column are never part of
// it: a finding keeps its fingerprint when unrelated lines move, and the
// digits dropped from the message are the ones that could be positions.
// The ordinal tells apart two findings that are otherwise the same (one
// dynamic access written twice); it changes only when a finding of the
// same kind appears before it.
func Fingerprints(findings []finding.Finding) []string {
	out := make([]string, len(findings))
	seen := map[string]int{}
	for i, f := range findings {
		h := fingerprintHash(f)
		seen[h]++
		out[i] = h + ":" + strconv.Itoa(seen[h])
	}
	return out
}

func fingerprintHash(f finding.Finding) string {
	fields := []string{"hooks2actions-finding/v1", f.Rule, f.Hook}
	if f.Secret != "" {
		fields = append(fields, "secret", f.Secret)
	} else {
		fields = append(fields, "message", strings.Map(func(r rune) rune {
			if '0' <= r && r <= '9' {
				return -1
			}
			return r
		}, f.Message))
	}
	if f.Hook == "" {
		fields = append(fields, filepath.ToSlash(f.Location.File))
	}
	h := sha256.New()
	for _, field := range fields {
		fmt.Fprintf(h, "%d:%s", len(field), field)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
