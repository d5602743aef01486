package mgmtapi

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

// recordedVersions is what the recorded tenant says of the hook triggers.
func recordedVersions() map[string]string {
	return map[string]string{
		"credentials-exchange":   "v2",
		"post-change-password":   "v2",
		"post-user-registration": "v2",
		"pre-user-registration":  "v2",
		"send-phone-message":     "v2",
	}
}

func TestFetchActionTriggerVersions(t *testing.T) {
	t.Run("recorded", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(5)...))
		inv := f.mustFetch(t)
		if diff := cmp.Diff(recordedVersions(), inv.ActionTriggerVersions); diff != "" {
			t.Errorf("versions (-want +got):\n%s", diff)
		}
		if len(inv.Hooks) != 5 || len(inv.Problems) != 0 {
			t.Errorf("got %d hooks, problems %v", len(inv.Hooks), inv.Problems)
		}
		if got := f.srv.Requests(emulator.EndpointTriggers); got != 1 {
			t.Errorf("%d trigger list requests, want exactly 1", got)
		}
	})
	t.Run("a newer version", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...),
			emulator.WithTriggerVersion("post-user-registration", "v3"))
		inv := f.mustFetch(t)
		want := recordedVersions()
		want["post-user-registration"] = "v3"
		if diff := cmp.Diff(want, inv.ActionTriggerVersions); diff != "" {
			t.Errorf("versions (-want +got):\n%s", diff)
		}
		if len(inv.Problems) != 0 {
			t.Errorf("problems %v", inv.Problems)
		}
		if got := f.srv.Requests(emulator.EndpointTriggers); got != 1 {
			t.Errorf("%d trigger list requests, want exactly 1", got)
		}
	})
	t.Run("no hooks", func(t *testing.T) {
		f := newTenant(t)
		inv := f.mustFetch(t)
		if len(inv.Hooks) != 0 || len(inv.Problems) != 0 || len(inv.ActionTriggerVersions) != 5 {
			t.Errorf("got %d hooks, problems %v, versions %v", len(inv.Hooks), inv.Problems, inv.ActionTriggerVersions)
		}
	})
}

func TestFetchActionTriggerVersionsWithoutScope(t *testing.T) {
	setups := map[string]func(f *tenantFixture){
		"client credentials": func(*tenantFixture) {},
		"ready token": func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", f.srv.IssueToken("read:hooks")
		},
	}
	for name, setup := range setups {
		t.Run(name, func(t *testing.T) {
			f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(3)...), emulator.WithoutScopes("read:actions"))
			setup(f)
			inv := f.mustFetch(t)
			if len(inv.Hooks) != 3 {
				t.Errorf("got %d hooks, want all 3 despite the missing read:actions", len(inv.Hooks))
			}
			for _, h := range inv.Hooks {
				if h.Script == nil || h.SecretKeys == nil {
					t.Errorf("hook %s incomplete", h.Name)
				}
			}
			if inv.ActionTriggerVersions != nil {
				t.Errorf("versions %v, want nil (unknown)", inv.ActionTriggerVersions)
			}
			if inv.Bindings != nil || f.srv.Requests(emulator.EndpointBindingsGet) != 0 {
				t.Errorf("bindings %v after %d requests, want nil (unknown) without asking", inv.Bindings, f.srv.Requests(emulator.EndpointBindingsGet))
			}
			if len(inv.Problems) != 1 {
				t.Fatalf("problems %v, want one", inv.Problems)
			}
			p := inv.Problems[0]
			if p.Hook != "" || p.Location.File != "" {
				t.Errorf("problem about hook %q at %q, want neither", p.Hook, p.Location.File)
			}
			for _, w := range []string{
				"could not read the Action trigger versions (GET ", "/api/v2/actions/triggers: 403 Forbidden",
				"Insufficient scope, expected any of: read:actions", "insufficient_scope",
				": grant read:actions to use them, and to keep the Actions already bound to the triggers); the plan assumes v2",
			} {
				if !strings.Contains(p.Message, w) {
					t.Errorf("problem %q does not say %q", p.Message, w)
				}
			}
			if strings.Contains(p.Message, "read:hooks") || strings.Contains(p.Message, "turned off") {
				t.Errorf("problem %q gives the advice for the hooks endpoints", p.Message)
			}
			if got := f.srv.Requests(emulator.EndpointTriggers); got != 1 {
				t.Errorf("%d trigger list requests, want 1: a 403 is not retried", got)
			}
		})
	}
}

