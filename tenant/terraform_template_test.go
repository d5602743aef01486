package tenant

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A script given by templatefile() is the template file rendered as far
// as it is static: its escapes decoded, its interpolations and directives
// kept as written and reported at their place in the template, and its
// variables never evaluated, since they may be secret values written out.
func TestLoadTerraformTemplatefile(t *testing.T) {
	const hook = `resource "auth0_hook" "h" {
  name       = "h"
  trigger_id = "pre-user-registration"
  script     = %s
}
`
	tests := []struct {
		name, script, template string
		want                   string // the script read; "" for none
		problem                string // "" for none
	}{
		{
			name:     "static template",
			script:   `templatefile("${path.module}/hook.js.tpl", { api_key = "sk_live_0123456789" })`,
			template: "module.exports = function (user, context, cb) {\n  cb(null, { user: { app_metadata: { k: context.webtask.secrets.K } } });\n};\n",
			want:     "module.exports = function (user, context, cb) {\n  cb(null, { user: { app_metadata: { k: context.webtask.secrets.K } } });\n};\n",
		},
		{
			name:     "escapes decoded",
			script:   `templatefile("hook.js.tpl", {})`,
			template: "module.exports = (u, c, cb) => cb(null, `$${u.email} 100%%{x}`);\n",
			want:     "module.exports = (u, c, cb) => cb(null, `${u.email} 100%{x}`);\n",
		},
		{
			name:     "interpolation kept",
			script:   `templatefile("hook.js.tpl", { url = var.url })`,
			template: "module.exports = function (user, context, cb) {\n  const url = '${url}';\n  cb();\n};\n",
			want:     "module.exports = function (user, context, cb) {\n  const url = '${url}';\n  cb();\n};\n",
			problem:  "hook.js.tpl:2:16: script template interpolates ${url}, which cannot be evaluated statically; kept as written",
		},
		{
			name:     "directive kept",
			script:   `templatefile("hook.js.tpl", { debug = true })`,
			template: "module.exports = function (user, context, cb) {\n  %{ if debug }console.log(user);%{ endif }\n  cb();\n};\n",
			want:     "module.exports = function (user, context, cb) {\n  %{ if debug }console.log(user);%{ endif }\n  cb();\n};\n",
			problem:  "hook.js.tpl:2:3: script template interpolates %{ if debug }…, which cannot be evaluated statically; kept as written",
		},
		{
			// The code a directive holds, and a string an interpolation
			// holds, may hard-code a credential: neither is quoted.
			name:     "code and strings not quoted",
			script:   `templatefile("hook.js.tpl", { prod = var.prod })`,
			template: "module.exports = function (user, context, cb) {\n  %{ if prod }const k = 'sk_live_0123456789';%{ endif }\n  const t = '${prod ? \"sk_live_0123456789\" : \"\"}';\n  cb();\n};\n",
			want:     "module.exports = function (user, context, cb) {\n  %{ if prod }const k = 'sk_live_0123456789';%{ endif }\n  const t = '${prod ? \"sk_live_0123456789\" : \"\"}';\n  cb();\n};\n",
			problem:  "hook.js.tpl:2:3: script template interpolates %{ if prod }…, an interpolation, which cannot be evaluated statically; kept as written",
		},
		{
			name:     "template that does not parse",
			script:   `templatefile("hook.js.tpl", {})`,
			template: "module.exports = function () {\n  const x = `${a`;\n};\n",
			problem:  "hook.js.tpl:2:",
		},
		{
			name:     "path not static",
			script:   `templatefile(var.template, { k = "sk_live_0123456789" })`,
			template: "module.exports = function () {};\n",
			problem:  "main.tf:4:16: script cannot be evaluated statically: templatefile(var.template, …)",
		},
		{
			name:     "missing template",
			script:   `templatefile("missing.js.tpl", {})`,
			template: "",
			problem:  "main.tf:4:29: script template",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"main.tf":     strings.Replace(hook, "%s", tt.script, 1),
				"hook.js.tpl": tt.template,
			})
			inv, err := LoadTerraform(dir, TerraformOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(inv.Hooks) != 1 {
				t.Fatalf("hooks = %d, want 1", len(inv.Hooks))
			}
			h := inv.Hooks[0]
			if diff := cmp.Diff(tt.want, string(h.Script)); diff != "" {
				t.Errorf("script (-want +got):\n%s", diff)
			}
			if tt.want != "" && (h.Origin.File != filepath.Join(dir, "hook.js.tpl") || h.Origin.ScriptLine != 1) {
				t.Errorf("origin = %s:%d, want the template, line 1", h.Origin.File, h.Origin.ScriptLine)
			}
			got := problemLines(dir, inv.Problems)
			for _, p := range got {
				if strings.Contains(p, "sk_live") {
					t.Errorf("a problem quotes templatefile's variables: %s", p)
				}
			}
			switch {
			case tt.problem == "" && len(got) > 0:
				t.Errorf("problems = %q, want none", got)
			case tt.problem != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.problem)):
				t.Errorf("problems = %q, want one starting %q", got, tt.problem)
			}
		})
	}
}

