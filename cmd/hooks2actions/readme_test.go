package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// The README's tables are written by hand; this keeps them in step with
// the code they describe.
func TestREADMEIsInSync(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	var want []string
	for _, r := range finding.Rules() {
		want = append(want, "| `"+r.ID+"` | "+string(r.Severity)+" | "+r.Summary+" |")
	}
	kinds := []analyzer.UsageKind{
		analyzer.KindMember, analyzer.KindBracket, analyzer.KindDestructure, analyzer.KindAlias,
		analyzer.KindHelper, analyzer.KindInCheck, analyzer.KindText,
	}
	for _, k := range kinds {
		want = append(want, "| `"+string(k)+"` | ")
	}
	for _, id := range trigger.IDs() {
		want = append(want, "`"+id+"`")
	}
	for _, f := range reports.Formats() {
		want = append(want, "`"+f+"`")
	}
	want = append(want,
		"go run ./cmd/hooks2actions analyze testdata/tenant/deploy-directory\ngo test ./...\n",
		`"schema_version": 1`,
	)
	for _, w := range want {
		if !strings.Contains(readme, w) {
			t.Errorf("README.md lacks %q", w)
		}
	}
}
