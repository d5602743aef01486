package tenant

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/finding"
)

const (
	deployDirFixture  = "../testdata/tenant/deploy-directory"
	deployYAMLFixture = "../testdata/tenant/deploy-yaml"
	brokenDeployDir   = "../testdata/broken/deploy-directory"
	brokenDeployYAML  = "../testdata/broken/deploy-yaml"
)

// triggerList is what CheckTrigger's messages list.
const triggerList = "credentials-exchange, post-change-password, post-user-registration, pre-user-registration, send-phone-message"

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fixtureHooks are the five hooks of the deploy-directory and deploy-yaml
// fixtures, in the order both list them, without their origins.
func fixtureHooks(t *testing.T, hooksDir string) []Hook {
	t.Helper()
	script := func(name string) []byte { return readBytes(t, filepath.Join(hooksDir, name+".js")) }
	return []Hook{
		{Name: "Welcome email and Slack", TriggerID: "post-user-registration", Enabled: true,
			Script:       script("Welcome email and Slack"),
			SecretKeys:   []string{"SENDGRID_API_KEY", "SENDGRID_WELCOME_TEMPLATE_ID", "SLACK_WEBHOOK_URL"},
			Dependencies: map[string]string{"request": "2.88.0", "@sendgrid/mail": "7.4.0"}},
		{Name: "m2m-entitlement-claims", TriggerID: "credentials-exchange", Enabled: true,
			Script:       script("m2m-entitlement-claims"),
			SecretKeys:   []string{"CLAIMS_API_TOKEN", "CLAIMS_API_URL", "LEGACY_API_KEY"},
			Dependencies: map[string]string{"axios": "0.21.1"}},
		{Name: "partner-domain-allowlist", TriggerID: "pre-user-registration", Enabled: true,
			Script:       script("partner-domain-allowlist"),
			SecretKeys:   []string{"PARTNER_DIRECTORY_API_KEY", "PARTNER_DIRECTORY_URL"},
			Dependencies: map[string]string{"node-fetch": "2.6.1"}},
		{Name: "password-change-audit", TriggerID: "post-change-password", Enabled: false,
			Script:       script("password-change-audit"),
			SecretKeys:   []string{"AUDIT_ENVIRONMENT", "AUDIT_TOKEN", "AUDIT_URL"},
			Dependencies: map[string]string{"axios": "0.21.1"}},
		{Name: "twilio-sms", TriggerID: "send-phone-message", Enabled: true,
			Script:       script("twilio-sms"),
			SecretKeys:   []string{"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"},
			Dependencies: map[string]string{"twilio": "3.54.0"}},
	}
}

func TestLoadDeployDirectory(t *testing.T) {
	dir := deployDirFixture
	hooks := fixtureHooks(t, filepath.Join(dir, "hooks"))
	ids := []string{"01GQN0SB4V6PYQ8D1FRN7WXK2E", "01GQN0PF9WWSBDN9PAXVKKQD2N", "01GQN0R7MZ3E8B2XK5TW4HJC9A",
		"01GQN0TK2C9HRS5M3VZD8YBQ6F", "01GQN0VW8N1TGX4J6KCF3PRM5D"}
	for i := range hooks {
		h := &hooks[i]
		h.ID = ids[i]
		h.Origin = Origin{Kind: OriginDeployDir, File: dir + "/hooks/" + h.Name + ".js", ScriptLine: 1,
			Declared: finding.Location{File: dir + "/hooks/" + h.Name + ".json", Line: 1}, HookID: ids[i]}
	}
	want := &Inventory{Source: OriginDeployDir, Path: dir, Hooks: hooks, Bindings: fixtureBindings()}
	got, err := LoadDeployDirectory(dir, DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
		t.Errorf("LoadDeployDirectory(%q) (-want +got):\n%s", dir, diff)
	}
}

