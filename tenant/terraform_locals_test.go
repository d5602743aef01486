package tenant

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Locals the configuration text alone determines are resolved, wherever in
// the module they are declared (either syntax); one that needs Terraform
// (a variable, a function) is still a finding naming the attribute.
func TestLoadTerraformLocals(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"locals.tf": `locals {
  trigger = "post-user-registration"
  prefix  = "acme"
  name    = "${local.prefix}-welcome"
  deps    = { axios = "1.6.0" }
  on      = true
  script  = "${path.module}/welcome.js"
  env     = var.environment
  hook_secrets = {
    SLACK_URL = var.slack_url
    API_KEY   = "sk_live_0123456789abcdef"
  }
}
`,
		"more.tf.json": `{"locals": {"legacy_trigger": "pre-user-registration"}}`,
		"hooks.tf": `resource "auth0_hook" "welcome" {
  name         = local.name
  trigger_id   = local.trigger
  enabled      = local.on
  dependencies = local.deps
  script       = file(local.script)
  secrets      = local.hook_secrets
}

resource "auth0_hook" "legacy" {
  name       = "legacy-${local.env}"
  trigger_id = local.legacy_trigger
  script     = file(local.script)
  enabled    = local.missing
}

resource "auth0_hook" "merged" {
  name       = "merged"
  trigger_id = "credentials-exchange"
  script     = file(local.script)
  secrets    = merge(local.hook_secrets, tomap({ EXTRA = var.extra }), sensitive({ (local.prefix) = var.p }))
}

resource "auth0_hook" "unknown" {
  name       = "unknown"
  trigger_id = "credentials-exchange"
  script     = file(local.script)
  secrets    = merge(local.hook_secrets, var.more)
}
`,
		"welcome.js": "module.exports = function (user, context, cb) { cb(null, context.webtask.secrets.SLACK_URL); };\n",
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Name, Trigger string
		Enabled       bool
		Deps          map[string]string
		Secrets       []string
		Script        bool
	}
	var got []summary
	for _, h := range inv.Hooks {
		got = append(got, summary{h.Name, h.TriggerID, h.Enabled, h.Dependencies, h.SecretKeys, len(h.Script) > 0})
	}
	want := []summary{
		{Name: "acme-welcome", Trigger: "post-user-registration", Enabled: true, Deps: map[string]string{"axios": "1.6.0"},
			Secrets: []string{"API_KEY", "SLACK_URL"}, Script: true},
		{Name: "legacy", Trigger: "pre-user-registration", Secrets: []string{}, Script: true},
		{Name: "merged", Trigger: "credentials-exchange", Secrets: []string{"API_KEY", "EXTRA", "SLACK_URL", "acme"}, Script: true},
		{Name: "unknown", Trigger: "credentials-exchange", Script: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
	var problems []string
	for _, p := range inv.Problems {
		problems = append(problems, fmt.Sprintf("%d:%d %s", p.Location.Line, p.Location.Column, p.Message))
	}
	wantProblems := []string{
		`11:16 name cannot be evaluated statically: "legacy-${local.env}"; the hook is named after its resource label "legacy"`,
		`14:16 enabled cannot be evaluated statically: local.missing; taken as false`,
		`28:16 secrets cannot be evaluated statically (a call to merge); the secret keys are unknown`,
	}
	if diff := cmp.Diff(wantProblems, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if dump := fmt.Sprintf("%#v", inv); strings.Contains(dump, "sk_live") {
		t.Errorf("a secret value written in a local reached the inventory")
	}
}

// Locals that double each other cannot take the loader's memory or time:
// past a bound a local is taken as not static.
func TestLoadTerraformLocalsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("locals {\n  l0 = \"0123456789abcdef0123456789abcdef\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  l%d = \"${local.l%d}${local.l%d}\"\n", i, i-1, i-1)
	}
	b.WriteString("}\nresource \"auth0_hook\" \"h\" {\n  name = local.l40\n  trigger_id = \"credentials-exchange\"\n  script = \"module.exports = function () {}\"\n}\n")
	dir := writeFiles(t, map[string]string{"main.tf": b.String()})
	inv, bytes := loadTerraformAllocating(t, dir)
	// Unbounded, l40 alone would be 32 TB; the bounds keep the work near
	// maxLocalsWork.
	if bytes > 4*maxLocalsWork {
		t.Errorf("LoadTerraform allocated %d bytes, more than 4 x maxLocalsWork (%d)", bytes, maxLocalsWork)
	}
	if len(inv.Hooks) != 1 || inv.Hooks[0].Name != "h" {
		t.Fatalf("hooks = %+v, want h named after its label", inv.Hooks)
	}
	if len(inv.Problems) != 1 || !strings.Contains(inv.Problems[0].Message, "name cannot be evaluated statically: local.l40") {
		t.Errorf("problems = %+v", inv.Problems)
	}
}

