package verify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/verify"
)

// effectCase is one kind of effect: a realistic hook, an Action that does
// the same, and a deliberately wrong Action that verify must catch.
type effectCase struct {
	name      string
	trigger   string
	secrets   []string
	hook      string
	faithful  string
	wrong     string
	wantInput string // in the difference's input
	wantHook  string // in what the hook did
	wantWrong string // in what the wrong Action did
}

var effectCases = []effectCase{
	{
		name:    "outcome: a credentials-exchange denial",
		trigger: "credentials-exchange",
		hook: `module.exports = function (client, scope, audience, context, cb) {
  if (!client.metadata.org_id) return cb(new InvalidScopeError('client has no organisation'));
  cb(null, {});
};`,
		faithful: `exports.onExecuteCredentialsExchange = async (event, api) => {
  if (!event.client.metadata.org_id) return api.access.deny('invalid_scope', 'client has no organisation');
};`,
		wrong: `exports.onExecuteCredentialsExchange = async (event, api) => {
  if (!event.client.metadata.org_id) throw new Error('client has no organisation');
};`,
		wantInput: `"minimal"`,
		wantHook:  `denied (code "invalid_scope", reason "client has no organisation")`,
		wantWrong: `failed with "client has no organisation"`,
	},
	{
		name:    "custom claims",
		trigger: "credentials-exchange",
		hook: `module.exports = function (client, scope, audience, context, cb) {
  const token = {};
  token['https://acme.example/plan'] = client.metadata.plan || 'free';
  token['https://acme.example/aud'] = audience;
  token.ignored = 'not namespaced, so never a claim';
  cb(null, token);
};`,
		faithful: `exports.onExecuteCredentialsExchange = async (event, api) => {
  api.accessToken.setCustomClaim('https://acme.example/plan', event.client.metadata.plan || 'free');
  api.accessToken.setCustomClaim('https://acme.example/aud', event.resource_server.identifier);
};`,
		wrong: `exports.onExecuteCredentialsExchange = async (event, api) => {
  api.accessToken.setCustomClaim('https://acme.example/plan', event.client.metadata.plan);
  api.accessToken.setCustomClaim('https://acme.example/aud', event.resource_server.identifier);
};`,
		wantInput: `"minimal"`,
		wantHook:  `custom claim "https://acme.example/plan" = "free"`,
		wantWrong: `did not set custom claim "https://acme.example/plan"`,
	},
	{
		name:    "scope",
		trigger: "credentials-exchange",
		hook: `module.exports = function (client, scope, audience, context, cb) {
  const access_token = { scope: (scope || []).concat(['read:audit']) };
  cb(null, access_token);
};`,
		faithful: `exports.onExecuteCredentialsExchange = async (event, api) => {
  api.transaction.addTargetScope('read:audit');
};`,
		wrong: `exports.onExecuteCredentialsExchange = async (event, api) => {
  const access_token = { scope: event.accessToken.scope.concat(['read:audit']) };
};`,
		wantInput: `"full"`,
		wantHook:  `left the scope "read:audit read:reports write:reports"`,
		wantWrong: `left the scope "read:reports write:reports"`,
	},
	{
		name:    "pre-user-registration metadata from the returned user",
		trigger: "pre-user-registration",
		hook: `module.exports = function (user, context, cb) {
  user.user_metadata = user.user_metadata || {};
  user.user_metadata.signup_language = context.requestLanguage || 'en';
  const response = {};
  response.user = user;
  response.user.app_metadata = { source: 'self-service' };
  cb(null, response);
};`,
		faithful: `exports.onExecutePreUserRegistration = async (event, api) => {
  api.user.setUserMetadata('signup_language', event.request.language || 'en');
  api.user.setAppMetadata('source', 'self-service');
};`,
		wrong: `exports.onExecutePreUserRegistration = async (event, api) => {
  api.user.setUserMetadata('signup_language', event.request.language || 'en');
  api.user.setUserMetadata('source', 'self-service');
};`,
		wantInput: `"full"`,
		wantHook:  `user_metadata "source"`,
		wantWrong: `user_metadata "source" = "self-service"`,
	},
	{
		name:    "pre-user-registration denial with a user message",
		trigger: "pre-user-registration",
		hook: `module.exports = function (user, context, cb) {
  if (!/@partner\.example$/i.test(user.email)) {
    return cb(new PreUserRegistrationError('domain not allowed: ' + user.email, 'Sign-ups are for partners only.'));
  }
  cb(null, { user: {} });
};`,
		faithful: `exports.onExecutePreUserRegistration = async (event, api) => {
  if (!/@partner\.example$/i.test(event.user.email)) {
    return api.access.deny('domain not allowed: ' + event.user.email, 'Sign-ups are for partners only.');
  }
};`,
		wrong: `exports.onExecutePreUserRegistration = async (event, api) => {
  if (!/@partner\.example$/i.test(event.user.email)) {
    return api.access.deny('Sign-ups are for partners only.');
  }
};`,
		wantInput: `"minimal"`,
		wantHook:  `user message "Sign-ups are for partners only."`,
		wantWrong: `denied (reason "Sign-ups are for partners only.")`,
	},
	{
		name:    "outbound call: the user id without its prefix, the secret it carries",
		trigger: "post-user-registration",
		secrets: []string{"CRM_URL", "CRM_TOKEN"},
		hook: `const axios = require('axios@0.21.1');
module.exports = function (user, context, cb) {
  axios.post(context.webtask.secrets.CRM_URL + '/contacts', { id: user.id, email: user.email },
    { headers: { Authorization: 'Bearer ' + context.webtask.secrets.CRM_TOKEN } })
    .then(() => cb())
    .catch((err) => cb(err));
};`,
		faithful: `const axios = require('axios');
exports.onExecutePostUserRegistration = async (event, api) => {
  await axios.post(event.secrets.CRM_URL + '/contacts', { id: event.user.user_id.replace(/^auth0\|/, ''), email: event.user.email },
    { headers: { Authorization: 'Bearer ' + event.secrets.CRM_TOKEN } });
};`,
		wrong: `const axios = require('axios');
exports.onExecutePostUserRegistration = async (event, api) => {
  await axios.post(event.secrets.CRM_URL + '/contacts', { id: event.user.user_id, email: event.user.email },
    { headers: { Authorization: 'Bearer ' + event.secrets.CRM_TOKEN } });
};`,
		wantInput: `"full"`,
		wantHook:  `carrying CRM_TOKEN, CRM_URL with headers authorization: Bearer <CRM_TOKEN> with body {"email":"Jane.Doe@Partner.example","id":"5f9b1c2d3e4f5a6b7c8d9e0f"}`,
		wantWrong: `"id":"auth0|5f9b1c2d3e4f5a6b7c8d9e0f"`,
	},
	{
		name:    "errors under a failing network: best effort stays best effort",
		trigger: "post-change-password",
		secrets: []string{"AUDIT_URL"},
		hook: `const fetch = require('node-fetch');
module.exports = async (user, context, cb) => {
  try {
    await fetch(context.webtask.secrets.AUDIT_URL, { method: 'POST', body: JSON.stringify({ user: user.email }) });
  } catch (err) {
    console.log('audit failed: ' + err.message);
  }
  cb();
};`,
		faithful: `exports.onExecutePostChangePassword = async (event) => {
  try {
    await fetch(event.secrets.AUDIT_URL, { method: 'POST', body: JSON.stringify({ user: event.user.email }) });
  } catch (err) {
    console.log('audit failed: ' + err.message);
  }
};`,
		wrong: `exports.onExecutePostChangePassword = async (event) => {
  await fetch(event.secrets.AUDIT_URL, { method: 'POST', body: JSON.stringify({ user: event.user.email }) });
};`,
		wantInput: `connection refused`,
		wantHook:  `succeeded`,
		wantWrong: `failed with "request to https://audit-url-1.secret.invalid failed, reason: connect ECONNREFUSED audit-url-1.secret.invalid"`,
	},
	{
		name:    "send phone message: what a voice call says",
		trigger: "send-phone-message",
		secrets: []string{"TWILIO_SID", "TWILIO_TOKEN", "TWILIO_FROM"},
		hook: `const twilio = require('twilio');
function body(text, context) {
  return context.message_type === 'voice' ? 'Code: ' + String(context.code).split('').join(' ') : text;
}
module.exports = function (recipient, text, context, cb) {
  const s = context.webtask.secrets;
  twilio(s.TWILIO_SID, s.TWILIO_TOKEN).messages
    .create({ body: body(text, context), from: s.TWILIO_FROM, to: recipient })
    .then((m) => cb(null, { MessageID: m.sid }))
    .catch((err) => cb(err));
};`,
		faithful: `const twilio = require('twilio');
function body(text, options) {
  return options.message_type === 'voice' ? 'Code: ' + String(options.code).split('').join(' ') : text;
}
exports.onExecuteSendPhoneMessage = async (event) => {
  const s = event.secrets;
  await twilio(s.TWILIO_SID, s.TWILIO_TOKEN).messages
    .create({ body: body(event.message_options.text, event.message_options), from: s.TWILIO_FROM, to: event.message_options.recipient });
};`,
		wrong: `const twilio = require('twilio');
function body(text, context) {
  return context.message_type === 'voice' ? 'Code: ' + String(context.code).split('').join(' ') : text;
}
exports.onExecuteSendPhoneMessage = async (event) => {
  const s = event.secrets;
  await twilio(s.TWILIO_SID, s.TWILIO_TOKEN).messages
    .create({ body: body(event.message_options.text, event), from: s.TWILIO_FROM, to: event.message_options.recipient });
};`,
		wantInput: `"voice"`,
		wantHook:  `"body":"Code: 1 2 3 4 5 6"`,
		wantWrong: `"body":"Your verification code is: 123456"`,
	},
	{
		name:    "the callback as a value: async.waterfall, a magic global of old hooks",
		trigger: "post-user-registration",
		secrets: []string{"CRM_URL"},
		hook: `module.exports = function (user, context, cb) {
  const request = require('request');
  async.waterfall([
    (next) => request.get({ url: context.webtask.secrets.CRM_URL + '/ids/' + _.toLower(user.email), json: true }, (err, res, body) => next(err, body)),
    (body, next) => request.post({ url: context.webtask.secrets.CRM_URL + '/welcome', json: { id: body.id } }, (err) => next(err)),
  ], cb);
};`,
		faithful: `const request = require('request');
const _ = require('lodash');
const call = (opts) => new Promise((resolve, reject) => request(opts, (err, res, body) => (err ? reject(err) : resolve(body))));
exports.onExecutePostUserRegistration = async (event) => {
  const body = await call({ url: event.secrets.CRM_URL + '/ids/' + _.toLower(event.user.email), json: true });
  await call({ method: 'POST', url: event.secrets.CRM_URL + '/welcome', json: { id: body.id } });
};`,
		wrong: `const request = require('request');
const _ = require('lodash');
exports.onExecutePostUserRegistration = async (event) => {
  request.get({ url: event.secrets.CRM_URL + '/ids/' + _.toLower(event.user.email), json: true }, (err, res, body) => {
    if (!err) request.post({ url: event.secrets.CRM_URL + '/welcome', json: { id: body.id } }, () => {});
  });
};`,
		wantInput: `failing (connection refused)`,
		wantHook:  `failed with "connect ECONNREFUSED crm-url-1.secret.invalid"`,
		wantWrong: `succeeded`,
	},
	{
		name:    "a fire-and-forget request: a rejection left unhandled",
		trigger: "post-user-registration",
		secrets: []string{"STATS_URL"},
		hook: `const axios = require('axios');
module.exports = function (user, context, cb) {
  axios.post(context.webtask.secrets.STATS_URL, { signup: user.email }).catch(() => console.log('stats down'));
  cb();
};`,
		faithful: `const axios = require('axios');
exports.onExecutePostUserRegistration = async (event) => {
  axios.post(event.secrets.STATS_URL, { signup: event.user.email }).catch(() => console.log('stats down'));
};`,
		wrong: `const axios = require('axios');
exports.onExecutePostUserRegistration = async (event) => {
  axios.post(event.secrets.STATS_URL, { signup: event.user.email });
};`,
		wantInput: `answered HTTP 404`,
		wantHook:  `left no promise rejection unhandled`,
		wantWrong: `left a promise rejection unhandled ("Request failed with status code 404"), which ends a Node 22 process`,
	},
	{
		name:    "request headers: a token from an earlier answer",
		trigger: "post-user-registration",
		secrets: []string{"API_URL", "CLIENT_SECRET"},
		hook: `const request = require('request');
module.exports = function (user, context, cb) {
  const s = context.webtask.secrets;
  request.post({ url: s.API_URL + '/token', json: { secret: s.CLIENT_SECRET } }, (err, res, body) => {
    if (err) return cb(err);
    request.post({ url: s.API_URL + '/users', headers: { Authorization: 'Bearer ' + body.access_token, 'X-Tenant': user.tenant }, json: { email: user.email } }, (e) => cb(e));
  });
};`,
		faithful: `const request = require('request');
const post = (opts) => new Promise((resolve, reject) => request.post(opts, (err, res, body) => (err ? reject(err) : resolve(body))));
exports.onExecutePostUserRegistration = async (event) => {
  const body = await post({ url: event.secrets.API_URL + '/token', json: { secret: event.secrets.CLIENT_SECRET } });
  await post({ url: event.secrets.API_URL + '/users', headers: { 'x-tenant': event.tenant.id, authorization: 'Bearer ' + body.access_token }, json: { email: event.user.email } });
};`,
		wrong: `const request = require('request');
const post = (opts) => new Promise((resolve, reject) => request.post(opts, (err, res, body) => (err ? reject(err) : resolve(body))));
exports.onExecutePostUserRegistration = async (event) => {
  const body = await post({ url: event.secrets.API_URL + '/token', json: { secret: event.secrets.CLIENT_SECRET } });
  await post({ url: event.secrets.API_URL + '/users', headers: { authorization: 'Bearer ' + body.token }, json: { email: event.user.email } });
};`,
		wantInput: `"full"`,
		wantHook:  `with headers authorization: Bearer verify-access-token, x-tenant: acme-verify with body`,
		wantWrong: `with headers authorization: Bearer undefined with body`,
	},
	{
		// A hook's parameters have the fields of its starter code, in that
		// order: text made from one reads as the platform's did.
		name:    "a hook-shaped object serialised into text",
		trigger: "post-user-registration",
		secrets: []string{"SLACK_URL"},
		hook: `module.exports = function (user, context, cb) {
  require('request').post({ url: context.webtask.secrets.SLACK_URL, json: { text: 'New user: ' + JSON.stringify(user) } }, () => cb());
};`,
		faithful: `exports.onExecutePostUserRegistration = async (event) => {
  const u = event.user;
  const user = { id: u.user_id.replace(/^auth0\|/, ''), tenant: event.tenant.id, username: u.username, email: u.email, emailVerified: u.email_verified,
    phoneNumber: u.phone_number, phoneNumberVerified: u.phone_verified, user_metadata: u.user_metadata, app_metadata: u.app_metadata };
  await new Promise((resolve) => require('request').post({ url: event.secrets.SLACK_URL, json: { text: 'New user: ' + JSON.stringify(user) } }, resolve));
};`,
		wrong: `exports.onExecutePostUserRegistration = async (event) => {
  await new Promise((resolve) => require('request').post({ url: event.secrets.SLACK_URL, json: { text: 'New user: ' + JSON.stringify(event.user) } }, resolve));
};`,
		wantInput: `"full"`,
		wantHook:  `New user: {\"id\":\"5f9b1c2d3e4f5a6b7c8d9e0f\",\"tenant\":\"acme-verify\",\"username\":\"jdoe\"`,
		wantWrong: `New user: {\"app_metadata\"`,
	},
	{
		// The hook's objects have no documented key order, so a draft that
		// rebuilds one in another order sends the same JSON.
		name:    "a hook-shaped object as JSON inside a form and inside a JSON string",
		trigger: "send-phone-message",
		secrets: []string{"SMS_URL"},
		hook: `const request = require('request');
module.exports = function (recipient, text, context, cb) {
  const copy = Object.assign({}, context);
  delete copy.webtask;
  request.post({ url: context.webtask.secrets.SMS_URL, form: { to: recipient, ctx: JSON.stringify(copy) } }, () => {
    request.post({ url: context.webtask.secrets.SMS_URL, json: { log: JSON.stringify({ to: recipient, code: context.code }) } }, (err) => cb(err));
  });
};`,
		faithful: `const request = require('request');
exports.onExecuteSendPhoneMessage = async (event) => {
  const m = event.message_options;
  const copy = { user: event.user, message_type: m.message_type, action: m.action, code: m.code, language: event.request.language,
    ip: event.request.ip, user_agent: event.request.user_agent,
    client: { name: event.client.name, client_metadata: event.client.metadata, client_id: event.client.client_id } };
  await new Promise((resolve) => request.post({ url: event.secrets.SMS_URL, form: { to: m.recipient, ctx: JSON.stringify(copy) } }, resolve));
  await new Promise((resolve, reject) => request.post({ url: event.secrets.SMS_URL, json: { log: JSON.stringify({ code: m.code, to: m.recipient }) } },
    (err) => (err ? reject(err) : resolve())));
};`,
		wrong: `const request = require('request');
exports.onExecuteSendPhoneMessage = async (event) => {
  const m = event.message_options;
  const copy = { user: event.user, message_type: m.message_type, action: m.action, code: m.code, language: event.request.language,
    ip: event.request.ip, user_agent: event.request.user_agent, client: event.client };
  await new Promise((resolve) => request.post({ url: event.secrets.SMS_URL, form: { to: m.recipient, ctx: JSON.stringify(copy) } }, resolve));
};`,
		wantInput: `"full"`,
		wantHook:  `client_metadata`,
		wantWrong: `%22metadata%22`,
	},
	{
		// Passwordless sign-ups have no email: a draft that assumes one
		// differs on the phone sample only.
		name: "a sign-up without email", trigger: "pre-user-registration",
		hook: `module.exports = function (user, context, cb) {
  const contact = user.email ? { email: user.email } : { phone: user.phoneNumber };
  cb(null, { user: { app_metadata: { contact: contact } } });
};`,
		faithful: `exports.onExecutePreUserRegistration = async (event, api) => {
  api.user.setAppMetadata('contact', event.user.email ? { email: event.user.email } : { phone: event.user.phone_number });
};`,
		wrong: `exports.onExecutePreUserRegistration = async (event, api) => {
  api.user.setAppMetadata('contact', { email: event.user.email });
};`,
		wantInput: `"phone"`,
		wantHook:  `+15555550142`,
		wantWrong: `contact`,
	},
	{
		// A claim namespace kept in a secret is a URL, as claim names had
		// to be: its placeholder is one, so the claims it names are made.
		name: "a claim namespace from a secret", trigger: "credentials-exchange", secrets: []string{"CLAIM_NAMESPACE"},
		hook: `module.exports = function (client, scope, audience, context, cb) {
  const token = {};
  token[context.webtask.secrets.CLAIM_NAMESPACE + 'plan'] = 'gold';
  cb(null, token);
};`,
		faithful: `exports.onExecuteCredentialsExchange = async (event, api) => {
  const name = event.secrets.CLAIM_NAMESPACE + 'plan';
  if (/^https?:\/\//.test(name)) api.accessToken.setCustomClaim(name, 'gold');
};`,
		wrong: `exports.onExecuteCredentialsExchange = async (event, api) => {
  if (/^https?:/.test(event.secrets.CLAIM_NAMESPACE)) return;
  api.accessToken.setCustomClaim(event.secrets.CLAIM_NAMESPACE + 'plan', 'gold');
};`,
		wantInput: `"full"`,
		wantHook:  `plan`,
		wantWrong: `did not set custom claim "https://claim-namespace-1.secret.invalid/plan"`,
	},
	{
		// A request in a .then without .catch: on an error answer the
		// hook never calls back and leaves the rejection unhandled, which
		// ends the process; its draft awaits the chain and fails alike.
		name: "a chain without catch fails on the rejection it leaves", trigger: "post-user-registration", secrets: []string{"CRM_URL"},
		hook: `const axios = require('axios');
module.exports = function (user, context, cb) {
  axios.post(context.webtask.secrets.CRM_URL, { email: user.email }).then(function () { cb(); });
};`,
		faithful: `const axios = require('axios');
exports.onExecutePostUserRegistration = async (event) => {
  await axios.post(event.secrets.CRM_URL, { email: event.user.email }).then(function () {});
};`,
		wrong: `const axios = require('axios');
exports.onExecutePostUserRegistration = async (event) => {
  await axios.post(event.secrets.CRM_URL, { email: event.user.email }).catch(function () {});
};`,
		wantInput: `answered HTTP 404`,
		wantHook:  `failed with "Request failed with status code 404"`,
		wantWrong: `succeeded`,
	},
	{
		// A guard for a secret not set yet only runs when none is: the
		// Action's state until the operator supplies the values.
		name: "a guard for a missing secret", trigger: "pre-user-registration", secrets: []string{"API_KEY"},
		hook: `module.exports = function (user, context, cb) {
  if (!context.webtask.secrets.API_KEY) return cb(new PreUserRegistrationError('API_KEY not set', 'Try again later'));
  cb(null, { user: { app_metadata: { checked: true } } });
};`,
		faithful: `exports.onExecutePreUserRegistration = async (event, api) => {
  if (!event.secrets.API_KEY) return api.access.deny('API_KEY not set', 'Try again later');
  api.user.setAppMetadata('checked', true);
};`,
		wrong: `exports.onExecutePreUserRegistration = async (event, api) => {
  api.user.setAppMetadata('checked', true);
};`,
		wantInput: `"no-secrets"`,
		wantHook:  `denied (reason "API_KEY not set"`,
		wantWrong: `succeeded`,
	},
}

