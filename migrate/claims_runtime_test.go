package migrate

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A response object whose contents the hook body does not set by plain
// assignments alone is read when the callback runs: otherwise the draft
// would set only the claims it saw and lose the others.
func TestDraftResponseReadAtRunTime(t *testing.T) {
	const claimsLoop = "  const accessToken = t;\n  for (const [claim, value] of Object.entries(accessToken ?? {})) {\n" +
		"    if (/^https?:\\/\\//.test(claim)) api.accessToken.setCustomClaim(claim, value);\n  };\n  return;\n};"
	cases := []struct {
		name, trigger, src, want string
		rules                    []string
	}{
		{"claims a helper sets", "credentials-exchange",
			"function add(t) { t['https://example.com/x'] = 1; }\nmodule.exports = function (client, scope, audience, context, cb) {\n  const t = {};\n  t['https://example.com/y'] = 2;\n  add(t);\n  cb(null, t);\n};",
			"function add(t) { t['https://example.com/x'] = 1; }\nexports.onExecuteCredentialsExchange = async (event, api) => {\n  const t = {};\n  t['https://example.com/y'] = 2;\n  add(t);\n" + claimsLoop, nil},
		{"claims set in a forEach callback", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  const t = {};\n  ['a', 'b'].forEach(function (k) { t['https://example.com/' + k] = true; });\n  cb(null, t);\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  const t = {};\n  ['a', 'b'].forEach(function (k) { t['https://example.com/' + k] = true; });\n" + claimsLoop, nil},
		{"a claim with a computed key", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  const t = {};\n  t['https://example.com/' + client.id] = true;\n  cb(null, t);\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  const t = {};\n  t['https://example.com/' + event.client.client_id] = true;\n" + claimsLoop, nil},
		{"a changed scope is still blocked", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  const t = { scope: ['x'] };\n  t.scope.push('y');\n  t['https://example.com/' + client.id] = true;\n  cb(null, t);\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n" +
				"  // hooks2actions: setting scope on a credentials-exchange token has no drop-in equivalent: api.transaction.addTargetScope/setTargetScopes are early access and drop scopes the client grant lacks\n" +
				"  const t = { scope: ['x'] };\n" +
				"  // hooks2actions: setting scope on a credentials-exchange token has no drop-in equivalent: api.transaction.addTargetScope/setTargetScopes are early access and drop scopes the client grant lacks\n" +
				"  t.scope.push('y');\n  t['https://example.com/' + event.client.client_id] = true;\n" + claimsLoop,
			[]string{"no-action-equivalent", "no-action-equivalent"}},
		{"a claim changed in depth", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  const t = { 'https://example.com/o': {} };\n  t['https://example.com/o'].plan = 'gold';\n  cb(null, t);\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  const t = { 'https://example.com/o': {} };\n  t['https://example.com/o'].plan = 'gold';\n" + claimsLoop, nil},
		{"pre-registration metadata a helper sets", "pre-user-registration",
			"function plan(r) { r.user.app_metadata.plan = 'free'; }\nmodule.exports = function (user, context, cb) {\n  const response = { user: { app_metadata: {} } };\n  plan(response);\n  cb(null, response);\n};",
			"function plan(r) { r.user.app_metadata.plan = 'free'; }\nexports.onExecutePreUserRegistration = async (event, api) => {\n  const response = { user: { app_metadata: {} } };\n  plan(response);\n  const response2 = response;\n" +
				"  for (const [key, value] of Object.entries(response2?.user?.user_metadata ?? {})) api.user.setUserMetadata(key, value);\n" +
				"  for (const [key, value] of Object.entries(response2?.user?.app_metadata ?? {})) api.user.setAppMetadata(key, value);\n  return;\n};", nil},
		{"a token read after its claims are set", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  const t = {};\n  t['https://example.com/x'] = 1;\n  log(t['https://example.com/x']);\n  cb(null, t);\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  const t = {};\n  t['https://example.com/x'] = 1;\n  log(t['https://example.com/x']);\n" + claimsLoop, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, rules := draft(t, tc.trigger, tc.src)
			if diff := cmp.Diff(tc.want, code); diff != "" {
				t.Errorf("draft (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.rules, rules); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}
}
