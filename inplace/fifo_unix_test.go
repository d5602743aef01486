//go:build unix

package inplace

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe where an Action file would go is refused, not read: reading
// it would block the command forever.
func TestChangesRefuseANamedPipe(t *testing.T) {
	dir := writeTree(t, map[string]string{"tenant.json": "{}"})
	if err := os.MkdirAll(filepath.Join(dir, "actions", "welcome"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "actions", "welcome", "code.js"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	exp, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := exp.Changes(actionFiles)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "code.js") || !strings.Contains(err.Error(), "pipe") {
			t.Errorf("err = %v, want an error naming the pipe", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Changes blocked on a named pipe")
	}
}
