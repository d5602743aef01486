package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// outputMarker is the file at the top of every directory migrate writes.
// It lists the files written, so that --force replaces a directory only
// when everything in it is a previous output: never an input, a .git, or
// a file a reviewer added.
const outputMarker = ".hooks2actions-output"

// markerHeader starts the marker: what it is, for whoever finds it.
const markerHeader = "# Written by hooks2actions. migrate --force replaces this directory only\n" +
	"# while it holds nothing but the files below (and this one).\n"

// withMarker returns files plus the marker that lists them.
func withMarker(files map[string][]byte) map[string][]byte {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.WriteString(markerHeader)
	for _, name := range names {
		b.WriteString(name + "\n")
	}
	out := make(map[string][]byte, len(files)+1)
	for name, data := range files {
		out[name] = data
	}
	out[outputMarker] = b.Bytes()
	return out
}

// checkOutDir says whether dir may be written: it does not exist, is
// empty, or (with force) is a previous output (ownedOutput). Whatever
// force says, it may not be or hold one of the inputs (files and
// directories read).
func checkOutDir(dir string, force bool, inputs []string) error {
	if in, ok := inputInside(dir, inputs); ok {
		return fmt.Errorf("--out %s holds the input %s: choose a directory outside the inputs", dir, in)
	}
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("writing %s: %w", dir, bareError(err))
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("--out %s is a symbolic link: give the directory it points to", dir)
	case !info.IsDir():
		return fmt.Errorf("--out %s is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err != nil:
		return fmt.Errorf("writing %s: %w", dir, bareError(err))
	case len(entries) == 0:
		return nil
	case !force:
		return fmt.Errorf("%s is not empty: give --force to replace a previous output, or another --out", dir)
	}
	if err := ownedOutput(dir); err != nil {
		return fmt.Errorf("--force replaces only a previous hooks2actions output, and %w: move it, or choose another --out", err)
	}
	return nil
}

// ownedOutput says whether dir is a previous output of hooks2actions with
// nothing else in it: nil when every file in it is listed by its marker,
// else an error naming what is not ours.
func ownedOutput(dir string) error {
	listed, err := readMarker(dir)
	if err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s cannot be read (%w)", path, bareError(err))
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == outputMarker:
			return nil
		case d.IsDir() && listedUnder(listed, rel):
			return nil
		case d.Type().IsRegular() && listed[rel]:
			return nil
		}
		return fmt.Errorf("%s was not written by hooks2actions", path)
	})
}

// readMarker reads the files a marker lists.
func readMarker(dir string) (map[string]bool, error) {
	path := filepath.Join(dir, outputMarker)
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 1<<20 {
		return nil, fmt.Errorf("%s has no %s marker: it is not one", dir, outputMarker)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte(markerHeader)) {
		return nil, fmt.Errorf("%s is not a marker hooks2actions wrote", path)
	}
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data[len(markerHeader):]))
	for sc.Scan() {
		if name := sc.Text(); name != "" && !strings.HasPrefix(name, "#") {
			listed[name] = true
		}
	}
	return listed, nil
}

// listedUnder reports whether a listed file lies under the directory rel.
func listedUnder(listed map[string]bool, rel string) bool {
	for name := range listed {
		if strings.HasPrefix(name, rel+"/") {
			return true
		}
	}
	return false
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
