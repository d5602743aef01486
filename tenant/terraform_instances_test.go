package tenant

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// count and for_each that the text alone determines make one hook per
// instance, each attribute seeing its count.index or each.key and
// each.value, as Terraform would create them.
func TestLoadTerraformInstances(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `locals {
  envs = {
    dev  = { trigger = "pre-user-registration", on = false, secrets = { DEV_KEY = "sk_test_0123456789" } }
    prod = { trigger = "post-user-registration", on = true, secrets = { PROD_KEY = "sk_live_0123456789" } }
  }
}
resource "auth0_hook" "per_env" {
  for_each   = local.envs
  name       = "welcome-${each.key}"
  trigger_id = each.value.trigger
  enabled    = each.value.on
  script     = file("${path.module}/${each.key}.js")
  secrets    = each.value.secrets
}
resource "auth0_hook" "numbered" {
  count      = 2
  name       = "audit-${count.index}"
  trigger_id = "post-change-password"
  script     = "module.exports = function (user, context, cb) { cb(); };"
}
resource "auth0_hook" "set" {
  for_each   = toset(["a"])
  trigger_id = "credentials-exchange"
  script     = "module.exports = function () {};"
}
resource "auth0_hook" "off" {
  count      = 0
  name       = "never"
  trigger_id = "credentials-exchange"
  script     = "module.exports = function () {};"
}
resource "auth0_hook" "unknown" {
  count      = length(var.x)
  name       = "unknown"
  trigger_id = "credentials-exchange"
  script     = "module.exports = function () {};"
}
`,
		"dev.js":  "// dev\n",
		"prod.js": "// prod\n",
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Name, Trigger string
		Enabled       bool
		Script        string
		Secrets       []string
	}
	var got []summary
	for _, h := range inv.Hooks {
		got = append(got, summary{h.Name, h.TriggerID, h.Enabled, string(h.Script), h.SecretKeys})
		if dump := fmt.Sprintf("%#v", h); strings.Contains(dump, "sk_") {
			t.Errorf("hook %s holds a secret value", h.Name)
		}
	}
	const noop = "module.exports = function () {};"
	want := []summary{
		{"welcome-dev", "pre-user-registration", false, "// dev\n", []string{"DEV_KEY"}},
		{"welcome-prod", "post-user-registration", true, "// prod\n", []string{"PROD_KEY"}},
		{"audit-0", "post-change-password", false, "module.exports = function (user, context, cb) { cb(); };", []string{}},
		{"audit-1", "post-change-password", false, "module.exports = function (user, context, cb) { cb(); };", []string{}},
		{`set["a"]`, "credentials-exchange", false, noop, []string{}},
		{"unknown", "credentials-exchange", false, noop, []string{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
	var problems []string
	for _, p := range inv.Problems {
		problems = append(problems, fmt.Sprintf("%s %d:%d %s", p.Hook, p.Location.Line, p.Location.Column, p.Message))
	}
	wantProblems := []string{
		`set["a"] 21:1 no name: the hook is named after its resource label "set"`,
		"unknown 33:3 count makes instances that cannot be expanded statically; the hook is read once",
	}
	if diff := cmp.Diff(wantProblems, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// A count past the bound is not expanded: one hook, and a problem.
func TestLoadTerraformInstancesBounded(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `resource "auth0_hook" "many" {
  count      = 100000000
  name       = "many"
  trigger_id = "credentials-exchange"
  script     = "module.exports = function () {};"
}
`})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 1 || len(inv.Problems) != 1 {
		t.Errorf("%d hooks, problems %+v; want one hook and one problem", len(inv.Hooks), inv.Problems)
	}
}
