package inplace

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/hooks2actions/hooks2actions/tenant"
)

// FuzzYAMLChanges: whatever tenant.yaml holds, Changes never panics, and
// when it edits the file the result still parses with the Action and the
// bindings in it.
func FuzzYAMLChanges(f *testing.F) {
	for _, seed := range []string{
		"", "actions: []\n", "tenant:\n  a: 1\nactions:\n- name: x\n  code: y\n\n# c\nhooks: []\n",
		"triggers:\n  post-login:\n    - action_name: a\n      display_name: a\n", "actions: ~\r\ntriggers: {}\r\n",
		"a: @@X@@\nactions:\n  - name: welcome\n    code: z\n", "- a\n", "actions:\n  - 3\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		dir := t.TempDir()
		path := filepath.Join(dir, "tenant.yaml")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		changes, err := Export{Root: dir, YAML: "tenant.yaml"}.Changes(withTriggers(ourTriggers))
		if err != nil {
			return
		}
		for _, c := range changes {
			if c.Path != "tenant.yaml" {
				continue
			}
			top, err := tenant.ParseDeployYAML("tenant.yaml", c.New)
			if err != nil {
				t.Fatalf("the edited file does not parse: %v\n--- before\n%s\n--- after\n%s", err, text, c.New)
			}
			if !hasKey(top, "actions") || !hasKey(top, "triggers") {
				t.Fatalf("the edited file lacks actions: or triggers:\n--- before\n%s\n--- after\n%s", text, c.New)
			}
		}
	})
}

func hasKey(n *yaml.Node, key string) bool {
	if n == nil {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}
