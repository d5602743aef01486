package migrate

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/trigger"
)

// deployCLIDir is the installed npm package auth0-deploy-cli the
// interoperability test loads our files with: $HOOKS2ACTIONS_DEPLOY_CLI,
// or where .ci/run installs it.
func deployCLIDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("HOOKS2ACTIONS_DEPLOY_CLI")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			t.Skip("no home directory to find the Deploy CLI in")
		}
		dir = filepath.Join(home, ".cache", "hooks2actions", "deploy-cli", "node_modules", "auth0-deploy-cli")
	}
	_, errCLI := os.Stat(filepath.Join(dir, "lib", "context", "index.js"))
	_, errNode := exec.LookPath("node")
	if errCLI != nil || errNode != nil {
		msg := fmt.Sprintf("the Deploy CLI (%s) or node is not installed: .ci/run installs them", dir)
		if os.Getenv("HOOKS2ACTIONS_REQUIRE_DEPLOY_CLI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dir
}

// loadedAction is an Action as the Deploy CLI loaded it, code read and
// markers replaced.
type loadedAction struct {
	Name              string `json:"name"`
	Code              string `json:"code"`
	Runtime           string `json:"runtime"`
	Deployed          bool   `json:"deployed"`
	Dependencies      []deployDependency
	Secrets           []deploySecret
	SupportedTriggers []deployTrigger `json:"supported_triggers"`
}

type loaded struct {
	Input    string                              `json:"input"`
	Actions  []loadedAction                      `json:"actions"`
	Triggers map[string][]trigger.DeployCLIEntry `json:"triggers"`
}

// TestDeployCLIInterop loads the directory and YAML files of the fixture's
// plan with the real Deploy CLI's loader and schema, every secret value
// given through the environment as an import would get it: each Action,
// each secret value (quotes, backslashes, line breaks, @@, $&) and each
// binding comes out as intended, the bindings already there kept first.
func TestDeployCLIInterop(t *testing.T) {
	cli := deployCLIDir(t)
	p, analysis := planOf(t, deployFixture)
	root := t.TempDir()
	var inputs []string
	for _, layout := range []Layout{LayoutDirectory, LayoutYAML} {
		files := filesOf(t, p, FilesOptions{Findings: analysis, Bindings: bindingsOf(t, deployFixture), Layout: layout})
		dir := filepath.Join(root, string(layout))
		writeFiles(t, dir, files)
		input := dir
		if layout == LayoutYAML {
			input = filepath.Join(dir, TenantYAMLFile)
		}
		inputs = append(inputs, input)
	}
	// The enabled hooks' Actions without blockers are deployed and bound;
	// m2m-entitlement-claims has a blocker, password-change-audit's hook
	// is disabled.
	bound := map[string]bool{"Welcome email and Slack": true, "partner-domain-allowlist": true, "twilio-sms": true}

	values := map[string]string{}
	env := os.Environ()
	for i, a := range p.Actions {
		for j, s := range a.Secrets {
			if !s.Carried() {
				continue
			}
			v := fmt.Sprintf("it's \"quoted\", C:\\path\\%d\n-----BEGIN KEY-----\r\n\tp@@ss##w0rd $& $' %d-%d\n", i, i, j)
			values[s.Marker] = v
			env = append(env, s.Marker+"="+v)
		}
	}
	out := filepath.Join(root, "loaded.json")
	// Loading takes a couple of seconds; a hung node fails the test instead.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("..", "testdata", "interop", "deploy-cli-load.js"), cli, out)
	cmd.Args = append(cmd.Args, inputs...)
	cmd.Env = env
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the Deploy CLI could not load our files: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var results []loaded
	if err := json.Unmarshal(data, &results); err != nil {
		t.Fatal(err)
	}
	want := wantLoaded(p, values, bound)
	for _, got := range results {
		if diff := cmp.Diff(want.Actions, got.Actions); diff != "" {
			t.Errorf("%s: Actions as the Deploy CLI loaded them (-want +got):\n%s", got.Input, diff)
		}
		wantTriggers := map[string][]trigger.DeployCLIEntry{
			"post-user-registration": {entry("Welcome email and Slack", "Welcome email and Slack")},
			"pre-user-registration":  {entry("Signup Risk Score", "Risk score"), entry("partner-domain-allowlist", "partner-domain-allowlist")},
			"send-phone-message":     {entry("twilio-sms", "twilio-sms")},
		}
		if diff := cmp.Diff(wantTriggers, got.Triggers); diff != "" {
			t.Errorf("%s: triggers as the Deploy CLI loaded them (-want +got):\n%s", got.Input, diff)
		}
	}
	if len(results) != 2 {
		t.Errorf("%d results, want one per layout", len(results))
	}
}

func wantLoaded(p *Plan, values map[string]string, bound map[string]bool) loaded {
	var want loaded
	for _, a := range sortedActions(p.Actions) {
		if a.Draft == nil {
			continue
		}
		la := loadedAction{Name: a.Name, Code: a.Draft.Code, Runtime: a.Runtime, Deployed: bound[a.Name],
			Dependencies: []deployDependency{}, Secrets: []deploySecret{},
			SupportedTriggers: []deployTrigger{{ID: a.TriggerID, Version: a.Version}}}
		for _, d := range a.Dependencies {
			la.Dependencies = append(la.Dependencies, deployDependency{Name: d.Name, Version: d.Version})
		}
		for _, s := range a.Secrets {
			if s.Carried() {
				la.Secrets = append(la.Secrets, deploySecret{Name: s.Key, Value: values[s.Marker]})
			}
		}
		want.Actions = append(want.Actions, la)
	}
	return want
}
