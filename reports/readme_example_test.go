package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEJSONExampleIsValid: the README's example of the JSON report is
// a report the schema accepts, so that it cannot drift from the contract
// it illustrates.
func TestREADMEJSONExampleIsValid(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "### JSON report")
	if !ok {
		t.Fatal("README has no JSON report section")
	}
	_, example, ok := strings.Cut(section, "```json\n")
	if !ok {
		t.Fatal("the JSON report section has no ```json example")
	}
	example, _, _ = strings.Cut(example, "```")
	validateReport(t, compileReportSchema(t), []byte(example))
}
