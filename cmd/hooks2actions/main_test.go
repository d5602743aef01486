package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		programName: main,
	})
}

// TestScript runs the end-to-end scripts in testdata/script: the real
// command, as a subprocess, on real files.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("..", "..", "testdata", "script"),
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exitcode":      cmdExitcode,
			"emulator":      cmdEmulator,
			"nocredentials": cmdNoCredentials,
			"repeat":        cmdRepeat,
		},
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// The fixture tenants in testdata, for scripts that read them
			// where they are rather than copying them into the script.
			abs, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
			env.Setenv("TESTDATA", abs)
			return err
		},
	})
}

// cmdExitcode is "exitcode N program [args...]": it runs program and fails
// unless it exits with status N. "! exec" only says "not zero", and a usage
// error (2) must not pass for findings (1). Standard output and error stay
// available to the stdout and stderr commands that follow.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode (give the expected status instead)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: status %q is not a number", args[0])
	}
	got := 0
	var exitErr *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case errors.As(err, &exitErr):
		got = exitErr.ExitCode()
	case err != nil:
		ts.Fatalf("exitcode: running %s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdRepeat is "repeat FILE PART...": it writes the parts one after the
// other, a part "N*TEXT" being TEXT N times and \n a line break, so that a
// script can craft a large input (a hook nested 300,000 levels deep)
// without a large file in the repository.
func cmdRepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: repeat FILE PART...")
	}
	var b strings.Builder
	for _, part := range args[1:] {
		n := 1
		if count, text, ok := strings.Cut(part, "*"); ok {
			if c, err := strconv.Atoi(count); err == nil {
				n, part = c, text
			}
		}
		b.WriteString(strings.Repeat(strings.ReplaceAll(part, `\n`, "\n"), n))
	}
	path := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, []byte(b.String()), 0o644))
}

// testStreams returns streams writing to buffers, with colour decided by
// the test rather than by the environment.
func testStreams(color bool) (s *streams, stdout, stderr *bytes.Buffer) {
	stdout, stderr = new(bytes.Buffer), new(bytes.Buffer)
	return &streams{Out: stdout, Err: stderr, ColorOut: color, Getenv: func(string) string { return "" }}, stdout, stderr
}

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		terminal bool
		want     bool
	}{
		{"terminal", nil, true, true},
		{"pipe", nil, false, false},
		{"NO_COLOR on a terminal", map[string]string{"NO_COLOR": "1"}, true, false},
		{"empty NO_COLOR is unset", map[string]string{"NO_COLOR": ""}, true, true},
		{"CLICOLOR_FORCE through a pipe", map[string]string{"CLICOLOR_FORCE": "1"}, false, true},
		{"CLICOLOR_FORCE=0 forces nothing", map[string]string{"CLICOLOR_FORCE": "0"}, false, false},
		{"NO_COLOR beats CLICOLOR_FORCE", map[string]string{"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, true, false},
		{"CLICOLOR=0 on a terminal", map[string]string{"CLICOLOR": "0"}, true, false},
		{"dumb terminal", map[string]string{"TERM": "dumb"}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := colorEnabled(getenv, tt.terminal); got != tt.want {
				t.Errorf("colorEnabled(%v, terminal=%v) = %v, want %v", tt.env, tt.terminal, got, tt.want)
			}
		})
	}
}

func sampleHooks(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "sample", "*.js"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample hooks: %v", err)
	}
	return paths
}