func TestEffects(t *testing.T) {
	for _, c := range effectCases {
		t.Run(c.name, func(t *testing.T) {
			subject := verify.Subject{TriggerID: c.trigger, HookScript: c.hook, ActionCode: c.faithful, SecretKeys: c.secrets}
			if v := verify.Run(subject, verify.Options{}); v.Status != migrate.VerdictEquivalent {
				t.Fatalf("faithful Action: got %s, difference %+v", v.String(), v.Difference)
			}
			subject.ActionCode = c.wrong
			v := verify.Run(subject, verify.Options{})
			if v.Status != migrate.VerdictDiffers {
				t.Fatalf("wrong Action: got %s, want differs", v.String())
			}
			d := v.Difference
			for _, want := range []struct{ field, got, want string }{
				{"input", d.Input, c.wantInput}, {"hook", d.Hook, c.wantHook}, {"action", d.Action, c.wantWrong},
			} {
				if !strings.Contains(want.got, want.want) {
					t.Errorf("difference %s = %q, want it to contain %q", want.field, want.got, want.want)
				}
			}
		})
	}
}

func TestNotVerified(t *testing.T) {
	for _, c := range []struct {
		name, trigger, hook, action, want string
	}{
		{
			name:    "a module without a fake",
			trigger: "post-user-registration",
			hook: `const mysql = require('mysql@2.18.1');
module.exports = function (user, context, cb) { mysql.createConnection({}).end(); cb(); };`,
			action: `const mysql = require('mysql');
exports.onExecutePostUserRegistration = async (event) => { mysql.createConnection({}).end(); };`,
			want: "needs module mysql, which has no fake",
		},
		{
			name:    "a module member the fake does not model",
			trigger: "post-change-password",
			hook: `const axios = require('axios');
module.exports = function (user, context, cb) { axios.postForm('https://x.example', {}).then(() => cb(), cb); };`,
			action: `const axios = require('axios');
exports.onExecutePostChangePassword = async (event) => { await axios.postForm('https://x.example', {}); };`,
			want: "uses axios.postForm, which the fakes do not model",
		},
		{
			name:    "a loop without end",
			trigger: "post-change-password",
			hook:    `module.exports = function (user, context, cb) { while (true) {} };`,
			action:  `exports.onExecutePostChangePassword = async (event) => { while (true) {} };`,
			want:    "ran past its time budget of 50ms",
		},
		{
			name:    "a magic global of old hooks without a fake",
			trigger: "post-change-password",
			hook:    `module.exports = function (user, context, cb) { bcrypt.hash(user.email, 10, cb); };`,
			action:  `const bcrypt = require('bcrypt'); exports.onExecutePostChangePassword = async (event) => { await bcrypt.hash(event.user.email, 10); };`,
			want:    "needs module bcrypt, which has no fake",
		},
		{
			// Both sides fail on it (the Action has no auth0 either), which
			// must not pass for doing the same: the real hook had it.
			name:    "the hooks runtime's global auth0",
			trigger: "post-user-registration",
			hook:    `module.exports = function (user, context, cb) { auth0.users.updateAppMetadata(user.id, {}); cb(); };`,
			action:  `exports.onExecutePostUserRegistration = async (event) => { auth0.users.updateAppMetadata(event.user.user_id, {}); };`,
			want:    "the hook uses the hooks runtime's global auth0, which the fakes do not model",
		},
		{
			name:    "a hook that exports no function",
			trigger: "post-change-password",
			hook:    `module.exports = { retries: 3 };`,
			action:  `exports.onExecutePostChangePassword = async (event) => {};`,
			want:    "the hook exports no function to call",
		},
		{
			name:    "a hook that does not compile",
			trigger: "post-change-password",
			hook:    `module.exports = function (user, context, cb) { cb( };`,
			action:  `exports.onExecutePostChangePassword = async (event) => {};`,
			want:    "the hook's script does not compile",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := verify.Run(verify.Subject{TriggerID: c.trigger, HookScript: c.hook, ActionCode: c.action},
				verify.Options{Budget: 50 * time.Millisecond})
			if v.Status != migrate.VerdictNotVerified || !strings.Contains(v.Reason, c.want) {
				t.Fatalf("got %s, want not-verified containing %q", v.String(), c.want)
			}
		})
	}
}

