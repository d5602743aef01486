//go:build unix

package tenant

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// problemsText joins the problems of an inventory for matching.
func problemsText(inv *Inventory) string {
	var b strings.Builder
	for _, p := range inv.Problems {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

// finishes fails the test when f has not returned within a few seconds:
// a FIFO must never block a loader.
func finishes[T any](t *testing.T, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("the loader hangs")
		panic("unreachable")
	}
}

const hookJSON = `{"name": "%s", "triggerId": "credentials-exchange", "script": "./%s.js", "secrets": {}}`

func TestDeployDirectoryStaysInsideTheExport(t *testing.T) {
	outside := writeFiles(t, map[string]string{"secret.js": "module.exports = function () { /* outside */ };"})
	dir := writeFiles(t, map[string]string{
		"hooks/inside.json":  strings.ReplaceAll(hookJSON, "%s", "inside"),
		"hooks/inside.js":    "module.exports = function () {};",
		"hooks/escape.json":  strings.ReplaceAll(hookJSON, "%s", "escape"),
		"hooks/zero.json":    strings.ReplaceAll(hookJSON, "%s", "zero"),
		"hooks/aliased.json": strings.ReplaceAll(hookJSON, "%s", "aliased"),
		"hooks/pipe.json":    strings.ReplaceAll(hookJSON, "%s", "pipe"),
		"shared/ok.js":       "module.exports = function () { /* shared */ };",
	})
	symlink(t, filepath.Join(outside, "secret.js"), filepath.Join(dir, "hooks/escape.js"))
	symlink(t, "/dev/zero", filepath.Join(dir, "hooks/zero.js"))
	symlink(t, "../shared/ok.js", filepath.Join(dir, "hooks/aliased.js")) // inside: fine
	mkfifo(t, filepath.Join(dir, "hooks/pipe.js"))
	symlink(t, "/etc/passwd", filepath.Join(dir, "hooks/passwd.json"))
	mkfifo(t, filepath.Join(dir, "hooks/fifo.json"))

	inv := finishes(t, func() *Inventory {
		inv, err := LoadDeployDirectory(dir, DeployOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return inv
	})
	scripts := map[string]string{}
	for _, h := range inv.Hooks {
		scripts[h.Name] = string(h.Script)
	}
	if !strings.Contains(scripts["inside"], "function") || !strings.Contains(scripts["aliased"], "shared") {
		t.Errorf("scripts inside the export were not read: %q", scripts)
	}
	for _, name := range []string{"escape", "zero", "pipe"} {
		if scripts[name] != "" {
			t.Errorf("hook %s read %q from outside the export or from a non-regular file", name, scripts[name])
		}
	}
	text := problemsText(inv)
	for _, want := range []string{
		"escape.js: resolves through a symbolic link to " + filepath.Join(outside, "secret.js") + ", outside the export directory",
		"zero.js: resolves through a symbolic link to /dev/zero, outside the export directory",
		"pipe.js: not a regular file: a named pipe (FIFO)",
		"passwd.json: reading the file: resolves through a symbolic link to /etc/passwd, outside the export directory",
		"fifo.json: reading the file: not a regular file: a named pipe (FIFO)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no problem %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "root:") {
		t.Errorf("the content of /etc/passwd reached a message:\n%s", text)
	}
}

func TestDeployYAMLScriptsStayInsideTheBase(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"tenant.yaml": "hooks:\n  - name: h\n    triggerId: credentials-exchange\n    script: ./hooks/h.js\n",
	})
	if err := os.Mkdir(filepath.Join(dir, "hooks"), 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, "/etc/passwd", filepath.Join(dir, "hooks/h.js"))
	inv, err := LoadDeployYAML(filepath.Join(dir, "tenant.yaml"), DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Hooks) != 1 || inv.Hooks[0].Script != nil {
		t.Fatalf("hooks = %+v, want h without its script", inv.Hooks)
	}
	if text := problemsText(inv); !strings.Contains(text, "symbolic link to /etc/passwd, outside the YAML file's directory") {
		t.Errorf("problems:\n%s", text)
	}
}

func TestTerraformFileStaysInsideTheModule(t *testing.T) {
	repo := writeFiles(t, map[string]string{
		"scripts/shared.js": "module.exports = function () { /* shared */ };",
		"module/main.tf": `resource "auth0_hook" "abs" {
  name       = "abs"
  trigger_id = "credentials-exchange"
  script     = file("/etc/passwd")
}
resource "auth0_hook" "up" {
  name       = "up"
  trigger_id = "credentials-exchange"
  script     = file("${path.module}/../scripts/shared.js")
}
resource "auth0_hook" "link" {
  name       = "link"
  trigger_id = "credentials-exchange"
  script     = file("link.js")
}
`,
	})
	module := filepath.Join(repo, "module")
	symlink(t, "/dev/zero", filepath.Join(module, "link.js"))
	inv := finishes(t, func() *Inventory {
		inv, err := LoadTerraform(module, TerraformOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return inv
	})
	for _, h := range inv.Hooks {
		if h.Script != nil {
			t.Errorf("hook %s read %q from outside the module", h.Name, h.Script)
		}
	}
	text := problemsText(inv)
	for _, want := range []string{
		"script file /etc/passwd cannot be read: lies outside the module directory",
		"scripts/shared.js cannot be read: lies outside the module directory",
		"link.js cannot be read: resolves through a symbolic link to /dev/zero, outside the module directory",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no problem %q in:\n%s", want, text)
		}
	}

	// A wider root, given on purpose, lets the shared script in.
	inv, err := LoadTerraform(module, TerraformOptions{FileRoot: repo})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range inv.Hooks {
		if got := h.Script != nil; got != (h.Name == "up") {
			t.Errorf("with the repository as file root, hook %s read: %v", h.Name, got)
		}
	}
}

func TestLoadRefusesNonRegularSources(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"hook.js", "tenant.yaml", "snap.json", "main.tf"} {
		path := filepath.Join(dir, name)
		mkfifo(t, path)
		err := finishes(t, func() error { _, err := Load([]string{path}, LoadOptions{}); return err })
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("Load(%s) = %v, want an error naming the pipe", name, err)
		}
	}
	err := finishes(t, func() error {
		_, err := LoadKeywordMappings(filepath.Join(dir, "snap.json"))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("LoadKeywordMappings(FIFO) = %v", err)
	}
	link := filepath.Join(dir, "zero.js")
	symlink(t, "/dev/zero", link)
	if _, err := Load([]string{link}, LoadOptions{}); err == nil || !strings.Contains(err.Error(), "character device") {
		t.Errorf("Load(link to /dev/zero) = %v", err)
	}
}
