package verify_test

import (
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/verify"
)

// FuzzRun: whatever the hook and the Action code, verification returns a
// verdict (never a panic or a hang) and a differs verdict says what differed.
func FuzzRun(f *testing.F) {
	for _, c := range effectCases {
		f.Add(c.trigger, c.hook, c.faithful)
		f.Add(c.trigger, c.hook, c.wrong)
	}
	f.Add("post-change-password", `module.exports = function (u, c, cb) { JSON.stringify = null; Promise = null; cb(); };`,
		`exports.onExecutePostChangePassword = async () => { JSON.parse = null; };`)
	f.Fuzz(func(t *testing.T, trigger, hook, action string) {
		v := verify.Run(verify.Subject{TriggerID: trigger, HookScript: hook, ActionCode: action, SecretKeys: []string{"API_URL", "API_KEY"}},
			verify.Options{Budget: 200 * time.Millisecond})
		switch v.Status {
		case migrate.VerdictEquivalent:
		case migrate.VerdictDiffers:
			if v.Difference == nil || v.Difference.Hook == v.Difference.Action {
				t.Fatalf("differs without a difference: %+v", v.Difference)
			}
		case migrate.VerdictNotVerified:
			if v.Reason == "" {
				t.Fatal("not verified without a reason")
			}
		default:
			t.Fatalf("status %q", v.Status)
		}
	})
}
