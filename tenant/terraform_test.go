package tenant

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hooks2actions/hooks2actions/finding"
)

var (
	terraformTenant = filepath.Join("..", "testdata", "tenant", "terraform")
	terraformBroken = filepath.Join("..", "testdata", "broken", "terraform")
)

// tfCanary is planted as a secret value in both Terraform fixtures.
const tfCanary = "hooks2actions-canary-5b0d7e31"

// tfScript joins lines as a script ending with a newline.
func tfScript(lines ...string) []byte {
	return []byte(strings.Join(lines, "\n") + "\n")
}

func readTFFixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadTerraformTenant(t *testing.T) {
	dir := terraformTenant
	tf := filepath.Join(dir, "hooks.tf")
	at := func(line, col int) finding.Location {
		return finding.Location{File: tf, Line: line, Column: col}
	}
	preReg := filepath.Join(dir, "hooks", "pre-user-registration.js")
	changePw := filepath.Join(dir, "hooks", "post-change-password.js")
	want := &Inventory{
		Source: OriginTerraform,
		Path:   dir,
		Hooks: []Hook{
			{
				Name:      "client-credentials-claims",
				TriggerID: "credentials-exchange",
				Enabled:   true,
				// <<EOF: $${ is Terraform's escape for ${.
				Script: tfScript(
					"const axios = require('axios@0.21.1');",
					"",
					"const NAMESPACE = 'https://api.acme.example/claims/';",
					"",
					"module.exports = function (client, scope, audience, context, cb) {",
					"  const access_token = {};",
					"  access_token.scope = scope || [];",
					"",
					"  const baseUrl = context.webtask.secrets.CLAIMS_API_URL;",
					"  const { CLAIMS_API_TOKEN } = context.webtask.secrets;",
					"",
					"  if (!baseUrl) {",
					"    return cb(null, access_token);",
					"  }",
					"",
					"  axios",
					"    .get(`${baseUrl}/v2/entitlements/${encodeURIComponent(client.id)}`, {",
					"      headers: { Authorization: `Bearer ${CLAIMS_API_TOKEN}` },",
					"      params: { audience },",
					"      timeout: 3000,",
					"    })",
					"    .then((res) => {",
					"      access_token[NAMESPACE + 'plan'] = (res.data || {}).plan || 'free';",
					"      cb(null, access_token);",
					"    })",
					"    .catch((err) => cb(new ServerError('Could not load entitlements')));",
					"};",
				),
				SecretKeys:        []string{"CLAIMS_API_TOKEN", "CLAIMS_API_URL"},
				SecretExpressions: []SecretExpression{{"CLAIMS_API_TOKEN", "var.claims_api_token"}, {"CLAIMS_API_URL", "local.claims_api_url"}},
				Dependencies:      map[string]string{"axios": "0.21.1"},
				Origin:            Origin{Kind: OriginTerraform, File: tf, ScriptLine: 11, Declared: at(4, 1)},
			},
			{
				Name:       "partner-signup-gate",
				TriggerID:  "pre-user-registration",
				Enabled:    true,
				Script:     readTFFixture(t, preReg),
				SecretKeys: []string{"LEGACY_TOKEN", "PARTNER_DIRECTORY_API_KEY", "PARTNER_DIRECTORY_URL"},
				// The two literal values are left out: they are the values.
				SecretExpressions: []SecretExpression{{"PARTNER_DIRECTORY_API_KEY", "var.partner_directory_api_key"}},
				Dependencies:      map[string]string{"node-fetch": "2.6.1"},
				Origin:            Origin{Kind: OriginTerraform, File: preReg, ScriptLine: 1, Declared: at(50, 1)},
			},
			{
				Name:      "welcome-email-and-slack",
				TriggerID: "post-user-registration",
				Enabled:   true,
				// <<-EOT: the four spaces every line shares are stripped.
				Script: tfScript(
					"const request = require('request@2.88.0');",
					"const sgMail = require('@sendgrid/mail@7.4.0');",
					"",
					"function sendWelcomeEmail(user, secrets) {",
					"  sgMail.setApiKey(secrets.SENDGRID_API_KEY);",
					"  return sgMail.send({",
					"    to: user.email,",
					"    from: secrets.WELCOME_FROM_ADDRESS || 'hello@acme.example',",
					"    templateId: secrets.SENDGRID_WELCOME_TEMPLATE_ID,",
					"  });",
					"}",
					"",
					"module.exports = function (user, context, cb) {",
					"  const secrets = context.webtask.secrets;",
					"  request.post({",
					"    url: secrets['SLACK_WEBHOOK_URL'],",
					"    json: { text: `:wave: New sign-up: ${user.email} (${user.id})` },",
					"  }, () => {});",
					"",
					"  sendWelcomeEmail(user, context.webtask.secrets)",
					"    .then(() => cb())",
					"    .catch(() => cb());",
					"};",
				),
				SecretKeys:        []string{"SENDGRID_API_KEY", "SENDGRID_WELCOME_TEMPLATE_ID", "SLACK_WEBHOOK_URL", "WELCOME_FROM_ADDRESS"},
				SecretExpressions: []SecretExpression{{"SENDGRID_API_KEY", "var.sendgrid_api_key"}, {"SLACK_WEBHOOK_URL", "var.slack_webhook_url"}},
				Dependencies:      map[string]string{"request": "2.88.0", "@sendgrid/mail": "7.4.0"},
				Origin:            Origin{Kind: OriginTerraform, File: tf, ScriptLine: 73, ScriptIndent: 4, Declared: at(68, 1)},
			},
			{
				Name:              "password-change-audit",
				TriggerID:         "post-change-password",
				Script:            readTFFixture(t, changePw),
				SecretKeys:        []string{"AUDIT_ENVIRONMENT", "AUDIT_TOKEN", "AUDIT_URL"},
				SecretExpressions: []SecretExpression{{"AUDIT_ENVIRONMENT", "var.environment"}, {"AUDIT_TOKEN", "var.audit_token"}, {"AUDIT_URL", "local.audit_url"}},
				Dependencies:      map[string]string{"axios": "0.21.1"},
				Origin:            Origin{Kind: OriginTerraform, File: changePw, ScriptLine: 1, Declared: at(111, 1)},
			},
			{
				Name:      "sms-short-code",
				TriggerID: "send-phone-message",
				// A quoted string: escapes decoded, no file to map positions to.
				Script: tfScript(
					"const twilio = require('twilio@3.54.0');",
					"",
					"module.exports = function (recipient, text, context, cb) {",
					"  const s = context.webtask.secrets;",
					"  twilio(s.TWILIO_ACCOUNT_SID, s.TWILIO_AUTH_TOKEN).messages",
					"    .create({ body: text, from: s.TWILIO_FROM_NUMBER, to: recipient })",
					"    .then((m) => cb(null, { MessageID: m.sid }))",
					"    .catch(cb);",
					"};",
				),
				SecretKeys:        []string{"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"},
				SecretExpressions: []SecretExpression{{"TWILIO_ACCOUNT_SID", "var.twilio_account_sid"}, {"TWILIO_AUTH_TOKEN", "var.twilio_auth_token"}},
				Dependencies:      map[string]string{"twilio": "3.54.0"},
				Origin:            Origin{Kind: OriginTerraform, Declared: at(128, 1)},
			},
		},
	}
	got, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
		t.Errorf("LoadTerraform(%q) mismatch (-want +got):\n%s", dir, diff)
	}
}

