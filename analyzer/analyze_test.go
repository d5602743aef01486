package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hooks2actions/hooks2actions/finding"
)

// use is a usage as a test writes it: key, line, column, kind.
type use struct {
	Key       string
	Line, Col int
	Kind      UsageKind
}

// problem is a finding as a test writes it.
type problem struct {
	Rule      string
	Line, Col int
}

type analyzeCase struct {
	name    string
	trigger string
	src     string
	uses    []use
	finds   []problem
}

func uses(r *Result) []use {
	var out []use
	for _, u := range r.Usages {
		out = append(out, use{u.Key, u.Line, u.Column, u.Kind})
	}
	return out
}

func problems(r *Result) []problem {
	var out []problem
	for _, f := range r.Findings {
		out = append(out, problem{f.Rule, f.Location.Line, f.Location.Column})
	}
	return out
}

func runCases(t *testing.T, cases []analyzeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.TrimPrefix(tc.src, "\n")
			r := Analyze([]byte(src), "hook.js", tc.trigger)
			if diff := cmp.Diff(tc.uses, uses(r), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("usages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.finds, problems(r), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("findings (-want +got):\n%s\nmessages: %v", diff, r.Findings)
			}
		})
	}
}

func TestMemberAccess(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "plain member", src: `
module.exports = function (user, context, cb) {
  const key = context.webtask.secrets.API_KEY;
  cb(null, { user });
};`, uses: []use{{"API_KEY", 2, 39, KindMember}}},
		{name: "context under another name", src: `
module.exports = async (user, ctx, cb) => {
  return fetch(ctx.webtask.secrets.URL);
};`, uses: []use{{"URL", 2, 36, KindMember}}},
		{name: "optional chaining", src: `
module.exports = function (user, context, cb) {
  const a = context?.webtask?.secrets?.A;
  const b = context.webtask?.secrets.B;
};`, uses: []use{{"A", 2, 40, KindMember}, {"B", 3, 38, KindMember}}},
		{name: "closure inside callbacks", src: `
module.exports = function (user, context, cb) {
  setTimeout(() => send(context.webtask.secrets.LATER), 10);
  promise.then(function () { return context.webtask.secrets.THEN; });
};`, uses: []use{{"LATER", 2, 49, KindMember}, {"THEN", 3, 61, KindMember}}},
		{name: "write and delete still name the key", src: `
module.exports = function (user, context, cb) {
  delete context.webtask.secrets.OLD;
};`, uses: []use{{"OLD", 2, 34, KindMember}}},
		{name: "method call on a secret", src: `
module.exports = function (user, context, cb) {
  const list = context.webtask.secrets.ALLOWED.split(',');
};`, uses: []use{{"ALLOWED", 2, 40, KindMember}}},
	})
}

func TestBracketAccess(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "quotes and template", src: "\n" +
			"module.exports = function (user, context, cb) {\n" +
			"  const s = context.webtask.secrets;\n" +
			"  use(s['ONE'], s[\"TWO\"], s[`THREE`]);\n" +
			"};", uses: []use{{"ONE", 3, 9, KindBracket}, {"TWO", 3, 19, KindBracket}, {"THREE", 3, 29, KindBracket}}},
		{name: "bracket on the chain itself", src: `
module.exports = function (user, context, cb) {
  use(context['webtask']['secrets']['KEY']);
};`, uses: []use{{"KEY", 2, 37, KindBracket}}},
		{name: "constant folding", src: `
const PREFIX = 'SLACK_';
module.exports = function (user, context, cb) {
  const name = PREFIX + 'URL';
  use(context.webtask.secrets['A_' + 'B'], context.webtask.secrets[name], context.webtask.secrets[` + "`${PREFIX}TOKEN`" + `]);
};`, uses: []use{{"A_B", 4, 31, KindBracket}, {"SLACK_URL", 4, 68, KindBracket}, {"SLACK_TOKEN", 4, 99, KindBracket}}},
		{name: "optional bracket", src: `
module.exports = function (user, context, cb) {
  use(context.webtask.secrets?.['KEY']);
};`, uses: []use{{"KEY", 2, 33, KindBracket}}},
		{name: "dynamic key", src: `
module.exports = function (user, context, cb) {
  const name = user.app_metadata.plan;
  use(context.webtask.secrets[name + '_KEY']);
  let k = 'X'; k = user.x;
  use(context.webtask.secrets[k]);
};`, finds: []problem{{finding.RuleDynamicSecretAccess, 3, 31}, {finding.RuleDynamicSecretAccess, 5, 31}}},
	})
}

