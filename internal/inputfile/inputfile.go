// Package inputfile reads the files hooks2actions is given (hook sources,
// keyword mappings, baselines, credentials) so that no input can hang or
// exhaust the process: only regular files are read, each up to a size
// limit. A named pipe would block the reader forever and a device such as
// /dev/zero never ends; both are refused with an error that names them.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size limits, far above what the files they bound ever hold: the
// Management API takes at most 1 MB per request, so a hook script or a
// hook's declaration is smaller, and a whole export or snapshot holds a
// tenant's worth of them.
const (
	// MaxScript bounds a hook script or one hook's declaration.
	MaxScript = 4 << 20
	// MaxDocument bounds a file that declares many hooks or settings: a
	// tenant.yaml, a .tf file, keyword mappings.
	MaxDocument = 32 << 20
	// MaxCollection bounds a file that may hold every script of a tenant:
	// a snapshot, a JSON report used as a baseline.
	MaxCollection = 256 << 20
)

// ErrNotRegular is wrapped by the error for a path that is not a regular
// file (nor a symbolic link to one).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for a file above its size limit.
var ErrTooLarge = errors.New("file too large")

// Read returns the content of the regular file at path, which must not be
// larger than limit bytes. Errors are *fs.PathError values naming path.
func Read(path string, limit int64) ([]byte, error) {
	f, info, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, tooLarge(path, limit)
	}
	// The size can change while the file is read: never read past the limit.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, limit)
	}
	return data, nil
}

// Open opens the regular file at path for reading, following symbolic
// links. The file is opened without blocking, so a path swapped for a
// named pipe after the check cannot hang the caller either.
func Open(path string) (*os.File, fs.FileInfo, error) {
	before, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := CheckRegular(path, before); err != nil {
		return nil, nil, err
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && (!info.Mode().IsRegular() || !os.SameFile(before, info)) {
		err = &fs.PathError{Op: "open", Path: path, Err: errors.New("the file changed while it was opened")}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// CheckRegular returns an error naming path and what it is, unless info
// (from os.Stat) describes a regular file.
func CheckRegular(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w: %s", ErrNotRegular, Describe(info.Mode()))}
}

// Describe names the kind of file a mode stands for.
func Describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a regular file"
}

func tooLarge(path string, limit int64) error {
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: larger than %s, the limit for this kind of file", ErrTooLarge, size(limit))}
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// Bare drops the *fs.PathError or *os.LinkError wrapper of err, whose
// operation and path ("stat x.json: ") the caller's message already says
// in its own words: "reading the baseline x.json: no such file or
// directory".
func Bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