// yamlFixtureHooks are the hooks of the deploy-yaml fixture; with the
// mappings of its config.json, the markers of two scripts are replaced.
func yamlFixtureHooks(t *testing.T, path, scriptDir string, mapped bool) []Hook {
	t.Helper()
	hooks := fixtureHooks(t, scriptDir)
	lines := []int{43, 54, 64, 73, 83}
	files := []string{"./hooks/Welcome email and Slack.js", "hooks/m2m-entitlement-claims.js",
		"./hooks/partner-domain-allowlist.js", "./hooks/password-change-audit.js", "./hooks/twilio-sms.js"}
	for i := range hooks {
		hooks[i].Origin = Origin{Kind: OriginDeployYAML, File: filepath.Join(scriptDir, "..", files[i]), ScriptLine: 1,
			Declared: finding.Location{File: path, Line: lines[i], Column: 5}}
	}
	if mapped {
		replace := func(h *Hook, old, new string) {
			if !strings.Contains(string(h.Script), old) {
				t.Fatalf("%s: no %q in the script", h.Name, old)
			}
			h.Script = []byte(strings.Replace(string(h.Script), old, new, 1))
		}
		replace(&hooks[1], `'@@CLAIMS_NAMESPACE@@'`, `"https://api.staging.acme.example/claims/"`)
		replace(&hooks[3], `'##ENVIRONMENT##'`, `'staging'`)
		replace(&hooks[3], `'@@AUDIT_TIMEOUT_MS@@'`, `2500`)
	}
	return hooks
}

func TestLoadDeployYAML(t *testing.T) {
	path := deployYAMLFixture + "/tenant.yaml"
	mappings, err := LoadKeywordMappings(deployYAMLFixture + "/config.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, mapped := range []bool{false, true} {
		t.Run(fmt.Sprintf("mapped=%v", mapped), func(t *testing.T) {
			opts := DeployOptions{}
			if mapped {
				opts.Mappings = mappings
			}
			want := &Inventory{Source: OriginDeployYAML, Path: path,
				Hooks: yamlFixtureHooks(t, path, deployYAMLFixture+"/hooks", mapped), Bindings: fixtureBindings()}
			got, err := LoadDeployYAML(path, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
				t.Errorf("LoadDeployYAML(%q) (-want +got):\n%s", path, diff)
			}
		})
	}
}

// AUTH0_BASE_PATH: the YAML file lives elsewhere and its scripts are found
// under the base path; both script path forms and backslashes resolve.
func TestLoadDeployYAMLBasePath(t *testing.T) {
	tmp := t.TempDir()
	path := filepath.Join(tmp, "tenant.yaml")
	yamlText := strings.Replace(string(readBytes(t, deployYAMLFixture+"/tenant.yaml")),
		"script: ./hooks/twilio-sms.js", `script: .\hooks\twilio-sms.js`, 1)
	if err := os.WriteFile(path, []byte(yamlText), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadDeployYAML(path, DeployOptions{BasePath: deployYAMLFixture})
	if err != nil {
		t.Fatal(err)
	}
	want := &Inventory{Source: OriginDeployYAML, Path: path,
		Hooks: yamlFixtureHooks(t, path, deployYAMLFixture+"/hooks", false), Bindings: fixtureBindings()}
	if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
		t.Errorf("LoadDeployYAML with BasePath (-want +got):\n%s", diff)
	}

	// Without the base path, the scripts are looked for next to the file.
	got, err = LoadDeployYAML(path, DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Problems) != 5 || !strings.Contains(got.Problems[0].Message, filepath.Join(tmp, "hooks")) {
		t.Errorf("without BasePath, want 5 missing scripts under %s, got %v", tmp, got.Problems)
	}
}