func TestDestructuring(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "flat, renamed, default and string keys", src: `
module.exports = function (user, context, cb) {
  const { A, B: b, C = 'x', 'D-E': d, ['F']: f } = context.webtask.secrets;
};`, uses: []use{{"A", 2, 11, KindDestructure}, {"B", 2, 14, KindDestructure}, {"C", 2, 20, KindDestructure}, {"D-E", 2, 29, KindDestructure}, {"F", 2, 40, KindDestructure}}},
		{name: "nested through context with renames and defaults", src: `
module.exports = function (user, context, cb) {
  const { webtask: { secrets: { TOKEN: t = '' } = {} } } = context;
};`, uses: []use{{"TOKEN", 2, 33, KindDestructure}}},
		{name: "in the parameter list", src: `
module.exports = async (user, { webtask: { secrets: { KEY, 'OTHER': o } } }, cb) => {};`,
			uses: []use{{"KEY", 1, 55, KindDestructure}, {"OTHER", 1, 60, KindDestructure}}},
		{name: "destructuring assignment", src: `
module.exports = function (user, context, cb) {
  let a;
  ({ A: a } = context.webtask.secrets);
};`, uses: []use{{"A", 3, 6, KindDestructure}}},
		{name: "rest element escapes", src: `
module.exports = function (user, context, cb) {
  const { A, ...others } = context.webtask.secrets;
};`, uses: []use{{"A", 2, 11, KindDestructure}}, finds: []problem{{finding.RuleSecretsObjectEscape, 2, 17}}},
		{name: "rest of the context keeps webtask", src: `
module.exports = function (user, context, cb) {
  const { connection, ...rest } = context;
  use(rest.webtask.secrets.KEY);
};`, uses: []use{{"KEY", 3, 28, KindAlias}}},
		{name: "computed key is dynamic", src: `
module.exports = function (user, context, cb) {
  const { [user.k]: v } = context.webtask.secrets;
};`, finds: []problem{{finding.RuleDynamicSecretAccess, 2, 12}}},
	})
}

func TestAliases(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "alias of the secrets, webtask and context", src: `
module.exports = function (user, context, cb) {
  const s = context.webtask.secrets, wt = context.webtask;
  var c = context;
  use(s.A, wt.secrets.B, c.webtask.secrets.C);
};`, uses: []use{{"A", 4, 9, KindAlias}, {"B", 4, 23, KindAlias}, {"C", 4, 44, KindAlias}}},
		{name: "later assignment and fallbacks", src: `
module.exports = function (user, context, cb) {
  let s;
  if (context.webtask) s = context.webtask.secrets || {};
  const t = s ?? {};
  use(s.A, t.B);
};`, uses: []use{{"A", 5, 9, KindAlias}, {"B", 5, 14, KindAlias}}},
		{name: "destructured secrets object", src: `
module.exports = function (user, context, cb) {
  const { secrets } = context.webtask;
  const { webtask: { secrets: renamed } } = context;
  use(secrets.A, renamed.B);
};`, uses: []use{{"A", 4, 15, KindAlias}, {"B", 4, 26, KindAlias}}},
		{name: "var hoisting", src: `
module.exports = function (user, context, cb) {
  use(s.A);
  var s = context.webtask.secrets;
};`, uses: []use{{"A", 2, 9, KindAlias}}},
		{name: "destructured secrets parameter reads as member", src: `
module.exports = async (user, { webtask: { secrets } }, cb) => secrets.KEY;`,
			uses: []use{{"KEY", 1, 72, KindMember}}},
	})
}

