package tenant

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadYAMLWithin loads a tenant.yaml and fails the test if that takes
// more than a few seconds: the inputs here used to spin or eat gigabytes.
func loadYAMLWithin(t *testing.T, src string) (*Inventory, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tenant.yaml")
	write(t, path, src)
	type result struct {
		inv *Inventory
		err error
	}
	done := make(chan result, 1)
	go func() {
		inv, err := LoadDeployYAML(path, DeployOptions{})
		done <- result{inv, err}
	}()
	select {
	case r := <-done:
		return r.inv, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("LoadDeployYAML does not return")
		return nil, nil
	}
}

// billionLaughs is a ~1 KB tenant.yaml whose aliases stand for 10^9 nodes.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
	}
	b.WriteString("hooks:\n  - name: laugh\n    triggerId: credentials-exchange\n    script: ./h.js\n    dependencies: *l8\n")
	return b.String()
}

func TestYAMLAliasesAndMergeKeysBounded(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"billion laughs", billionLaughs(), "its aliases expand it by more than 1000000 nodes"},
		{"merge key loop", "hooks:\n  - &h\n    name: h\n    triggerId: credentials-exchange\n    <<: [*h, *h, *h]\n",
			"line 5, column 10: an alias or merge key refers to a node that contains it"},
		{"merge key on itself", "hooks:\n  - &h\n    name: h\n    <<: *h\n",
			"line 4, column 9: an alias or merge key refers to a node that contains it"},
		{"alias loop", "hooks: &x\n  - *x\n", "an alias or merge key refers to a node that contains it"},
		{"merge fan-out", mergeFanOut(), "its aliases expand it by more than 1000000 nodes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadYAMLWithin(t, tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// mergeFanOut merges each level's mapping into the next four times over.
func mergeFanOut() string {
	var b strings.Builder
	b.WriteString("m0: &m0 {a: 1, b: 2, c: 3, d: 4}\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "m%d: &m%d\n  k%d: v\n  <<: [*m%d, *m%d, *m%d, *m%d]\n", i, i, i, i-1, i-1, i-1, i-1)
	}
	b.WriteString("hooks:\n  - <<: *m12\n    name: fan\n")
	return b.String()
}

func TestYAMLAliasesWithinBoundsStillWork(t *testing.T) {
	src := "common: &common\n  triggerId: credentials-exchange\n  enabled: true\n" +
		"hooks:\n  - <<: *common\n    name: a\n    script: ./a.js\n  - <<: *common\n    name: b\n    script: ./b.js\n"
	inv, err := loadYAMLWithin(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 2 || inv.Hooks[1].TriggerID != "credentials-exchange" || !inv.Hooks[1].Enabled {
		t.Errorf("hooks = %+v", inv.Hooks)
	}
}

func TestYAMLDuplicateKeysAreErrors(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"second hooks list", "hooks:\n  - name: a\n    triggerId: credentials-exchange\nhooks:\n  - name: b\n    triggerId: credentials-exchange\n",
			`line 4, column 1: key "hooks" is given twice in the same mapping (first on line 1)`},
		{"repeated field", "hooks:\n  - name: a\n    name: b\n", `line 3, column 5: key "name" is given twice`},
		{"repeated secret", "hooks:\n  - name: a\n    secrets:\n      K: x\n      K: y\n", `line 5, column 7: key "K" is given twice`},
		{"elsewhere in the file", "clients:\n  - name: c\n    name: d\nhooks: []\n", `line 3, column 5: key "name" is given twice`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadYAMLWithin(t, tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestYAMLValuesNeverInMessages: an unquoted value that starts with "!"
// is read as a tag and one that starts with "*" as an alias; either may
// be a secret, and neither may appear in a message.
func TestYAMLValuesNeverInMessages(t *testing.T) {
	const canary = "s3cr3tCanaryValue"
	for _, src := range []string{
		"hooks:\n  - name: a\n    triggerId: credentials-exchange\n    secrets:\n      API_KEY: !" + canary + "\n",
		"hooks:\n  - name: !" + canary + "\n    triggerId: credentials-exchange\n",
		"hooks:\n  - name: a\n    triggerId: !" + canary + " x\n",
		"hooks:\n  - name: a\n    triggerId: credentials-exchange\n    secrets:\n      API_KEY: *" + canary + "\n",
		"hooks:\n  - name: a\n    dependencies:\n      lodash: !" + canary + "\n",
	} {
		inv, err := loadYAMLWithin(t, src)
		text := fmt.Sprint(err)
		if inv != nil {
			text += problemsText(inv)
		}
		if strings.Contains(text, canary) {
			t.Errorf("the value reached a message:\n%s", text)
		}
		if err == nil && (inv == nil || len(inv.Problems) == 0) {
			t.Errorf("no error and no problem for:\n%s", src)
		}
	}
}

func TestJSONDuplicateKeys(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"hooks/a.json":  `{"name": "a", "triggerId": "credentials-exchange", "script": "./a.js", "secrets": {"K": "x", "K": "y"}, "dependencies": {"d": "1", "d": "2"}}`,
		"hooks/a.js":    "module.exports = function () {};",
		"mappings.json": `{"AUTH0_KEYWORD_REPLACE_MAPPINGS": {"ENV": "dev", "ENV": "prod"}}`,
	})
	inv, err := LoadDeployDirectory(dir, DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := problemsText(inv)
	for _, want := range []string{
		`a.json:1:94: hook "a": key "K" is given twice in the same object`,
		`a.json:1:132: hook "a": key "d" is given twice in the same object`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no problem %q in:\n%s", want, text)
		}
	}
	if _, err := LoadKeywordMappings(filepath.Join(dir, "mappings.json")); err == nil || !strings.Contains(err.Error(), `line 1, column 51: key "ENV" is given twice`) {
		t.Errorf("LoadKeywordMappings = %v", err)
	}
}

// FuzzLoadDeployYAML feeds arbitrary YAML to the loader: it never panics
// or hangs, and every position it gives lies inside the file.
func FuzzLoadDeployYAML(f *testing.F) {
	f.Add(billionLaughs())
	f.Add(mergeFanOut())
	f.Add("hooks:\n  - &h\n    name: h\n    <<: [*h, *h]\n")
	f.Add("common: &c {triggerId: credentials-exchange}\nhooks:\n  - <<: *c\n    name: a\n    script: ./a.js\n    secrets: {K: v}\n")
	f.Fuzz(func(t *testing.T, src string) {
		path := filepath.Join(t.TempDir(), "tenant.yaml")
		write(t, path, src)
		inv, err := LoadDeployYAML(path, DeployOptions{})
		if err != nil {
			return
		}
		lines := strings.Count(src, "\n") + 1
		for _, p := range inv.Problems {
			if p.Location.File == path && (p.Location.Line < 0 || p.Location.Line > lines) {
				t.Errorf("problem at line %d of %d: %v", p.Location.Line, lines, p)
			}
		}
	})
}