func TestLoadDeployDirectoryBroken(t *testing.T) {
	dir := brokenDeployDir
	at := func(file string, line, col int) finding.Location {
		return finding.Location{File: dir + "/hooks/" + file, Line: line, Column: col}
	}
	origin := func(name, script string) Origin {
		o := Origin{Kind: OriginDeployDir, Declared: at(name+".json", 1, 0)}
		if script != "" {
			o.File, o.ScriptLine = dir+"/hooks/"+script, 1
		}
		return o
	}
	script := func(name string) []byte { return readBytes(t, dir+"/hooks/"+name+".js") }
	want := &Inventory{Source: OriginDeployDir, Path: dir,
		Hooks: []Hook{
			{Name: "nameless", TriggerID: "credentials-exchange", Script: script("nameless"),
				Origin: origin("nameless", "nameless.js")},
			{Name: "password-audit", Script: script("password-audit"), SecretKeys: []string{"AUDIT_ENVIRONMENT"},
				Dependencies: map[string]string{}, Origin: origin("password-audit", "password-audit.js")},
			{Name: "post-login-claims", Enabled: true, Script: script("post-login-claims"), SecretKeys: []string{"DEFAULT_TIER"},
				Dependencies: map[string]string{}, Origin: origin("post-login-claims", "post-login-claims.js")},
			{Name: "shared-helper", TriggerID: "post-user-registration", SecretKeys: []string{},
				Dependencies: map[string]string{}, Origin: origin("shared-helper", "")},
			{Name: "sms-sender", TriggerID: "send-phone-message", Enabled: true, SecretKeys: []string{"TWILIO_AUTH_TOKEN"},
				Dependencies: map[string]string{"twilio": "3.54.0"}, Origin: origin("sms-sender", "")},
			{Name: "welcome-email", TriggerID: "post-user-registration", Enabled: true, Script: script("welcome-email"),
				SecretKeys: []string{"SENDGRID_API_KEY"}, Dependencies: map[string]string{}, Origin: origin("welcome-email", "welcome-email.js")},
		},
		Problems: []Problem{
			{Hook: "nameless", Location: at("nameless.json", 1, 0), Message: `no "name"; the hook is named after its file`},
			{Hook: "password-audit", Location: at("password-audit.json", 1, 0), Message: "no triggerId (want one of " + triggerList + ")"},
			{Hook: "password-audit", Location: at("password-audit.json", 5, 14), Message: `"enabled" is a string, want a boolean`},
			{Hook: "password-audit", Location: at("password-audit.json", 6, 3), Message: `unknown field "trigerId"`},
			{Hook: "post-login-claims", Location: at("post-login-claims.json", 6, 16),
				Message: `unknown triggerId "post-login" (want one of ` + triggerList + ")"},
			{Hook: "shared-helper", Location: at("shared-helper.json", 3, 13),
				Message: `script "../../deploy-yaml/hooks/welcome-email.js" resolves to ../testdata/broken/deploy-yaml/hooks/welcome-email.js, ` +
					"outside the export directory ../testdata/broken/deploy-directory; it is not read"},
			{Location: at("signup-domain-check.json", 5, 3), Message: `invalid JSON: invalid character '"' after object key:value pair`},
			{Hook: "sms-sender", Location: at("sms-sender.json", 3, 13),
				Message: "script file ../testdata/broken/deploy-directory/hooks/sms-sender.js does not exist"},
			{Hook: "welcome-email", Location: at("welcome-email2.json", 1, 0),
				Message: "a hook of this name is already declared at ../testdata/broken/deploy-directory/hooks/welcome-email.json:1; this one is left out"},
		},
	}
	got, err := LoadDeployDirectory(dir, DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
		t.Errorf("LoadDeployDirectory(%q) (-want +got):\n%s", dir, diff)
	}
}