func TestDraftThatDoesNotCompileDiffers(t *testing.T) {
	v := verify.Run(verify.Subject{TriggerID: "post-change-password",
		HookScript: `module.exports = async (user, context, cb) => { const event = { id: user.id }; cb(); };`,
		ActionCode: `exports.onExecutePostChangePassword = async (event, api) => { const event = { id: event.user.user_id }; };`,
	}, verify.Options{})
	if v.Status != migrate.VerdictDiffers || !strings.Contains(v.Difference.Action, "does not compile: SyntaxError: Identifier 'event' has already been declared") {
		t.Fatalf("got %s %+v", v.String(), v.Difference)
	}
}

func TestBareFunctionHookAndVirtualTimers(t *testing.T) {
	// The Management API stores scripts as bare function expressions; a
	// retry after 5 s of simulated time costs no real time.
	hook := `function (user, context, callback) {
  setTimeout(function () { callback(new Error('gave up on ' + user.email)); }, 5000);
}`
	action := `exports.onExecutePostChangePassword = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
  throw new Error('gave up on ' + event.user.email);
};`
	start := time.Now()
	v := verify.Run(verify.Subject{TriggerID: "post-change-password", HookScript: hook, ActionCode: action}, verify.Options{})
	if v.Status != migrate.VerdictEquivalent {
		t.Fatalf("got %s %+v", v.String(), v.Difference)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %s: timers should run on simulated time", elapsed)
	}
}