// A .tf file saved with a byte order mark and CRLF line ends (a Windows
// editor) reads as Terraform reads it, and its first line's columns are
// those an editor shows, the mark not counted.
func TestLoadTerraformByteOrderMark(t *testing.T) {
	src := "\uFEFFresource \"auth0_hook\" \"h\" {\r\n  name = var.n\r\n" +
		"  trigger_id = \"credentials-exchange\"\r\n" +
		"  script = <<EOF\r\nmodule.exports = function (client, scope, audience, context, cb) { cb(); };\r\nEOF\r\n}\r\n"
	dir := writeFiles(t, map[string]string{"main.tf": src})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 1 || inv.Hooks[0].TriggerID != "credentials-exchange" || len(inv.Hooks[0].Script) == 0 {
		t.Fatalf("hooks = %+v", inv.Hooks)
	}
	if at := inv.Hooks[0].Origin.Declared; at.Line != 1 || at.Column != 1 {
		t.Errorf("declared at %d:%d, want 1:1", at.Line, at.Column)
	}
	if len(inv.Problems) != 1 || inv.Problems[0].Location.Line != 2 || inv.Problems[0].Location.Column != 10 {
		t.Errorf("problems = %+v, want one at 2:10 (var.n)", inv.Problems)
	}
}

// In the JSON syntax, where a script is a string template, templatefile()
// is read alike, whatever its variables refer to.
func TestLoadTerraformJSONTemplatefile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf.json": `{"resource": {"auth0_hook": {"h": {
  "name": "h", "trigger_id": "pre-user-registration",
  "script": "${templatefile(\"${path.module}/hook.js.tpl\", {url = var.url, key = \"sk_live_0123456789\"})}"
}}}}`,
		"hook.js.tpl": "module.exports = function (user, context, cb) {\n  cb(null, '${url}' + context.webtask.secrets.K);\n};\n",
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 1 {
		t.Fatalf("hooks = %+v", inv.Hooks)
	}
	h := inv.Hooks[0]
	tpl := filepath.Join(dir, "hook.js.tpl")
	if !strings.Contains(string(h.Script), "context.webtask.secrets.K") || h.Origin.File != tpl {
		t.Errorf("script %q from %q, want the template's", h.Script, h.Origin.File)
	}
	want := fmt.Sprintf("%s:2:13: script template interpolates ${url}, which cannot be evaluated statically; kept as written", tpl)
	if len(inv.Problems) != 1 || fmt.Sprintf("%s:%d:%d: %s", inv.Problems[0].Location.File, inv.Problems[0].Location.Line,
		inv.Problems[0].Location.Column, inv.Problems[0].Message) != want {
		t.Errorf("problems = %+v, want %s", inv.Problems, want)
	}
}

// A script that cannot be evaluated is named without quoting its code,
// which may hard-code a credential: a conditional by its kind, a string
// that may be code as a string, in either syntax; a reference and a path
// still as written.
func TestLoadTerraformScriptProblemQuotesNoCode(t *testing.T) {
	const code = `module.exports = function () { const k = 'sk_live_0123456789'; }`
	dir := writeFiles(t, map[string]string{
		"main.tf": `resource "auth0_hook" "a" {
  name       = "a"
  trigger_id = "credentials-exchange"
  script     = var.v2 ? "` + code + `" : ""
}
resource "auth0_hook" "b" {
  name       = "b"
  trigger_id = "credentials-exchange"
  script     = replace("` + code + `", "X", var.y)
}
resource "auth0_hook" "c" {
  name       = "c"
  trigger_id = "credentials-exchange"
  script     = file("${var.dir}/hook.js")
}
`,
		"more.tf.json": `{"resource": {"auth0_hook": {"d": {"name": "d", "trigger_id": "credentials-exchange",
  "script": "${var.v2 ? \"` + code + `\" : \"\"}"}}}}`,
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"main.tf:4:16: script cannot be evaluated statically: a conditional expression",
		"main.tf:9:16: script cannot be evaluated statically: replace(a string, …)",
		`main.tf:14:16: script cannot be evaluated statically: file("${var.dir}/hook.js")`,
		"more.tf.json:2:13: script cannot be evaluated statically: an expression",
	}
	if diff := cmp.Diff(want, problemLines(dir, inv.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// In the JSON syntax too, a template that does not parse is reported at
// its own line, where it must be mended, not at the script attribute.
func TestLoadTerraformJSONTemplatefileSyntaxError(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf.json": `{"resource": {"auth0_hook": {"h": {
  "name": "h", "trigger_id": "pre-user-registration",
  "script": "${templatefile(\"hook.js.tpl\", {})}"
}}}}`,
		"hook.js.tpl": "module.exports = function () {\n  const x = `${a`;\n};\n",
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := problemLines(dir, inv.Problems)
	if len(got) != 1 || !strings.HasPrefix(got[0], "hook.js.tpl:2:") || !strings.Contains(got[0], "does not parse as a Terraform template") {
		t.Errorf("problems = %q, want one at hook.js.tpl:2 saying the template does not parse", got)
	}
}