func TestLoadTerraformBroken(t *testing.T) {
	dir := terraformBroken
	tf := filepath.Join(dir, "hooks.tf")
	at := func(line, col int) finding.Location {
		return finding.Location{File: tf, Line: line, Column: col}
	}
	good := filepath.Join(dir, "hooks", "good.js")
	missing := filepath.Join(dir, "hooks", "missing.js")
	tpl := filepath.Join(dir, "hooks", "templated.js.tpl")
	want := &Inventory{
		Source: OriginTerraform,
		Path:   dir,
		Hooks: []Hook{
			{
				Name:       "slack-signup-notice",
				TriggerID:  "post-user-registration",
				Enabled:    true,
				Script:     readTFFixture(t, good),
				SecretKeys: []string{"SLACK_WEBHOOK_URL"},
				Origin:     Origin{Kind: OriginTerraform, File: good, ScriptLine: 1, Declared: at(1, 1)},
			},
			{
				// templatefile(): the template, its interpolation kept as written.
				Name:       "templated-claims",
				TriggerID:  "credentials-exchange",
				Script:     readTFFixture(t, tpl),
				SecretKeys: []string{},
				Origin:     Origin{Kind: OriginTerraform, File: tpl, ScriptLine: 1, Declared: at(12, 1)},
			},
			{
				Name:      "prefixed-secrets",
				TriggerID: "pre-user-registration",
				Script: tfScript(
					"module.exports = function (user, context, cb) {",
					"  cb(null, { user });",
					"};",
				),
				// The static key is kept; the two computed ones are problems.
				SecretKeys: []string{"STATIC_KEY"},
				Origin:     Origin{Kind: OriginTerraform, File: tf, ScriptLine: 24, Declared: at(20, 1)},
			},
			{
				Name:      "merged-secrets",
				TriggerID: "pre-user-registration",
				Script:    []byte("module.exports = function (user, context, cb) { cb(); };"),
				// nil: the keys are unknown, which is not "none".
				SecretKeys: nil,
				Origin:     Origin{Kind: OriginTerraform, Declared: at(36, 1)},
			},
			{
				// count: read once, with what is known; the script is missing.
				Name:       "password-audit",
				TriggerID:  "post-change-password",
				Enabled:    true,
				SecretKeys: []string{},
				Origin:     Origin{Kind: OriginTerraform, Declared: at(43, 1)},
			},
			{
				// An unknown trigger is dropped, the interpolation kept as written.
				Name: "login-claims",
				Script: tfScript(
					"module.exports = function (user, context, cb) {",
					"  const url = '${var.claims_api_url}/v1/claims';",
					"  cb();",
					"};",
				),
				SecretKeys: []string{},
				Origin:     Origin{Kind: OriginTerraform, File: tf, ScriptLine: 55, ScriptIndent: 4, Declared: at(51, 1)},
			},
			// audit_copy repeats the name "password-audit": left out.
			{
				Name:       "nameless",
				TriggerID:  "send-phone-message",
				SecretKeys: []string{},
				Origin:     Origin{Kind: OriginTerraform, Declared: at(68, 1)},
			},
			// unfinished.tf does not parse: its hook is left out, and named in a problem.
		},
		Problems: []Problem{
			{
				Hook:     "templated-claims",
				Location: finding.Location{File: tpl, Line: 3, Column: 16},
				Message:  "script template interpolates ${api_url}, which cannot be evaluated statically; kept as written",
			},
			{
				Hook:     "prefixed-secrets",
				Location: at(30, 5),
				Message:  "secret key cannot be evaluated statically: (var.secret_prefix); the other keys are kept",
			},
			{
				Hook:     "prefixed-secrets",
				Location: at(31, 5),
				Message:  `secret key cannot be evaluated statically: "${var.environment}_TOKEN"; the other keys are kept`,
			},
			{
				Hook:     "merged-secrets",
				Location: at(40, 16),
				Message:  "secrets cannot be evaluated statically (a call to merge); the secret keys are unknown",
			},
			{
				Hook:     "password-audit",
				Location: at(44, 3),
				Message:  "count makes instances that cannot be expanded statically; the hook is read once",
			},
			{
				Hook:     "password-audit",
				Location: at(48, 21),
				Message:  "script file " + missing + " cannot be read: no such file or directory",
			},
			{
				Hook:     "login-claims",
				Location: at(53, 16),
				Message:  `unknown triggerId "post-login" (want one of credentials-exchange, post-change-password, post-user-registration, pre-user-registration, send-phone-message)`,
			},
			{
				Hook:     "login-claims",
				Location: at(56, 20),
				Message:  "script interpolates ${var.claims_api_url}, which cannot be evaluated statically; kept as written",
			},
			{
				Hook:     "nameless",
				Location: at(68, 1),
				Message:  `no name: the hook is named after its resource label "nameless"`,
			},
			{
				Hook:     "nameless",
				Location: at(70, 16),
				Message:  `enabled cannot be evaluated statically: var.environment == "production"; taken as false`,
			},
			{
				Hook:     "nameless",
				Location: at(71, 16),
				Message:  "script cannot be evaluated statically: local.sms_script",
			},
			{
				Location: finding.Location{File: filepath.Join(dir, "unfinished.tf"), Line: 5, Column: 20}, // where the "=" is missing
				Message:  `Invalid block definition: A block definition must have block content delimited by "{" and "}", starting on the same line as the block header`,
			},
			{
				// The hook the broken file declares is named, not hidden.
				Hook:     "unfinished",
				Location: finding.Location{File: filepath.Join(dir, "unfinished.tf"), Line: 2, Column: 1},
				Message:  `resource "auth0_hook" "unfinished" is not read: the file it is in could not be parsed`,
			},
			{
				Hook:     "password-audit",
				Location: at(62, 1),
				Message:  "a hook of this name is already declared at " + tf + ":43:1; this one is left out",
			},
		},
	}
	got, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
		t.Errorf("LoadTerraform(%q) mismatch (-want +got):\n%s", dir, diff)
	}
}

