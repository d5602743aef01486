package ownership

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	addFiles(t, dir, files)
	return dir
}

// addFiles creates files (slash paths) in dir, which must not hold them.
func addFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	tree := fstest.MapFS{}
	for name, body := range files {
		tree[name] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
	}
	if err := os.CopyFS(dir, tree); err != nil {
		t.Fatal(err)
	}
}

// readBack reads the manifest data from a directory, and checks that it
// writes out again byte for byte.
func readBack(t *testing.T, data []byte) *Manifest {
	t.Helper()
	m, err := Read(writeTree(t, map[string]string{FileName: string(data)}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m.Content(), data) {
		t.Errorf("Content() = %q, want the file read", m.Content())
	}
	again, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(data), string(again)); diff != "" {
		t.Errorf("read back and written again, the manifest differs (-read +written):\n%s", diff)
	}
	return m
}

// statusCase is a status got for a file or entry, and the one wanted.
type statusCase struct {
	name      string
	got, want Status
}

func checkStatuses(t *testing.T, cases []statusCase) {
	t.Helper()
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// written is a directory as hooks2actions writes one: the files and the
// manifest recording them.
func written(t *testing.T, files map[string]string) string {
	t.Helper()
	m := New()
	for name, body := range files {
		m.RecordFile(name, []byte(body))
	}
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{FileName: string(data)}
	for name, body := range files {
		all[name] = body
	}
	return writeTree(t, all)
}

func TestRoundTrip(t *testing.T) {
	m := New()
	if !m.Empty() {
		t.Errorf("New() is not empty")
	}
	if m.Content() != nil {
		t.Errorf("New() has content %q", m.Content())
	}
	m.RecordFile("actions/welcome/code.js", []byte("exports.x = 1;\n"))
	m.RecordYAMLAction("welcome", []byte("  - name: welcome\n"))
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got := readBack(t, data)
	checkStatuses(t, []statusCase{
		{"file as written", got.FileStatus("actions/welcome/code.js", []byte("exports.x = 1;\n")), Unchanged},
		{"file edited", got.FileStatus("actions/welcome/code.js", []byte("exports.x = 2;\n")), Edited},
		{"file not recorded", got.FileStatus("actions/other/code.js", []byte("exports.x = 1;\n")), NotWritten},
		{"entry as written", got.YAMLActionStatus("welcome", []byte("  - name: welcome\n")), Unchanged},
		{"entry edited", got.YAMLActionStatus("welcome", []byte("  - name: welcome # mine\n")), Edited},
		{"entry not recorded", got.YAMLActionStatus("other", []byte("  - name: welcome\n")), NotWritten},
		// A file's hash says nothing of an entry of the same name.
		{"kinds kept apart", got.YAMLActionStatus("actions/welcome/code.js", []byte("exports.x = 1;\n")), NotWritten},
	})
	if got.Legacy() {
		t.Errorf("a manifest read as legacy")
	}
}

// The manifest the --into of the version before this package wrote (into a
// tenant.yaml export of one hook, welcome) reads back and writes out byte
// for byte the same, so that a re-run leaves it alone, and still owns the
// code file and the tenant.yaml entry it wrote.
func TestReadsManifestsWrittenBefore(t *testing.T) {
	const code = `exports.onExecutePostUserRegistration = async (event, api) => {
  post(event.secrets.SLACK_URL);
  return;
};
`
	const entry = `  - name: welcome
    code: ./actions/welcome/code.js
    dependencies: []
    deployed: false
    runtime: node22
    secrets:
      - name: SLACK_URL
        value: '@@WELCOME__SLACK_URL@@'
    supported_triggers:
      - id: post-user-registration
        version: v2
`
	data, err := os.ReadFile(filepath.Join("testdata", "into-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := readBack(t, data)
	checkStatuses(t, []statusCase{
		{"code.js as written", m.FileStatus("actions/welcome/code.js", []byte(code)), Unchanged},
		{"code.js with a line added", m.FileStatus("actions/welcome/code.js", []byte(code+"// mine\n")), Edited},
		{"the entry as written", m.YAMLActionStatus("welcome", []byte(entry)), Unchanged},
		{"the entry re-indented", m.YAMLActionStatus("welcome", []byte(" "+entry)), Edited},
	})
}

func TestReadRefuses(t *testing.T) {
	valid := "sha256:" + strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name, body, want string
	}{
		{"not JSON", "files: {}\n", "not a hooks2actions manifest (version 1)"},
		{"another kind", `{"kind": "package-lock", "version": 1}`, "not a hooks2actions manifest"},
		{"a later version", `{"kind": "hooks2actions-manifest", "version": 2}`, "not a hooks2actions manifest (version 1)"},
		{"a path outside", `{"kind": "hooks2actions-manifest", "version": 1, "files": {"../x": "` + valid + `"}}`, `files: "../x" is not a path inside`},
		{"an absolute path", `{"kind": "hooks2actions-manifest", "version": 1, "files": {"/etc/passwd": "` + valid + `"}}`, `"/etc/passwd" is not a path inside`},
		{"an unclean path", `{"kind": "hooks2actions-manifest", "version": 1, "files": {"a//b": "` + valid + `"}}`, `"a//b" is not a path inside`},
		{"an empty hash", `{"kind": "hooks2actions-manifest", "version": 1, "files": {"a.js": ""}}`, `files: "a.js": "" is not a sha256: hash`},
		{"another hash", `{"kind": "hooks2actions-manifest", "version": 1, "files": {"a.js": "md5:d41d8cd98f00b204e9800998ecf8427e"}}`, "is not a sha256: hash"},
		{"a short hash", `{"kind": "hooks2actions-manifest", "version": 1, "yaml_actions": {"w": "sha256:abcd"}}`, `yaml_actions: "w": "sha256:abcd" is not a sha256: hash`},
		{"upper-case hex", `{"kind": "hooks2actions-manifest", "version": 1, "files": {"a.js": "sha256:` + strings.Repeat("AB", 32) + `"}}`, "is not a sha256: hash"},
	} {
		dir := writeTree(t, map[string]string{FileName: tc.body})
		_, err := Read(dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), filepath.Join(dir, FileName)) {
			t.Errorf("%s: err = %v, want one naming the file and saying %q", tc.name, err, tc.want)
		}
	}
}

func TestReadRefusesWhatIsNotARegularFile(t *testing.T) {
	// Too large: a tampered or foreign file is not read whole.
	big := writeTree(t, map[string]string{FileName: ""})
	if err := os.Truncate(filepath.Join(big, FileName), inputfile.MaxDocument+1); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(big); !errors.Is(err, inputfile.ErrTooLarge) || !strings.Contains(err.Error(), filepath.Join(big, FileName)) {
		t.Errorf("oversized: err = %v", err)
	}
	// A link to a manifest elsewhere is not the directory's own.
	linked := written(t, map[string]string{"a.js": "x"})
	other := t.TempDir()
	if err := os.Symlink(filepath.Join(linked, FileName), filepath.Join(other, FileName)); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(other); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("symbolic link: err = %v", err)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(dir); !errors.Is(err, inputfile.ErrNotRegular) {
		t.Errorf("directory: err = %v", err)
	}
	if _, err := Read(t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("none: err = %v, want fs.ErrNotExist", err)
	}
}

func TestConflicts(t *testing.T) {
	files := map[string]string{
		"MIGRATION.md":            "- [ ] set the secrets\n",
		"actions/welcome.json":    "{}\n",
		"actions/welcome/code.js": "exports.x = 1;\n",
		"plan.json":               "{}\n",
	}
	dir := written(t, files)
	if got, err := mustRead(t, dir).Conflicts(dir); err != nil || len(got) != 0 {
		t.Fatalf("as written: %v, %v; want no conflict", got, err)
	}
	// A person ticks a box, fixes a draft, adds notes, a repository, a link.
	for name, body := range map[string]string{"MIGRATION.md": "- [x] set the secrets\n", "actions/welcome/code.js": "exports.x = 2;\n"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	addFiles(t, dir, map[string]string{
		"notes.md":             "mine\n",
		".git/config":          "[core]\n",
		".git/objects/ab/cdef": "blob\n",
		"actions/mine/code.js": "mine\n",
	})
	if err := os.Symlink("plan.json", filepath.Join(dir, "latest.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := mustRead(t, dir).Conflicts(dir)
	if err != nil {
		t.Fatal(err)
	}
	at := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	want := []Conflict{
		{at(".git"), NotWritten},
		{at("MIGRATION.md"), Edited},
		{at("actions/mine"), NotWritten},
		{at("actions/welcome/code.js"), Edited},
		{at("empty"), NotWritten},
		{at("latest.json"), NotWritten},
		{at("notes.md"), NotWritten},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
}

// A directory written before the manifest: its marker lists names only, so
// an edit to a listed file cannot be seen; a file it does not list can.
func TestLegacyMarker(t *testing.T) {
	marker, err := os.ReadFile(filepath.Join("testdata", "legacy-output"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{
		LegacyFileName:                  string(marker),
		"MIGRATION.md":                  "- [x] edited, unseen\n",
		"actions/twilio-sms.json":       "{}\n",
		"actions/twilio-sms/code.js":    "x\n",
		"triggers/triggers.json":        "{}\n",
		"actions/twilio-sms/helpers.js": "mine\n",
	})
	if _, err := Read(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Read of a legacy directory: %v, want fs.ErrNotExist", err)
	}
	m, err := ReadLegacy(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Legacy() {
		t.Errorf("Legacy() = false")
	}
	if m.Content() != nil {
		t.Errorf("a legacy marker read as a manifest's content: %q", m.Content())
	}
	got, err := m.Conflicts(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Conflict{{filepath.Join(dir, "actions", "twilio-sms", "helpers.js"), NotWritten}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
	// A manifest file in a legacy directory is not ours: the marker does
	// not list it.
	addFiles(t, dir, map[string]string{FileName: "{}"})
	if got, _ := m.Conflicts(dir); len(got) != 2 || got[0].Path != filepath.Join(dir, FileName) {
		t.Errorf("a stray manifest in a legacy directory: %v", got)
	}
	bad := writeTree(t, map[string]string{LegacyFileName: "MIGRATION.md\n"})
	if _, err := ReadLegacy(bad); err == nil || !strings.Contains(err.Error(), "is not a marker hooks2actions wrote") {
		t.Errorf("a marker without the header: err = %v", err)
	}
}

func mustRead(t *testing.T, dir string) *Manifest {
	t.Helper()
	m, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