func TestHelpers(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "function declared after use, given the secrets", src: `
module.exports = function (user, context, cb) {
  notify(context.webtask.secrets, user);
};
function notify(s, user) {
  return post(s.WEBHOOK, user);
}`, uses: []use{{"WEBHOOK", 5, 17, KindHelper}}},
		{name: "helper given the context or webtask", src: `
const viaContext = (ctx) => ctx.webtask.secrets.A;
const viaWebtask = function (wt) { return wt.secrets['B']; };
module.exports = function (user, context, cb) {
  viaContext(context);
  viaWebtask(context.webtask);
};`, uses: []use{{"A", 1, 49, KindHelper}, {"B", 2, 54, KindHelper}}},
		{name: "destructured parameter", src: `
function mail({ SENDGRID_KEY, FROM = 'noreply@example.com' }, to) {}
module.exports = function (user, context, cb) {
  mail(context.webtask.secrets, user.email);
};`, uses: []use{{"SENDGRID_KEY", 1, 17, KindHelper}, {"FROM", 1, 31, KindHelper}}},
		{name: "call, apply and IIFE", src: `
function a(s) { return s.A; }
function b(s) { return s.B; }
module.exports = function (user, context, cb) {
  a.call(null, context.webtask.secrets);
  b.apply(null, [context.webtask.secrets]);
  (function (s) { return s.C; })(context.webtask.secrets);
};`, uses: []use{{"A", 1, 26, KindHelper}, {"B", 2, 26, KindHelper}, {"C", 6, 28, KindHelper}}},
		{name: "class constructor, this fields and methods", src: `
class Mailer {
  constructor(secrets) { this.secrets = secrets; this.key = secrets.KEY; }
  send() { return this.secrets.FROM; }
  static create(s) { return s.STATIC; }
}
module.exports = function (user, context, cb) {
  const m = new Mailer(context.webtask.secrets);
  Mailer.create(context.webtask.secrets);
};`, uses: []use{{"KEY", 2, 69, KindHelper}, {"FROM", 3, 32, KindHelper}, {"STATIC", 4, 31, KindHelper}}},
		{name: "object literal of helpers", src: `
const helpers = {
  slack(s) { return s.SLACK; },
  mail: (s) => s.MAIL,
};
module.exports = function (user, context, cb) {
  helpers.slack(context.webtask.secrets);
  helpers.mail(context.webtask.secrets);
};`, uses: []use{{"SLACK", 2, 23, KindHelper}, {"MAIL", 3, 18, KindHelper}}},
		{name: "helper returning the secrets", src: `
function secretsOf(ctx) { return ctx.webtask.secrets; }
module.exports = function (user, context, cb) {
  const s = secretsOf(context);
  use(s.KEY);
};`, uses: []use{{"KEY", 4, 9, KindAlias}}},
		{name: "default parameter value", src: `
module.exports = function (user, context, cb) {
  function send(key = context.webtask.secrets.DEFAULT_KEY, s = context.webtask.secrets) { return s.OTHER; }
  send();
};`, uses: []use{{"DEFAULT_KEY", 2, 47, KindMember}, {"OTHER", 2, 100, KindAlias}}},
		{name: "rest parameter escapes", src: `
function all(...args) { return args; }
module.exports = function (user, context, cb) {
  all(context.webtask.secrets);
};`, finds: []problem{{finding.RuleSecretsObjectEscape, 3, 7}}},
	})
}

func TestInChecks(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "every form", src: `
module.exports = function (user, context, cb) {
  const s = context.webtask.secrets;
  if ('A' in s) {}
  if (s.hasOwnProperty('B')) {}
  if (Object.prototype.hasOwnProperty.call(s, 'C')) {}
  if (Object.hasOwn(s, 'D')) {}
  if (Reflect.has(s, 'E')) {}
};`, uses: []use{{"A", 3, 7, KindInCheck}, {"B", 4, 24, KindInCheck}, {"C", 5, 47, KindInCheck}, {"D", 6, 24, KindInCheck}, {"E", 7, 22, KindInCheck}}},
	})
}

func TestEscapes(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "every way out", src: `
const lib = require('lib');
module.exports = function (user, context, cb) {
  const s = context.webtask.secrets;
  Object.keys(s);
  const copy = { ...s };
  Object.assign({}, s);
  JSON.stringify(s);
  for (const k in s) {}
  lib(context);
  console.log(context.webtask);
  const holder = { s };
  module.exports.saved = s;
};`, finds: []problem{
			{finding.RuleSecretsObjectEscape, 4, 15},
			{finding.RuleSecretsObjectEscape, 5, 21},
			{finding.RuleSecretsObjectEscape, 6, 21},
			{finding.RuleSecretsObjectEscape, 7, 18},
			{finding.RuleSecretsObjectEscape, 8, 19},
			{finding.RuleSecretsObjectEscape, 9, 7},
			{finding.RuleSecretsObjectEscape, 10, 15},
			{finding.RuleSecretsObjectEscape, 11, 20},
			{finding.RuleSecretsObjectEscape, 12, 3},
		}},
		{name: "the hook's arguments object holds the context", src: `
module.exports = function (user, context, cb) {
  use(arguments[1].webtask.secrets.K);
  const args = Array.prototype.slice.call(arguments);
  const later = () => arguments;
  function own() { return arguments.length; }
  const o = { arguments: 1 };
  use(o.arguments, own(), later);
  use(user.app_metadata.arguments, o.arguments.arguments);
  cb();
};`, finds: []problem{
			{finding.RuleSecretsObjectEscape, 2, 7},
			{finding.RuleSecretsObjectEscape, 3, 43},
			{finding.RuleSecretsObjectEscape, 4, 23},
		}},
		{name: "arguments of an arrow hook is not the hook's", src: `
module.exports = (user, context, cb) => {
  function inner() { return arguments[0]; }
  inner(1);
  cb();
};`},
		{name: "harmless uses are not escapes", src: `
module.exports = function (user, context, cb) {
  const s = context.webtask.secrets;
  if (!s || typeof s !== 'object' || s === null) return cb(null, user);
  cb(null, user, context.connection);
};`},
	})
}

