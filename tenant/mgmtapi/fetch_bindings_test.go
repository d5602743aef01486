package mgmtapi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// bound seeds deployed Actions named names on trig, bound to it in that
// order, and returns the bindings Fetch should read back.
func bound(trig string, names ...string) ([]emulator.Option, []trigger.Binding) {
	var actions []emulator.Action
	var want []trigger.Binding
	for _, n := range names {
		id := "id-" + strings.ReplaceAll(n, " ", "-")
		actions = append(actions, emulator.Action{ID: id, Name: n, Code: "exports.x = 1;", Trigger: trig, Version: "v2", Deployed: true})
		want = append(want, trigger.Binding{ActionID: id, ActionName: n, DisplayName: n})
	}
	return []emulator.Option{emulator.WithActions(actions...), emulator.WithBindings(trig, names...)}, want
}

func TestFetchBindings(t *testing.T) {
	// More bindings than one page holds, to follow the paging.
	var names []string
	for i := range 23 {
		names = append(names, fmt.Sprintf("Action %02d", i))
	}
	opts, want := bound("credentials-exchange", names...)
	other, _ := bound("post-login", "Not a hook trigger")
	f := newTenant(t, append(append(opts, other...), emulator.WithHooks(emulator.SyntheticHooks(2)...))...)
	inv := f.mustFetch(t)
	wantMap := map[string][]trigger.Binding{"credentials-exchange": want, "pre-user-registration": {}}
	if diff := cmp.Diff(wantMap, inv.Bindings); diff != "" {
		t.Errorf("bindings of the hooks' triggers only (-want +got):\n%s", diff)
	}
	if got := f.srv.Requests(emulator.EndpointBindingsGet); got != 3 {
		t.Errorf("%d binding requests, want 3 (two pages, one page)", got)
	}
	if len(inv.Problems) != 0 {
		t.Errorf("problems %v", inv.Problems)
	}
}

// A trigger whose bindings cannot be read is left unknown, with a note;
// the others are still read, and the retries apply as everywhere.
func TestFetchBindingsFailure(t *testing.T) {
	opts, _ := bound("pre-user-registration", "Risk")
	f := newTenant(t, append(opts, emulator.WithHooks(emulator.SyntheticHooks(2)...))...)
	f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointBindingsGet, Status: 500})
	f.srv.Inject(10, emulator.Fault{Endpoint: emulator.EndpointBindingsGet, Status: 404})
	inv := f.mustFetch(t)
	if inv.Bindings != nil {
		t.Errorf("bindings %v, want nil when none could be read", inv.Bindings)
	}
	if len(inv.Problems) != 2 {
		t.Fatalf("problems %v, want one per trigger", inv.Problems)
	}
	for _, p := range inv.Problems {
		if !strings.Contains(p.Message, "could not read the Actions bound to the trigger ") || p.Severity != "note" {
			t.Errorf("problem %q (%s)", p.Message, p.Severity)
		}
	}
}

// A binding that holds a credential (a hostile or broken server echoing
// it) leaves its trigger's bindings unknown: names from the server go into
// the migration's files.
func TestFetchBindingsHoldingCredentials(t *testing.T) {
	const secret = "the-client-secret-0123456789"
	echo, _ := bound("credentials-exchange", "echo "+secret)
	risk, want := bound("pre-user-registration", "Risk")
	opts := append(append(echo, risk...), emulator.WithClient("cid", secret), emulator.WithHooks(emulator.SyntheticHooks(2)...))
	inv := newTenant(t, opts...).mustFetch(t)
	if diff := cmp.Diff(map[string][]trigger.Binding{"pre-user-registration": want}, inv.Bindings); diff != "" {
		t.Errorf("bindings (-want +got):\n%s", diff)
	}
	if len(inv.Problems) != 1 || !strings.Contains(inv.Problems[0].Message, "holds the client secret or the token") {
		t.Errorf("problems %v, want one about the credential", inv.Problems)
	}
	for _, p := range inv.Problems {
		if strings.Contains(p.Message, secret[:12]) {
			t.Errorf("problem %q holds the secret", p.Message)
		}
	}
}
