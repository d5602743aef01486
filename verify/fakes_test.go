package verify

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/trigger"
)

// hookCalls runs a post-change-password hook once on the full sample and
// returns the requests its fakes recorded, and its outcome.
func hookCalls(t *testing.T, script string, sc scenario) ([]string, string) {
	t.Helper()
	prog, err := compileHook(script)
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := trigger.Lookup("post-change-password")
	values, secrets := placeholders([]string{"API_URL", "API_KEY"})
	r := runner{trigger: tr, hook: prog, values: values, secrets: secrets, budget: DefaultBudget}
	res := r.runSide(samples(tr.ID)[0], sc, true)
	if res.problem != "" {
		t.Fatalf("not verifiable: %s", res.problem)
	}
	return res.effects.calls, res.effects.outcome.String()
}

// Every fake records the request the real module would send, and answers
// the way the real module does.
func TestFakesRecordRequests(t *testing.T) {
	const key = "secret-placeholder-api-key-1-end"
	for _, c := range []struct {
		module, body string
		want         []string
	}{
		{"axios", `const axios = require('axios');
  const api = axios.create({ baseURL: s.API_URL, headers: { 'x-api-key': s.API_KEY } });
  api.get('/users', { params: { q: user.email } }).then((r) => cb(null, r.data.id), cb);`,
			[]string{"GET https://api-url-2.secret.invalid/users?q=Jane.Doe%40Partner.example carrying API_KEY, API_URL with headers x-api-key: <API_KEY>"}},
		{"node-fetch", `const fetch = require('node-fetch@2.6.1');
  fetch(s.API_URL + '/x', { method: 'PUT', headers: { authorization: 'Bearer ' + s.API_KEY }, body: JSON.stringify({ b: 2, a: 1 }) })
    .then((r) => r.json()).then((j) => cb(null, j), cb);`,
			[]string{`PUT https://api-url-2.secret.invalid/x carrying API_KEY, API_URL with headers authorization: Bearer <API_KEY> with body {"a":1,"b":2}`}},
		{"request", `const request = require('request');
  request.post({ url: s.API_URL, form: { k: s.API_KEY } }, (err, res, body) => cb(err));`,
			[]string{"POST https://api-url-2.secret.invalid carrying API_KEY, API_URL with body k=" + key}},
		{"request-promise", `const rp = require('request-promise');
  rp({ uri: s.API_URL, qs: { a: 1 }, json: true }).then(() => cb(), cb);`,
			[]string{"GET https://api-url-2.secret.invalid?a=1 carrying API_URL"}},
		{"got", `const got = require('got');
  got.post(s.API_URL, { json: { id: user.id } }).json().then(() => cb(), cb);`,
			[]string{`POST https://api-url-2.secret.invalid carrying API_URL with body {"id":"5f9b1c2d3e4f5a6b7c8d9e0f"}`}},
		{"superagent", `const sa = require('superagent');
  sa.post(s.API_URL).set('Authorization', s.API_KEY).send({ a: 1 }).then(() => cb(), cb);`,
			[]string{`POST https://api-url-2.secret.invalid carrying API_KEY, API_URL with headers authorization: <API_KEY> with body {"a":1}`}},
		{"https", `const https = require('https');
  const req = https.request({ hostname: 'hooks.example', path: '/p', method: 'POST', auth: 'u:' + s.API_KEY }, (res) => {
    res.on('data', () => {}); res.on('end', () => cb());
  });
  req.on('error', cb); req.write('hello'); req.end();`,
			[]string{"POST https://hooks.example/p carrying API_KEY with headers authorization: Basic (decoded) u:<API_KEY> with body hello"}},
		{"@sendgrid/mail", `const sg = require('@sendgrid/mail@7.4.0');
  sg.setApiKey(s.API_KEY); sg.send({ to: user.email, templateId: 't' }).then(() => cb(), cb);`,
			[]string{`POST https://api.sendgrid.com/v3/mail/send carrying API_KEY with headers authorization: Bearer <API_KEY> with body {"templateId":"t","to":"Jane.Doe@Partner.example"}`}},
		{"slack-notify", `const slack = require('slack-notify')(s.API_URL);
  slack.success({ text: 'new user ' + user.email, fields: { id: user.id } }); slack.send('plain'); cb();`,
			[]string{`POST https://api-url-2.secret.invalid carrying API_URL with body {"attachments":[{"fallback":"Alert details","fields":[{"short":true,"title":"id","value":"5f9b1c2d3e4f5a6b7c8d9e0f"}]}],"channel":"#alerts","icon_emoji":":trophy:","text":"new user Jane.Doe@Partner.example","username":"Hurray"}`,
				`POST https://api-url-2.secret.invalid carrying API_URL with body {"text":"plain"}`}},
		{"aws-sdk", `const AWS = require('aws-sdk');
  AWS.config.update({ region: 'eu-west-1', accessKeyId: 'AKIA', secretAccessKey: s.API_KEY });
  new AWS.SNS().publish({ Message: 'hi' }).promise().then(() => cb(), cb);`,
			[]string{`POST https://sns.eu-west-1.amazonaws.com/ carrying API_KEY with headers authorization: AWS4-HMAC-SHA256 Credential=AKIA Secret=<API_KEY> Session= with body {"Action":"publish","Params":{"Message":"hi"}}`}},
		{"@aws-sdk/client-sqs", `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
  new SQSClient({ credentials: { accessKeyId: 'a', secretAccessKey: s.API_KEY } }).send(new SendMessageCommand({ QueueUrl: 'q' })).then(() => cb(), cb);`,
			[]string{`POST https://sqs.us-east-1.amazonaws.com/ carrying API_KEY with headers authorization: AWS4-HMAC-SHA256 Credential=a Secret=<API_KEY> Session= with body {"Action":"SendMessage","Params":{"QueueUrl":"q"}}`}},
		{"auth0", `const { ManagementClient } = require('auth0');
  new ManagementClient({ domain: 't.example', clientId: 'c', clientSecret: s.API_KEY }).users.update({ id: user.id }, { blocked: false }).then(() => cb(), cb);`,
			[]string{`POST https://t.example/api/v2/users/update carrying API_KEY with headers authorization: Bearer  client=c:<API_KEY> with body [{"id":"5f9b1c2d3e4f5a6b7c8d9e0f"},{"blocked":false}]`}},
		{"jsonwebtoken, crypto, lodash, querystring", `const jwt = require('jsonwebtoken'), crypto = require('crypto'), _ = require('lodash'), qs = require('querystring');
  const token = jwt.sign({ sub: _.get(user, 'id') }, s.API_KEY);
  const sig = crypto.createHmac('sha256', 'k').update('abc').digest('hex');
  require('axios').post(s.API_URL + '?' + qs.stringify({ sig }), { token }).then(() => cb(), cb);`,
			// HMAC-SHA256("k", "abc"); the fake token shows its claims and key.
			[]string{`POST https://api-url-2.secret.invalid?sig=342e519ce0ad6c03a36b98eeb3f1d130db4813b9df4d1160eda488d712dc78ee carrying API_KEY, API_URL` +
				` with body {"token":"fake-jwt.{\"claims\":{\"iat\":1796126400,\"sub\":\"5f9b1c2d3e4f5a6b7c8d9e0f\"},\"options\":{},\"key\":\"` + key + `\"}"}`}},
	} {
		t.Run(c.module, func(t *testing.T) {
			script := "module.exports = function (user, context, cb) {\n  const s = context.webtask.secrets;\n  " + c.body + "\n};"
			calls, outcome := hookCalls(t, script, scenarioSuccess)
			if outcome != "succeeded" {
				t.Errorf("outcome %s, want succeeded", outcome)
			}
			if diff := cmp.Diff(c.want, calls); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// The failure scenarios reach the code as the real modules report them.
func TestFakesFailLikeTheModules(t *testing.T) {
	for _, c := range []struct {
		name string
		sc   scenario
		body string
		want string
	}{
		{"axios rejects a 404", scenarioNotFound, `require('axios').get(s.API_URL).then(() => cb(), (e) => cb(new Error(e.response.status + ' ' + e.message)));`,
			`failed with "404 Request failed with status code 404"`},
		{"fetch resolves a 404", scenarioNotFound, `fetch(s.API_URL).then((r) => cb(r.ok ? null : new Error('status ' + r.status)));`,
			`failed with "status 404"`},
		{"request calls back with the network error", scenarioNetworkFailure, `require('request')(s.API_URL, (err) => cb(err));`,
			`failed with "connect ECONNREFUSED api-url-2.secret.invalid"`},
		{"slack-notify reports to onError, not to the caller", scenarioNetworkFailure, `const slack = require('slack-notify')(s.API_URL);
  slack.onError = (e) => cb(new Error('onError ' + e.message)); slack.alert('down');`,
			`failed with "onError connect ECONNREFUSED api-url-2.secret.invalid"`},
		{"twilio rejects a 404 with its code", scenarioNotFound, `require('twilio')('AC', s.API_KEY).messages.create({ to: '1' }).catch((e) => cb(new Error(String(e.code))));`,
			`failed with "20404"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			script := "module.exports = function (user, context, cb) {\n  const s = context.webtask.secrets;\n  " + c.body + "\n};"
			if _, outcome := hookCalls(t, script, c.sc); outcome != c.want {
				t.Errorf("outcome %s, want %s", outcome, c.want)
			}
		})
	}
}

// Node's http gives Buffer chunks unless an encoding is set.
func TestHTTPChunksAreBuffers(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  require('https').get('https://api.example/x', (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => cb(new Error(Buffer.isBuffer(chunks[0]) + ' ' + JSON.parse(Buffer.concat(chunks).toString()).id)));
  });
};`
	if _, outcome := hookCalls(t, script, scenarioSuccess); outcome != `failed with "true verify-0001"` {
		t.Errorf("outcome %s", outcome)
	}
}