func TestFalseFriends(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "shadowed context parameter", src: `
module.exports = function (user, context, cb) {
  const other = function (context) { return context.webtask.secrets.NOT_IT; };
  const arrow = (context) => context.webtask.secrets.NOR_THIS;
};`},
		{name: "local secrets object", src: `
module.exports = function (user, context, cb) {
  {
    const secrets = { A: 1 };
    use(secrets.A, secrets['B']);
  }
};`},
		{name: "look-alike object literal", src: `
module.exports = function (user, context, cb) {
  const fake = { webtask: { secrets: { B: 1 } } };
  use(fake.webtask.secrets.B);
};`},
		{name: "comments and strings", src: "\n" +
			"module.exports = function (user, context, cb) {\n" +
			"  // context.webtask.secrets.IN_COMMENT\n" +
			"  /* const { X } = context.webtask.secrets; */\n" +
			"  log('context.webtask.secrets.IN_STRING', `context.webtask.secrets.IN_TEMPLATE`);\n" +
			"};"},
		{name: "global context outside the hook", src: `
function unrelated() { return context.webtask.secrets.GLOBAL; }
module.exports = function (user, context, cb) { cb(); };`},
		{name: "helper parameter named context given something else", src: `
function h(context) { return context.webtask.secrets.NOPE; }
module.exports = function (user, context, cb) { h({}); h(user); };`},
		{name: "catch parameter and block-scoped shadow", src: `
module.exports = function (user, context, cb) {
  try { x(); } catch (context) { use(context.webtask.secrets.CAUGHT); }
  for (const context of list) { use(context.webtask.secrets.LOOPED); }
};`},
	})
}

func TestExportForms(t *testing.T) {
	body := "{ return context.webtask.secrets.K; }"
	runCases(t, []analyzeCase{
		{name: "named async function expression", src: "module.exports = async function myHook(user, context, cb) " + body,
			uses: []use{{"K", 1, 92, KindMember}}},
		{name: "declared then exported", src: "function hook(user, context, cb) " + body + "\nmodule.exports = hook;",
			uses: []use{{"K", 1, 67, KindMember}}},
		{name: "const arrow then exported", src: "const hook = async (user, context, cb) => " + body + "\nmodule.exports = hook;",
			uses: []use{{"K", 1, 76, KindMember}}},
		{name: "chained exports", src: "module.exports = exports = function (user, context, cb) " + body,
			uses: []use{{"K", 1, 90, KindMember}}},
		{name: "exports.handler", src: "exports.handler = function (user, context, cb) " + body,
			uses: []use{{"K", 1, 81, KindMember}}},
		{name: "bare function expression as stored by the API", src: "function (user, context, cb) " + body,
			uses: []use{{"K", 1, 63, KindMember}}},
		{name: "top-level return", src: "if (typeof module === 'undefined') return;\nmodule.exports = function (user, context, cb) " + body,
			uses: []use{{"K", 2, 80, KindMember}}},
		{name: "no function", src: "const x = 1;\n", finds: []problem{{finding.RuleNoHookFunction, 1, 1}}},
	})
}

