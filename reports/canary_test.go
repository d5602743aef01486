package reports

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant"
)

// canary is planted in every input that could carry a secret value; no
// output of any format may hold it. Scripts, keys and names may appear in
// reports (a hook's script is not a secret value by design); values never.
const canary = "CANARY-7f3a"

// fixtureCanaries are the canary values the repository's fixture tenants
// already hold (see their READMEs).
var fixtureCanaries = []string{canary, "CANARY", "hooks2actions-canary-5b0d7e31"}

// canaryScript reads secrets in the ways the analyzer knows, misses one and
// computes one, so that usages and findings name keys. It holds no value.
const canaryScript = `module.exports = function (user, context, cb) {
  const { API_KEY, MAPPED } = context.webtask.secrets;
  const shown = context.webtask.secrets.WAS_NOT_SHOWN;
  const literal = context.webtask.secrets['LITERAL'];
  const missing = context.webtask.secrets.NEVER_DEFINED;
  const dynamic = context.webtask.secrets[user.app_metadata.secret_name];
  cb(null, { user, appMetadata: { API_KEY, MAPPED, shown, literal, missing, dynamic } });
};
`

// canarySources writes Deploy CLI, Terraform and snapshot sources whose
// secret values are canaries: plain values, values written where an
// export has _VALUE_NOT_SHOWN_, keyword markers whose mappings are
// canaries, and entries broken in ways whose error messages could quote a
// value.
func canarySources(t *testing.T) []fixtureSource {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		// Deploy CLI directory export.
		"dir/hooks/welcome.js": canaryScript,
		"dir/hooks/welcome.json": `{
  "name": "welcome",
  "script": "./welcome.js",
  "triggerId": "post-user-registration",
  "enabled": true,
  "dependencies": { "request": "2.88.0" },
  "secrets": {
    "API_KEY": "CANARY-7f3a-dir-plain",
    "WAS_NOT_SHOWN": "CANARY-7f3a-dir-where-the-export-had-_VALUE_NOT_SHOWN_",
    "MAPPED": "@@MAPPED_SECRET@@",
    "LITERAL": "##LITERAL_SECRET##",
    "UNUSED": "CANARY-7f3a-dir-unused",
    "STILL_HIDDEN": "_VALUE_NOT_SHOWN_"
  }
}`,
		"dir/hooks/array.json":   `{"name": "array", "script": "./welcome.js", "triggerId": "post-user-registration", "secrets": {"K": ["CANARY-7f3a-dir-array"]}}`,
		"dir/hooks/string.json":  `{"name": "string", "script": "./welcome.js", "triggerId": "post-user-registration", "secrets": "CANARY-7f3a-dir-string"}`,
		"dir/hooks/number.json":  `{"name": "number", "script": "./welcome.js", "triggerId": "post-user-registration", "secrets": {"K": {"v": "CANARY-7f3a-dir-object"}}}`,
		"dir/hooks/syntax.json":  `{"name": "syntax", "script": "./welcome.js", "secrets": {"K": "CANARY-7f3a-dir-syntax" "L": 1}}`,
		"dir/hooks/trigger.json": `{"name": "trigger", "script": "./welcome.js", "triggerId": "post-login", "secrets": {"K": "CANARY-7f3a-dir-with-bad-trigger"}}`,
		"dir/hooks/noscript.json": `{"name": "noscript", "script": "./missing.js", "triggerId": "post-user-registration",
  "secrets": {"K": "CANARY-7f3a-dir-no-script"}}`,

		// Deploy CLI YAML export, with a config of keyword mappings.
		"yaml/hooks/welcome.js": canaryScript,
		"yaml/tenant.yaml": `hooks:
  - name: welcome
    script: ./hooks/welcome.js
    triggerId: post-user-registration
    enabled: true
    secrets:
      API_KEY: CANARY-7f3a-yaml-plain
      WAS_NOT_SHOWN: CANARY-7f3a-yaml-where-the-export-had-_VALUE_NOT_SHOWN_
      MAPPED: '@@MAPPED_SECRET@@'
      LITERAL: '##LITERAL_SECRET##'
      UNUSED: "CANARY-7f3a-yaml-unused"
      LIST_MAPPED: @@LIST_SECRET@@
      BLOCK: |
        CANARY-7f3a-yaml-block
  - name: list
    script: ./hooks/welcome.js
    triggerId: post-user-registration
    secrets:
      K: [CANARY-7f3a-yaml-list]
  - name: string
    script: ./hooks/welcome.js
    triggerId: post-user-registration
    secrets: CANARY-7f3a-yaml-string
  - name: anchored
    script: ./hooks/welcome.js
    triggerId: post-user-registration
    secrets: &values
      K: CANARY-7f3a-yaml-anchored
  - name: aliased
    script: ./hooks/welcome.js
    triggerId: post-user-registration
    secrets: *values
`,
		"yaml/config.json": `{
  "AUTH0_KEYWORD_REPLACE_MAPPINGS": {
    "MAPPED_SECRET": "CANARY-7f3a-mapped",
    "LITERAL_SECRET": "CANARY-7f3a-mapped-literal",
    "LIST_SECRET": ["CANARY-7f3a-mapped-list-1", "CANARY-7f3a-mapped-list-2"],
    "UNREFERENCED": "CANARY-7f3a-mapped-unreferenced"
  }
}`,

		// Terraform module: literal values, variable and local defaults.
		"tf/hooks/welcome.js": canaryScript,
		"tf/hooks.tf": `variable "api_key" {
  type      = string
  default   = "CANARY-7f3a-tf-variable-default"
  sensitive = true
}

locals {
  mapped = "CANARY-7f3a-tf-local"
}

resource "auth0_hook" "welcome" {
  name       = "welcome"
  trigger_id = "post-user-registration"
  enabled    = true
  script     = file("${path.module}/hooks/welcome.js")
  secrets = {
    API_KEY       = var.api_key
    WAS_NOT_SHOWN = "CANARY-7f3a-tf-literal"
    MAPPED        = local.mapped
    LITERAL       = "prefix-${local.mapped}-CANARY-7f3a-tf-template"
    UNUSED        = sensitive("CANARY-7f3a-tf-function")
  }
}

resource "auth0_hook" "inline" {
  name       = "inline"
  trigger_id = "pre-user-registration"
  script     = <<EOF
module.exports = function (user, context, cb) {
  cb(null, { user, token: context.webtask.secrets.TOKEN });
};
EOF
  secrets    = merge({ TOKEN = "CANARY-7f3a-tf-merged" }, var.more)
}

resource "auth0_hook" "escaped" {
  name       = "escaped"
  trigger_id = "pre-user-registration"
  script     = "module.exports = function (user, context, cb) { cb(null, { user, k: context.webtask.secrets[user.k] }); };"
  secrets    = "CANARY-7f3a-tf-string"
}
`,
		"tf-broken/hooks.tf": `resource "auth0_hook" "broken" {
  name       = "broken"
  trigger_id = "pre-user-registration"
  script     = "module.exports = function (user, context, cb) { cb(); };"
  secrets    = { K = "CANARY-7f3a-tf-broken" CANARY-7f3a-tf-broken-2 }
}
`,

		// A snapshot never holds values; one edited by hand might.
		"snapshot.json": `{
  "kind": "hooks2actions-snapshot",
  "snapshot_version": 1,
  "tenant": "acme.eu.auth0.com",
  "fetched_at": "2026-01-01T00:00:00Z",
  "hooks": [
    {
      "id": "01HV",
      "name": "welcome",
      "triggerId": "post-user-registration",
      "enabled": true,
      "script": ` + jsonString(canaryScript) + `,
      "dependencies": {},
      "secret_keys": ["API_KEY", "MAPPED", "UNUSED"],
      "secrets": { "API_KEY": "CANARY-7f3a-snapshot-value" }
    }
  ],
  "problems": []
}`,
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mappings, err := tenant.LoadKeywordMappings(filepath.Join(dir, "yaml", "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	withMappings := tenant.LoadOptions{Deploy: tenant.DeployOptions{Mappings: mappings}}
	return []fixtureSource{
		{name: "deploy directory", path: filepath.Join(dir, "dir")},
		{name: "deploy directory with mappings", path: filepath.Join(dir, "dir"), opts: withMappings},
		{name: "deploy yaml", path: filepath.Join(dir, "yaml", "tenant.yaml")},
		{name: "deploy yaml with mappings", path: filepath.Join(dir, "yaml", "tenant.yaml"), opts: withMappings},
		{name: "terraform", path: filepath.Join(dir, "tf")},
		{name: "broken terraform", path: filepath.Join(dir, "tf-broken")},
		{name: "snapshot", path: filepath.Join(dir, "snapshot.json")},
	}
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// No format renders a secret value, whatever the source, whatever went
// wrong with it, with colour or without.
func TestNoFormatRendersSecretValues(t *testing.T) {
	sch := compileReportSchema(t)
	sources := canarySources(t)
	for _, dir := range []string{"tenant", "broken"} {
		sources = append(sources, fixtureSources(t, filepath.Join("..", "testdata", dir))...)
	}
	formats := Formats()
	if len(formats) < 5 {
		t.Errorf("only %d formats registered (%v): every format must be checked", len(formats), formats)
	}
	for _, src := range sources {
		t.Run(src.name, func(t *testing.T) {
			r, err := pipelineReport(src.path, src.opts)
			if err != nil {
				if leaked := canaryIn(err.Error()); leaked != "" {
					t.Errorf("the error reading %s holds the secret value %q: %v", src.name, leaked, err)
				}
				return // unreadable as a whole: the command stops with no report
			}
			if len(r.Hooks)+len(r.Findings) == 0 {
				t.Fatalf("%s gave an empty report: the test tests nothing", src.name)
			}
			r.Generated = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
			for _, format := range formats {
				for _, color := range []bool{false, true} {
					out := string(render(t, format, color, r))
					if leaked := canaryIn(out); leaked != "" {
						t.Errorf("the %s report (colour %v) of %s holds the secret value %q:\n%s", format, color, src.name, leaked, out)
					}
				}
			}
			validateReport(t, sch, render(t, "json", false, r))
		})
	}
}

func canaryIn(s string) string {
	for _, c := range fixtureCanaries {
		if strings.Contains(s, c) {
			return c
		}
	}
	return ""
}

// containsCanary reports whether a fixture file or any file under a fixture
// directory holds the canary.
func containsCanary(t *testing.T, path string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || found {
			return err
		}
		data, err := os.ReadFile(p)
		found = err == nil && strings.Contains(string(data), canary)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// The canary sources are really read: hooks with their secret keys, and a
// problem for each broken entry, so the renderers above saw the paths that
// could leak.
func TestCanarySourcesAreRead(t *testing.T) {
	for _, src := range canarySources(t) {
		if !containsCanary(t, src.path) {
			t.Errorf("%s holds no canary: the test tests nothing", src.path)
		}
		r, err := pipelineReport(src.path, src.opts)
		if err != nil {
			t.Errorf("%s: %v", src.name, err)
			continue
		}
		var defined []string
		for _, h := range r.Hooks {
			if h.Name == "welcome" {
				defined = h.Defined
			}
		}
		loadErrors := 0
		for _, f := range r.Findings {
			if f.Rule == "load-error" {
				loadErrors++
			}
		}
		switch src.name {
		case "deploy directory", "deploy directory with mappings", "deploy yaml", "deploy yaml with mappings", "terraform":
			if !contains(defined, "API_KEY") || !contains(defined, "UNUSED") {
				t.Errorf("%s: hook welcome defines %v, want API_KEY and UNUSED among them", src.name, defined)
			}
			if src.name != "terraform" && loadErrors < 2 {
				t.Errorf("%s: %d load errors, want one per broken entry", src.name, loadErrors)
			}
		case "broken terraform":
			if loadErrors == 0 {
				t.Errorf("%s: no load error", src.name)
			}
		case "snapshot":
			if !contains(defined, "API_KEY") {
				t.Errorf("%s: hook welcome defines %v, want API_KEY", src.name, defined)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The types that carry a hook to the renderers have no field that could
// hold a secret value. Every field that can hold text is listed here with
// what it holds; a new one fails this test until someone says what it is.
// Named string types (enums such as finding.Severity) hold one of their
// constants and are left out.
func TestModelTypesHoldNoValues(t *testing.T) {
	want := map[string]string{
		"Hook.ID":                                       "Management API id",
		"Hook.Name":                                     "hook name",
		"Hook.TriggerID":                                "trigger id",
		"Hook.Script":                                   "the script: code, not a secret value, by design",
		"Hook.SecretKeys":                               "secret key names",
		"Hook.Dependencies":                             "npm package name -> version",
		"Hook.SecretExpressions.Key":                    "secret key name",
		"Hook.SecretExpressions.Expression":             "Terraform reference giving a secret its value, never a literal (tenant.reusableExpression)",
		"Hook.Origin.Kind":                              "source kind",
		"Hook.Origin.File":                              "path",
		"Hook.Origin.Declared.File":                     "path",
		"Hook.Origin.HookID":                            "Management API id",
		"Report.Tool.Name":                              "program name",
		"Report.Tool.Version":                           "program version",
		"Report.Source":                                 "source kind",
		"Report.Tenant":                                 "tenant domain",
		"Report.Hooks.Name":                             "hook name",
		"Report.Hooks.ID":                               "Management API id",
		"Report.Hooks.Source":                           "source kind",
		"Report.Hooks.Declared.File":                    "path",
		"Report.Hooks.Defined":                          "secret key names",
		"Report.Hooks.TriggerID":                        "trigger id",
		"Report.Hooks.TriggerCandidates":                "trigger ids",
		"Report.Hooks.File":                             "path",
		"Report.Hooks.Context.Name":                     "parameter name",
		"Report.Hooks.Referenced":                       "secret key names",
		"Report.Hooks.Usages.Key":                       "secret key name",
		"Report.Hooks.Action.Hook":                      "hook name",
		"Report.Hooks.Action.HookID":                    "Management API id",
		"Report.Hooks.Action.HookWhere.File":            "path",
		"Report.Hooks.Action.Name":                      "Action name",
		"Report.Hooks.Action.FileName":                  "Action file name",
		"Report.Hooks.Action.TriggerID":                 "trigger id",
		"Report.Hooks.Action.Version":                   "trigger version",
		"Report.Hooks.Action.Handler":                   "handler name",
		"Report.Hooks.Action.Runtime":                   "runtime name",
		"Report.Hooks.Action.Secrets.Key":               "secret key name",
		"Report.Hooks.Action.Secrets.Marker":            "keyword marker name standing for the value",
		"Report.Hooks.Action.Secrets.Expression":        "Terraform reference giving a secret its value, never a literal (tenant.reusableExpression)",
		"Report.Hooks.Action.Dependencies.Name":         "npm package name",
		"Report.Hooks.Action.Dependencies.Version":      "npm package version",
		"Report.Hooks.Action.Dependencies.From":         "require specifiers of the script",
		"Report.Hooks.Action.Draft.Edits.NewText":       "code drafted from the script",
		"Report.Hooks.Action.Draft.Code":                "code drafted from the script",
		"Report.Hooks.Action.Draft.Problems":            "why the drafted code cannot be used: compile errors and unbound names",
		"Report.Hooks.Action.Verdict.Reason":            "why a draft was not verified (module names, budgets)",
		"Report.Hooks.Action.Verdict.Difference.Input":  "synthetic input and scenario name",
		"Report.Hooks.Action.Verdict.Difference.Hook":   "effects of the hook on placeholder inputs",
		"Report.Hooks.Action.Verdict.Difference.Action": "effects of the draft on placeholder inputs",
		"Report.Findings.Rule":                          "rule id",
		"Report.Findings.Hook":                          "hook name",
		"Report.Findings.Secret":                        "secret key name",
		"Report.Findings.Message":                       "message about the script or source",
		"Report.Findings.Location.File":                 "path",
		"Report.Suppressed.Finding.Rule":                "rule id",
		"Report.Suppressed.Finding.Hook":                "hook name",
		"Report.Suppressed.Finding.Secret":              "secret key name",
		"Report.Suppressed.Finding.Message":             "message about the script or source",
		"Report.Suppressed.Finding.Location.File":       "path",
		"Report.Suppressed.By":                          "inline or baseline",
		"Report.Suppressed.Reason":                      "reason of a hooks2actions-ignore comment",
		"Hook.Origin.SecretsDeclared.Key":               "a secret's key, never its value",
		"Hook.Origin.SecretsDeclared.At.File":           "path of the file declaring the key",
	}
	got := map[string]string{}
	textFields(reflect.TypeOf(tenant.Hook{}), "Hook", got)
	textFields(reflect.TypeOf(Report{}), "Report", got)
	var unlisted, gone []string
	for path, typ := range got {
		if _, ok := want[path]; !ok {
			unlisted = append(unlisted, path+" ("+typ+")")
		}
	}
	for path := range want {
		if _, ok := got[path]; !ok {
			gone = append(gone, path)
		}
	}
	sort.Strings(unlisted)
	sort.Strings(gone)
	if len(unlisted) > 0 {
		t.Errorf("fields that can hold text and are not listed: say what each holds, and make sure it is never a secret value:\n  %s",
			strings.Join(unlisted, "\n  "))
	}
	if len(gone) > 0 {
		t.Errorf("listed fields that no longer exist: %v", gone)
	}
	// A map of strings is how a secrets object would come in: only the
	// dependencies may be one.
	for path, typ := range got {
		if strings.HasPrefix(typ, "map[") && path != "Hook.Dependencies" {
			t.Errorf("%s is a %s: a map of strings is what a secrets object looks like", path, typ)
		}
	}
	for path := range got {
		last := strings.ToLower(path[strings.LastIndex(path, ".")+1:])
		for _, word := range []string{"value", "token", "password", "credential", "clientsecret"} {
			if strings.Contains(last, word) {
				t.Errorf("%s: a field named like a %s reaches the renderers", path, word)
			}
		}
	}
}

// textFields records every field reachable from typ that can hold text
// (string, []byte, []string, maps), by its path of field names. Named
// string types are enums and are skipped, and so is time.Time.
func textFields(typ reflect.Type, path string, out map[string]string) {
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, path string, field reflect.Type)
	walk = func(typ reflect.Type, path string, field reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(typ.Elem(), path, field)
			return
		case reflect.Map:
			out[path] = field.String()
			return
		case reflect.String, reflect.Uint8:
			if typ.PkgPath() == "" && path != "" {
				if typ.Kind() == reflect.Uint8 && field.Kind() != reflect.Slice {
					return // a byte, not bytes
				}
				out[path] = field.String()
			}
			return
		case reflect.Struct:
			if typ == reflect.TypeOf(time.Time{}) || seen[typ] {
				return
			}
		default:
			return
		}
		seen[typ] = true
		defer delete(seen, typ)
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			walk(f.Type, path+"."+f.Name, f.Type)
		}
	}
	walk(typ, path, typ)
}
