package mgmtapi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
	"github.com/hooks2actions/hooks2actions/trigger"
)

func TestFetchBindings(t *testing.T) {
	// More bindings than one page holds, to follow the paging.
	var many []emulator.Binding
	var want []trigger.Binding
	for i := range 23 {
		b := emulator.Binding{ActionID: fmt.Sprintf("id-%d", i), ActionName: fmt.Sprintf("Action %d", i), DisplayName: fmt.Sprintf("Shown %d", i)}
		many = append(many, b)
		want = append(want, trigger.Binding{ActionID: b.ActionID, ActionName: b.ActionName, DisplayName: b.DisplayName})
	}
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...),
		emulator.WithBindings("credentials-exchange", many...),
		emulator.WithBindings("post-login", emulator.Binding{ActionID: "pl", ActionName: "Not a hook trigger"}))
	inv := f.mustFetch(t)
	wantMap := map[string][]trigger.Binding{"credentials-exchange": want, "pre-user-registration": {}}
	if diff := cmp.Diff(wantMap, inv.Bindings); diff != "" {
		t.Errorf("bindings of the hooks' triggers only (-want +got):\n%s", diff)
	}
	if got := f.srv.Requests(emulator.EndpointBindings); got != 3 {
		t.Errorf("%d binding requests, want 3 (two pages, one page)", got)
	}
	if len(inv.Problems) != 0 {
		t.Errorf("problems %v", inv.Problems)
	}
}

// A trigger whose bindings cannot be read is left unknown, with a note;
// the others are still read, and the retries apply as everywhere.
func TestFetchBindingsFailure(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...),
		emulator.WithBindings("pre-user-registration", emulator.Binding{ActionID: "r", ActionName: "Risk"}))
	f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointBindings, Status: 500})
	f.srv.Inject(10, emulator.Fault{Endpoint: emulator.EndpointBindings, Status: 404})
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
	f := newTenant(t, emulator.WithClient("cid", secret), emulator.WithHooks(emulator.SyntheticHooks(2)...),
		emulator.WithBindings("credentials-exchange", emulator.Binding{ActionID: "a", ActionName: "echo " + secret}),
		emulator.WithBindings("pre-user-registration", emulator.Binding{ActionID: "b", ActionName: "Risk"}))
	inv := f.mustFetch(t)
	want := map[string][]trigger.Binding{"pre-user-registration": {{ActionID: "b", ActionName: "Risk"}}}
	if diff := cmp.Diff(want, inv.Bindings); diff != "" {
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