func TestFetchActionTriggerVersionsRetried(t *testing.T) {
	t.Run("5xx burst", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
		f.srv.Inject(2, emulator.Fault{Endpoint: emulator.EndpointTriggers, Status: 503})
		f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointTriggers, Status: 500})
		f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointTriggers, Status: 502})
		inv := f.mustFetch(t)
		if diff := cmp.Diff(recordedVersions(), inv.ActionTriggerVersions); diff != "" {
			t.Errorf("versions (-want +got):\n%s", diff)
		}
		if len(inv.Problems) != 0 {
			t.Errorf("problems %v", inv.Problems)
		}
		if got := f.srv.Requests(emulator.EndpointTriggers); got != 5 {
			t.Errorf("%d trigger list requests, want 5 (4 retried)", got)
		}
		if f.clock.Slept() == 0 {
			t.Error("retried without backing off")
		}
	})
	t.Run("429", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
		f.srv.Inject(2, emulator.Fault{Endpoint: emulator.EndpointTriggers, Status: 429, ResetIn: 2 * time.Second})
		inv := f.mustFetch(t)
		if len(inv.ActionTriggerVersions) != 5 || len(inv.Problems) != 0 {
			t.Errorf("versions %v, problems %v", inv.ActionTriggerVersions, inv.Problems)
		}
		if n := f.srv.EarlyRequests(); n != 0 {
			t.Errorf("%d requests came before the announced reset", n)
		}
		if slept := f.clock.Slept(); slept < 4*time.Second {
			t.Errorf("slept %s, want two waits of at least 2s", slept)
		}
	})
	t.Run("cut short", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
		f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointTriggers, Truncate: true})
		inv := f.mustFetch(t)
		if len(inv.ActionTriggerVersions) != 5 || len(inv.Problems) != 0 {
			t.Errorf("versions %v, problems %v", inv.ActionTriggerVersions, inv.Problems)
		}
		if got := f.srv.Requests(emulator.EndpointTriggers); got != 2 {
			t.Errorf("%d trigger list requests, want 2", got)
		}
	})
	t.Run("down for good", func(t *testing.T) {
		f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
		f.srv.Inject(100, emulator.Fault{Endpoint: emulator.EndpointTriggers, Status: 500})
		inv := f.mustFetch(t)
		if len(inv.Hooks) != 2 || inv.ActionTriggerVersions != nil {
			t.Errorf("got %d hooks, versions %v; want 2 hooks and nil", len(inv.Hooks), inv.ActionTriggerVersions)
		}
		if len(inv.Problems) != 1 {
			t.Fatalf("problems %v, want one", inv.Problems)
		}
		msg := inv.Problems[0].Message
		for _, w := range []string{"could not read the Action trigger versions", "500 Internal Server Error", "(gave up after 8 attempts)); the plan assumes v2"} {
			if !strings.Contains(msg, w) {
				t.Errorf("problem %q does not say %q", msg, w)
			}
		}
		if strings.Contains(msg, "grant read:actions") {
			t.Errorf("problem %q blames the scope for a 500", msg)
		}
		if got := f.srv.Requests(emulator.EndpointTriggers); got != maxAttempts {
			t.Errorf("%d trigger list requests, want %d", got, maxAttempts)
		}
	})
}