func TestLoadDeployYAMLBroken(t *testing.T) {
	path := brokenDeployYAML + "/tenant.yaml"
	at := func(line, col int) finding.Location { return finding.Location{File: path, Line: line, Column: col} }
	origin := func(line int, script string) Origin {
		o := Origin{Kind: OriginDeployYAML, Declared: at(line, 5)}
		if script != "" {
			o.File, o.ScriptLine = brokenDeployYAML+"/hooks/"+script, 1
		}
		return o
	}
	script := func(name string) []byte { return readBytes(t, brokenDeployYAML+"/hooks/"+name+".js") }
	want := &Inventory{Source: OriginDeployYAML, Path: path,
		Hooks: []Hook{
			{Name: "welcome-email", TriggerID: "post-user-registration", Enabled: true, Script: script("welcome-email"),
				SecretKeys: []string{"SENDGRID_API_KEY"}, Dependencies: map[string]string{}, Origin: origin(10, "welcome-email.js")},
			{Name: "sms-sender", TriggerID: "send-phone-message", Enabled: true, SecretKeys: []string{"TWILIO_AUTH_TOKEN"},
				Origin: origin(17, "")},
			{Name: "post-login-claims", Enabled: true, Script: script("post-login-claims"),
				Origin: origin(23, "post-login-claims.js")},
			{Name: "password-audit", Script: script("password-audit"),
				Origin: origin(27, "password-audit.js")},
			{Name: "cce-claims", TriggerID: "credentials-exchange", Enabled: true, Script: script("cce-claims"),
				Dependencies: map[string]string{}, Origin: origin(39, "cce-claims.js")},
			{Name: "shared-helper", TriggerID: "post-user-registration", Origin: origin(47, "")},
		},
		Problems: []Problem{
			{Hook: "sms-sender", Location: at(18, 13), Message: "script file ../testdata/broken/deploy-yaml/hooks/sms-sender.js does not exist"},
			{Hook: "post-login-claims", Location: at(26, 16), Message: `unknown triggerId "post-login" (want one of ` + triggerList + ")"},
			{Hook: "password-audit", Location: at(27, 5), Message: "no triggerId (want one of " + triggerList + ")"},
			{Hook: "password-audit", Location: at(29, 14), Message: `"enabled" is a string, want a boolean`},
			{Hook: "password-audit", Location: at(30, 5), Message: `unknown field "trigerId"`},
			{Location: at(35, 5), Message: `no "name"; the hook is left out`},
			{Location: at(38, 5), Message: "hook entry is a string, want a mapping"},
			{Hook: "cce-claims", Location: at(42, 15), Message: `dependency "lodash" is a number, want a string`},
			{Hook: "cce-claims", Location: at(45, 7), Message: `"secrets" is a list, want a mapping`},
			{Hook: "shared-helper", Location: at(48, 13),
				Message: `script "../deploy-directory/hooks/welcome-email.js" resolves to ../testdata/broken/deploy-directory/hooks/welcome-email.js, ` +
					"outside the YAML file's directory ../testdata/broken/deploy-yaml; it is not read"},
			{Hook: "welcome-email", Location: at(31, 5),
				Message: "a hook of this name is already declared at ../testdata/broken/deploy-yaml/tenant.yaml:10:5; this one is left out"},
		},
	}
	got, err := LoadDeployYAML(path, DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
		t.Errorf("LoadDeployYAML(%q) (-want +got):\n%s", path, diff)
	}
}