func TestTriggers(t *testing.T) {
	cases := []struct {
		name, trigger, src string
		wantTrigger        string
		source             TriggerSource
		ctxIndex           int
		candidates         []string
	}{
		{"five params", "", "module.exports = function (client, scope, audience, context, cb) {}", "credentials-exchange", TriggerInferred, 3, nil},
		{"four params", "", "module.exports = function (recipient, text, context, cb) {}", "send-phone-message", TriggerInferred, 2, nil},
		{"three params are ambiguous", "", "module.exports = function (user, context, cb) {}", "", TriggerUnknown, 1,
			[]string{"pre-user-registration", "post-user-registration", "post-change-password"}},
		{"given trigger wins", "post-change-password", "module.exports = function (user, context, cb) {}", "post-change-password", TriggerGiven, 1, nil},
		{"destructured webtask marks the context", "", "module.exports = function (a, b, { webtask }, d) {}", "send-phone-message", TriggerInferred, 2, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze([]byte(tc.src), "hook.js", tc.trigger)
			if r.TriggerID != tc.wantTrigger || r.TriggerSource != tc.source {
				t.Errorf("trigger = %q (%s), want %q (%s)", r.TriggerID, r.TriggerSource, tc.wantTrigger, tc.source)
			}
			if r.Context == nil || r.Context.Index != tc.ctxIndex {
				t.Fatalf("context = %+v, want index %d", r.Context, tc.ctxIndex)
			}
			if diff := cmp.Diff(tc.candidates, r.TriggerCandidates); diff != "" {
				t.Errorf("candidates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestContextParameter(t *testing.T) {
	r := Analyze([]byte("module.exports = function (client, scope, audience, ctx, cb) {}"), "cce.js", "")
	want := &ContextParam{Name: "ctx", Index: 3, Line: 1, Column: 53}
	if diff := cmp.Diff(want, r.Context); diff != "" {
		t.Errorf("context (-want +got):\n%s", diff)
	}
}

func TestTriggerMismatch(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "credentials-exchange with three parameters", trigger: "credentials-exchange",
			src:   "module.exports = function (user, context, cb) { return context.webtask.secrets.K; }",
			finds: []problem{{finding.RuleContextNotFound, 1, 18}, {finding.RuleTriggerMismatch, 1, 18}}},
		{name: "async hook without its callback is fine", trigger: "pre-user-registration",
			src:  "module.exports = async (user, context) => context.webtask.secrets.K;",
			uses: []use{{"K", 1, 67, KindMember}}},
	})
}

func TestParseErrors(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "first error only, text scan marked low confidence", src: `
module.exports = function (user, context, cb) {
  const key = context.webtask.secrets.API_KEY;
  const x = ;
  const y = context.webtask.secrets['OTHER'];
  const { A, B } = context.webtask.secrets;
  // context.webtask.secrets.COMMENTED
  let z = ;
};`, uses: []use{{"API_KEY", 2, 39, KindText}, {"OTHER", 4, 37, KindText}, {"A", 5, 11, KindText}, {"B", 5, 14, KindText}},
			finds: []problem{{finding.RuleParseError, 3, 13}}},
		{name: "ES module syntax", src: "import x from 'y';\nexport default function (user, context, cb) {}",
			finds: []problem{{finding.RuleParseError, 1, 1}}},
		{name: "an input goja's parser panics on", src: "module.exports = function (user, context, cb) {\n  context.webtask.secrets.K; const [...a(\n};",
			uses: []use{{"K", 2, 27, KindText}}, finds: []problem{{finding.RuleParseError, 1, 1}}},
	})
}

func TestParseErrorUsagesAreLowConfidence(t *testing.T) {
	r := Analyze([]byte("module.exports = function (u, context, cb) { context.webtask.secrets.A; ) }"), "x.js", "")
	if r.Parsed || len(r.Usages) != 1 || !r.Usages[0].LowConfidence || !r.Opaque() {
		t.Fatalf("want one low-confidence usage on an unparsed, opaque result; got %+v", r)
	}
}

func TestPositionsCountUTF16Units(t *testing.T) {
	src := "module.exports = function (user, context, cb) {\n  const é = '😀'; use(context.webtask.secrets.K);\n};"
	r := Analyze([]byte(src), "x.js", "")
	// é is 2 bytes and 1 unit; 😀 is 4 bytes and 2 units.
	want := []use{{"K", 2, 47, KindMember}}
	if diff := cmp.Diff(want, uses(r)); diff != "" {
		t.Errorf("usages (-want +got):\n%s", diff)
	}
}

func TestSourceMapCommentIsIgnored(t *testing.T) {
	src := "module.exports = function (u, context, cb) { return context.webtask.secrets.K; };\n//# sourceMappingURL=/etc/passwd\n"
	r := Analyze([]byte(src), "x.js", "")
	want := []use{{"K", 1, 77, KindMember}}
	if diff := cmp.Diff(want, uses(r)); diff != "" || len(r.Findings) != 0 {
		t.Errorf("usages (-want +got):\n%s findings: %v", diff, r.Findings)
	}
}

func TestReferencedIsSortedAndUnique(t *testing.T) {
	src := "module.exports = function (u, context, cb) { const s = context.webtask.secrets; use(s.B, s.A, s.B, s['C']); };"
	r := Analyze([]byte(src), "x.js", "")
	if diff := cmp.Diff([]string{"A", "B", "C"}, r.Referenced()); diff != "" {
		t.Errorf("referenced (-want +got):\n%s", diff)
	}
}

// reversedAliasChain declares n aliases of the secrets, each from the next
// one down, in reverse order, so each round of the flow settles one link.
func reversedAliasChain(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "module.exports = function (user, context, cb) {\n  use(s%d.K);\n", n)
	for i := n; i > 0; i-- {
		fmt.Fprintf(&b, "  var s%d = s%d;\n", i, i-1)
	}
	b.WriteString("  var s0 = context.webtask.secrets;\n};\n")
	return b.String()
}

