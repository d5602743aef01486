package main

import (
	"encoding/json"
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

// TestREADMEUsageAndFields: the Usage block names every command, the
// --format row every format, and the JSON field table every field of a
// hook the schema declares.
func TestREADMEUsageAndFields(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	_, usage, _ := strings.Cut(readme, "## Usage\n\n```\n")
	usage, _, _ = strings.Cut(usage, "```")
	for _, c := range commands {
		if !strings.Contains(usage, programName+" "+c.name+" ") {
			t.Errorf("README's Usage block lacks the %s command", c.name)
		}
	}
	formatRow := ""
	for _, line := range strings.Split(readme, "\n") {
		if strings.HasPrefix(line, "| `-f`, `--format FORMAT`") {
			formatRow = line
		}
	}
	for _, f := range reports.Formats() {
		if !strings.Contains(formatRow, "`"+f+"`") {
			t.Errorf("README's --format row lacks %s: %q", f, formatRow)
		}
	}
	var schema struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "reports", "schema", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for name := range schema.Properties {
		fields = append(fields, "| `"+name)
	}
	for name := range schema.Defs["hook"].Properties {
		fields = append(fields, "| `hooks[]."+name)
	}
	for name := range schema.Defs["secrets"].Properties {
		fields = append(fields, "| `hooks[].secrets."+name+"`")
	}
	if len(fields) < 20 {
		t.Fatalf("read only %d fields from the schema", len(fields))
	}
	for _, f := range fields {
		if !strings.Contains(readme, f) {
			t.Errorf("README's JSON field table lacks %s", f)
		}
	}
}

// TestREADMEFlagTables: every flag of the commands that read hooks has a
// row in one of the README's flag tables (a flag added to a command but
// only to its --help is easy to miss: migrate's --no-verify was).
func TestREADMEFlagTables(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "| `-") {
			first, _, _ := strings.Cut(line[1:], " |")
			rows = append(rows, first)
		}
	}
	for _, name := range []string{"analyze", "check", "migrate", "verify"} {
		c, _ := lookupCommand(name)
		usage := c.usage()
		_, flags, _ := strings.Cut(usage, "\nFlags:\n")
		for _, line := range strings.Split(flags, "\n") {
			fields := strings.Fields(line)
			if len(fields) == 0 || !strings.HasPrefix(fields[0], "-") {
				continue // a description's continuation
			}
			f := fields[0]
			if len(fields) > 1 && strings.HasSuffix(f, ",") {
				f = fields[1] // "-o, --output FILE"
			}
			found := false
			for _, r := range rows {
				found = found || strings.Contains(r+" ", "`"+f+" ") || strings.Contains(r, "`"+f+"`")
			}
			if !found {
				t.Errorf("README has no flag table row for %s %s", name, f)
			}
		}
	}
}

// TestExitCodesAgreeWithREADME: each command the README's exit-code table
// names for a code is named for that code in the help's table too (apply
// has a table of its own in its help).
func TestExitCodesAgreeWithREADME(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // code -> its text in the help
	code := ""
	for _, line := range strings.Split(exitCodes, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 0 && f[0] != "" && f[0][0] >= '0' && f[0][0] <= '9' {
			code = strings.TrimSuffix(f[0], ",")
		}
		rows[code] += " " + line
	}
	checked := 0
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "| `") || len(line) < 4 || line[3] < '0' || line[3] > '9' {
			continue
		}
		c, _, _ := strings.Cut(line[3:], "`")
		for _, cmd := range commands {
			if cmd.name != "apply" && strings.Contains(line, "`"+cmd.name+"`") {
				checked++
				if !strings.Contains(rows[c], cmd.name) {
					t.Errorf("README says what %s's exit code %s means; the help's table does not:\n%s", cmd.name, c, rows[c])
				}
			}
		}
	}
	if checked < 4 {
		t.Fatalf("read %d command mentions from the README's exit-code table", checked)
	}
}
