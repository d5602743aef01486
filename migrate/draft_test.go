package migrate

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
)

var update = flag.Bool("update", false, "rewrite the golden drafts in testdata/golden/drafts")

// detailed analyses a script with the detail a draft needs, giving the
// three-parameter hooks whose trigger cannot be inferred a default one.
func detailed(name, trig string, src []byte) HookInput {
	h := tenant.Hook{Name: name, TriggerID: trig, Script: src,
		Origin: tenant.Origin{Kind: tenant.OriginFile, File: name + ".js", ScriptLine: 1}}
	r := analyzer.AnalyzeScript(analyzer.Script{Source: src, File: h.Origin.File, TriggerID: trig, Detail: true})
	if r.TriggerID == "" && trig == "" {
		return detailed(name, "post-user-registration", src)
	}
	return HookInput{Hook: h, Result: r}
}

// scriptHook is a hook script of testdata and the golden file of its draft.
type scriptHook struct {
	path, golden string
	in           HookInput
}

// scriptHooks reads the sample, pattern and conversion hooks of testdata.
// The samples are named after their triggers, the conversions sit in a
// directory named after theirs; the patterns' triggers are inferred.
func scriptHooks(t *testing.T) []scriptHook {
	t.Helper()
	var out []scriptHook
	for _, glob := range []string{"../testdata/sample/*.js", "../testdata/patterns/*.js", "../testdata/conversions/*/*.js"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimSuffix(filepath.Base(f), ".js")
			dir := filepath.Base(filepath.Dir(f))
			trig, golden := "", filepath.Join("..", "testdata", "golden", "drafts", filepath.Base(f))
			switch {
			case dir == "sample":
				trig = strings.TrimPrefix(name, "client-")
			case dir != "patterns":
				trig, golden = dir, filepath.Join("..", "testdata", "golden", "drafts", "conversions", dir, filepath.Base(f))
			}
			out = append(out, scriptHook{path: f, golden: golden, in: detailed(name, trig, src)})
		}
	}
	return out
}