func TestLongReversedAliasChainIsReportedIncomplete(t *testing.T) {
	r := Analyze([]byte(reversedAliasChain(200)), "x.js", "")
	want := []problem{{finding.RuleAnalysisIncomplete, 1, 18}}
	if diff := cmp.Diff(want, problems(r)); diff != "" || !r.Opaque() {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestShortReversedAliasChainSettles(t *testing.T) {
	r := Analyze([]byte(reversedAliasChain(20)), "x.js", "")
	if diff := cmp.Diff([]use{{"K", 2, 11, KindAlias}}, uses(r)); diff != "" || len(r.Findings) != 0 {
		t.Errorf("usages (-want +got):\n%s findings %v", diff, r.Findings)
	}
}

func TestPathologicalInputsStayLinear(t *testing.T) {
	// A quadratic pass would take seconds on these; the test only checks
	// they complete and stay correct, timing belongs to benchmarks.
	long := "module.exports = function (u, context, cb) { x = context.webtask.secrets" + strings.Repeat(".a", 50000) + "; }"
	r := Analyze([]byte(long), "x.js", "")
	if len(r.Usages) != 1 || r.Usages[0].Key != "a" {
		t.Errorf("usages = %+v, want one read of a", r.Usages)
	}
}

func TestHelperChains(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "helper passing the secrets on", src: `
function outer(s) { return inner(s); }
function inner(s) { return s.DEEP; }
module.exports = function (user, context, cb) { outer(context.webtask.secrets); };`,
			uses: []use{{"DEEP", 2, 30, KindHelper}}},
		{name: "helper called with the secrets and with something else", src: `
function pick(s) { return s.KEY; }
module.exports = function (user, context, cb) { pick({}); pick(context.webtask.secrets); };`,
			uses: []use{{"KEY", 1, 29, KindHelper}}},
		{name: "recursive helper", src: `
function walk(s, n) { return n ? walk(s, n - 1) : s.LEAF; }
module.exports = function (user, context, cb) { walk(context.webtask.secrets, 3); };`,
			uses: []use{{"LEAF", 1, 53, KindHelper}}},
		{name: "callback given the secrets escapes", src: `
module.exports = function (user, context, cb) { cb(null, context.webtask.secrets); };`,
			finds: []problem{{finding.RuleSecretsObjectEscape, 1, 58}}},
	})
}