func TestLoadDeployYAMLErrors(t *testing.T) {
	const head = "tenant:\n  friendly_name: Acme\nhooks:\n  - name: welcome-email\n    script: ./hooks/welcome-email.js\n"
	tests := []struct {
		name, yaml, want string
	}{
		// yaml.v3 says line 3 (where "hooks:" starts); the key out of place is on line 7.
		{"dedented key", head + "    enabled: true\n  triggerId: post-user-registration\n",
			"line 7: did not find expected '-' indicator"},
		{"over-indented key", head + "    enabled: true\n     triggerId: post-user-registration\n",
			"line 7: mapping values are not allowed in this context"},
		{"unclosed flow mapping", head + "    secrets: {SENDGRID_API_KEY: _VALUE_NOT_SHOWN_\n    triggerId: post-user-registration\n",
			"line 6: did not find expected ',' or '}'"},
		{"character that cannot start a token", head + "    triggerId: `post-user-registration`\n",
			"line 6: found character that cannot start any token"},
		{"tab indentation", head + "\tenabled: true\n", "line 6: found a tab character that violates indentation"},
		{"unknown anchor", head + "    secrets: *common\n", "line 6: unknown anchor referenced (its name is not shown: a value that starts with * must be quoted)"},
		{"top level is a list", "- name: welcome-email\n", "line 1, column 1: the file holds a list, want a mapping of tenant sections"},
		{"hooks is a mapping", "hooks:\n  welcome-email:\n    enabled: true\n", `line 2, column 3: "hooks" is a mapping, want a list of hooks`},
		// js-yaml's load refuses a stream of documents; reading the first
		// alone would drop the hooks of the others.
		{"second document", "---\n" + head + "    triggerId: post-user-registration\n---\nhooks:\n  - name: other\n",
			"line 8: a second YAML document starts here; a tenant.yaml holds one (the Deploy CLI refuses more), so the hooks of the others would not be read: merge them into one"},
		{"empty second document", head + "    triggerId: post-user-registration\n---\n", "line 7: a second YAML document starts here"},
		{"broken second document", head + "    triggerId: post-user-registration\n---\nhooks: [\n", "line 8: did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(writeFiles(t, map[string]string{"tenant.yaml": tt.yaml}), "tenant.yaml")
			inv, err := LoadDeployYAML(path, DeployOptions{})
			want := "reading " + path + ": " + tt.want
			if err == nil || !strings.HasPrefix(err.Error(), want) || inv != nil {
				t.Errorf("LoadDeployYAML = %v, %v\nwant error %s", inv, err, want)
			}
		})
	}

	path := "../testdata/broken/deploy-yaml-syntax/tenant.yaml"
	_, err := LoadDeployYAML(path, DeployOptions{})
	if want := "reading " + path + ": line 7: did not find expected '-' indicator"; err == nil || err.Error() != want {
		t.Errorf("LoadDeployYAML(%q) error = %v, want %s", path, err, want)
	}

	_, err = LoadDeployYAML("no/such/tenant.yaml", DeployOptions{})
	if want := "reading no/such/tenant.yaml: no such file or directory"; err == nil || err.Error() != want {
		t.Errorf("missing file: error = %v, want %s", err, want)
	}
}