func TestAnalyzeColor(t *testing.T) {
	s, stdout, stderr := testStreams(true)
	if code := run(append([]string{"analyze"}, sampleHooks(t)...), s); code != exitOK {
		t.Fatalf("exit code %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout.String(), "\x1b[") {
		t.Errorf("colour on, but standard output has no ANSI escapes:\n%s", stdout)
	}

	// A report file is for tools and diffs: plain even when stdout is coloured.
	out := filepath.Join(t.TempDir(), "report.txt")
	s, stdout, stderr = testStreams(true)
	if code := run(append([]string{"analyze", "--output", out}, sampleHooks(t)...), s); code != exitOK {
		t.Fatalf("exit code %d, stderr:\n%s", code, stderr)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(written, []byte("\x1b")) || stdout.Len() != 0 {
		t.Errorf("--output: file has escapes or stdout is not empty; file:\n%s\nstdout:\n%s", written, stdout)
	}
}

func TestAnalyzeOutputFailureLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	// A directory in the way makes the final rename fail after the
	// temporary file was written: the case that could leave debris.
	target := filepath.Join(dir, "report.json")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	s, stdout, stderr := testStreams(false)
	code := run(append([]string{"analyze", "--format", "json", "--output", target}, sampleHooks(t)...), s)
	if code != exitRuntime {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitRuntime, stderr)
	}
	if !strings.HasPrefix(stderr.String(), "hooks2actions: writing "+target+": ") {
		t.Errorf("stderr does not name the report file:\n%s", stderr)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout is not empty:\n%s", stdout)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"report.json"}, names); diff != "" {
		t.Errorf("files left in the output directory (-want +got):\n%s", diff)
	}
}

func TestWriteFileAtomicReplacesAndKeepsMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(path, []byte("old report, longer than the new one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(path, []byte("new\n"), modeUmask); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "new\n" {
		t.Errorf("content = %q, want %q", got, "new\n")
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the old file's -rw-------", info.Mode().Perm())
	}
}

func TestAnalyzeRefusesToOverwriteInput(t *testing.T) {
	hook := filepath.Join(t.TempDir(), "welcome.js")
	script := []byte("module.exports = function (user, context, cb) { cb(); };\n")
	if err := os.WriteFile(hook, script, 0o644); err != nil {
		t.Fatal(err)
	}
	s, _, stderr := testStreams(false)
	if code := run([]string{"analyze", "--output", hook, hook}, s); code != exitUsage {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	got, err := os.ReadFile(hook)
	if err != nil || !bytes.Equal(got, script) {
		t.Errorf("input hook changed: %q, %v", got, err)
	}
}

func TestWrap(t *testing.T) {
	// A line break is a space; a word longer than the width has a line.
	for _, tt := range []struct{ in, want string }{
		{"one two three four\nfive", "one two\nthree\nfour five"},
		{"one two\n(default x)", "one two\n(default\nx)"},
		{"one\n(x) y", "one (x) y"},
		{"a verylongword b", "a\nverylongword\nb"},
	} {
		if diff := cmp.Diff(tt.want, wrap(tt.in, 9)); diff != "" {
			t.Errorf("wrap(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

// cmdEmulator is "emulator SEED.json [MODE...]": it serves the hooks of
// the seed file (the cmd/auth0-emulator format, secret values included)
// from a Management API emulator on loopback for the rest of the script,
// and sets API_URL, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET for it. MODEs:
//
//	deprecated             Hooks are turned off for the tenant
//	echo                   every error body quotes the client secret and the token
//	missing=ID             hook ID is listed, but its GET is always a 404
//	scopes=S,...           the scopes issued tokens get (default read:hooks,read:actions)
//	total=N                the hook list's total says N, whatever the truth
//	bare                   the hook list is a plain array, include_totals ignored
//	pagecap=N              the hook list serves at most N hooks a page
//	bindings=FILE          the Actions bound to each trigger, in order: a JSON
//	                       object of trigger ids, each a list of Action names
//	                       (seeded as deployed Actions of that trigger)
func cmdEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: emulator SEED.json [MODE...]")
	}
	var hooks []emulator.Hook
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &hooks))
	opts := []emulator.Option{emulator.WithHooks(hooks...)}
	var later []func(*emulator.Server)
	var list emulator.HookList
	for _, mode := range args[1:] {
		name, value, _ := strings.Cut(mode, "=")
		switch name {
		case "deprecated":
			later = append(later, func(s *emulator.Server) { s.SetHooksMode(emulator.HooksDeprecated403) })
		case "echo":
			opts = append(opts, emulator.WithEchoCredentials())
		case "missing":
			later = append(later, func(s *emulator.Server) {
				s.Inject(1<<20, emulator.Fault{Endpoint: emulator.EndpointHook, HookID: value, Status: http.StatusNotFound})
			})
		case "scopes":
			opts = append(opts, emulator.WithScopes(strings.Split(value, ",")...))
		case "bindings":
			var bindings map[string][]string
			ts.Check(json.Unmarshal([]byte(ts.ReadFile(value)), &bindings))
			for id, names := range bindings {
				for _, n := range names {
					opts = append(opts, emulator.WithActions(emulator.Action{Name: n, Code: "exports.x = 1;", Trigger: id, Version: "v2", Deployed: true}))
				}
				opts = append(opts, emulator.WithBindings(id, names...))
			}
		case "bare", "pagecap":
			list.Bare = list.Bare || name == "bare"
			if name == "pagecap" {
				var err error
				list.PageCap, err = strconv.Atoi(value)
				ts.Check(err)
			}
		case "total":
			n, err := strconv.Atoi(value)
			ts.Check(err)
			later = append(later, func(s *emulator.Server) { s.SetReportedTotal(n) })
		default:
			ts.Fatalf("emulator: unknown mode %q", mode)
		}
	}
	if list != (emulator.HookList{}) {
		opts = append(opts, emulator.WithHookList(list))
	}
	srv := emulator.New(opts...)
	srv.Start()
	ts.Defer(srv.Close)
	for _, f := range later {
		f(srv)
	}
	emulators.Store(srv.URL(), srv)
	ts.Defer(func() { emulators.Delete(srv.URL()) })
	ts.Setenv("API_URL", srv.URL())
	ts.Setenv("AUTH0_CLIENT_ID", srv.ClientID())
	ts.Setenv("AUTH0_CLIENT_SECRET", srv.ClientSecret())
}

// emulators are the running emulators of the scripts, by URL.
var emulators sync.Map

// cmdNoCredentials is "nocredentials stdout|stderr|FILE|DIR...": it fails
// when a piece of 8 characters or more of the client secret or of a token
// of the emulator at $API_URL is in the output or the files (every file
// under a DIR).
func cmdNoCredentials(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: nocredentials stdout|stderr|FILE|DIR...")
	}
	v, ok := emulators.Load(ts.Getenv("API_URL"))
	if !ok {
		ts.Fatalf("nocredentials: no emulator at $API_URL")
	}
	srv := v.(*emulator.Server)
	creds := append(srv.IssuedTokens(), srv.ClientSecret())
	for _, arg := range args {
		for name, text := range scriptTexts(ts, arg) {
			for _, c := range creds {
				for i := 0; i+8 <= len(c); i++ {
					if strings.Contains(text, c[i:i+8]) {
						ts.Fatalf("%s holds %q, a piece of a credential", name, c[i:i+8])
					}
				}
			}
		}
	}
}

// scriptTexts is the text of stdout, stderr, a file, or each file under a
// directory, by name.
func scriptTexts(ts *testscript.TestScript, arg string) map[string]string {
	if arg == "stdout" || arg == "stderr" {
		return map[string]string{arg: ts.ReadFile(arg)}
	}
	texts := map[string]string{}
	ts.Check(filepath.WalkDir(ts.MkAbs(arg), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		texts[path] = string(data)
		return err
	}))
	return texts
}
