//go:build unix

package ownership

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// A named pipe, as the manifest or among the files, is never opened:
// reading it would block forever.
func TestNamedPipesAreNotRead(t *testing.T) {
	dir := written(t, map[string]string{"MIGRATION.md": "x\n"})
	pipe := filepath.Join(dir, "MIGRATION.md.pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	asManifest := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(asManifest, FileName), 0o600); err != nil {
		t.Fatal(err)
	}
	m := mustRead(t, dir)
	done := make(chan struct{})
	go func() {
		defer close(done)
		got, err := m.Conflicts(dir)
		if err != nil || len(got) != 1 || got[0] != (Conflict{Path: pipe, Status: NotWritten}) {
			t.Errorf("conflicts: %v, %v; want the pipe, not written", got, err)
		}
		if _, err := Read(asManifest); !errors.Is(err, inputfile.ErrNotRegular) {
			t.Errorf("a pipe as the manifest: err = %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a named pipe was opened")
	}
}