func TestHookExportedByName(t *testing.T) {
	hook := `exports.handler = async function (user, context, cb) {
  await fetch('https://api.example/track', { method: 'POST', body: JSON.stringify({ email: user.email }) });
  cb();
};`
	action := `exports.onExecutePostChangePassword = async (event) => {
  await fetch('https://api.example/track', { method: 'POST', body: JSON.stringify({ email: event.user.email }) });
};`
	v := verify.Run(verify.Subject{TriggerID: "post-change-password", HookScript: hook, ActionCode: action}, verify.Options{})
	if v.Status != migrate.VerdictEquivalent || v.Runs != 6 {
		t.Fatalf("got %s after %d runs %+v, want equivalent after 6", v.String(), v.Runs, v.Difference)
	}
}

// Runaway recursion cannot be caught in goja as in Node: not verified,
// never a difference made up from goja's error.
func TestRunawayRecursionIsNotVerified(t *testing.T) {
	hook := `function f(n) { return f(n + 1); }
module.exports = function (user, context, cb) { try { f(0); } catch (e) { return cb(new Error(e.name)); } cb(); };`
	action := `function f(n) { return f(n + 1); }
exports.onExecutePostChangePassword = async (event) => { f(0); };`
	v := verify.Run(verify.Subject{TriggerID: "post-change-password", HookScript: hook, ActionCode: action}, verify.Options{})
	if v.Status != migrate.VerdictNotVerified || !strings.Contains(v.Reason, "recursed past the call stack limit") {
		t.Fatalf("got %s %+v", v.String(), v.Difference)
	}
}

