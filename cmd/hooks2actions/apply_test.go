package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

// The canary values of the secrets file: none may appear anywhere but in
// the emulator's store.
const (
	canarySlack = "CANARY-slack-<&>\"q\"-9f3a"
	canaryPlan  = "CANARY-plan-77c1"
)

var applyScopes = []string{"read:hooks", "read:actions", "create:actions", "update:actions", "update:hooks"}

func applyHooks() []emulator.Hook {
	return []emulator.Hook{
		{
			ID: "01HOOKWELCOME", Name: "welcome", TriggerID: "post-user-registration", Enabled: true,
			Script:  "module.exports = function (user, context, cb) {\n  const url = context.webtask.secrets.SLACK_URL;\n  console.log(url, user.email);\n  cb();\n};\n",
			Secrets: map[string]string{"SLACK_URL": "hook-value"},
		},
		{
			ID: "01HOOKM2M", Name: "m2m-claims", TriggerID: "credentials-exchange", Enabled: true,
			Script:       "module.exports = function (client, scope, audience, context, cb) {\n  cb(null, { 'https://acme/plan': context.webtask.secrets.PLAN });\n};\n",
			Dependencies: map[string]string{"axios": "1.6.0"},
			Secrets:      map[string]string{"PLAN": "hook-value"},
		},
		{
			ID: "01HOOKPHONE", Name: "old-phone", TriggerID: "send-phone-message", Enabled: false,
			Script: "module.exports = function (recipient, text, context, cb) {\n  cb();\n};\n",
		},
	}
}

// applyTenant is an emulated tenant with hooks to move and two Actions
// already bound to post-user-registration.
type applyTenant struct {
	srv *emulator.Server
	dir string
}

func newApplyTenant(t *testing.T, opts ...emulator.Option) *applyTenant {
	t.Helper()
	base := []emulator.Option{
		emulator.WithHooks(applyHooks()...),
		emulator.WithScopes(applyScopes...),
		emulator.WithBuildDelay(30 * time.Millisecond),
		emulator.WithActions(
			emulator.Action{Name: "existing-a", Code: "exports.onExecutePostUserRegistration = async () => {};", Trigger: "post-user-registration", Version: "v2", Deployed: true},
			emulator.Action{Name: "existing-b", Code: "exports.onExecutePostUserRegistration = async () => {};", Trigger: "post-user-registration", Version: "v2", Deployed: true},
		),
		emulator.WithBindings("post-user-registration", "existing-a", "existing-b"),
	}
	at := &applyTenant{srv: emulator.Start(t, append(base, opts...)...), dir: t.TempDir()}
	// The Slack value has quotes and HTML characters: written JSON-quoted.
	quoted, _ := json.Marshal(canarySlack)
	at.write(t, "secrets.txt", "# shared\nPLAN="+canaryPlan+"\n[welcome]\nSLACK_URL="+string(quoted)+"\n")
	return at
}

