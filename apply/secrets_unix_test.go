//go:build unix

package apply

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe given as the secrets file is an error naming it, never a
// hang (every input file is read through internal/inputfile).
func TestReadSecretsFileRefusesAPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.txt")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadSecretsFile(path, func(string) string { return "" })
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), path+": not a regular file: a named pipe") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadSecretsFile hangs on a named pipe")
	}
}