func TestScriptEmbeddedInAnotherFile(t *testing.T) {
	src := "module.exports = function (u, context, cb) {\n  use(context.webtask.secrets.K);\n  const x = ;\n};"
	r := AnalyzeScript(Script{Source: []byte(src), File: "hooks.tf", FirstLine: 12})
	if diff := cmp.Diff([]use{{"K", 13, 31, KindText}}, uses(r)); diff != "" {
		t.Errorf("usages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]problem{{finding.RuleParseError, 14, 13}}, problems(r)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestScriptIndentedInAnotherFile(t *testing.T) {
	// A <<- heredoc stripped four columns from every line of its file.
	src := "module.exports = function (u, context, cb) {\n  use(context.webtask.secrets.K);\n  const x = ;\n};"
	r := AnalyzeScript(Script{Source: []byte(src), File: "hooks.tf", FirstLine: 12, Indent: 4})
	if diff := cmp.Diff([]use{{"K", 13, 35, KindText}}, uses(r)); diff != "" {
		t.Errorf("usages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]problem{{finding.RuleParseError, 14, 17}}, problems(r)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestRequires(t *testing.T) {
	src := `const request = require('request@2.88.0');
const sg = require("@sendgrid/mail@7.4.0"), crypto = require('crypto');
module.exports = function (user, context, cb) {
  const lodash = require('lodash');
  function inner(require) { return require('not-global'); }
  const dyn = require(name);
};`
	r := Analyze([]byte(src), "x.js", "")
	var got []string
	for _, q := range r.Requires {
		got = append(got, fmt.Sprintf("%s@%d:%d[%s]", q.Specifier, q.Line, q.Column, src[q.Span.Start:q.Span.End]))
	}
	want := []string{
		"request@2.88.0@1:25['request@2.88.0']",
		`@sendgrid/mail@7.4.0@2:20["@sendgrid/mail@7.4.0"]`,
		"crypto@2:62['crypto']",
		"lodash@4:26['lodash']",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requires (-want +got):\n%s", diff)
	}
}

func TestSuppressions(t *testing.T) {
	src := "// hooks2actions-ignore dynamic-secret-access keys come from our own table\n" +
		"module.exports = function (user, context, cb) {\n" +
		"  const s = '// hooks2actions-ignore not-a-comment in a string';\n" +
		"  use(context.webtask.secrets[user.k]); // hooks2actions-ignore dynamic-secret-access\n" +
		"  /* hooks2actions-ignore block-comments-do-not-count */\n" +
		"  //hooks2actions-ignore   unused-secret   kept for the rollback  \n" +
		"  // hooks2actions-ignored is another word\n" +
		"};"
	r := Analyze([]byte(src), "x.js", "")
	want := []Suppression{
		{Rule: "dynamic-secret-access", Reason: "keys come from our own table", Line: 1, Column: 1},
		{Rule: "dynamic-secret-access", Reason: "", Line: 4, Column: 41},
		{Rule: "unused-secret", Reason: "kept for the rollback", Line: 6, Column: 3},
	}
	if diff := cmp.Diff(want, r.Suppressions); diff != "" {
		t.Errorf("suppressions (-want +got):\n%s", diff)
	}
}

func TestHookCallbackReceivingTheContext(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "cb(null, user, context) is no escape",
			src: "module.exports = function (user, context, cb) { cb(null, user, context); };"},
		{name: "nor when called from a nested arrow", src: `
module.exports = function (user, context, done) {
  setTimeout(() => done(null, user, context), 0);
};`},
		{name: "credentials-exchange callback", trigger: "credentials-exchange",
			src: "module.exports = (client, scope, audience, context, cb) => cb(null, {}, context);"},
		{name: "a shadowing local named like the callback is unknown code", src: `
module.exports = function (user, context, cb) {
  [1].forEach(function (cb) { cb(context); });
};`, finds: []problem{{finding.RuleSecretsObjectEscape, 2, 34}}},
		{name: "the secrets given to the callback still escape",
			src:   "module.exports = function (user, context, cb) { cb(null, context.webtask); };",
			finds: []problem{{finding.RuleSecretsObjectEscape, 1, 58}}},
	})
}

func TestImplicitGlobalHelpers(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "arrow helper assigned without a declaration", src: `
helper = (user, context) => context.webtask.secrets.K;
module.exports = function (user, context, cb) { cb(null, helper(user, context)); };`,
			uses: []use{{"K", 1, 53, KindHelper}}},
		{name: "function helper assigned inside the hook", src: `
module.exports = function (user, context, cb) {
  send = function (ctx) { return ctx.webtask.secrets.URL; };
  send(context);
  cb();
};`, uses: []use{{"URL", 2, 54, KindHelper}}},
		{name: "a local declaration still shadows the global", src: `
helper = (user, context) => context.webtask.secrets.K;
module.exports = function (user, context, cb) { const helper = require('x'); helper(context); };`,
			finds: []problem{{finding.RuleSecretsObjectEscape, 2, 85}}},
		{name: "exports rebinding is not a global", src: `
exports = module.exports = function (user, context, cb) { cb(null, context.webtask.secrets.K); };`,
			uses: []use{{"K", 1, 92, KindMember}}},
	})
}

func TestContextNotFound(t *testing.T) {
	runCases(t, []analyzeCase{
		{name: "six parameters",
			src:   "module.exports = function (a, b, c, context, cb, e) { cb(context.webtask.secrets.K); };",
			finds: []problem{{finding.RuleContextNotFound, 1, 18}}},
		{name: "webtask (context, cb)",
			src:   "module.exports = function (context, cb) { cb(null, context.secrets.K); };",
			finds: []problem{{finding.RuleContextNotFound, 1, 18}}},
		{name: "webtask (context, cb) with its trigger given", trigger: "pre-user-registration",
			src:   "module.exports = function (context, cb) { cb(null, context.secrets.K); };",
			finds: []problem{{finding.RuleContextNotFound, 1, 18}}},
		{name: "webtask (ctx, done)",
			src:   "module.exports = (ctx, done) => done(null, ctx.secrets.K);",
			finds: []problem{{finding.RuleContextNotFound, 1, 18}}},
		{name: "no parameters, so no context to look for",
			src: "module.exports = function () { return 1; };"},
		{name: "async hook (user, context) is still a hook",
			src:  "module.exports = async (user, context) => context.webtask.secrets.K;",
			uses: []use{{"K", 1, 67, KindMember}}},
		{name: "two parameters with other names are an async hook",
			src:  "module.exports = async (u, c) => c.webtask.secrets.K;",
			uses: []use{{"K", 1, 52, KindMember}}},
	})
	r := Analyze([]byte("module.exports = function (context, cb) { cb(null, context.secrets.K); };"), "x.js", "")
	if !r.Opaque() || r.Context != nil {
		t.Errorf("a hook whose context is not found must be opaque and have no context; got opaque %v, context %+v", r.Opaque(), r.Context)
	}
}

