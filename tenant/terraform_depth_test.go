package tenant

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTerraformNestingBounded: files nested far past what the HCL parser
// can take on the Go stack (~100,000 levels overflow it and kill the
// process) give a problem where the limit was passed and a problem per
// hook they declare; the other files of the module still load.
func TestTerraformNestingBounded(t *testing.T) {
	const n = 100_000
	cases := map[string]string{
		"brackets":       strings.Repeat("[", n) + strings.Repeat("]", n),
		"parens":         strings.Repeat("(", n) + "1" + strings.Repeat(")", n),
		"objects":        strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n),
		"not":            strings.Repeat("!", n) + "true",
		"negation":       strings.Repeat("-", n) + "1",
		"conditionals":   strings.Repeat("a ? b : ", n) + "c",
		"interpolations": strings.Repeat(`"${`, n) + "1" + strings.Repeat(`}"`, n),
		"heredoc":        "<<EOT\n" + strings.Repeat("${", n) + "1" + strings.Repeat("}", n) + "\nEOT\n",
		"sum":            strings.Repeat("1 + ", 2*maxHCLChain) + "1",
	}
	for name, expr := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			deep := "# too deep\nresource \"auth0_hook\" \"deep\" {\n  name = \"deep\"\n  trigger_id = \"credentials-exchange\"\n  script = " + expr + "\n}\n"
			write(t, filepath.Join(dir, "deep.tf"), deep)
			write(t, filepath.Join(dir, "ok.tf"), "resource \"auth0_hook\" \"ok\" {\n  name = \"ok\"\n  trigger_id = \"credentials-exchange\"\n  script = \"module.exports = function () {}\"\n}\n")
			inv, err := LoadTerraform(dir, TerraformOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(inv.Hooks) != 1 || inv.Hooks[0].Name != "ok" {
				t.Errorf("hooks = %+v, want ok only", inv.Hooks)
			}
			if len(inv.Problems) != 2 {
				t.Fatalf("problems:\n%s", problemsText(inv))
			}
			limit, unread := inv.Problems[0], inv.Problems[1]
			if limit.Location.Line < 5 || !strings.Contains(limit.Message, "nests deeper than 1000 levels, or chains more than 100000 operators") {
				t.Errorf("limit problem = %v", limit)
			}
			if unread.Hook != "deep" || unread.Location.Line != 2 || !strings.Contains(unread.Message, "is not read") {
				t.Errorf("unread problem = %v", unread)
			}
		})
	}
}

func TestTerraformNestingWithinLimitParses(t *testing.T) {
	dir := t.TempDir()
	src := "resource \"auth0_hook\" \"ok\" {\n  name = \"ok\"\n  trigger_id = \"credentials-exchange\"\n" +
		"  dependencies = { a = \"1\" }\n  script = <<-EOT\n    module.exports = function () { return `$${x}`; } // $${not} %%{this}\n  EOT\n" +
		"  enabled = " + strings.Repeat("(", 400) + "!false" + strings.Repeat(")", 400) + "\n}\n" +
		strings.Repeat("locals {\n  x = [\"a-b\", -1, 2 - 3, a ? b : c]\n}\n", 2000)
	write(t, filepath.Join(dir, "main.tf"), src)
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 1 || !inv.Hooks[0].Enabled || len(inv.Problems) != 0 {
		t.Errorf("hooks = %+v\nproblems:\n%s", inv.Hooks, problemsText(inv))
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
