package tenant

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A root module whose hooks live in local child modules is read with
// them: otherwise it would pass for a module without hooks. What cannot
// be followed statically is a problem at the module block.
func TestLoadTerraformChildModules(t *testing.T) {
	hook := func(name string) string {
		return fmt.Sprintf(`resource "auth0_hook" %q {
  name       = %q
  trigger_id = "credentials-exchange"
  script     = file("${path.module}/hook.js")
}
`, name, name)
	}
	const script = "module.exports = function (client, scope, audience, context, cb) { cb(); };\n"
	dir := writeFiles(t, map[string]string{
		"root/main.tf": `module "auth" {
  source = "./modules/auth"
}
module "auth_again" {
  source = "./modules/auth/"
}
module "tenants" {
  source   = "../shared/tenant"
  for_each = toset(["dev", "prod"])
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
module "gone" {
  source = "./modules/gone"
}
`,
		"root/modules/auth/main.tf.json":    `{"module": {"nested": {"source": "./nested"}}}`,
		"root/modules/auth/nested/hooks.tf": hook("nested-hook"),
		"root/modules/auth/nested/hook.js":  script,
		"shared/tenant/hooks.tf":            hook("shared-hook"),
		"shared/tenant/hook.js":             script,
	})
	root := filepath.Join(dir, "root")
	inv, err := LoadTerraform(root, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range inv.Hooks {
		names = append(names, h.Name)
		if len(h.Script) == 0 {
			t.Errorf("hook %s: no script (file() is relative to its own module)", h.Name)
		}
	}
	if diff := cmp.Diff([]string{"shared-hook", "nested-hook"}, names); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
	problems := problemLines(dir, inv.Problems)
	want := []string{
		`root/main.tf:5:12: module "auth_again": ` + filepath.Join(root, "modules/auth") +
			` is read once, for an earlier module block; the hooks of this instance are the same hooks`,
		`root/main.tf:9:3: module "tenants": for_each makes instances that cannot be expanded statically; its hooks are read once`,
		`root/main.tf:12:12: module "vpc" comes from a registry or a repository, which is not fetched: any hook it declares is not audited (after terraform init, its copy under .terraform/modules is read)`,
		`root/main.tf:15:12: module "gone": its source ` + filepath.Join(root, "modules/gone") + ` does not exist; its hooks are not read`,
	}
	if diff := cmp.Diff(want, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// A child module also given as a source of its own is read once, whichever
// comes first.
func TestLoadChildModuleGivenToo(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf":    "module \"m\" {\n  source = \"./m\"\n}\n",
		"m/hooks.tf": "resource \"auth0_hook\" \"h\" {\n  name = \"h\"\n  trigger_id = \"credentials-exchange\"\n  script = \"module.exports = function () {}\"\n}\n",
	})
	for _, order := range [][]string{{dir, filepath.Join(dir, "m")}, {filepath.Join(dir, "m"), dir}} {
		inv, err := Load(order, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(inv.Hooks) != 1 {
			t.Errorf("Load(%q): %d hooks, want 1", order, len(inv.Hooks))
		}
		for _, p := range inv.Problems {
			t.Errorf("Load(%q): problem %s", order, p.Message)
		}
	}
}

// In a child module, as in Terraform, a bare file() path is relative to
// the root module's directory (where Terraform runs), and path.module is
// the child's directory.
func TestLoadChildModuleFilePaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": "module \"m\" {\n  source = \"./m\"\n}\n",
		"m/hooks.tf": `resource "auth0_hook" "bare" {
  name       = "bare"
  trigger_id = "credentials-exchange"
  script     = file("scripts/h.js")
}
resource "auth0_hook" "own" {
  name       = "own"
  trigger_id = "credentials-exchange"
  script     = file("${path.module}/scripts/h.js")
}
`,
		"scripts/h.js":   "// the root's\n",
		"m/scripts/h.js": "// the module's\n",
	})
	inv, err := LoadTerraform(dir, TerraformOptions{FileRoot: dir})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, h := range inv.Hooks {
		got[h.Name] = string(h.Script)
	}
	if diff := cmp.Diff(map[string]string{"bare": "// the root's\n", "own": "// the module's\n"}, got); diff != "" {
		t.Errorf("scripts (-want +got):\n%s", diff)
	}
	for _, p := range inv.Problems {
		t.Errorf("problem: %s", p.Message)
	}
}

