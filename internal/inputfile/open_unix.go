//go:build unix

package inputfile

import (
	"os"
	"syscall"
)

// openNoBlock opens path read-only with O_NONBLOCK: opening a named pipe
// then returns at once instead of waiting for a writer. Reads of a regular
// file are not affected by the flag.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