func TestWorkBudgetEndsInIncomplete(t *testing.T) {
	src := `module.exports = function (user, context, cb) {
  const s = context.webtask.secrets;
  cb(null, s.A, context.webtask.secrets.B);
};`
	if r := Analyze([]byte(src), "x.js", ""); len(r.Findings) != 0 || len(r.Usages) != 2 {
		t.Fatalf("within the budget: findings %v, usages %v", r.Findings, r.Usages)
	}
	defer func(base, perByte int) { baseWork, workPerByte = base, perByte }(baseWork, workPerByte)
	baseWork, workPerByte = 3, 0
	r := Analyze([]byte(src), "x.js", "")
	if diff := cmp.Diff([]problem{{finding.RuleAnalysisIncomplete, 1, 1}}, problems(r)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	// What the text scan sees is kept, marked low confidence.
	if diff := cmp.Diff([]use{{"B", 3, 41, KindText}}, uses(r)); diff != "" || !r.Opaque() || !r.Usages[0].LowConfidence {
		t.Errorf("usages (-want +got):\n%s opaque %v", diff, r.Opaque())
	}
	if again := Analyze([]byte(src), "x.js", ""); !cmp.Equal(r, again) {
		t.Errorf("the same script over budget gave another result:\n%+v\n%+v", r, again)
	}
}

// TestNameIndexAgreesWithScopeChain analyses every script of testdata with
// names resolved through the index, as deeply nested scripts are, and
// through the scope chain, as the others are: the results must be the same.
func TestNameIndexAgreesWithScopeChain(t *testing.T) {
	paths, err := filepath.Glob("../testdata/*/*.js")
	if err != nil || len(paths) < 20 {
		t.Fatalf("found %d scripts: %v", len(paths), err)
	}
	sources := map[string][]byte{"shadowing": []byte(`
var a = 1, helper = (ctx) => ctx.webtask.secrets.OUTER;
module.exports = function (user, context, cb) {
  { let context = {}; helper(context); }
  function inner() { var helper = (c) => c.webtask.secrets.INNER; { helper(context); } }
  inner();
  { const s = context.webtask.secrets; { let s = {}; use(s.NOT); } use(s.YES); }
  helper(context);
  cb();
};`)}
	for _, p := range paths {
		if sources[p], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	defer func(depth int32) { indexDepth = depth }(indexDepth)
	for name, src := range sources {
		indexDepth = 1 << 30
		chain := AnalyzeScript(Script{Source: src, File: "x.js", Detail: true})
		indexDepth = -1
		index := AnalyzeScript(Script{Source: src, File: "x.js", Detail: true})
		if diff := cmp.Diff(chain, index); diff != "" {
			t.Errorf("%s: scope chain (-) and name index (+) differ:\n%s", name, diff)
		}
	}
}

// TestFoldedKeys folds bracket keys built with +: strings and numbers
// concatenate once one side is a string, in JavaScript's order; a sum of
// numbers first, or an operand that is not constant, leaves the key
// dynamic. Long chains fold in a loop (see foldSum), in the same order.
func TestFoldedKeys(t *testing.T) {
	cases := []struct {
		key  string
		want string // "" when the key must stay dynamic
	}{
		{`'A' + 'B'`, "AB"},
		{`'A' + 1`, "A1"},
		{`1 + 'A'`, "1A"},
		{`'A' + 1 + 2`, "A12"},
		{`1 + 2 + 'A'`, ""},
		{`('A' + 'B') + ('C' + 'D')`, "ABCD"},
		{"`x${'y'}` + 'z' + `${1}`", "xyz1"},
		{`'A' + K`, "AB"},
		{`K + 'C' + K`, "BCB"},
		{`(1 * 2) + 'A'`, ""},
		{`'A' + user.name`, ""},
		{`'K' + '' + 'E' + 'Y' + '_' + 2 + 'x'`, "KEY_2x"},
	}
	for _, c := range cases {
		src := "module.exports = function (user, context, cb) {\n  const K = 'B';\n  cb(null, context.webtask.secrets[" + c.key + "]);\n};"
		r := Analyze([]byte(src), "hook.js", "")
		var keys []string
		for _, u := range r.Usages {
			keys = append(keys, u.Key)
		}
		dynamic := false
		for _, f := range r.Findings {
			dynamic = dynamic || f.Rule == finding.RuleDynamicSecretAccess
		}
		switch {
		case c.want == "" && (!dynamic || len(keys) > 0):
			t.Errorf("%s: keys %v, dynamic %v; want a dynamic key", c.key, keys, dynamic)
		case c.want != "" && (dynamic || len(keys) != 1 || keys[0] != c.want):
			t.Errorf("%s: keys %v, dynamic %v; want %q", c.key, keys, dynamic, c.want)
		}
	}
}