func (at *applyTenant) write(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(at.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func (at *applyTenant) path(name string) string { return filepath.Join(at.dir, name) }

// apply runs the command in process with the tenant's credentials.
func (at *applyTenant) apply(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	env := map[string]string{"AUTH0_CLIENT_ID": at.srv.ClientID(), "AUTH0_CLIENT_SECRET": at.srv.ClientSecret()}
	var stdout, stderr bytes.Buffer
	s := &streams{Out: &stdout, Err: &stderr, Getenv: func(k string) string { return env[k] }}
	all := append([]string{"apply", "--api-url", at.srv.URL(), "--poll-interval", "10ms", "--build-timeout", "5s"}, args...)
	code := run(all, s)
	return code, stdout.String(), stderr.String()
}

func (at *applyTenant) mustApply(t *testing.T, want int, args ...string) (string, string) {
	t.Helper()
	code, stdout, stderr := at.apply(t, args...)
	if code != want {
		t.Fatalf("apply %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, want, stdout, stderr)
	}
	return stdout, stderr
}

func TestApplyPreviewApplyReapply(t *testing.T) {
	at := newApplyTenant(t)
	out, _ := at.mustApply(t, exitChangesPending)
	for _, want := range []string{
		`hook "welcome" → Action "welcome" (post-user-registration v2)`,
		"+ create", "set secrets: SLACK_URL", "~ deploy", `+ bind to post-user-registration after "existing-b"`,
		`before: "existing-a", "existing-b"`, `after:  "existing-a", "existing-b", "welcome"`,
		"not bound: the hook is disabled",
		"Nothing was written",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	if n := at.srv.Writes(); n != 0 {
		t.Fatalf("the preview made %d writes", n)
	}

	out, _ = at.mustApply(t, exitOK, "--yes", "--secrets-file", at.path("secrets.txt"), "--log", at.path("log.json"))
	if !strings.Contains(out, "Done.") {
		t.Errorf("apply output:\n%s", out)
	}
	if diff := cmp.Diff([]string{"existing-a", "existing-b", "welcome"}, at.srv.BoundActions("post-user-registration")); diff != "" {
		t.Errorf("post-user-registration bindings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"m2m-claims"}, at.srv.BoundActions("credentials-exchange")); diff != "" {
		t.Errorf("credentials-exchange bindings (-want +got):\n%s", diff)
	}
	if got := at.srv.BoundActions("send-phone-message"); len(got) != 0 {
		t.Errorf("the disabled hook's Action is bound: %v", got)
	}
	byName := map[string]emulator.Action{}
	for _, a := range at.srv.Actions() {
		byName[a.Name] = a
	}
	if a := byName["welcome"]; !a.Deployed || len(a.Secrets) != 1 || a.Secrets[0] != (emulator.ActionSecret{Name: "SLACK_URL", Value: canarySlack}) {
		t.Errorf("welcome Action: deployed %v, secrets %d (want SLACK_URL with the file's value)", a.Deployed, len(a.Secrets))
	}
	if a := byName["m2m-claims"]; len(a.Dependencies) != 1 || a.Dependencies[0].Name != "axios" || a.Secrets[0].Value != canaryPlan {
		t.Errorf("m2m-claims Action: dependencies %v, secret names %d", a.Dependencies, len(a.Secrets))
	}
	if _, ok := byName["old-phone"]; !ok {
		t.Error("the disabled hook's Action was not created")
	}
	at.assertNoCanary(t, out)

	// Again, without the secrets file: nothing to do, nothing written.
	writes := at.srv.Writes()
	out, _ = at.mustApply(t, exitOK, "--yes")
	if !strings.Contains(out, "Nothing to do") || at.srv.Writes() != writes {
		t.Errorf("re-apply wrote %d requests:\n%s", at.srv.Writes()-writes, out)
	}
	at.mustApply(t, exitOK) // the preview agrees
}

func TestApplyMissingSecretWritesNothing(t *testing.T) {
	at := newApplyTenant(t)
	at.write(t, "partial.txt", "[welcome]\nSLACK_URL=x\n")
	_, stderr := at.mustApply(t, exitUsage, "--yes", "--secrets-file", at.path("partial.txt"))
	if !strings.Contains(stderr, `no value for secret PLAN of Action "m2m-claims"`) || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("stderr does not name the key and the Action:\n%s", stderr)
	}
	if n := at.srv.Writes(); n != 0 {
		t.Errorf("%d writes despite the missing value", n)
	}

	if _, stderr := at.mustApply(t, exitUsage, "--yes", "--secrets-file", at.path("secrets.txt"), "--log", at.path("no/such/dir/log.json")); !strings.Contains(stderr, "directory does not exist") || at.srv.Writes() != 0 {
		t.Errorf("a log that cannot be written: %d writes, stderr:\n%s", at.srv.Writes(), stderr)
	}

	long := strings.Repeat("v", 4097)
	at.write(t, "long.txt", "PLAN=x\nSLACK_URL="+long+"\n")
	_, stderr = at.mustApply(t, exitUsage, "--yes", "--secrets-file", at.path("long.txt"))
	if !strings.Contains(stderr, "4097 characters long") || strings.Contains(stderr, long) || at.srv.Writes() != 0 {
		t.Errorf("an over-long value: writes %d, stderr:\n%.400s", at.srv.Writes(), stderr)
	}
}

func TestApplyFailureThenRerunFinishes(t *testing.T) {
	at := newApplyTenant(t)
	// The first Action's deploy is refused: it is created, nothing else.
	at.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointActionDeploy, Status: 400})
	code, out, stderr := at.apply(t, "--yes", "--secrets-file", at.path("secrets.txt"), "--log", at.path("log1.json"))
	if code != exitRuntime || !strings.Contains(stderr, "run the same command again") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if got := len(at.srv.Actions()); got != 3 {
		t.Fatalf("%d Actions after the failure, want the 2 there before and the one created", got)
	}
	log := at.readLog(t, "log1.json")
	if !strings.Contains(log, `"create"`) || !strings.Contains(log, `"error": "action \"m2m-claims\": POST`) {
		t.Errorf("the log does not say what was done and where it stopped:\n%s", log)
	}
	at.assertNoCanary(t, out, stderr)

	// The re-run deploys it, creates the rest and binds.
	out, _ = at.mustApply(t, exitOK, "--yes", "--secrets-file", at.path("secrets.txt"))
	if strings.Contains(out, `created Action "m2m-claims"`) || !strings.Contains(out, `deployed Action "m2m-claims"`) {
		t.Errorf("the re-run did not continue where the first run stopped:\n%s", out)
	}
	if diff := cmp.Diff([]string{"existing-a", "existing-b", "welcome"}, at.srv.BoundActions("post-user-registration")); diff != "" {
		t.Errorf("bindings after the re-run (-want +got):\n%s", diff)
	}
	at.mustApply(t, exitOK)
}

func TestApplyUndoAndDisableHooks(t *testing.T) {
	at := newApplyTenant(t)
	at.mustApply(t, exitOK, "--yes", "--disable-hooks", "--secrets-file", at.path("secrets.txt"), "--log", at.path("log.json"))
	if at.srv.HookEnabled("01HOOKWELCOME") || at.srv.HookEnabled("01HOOKM2M") {
		t.Error("--disable-hooks left a replaced hook enabled")
	}
	// Someone binds another Action meanwhile: undo keeps it.
	at.srv.SetBindings("post-user-registration", "existing-a", "existing-b", "welcome", "later")
	out, _ := at.mustApply(t, exitOK, "--undo", at.path("log.json"))
	if diff := cmp.Diff([]string{"existing-a", "existing-b", "later"}, at.srv.BoundActions("post-user-registration")); diff != "" {
		t.Errorf("bindings after --undo (-want +got):\n%s\n%s", diff, out)
	}
	if got := at.srv.BoundActions("credentials-exchange"); len(got) != 0 {
		t.Errorf("credentials-exchange after --undo: %v", got)
	}
	// Each trigger's line says what was done and what is bound now
	// (it once read "restored no binding").
	if !strings.Contains(out, "credentials-exchange: unbound what the apply bound; bound now: no binding") {
		t.Errorf("--undo output:\n%s", out)
	}
	if !at.srv.HookEnabled("01HOOKWELCOME") || !at.srv.HookEnabled("01HOOKM2M") {
		t.Error("--undo did not enable the disabled hooks again")
	}
	if n := len(at.srv.Actions()); n != 6 {
		t.Errorf("--undo deleted Actions: %d left, want 6", n)
	}
	out, _ = at.mustApply(t, exitOK, "--undo", at.path("log.json"))
	if !strings.Contains(out, "nothing to undo") {
		t.Errorf("second undo:\n%s", out)
	}
	// The log of another tenant is refused.
	other := strings.Replace(at.readLog(t, "log.json"), `"tenant": "127.0.0.1:`, `"tenant": "example.eu.auth0.com:`, 1)
	at.write(t, "other.json", other)
	writes := at.srv.Writes()
	if _, stderr := at.mustApply(t, exitUsage, "--undo", at.path("other.json")); !strings.Contains(stderr, "is the log of an apply to example.eu.auth0.com") || at.srv.Writes() != writes {
		t.Errorf("another tenant's log:\n%s", stderr)
	}
}

func TestApplyDisableHooksOnReadOnlyTenant(t *testing.T) {
	at := newApplyTenant(t)
	at.srv.SetHooksMode(emulator.HooksReadOnly)
	out, _ := at.mustApply(t, exitOK, "--yes", "--disable-hooks", "--secrets-file", at.path("secrets.txt"), "--log", at.path("log.json"))
	if !strings.Contains(out, "no longer accepts hook writes") || !at.srv.HookEnabled("01HOOKWELCOME") {
		t.Errorf("a tenant refusing hook writes:\n%s", out)
	}
	if diff := cmp.Diff([]string{"existing-a", "existing-b", "welcome"}, at.srv.BoundActions("post-user-registration")); diff != "" {
		t.Errorf("bindings (-want +got):\n%s", diff)
	}
	if log := at.readLog(t, "log.json"); !strings.Contains(log, "no longer accepts hook writes") || !strings.Contains(log, `"error": ""`) {
		t.Errorf("log:\n%s", log)
	}
}

// TestApplySecretValuesNeverLeak makes every write that carries a secret
// fail with an error that echoes its body, and looks for the values in
// everything the command leaves: stdout, stderr with the --verbose trace,
// the log and every file.
func TestApplySecretValuesNeverLeak(t *testing.T) {
	// An Action like the plan's but for its secret names: its update
	// sends the secrets alone, a body short enough to be echoed whole.
	m2m := draftOf(t, applyHooks()[1])
	m2m.Secrets = []emulator.ActionSecret{{Name: "OLD", Value: "x"}}
	tests := []struct {
		name  string
		fault emulator.Fault
		seed  []emulator.Option
		code  int
		// redacted: the echo reaches the message, so [REDACTED] shows.
		redacted bool
	}{
		{"create refused, echoing the body", emulator.Fault{Endpoint: emulator.EndpointActionCreate, Status: 400, EchoBody: true}, nil, exitRuntime, false},
		{"create 500, echoing the body", emulator.Fault{Endpoint: emulator.EndpointActionCreate, Status: 500, EchoBody: true}, nil, exitRuntime, false},
		{"create throttled, echoing the body", emulator.Fault{Endpoint: emulator.EndpointActionCreate, Status: 429, EchoBody: true}, nil, exitOK, false},
		{"update refused, echoing the body", emulator.Fault{Endpoint: emulator.EndpointActionUpdate, Status: 400, EchoBody: true},
			[]emulator.Option{emulator.WithActions(m2m)}, exitRuntime, true},
		{"update 503, echoing the body", emulator.Fault{Endpoint: emulator.EndpointActionUpdate, Status: 503, EchoBody: true},
			[]emulator.Option{emulator.WithActions(m2m)}, exitOK, false},
		{"deploy refused by a server quoting the credentials", emulator.Fault{Endpoint: emulator.EndpointActionDeploy, Status: 400},
			[]emulator.Option{emulator.WithEchoCredentials()}, exitRuntime, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := newApplyTenant(t, tt.seed...)
			at.srv.Inject(1, tt.fault)
			code, out, stderr := at.apply(t, "--yes", "--verbose", "--secrets-file", at.path("secrets.txt"), "--log", at.path("log.json"))
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if tt.redacted && !strings.Contains(stderr, "[REDACTED]") {
				t.Errorf("the echoed body did not reach the error, so redaction was not tested:\n%s", stderr)
			}
			if !strings.Contains(stderr, "mgmtapi: POST") {
				t.Errorf("no --verbose trace:\n%s", stderr)
			}
			log := at.readLog(t, "log.json")
			at.assertNoCanary(t, out, stderr, log)
			for _, cred := range append(at.srv.IssuedTokens(), at.srv.ClientSecret()) {
				if strings.Contains(out+stderr+log, cred) {
					t.Errorf("a token or the client secret was passed on")
				}
			}
		})
	}
}

func TestApplyRespectsRateLimitAndBuildDelay(t *testing.T) {
	at := newApplyTenant(t, emulator.WithRateLimit(4, 40), emulator.WithBuildDelay(150*time.Millisecond))
	start := time.Now()
	at.mustApply(t, exitOK, "--yes", "--secrets-file", at.path("secrets.txt"))
	took := time.Since(start)
	// Three builds of 150ms, waited for one after the other.
	if took < 450*time.Millisecond || took > 20*time.Second {
		t.Errorf("apply took %s", took)
	}
	// A deploy before the build ends would have been a 400.
	if n := at.srv.Responses(400); n != 0 {
		t.Errorf("%d requests refused: a deploy came before its build", n)
	}
	if diff := cmp.Diff([]string{"existing-a", "existing-b", "welcome"}, at.srv.BoundActions("post-user-registration")); diff != "" {
		t.Errorf("bindings (-want +got):\n%s", diff)
	}
}

func TestApplyScopesCheckedFirst(t *testing.T) {
	at := newApplyTenant(t, emulator.WithScopes("read:hooks", "read:actions"))
	_, stderr := at.mustApply(t, exitUsage, "--yes", "--secrets-file", at.path("secrets.txt"))
	if !strings.Contains(stderr, "lacks the scopes create:actions, update:actions") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if n := at.srv.Writes(); n != 0 {
		t.Errorf("%d writes without the scopes", n)
	}
	at.mustApply(t, exitChangesPending) // the preview needs the read scopes only
}

// draftOf is the Action apply makes of hook, as the emulator holds it.
func draftOf(t *testing.T, h emulator.Hook) emulator.Action {
	t.Helper()
	plan := migrate.Build(migrate.Analyze([]tenant.Hook{{Name: h.Name, TriggerID: h.TriggerID, Script: []byte(h.Script),
		SecretKeys: tenant.SecretKeys(h.Secrets), Dependencies: h.Dependencies}}, true), migrate.Options{})
	a := plan.Actions[0]
	out := emulator.Action{Name: a.Name, Code: a.Draft.Code, Runtime: a.Runtime, Trigger: a.TriggerID, Version: a.Version, Deployed: true}
	for _, d := range a.Dependencies {
		out.Dependencies = append(out.Dependencies, emulator.ActionDependency{Name: d.Name, Version: d.Version})
	}
	return out
}

func (at *applyTenant) readLog(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(at.path(name))
	if err != nil {
		t.Fatalf("reading the log: %v", err)
	}
	return string(data)
}

// assertNoCanary checks the outputs given, the log and every file the
// test's directory holds.
func (at *applyTenant) assertNoCanary(t *testing.T, outputs ...string) {
	t.Helper()
	canaries := []string{canarySlack, canaryPlan, "CANARY"}
	for i, o := range outputs {
		for _, c := range canaries {
			if strings.Contains(o, c) {
				t.Errorf("output %d holds a secret value (%s)", i, c)
			}
		}
	}
	entries, _ := os.ReadDir(at.dir)
	for _, e := range entries {
		if e.Name() == "secrets.txt" || e.Name() == "partial.txt" {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(at.dir, e.Name()))
		for _, c := range canaries {
			if bytes.Contains(data, []byte(c)) {
				t.Errorf("%s holds a secret value", e.Name())
			}
		}
	}
}

// An interrupted apply still leaves its log, saying what was done, so that
// --undo and a person can use it.
func TestApplyInterruptedWritesTheLog(t *testing.T) {
	at := newApplyTenant(t, emulator.WithBuildDelay(time.Hour))
	exited := make(chan int, 1)
	stop := handleSignals(func(code int) { exited <- code })
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		// The build never ends: the run waits until its build timeout.
		at.apply(t, "--yes", "--build-timeout", "1s", "--secrets-file", at.path("secrets.txt"), "--log", at.path("log.json"))
	}()
	// Interrupt once the run has its first Action created and is polling
	// its build: two requests after the create, so the create's response
	// has been recorded, however slow the machine.
	deadline := time.Now().Add(10 * time.Second)
	for len(at.srv.Actions()) < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	for after := at.srv.APIRequests() + 2; at.srv.APIRequests() < after && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("exit code %d, want 130", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no exit")
	}
	log := at.readLog(t, "log.json")
	// undoAll kept the lock, as the process was to exit: let the run
	// finish instead, without replacing the list it still uses.
	pending.mu.Unlock()
	<-done
	if !strings.Contains(log, `"interrupted`) || !strings.Contains(log, `"action": "m2m-claims"`) || !strings.Contains(log, `"create"`) {
		t.Errorf("the log of the interrupted run:\n%s", log)
	}
	at.assertNoCanary(t, log)
}

// TestApplyNothingToDoNamesTheSkipped: once every other Action is in
// place, a hook whose draft was skipped is still not migrated, and the
// last line must not say the tenant matches the plan as if it were.
func TestApplyNothingToDoNamesTheSkipped(t *testing.T) {
	at := newApplyTenant(t, emulator.WithHooks(emulator.Hook{
		ID: "01HOOKSTORE", Name: "counter", TriggerID: "post-user-registration", Enabled: true,
		Script: "module.exports = function (user, context, cb) {\n  context.webtask.storage.get(function () { cb(); });\n};\n",
	}))
	at.mustApply(t, exitOK, "--yes", "--secrets-file", at.path("secrets.txt"))
	out, _ := at.mustApply(t, exitOK)
	if !strings.Contains(out, "! skipped") {
		t.Fatalf("the storage hook's draft was not skipped; the test reads nothing:\n%s", out)
	}
	if strings.Contains(out, "Nothing to do: the tenant matches the plan.") || !strings.Contains(out, "1 Action skipped (above)") {
		t.Errorf("the last line hides the skipped Action:\n%s", out)
	}
}