// TestTerraformHeredocLines checks that the analyzer's positions, counted
// from Origin.ScriptLine and Origin.ScriptIndent, land on the right lines
// and columns of the .tf file: line k of a heredoc script is line
// ScriptLine+k-1 of the file, after the ScriptIndent characters <<- strips
// (up to the $${ escapes).
func TestTerraformHeredocLines(t *testing.T) {
	heredocs := 0
	for _, dir := range []string{terraformTenant, terraformBroken} {
		inv, err := LoadTerraform(dir, TerraformOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range inv.Hooks {
			if filepath.Ext(h.Origin.File) != TerraformExt {
				continue
			}
			heredocs++
			tfLines := strings.Split(string(readTFFixture(t, h.Origin.File)), "\n")
			scriptLines := strings.Split(strings.TrimSuffix(string(h.Script), "\n"), "\n")
			for k, line := range scriptLines {
				n := h.Origin.ScriptLine + k // 1-based line of the .tf file
				if n > len(tfLines) {
					t.Fatalf("hook %s: script line %d is past the end of %s", h.Name, k+1, h.Origin.File)
				}
				tfLine := strings.NewReplacer("$${", "${", "%%{", "%{").Replace(tfLines[n-1])
				indent, ok := strings.CutSuffix(tfLine, line)
				if !ok || strings.TrimLeft(indent, " \t") != "" {
					t.Errorf("hook %s: script line %d is %q, but line %d of %s is %q", h.Name, k+1, line, n, h.Origin.File, tfLines[n-1])
				}
				if line != "" && utf8.RuneCountInString(indent) != h.Origin.ScriptIndent {
					t.Errorf("hook %s: script line %d stands %d columns right in %s, but ScriptIndent is %d",
						h.Name, k+1, utf8.RuneCountInString(indent), h.Origin.File, h.Origin.ScriptIndent)
				}
			}
		}
	}
	if heredocs < 4 {
		t.Errorf("checked %d heredoc hooks, want at least 4", heredocs)
	}
}

// TestTerraformNoSecretValue looks for the canary planted as a secret value
// in both fixtures anywhere in what LoadTerraform returns.
func TestTerraformNoSecretValue(t *testing.T) {
	for _, dir := range []string{terraformTenant, terraformBroken} {
		if !bytes.Contains(readTFFixture(t, filepath.Join(dir, "hooks.tf")), []byte(tfCanary)) {
			t.Fatalf("%s/hooks.tf lost its canary secret value %q", dir, tfCanary)
		}
		inv, err := LoadTerraform(dir, TerraformOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// %#v prints []byte in hex: look at the scripts and messages as text too.
		texts := []string{fmt.Sprintf("%#v", inv), fmt.Sprintf("%+v", inv)}
		for _, h := range inv.Hooks {
			texts = append(texts, string(h.Script))
		}
		for _, p := range inv.Problems {
			texts = append(texts, p.Error())
		}
		for _, text := range texts {
			if strings.Contains(text, tfCanary) {
				t.Errorf("LoadTerraform(%q) holds the secret value %q:\n%s", dir, tfCanary, text)
			}
		}
	}
}

// TestLoadTerraformForms covers the expression forms one by one, on small
// modules in a temporary directory.
func TestLoadTerraformForms(t *testing.T) {
	const script = "module.exports = function (user, context, cb) { cb(); };\n"
	tests := []struct {
		name  string
		files map[string]string
		path  string // "" for the directory
		want  *Inventory
	}{
		{
			name: "file relative forms",
			files: map[string]string{
				"main.tf": `resource "auth0_hook" "a" {
  name       = "a"
  trigger_id = "post-user-registration"
  script     = file("./hooks/a.js")
}
resource "auth0_hook" "b" {
  name       = "b"
  trigger_id = "post-user-registration"
  script     = "${file("${path.root}/b.js")}"
}
resource "auth0_hook" "c" {
  name       = "c"
  trigger_id = "post-user-registration"
  script     = file(var.script_path)
}
`,
				"hooks/a.js": script,
				"b.js":       script,
			},
			want: &Inventory{
				Source: OriginTerraform,
				Path:   ".",
				Hooks: []Hook{
					{
						Name: "a", TriggerID: "post-user-registration", Script: []byte(script), SecretKeys: []string{},
						Origin: Origin{Kind: OriginTerraform, File: "hooks/a.js", ScriptLine: 1, Declared: finding.Location{File: "main.tf", Line: 1, Column: 1}},
					},
					{
						Name: "b", TriggerID: "post-user-registration", Script: []byte(script), SecretKeys: []string{},
						Origin: Origin{Kind: OriginTerraform, File: "b.js", ScriptLine: 1, Declared: finding.Location{File: "main.tf", Line: 6, Column: 1}},
					},
					{
						Name: "c", TriggerID: "post-user-registration", SecretKeys: []string{},
						Origin: Origin{Kind: OriginTerraform, Declared: finding.Location{File: "main.tf", Line: 11, Column: 1}},
					},
				},
				Problems: []Problem{{
					Hook:     "c",
					Location: finding.Location{File: "main.tf", Line: 14, Column: 16},
					Message:  "script cannot be evaluated statically: file(var.script_path)",
				}},
			},
		},
		{
			name: "single file, relative to its directory",
			files: map[string]string{
				"infra/auth0.tf": `resource "auth0_hook" "a" {
  name       = "a"
  trigger_id = "credentials-exchange"
  script     = file("${path.module}/a.js")
}
`,
				"infra/a.js":    script,
				"infra/skip.tf": `resource "auth0_hook" "skip" {}`,
			},
			path: "infra/auth0.tf",
			want: &Inventory{
				Source: OriginTerraform,
				Path:   "infra/auth0.tf",
				Hooks: []Hook{{
					Name: "a", TriggerID: "credentials-exchange", Script: []byte(script), SecretKeys: []string{},
					Origin: Origin{Kind: OriginTerraform, File: "infra/a.js", ScriptLine: 1, Declared: finding.Location{File: "infra/auth0.tf", Line: 1, Column: 1}},
				}},
			},
		},
		{
			name: "attribute values",
			files: map[string]string{
				"main.tf": `resource "auth0_hook" "values" {
  name         = "values"
  trigger_id   = "send-phone-message"
  enabled      = "true"
  script       = "a\tb\n\"c\" \u00e9 $${d}"
  secrets      = {}
  dependencies = {}
}
resource "auth0_hook" "nulls" {
  name         = "nulls"
  trigger_id   = "send-phone-message"
  enabled      = null
  script       = null
  secrets      = null
  dependencies = null
}
resource "auth0_hook" "wrong_types" {
  name         = "wrong-types"
  trigger_id   = "send-phone-message"
  enabled      = "maybe"
  script       = 42
  dependencies = ["axios"]
}
`,
			},
			want: &Inventory{
				Source: OriginTerraform,
				Path:   ".",
				Hooks: []Hook{
					{
						Name: "values", TriggerID: "send-phone-message", Enabled: true,
						Script:     []byte("a\tb\n\"c\" é ${d}"),
						SecretKeys: []string{},
						Origin:     Origin{Kind: OriginTerraform, Declared: finding.Location{File: "main.tf", Line: 1, Column: 1}},
					},
					{
						Name: "nulls", TriggerID: "send-phone-message", SecretKeys: []string{},
						Origin: Origin{Kind: OriginTerraform, Declared: finding.Location{File: "main.tf", Line: 9, Column: 1}},
					},
					{
						Name: "wrong-types", TriggerID: "send-phone-message", SecretKeys: []string{},
						Origin: Origin{Kind: OriginTerraform, Declared: finding.Location{File: "main.tf", Line: 17, Column: 1}},
					},
				},
				Problems: []Problem{
					{Hook: "nulls", Location: finding.Location{File: "main.tf", Line: 13, Column: 18}, Message: "script is null"},
					{Hook: "wrong-types", Location: finding.Location{File: "main.tf", Line: 20, Column: 18}, Message: "enabled must be a bool, not string; taken as false"},
					{Hook: "wrong-types", Location: finding.Location{File: "main.tf", Line: 21, Column: 18}, Message: "script must be a string, not number"},
					{Hook: "wrong-types", Location: finding.Location{File: "main.tf", Line: 22, Column: 18}, Message: "dependencies must be a map of strings, not tuple"},
				},
			},
		},
		{
			name: "missing attributes and meta-arguments",
			files: map[string]string{
				"main.tf": `resource "auth0_hook" "bare" {
  for_each = toset(var.names)
}
resource "auth0_hook" "computed" {
  name         = "hook-${var.env}"
  trigger_id   = var.trigger
  script       = "x"
  secrets      = { for k in var.keys : k => "v" }
  dependencies = { axios = var.axios_version }
}
`,
			},
			want: &Inventory{
				Source: OriginTerraform,
				Path:   ".",
				Hooks: []Hook{
					{
						Name: "bare", SecretKeys: []string{},
						Origin: Origin{Kind: OriginTerraform, Declared: finding.Location{File: "main.tf", Line: 1, Column: 1}},
					},
					{
						Name: "computed", Script: []byte("x"),
						Origin: Origin{Kind: OriginTerraform, Declared: finding.Location{File: "main.tf", Line: 4, Column: 1}},
					},
				},
				Problems: []Problem{
					{Hook: "bare", Location: finding.Location{File: "main.tf", Line: 1, Column: 1}, Message: `no name: the hook is named after its resource label "bare"`},
					{Hook: "bare", Location: finding.Location{File: "main.tf", Line: 1, Column: 1}, Message: "no triggerId (want one of credentials-exchange, post-change-password, post-user-registration, pre-user-registration, send-phone-message)"},
					{Hook: "bare", Location: finding.Location{File: "main.tf", Line: 1, Column: 1}, Message: "no script"},
					{Hook: "bare", Location: finding.Location{File: "main.tf", Line: 2, Column: 3}, Message: "for_each makes instances that cannot be expanded statically; the hook is read once"},
					{Hook: "computed", Location: finding.Location{File: "main.tf", Line: 5, Column: 18}, Message: `name cannot be evaluated statically: "hook-${var.env}"; the hook is named after its resource label "computed"`},
					{Hook: "computed", Location: finding.Location{File: "main.tf", Line: 6, Column: 18}, Message: "trigger_id cannot be evaluated statically: var.trigger"},
					{Hook: "computed", Location: finding.Location{File: "main.tf", Line: 8, Column: 18}, Message: "secrets cannot be evaluated statically (a for expression); the secret keys are unknown"},
					{Hook: "computed", Location: finding.Location{File: "main.tf", Line: 9, Column: 18}, Message: "dependencies cannot be evaluated statically: { axios = var.axios_version }"},
				},
			},
		},
		{
			name: "heredoc with directive and unicode columns",
			files: map[string]string{
				// 😀 is two UTF-16 code units, é one: %{ is in column 12.
				"main.tf": "resource \"auth0_hook\" \"h\" {\n  name       = \"h\"\n  trigger_id = \"pre-user-registration\"\n  script     = <<-JS\n    // 😀é %{ if var.debug }debug%{ endif }\n      const a = '${var.a}';\n  JS\n}\n",
			},
			want: &Inventory{
				Source: OriginTerraform,
				Path:   ".",
				Hooks: []Hook{{
					Name: "h", TriggerID: "pre-user-registration",
					Script:     []byte("// 😀é %{ if var.debug }debug%{ endif }\n  const a = '${var.a}';\n"),
					SecretKeys: []string{},
					Origin:     Origin{Kind: OriginTerraform, File: "main.tf", ScriptLine: 5, ScriptIndent: 4, Declared: finding.Location{File: "main.tf", Line: 1, Column: 1}},
				}},
				Problems: []Problem{{
					Hook:     "h",
					Location: finding.Location{File: "main.tf", Line: 5, Column: 12},
					Message:  "script interpolates %{ if var.debug }…, ${var.a}, which cannot be evaluated statically; kept as written",
				}},
			},
		},
		{
			name: "other blocks and files are ignored",
			files: map[string]string{
				"main.tf": `data "auth0_tenant" "t" {}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
resource "auth0_action" "a" {
  name = "a"
  code = "exports.onExecutePostLogin = async () => {};"
}
`,
				"modules/unused/main.tf": `resource "auth0_hook" "nested" {
  name = "nested"
}
`,
				".#main.tf":        `resource "auth0_hook" "lock" {}`,
				"main.tf~":         `resource "auth0_hook" "backup" {}`,
				"hooks.json":       `{"resource": {"auth0_hook": {"json": {"name": "json"}}}}`,
				"terraform.tfvars": `secret = "x"`,
			},
			// A module from a registry is not fetched, and says so.
			want: &Inventory{Source: OriginTerraform, Path: ".", Problems: []Problem{{
				Location: finding.Location{File: "main.tf", Line: 3, Column: 12}, Severity: finding.Note,
				Message: `module "vpc" comes from a registry or a repository, which is not fetched: any hook it declares is not audited (after terraform init, its copy under .terraform/modules is read)`,
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(writeFiles(t, tt.files))
			path := tt.path
			if path == "" {
				path = "."
			}
			got, err := LoadTerraform(path, TerraformOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, ignoreSecretsDeclared); diff != "" {
				t.Errorf("LoadTerraform(%q) mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestLoadTerraformErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"empty/README.md":          "no configuration here",
		"nested/modules/hook/x.tf": "",
		"notes.txt":                "",
		"module/main.tf":           "",
	})
	t.Chdir(dir)
	tests := []struct {
		path string
		want string
	}{
		{"missing", "reading Terraform configuration: stat missing: no such file or directory"},
		{"missing.tf", "reading Terraform configuration: stat missing.tf: no such file or directory"},
		{"empty", "empty has no .tf files: expected a Terraform module directory or a .tf file (subdirectories are not searched)"},
		{"nested", "nested has no .tf files: expected a Terraform module directory or a .tf file (subdirectories are not searched)"},
		{"notes.txt", "notes.txt is not a .tf file: expected a Terraform module directory or a .tf file"},
	}
	for _, tt := range tests {
		inv, err := LoadTerraform(tt.path, TerraformOptions{})
		if err == nil {
			t.Errorf("LoadTerraform(%q) = %+v, want error %q", tt.path, inv, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("LoadTerraform(%q) error mismatch (-want +got):\n%s", tt.path, diff)
		}
	}
	// An empty .tf file is a module with no hooks, not an error.
	inv, err := LoadTerraform("module", TerraformOptions{})
	if err != nil || len(inv.Hooks) != 0 || len(inv.Problems) != 0 {
		t.Errorf(`LoadTerraform("module") = %+v, %v; want an empty inventory`, inv, err)
	}
}

func TestLoadTerraformUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir := writeFiles(t, map[string]string{
		"a.tf": "",
		"b.tf": `resource "auth0_hook" "b" {
  name       = "b"
  trigger_id = "post-change-password"
  script     = "x"
}
`,
	})
	t.Chdir(dir)
	if err := os.Chmod("a.tf", 0); err != nil {
		t.Fatal(err)
	}
	want := &Inventory{
		Source: OriginTerraform,
		Path:   ".",
		Hooks: []Hook{{
			Name: "b", TriggerID: "post-change-password", Script: []byte("x"), SecretKeys: []string{},
			Origin: Origin{Kind: OriginTerraform, Declared: finding.Location{File: "b.tf", Line: 1, Column: 1}},
		}},
		Problems: []Problem{{
			Location: finding.Location{File: "a.tf"},
			Message:  "cannot be read, its hooks are left out: permission denied",
		}},
	}
	got, err := LoadTerraform(".", TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LoadTerraform mismatch (-want +got):\n%s", diff)
	}
	if _, err := LoadTerraform("a.tf", TerraformOptions{}); err == nil || err.Error() != "reading Terraform configuration: open a.tf: permission denied" {
		t.Errorf(`LoadTerraform("a.tf") error = %v, want permission denied`, err)
	}
}

func TestIsTerraformDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"module/main.tf":       "",
		"parent/child/main.tf": "",
		"hidden/.main.tf":      "",
		"json/main.tf.json":    "{}",
		"deploy/hooks/hook.js": "",
	})
	tests := map[string]bool{
		"module":  true,
		"parent":  false, // not recursive
		"hidden":  false,
		"json":    true, // the JSON syntax
		"deploy":  false,
		"missing": false,
	}
	for sub, want := range tests {
		if got := IsTerraformDirectory(filepath.Join(dir, sub)); got != want {
			t.Errorf("IsTerraformDirectory(%q) = %v, want %v", sub, got, want)
		}
	}
	if !IsTerraformDirectory(terraformTenant) {
		t.Errorf("IsTerraformDirectory(%q) = false, want true", terraformTenant)
	}
}

// FuzzLoadTerraform feeds arbitrary configurations to the loader: it never
// panics, and every position it gives lies inside the file.
func FuzzLoadTerraform(f *testing.F) {
	for _, path := range []string{
		filepath.Join(terraformTenant, "hooks.tf"),
		filepath.Join(terraformTenant, "main.tf"),
		filepath.Join(terraformBroken, "hooks.tf"),
		filepath.Join(terraformBroken, "unfinished.tf"),
	} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("resource \"auth0_hook\" \"h\" {\n  script = <<-EOT\n  EOT\n}\n"))
	f.Add([]byte("resource \"auth0_hook\" \"h\" {\n  script = \"${a}${b}\"\n  secrets = { (x) = 1 }\n}\n"))
	// Today's static evaluation: locals, merge, instances, templatefile, modules.
	f.Add([]byte("locals {\n  s = { K = var.k }\n  t = merge(local.s, local.s, { (local.n) = 1 })\n  n = \"${local.m}x\"\n  m = 2\n}\n" +
		"resource \"auth0_hook\" \"h\" {\n  for_each = toset([\"a\", local.n])\n  name = each.key\n  secrets = local.t\n" +
		"  script = templatefile(\"${path.module}/t.tpl\", { k = 1 })\n}\nmodule \"m\" {\n  source = \"./\"\n  count = 2\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		tf := filepath.Join(t.TempDir(), "main.tf")
		if err := os.WriteFile(tf, src, 0o644); err != nil {
			t.Fatal(err)
		}
		inv, err := LoadTerraform(tf, TerraformOptions{})
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Count(src, []byte{'\n'}) + 1
		inFile := func(what string, loc finding.Location) {
			if loc.File == tf && (loc.Line < 1 || loc.Line > lines || loc.Column < 1) {
				t.Errorf("%s at %d:%d, outside the %d lines of the file", what, loc.Line, loc.Column, lines)
			}
		}
		for _, h := range inv.Hooks {
			inFile("hook "+h.Name, h.Origin.Declared)
			if h.Origin.File == tf {
				inFile("script of "+h.Name, finding.Location{File: tf, Line: h.Origin.ScriptLine, Column: 1})
			}
		}
		for _, p := range inv.Problems {
			inFile("problem "+p.Message, p.Location)
		}
	})
}

// A secret's value expression is reused only when it refers to something
// and holds no literal text, which could be the secret or part of it.
func TestLoadTerraformSecretExpressions(t *testing.T) {
	src := `resource "auth0_hook" "h" {
  name       = "h"
  trigger_id = "post-user-registration"
  script     = "module.exports = function (user, context, cb) { cb(); };"
  secrets = {
    TRAVERSAL   = aws_iam_access_key.k.secret
    WRAPPED     = "${var.wrapped}"
    INDEXED     = var.keys[0]
    CALL        = trimspace(var.raw)
    CONDITIONAL = var.a != null ? var.a : local.b
    PREFIXED    = "Bearer ${var.token}"
    LOOKUP      = lookup(var.m, "key")
    LITERAL     = "hooks2actions-canary-literal"
    NUMBER      = 1234
    HEREDOC     = <<EOT
hooks2actions-canary-heredoc
EOT
    EACH        = each.value.key
    COMMENTED = coalesce(
      var.x, # hooks2actions-canary-comment
      var.y,
    )
  }
}
`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, err := LoadTerraform(dir, TerraformOptions{})
	if err != nil || len(inv.Hooks) != 1 {
		t.Fatalf("LoadTerraform: %v, %+v", err, inv)
	}
	want := []SecretExpression{
		{"CALL", "trimspace(var.raw)"},
		{"CONDITIONAL", "var.a != null ? var.a : local.b"},
		{"INDEXED", "var.keys[0]"},
		{"TRAVERSAL", "aws_iam_access_key.k.secret"},
		{"WRAPPED", "var.wrapped"},
	}
	if diff := cmp.Diff(want, inv.Hooks[0].SecretExpressions); diff != "" {
		t.Errorf("reused expressions (-want +got):\n%s", diff)
	}
	if len(inv.Hooks[0].SecretKeys) != 12 {
		t.Errorf("keys %v, want all 12", inv.Hooks[0].SecretKeys)
	}
}

// ignoreSecretsDeclared leaves the secrets' positions to the tests about
// them (TestSecretsDeclared).
var ignoreSecretsDeclared = cmpopts.IgnoreFields(Origin{}, "SecretsDeclared")

// TestSecretsDeclared: each secret key points at its own line, so that an
// unused secret is shown where it is defined, not at the hook's first line.
func TestSecretsDeclared(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": `resource "auth0_hook" "welcome" {
  name      = "welcome"
  script    = "module.exports = function (user, context, cb) { cb(); };"
  trigger_id = "post-user-registration"
  secrets = {
    API_KEY = var.api_key
    "OLD-KEY" = "x"
  }
}
`,
		"export/hooks/welcome.json": "{\n  \"name\": \"welcome\",\n  \"script\": \"./welcome.js\",\n  \"triggerId\": \"post-user-registration\",\n" +
			"  \"secrets\": {\n    \"API_KEY\": \"_VALUE_NOT_SHOWN_\",\n    \"OLD\": \"_VALUE_NOT_SHOWN_\"\n  }\n}\n",
		"export/hooks/welcome.js": "module.exports = function (user, context, cb) { cb(); };\n",
	})
	tf, err := LoadTerraform(filepath.Join(dir, "main.tf"), TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "main.tf")
	want := []SecretDeclared{{Key: "API_KEY", At: finding.Location{File: file, Line: 6, Column: 5}},
		{Key: "OLD-KEY", At: finding.Location{File: file, Line: 7, Column: 5}}}
	if diff := cmp.Diff(want, tf.Hooks[0].Origin.SecretsDeclared); diff != "" {
		t.Errorf("Terraform (-want +got):\n%s", diff)
	}
	if got := tf.Hooks[0].Origin.SecretWhere("OLD-KEY"); got.Line != 7 {
		t.Errorf("SecretWhere(OLD-KEY) = %v, want line 7", got)
	}
	if got := tf.Hooks[0].Origin.SecretWhere("NONE"); got != tf.Hooks[0].Origin.Where() {
		t.Errorf("SecretWhere of an undeclared key = %v, want the hook's place", got)
	}
	dep, err := LoadDeployDirectory(filepath.Join(dir, "export"), DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	json := filepath.Join(dir, "export", "hooks", "welcome.json")
	want = []SecretDeclared{{Key: "API_KEY", At: finding.Location{File: json, Line: 6, Column: 5}},
		{Key: "OLD", At: finding.Location{File: json, Line: 7, Column: 5}}}
	if diff := cmp.Diff(want, dep.Hooks[0].Origin.SecretsDeclared); diff != "" {
		t.Errorf("Deploy CLI directory (-want +got):\n%s", diff)
	}
}
