// Package finding holds what every stage of hooks2actions reports: findings
// with a stable rule id, a severity and a location, and the table of rules.
package finding

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Severity orders findings for the CI gate: error > warning > note.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Note    Severity = "note"
)

// Rank is higher for more severe findings.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Note:
		return 1
	}
	return 0
}

// ParseSeverity accepts error, warning or note.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case Error, Warning, Note:
		return Severity(s), nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}

// Location is a 1-based line and column in a hook's file. Columns count
// UTF-16 code units, as editors and SARIF viewers do.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func (l Location) String() string {
	switch {
	case l.Line == 0:
		return l.File
	case l.Column == 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

// UTF16Len counts the UTF-16 code units of b, the unit Location columns
// are in (editors and SARIF count so). Invalid bytes count one each.
func UTF16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// Finding is one thing worth a person's attention about one hook. It never
// carries a secret value: Secret is a key name.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Hook     string   `json:"hook"`
	Secret   string   `json:"secret,omitempty"`
	Message  string   `json:"message"`
	Location Location `json:"location"`
	// LowConfidence marks findings recovered from a script that did not parse.
	LowConfidence bool `json:"low_confidence,omitempty"`
}

// Sort orders findings by hook, file position, rule and secret, so that
// reports diff cleanly between runs.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Hook != b.Hook {
			return a.Hook < b.Hook
		}
		if a.Location.File != b.Location.File {
			return a.Location.File < b.Location.File
		}
		if a.Location.Line != b.Location.Line {
			return a.Location.Line < b.Location.Line
		}
		if a.Location.Column != b.Location.Column {
			return a.Location.Column < b.Location.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Secret < b.Secret
	})
}
