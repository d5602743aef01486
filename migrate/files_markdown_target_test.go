package migrate

import (
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/finding"
)

// A hook declared in any Terraform configuration file (.tf, .tf.json, or
// OpenTofu's .tofu) is disabled on its auth0_hook resource; one from
// elsewhere through the API.
func TestDisableHookNamesTheResource(t *testing.T) {
	f := outputForm{target: TargetTerraform}
	for file, resource := range map[string]bool{
		"infra/hooks.tf": true, "infra/hooks.tf.json": true, "infra/hooks.tofu": true, "infra/hooks.tofu.json": true,
		"export/hooks/welcome.json": false, "": false,
	} {
		got := f.disableHook(ActionPlan{HookWhere: finding.Location{File: file, Line: 3, Column: 1}}, "welcome")
		if strings.Contains(got, "on its `auth0_hook` resource") != resource {
			t.Errorf("%q: %s", file, got)
		}
	}
}
