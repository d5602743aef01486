//go:build unix

package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "hook.js")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	zero := filepath.Join(dir, "zero.js")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo:        "named pipe",
		zero:        "character device",
		"/dev/null": "character device",
		dir:         "directory",
	} {
		done := make(chan error, 1)
		go func() { _, err := Read(path, MaxScript); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Read(%s) = %v, want an error naming it and %q", path, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Read(%s) hangs", path)
		}
	}
}

func TestReadLimitsSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, make([]byte, 2<<10+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path, 2<<10); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "2 KiB") {
		t.Errorf("Read over the limit = %v, want ErrTooLarge naming 2 KiB", err)
	}
	data, err := Read(path, 4<<10)
	if err != nil || len(data) != 2<<10+1 {
		t.Errorf("Read within the limit = %d bytes, %v", len(data), err)
	}
}