func TestLoadDeployYAMLWithoutHooks(t *testing.T) {
	for name, text := range map[string]string{
		"no hooks key":         "tenant:\n  friendly_name: Acme\nclients: []\nrules:\n  - name: x\n    script: ./rules/x.js\n",
		"empty hooks":          "tenant:\n  friendly_name: Acme\nhooks:\n",
		"empty list":           "hooks: []\n",
		"empty file":           "",
		"comment only":         "# nothing exported\n",
		"one document, marked": "---\nhooks: []\n...\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(writeFiles(t, map[string]string{"tenant.yml": text}), "tenant.yml")
			got, err := LoadDeployYAML(path, DeployOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&Inventory{Source: OriginDeployYAML, Path: path}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Anchors, aliases and merge keys are YAML that js-yaml reads; entries
// built from them are hooks like any other.
func TestLoadDeployYAMLAnchors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"tenant.yaml": `x-common: &common
  enabled: false
  triggerId: post-user-registration
  secrets: &secrets
    SLACK_WEBHOOK_URL: _VALUE_NOT_SHOWN_
hooks:
  - <<: *common
    name: slack-notify
    script: ./hooks/slack-notify.js
    enabled: true
  - name: slack-notify-eu
    script: ./hooks/slack-notify.js
    triggerId: post-user-registration
    secrets: *secrets
`,
		"hooks/slack-notify.js": "module.exports = function (user, context, cb) { cb(); };\n",
	})
	path := filepath.Join(dir, "tenant.yaml")
	script := []byte("module.exports = function (user, context, cb) { cb(); };\n")
	origin := func(line int) Origin {
		return Origin{Kind: OriginDeployYAML, File: filepath.Join(dir, "hooks/slack-notify.js"), ScriptLine: 1,
			Declared: finding.Location{File: path, Line: line, Column: 5}}
	}
	want := &Inventory{Source: OriginDeployYAML, Path: path, Hooks: []Hook{
		{Name: "slack-notify", TriggerID: "post-user-registration", Enabled: true, Script: script,
			SecretKeys: []string{"SLACK_WEBHOOK_URL"}, Origin: origin(7)},
		{Name: "slack-notify-eu", TriggerID: "post-user-registration", Script: script,
			SecretKeys: []string{"SLACK_WEBHOOK_URL"}, Origin: origin(11)},
	}}
	got, err := LoadDeployYAML(path, DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLoadDeployDirectoryErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"export/hooks": "not a directory", "tenant.yaml": "hooks: []\n"})
	tests := []struct{ dir, want string }{
		{filepath.Join(dir, "missing"), "reading " + filepath.Join(dir, "missing") + ": no such file or directory"},
		{filepath.Join(dir, "tenant.yaml"), "reading " + filepath.Join(dir, "tenant.yaml") +
			": not a directory: a Deploy CLI directory export is a directory holding hooks/"},
		{filepath.Join(dir, "export"), "reading " + filepath.Join(dir, "export", "hooks") +
			": not a directory: the Deploy CLI expects a hooks directory"},
	}
	for _, tt := range tests {
		inv, err := LoadDeployDirectory(tt.dir, DeployOptions{})
		if err == nil || err.Error() != tt.want || inv != nil {
			t.Errorf("LoadDeployDirectory(%q) = %v, %v; want error %s", tt.dir, inv, err, tt.want)
		}
	}

	// An export of a tenant without hooks has no hooks/ directory.
	empty := writeFiles(t, map[string]string{"tenant.json": "{}\n", "clients/App.json": "{}\n"})
	got, err := LoadDeployDirectory(empty, DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&Inventory{Source: OriginDeployDir, Path: empty}, got); diff != "" {
		t.Errorf("export without hooks (-want +got):\n%s", diff)
	}

	if _, err := LoadDeployDirectory(deployDirFixture, DeployOptions{Mappings: map[string]string{"ENV": "staging"}}); err == nil ||
		!strings.Contains(err.Error(), `keyword mapping "ENV": the value is not JSON text`) {
		t.Errorf("mapping that is not JSON text: error = %v", err)
	}
}