// A guard timer left running after the callback never fires: the
// execution ended, as it does on the platform.
func TestTimersAfterTheEndNeverFire(t *testing.T) {
	hook := `module.exports = function (user, context, cb) {
  setTimeout(() => cb(new Error('timed out')), 30000);
  setInterval(() => {}, 1000);
  cb();
};`
	action := `exports.onExecutePostChangePassword = async (event) => {};`
	v := verify.Run(verify.Subject{TriggerID: "post-change-password", HookScript: hook, ActionCode: action}, verify.Options{})
	if v.Status != migrate.VerdictEquivalent {
		t.Fatalf("got %s %+v", v.String(), v.Difference)
	}
}

// A hook's context.webtask.storage starts empty on every run and answers
// through callbacks; what the hook writes there, an Action cannot keep.
func TestWebtaskStorage(t *testing.T) {
	const reads = `const axios = require('axios');
module.exports = function (user, context, cb) {
  context.webtask.storage.get(function (err, data) {
    if (err) return cb(err);
    if (data && data.token) return cb();
    axios.post(context.webtask.secrets.TOKEN_URL, { id: user.id }).then(() => cb(), cb);
  });
};`
	const fetches = `const axios = require('axios');
exports.onExecutePostUserRegistration = async (event) => {
  await axios.post(event.secrets.TOKEN_URL, { id: event.user.user_id.replace(/^auth0\|/, '') });
};`
	subject := verify.Subject{TriggerID: "post-user-registration", HookScript: reads, ActionCode: fetches, SecretKeys: []string{"TOKEN_URL"}}
	if v := verify.Run(subject, verify.Options{}); v.Status != migrate.VerdictEquivalent {
		t.Errorf("a hook reading its empty storage: got %s %+v", v.String(), v.Difference)
	}
	subject.HookScript = `module.exports = function (user, context, cb) {
  context.webtask.storage.get(function (err, data) {
    data = data || { count: 0 };
    data.count++;
    context.webtask.storage.set(data, { force: 1 }, function (err) { cb(err); });
  });
};`
	subject.ActionCode = `exports.onExecutePostUserRegistration = async (event) => {};`
	v := verify.Run(subject, verify.Options{})
	if v.Status != migrate.VerdictDiffers || v.Difference.Hook != `wrote {"count":1} to its webtask storage` ||
		v.Difference.Action != "has no webtask storage to write to" {
		t.Errorf("a hook writing its storage: got %s %+v", v.String(), v.Difference)
	}
}

// A draft the checks compiled is run as compiled: the code is not compiled
// again (here the text beside it would not even compile).
func TestCompiledDraftIsRunAsGiven(t *testing.T) {
	action := `exports.onExecutePostChangePassword = async (event) => {
  throw new Error('no ' + event.user.email);
};`
	prog, err := goja.Compile("action.js", "(function (exports, require, module, __filename, __dirname) {"+action+"\n})", false)
	if err != nil {
		t.Fatal(err)
	}
	v := verify.Run(verify.Subject{TriggerID: "post-change-password",
		HookScript:    `module.exports = function (user, context, cb) { cb(new Error('no ' + user.email)); };`,
		ActionCode:    "this is not the code that runs (",
		ActionProgram: prog}, verify.Options{})
	if v.Status != migrate.VerdictEquivalent {
		t.Fatalf("got %s %+v", v.String(), v.Difference)
	}
}