func TestFetchActionTriggerVersionsIncomplete(t *testing.T) {
	f := newTenant(t, emulator.WithHooks(emulator.SyntheticHooks(1)...),
		emulator.WithTriggerVersion("send-phone-message", ""))
	inv := f.mustFetch(t)
	want := recordedVersions()
	delete(want, "send-phone-message")
	if diff := cmp.Diff(want, inv.ActionTriggerVersions); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	if len(inv.Problems) != 1 || !strings.Contains(inv.Problems[0].Message,
		"actions/triggers lists no CURRENT version of the Action trigger send-phone-message; the plan assumes v2 for it") {
		t.Errorf("problems %v", inv.Problems)
	}
}

func TestCurrentVersions(t *testing.T) {
	const shown = "/api/v2/actions/triggers"
	all := func(version string) []apiTrigger {
		var list []apiTrigger
		for id := range recordedVersions() {
			list = append(list, apiTrigger{ID: id, Version: version, Status: "CURRENT"})
		}
		return list
	}
	tests := []struct {
		name     string
		list     []apiTrigger
		want     map[string]string
		problems []string
	}{{
		name: "not CURRENT first, other triggers left out",
		list: []apiTrigger{
			{ID: "pre-user-registration", Version: "v1", Status: "DEPRECATED"},
			{ID: "post-login", Version: "v3", Status: "CURRENT"},
			{ID: "pre-user-registration", Version: "v2", Status: "CURRENT"},
			{ID: "pre-user-registration", Version: "v2", Status: "CURRENT"}, // repeated, not a conflict
		},
		want:     map[string]string{"pre-user-registration": "v2"},
		problems: []string{"lists no CURRENT version of the Action triggers credentials-exchange, post-change-password, post-user-registration, send-phone-message; the plan assumes v2 for them"},
	}, {
		name: "two CURRENT versions",
		list: append(all("v2"), apiTrigger{ID: "send-phone-message", Version: "v3", Status: "CURRENT"}),
		want: map[string]string{
			"credentials-exchange": "v2", "post-change-password": "v2", "post-user-registration": "v2", "pre-user-registration": "v2",
		},
		problems: []string{`lists 2 CURRENT versions of the Action trigger send-phone-message ("v2", "v3"); the plan assumes v2 for it`},
	}, {
		name:     "odd versions",
		list:     all("2.0\n"),
		problems: []string{`the CURRENT version "2.0\n", not of the form v1, v2, ...`},
	}, {
		name:     "no hook trigger",
		list:     []apiTrigger{{ID: "post-login", Version: "v3", Status: "CURRENT"}},
		problems: []string{"GET /api/v2/actions/triggers lists no CURRENT version of any hook trigger; the plan assumes v2"},
	}, {
		name:     "only DEPRECATED",
		list:     []apiTrigger{{ID: "send-phone-message", Version: "v1", Status: "DEPRECATED"}},
		problems: []string{"lists no CURRENT version of any hook trigger"},
	}, {
		name:     "empty",
		problems: []string{"lists no CURRENT version of any hook trigger"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := currentVersions(shown, tt.list)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
			if tt.want == nil && got != nil {
				t.Errorf("versions %v, want nil", got)
			}
			if len(tt.problems) == 0 && len(problems) != 0 {
				t.Errorf("problems %v, want none", problems)
			}
			for _, w := range tt.problems {
				if !someProblemSays(problems, w) {
					t.Errorf("no problem says %q: %v", w, problems)
				}
			}
		})
	}
}

func someProblemSays(problems []tenant.Problem, want string) bool {
	for _, p := range problems {
		if strings.Contains(p.Message, want) && p.Hook == "" {
			return true
		}
	}
	return false
}

func TestValidVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"v1": true, "v2": true, "v10": true, "v9999": true,
		"": false, "v": false, "2": false, "V2": false, "v02": false, "v2.0": false, "v-1": false, "v12345": false, "v2 ": false,
	} {
		if got := validVersion(v); got != want {
			t.Errorf("validVersion(%q) = %v, want %v", v, got, want)
		}
	}
}
