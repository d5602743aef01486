package migrate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// input analyses a script as the hook's source would give it.
func input(name, trig string, defined []string, script string) HookInput {
	h := tenant.Hook{Name: name, TriggerID: trig, Enabled: true, Script: []byte(script), SecretKeys: defined,
		Origin: tenant.Origin{Kind: tenant.OriginDeployDir, File: "hooks/" + name + ".js", ScriptLine: 1,
			Declared: finding.Location{File: "hooks/" + name + ".json", Line: 1}}}
	return HookInput{Hook: h, Result: analyzer.Analyze(h.Script, h.Origin.File, trig)}
}

type ruled struct{ Rule, Hook, Secret string }

func rules(fs []finding.Finding) []ruled {
	var out []ruled
	for _, f := range fs {
		out = append(out, ruled{f.Rule, f.Hook, f.Secret})
	}
	return out
}

const pur = "pre-user-registration"

func TestSecretsMapping(t *testing.T) {
	cases := []struct {
		name    string
		in      HookInput
		want    []SecretMapping
		wantFnd []ruled
	}{
		{
			name: "carry, unused and missing",
			in: input("welcome", pur, []string{"API_KEY", "LEGACY"},
				"module.exports = function (u, context, cb) { use(context.webtask.secrets.API_KEY, context.webtask.secrets.NEW); };"),
			want:    []SecretMapping{{Key: "API_KEY", Status: Carry}, {Key: "LEGACY", Status: Unused}, {Key: "NEW", Status: Missing}},
			wantFnd: []ruled{{finding.RuleMissingSecret, "welcome", "NEW"}, {finding.RuleUnusedSecret, "welcome", "LEGACY"}},
		},
		{
			name: "dynamic access makes the unread unknown",
			in: input("dyn", pur, []string{"A", "B"},
				"module.exports = function (u, context, cb) { use(context.webtask.secrets.A, context.webtask.secrets[u.k]); };"),
			want: []SecretMapping{{Key: "A", Status: Carry}, {Key: "B", Status: Unknown}},
		},
		{
			name: "a script that does not parse rules nothing out",
			in:   input("broken", pur, []string{"A", "B"}, "module.exports = function (u, context, cb) { context.webtask.secrets.A; ) };"),
			want: []SecretMapping{{Key: "A", Status: Carry}, {Key: "B", Status: Unknown}},
		},
		{
			name: "defined keys unknown: every read is carried",
			in:   input("bare", pur, nil, "module.exports = function (u, context, cb) { use(context.webtask.secrets.Z, context.webtask.secrets.A); };"),
			want: []SecretMapping{{Key: "A", Status: Carry}, {Key: "Z", Status: Carry}},
		},
		{
			name: "no script: every defined key unknown",
			in: HookInput{Hook: tenant.Hook{Name: "lost", TriggerID: pur, SecretKeys: []string{"K"},
				Origin: tenant.Origin{Declared: finding.Location{File: "hooks/lost.json"}}}},
			want: []SecretMapping{{Key: "K", Status: Unknown}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Build([]HookInput{tc.in}, Options{})
			if diff := cmp.Diff(tc.want, p.Actions[0].Secrets, cmpopts.EquateEmpty(), cmpopts.IgnoreFields(SecretMapping{}, "Marker")); diff != "" {
				t.Errorf("mapping (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantFnd, rules(p.Findings)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindingLocations(t *testing.T) {
	in := input("welcome", pur, []string{"LEGACY"}, "module.exports = function (u, context, cb) {\n  use(context.webtask.secrets.NEW);\n};")
	p := Build([]HookInput{in}, Options{})
	want := []finding.Location{{File: "hooks/welcome.js", Line: 2, Column: 31}, {File: "hooks/welcome.json", Line: 1}}
	var got []finding.Location
	for _, f := range p.Findings {
		got = append(got, f.Location)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("locations (-want +got):\n%s", diff)
	}
}

// reads builds a hook script reading the given keys.
func reads(keys []string) string {
	var b strings.Builder
	b.WriteString("module.exports = function (u, context, cb) {\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "  use(context.webtask.secrets[%q]);\n", k)
	}
	b.WriteString("};\n")
	return b.String()
}

func keys(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%02d", prefix, i)
	}
	return out
}

func TestSecretLimits(t *testing.T) {
	twenty := keys("K", 20)
	long := strings.Repeat("X", 129)
	cases := []struct {
		name string
		in   HookInput
		want []ruled
	}{
		{"a hook at its 20-secret maximum fits", input("full", pur, twenty, reads(twenty)), nil},
		{"128 characters fit", input("edge", pur, []string{strings.Repeat("Y", 128)}, reads([]string{strings.Repeat("Y", 128)})), nil},
		{"a key over 128 characters", input("long", pur, []string{long}, reads([]string{long})),
			[]ruled{{finding.RuleSecretLimitExceeded, "long", long}}},
		{"more than 30 once the missing ones are added", input("over", pur, twenty, reads(append(keys("K", 20), keys("M", 11)...))),
			append(missing("over", keys("M", 11)), ruled{finding.RuleSecretLimitExceeded, "over", ""})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Build([]HookInput{tc.in}, Options{})
			if diff := cmp.Diff(tc.want, rules(p.Findings), cmpopts.SortSlices(func(a, b ruled) bool {
				return a.Rule+a.Secret < b.Rule+b.Secret
			})); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func missing(hook string, keys []string) []ruled {
	var out []ruled
	for _, k := range keys {
		out = append(out, ruled{finding.RuleMissingSecret, hook, k})
	}
	return out
}

func TestActionsPerHook(t *testing.T) {
	script := "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };"
	hooks := []HookInput{
		input("a/b", "", nil, script),
		input("a-b", "credentials-exchange", nil, script),
		input("Welcome", "post-user-registration", nil, "module.exports = function (user, context, cb) {};"),
		input("welcome", "", nil, "module.exports = (user, context) => {};"),
	}
	hooks[3].Hook.Enabled = false
	p := Build(hooks, Options{TriggerVersions: map[string]string{"post-user-registration": "v3"}})
	type summary struct {
		Hook, Name, File, Trigger, Version, Handler string
		Enabled                                     bool
	}
	var got []summary
	for _, a := range p.Actions {
		got = append(got, summary{a.Hook, a.Name, a.FileName, a.TriggerID, a.Version, a.Handler, a.HookEnabled})
	}
	want := []summary{
		{"Welcome", "Welcome", "Welcome", "post-user-registration", "v3", "onExecutePostUserRegistration", true},
		{"a-b", "a-b", "a-b", "credentials-exchange", "v2", "onExecuteCredentialsExchange", true},
		{"a/b", "a/b-2", "a-b-2", "credentials-exchange", "v2", "onExecuteCredentialsExchange", true},
		// Two parameters fit the three user triggers: no trigger, no handler.
		{"welcome", "welcome-2", "welcome-2", "", "", "", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	wantFindings := []ruled{{finding.RuleActionNameCollision, "a/b", ""}, {finding.RuleActionNameCollision, "welcome", ""}}
	if diff := cmp.Diff(wantFindings, rules(p.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestDependencies(t *testing.T) {
	script := `const request = require('request@2.88.0');
const sg = require('@sendgrid/mail@7.4.0');
const crypto = require('crypto'), path = require('node:path'), local = require('./util');
const axios = require('axios@0.21.1');
module.exports = function (user, context, cb) {};`
	in := input("deps", pur, nil, script)
	in.Hook.Dependencies = map[string]string{"axios": "0.27.2", "lodash": "4.17.21"}
	p := Build([]HookInput{in}, Options{})
	want := []Dependency{
		{Name: "@sendgrid/mail", Version: "7.4.0", From: []string{"require at line 2"}},
		{Name: "axios", Version: "0.27.2", From: []string{"dependencies", "require at line 4"}},
		{Name: "lodash", Version: "4.17.21", From: []string{"dependencies"}},
		{Name: "request", Version: "2.88.0", From: []string{"require at line 1"}},
	}
	if diff := cmp.Diff(want, p.Actions[0].Dependencies); diff != "" {
		t.Errorf("dependencies (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ruled{{finding.RuleDependencyConflict, "deps", ""}}, rules(p.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestTooManyDependencies(t *testing.T) {
	in := input("heavy", pur, nil, "module.exports = function (user, context, cb) {};")
	in.Hook.Dependencies = map[string]string{}
	for _, k := range keys("pkg", 11) {
		in.Hook.Dependencies[k] = "1.0.0"
	}
	p := Build([]HookInput{in}, Options{})
	if diff := cmp.Diff([]ruled{{finding.RuleTooManyDependencies, "heavy", ""}}, rules(p.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestParseSpecifier(t *testing.T) {
	cases := map[string][2]string{
		"request":              {"request", ""},
		"request@2.88.0":       {"request", "2.88.0"},
		"@sendgrid/mail":       {"@sendgrid/mail", ""},
		"@sendgrid/mail@7.4.0": {"@sendgrid/mail", "7.4.0"},
		"lodash@4.17.21/fp":    {"lodash", "4.17.21"},
		"lodash/fp":            {"lodash", ""},
		"@scope":               {"@scope", ""},
	}
	for spec, want := range cases {
		name, version := ParseSpecifier(spec)
		if name != want[0] || version != want[1] {
			t.Errorf("ParseSpecifier(%q) = %q, %q; want %q, %q", spec, name, version, want[0], want[1])
		}
	}
	for spec, want := range map[string]bool{"crypto": true, "node:fs": true, "fs/promises": true, "request": false, "@x/crypto": false} {
		if got := IsBuiltin(spec); got != want {
			t.Errorf("IsBuiltin(%q) = %v", spec, got)
		}
	}
}

func TestSanitizeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"welcome email": "welcome email", "a/b": "a-b", `x:y*z?"`: "x-y-z--", "con": "-con", "..": "--", "trail. ": "trail", "": "-",
	} {
		if got := SanitizeFileName(in); got != want {
			t.Errorf("SanitizeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkers(t *testing.T) {
	p := Build([]HookInput{input("Welcome email", pur, []string{"SENDGRID_KEY", "OLD"},
		"module.exports = function (u, context, cb) { use(context.webtask.secrets.SENDGRID_KEY); };")}, Options{})
	want := []SecretMapping{{Key: "OLD", Status: Unused}, {Key: "SENDGRID_KEY", Status: Carry, Marker: "WELCOME_EMAIL__SENDGRID_KEY"}}
	if diff := cmp.Diff(want, p.Actions[0].Secrets); diff != "" {
		t.Errorf("mapping (-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{"a-b c": "A_B_C", "--x--": "X", "api.key": "API_KEY", "Ünï": "N"} {
		if got := upperSnake(in); got != want {
			t.Errorf("upperSnake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkersAreUniqueAcrossThePlan(t *testing.T) {
	script := "module.exports = function (u, context, cb) { use(context.webtask.secrets['api-key'], context.webtask.secrets.API_KEY); };"
	p := Build([]HookInput{
		input("a-b", pur, []string{"api-key", "API_KEY"}, script),
		input("a_b", pur, []string{"API_KEY"}, script),
	}, Options{})
	var got []string
	for _, a := range p.Actions {
		for _, m := range a.Secrets {
			got = append(got, m.Marker)
		}
	}
	want := []string{"A_B__API_KEY", "A_B__API_KEY_2", "A_B__API_KEY_3", "A_B__API_KEY_4"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("markers (-want +got):\n%s", diff)
	}
}
