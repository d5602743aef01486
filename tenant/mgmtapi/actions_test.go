package mgmtapi

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
	"github.com/hooks2actions/hooks2actions/trigger"
)

var writeScopes = emulator.WithScopes("read:hooks", "read:actions", "create:actions", "update:actions", "update:hooks")

func (f *tenantFixture) dial(t *testing.T) *Client {
	t.Helper()
	cl, err := Dial(context.Background(), f.cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	return cl
}

func newAction(name, value string) ActionWrite {
	code := "exports.onExecutePostUserRegistration = async (event) => {};"
	deps := []ActionDependency{{Name: "axios", Version: "1.6.0"}}
	return ActionWrite{
		Name: name, Code: &code, Runtime: "node22", Dependencies: &deps,
		SupportedTriggers: []ActionTrigger{{ID: "post-user-registration", Version: "v2"}},
		Secrets:           &[]SecretValue{{Name: "KEY", Value: value}},
	}
}

func TestActionLifecycle(t *testing.T) {
	f := newTenant(t, writeScopes, emulator.WithBuildDelay(3*time.Second))
	cl := f.dial(t)
	ctx := context.Background()
	if got, known := cl.Scopes(); !known || len(got) != 5 {
		t.Errorf("Scopes() = %v, %v", got, known)
	}
	a, err := cl.CreateAction(ctx, newAction("welcome", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || a.Status == ActionBuilt || len(a.Secrets) != 1 || a.Secrets[0].Name != "KEY" {
		t.Errorf("created: %+v", a)
	}
	// Before the build ends the deploy is refused, recognisably.
	if err := cl.DeployAction(ctx, a.ID); !errors.Is(err, ErrNotBuilt) {
		t.Fatalf("early deploy: %v, want ErrNotBuilt", err)
	}
	// Binding an Action never deployed is refused, recognisably.
	if _, err := cl.SetBindings(ctx, "post-user-registration", []trigger.Binding{{ActionID: a.ID}}); !errors.Is(err, ErrNotDeployed) {
		t.Fatalf("early binding: %v, want ErrNotDeployed", err)
	}
	_ = f.clock.Sleep(ctx, 3*time.Second)
	if got, err := cl.Action(ctx, a.ID); err != nil || got.Status != ActionBuilt {
		t.Fatalf("after the build delay: %+v, %v", got, err)
	}
	if err := cl.DeployAction(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	got, err := cl.SetBindings(ctx, "post-user-registration", []trigger.Binding{{ActionName: "welcome", DisplayName: "Welcome"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []trigger.Binding{{ActionName: "welcome", DisplayName: "Welcome", ActionID: a.ID}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bindings (-want +got):\n%s", diff)
	}
	if read, err := cl.Bindings(ctx, "post-user-registration"); err != nil || !cmp.Equal(want, read) {
		t.Errorf("read back: %v, %v", read, err)
	}
	code := "changed"
	if u, err := cl.UpdateAction(ctx, a.ID, ActionWrite{Code: &code}); err != nil || u.Code != "changed" || u.AllChangesDeployed {
		t.Errorf("update: %+v, %v", u, err)
	}
	if secrets := f.srv.Actions()[0].Secrets; len(secrets) != 1 || secrets[0].Value != "v1" {
		t.Errorf("an update without secrets changed them: %d", len(secrets))
	}
}

func TestActionsPaging(t *testing.T) {
	var seed []emulator.Action
	for i := range 123 {
		seed = append(seed, emulator.Action{Name: fmt.Sprintf("a-%03d", i), Trigger: "post-user-registration", Version: "v2"})
	}
	for _, cap := range []int{0, 20, 7} {
		f := newTenant(t, writeScopes, emulator.WithActions(seed...), emulator.WithPageCap(cap))
		all, err := f.dial(t).Actions(context.Background())
		if err != nil || len(all) != 123 || all[122].Name != "a-122" {
			t.Fatalf("page cap %d: %d Actions, %v", cap, len(all), err)
		}
	}
}

func TestBindingsPaging(t *testing.T) {
	var seed []emulator.Action
	var names []string
	for i := range 20 {
		name := fmt.Sprintf("a-%02d", i)
		seed = append(seed, emulator.Action{Name: name, Trigger: "post-user-registration", Version: "v2", Deployed: true})
		names = append(names, name)
	}
	f := newTenant(t, writeScopes, emulator.WithActions(seed...), emulator.WithBindings("post-user-registration", names...), emulator.WithPageCap(6))
	got, err := f.dial(t).Bindings(context.Background(), "post-user-registration")
	if err != nil || len(got) != 20 || got[19].ActionName != "a-19" || got[0].ActionID == "" {
		t.Fatalf("%d bindings, %v", len(got), err)
	}
}

func TestCreateRetriesOnlyWhatDidNotHappen(t *testing.T) {
	f := newTenant(t, writeScopes)
	cl := f.dial(t)
	ctx := context.Background()
	f.srv.Inject(2, emulator.Fault{Endpoint: emulator.EndpointActionCreate, Status: http.StatusTooManyRequests, ResetIn: time.Second})
	if _, err := cl.CreateAction(ctx, newAction("a", "x")); err != nil {
		t.Fatalf("a create throttled twice: %v", err)
	}
	f.srv.Reset()
	f.srv.Fail(1, http.StatusBadGateway)
	_, err := cl.CreateAction(ctx, newAction("b", "x"))
	if err == nil || f.srv.Requests(emulator.EndpointActionCreate) != 1 {
		t.Errorf("a create answered 502 was sent %d times (err %v): it may have happened", f.srv.Requests(emulator.EndpointActionCreate), err)
	}
	f.srv.Fail(1, http.StatusBadGateway)
	if _, err := cl.UpdateAction(ctx, f.srv.Actions()[0].ID, ActionWrite{Runtime: "node22"}); err != nil {
		t.Errorf("an update is replayable: %v", err)
	}
}

func TestWriteErrorsAreRedacted(t *testing.T) {
	f := newTenant(t, writeScopes, emulator.WithActions(emulator.Action{ID: "a1", Name: "a", Trigger: "post-user-registration", Version: "v2"}))
	cl := f.dial(t)
	// The value sits where clipping the message (300 characters) would
	// cut it in two, and holds characters JSON escapes.
	value := `<v&"` + strings.Repeat("s", 40) + `">`
	w := ActionWrite{Secrets: &[]SecretValue{{Name: strings.Repeat("n", 230), Value: value}}}
	f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointActionUpdate, Status: http.StatusBadRequest, EchoBody: true})
	_, err := cl.UpdateAction(context.Background(), "a1", w)
	if err == nil || !strings.Contains(err.Error(), redactedText) {
		t.Fatalf("error %v: the echo was not redacted (or not echoed)", err)
	}
	if strings.Contains(err.Error(), strings.Repeat("s", 10)) {
		t.Errorf("the error holds part of the value: %v", err)
	}
	var ae *APIError
	if !errors.As(err, &ae) || strings.Contains(ae.Message, "ssss") {
		t.Errorf("APIError.Message holds the value")
	}
}

func TestWriteForbiddenNamesTheScope(t *testing.T) {
	f := newTenant(t, emulator.WithScopes("read:hooks", "read:actions"))
	_, err := f.dial(t).CreateAction(context.Background(), newAction("a", "x"))
	if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "create:actions") {
		t.Errorf("error %v, want a 403 naming create:actions", err)
	}
}

func TestSetHookEnabledPastEndOfLife(t *testing.T) {
	f := newTenant(t, writeScopes, emulator.WithHooks(emulator.Hook{ID: "h1", Name: "h", TriggerID: "post-user-registration", Enabled: true, Script: "x"}))
	cl := f.dial(t)
	if err := cl.SetHookEnabled(context.Background(), "h1", false); err != nil || f.srv.HookEnabled("h1") {
		t.Fatalf("disable: %v", err)
	}
	f.srv.SetHooksMode(emulator.HooksReadOnly)
	if err := cl.SetHookEnabled(context.Background(), "h1", true); !errors.Is(err, ErrHooksDisabled) {
		t.Errorf("read-only tenant: %v, want ErrHooksDisabled", err)
	}
}

func TestJWTScopes(t *testing.T) {
	jwt := func(claims string) string {
		return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".sig"
	}
	tests := []struct {
		token string
		want  []string
	}{
		{jwt(`{"scope":"read:hooks read:actions"}`), []string{"read:hooks", "read:actions"}},
		{jwt(`{"permissions":["read:actions"]}`), []string{"read:actions"}},
		{jwt(`{"scope":""}`), []string{}},
		{jwt(`{"sub":"x"}`), nil},
		{"opaque-token", nil},
		{"a.!!!.c", nil},
	}
	for _, tt := range tests {
		if got := jwtScopes(tt.token); !cmp.Equal(tt.want, got) {
			t.Errorf("jwtScopes(%q) = %#v, want %#v", tt.token, got, tt.want)
		}
	}
}

// A client that dialled reads the tenant with the token it holds: apply
// asks for one token, not one for the read and another for the writes.
func TestClientFetchReusesItsToken(t *testing.T) {
	f := newTenant(t, writeScopes)
	cl := f.dial(t)
	inv, err := cl.Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want, err := f.fetch(t)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != len(want.Hooks) {
		t.Errorf("Client.Fetch read %d hooks, Fetch %d", len(inv.Hooks), len(want.Hooks))
	}
	// One token for the client (both its reads), one for the package's Fetch.
	if got := f.srv.Requests(emulator.EndpointToken); got != 2 {
		t.Errorf("%d token requests, want 2", got)
	}
}
