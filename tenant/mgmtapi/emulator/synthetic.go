package emulator

import (
	"fmt"
	"strings"

	"github.com/hooks2actions/hooks2actions/trigger"
)

// SyntheticHooks returns n distinct hooks that cycle through the five
// triggers, each with its trigger's signature and reading one secret, for
// load tests and demos. Ids sort in creation order; only the first hook of
// each trigger is enabled, as Auth0 allows one enabled hook per trigger.
func SyntheticHooks(n int) []Hook {
	triggers := trigger.All()
	hooks := make([]Hook, n)
	for i := range hooks {
		t := triggers[i%len(triggers)]
		secret := fmt.Sprintf("API_KEY_%d", i)
		hooks[i] = Hook{
			ID:        fmt.Sprintf("01HOOK%020d", i),
			Name:      fmt.Sprintf("hook-%05d", i),
			TriggerID: t.ID,
			Enabled:   i < len(triggers),
			Script: fmt.Sprintf("module.exports = function (%s) {\n  const key = %s.webtask.secrets.%s;\n  %s();\n};\n",
				strings.Join(t.HookParams, ", "), t.HookParams[t.ContextIndex], secret, t.HookParams[len(t.HookParams)-1]),
			Dependencies: map[string]string{"axios": "1.6.0"},
			Secrets:      map[string]string{secret: fmt.Sprintf("synthetic-value-%d", i)},
		}
	}
	return hooks
}