// TestGoldenDrafts drafts every sample, pattern and conversion hook: each
// draft must match its golden file; -update rewrites them for review in
// the diff.
func TestGoldenDrafts(t *testing.T) {
	hooks := scriptHooks(t)
	drafted := 0
	for _, h := range hooks {
		t.Run(h.in.Hook.Name, func(t *testing.T) {
			p := Build([]HookInput{h.in}, Options{})
			for _, fd := range p.Findings {
				if fd.Rule == finding.RuleInternalError {
					t.Fatalf("%s: %s", fd.Rule, fd.Message)
				}
			}
			d := p.Actions[0].Draft
			if d == nil {
				if _, err := os.Stat(h.golden); err == nil {
					t.Errorf("no draft, but %s exists", h.golden)
				}
				return
			}
			drafted++
			checkGolden(t, h.golden, d.Code)
		})
	}
	if drafted < len(hooks)/2 {
		t.Errorf("only %d of %d hooks were drafted", drafted, len(hooks))
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./migrate -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// draft drafts one script and returns its code and the rules it raised.
func draft(t *testing.T, trig, src string) (string, []string) {
	t.Helper()
	p := Build([]HookInput{detailed("hook", trig, []byte(src))}, Options{})
	var rules []string
	for _, f := range p.Findings {
		rules = append(rules, f.Rule)
	}
	if p.Actions[0].Draft == nil {
		t.Fatalf("no draft; findings %v", p.Findings)
	}
	return p.Actions[0].Draft.Code, rules
}

func TestDraftConversions(t *testing.T) {
	cases := []struct {
		name, trigger, src, want string
		rules                    []string
	}{
		{"guide: custom claim on the access token", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  var access_token = {};\n  access_token['https://example.com/claim'] = 'bar';\n  cb(null, access_token);\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  var access_token = {};\n  api.accessToken.setCustomClaim(\"https://example.com/claim\", 'bar');\n  return;\n};", nil},
		{"claims in the literal returned", "credentials-exchange",
			"module.exports = (client, scope, audience, context, cb) => {\n  cb(null, { 'https://a/plan': client.metadata.plan, 'https://a/id': client.id });\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  api.accessToken.setCustomClaim(\"https://a/plan\", event.client.metadata.plan);\n  api.accessToken.setCustomClaim(\"https://a/id\", event.client.client_id);\n  return;\n};", nil},
		{"guide: user metadata and deny", "pre-user-registration",
			"module.exports = function (user, context, callback) {\n  if (!user.email) return callback(new Error(\"Failure message\"));\n  return callback(null, { user: { user_metadata: { favorite_color: \"purple\" }, app_metadata: { plan: 'free' } } });\n};",
			"exports.onExecutePreUserRegistration = async (event, api) => {\n  if (!event.user.email) return api.access.deny(\"Failure message\");\n  api.user.setUserMetadata(\"favorite_color\", \"purple\");\n  api.user.setAppMetadata(\"plan\", 'free');\n  return;\n};", nil},
		{"guide: tenant from the connection, secrets destructured", "post-user-registration",
			"module.exports = function (user, context, cb) {\n  const { SLACK_URL } = context.webtask.secrets;\n  post(SLACK_URL, { tenant: context.connection.tenant, id: user.id });\n  cb();\n};",
			"exports.onExecutePostUserRegistration = async (event, api) => {\n  const { SLACK_URL } = event.secrets;\n  // hooks2actions: the hook's user.id was the bare id, without the \"auth0|\" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value\n  post(SLACK_URL, { tenant: event.tenant.id, id: event.user.user_id?.replace(/^[^|]*\\|/, '') });\n  return;\n};", nil},
		{"aliases and helpers of the context keep working", "post-change-password",
			"function send(ctx) { return ctx.webtask.secrets.KEY; }\nmodule.exports = async function (user, context, cb) {\n  const wt = context.webtask, c = context;\n  const { webtask: { secrets } } = context;\n  send(context);\n  use(wt.secrets.A, c.webtask.secrets.B, secrets.C);\n  cb();\n};",
			"function send(ctx) { return ctx.webtask.secrets.KEY; }\nexports.onExecutePostChangePassword = async (event, api) => {\n  // The hook's context, rebuilt from the event with the fields the hook had: the code below uses it whole.\n  let context = {\n    connection: {\n      id: event.connection?.id,\n      name: event.connection?.name,\n      tenant: event.tenant.id,\n    },\n    webtask: {\n      secrets: event.secrets,\n    },\n  };\n\n  const wt = event, c = context;\n  const { webtask: { secrets } } = context;\n  send(context);\n  use(wt.secrets.A, c.webtask.secrets.B, secrets.C);\n  return;\n};", nil},
		{"declared function, versioned requires, shorthand", "send-phone-message",
			"const twilio = require('twilio@3.54.0');\nfunction sms(recipient, text, context, cb) {\n  twilio().messages.create({ to: recipient, body: text, recipient });\n  cb(null, {});\n}\nmodule.exports = sms;",
			"const twilio = require('twilio');\nasync function sms(event, api) {\n  twilio().messages.create({ to: event.message_options.recipient, body: event.message_options.text, recipient: event.message_options.recipient });\n  return;\n}\nexports.onExecuteSendPhoneMessage = sms;", nil},
		{"bare function expression", "post-user-registration",
			"function (user, context, cb) {\n  cb(null, user, context);\n}",
			"exports.onExecutePostUserRegistration = async function (event, api) {\n  return;\n}", nil},
		{"no equivalent: storage, auth0, scope and a password", "pre-user-registration",
			"module.exports = function (user, context, cb) {\n  context.webtask.storage.get((e, d) => {});\n  auth0.users.updateAppMetadata(user.id, {});\n  check(user.password);\n  cb(null, { user });\n};",
			"exports.onExecutePreUserRegistration = async (event, api) => {\n  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.\n  let user = {\n    tenant: event.tenant.id,\n    username: event.user.username,\n    email: event.user.email,\n    phoneNumber: event.user.phone_number,\n    user_metadata: event.user.user_metadata,\n    app_metadata: event.user.app_metadata,\n  };\n" +
				"  // hooks2actions: no Action equivalent of context.webtask.storage: this stand-in reads as empty storage and fails every write; keep the data elsewhere (an API or database of your own) or drop this code\n" +
				"  const webtaskStorage = {\n    get(callback) { Promise.resolve().then(() => callback(null, undefined)); },\n    set(data, options, callback) {\n" +
				"      const done = typeof options === 'function' ? options : callback;\n" +
				"      Promise.resolve().then(() => done?.(new Error('context.webtask.storage has no Action equivalent: nothing was stored')));\n    },\n  };\n" +
				"\n  // hooks2actions: context.webtask.storage has no Action equivalent: Actions cannot persist data between executions (api.cache keeps a little, without guarantee)\n  webtaskStorage.get((e, d) => {});\n  // hooks2actions: user.id has no documented field on the Action's event\n  // hooks2actions: Actions get no global auth0 object and no Management API token: use the Management API client (node-auth0) with client credentials kept in secrets\n  auth0.users.updateAppMetadata(user.id, {});\n  // hooks2actions: user.password has no documented field on the Action's event\n  check(user.password);\n  const response = { user };\n  for (const [key, value] of Object.entries(response?.user?.user_metadata ?? {})) api.user.setUserMetadata(key, value);\n  for (const [key, value] of Object.entries(response?.user?.app_metadata ?? {})) api.user.setAppMetadata(key, value);\n  return;\n};",
			[]string{"no-action-equivalent", "draft-unbound-name", "no-action-equivalent", "no-action-equivalent", "no-action-equivalent"}},
		{"a promise chain the callback ends is awaited", "post-change-password",
			"module.exports = function (user, context, cb) {\n  fetch(url).then(() => cb()).catch((err) => {\n    cb(err);\n  });\n  log('sent');\n};",
			"exports.onExecutePostChangePassword = async (event, api) => {\n  await fetch(url).then(() => undefined).catch((err) => {\n    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did\n    throw err;\n  });\n  log('sent');\n};", nil},
		{"a returned chain is awaited already", "post-change-password",
			"module.exports = (user, context, cb) => {\n  return fetch(url).then(() => cb());\n};",
			"exports.onExecutePostChangePassword = async (event, api) => {\n  return fetch(url).then(() => undefined);\n};", nil},
		{"a callback-style API: the callback is kept inside a promise", "post-change-password",
			"module.exports = function (user, context, cb) {\n  request.post(url, (err) => {\n    if (err) return cb(err);\n    cb();\n  });\n};",
			"exports.onExecutePostChangePassword = async (event, api) => {\n  return new Promise((resolve, reject) => {\n    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.\n    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did\n    const cb = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());\n\n  request.post(url, (err) => {\n    if (err) return cb(err);\n    cb();\n  });\n  });\n};", nil},
		{"scope changes in credentials exchange", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  scope.push('read:extra');\n  cb(null, { scope: scope });\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].\n  const scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;\n\n  // hooks2actions: changing the scopes of a credentials-exchange token has no drop-in equivalent: api.transaction.addTargetScope/setTargetScopes are early access and drop scopes the client grant lacks\n  scope.push('read:extra');\n  return;\n};",
			[]string{"no-action-equivalent"}},
		{"credentials exchange: every read of scope keeps the hook's value, undefined without a grant", "credentials-exchange",
			"module.exports = function(client, scope, audience, context, cb){ if (!scope) return cb(new InvalidScopeError('a scope is required')); if (scope.length > 1) return cb(new InvalidScopeError('too many: ' + scope.join(' '))); cb(null, {}); }",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].\n  const scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;\n if (!scope) return api.access.deny(\"invalid_scope\", 'a scope is required'); if (scope.length > 1) return api.access.deny(\"invalid_scope\", 'too many: ' + scope.join(' ')); return; }", nil},
		{"credentials exchange: a var that redeclares scope keeps compiling", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  var scope = scope || ['read'];\n  cb(null, { 'https://a/s': scope.join(' ') });\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].\n  var scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;\n\n  var scope = scope || ['read'];\n  api.accessToken.setCustomClaim(\"https://a/s\", scope.join(' '));\n  return;\n};", nil},
		{"credentials exchange: a scope parameter named event is renamed", "credentials-exchange",
			"module.exports = function(client, event, audience, context, cb){ if (event.indexOf('admin') < 0) return cb(new InvalidScopeError('no admin')); cb(null, {}); }",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].\n  const hookEvent = event.accessToken.scope?.length ? event.accessToken.scope : undefined;\n if (hookEvent.indexOf('admin') < 0) return api.access.deny(\"invalid_scope\", 'no admin'); return; }", nil},
		{"name clash: a local named event is renamed", "post-change-password",
			"module.exports = async (user, context, cb) => {\n  const event = { type: 'pwd', who: user.email };\n  await post(event);\n  cb();\n};",
			"exports.onExecutePostChangePassword = async (event, api) => {\n  const hookEvent = { type: 'pwd', who: event.user.email };\n  await post(hookEvent);\n  return;\n};", nil},
		{"name clash: a module named api and a helper parameter named event", "post-user-registration",
			"const api = require('./api');\nfunction log(event) { return api.log(event.type); }\nmodule.exports = function (user, context, cb) {\n  log({ type: 'signup' });\n  cb();\n};",
			"const hookApi = require('./api');\nfunction log(hookEvent) { return hookApi.log(hookEvent.type); }\nexports.onExecutePostUserRegistration = async (event, api) => {\n  log({ type: 'signup' });\n  return;\n};", nil},
		{"a user passed on whole keeps the hook's fields and its bare id", "post-user-registration",
			"function welcome(u) { return send(u.id, u.email, JSON.stringify(u)); }\nmodule.exports = function (user, context, cb) {\n  welcome(user);\n  cb();\n};",
			"function welcome(u) { return send(u.id, u.email, JSON.stringify(u)); }\nexports.onExecutePostUserRegistration = async (event, api) => {\n  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.\n  // hooks2actions: the hook's user.id was the bare id, without the \"auth0|\" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value\n  let user = {\n    id: event.user.user_id?.replace(/^[^|]*\\|/, ''),\n    tenant: event.tenant.id,\n    username: event.user.username,\n    email: event.user.email,\n    emailVerified: event.user.email_verified,\n    phoneNumber: event.user.phone_number,\n    phoneNumberVerified: event.user.phone_verified,\n    user_metadata: event.user.user_metadata,\n    app_metadata: event.user.app_metadata,\n  };\n\n  welcome(user);\n  return;\n};", nil},
		{"a context passed on whole keeps message_type and the secrets", "send-phone-message",
			"function body(text, ctx) { return ctx.message_type === 'voice' ? ctx.code : text + ctx.webtask.secrets.SUFFIX; }\nmodule.exports = function (recipient, text, context, cb) {\n  sms(recipient, body(text, context), { ...context.user });\n  cb(null, {});\n};",
			"function body(text, ctx) { return ctx.message_type === 'voice' ? ctx.code : text + ctx.webtask.secrets.SUFFIX; }\nexports.onExecuteSendPhoneMessage = async (event, api) => {\n  // The hook's context, rebuilt from the event with the fields the hook had: the code below uses it whole.\n  let context = {\n    message_type: event.message_options.message_type,\n    action: event.message_options.action,\n    language: event.request?.language,\n    code: event.message_options.code,\n    ip: event.request?.ip,\n    user_agent: event.request?.user_agent,\n    client: {\n      client_id: event.client?.client_id,\n      name: event.client?.name,\n      client_metadata: event.client?.metadata,\n    },\n    user: {\n      name: event.user?.name,\n      user_id: event.user?.user_id,\n      email: event.user?.email,\n      app_metadata: event.user?.app_metadata,\n      user_metadata: event.user?.user_metadata,\n    },\n    webtask: {\n      secrets: event.secrets,\n    },\n  };\n\n  sms(event.message_options.recipient, body(event.message_options.text, context), { ...context.user });\n  return;\n};", nil},
		{"the token request body of credentials exchange", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  cb(null, { 'https://a/aud': context.body.audience });\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  // hooks2actions: the hook's context.body is read as event.request.body, the body of the token request; the hook docs do not describe context.body, so check that it held the same\n  api.accessToken.setCustomClaim(\"https://a/aud\", event.request.body.audience);\n  return;\n};", nil},
		{"pre-registration: metadata set on the user returned", "pre-user-registration",
			"module.exports = function (user, context, cb) {\n  user.app_metadata = user.app_metadata || {};\n  user.app_metadata.plan = 'trial';\n  cb(null, { user });\n};",
			"exports.onExecutePreUserRegistration = async (event, api) => {\n  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.\n  let user = {\n    tenant: event.tenant.id,\n    username: event.user.username,\n    email: event.user.email,\n    phoneNumber: event.user.phone_number,\n    user_metadata: event.user.user_metadata,\n    app_metadata: event.user.app_metadata,\n  };\n\n  user.app_metadata = user.app_metadata || {};\n  user.app_metadata.plan = 'trial';\n  const response = { user };\n  for (const [key, value] of Object.entries(response?.user?.user_metadata ?? {})) api.user.setUserMetadata(key, value);\n  for (const [key, value] of Object.entries(response?.user?.app_metadata ?? {})) api.user.setAppMetadata(key, value);\n  return;\n};", nil},
		{"pre-registration: errors of every kind deny", "pre-user-registration",
			"module.exports = function (user, context, cb) {\n  if (!user.email) return cb('no email');\n  const err = new PreUserRegistrationError('blocked', 'Not allowed');\n  if (user.email.endsWith('@x.com')) return cb(err);\n  cb(null);\n};",
			"// The hooks runtime's error classes, which this code still uses: Actions do not have them.\nclass PreUserRegistrationError extends Error {\n  constructor(message, userMessage) {\n    super(message);\n    this.name = 'PreUserRegistrationError';\n    this.userMessage = userMessage;\n  }\n}\n\nexports.onExecutePreUserRegistration = async (event, api) => {\n  // hooks2actions: the hook called back with a value that is not an Error: what the hooks runtime answered then is not documented; the draft denies with its message (or the value as a string), as for an Error\n  if (!event.user.email) return api.access.deny('no email');\n  const err = new PreUserRegistrationError('blocked', 'Not allowed');\n  if (event.user.email.endsWith('@x.com')) return api.access.deny(err?.message ?? String(err), err?.userMessage);\n  return;\n};", nil},
		{"credentials exchange: error classes deny with their codes", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  if (!client.metadata.tier) return cb(new InvalidRequestError('no tier'));\n  if (audience !== 'https://api') return cb(new InvalidScopeError('wrong audience'));\n  cb(null, {});\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  if (!event.client.metadata.tier) return api.access.deny(\"invalid_request\", 'no tier');\n  if (event.resource_server.identifier !== 'https://api') return api.access.deny(\"invalid_scope\", 'wrong audience');\n  return;\n};", nil},
		{"credentials exchange: values that are not Errors deny too", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  if (!client.metadata.org) return cb({ message: 'no org' });\n  if (client.metadata.off) return cb({ name: 'InvalidRequestError', message: 'off' });\n  if (client.metadata.tier) return cb(client.metadata.tier + ' is not allowed');\n  cb(null, {});\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  // hooks2actions: the hook called back with a value that is not an Error: what the hooks runtime answered then is not documented; the draft denies with its message (or the value as a string), as for an Error\n  if (!event.client.metadata.org) return api.access.deny(\"server_error\", 'no org');\n  // hooks2actions: the hook called back with a value that is not an Error: what the hooks runtime answered then is not documented; the draft denies with its message (or the value as a string), as for an Error\n  if (event.client.metadata.off) return api.access.deny(\"invalid_request\", 'off');\n  // hooks2actions: the hook called back with a value that is not an Error: what the hooks runtime answered then is not documented; the draft denies with its message (or the value as a string), as for an Error\n  if (event.client.metadata.tier) return ((err) => api.access.deny(({ InvalidScopeError: 'invalid_scope', InvalidRequestError: 'invalid_request' })[err?.name] ?? 'server_error', err?.message ?? String(err)))(event.client.metadata.tier + ' is not allowed');\n  return;\n};", nil},
		{"credentials exchange: an Error without a message denies with its class's code", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  if (!client.metadata.org) return cb(new InvalidRequestError());\n  cb(null, {});\n};",
			"// The hooks runtime's error classes, which this code still uses: Actions do not have them.\nclass InvalidRequestError extends Error {\n  constructor(message) {\n    super(message);\n    this.name = 'InvalidRequestError';\n  }\n}\n\nexports.onExecuteCredentialsExchange = async (event, api) => {\n  if (!event.client.metadata.org) return ((err) => api.access.deny(({ InvalidScopeError: 'invalid_scope', InvalidRequestError: 'invalid_request' })[err?.name] ?? 'server_error', err?.message ?? String(err)))(new InvalidRequestError);\n  return;\n};", nil},
		{"pre-registration: values that are not Errors deny too", "pre-user-registration",
			"module.exports = function (user, context, cb) {\n  if (!user.email) return cb({ message: 'no email' });\n  if (user.username === 'root') return cb(reserved(user.username));\n  cb(null, {});\n};",
			"exports.onExecutePreUserRegistration = async (event, api) => {\n  // hooks2actions: the hook called back with a value that is not an Error: what the hooks runtime answered then is not documented; the draft denies with its message (or the value as a string), as for an Error\n  if (!event.user.email) return api.access.deny('no email');\n  // hooks2actions: the hook called back with a value that is not an Error: what the hooks runtime answered then is not documented; the draft denies with its message (or the value as a string), as for an Error\n  if (event.user.username === 'root') return ((err) => api.access.deny(err?.message ?? String(err), err?.userMessage))(reserved(event.user.username));\n  return;\n};", nil},
		{"post triggers: a string error becomes an Error, thrown as the hook failed", "post-user-registration",
			"module.exports = function (user, context, cb) {\n  if (!user.email) return cb('no email');\n  cb();\n};",
			"exports.onExecutePostUserRegistration = async (event, api) => {\n  // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did\n  if (!event.user.email) throw new Error('no email');\n  return;\n};", nil},
		{"the callback as a value: .catch(cb)", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  lookup(client.id)\n    .then((plan) => cb(null, { 'https://a/plan': plan }))\n    .catch(cb);\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  return new Promise((resolve, reject) => {\n    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.\n    let answered = false;\n    const cb = (err, accessToken) => {\n      // The hooks runtime kept the first answer and ignored any later call.\n      if (answered) return;\n      answered = true;\n      if (err) {\n        api.access.deny('server_error', err?.message ?? String(err));\n      } else {\n        // Only namespaced properties of the hook's response became claims; scope kept the token's scopes.\n        for (const [claim, value] of Object.entries(accessToken ?? {})) {\n          if (/^https?:\\/\\//.test(claim)) api.accessToken.setCustomClaim(claim, value);\n        }\n      }\n      resolve();\n    };\n\n  lookup(event.client.client_id)\n    .then((plan) => cb(null, { 'https://a/plan': plan }))\n    .catch(cb);\n  });\n};", nil},
		{"the callback as a value: async.waterfall", "post-change-password",
			"const async = require('async');\nmodule.exports = function (user, context, cb) {\n  async.waterfall([(next) => audit(user.email, next)], cb);\n};",
			"const async = require('async');\nexports.onExecutePostChangePassword = async (event, api) => {\n  return new Promise((resolve, reject) => {\n    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.\n    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did\n    const cb = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());\n\n  async.waterfall([(next) => audit(event.user.email, next)], cb);\n  });\n};", nil},
		{"a response in an unbraced if stays one statement", "pre-user-registration",
			"module.exports = function (user, context, cb) {\n  if (context.requestLanguage === 'fr') cb(null, { user: { user_metadata: { lang: 'fr' }, app_metadata: { eu: true } } });\n  else cb(null);\n};",
			"exports.onExecutePreUserRegistration = async (event, api) => {\n  if (event.request.language === 'fr') {\n    api.user.setUserMetadata(\"lang\", 'fr');\n    api.user.setAppMetadata(\"eu\", true);\n    return;\n  }\n  else return;\n};", nil},
		{"approximate fields: the nearest one, with a note", "pre-user-registration",
			"module.exports = function (user, context, cb) {\n  if (context.renderLanguage === 'de') return cb(new PreUserRegistrationError('de', 'Nicht erlaubt'));\n  cb();\n};",
			"exports.onExecutePreUserRegistration = async (event, api) => {\n  // hooks2actions: the event has no render language: event.request.language is the nearest field (the docs' own example uses it where the hook used context.renderLanguage); check that it fits\n  if (event.request.language === 'de') return api.access.deny('de', 'Nicht erlaubt');\n  return;\n};", nil},
		{"credentials exchange: only namespaced properties become claims", "credentials-exchange",
			"module.exports = function (client, scope, audience, context, cb) {\n  cb(null, { plan: 'gold', 'https://acme.example/plan': 'gold' });\n};",
			"exports.onExecuteCredentialsExchange = async (event, api) => {\n  // hooks2actions: the hooks runtime ignored the token property \"plan\": only namespaced (URL) properties became claims, so the draft sets none\n  api.accessToken.setCustomClaim(\"https://acme.example/plan\", 'gold');\n  return;\n};", nil},
		{"module.exports read elsewhere is the handler", "post-change-password",
			"module.exports = function (user, context, cb) {\n  cb();\n};\nmodule.exports.version = 2;\nif (typeof module.exports !== 'function') throw new Error('no hook');",
			"exports.onExecutePostChangePassword = async (event, api) => {\n  return;\n};\nexports.onExecutePostChangePassword.version = 2;\nif (typeof exports.onExecutePostChangePassword !== 'function') throw new Error('no hook');", nil},
		{"members of a plain value parameter are the value's own, not event fields", "send-phone-message",
			"module.exports = function (recipient, text, context, cb) {\n  if (recipient.indexOf('+1') === 0 && text.length < 160) send(recipient.slice(2), text.trim());\n  cb();\n};",
			"exports.onExecuteSendPhoneMessage = async (event, api) => {\n  if (event.message_options.recipient.indexOf('+1') === 0 && event.message_options.text.length < 160) send(event.message_options.recipient.slice(2), event.message_options.text.trim());\n  return;\n};", nil},
		{"keyword markers are not folded into a claim name", "credentials-exchange",
			"const NS = '@@CLAIM_NAMESPACE@@';\nmodule.exports = function (client, scope, audience, context, cb) {\n  const access_token = {};\n  access_token[NS + 'plan'] = 'gold';\n  access_token.scope = scope;\n  cb(null, access_token);\n};",
			"const NS = '@@CLAIM_NAMESPACE@@';\nexports.onExecuteCredentialsExchange = async (event, api) => {\n  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].\n  const scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;\n\n  const access_token = {};\n  if (/^https?:\\/\\//.test(NS + 'plan')) api.accessToken.setCustomClaim(NS + 'plan', 'gold');\n  access_token.scope = scope;\n  return;\n};", nil},
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

func TestApplyEditsRefusesOverlaps(t *testing.T) {
	if _, err := ApplyEdits([]byte("abcdef"), []TextEdit{{Start: 1, End: 4, NewText: "x"}, {Start: 3, End: 5, NewText: "y"}}); err == nil {
		t.Error("overlapping edits were applied")
	}
	got, err := ApplyEdits([]byte("abcdef"), []TextEdit{{Start: 4, End: 6, NewText: "Z"}, {Start: 0, End: 0, NewText: ">"}, {Start: 1, End: 2, NewText: ""}})
	if err != nil || got != ">acdZ" {
		t.Errorf("ApplyEdits = %q, %v", got, err)
	}
}

// TestEveryTestdataDraftIsUsable drafts every hook of every tenant,
// sample, pattern and conversion in testdata: each draft must compile as
// a Node module and use no name it does not define.
func TestEveryTestdataDraftIsUsable(t *testing.T) {
	var inputs []HookInput
	for _, source := range []string{"deploy-directory", "deploy-yaml/tenant.yaml", "terraform"} {
		inv, err := tenant.Load([]string{"../testdata/tenant/" + source}, tenant.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Analyze(inv.Hooks, true)...)
	}
	for _, h := range scriptHooks(t) {
		inputs = append(inputs, h.in)
	}
	drafted := 0
	for _, in := range inputs {
		p := Build([]HookInput{in}, Options{})
		d := p.Actions[0].Draft
		if d == nil {
			continue
		}
		drafted++
		if !d.Usable() {
			t.Errorf("%s (%s): the draft is not usable: %s\n%s", in.Hook.Name, in.Hook.Origin.Where(), d.ProblemText(), d.Code)
		}
		for _, f := range p.Findings {
			if f.Rule == finding.RuleDraftCompileError || f.Rule == finding.RuleDraftUnboundName {
				t.Errorf("%s: %s %s: %s", in.Hook.Name, f.Rule, f.Location, f.Message)
			}
		}
	}
	if drafted < 40 {
		t.Errorf("only %d hooks were drafted", drafted)
	}
}

// TestDraftChecks: a draft that does not compile, or that uses a name it
// never defines, is kept for a person to finish but marked not usable,
// with findings positioned at the hook's code the draft kept there (the
// Action's code file exists only once migrate has written it).
func TestDraftChecks(t *testing.T) {
	cases := []struct {
		name, trigger, src string
		want               []finding.Finding
		problem            string
	}{
		{"does not compile", "post-user-registration",
			"module.exports = function (user, context, cb) {\n  let seen = 1;\n  let seen = 2;\n  cb();\n};",
			[]finding.Finding{{Rule: finding.RuleDraftCompileError, Location: finding.Location{File: "hook.js", Line: 3, Column: 7}}},
			"Identifier 'seen' has already been declared"},
		{"a blocked use leaves the hook's parameter behind", "post-user-registration",
			"module.exports = function (user, context, cb) {\n  log(context.webtask.meta.name);\n  cb();\n};",
			[]finding.Finding{
				{Rule: finding.RuleDraftUnboundName, Location: finding.Location{File: "hook.js", Line: 2, Column: 7}},
				{Rule: finding.RuleNoActionEquivalent, Location: finding.Location{File: "hook.js", Line: 2, Column: 7}}},
			"it uses context, which it never defines"},
		{"a name the hook left unbound itself is not blamed on the draft", "post-user-registration",
			"function later() { return missingGlobal; }\nmodule.exports = function (user, context, cb) {\n  cb();\n};",
			nil, ""},
		{"the hooks runtime's globals are", "post-user-registration",
			"module.exports = function (user, context, cb) {\n  auth0.users.get(user.email);\n  cb();\n};",
			[]finding.Finding{
				{Rule: finding.RuleDraftUnboundName, Location: finding.Location{File: "hook.js", Line: 2, Column: 3}},
				{Rule: finding.RuleNoActionEquivalent, Location: finding.Location{File: "hook.js", Line: 2, Column: 3}}},
			"it uses auth0, which it never defines"},
		{"a webtask magic module is required by the draft", "post-change-password",
			"module.exports = function (user, context, cb) {\n  log(_.get(user, 'email'));\n  cb();\n};",
			nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Build([]HookInput{detailed("hook", tc.trigger, []byte(tc.src))}, Options{})
			var got []finding.Finding
			for _, f := range p.Findings {
				got = append(got, finding.Finding{Rule: f.Rule, Location: f.Location})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			d := p.Actions[0].Draft
			if d == nil {
				t.Fatal("no draft: a draft that fails the checks must still be kept")
			}
			if d.Usable() != (tc.problem == "") || !strings.Contains(d.ProblemText(), tc.problem) {
				t.Errorf("usable %v, problems %q; want a problem with %q", d.Usable(), d.Problems, tc.problem)
			}
		})
	}
}

// TestDraftMap: an offset of the draft maps back to the hook's script
// through the edits; one inside text an edit wrote maps to the code that
// edit rewrote.
func TestDraftMap(t *testing.T) {
	// "abcdef" with "cd" replaced by "XYZ" and "!!" inserted before "f":
	// the draft is "abXYZe!!f".
	edits := []TextEdit{{Start: 2, End: 4, NewText: "XYZ"}, {Start: 5, End: 5, NewText: "!!"}}
	for _, tc := range []struct {
		draft, orig int
		kept        bool
	}{
		{0, 0, true},  // a
		{1, 1, true},  // b
		{2, 2, false}, // X: the edit's start, c
		{4, 2, false}, // Z
		{5, 4, true},  // e
		{6, 5, false}, // the first !: where it was inserted
		{8, 5, true},  // f
		{9, 6, true},  // the end
	} {
		orig, kept := newDraftMap(edits).source(tc.draft)
		if orig != tc.orig || kept != tc.kept {
			t.Errorf("source(%d) = %d, %v; want %d, %v", tc.draft, orig, kept, tc.orig, tc.kept)
		}
	}
}

// TestDraftStaysLinear drafts hooks of many edits, each kind of line
// repeated: every read becomes an edit of the draft. How their cost grows
// is BenchmarkDraftGrowth's to say (a timed bound here would fail on a
// loaded machine); this checks that every edit lands.
func TestDraftStaysLinear(t *testing.T) {
	const lines = 5000
	for name, line := range draftGrowthLines {
		t.Run(name, func(t *testing.T) {
			p := Build([]HookInput{draftGrowthHook(line, lines)}, Options{})
			d := p.Actions[0].Draft
			if d == nil || strings.Count(d.Code, "event.user.email") != lines {
				t.Errorf("the draft does not read event.user.email %d times", lines)
			}
		})
	}
}

// draftGrowthLines are lines that each make one edit of the draft, or two.
var draftGrowthLines = map[string]string{
	"field reads":                  "  u.email;\n",
	"callbacks beside field reads": "  if (u.email) return cb();\n",
}

// draftGrowthHook is a post-user-registration hook of n lines.
func draftGrowthHook(line string, n int) HookInput {
	src := "module.exports = function (u, context, cb) {\n" + strings.Repeat(line, n) + "  cb();\n};\n"
	return detailed("hook", "post-user-registration", []byte(src))
}

// BenchmarkDraftGrowth drafts each hook of draftGrowthLines at 25,000 and
// 100,000 lines in the same run and reports the ratio of their times
// (x4): near 4 is linear; a pass over the edits for each edit (the edit
// set before session 4) made it about 16.
func BenchmarkDraftGrowth(b *testing.B) {
	for name, line := range draftGrowthLines {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			small, large := draftGrowthHook(line, 25000), draftGrowthHook(line, 100000)
			var spentSmall, spentLarge time.Duration
			for b.Loop() {
				start := time.Now()
				Build([]HookInput{small}, Options{})
				mid := time.Now()
				Build([]HookInput{large}, Options{})
				spentSmall, spentLarge = spentSmall+mid.Sub(start), spentLarge+time.Since(mid)
			}
			b.ReportMetric(float64(spentLarge)/float64(spentSmall), "x4")
		})
	}
}

// TestEditSetOverlaps: the binary search answers as checking every edit
// would (an insertion overlaps a replacement only strictly inside it,
// replacements that merely touch do not overlap), for every range.
func TestEditSetOverlaps(t *testing.T) {
	edits := []TextEdit{{10, 20, "a"}, {20, 20, "b"}, {30, 30, "c"}, {20, 25, "d"}, {5, 5, "e"}}
	var s editSet
	for _, e := range edits {
		if !s.add(e.Start, e.End, e.NewText) {
			t.Fatalf("add(%d, %d) refused in an empty neighbourhood", e.Start, e.End)
		}
	}
	naive := &naiveEdits{edits: edits}
	for start := 0; start <= 35; start++ {
		for end := start; end <= 35; end++ {
			if got, want := s.overlaps(start, end), naive.overlaps(start, end); got != want {
				t.Errorf("overlaps(%d, %d) = %v, want %v", start, end, got, want)
			}
		}
	}
	s.insertFirst(20, "first")
	var order []string
	for _, e := range s.sorted() {
		order = append(order, e.NewText)
	}
	if diff := cmp.Diff([]string{"e", "a", "first", "b", "d", "c"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

// TestDraftFindingsAgreeWithTheAnalyzer: the draft's findings are
// positioned as the analyzer positions its own, whatever ends the lines
// (a lone \r, U+2028 count as line ends in JavaScript).
func TestDraftFindingsAgreeWithTheAnalyzer(t *testing.T) {
	for name, eol := range map[string]string{"LF": "\n", "CRLF": "\r\n", "CR": "\r", "LS": "\u2028"} {
		t.Run(name, func(t *testing.T) {
			src := strings.Join([]string{"module.exports = function (user, context, cb) {", "  const é = 1;", "  auth0.users.get(user.email);", "  cb();", "};"}, eol)
			p := Build([]HookInput{detailed("hook", "post-user-registration", []byte(src))}, Options{})
			var got []finding.Finding
			for _, f := range p.Findings {
				got = append(got, finding.Finding{Rule: f.Rule, Location: f.Location})
			}
			want := []finding.Finding{
				{Rule: finding.RuleDraftUnboundName, Location: finding.Location{File: "hook.js", Line: 3, Column: 3}},
				{Rule: finding.RuleNoActionEquivalent, Location: finding.Location{File: "hook.js", Line: 3, Column: 3}},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// naiveEdits is the edit set as it first was: every edit checked against
// every other, in the order they came, sorted at the end. The editSet must
// answer as it does.
type naiveEdits struct{ edits []TextEdit }

func (s *naiveEdits) overlaps(start, end int) bool {
	for _, e := range s.edits {
		switch {
		case start == end && e.Start < start && start < e.End,
			e.Start == e.End && start < e.Start && e.Start < end,
			start != end && e.Start != e.End && start < e.End && e.Start < end:
			return true
		}
	}
	return false
}

func (s *naiveEdits) add(start, end int, text string) bool {
	if s.overlaps(start, end) {
		return false
	}
	s.edits = append(s.edits, TextEdit{start, end, text})
	return true
}

func (s *naiveEdits) sorted() []TextEdit {
	out := slices.Clone(s.edits)
	sortEdits(out)
	return out
}

// TestEditSetAgreesWithTheNaiveOne adds many random edits, in runs in
// source order and out of it as drafting passes do, with now and then an
// insertion put first or a range replaced, and compares every answer.
func TestEditSetAgreesWithTheNaiveOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 20; round++ {
		var fast editSet
		var naive naiveEdits
		const size = 3000
		for op := 0; op < 1500; op++ {
			start := rng.IntN(size)
			if op%300 < 150 {
				start = op * size / 1500 // a pass in source order
			}
			end := start + rng.IntN(4)*rng.IntN(2)
			text := fmt.Sprint(op)
			switch {
			case op%500 == 499:
				fast.insertFirst(start, text)
				naive.edits = append([]TextEdit{{start, start, text}}, naive.edits...)
			case op%250 == 249:
				wide := end + rng.IntN(40)
				got, want := fast.replaceWithin(start, wide, text), naiveReplaceWithin(&naive, start, wide, text)
				if got != want {
					t.Fatalf("round %d op %d: replaceWithin(%d, %d) = %v, want %v", round, op, start, wide, got, want)
				}
			default:
				if got, want := fast.add(start, end, text), naive.add(start, end, text); got != want {
					t.Fatalf("round %d op %d: add(%d, %d) = %v, want %v", round, op, start, end, got, want)
				}
			}
			q, w := rng.IntN(size), rng.IntN(5)
			if got, want := fast.overlaps(q, q+w), naive.overlaps(q, q+w); got != want {
				t.Fatalf("round %d op %d: overlaps(%d, %d) = %v, want %v", round, op, q, q+w, got, want)
			}
		}
		if diff := cmp.Diff(naive.sorted(), fast.sorted()); diff != "" {
			t.Fatalf("round %d: sorted edits (-naive +fast):\n%s", round, diff)
		}
	}
}

// naiveReplaceWithin is replaceWithin as it first was.
func naiveReplaceWithin(s *naiveEdits, start, end int, text string) bool {
	kept, ok := outside(s.edits, start, end)
	if !ok {
		return false
	}
	s.edits = append(kept, TextEdit{Start: start, End: end, NewText: text})
	return true
}