// A secrets map merged from locals that each merge the one before many
// times over names each key once, at a cost that grows with the text, not
// with the number of paths through it (8^levels before: 7 levels took
// seconds, 10 would take hours). The measure is the bytes allocated, which
// follow the work and which nothing else running can change.
func TestLoadTerraformMergedLocalsLinear(t *testing.T) {
	load := func(levels int) uint64 {
		var b strings.Builder
		b.WriteString("locals {\n  s0 = { API_KEY = var.api_key }\n")
		for i := 1; i <= levels; i++ {
			args := strings.Repeat(fmt.Sprintf("local.s%d, ", i-1), 8)
			fmt.Fprintf(&b, "  s%d = merge(%s{ K%d = var.k })\n", i, args, i)
		}
		fmt.Fprintf(&b, "}\nresource \"auth0_hook\" \"h\" {\n  name = \"h\"\n  trigger_id = \"credentials-exchange\"\n"+
			"  script = \"module.exports = function () {}\"\n  secrets = local.s%d\n}\n", levels)
		dir := writeFiles(t, map[string]string{"main.tf": b.String()})
		inv, bytes := loadTerraformAllocating(t, dir)
		want := []string{"API_KEY"}
		for i := 1; i <= levels; i++ {
			want = append(want, fmt.Sprintf("K%d", i))
		}
		sort.Strings(want)
		if diff := cmp.Diff(want, inv.Hooks[0].SecretKeys); diff != "" {
			t.Fatalf("levels %d: secret keys (-want +got):\n%s", levels, diff)
		}
		return bytes
	}
	small, large := load(3), load(6)
	if ratio := float64(large) / float64(small); ratio > 4 {
		t.Errorf("doubling the merged locals from 3 to 6 levels allocated %.0fx the bytes (%d, %d); want near 2x", ratio, small, large)
	}
}

// A key of a merged secrets map that is not static is a problem that names
// the expression's kind, never its text: the text holds the other values.
// Two such keys are one problem, not the same one twice.
func TestLoadTerraformMergedKeyNotStaticQuotesNoValue(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `resource "auth0_hook" "h" {
  name       = "h"
  trigger_id = "credentials-exchange"
  script     = "module.exports = function () {}"
  secrets    = merge({ API_KEY = "sk_live_0123456789" }, { (var.k) = "x", (var.j) = "y" })
}
`})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range inv.Problems {
		problems = append(problems, fmt.Sprintf("%d:%d %s", p.Location.Line, p.Location.Column, p.Message))
	}
	want := []string{"5:16 a secret key of a call to merge cannot be evaluated statically; the other keys are kept"}
	if diff := cmp.Diff(want, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"API_KEY"}, inv.Hooks[0].SecretKeys); diff != "" {
		t.Errorf("secret keys (-want +got):\n%s", diff)
	}
}

// bigLocals is a module's locals: a chain of doublings up to a value of
// half maxLocalBytes, then n locals of maxLocalBytes each built from it.
func bigLocals(t *testing.T, n int) tfLocals {
	var b strings.Builder
	b.WriteString("locals {\n  s00 = \"0123456789abcdef\"\n")
	for i := 1; i <= 15; i++ {
		fmt.Fprintf(&b, "  s%02d = \"${local.s%02d}${local.s%02d}\"\n", i, i-1, i-1)
	}
	for j := range n {
		fmt.Fprintf(&b, "  x%04d = \"${local.s15}${local.s15}\"\n", j)
	}
	b.WriteString("}\n")
	m := &tfModule{locals: tfLocals{}}
	if f := parseTerraformModuleFile("main.tf", []byte(b.String()), m); len(f.problems) > 0 {
		t.Fatalf("problems: %+v", f.problems)
	}
	return m.locals
}

// Locals past the bounds are refused the same way on every run: in name
// order, as many as maxLocalsBytes holds.
func TestTerraformLocalsBoundsInNameOrder(t *testing.T) {
	l := bigLocals(t, 40)
	// The chain takes maxLocalBytes less 16 bytes: 15 more fit.
	want := []string{}
	for j := range 15 {
		want = append(want, fmt.Sprintf("x%04d", j))
	}
	for range 5 {
		var got []string
		for name := range l.values(tfPathValue("."))["local"].AsValueMap() {
			if strings.HasPrefix(name, "x") {
				got = append(got, name)
			}
		}
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("static locals (-want +got):\n%s", diff)
		}
	}
}

// Locals refused for their size are evaluated once, and only until
// maxLocalsWork is spent: 4x the locals allocate about as much, where each
// was evaluated again every round (about 4x, at 32 MB a local).
func TestTerraformLocalsRefusedOnce(t *testing.T) {
	evaluate := func(n int) uint64 {
		l := bigLocals(t, n)
		return bytesAllocated(func() { l.values(tfPathValue(".")) })
	}
	small, large := evaluate(100), evaluate(400)
	if ratio := float64(large) / float64(small); ratio > 2 {
		t.Errorf("4x the locals refused for their size allocated %.1fx the bytes (%d, %d); want near 1x", ratio, small, large)
	}
}
