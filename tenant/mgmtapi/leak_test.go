package mgmtapi

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

// Canaries planted where credentials and secret values live. None may turn
// up in a trace, an error or the inventory, whatever goes wrong.
const (
	canaryClientSecret = "CANARY-client-secret-5f1d"
	canaryToken        = "CANARY-access-token-9b2e"
	canarySecretValue  = "CANARY-hook-secret-value-77c0"
)

var canaries = []string{canaryClientSecret, canaryToken, canarySecretValue, emulator.TokenPrefix}

func TestNoCredentialOrSecretValueLeaks(t *testing.T) {
	scenarios := map[string]func(f *tenantFixture){
		"success through faults": func(f *tenantFixture) {
			f.srv.Throttle(2, time.Second)
			f.srv.Fail(2, 503)
			f.srv.Truncate(2)
			f.srv.Inject(1, emulator.Fault{Endpoint: emulator.EndpointToken, Truncate: true})
			f.srv.DeleteAfterList("leaky-2")
		},
		"ready token": func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", canaryToken
			f.srv.AcceptToken(canaryToken)
		},
		"rejected token": func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", canaryToken
		},
		"token without scope": func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", canaryToken
			f.srv.AcceptToken(canaryToken, "read:users")
		},
		"wrong client secret": func(f *tenantFixture) {
			f.cfg.ClientSecret = canaryClientSecret + "-wrong"
		},
		"token endpoint down": func(f *tenantFixture) {
			f.srv.Inject(10, emulator.Fault{Endpoint: emulator.EndpointToken, Status: 500})
		},
		"secrets always cut short": func(f *tenantFixture) {
			f.srv.Inject(100, emulator.Fault{Endpoint: emulator.EndpointSecrets, Truncate: true})
		},
		"hooks turned off": func(f *tenantFixture) { f.srv.SetHooksMode(emulator.HooksDeprecated403) },
		"token without read:actions": func(f *tenantFixture) {
			f.cfg.ClientID, f.cfg.ClientSecret, f.cfg.Token = "", "", canaryToken
			f.srv.AcceptToken(canaryToken, "read:hooks")
		},
		"trigger list down": func(f *tenantFixture) {
			f.srv.Inject(100, emulator.Fault{Endpoint: emulator.EndpointTriggers, Status: 503})
		},
		"trigger list cut short": func(f *tenantFixture) {
			f.srv.Inject(100, emulator.Fault{Endpoint: emulator.EndpointTriggers, Truncate: true})
		},
		"timeouts": func(f *tenantFixture) {
			f.cfg.RequestTimeout = 20 * time.Millisecond
			f.srv.Inject(10, emulator.Fault{Endpoint: emulator.EndpointSecrets, Delay: time.Second})
		},
	}
	for name, setup := range scenarios {
		t.Run(name, func(t *testing.T) {
			f := newTenant(t,
				emulator.WithClient("leak-test-client", canaryClientSecret),
				emulator.WithUnmaskedSecrets(), // as if the API ever sent values
				emulator.WithHooks(leakyHooks()...),
			)
			var trace strings.Builder
			f.cfg.Trace = &trace
			setup(f)
			inv, err := f.fetch(t)
			outputs := map[string]string{"trace": trace.String()}
			if err != nil {
				outputs["error"] = err.Error()
			}
			if inv != nil {
				outputs["inventory"] = fmt.Sprintf("%+v", *inv)
				for _, p := range inv.Problems {
					outputs["problem"] += p.Error() + "\n"
				}
			}
			for where, text := range outputs {
				for _, c := range canaries {
					if strings.Contains(text, c) {
						t.Errorf("%s contains %q:\n%s", where, c, text)
					}
				}
			}
			if trace.Len() == 0 {
				t.Error("no trace: the scenario checked nothing")
			}
		})
	}
}

func leakyHooks() []emulator.Hook {
	hooks := make([]emulator.Hook, 3)
	for i := range hooks {
		hooks[i] = emulator.Hook{
			ID: fmt.Sprintf("leaky-%d", i), Name: fmt.Sprintf("leaky-%d", i), TriggerID: "pre-user-registration",
			Script:  "module.exports = function (user, context, cb) { cb(); };",
			Secrets: map[string]string{"API_KEY": canarySecretValue, "OTHER": canarySecretValue + "-2"},
		}
	}
	return hooks
}