// One hook file of each kind of trouble that the fixtures do not cover.
func TestLoadDeployDirectoryHookProblems(t *testing.T) {
	tests := []struct {
		name, json string
		mappings   map[string]string
		want       Hook
		problems   []Problem // Location.File is filled in
	}{
		{
			name: "keyword markers without mappings",
			json: `{"name": "welcome", "script": "./welcome.js", "triggerId": "##TRIGGER##",
 "secrets": @@WELCOME_SECRETS@@, "dependencies": {"axios": "@@AXIOS_VERSION@@"}}`,
			want: Hook{Name: "welcome", Dependencies: map[string]string{"axios": "@@AXIOS_VERSION@@"}},
			problems: []Problem{
				{Location: finding.Location{Line: 1, Column: 60}, Message: `unknown triggerId "##TRIGGER##" (want one of ` + triggerList + ")"},
				{Location: finding.Location{Line: 2, Column: 13}, Message: `"secrets" is a string, want an object`},
			},
		},
		{
			name: "keyword markers with mappings",
			json: `{"name": "welcome", "script": "./welcome.js", "triggerId": "##TRIGGER##",
 "secrets": @@WELCOME_SECRETS@@, "dependencies": {"axios": "@@AXIOS_VERSION@@"}, "enabled": @@ENABLED@@}`,
			mappings: map[string]string{"TRIGGER": `"post-user-registration"`, "AXIOS_VERSION": `"1.6.8"`, "ENABLED": "true",
				"WELCOME_SECRETS": `{"SENDGRID_API_KEY": "SG.mapped-value", "FROM": "hello@acme.example"}`},
			want: Hook{Name: "welcome", TriggerID: "post-user-registration", Enabled: true,
				SecretKeys: []string{"FROM", "SENDGRID_API_KEY"}, Dependencies: map[string]string{"axios": "1.6.8"}},
		},
		{
			name: "wrong types",
			json: `{"name": "welcome", "script": "./welcome.js", "triggerId": 3, "enabled": null, "id": 17,
 "secrets": {"PIN": 4921, "KEY": "_VALUE_NOT_SHOWN_"}, "dependencies": ["axios"]}`,
			want: Hook{Name: "welcome", SecretKeys: []string{"KEY", "PIN"}},
			problems: []Problem{
				{Location: finding.Location{Line: 1, Column: 60}, Message: `"triggerId" is a number, want a string`},
				{Location: finding.Location{Line: 1, Column: 74}, Message: `"enabled" is null, want a boolean`},
				{Location: finding.Location{Line: 1, Column: 86}, Message: `"id" is a number, want a string`},
				{Location: finding.Location{Line: 2, Column: 21}, Message: `secret "PIN" is a number, want a string`},
				{Location: finding.Location{Line: 2, Column: 72}, Message: `"dependencies" is an array, want an object`},
			},
		},
		{
			// Columns count UTF-16 code units: the emoji counts two.
			name: "repeated and unknown fields",
			json: `{"name": "w😀", "name": "welcome", "script": "./welcome.js", "triggerId": "post-user-registration", "active": true}`,
			want: Hook{Name: "welcome", TriggerID: "post-user-registration"},
			problems: []Problem{
				{Location: finding.Location{Line: 1, Column: 17}, Message: `field "name" is given twice; the last one is used`},
				{Location: finding.Location{Line: 1, Column: 101}, Message: `unknown field "active"`},
			},
		},
		{
			name: "not an object",
			json: `[{"name": "welcome"}]`,
			problems: []Problem{
				{Location: finding.Location{Line: 1, Column: 1}, Message: "the file holds an array, want a hook object"},
			},
		},
		{
			name: "truncated file",
			json: "{\n  \"name\": \"welcome\",\n",
			problems: []Problem{
				{Location: finding.Location{Line: 3, Column: 1}, Message: "invalid JSON: unexpected end of JSON input"},
			},
		},
		{
			// JSON.parse refuses it too; a Windows editor may have saved it.
			name: "byte order mark",
			json: "\uFEFF" + `{"name": "welcome", "script": "./welcome.js", "triggerId": "post-user-registration"}`,
			problems: []Problem{
				{Location: finding.Location{Line: 1, Column: 1},
					Message: "invalid JSON: the file starts with a UTF-8 byte order mark, which JSON does not allow: save it without one"},
			},
		},
		{
			name: "no script",
			json: `{"name": "welcome", "script": "", "triggerId": "post-user-registration"}`,
			want: Hook{Name: "welcome", TriggerID: "post-user-registration"},
			problems: []Problem{
				{Location: finding.Location{Line: 1, Column: 31}, Message: `"script" is empty`},
			},
		},
	}
	const script = "module.exports = function (user, context, cb) { cb(); };\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"hooks/welcome.json": tt.json, "hooks/welcome.js": script})
			file := filepath.Join(dir, "hooks", "welcome.json")
			want := &Inventory{Source: OriginDeployDir, Path: dir}
			if tt.want.Name != "" {
				h := tt.want
				h.Origin = Origin{Kind: OriginDeployDir, Declared: finding.Location{File: file, Line: 1}}
				if !strings.Contains(tt.json, `"script": ""`) {
					h.Script = []byte(script)
					h.Origin.File, h.Origin.ScriptLine = filepath.Join(dir, "hooks", "welcome.js"), 1
				}
				want.Hooks = []Hook{h}
			}
			for _, p := range tt.problems {
				p.Location.File = file
				if tt.want.Name != "" {
					p.Hook = tt.want.Name
				}
				want.Problems = append(want.Problems, p)
			}
			got, err := LoadDeployDirectory(dir, DeployOptions{Mappings: tt.mappings})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, ignoreSecretsDeclared); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// No secret value of any fixture, given in the file or through a keyword
