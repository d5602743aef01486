package tenant

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// An export is a boundary: what it declares is read from inside it only.
// Lexical checks (within) stop ../ paths; resolveInside also follows
// symbolic links, so that a link in an export to /etc/passwd or /dev/zero
// is refused rather than read into a report.

// within reports whether path lies inside root (and is not root itself),
// comparing the paths as written.
func within(root, path string) bool {
	absRoot, err1 := filepath.Abs(root)
	absPath, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(absRoot, absPath)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolveInside returns path with its symbolic links resolved, or an
// error when it does not exist or resolves to a place outside root (whose
// own links are resolved too). what names root in the message.
func resolveInside(root, path, what string) (string, error) {
	if !within(root, path) {
		return "", fmt.Errorf("lies outside %s %s; it is not read", what, root)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	if !within(realRoot, real) {
		return "", fmt.Errorf("resolves through a symbolic link to %s, outside %s %s; it is not read", real, what, root)
	}
	return real, nil
}

// readInside reads the regular file at path, up to limit bytes, once its
// links are known to stay inside root.
func readInside(root, path, what string, limit int64) ([]byte, error) {
	real, err := resolveInside(root, path, what)
	if err != nil {
		return nil, err
	}
	return inputfile.Read(real, limit)
}
