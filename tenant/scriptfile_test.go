package tenant

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeFiles creates files (path relative to dir → content) and returns dir.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadScriptFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"hooks/welcome.js":   "module.exports = function (user, context, cb) { cb(); };\n",
		"hooks/pre.reg.js":   "module.exports = function (user, context, cb) {};",
		"other/send-sms.js":  "",
		"other/README.md":    "not a hook",
		"other/nested/x.txt": "",
	})
	t.Chdir(dir)
	paths := []string{"other/send-sms.js", "hooks/welcome.js", "hooks/pre.reg.js"}
	got, err := LoadScriptFiles(paths)
	if err != nil {
		t.Fatal(err)
	}
	want := []Hook{
		{Name: "send-sms", Script: []byte{}, Origin: Origin{Kind: OriginFile, File: "other/send-sms.js", ScriptLine: 1}},
		{
			Name:   "welcome",
			Script: []byte("module.exports = function (user, context, cb) { cb(); };\n"),
			Origin: Origin{Kind: OriginFile, File: "hooks/welcome.js", ScriptLine: 1},
		},
		{
			Name:   "pre.reg",
			Script: []byte("module.exports = function (user, context, cb) {};"),
			Origin: Origin{Kind: OriginFile, File: "hooks/pre.reg.js", ScriptLine: 1},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LoadScriptFiles(%q) mismatch (-want +got):\n%s", paths, diff)
	}
	for _, h := range got {
		// A script file says nothing of its secrets: nil means unknown,
		// which is not the same as "none".
		if h.SecretKeys != nil {
			t.Errorf("hook %s: SecretKeys = %#v, want nil (unknown)", h.Name, h.SecretKeys)
		}
	}
}

func TestLoadScriptFilesErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"hooks/welcome.js":  "module.exports = function () {};",
		"backup/welcome.js": "module.exports = function () {};",
		"hooks/notes.txt":   "notes",
		"hooks/.js":         "",
	})
	t.Chdir(dir)
	tests := []struct {
		name  string
		paths []string
		want  string
	}{
		{
			name:  "missing file",
			paths: []string{"hooks/welcome.js", "hooks/x.js"},
			want:  "reading hooks/x.js: no such file or directory",
		},
		{
			name:  "directory",
			paths: []string{"hooks"},
			want:  "hooks is a directory: expected hook .js files",
		},
		{
			name:  "not a script",
			paths: []string{"hooks/notes.txt"},
			want:  "hooks/notes.txt is not a .js file: expected hook .js files",
		},
		{
			name:  "no name",
			paths: []string{"hooks/.js"},
			want:  "hooks/.js has no name before .js: the file name is the hook name",
		},
		{
			name:  "duplicate name",
			paths: []string{"hooks/welcome.js", "backup/welcome.js"},
			want:  `hook name "welcome" is given twice, by hooks/welcome.js and backup/welcome.js: hook names must be unique`,
		},
		{
			name:  "same file twice",
			paths: []string{"hooks/welcome.js", "hooks/welcome.js"},
			want:  `hook name "welcome" is given twice, by hooks/welcome.js and hooks/welcome.js: hook names must be unique`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hooks, err := LoadScriptFiles(tt.paths)
			if err == nil {
				t.Fatalf("LoadScriptFiles(%q) = %d hooks, want error %q", tt.paths, len(hooks), tt.want)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("LoadScriptFiles(%q) error mismatch (-want +got):\n%s", tt.paths, diff)
			}
		})
	}
}

func TestLoadScriptFilesUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir := writeFiles(t, map[string]string{"secret.js": "x"})
	path := filepath.Join(dir, "secret.js")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err := LoadScriptFiles([]string{path})
	want := "reading " + path + ": open " + path + ": permission denied"
	if err == nil || err.Error() != want {
		t.Errorf("LoadScriptFiles(%q) error = %v, want %q", path, err, want)
	}
}

func TestLoadScriptFilesNone(t *testing.T) {
	got, err := LoadScriptFiles(nil)
	if err != nil || len(got) != 0 {
		t.Errorf("LoadScriptFiles(nil) = %v, %v; want no hooks and no error", got, err)
	}
}
