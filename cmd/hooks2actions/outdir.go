package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/ownership"
)

// withManifest returns files plus the manifest (package ownership) that
// records each with its hash, so that --force can later tell them, as
// written, from a person's work.
func withManifest(files map[string][]byte) (map[string][]byte, error) {
	m := ownership.New()
	out := make(map[string][]byte, len(files)+1)
	for name, data := range files {
		m.RecordFile(name, data)
		out[name] = data
	}
	data, err := m.Marshal()
	if err != nil {
		return nil, err
	}
	out[ownership.FileName] = data
	return out, nil
}

// checkOutDir says whether dir may be written: it does not exist, is
// empty, or (with force) is a previous output whose files are all as
// hooks2actions wrote them (previousOutput), which it then returns.
// Whatever force says, it may not be or hold one of the inputs (files and
// directories read).
func checkOutDir(dir string, force bool, inputs []string) (*ownership.Manifest, error) {
	if in, ok := inputInside(dir, inputs); ok {
		return nil, fmt.Errorf("--out %s holds the input %s: choose a directory outside the inputs", dir, in)
	}
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("writing %s: %w", dir, bareError(err))
	case info.Mode()&fs.ModeSymlink != 0:
		return nil, fmt.Errorf("--out %s is a symbolic link: give the directory it points to", dir)
	case !info.IsDir():
		return nil, fmt.Errorf("--out %s is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err != nil:
		return nil, fmt.Errorf("writing %s: %w", dir, bareError(err))
	case len(entries) == 0:
		return nil, nil
	case !force:
		return nil, fmt.Errorf("%s is not empty: give --force to replace a previous output, or another --out", dir)
	}
	m, err := previousOutput(dir)
	if err != nil {
		return nil, fmt.Errorf("--force replaces only a previous hooks2actions output holding nothing else, each file as it wrote it, and %w", err)
	}
	return m, nil
}

// previousOutput reads dir's record of what hooks2actions wrote there, and
// returns it when dir holds nothing else, each file unedited; else an
// error naming every file or directory that replacing dir would destroy.
// A directory written before the manifest has the legacy marker, which
// lists the files without hashes: it is taken at its word.
func previousOutput(dir string) (*ownership.Manifest, error) {
	m, err := ownership.Read(dir)
	if errors.Is(err, fs.ErrNotExist) {
		m, err = ownership.ReadLegacy(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s has no %s (nor the %s of earlier versions): it is not one; move it, or choose another --out",
				dir, ownership.FileName, ownership.LegacyFileName)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w; move it, or choose another --out", err)
	}
	conflicts, err := m.Conflicts(dir)
	if err != nil {
		return nil, fmt.Errorf("%w; move it, or choose another --out", err)
	}
	if len(conflicts) == 0 {
		return m, nil
	}
	var b strings.Builder
	for _, c := range conflicts {
		fmt.Fprintf(&b, "\n  %s: %s", c.Path, c.Status)
		if c.Status == ownership.Edited {
			fmt.Fprintf(&b, " (replacing %s would lose these edits)", dir)
		}
	}
	return nil, fmt.Errorf("%s is not one as it stands, so it was left untouched:%s\nmove these out of %s, or choose another --out", dir, b.String(), dir)
}

// inputInside returns the first input that is dir or lies under it.
func inputInside(dir string, inputs []string) (string, bool) {
	for _, in := range inputs {
		if in != "" && within(in, dir) {
			return in, true
		}
	}
	return "", false
}

// within reports whether path is dir or lies under it, comparing absolute
// paths with symbolic links resolved where they exist.
func within(path, dir string) bool {
	p, d := canonical(path), canonical(dir)
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// canonical is path made absolute, with symbolic links resolved in the
// longest part of it that exists.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(cur) == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}
