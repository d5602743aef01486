package tenant

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadTerraformJSON: a .tf.json file is read like a .tf file: the
// same resource, its secret keys (never a value), a script from file()
// inside a template or written inline.
func TestLoadTerraformJSON(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"hooks/welcome.js": "module.exports = function (user, context, cb) { cb(); };",
		"main.tf.json": `{
  "resource": {
    "auth0_hook": {
      "welcome": {
        "name": "welcome",
        "trigger_id": "post-user-registration",
        "enabled": true,
        "script": "${file(\"${path.module}/hooks/welcome.js\")}",
        "secrets": {"SENDGRID_API_KEY": "tfjsonCanaryValue"},
        "dependencies": {"axios": "1.6.0"}
      },
      "inline": {
        "name": "inline",
        "trigger_id": "credentials-exchange",
        "script": "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };"
      },
      "outside": {
        "name": "outside",
        "trigger_id": "credentials-exchange",
        "script": "${file(\"/etc/passwd\")}"
      }
    }
  },
  "variable": {"x": {}}
}`,
		"other.json": `{"not": "terraform"}`,
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 3 {
		t.Fatalf("hooks = %+v", inv.Hooks)
	}
	byName := map[string]Hook{}
	for _, h := range inv.Hooks {
		byName[h.Name] = h
	}
	w := byName["welcome"]
	if w.TriggerID != "post-user-registration" || !w.Enabled || strings.Join(w.SecretKeys, ",") != "SENDGRID_API_KEY" ||
		w.Dependencies["axios"] != "1.6.0" || !strings.Contains(string(w.Script), "module.exports") ||
		w.Origin.File != filepath.Join(dir, "hooks/welcome.js") || w.Origin.Declared.Line != 4 {
		t.Errorf("welcome = %+v", w)
	}
	if !strings.Contains(string(byName["inline"].Script), "client, scope") {
		t.Errorf("inline = %+v", byName["inline"])
	}
	if byName["outside"].Script != nil {
		t.Errorf("outside read %q", byName["outside"].Script)
	}
	text := problemsText(inv)
	if !strings.Contains(text, "script file /etc/passwd cannot be read: lies outside the module directory") || len(inv.Problems) != 1 {
		t.Errorf("problems:\n%s", text)
	}
	if strings.Contains(text+string(w.Script), "tfjsonCanaryValue") {
		t.Error("a secret value was kept")
	}
	kind, err := DetectKind(filepath.Join(dir, "main.tf.json"))
	if err != nil || kind != OriginTerraform {
		t.Errorf("DetectKind(main.tf.json) = %q, %v", kind, err)
	}
}

func TestLoadTerraformJSONBroken(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf.json": "{\"resource\": {\"auth0_hook\": {\"broken\": {\"name\": \"broken\",}}}}",
	})
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 0 {
		t.Errorf("hooks = %+v", inv.Hooks)
	}
	if text := problemsText(inv); !strings.Contains(text, `hook "broken": resource "auth0_hook" "broken" is not read`) {
		t.Errorf("problems:\n%s", text)
	}
}