// OpenTofu reads .tofu and .tofu.json files, each replacing the .tf or
// .tf.json file of the same name.
func TestLoadOpenTofuFiles(t *testing.T) {
	hook := func(name, trigger string) string {
		return fmt.Sprintf("resource \"auth0_hook\" %q {\n  name = %q\n  trigger_id = %q\n  script = \"module.exports = function () {}\"\n}\n", name, name, trigger)
	}
	dir := writeFiles(t, map[string]string{
		"main.tf":         hook("welcome", "pre-user-registration"),
		"main.tofu":       hook("welcome", "post-user-registration"),
		"other.tf":        hook("other", "credentials-exchange"),
		"extra.tofu.json": `{"resource": {"auth0_hook": {"extra": {"name": "extra", "trigger_id": "send-phone-message", "script": "x"}}}}`,
	})
	for _, path := range []string{dir, filepath.Join(dir, "main.tofu")} {
		inv, err := Load([]string{path}, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, h := range inv.Hooks {
			got[h.Name] = h.TriggerID
		}
		want := map[string]string{"welcome": "post-user-registration", "other": "credentials-exchange", "extra": "send-phone-message"}
		if path != dir {
			want = map[string]string{"welcome": "post-user-registration"}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Load(%s) (-want +got):\n%s", path, diff)
		}
		if len(inv.Problems) > 0 {
			t.Errorf("Load(%s) problems: %+v", path, inv.Problems)
		}
	}
}

// Override files (override.tf, NAME_override.tf) replace attributes of the
// resource of the same name, as Terraform merges them, and positions point
// at the file each attribute comes from. An override block, resource or
// module, that overrides none is said, not read.
func TestLoadTerraformOverrideFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `resource "auth0_hook" "welcome" {
  name       = "welcome"
  trigger_id = "post-user-registration"
  enabled    = true
  script     = "module.exports = function (user, context, cb) { cb(); };"
}
`,
		"hooks_override.tf": `resource "auth0_hook" "welcome" {
  enabled = false
  secrets = { KEY = var.key }
  dependencies = var.deps
}
resource "auth0_hook" "orphan" {
  enabled = false
}
module "gone" {
  source = "./gone"
}
`,
		"override.tf.json": `{"resource": {"auth0_hook": {"welcome": {"trigger_id": "post-change-password"}}}}`,
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 1 {
		t.Fatalf("hooks = %+v, want welcome alone", inv.Hooks)
	}
	h := inv.Hooks[0]
	if h.Name != "welcome" || h.TriggerID != "post-change-password" || h.Enabled || len(h.Script) == 0 ||
		!cmp.Equal(h.SecretKeys, []string{"KEY"}) || h.SecretExpression("KEY") != "var.key" {
		t.Errorf("hook = %+v", h)
	}
	if at := h.Origin.SecretWhere("KEY"); at.File != filepath.Join(dir, "hooks_override.tf") || at.Line != 3 || at.Column != 15 {
		t.Errorf("KEY declared at %v, want hooks_override.tf:3:15", at)
	}
	problems := problemLines(dir, inv.Problems)
	want := []string{
		"hooks_override.tf:4:18: dependencies cannot be evaluated statically: var.deps",
		`hooks_override.tf:6:1: resource "auth0_hook" "orphan" of an override file overrides no resource of that name; Terraform refuses it, and it is not read`,
		`hooks_override.tf:9:1: module "gone" of an override file overrides no module block of that name; Terraform refuses it, and it is not read`,
	}
	if diff := cmp.Diff(want, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// problemLines are problems as FILE:LINE:COLUMN: MESSAGE lines, FILE
// relative to dir.
func problemLines(dir string, problems []Problem) []string {
	var out []string
	for _, p := range problems {
		rel, _ := filepath.Rel(dir, p.Location.File)
		out = append(out, fmt.Sprintf("%s:%d:%d: %s", rel, p.Location.Line, p.Location.Column, p.Message))
	}
	return out
}

// After terraform init, a module from a registry or a repository is read
// from the copy its manifest names, nested modules by their key; the
// source, which may hold a token, is never shown.
func TestLoadFetchedModules(t *testing.T) {
	hook := "resource \"auth0_hook\" \"h\" {\n  name = %q\n  trigger_id = \"credentials-exchange\"\n  script = \"module.exports = function () {}\"\n}\n"
	dir := writeFiles(t, map[string]string{
		"main.tf": `module "auth" {
  source = "git::https://deploy:ghp_0123456789abcdefghij@github.com/acme/auth.git"
}
module "other" {
  source  = "acme/other/auth0"
  version = "1.0.0"
}
module "gone" {
  source = "acme/gone/auth0"
}
`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},
 {"Key":"auth","Source":"git::https://example.invalid/auth.git","Dir":".terraform/modules/auth"},
 {"Key":"auth.inner","Source":"registry.terraform.io/acme/inner/auth0","Dir":".terraform/modules/auth.inner"},
 {"Key":"gone","Source":"registry.terraform.io/acme/gone/auth0","Dir":".terraform/modules/gone"}]}`,
		".terraform/modules/auth/main.tf":       "module \"inner\" {\n  source = \"acme/inner/auth0\"\n}\n" + fmt.Sprintf(hook, "fetched"),
		".terraform/modules/auth.inner/main.tf": fmt.Sprintf(hook, "nested"),
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range inv.Hooks {
		names = append(names, h.Name)
	}
	if diff := cmp.Diff([]string{"fetched", "nested"}, names); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
	want := []string{
		`main.tf:5:13: module "other" comes from a registry or a repository, which is not fetched: any hook it declares is not audited (after terraform init, its copy under .terraform/modules is read)`,
		`main.tf:9:12: module "gone": its source ` + filepath.Join(dir, ".terraform/modules/gone") + ` does not exist; its hooks are not read`,
	}
	if diff := cmp.Diff(want, problemLines(dir, inv.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// A module source naming a file, not a directory, is a problem: Terraform
// reads a module from a directory. Read as a file, the root's own
// main.tf was read a second time, each of its hooks a duplicate of itself
// and each of its problems told twice.
func TestLoadChildModuleSourceIsAFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `module "file" {
  source = "./main.tf"
}
resource "auth0_hook" "h" {
  name       = "h"
  trigger_id = "credentials-exchange"
  script     = file("gone.js")
}
`})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 1 {
		t.Errorf("%d hooks, want 1", len(inv.Hooks))
	}
	want := []string{
		`main.tf:7:21: script file ` + filepath.Join(dir, "gone.js") + ` cannot be read: no such file or directory`,
		`main.tf:2:12: module "file": its source ` + filepath.Join(dir, "main.tf") + ` is a file, not a module directory; it is not read`,
	}
	if diff := cmp.Diff(want, problemLines(dir, inv.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
