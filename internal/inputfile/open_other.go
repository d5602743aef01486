//go:build !unix

package inputfile

import "os"

// openNoBlock opens path read-only; outside Unix there are no named pipes
// in the file system to wait on.
func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}
