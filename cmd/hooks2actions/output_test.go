//go:build unix

package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

// A report written to a FIFO goes through it: the FIFO is not replaced
// by a regular file (nor is /dev/null, run as root).
func TestWriteFileAtomicWritesThroughAFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	if err := writeFileAtomic(fifo, []byte("the report\n"), modeUmask); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		if string(b) != "the report\n" {
			t.Errorf("the reader got %q", b)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the reader got nothing")
	}
	info, err := os.Lstat(fifo)
	if err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a FIFO: %v, %v", fifo, info.Mode(), err)
	}
}

// A symbolic link to a report has its target replaced and stays a link.
func TestWriteFileAtomicKeepsASymlink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real.json"), filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(link, []byte("new"), modeUmask); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", info.Mode(), err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target holds %q", b)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want the old 0640", info.Mode().Perm())
	}
}

// New files follow the umask; snapshots are 0600 whatever it is.
func TestNewFilesFollowTheUmask(t *testing.T) {
	for _, tc := range []struct {
		umask            int
		report, snapshot fs.FileMode
		dir              fs.FileMode
	}{
		{umask: 0o022, report: 0o644, snapshot: 0o600, dir: 0o755},
		{umask: 0o002, report: 0o664, snapshot: 0o600, dir: 0o775},
		{umask: 0o077, report: 0o600, snapshot: 0o600, dir: 0o700},
	} {
		old := syscall.Umask(tc.umask)
		dir := t.TempDir()
		report, snapshot, out := filepath.Join(dir, "r.txt"), filepath.Join(dir, "s.json"), filepath.Join(dir, "out")
		err1 := writeFileAtomic(report, []byte("r"), modeUmask)
		err2 := writeFileAtomic(snapshot, []byte("s"), modePrivate)
		_, err3 := writeDirAtomic(out, map[string][]byte{"actions/a/code.js": []byte("x")}, false, nil)
		syscall.Umask(old)
		if err := errorsJoin(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]fs.FileMode{
			report: tc.report, snapshot: tc.snapshot, out: tc.dir,
			filepath.Join(out, "actions", "a"): tc.dir, filepath.Join(out, "actions", "a", "code.js"): tc.report,
		} {
			if info, err := os.Stat(path); err != nil || info.Mode().Perm() != want {
				t.Errorf("umask %04o: %s has mode %v (%v), want %v", tc.umask, filepath.Base(path), info.Mode().Perm(), err, want)
			}
		}
	}
}

func errorsJoin(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// A snapshot that replaces a world-readable file is 0600 all the same.
func TestFetchSnapshotIsPrivate(t *testing.T) {
	srv := emulator.Start(t, emulator.WithHooks(emulator.SyntheticHooks(2)...))
	out := filepath.Join(t.TempDir(), "snap.json")
	if err := os.WriteFile(out, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, _, stderr := testStreams(false)
	env := map[string]string{"AUTH0_CLIENT_ID": srv.ClientID(), "AUTH0_CLIENT_SECRET": srv.ClientSecret()}
	s.Getenv = func(k string) string { return env[k] }
	if code := run([]string{"fetch", "--api-url", srv.URL(), "--out", out}, s); code != exitOK {
		t.Fatalf("exit code %d, stderr:\n%s", code, stderr)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("snapshot mode %v (%v), want 0600", info.Mode().Perm(), err)
	}
}

// SIGINT or SIGTERM removes the temporary files being written and exits
// 130 or 143.
func TestSignalRemovesTemporaryFiles(t *testing.T) {
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		dir := t.TempDir()
		tmp, f, _, err := createTemp(filepath.Join(dir, "report.json"), 0o666)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		tmpDir, _, err := createTempDir(filepath.Join(dir, "out"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmpDir, "MIGRATION.md"), []byte("half"), 0o666); err != nil {
			t.Fatal(err)
		}
		exited := make(chan int, 1)
		stop := handleSignals(func(code int) { exited <- code })
		if err := syscall.Kill(os.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		select {
		case code := <-exited:
			if code != want {
				t.Errorf("%v: exit code %d, want %d", sig, code, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%v: no exit", sig)
		}
		stop()
		pending = &undoList{undo: map[int]func(){}} // undoAll kept the lock: the process was to exit
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if len(names) != 0 {
			t.Errorf("%v: left %s (temporary %s, %s)", sig, strings.Join(names, ", "), filepath.Base(tmp), filepath.Base(tmpDir))
		}
	}
}

// An interrupted replacement puts the old output back.
func TestSignalRestoresAReplacedDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := writeDirAtomic(dir, map[string][]byte{"MIGRATION.md": []byte("v1")}, false, nil); err != nil {
		t.Fatal(err)
	}
	old := dir + ".aside"
	if _, err := pending.do(func() error { return os.Rename(dir, old) }, func() { os.Rename(old, dir) }); err != nil {
		t.Fatal(err)
	}
	pending.undoAll()
	pending = &undoList{undo: map[int]func(){}}
	if b, err := os.ReadFile(filepath.Join(dir, "MIGRATION.md")); err != nil || !bytes.Equal(b, []byte("v1")) {
		t.Errorf("MIGRATION.md = %q, %v", b, err)
	}
}
