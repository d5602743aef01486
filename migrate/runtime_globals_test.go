package migrate

import (
	"fmt"

	"testing"

	"github.com/google/go-cmp/cmp"
)

// The hooks runtime gave some modules as globals; an Action has to
// require them and declare them as dependencies.
func TestDraftRequiresRuntimeGlobals(t *testing.T) {
	const note = "// hooks2actions: the hooks runtime gave %s as a global without a require; an Action must require it (%s)\n"
	const latest = "the plan adds %s to the dependencies as latest, since which version the runtime gave is not documented: pin the one the hook ran with"
	src := "// Header comment.\n/* Owner: team */\nmodule.exports = function (user, context, cb) {\n  const id = _.trim(user.email);\n  const token = jwt.sign({ id: uuid.v4() }, 'k');\n  send(querystring.stringify({ id, token }), _.noop);\n  cb();\n};"
	want := "// Header comment.\n/* Owner: team */\n" +
		fmt.Sprintf(note, "_", fmt.Sprintf(latest, "lodash")) + "const _ = require('lodash');\n" +
		fmt.Sprintf(note, "jwt", fmt.Sprintf(latest, "jsonwebtoken")) + "const jwt = require('jsonwebtoken');\n" +
		fmt.Sprintf(note, "querystring", "it is a module of Node") + "const querystring = require('querystring');\n" +
		fmt.Sprintf(note, "uuid", fmt.Sprintf(latest, "uuid")) + "const uuid = require('uuid');\n" +
		"exports.onExecutePostUserRegistration = async (event, api) => {\n" +
		"  const id = _.trim(event.user.email);\n  const token = jwt.sign({ id: uuid.v4() }, 'k');\n  send(querystring.stringify({ id, token }), _.noop);\n  return;\n};"
	code, rules := draft(t, "post-user-registration", src)
	if diff := cmp.Diff(want, code); diff != "" {
		t.Errorf("draft (-want +got):\n%s", diff)
	}
	if len(rules) != 0 {
		t.Errorf("findings %v, want none: every global is required", rules)
	}

	in := input("globals", "post-user-registration", nil, src)
	in.Hook.Dependencies = map[string]string{"jsonwebtoken": "8.5.1"}
	in.Result = detailed("globals", "post-user-registration", []byte(src)).Result
	p := Build([]HookInput{in}, Options{})
	wantDeps := []Dependency{
		{Name: "jsonwebtoken", Version: "8.5.1", From: []string{"dependencies", "global jwt at line 5, which the hooks runtime provided (version not documented)"}},
		{Name: "lodash", Version: "latest", From: []string{"global _ at line 4, which the hooks runtime provided (version not documented)"}},
		{Name: "uuid", Version: "latest", From: []string{"global uuid at line 5, which the hooks runtime provided (version not documented)"}},
	}
	if diff := cmp.Diff(wantDeps, p.Actions[0].Dependencies); diff != "" {
		t.Errorf("dependencies (-want +got):\n%s", diff)
	}
}