// mapping, reaches the inventory: not a hook, not a problem message.
func TestDeployCLINoSecretValues(t *testing.T) {
	canaries := []string{"CANARY", "SG.mapped-value"}
	mappings, err := LoadKeywordMappings(deployYAMLFixture + "/config.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(mappings), "CANARY") {
		t.Fatal("the mappings fixture should hold a canary value")
	}
	mappings["WELCOME_SECRETS"] = `{"SENDGRID_API_KEY": "SG.mapped-value"}`
	for _, opts := range []DeployOptions{{}, {Mappings: mappings}} {
		for _, load := range []struct {
			path string
			fn   func(string, DeployOptions) (*Inventory, error)
			file string // holds a canary
		}{
			{deployDirFixture, LoadDeployDirectory, deployDirFixture + "/hooks/partner-domain-allowlist.json"},
			{deployYAMLFixture + "/tenant.yaml", LoadDeployYAML, deployYAMLFixture + "/tenant.yaml"},
			{brokenDeployDir, LoadDeployDirectory, brokenDeployDir + "/hooks/signup-domain-check.json"},
		} {
			if !strings.Contains(string(readBytes(t, load.file)), "CANARY") {
				t.Fatalf("%s should hold a canary secret value", load.file)
			}
			inv, err := load.fn(load.path, opts)
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			fmt.Fprintf(&all, "%#v\n", inv)
			for _, h := range inv.Hooks {
				fmt.Fprintf(&all, "%s\n", h.Script)
			}
			for _, p := range inv.Problems {
				fmt.Fprintf(&all, "%s\n", p.Error())
			}
			for _, c := range canaries {
				if strings.Contains(all.String(), c) {
					t.Errorf("%s (mappings: %v): a secret value %q reached the inventory:\n%s", load.path, opts.Mappings != nil, c, all.String())
				}
			}
		}
	}
}

func TestIsDeploySource(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"export/hooks/welcome.json":   "{}",
		"export/hooks/welcome.js":     "",
		"scripts-only/hooks/x.js":     "",
		"no-hooks/clients/App.json":   "{}",
		"hooks-file/hooks":            "",
		"json-dir/hooks/old.json/x":   "",
		"tenant.yaml":                 "",
		"tenant.YML":                  "",
		"tenant.json":                 "{}",
		"dir.yaml/tenant.yaml":        "",
		"export/hooks/README.md":      "",
		"export/tenant.json":          "{}",
		"export/clients/Default.json": "{}",
	})
	for path, want := range map[string]bool{
		"export": true, "scripts-only": false, "no-hooks": false, "hooks-file": false, "json-dir": false, "missing": false,
	} {
		if got := IsDeployDirectory(filepath.Join(dir, path)); got != want {
			t.Errorf("IsDeployDirectory(%s) = %v, want %v", path, got, want)
		}
	}
	for path, want := range map[string]bool{
		"tenant.yaml": true, "tenant.YML": true, "missing.yaml": true, "tenant.json": false, "dir.yaml": false, "export": false,
	} {
		if got := IsDeployYAML(filepath.Join(dir, path)); got != want {
			t.Errorf("IsDeployYAML(%s) = %v, want %v", path, got, want)
		}
	}
}
