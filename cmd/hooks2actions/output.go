package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/internal/ownership"
)

// fileMode says who may read a file the program creates.
type fileMode int

const (
	// modeUmask: read-write for whoever the umask lets (0666 less the
	// umask), as any tool's output. A file replaced keeps its mode.
	modeUmask fileMode = iota
	// modePrivate: 0600, always. Snapshots hold whole hook scripts,
	// which often hard-code credentials.
	modePrivate
)

// writeFileAtomic replaces path with data, or leaves it as it was: the
// data goes to a temporary file in the same directory (so the rename stays
// on one file system), synced to disk, that is renamed over path only
// once complete. A CI job reading the report never sees half of one, and
// an interrupted run leaves no temporary file (see pending).
//
// A path that is not a regular file is written through, never replaced:
// /dev/stdout, /dev/null, a FIFO. A symbolic link to a regular file has
// its target replaced, and stays a link.
func writeFileAtomic(path string, data []byte, mode fileMode) error {
	target, old, through, err := resolveOutput(path)
	switch {
	case err != nil:
		return fmt.Errorf("writing %s: %w", path, err)
	case through:
		return writeThrough(path, data)
	}
	if old == nil {
		// A new file's missing folders are created, as migrate --out's
		// are: --output audit/baseline.json in a fresh repository.
		if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
			return fmt.Errorf("writing %s: %w", path, bareError(err))
		}
	}
	perm := fs.FileMode(0o666)
	if mode == modePrivate {
		perm, old = 0o600, nil // private whatever the file replaced was
	}
	if err := replaceFile(target, data, perm, old); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// resolveOutput says where to write path: through it (it exists and is
// not a regular file), or by replacing target, the regular file path
// names after symbolic links (old: its info, nil for a new file).
func resolveOutput(path string) (target string, old fs.FileInfo, through bool, err error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if l, lerr := os.Lstat(path); lerr == nil && l.Mode()&fs.ModeSymlink != 0 {
			return "", nil, false, errors.New("it is a symbolic link to a file that does not exist")
		}
		return path, nil, false, nil
	case err != nil:
		return "", nil, false, bareError(err)
	case info.IsDir():
		return "", nil, false, errors.New("it is a directory")
	case !info.Mode().IsRegular():
		return path, info, true, nil
	}
	target, err = filepath.EvalSymlinks(path)
	if err != nil {
		// A link the kernel follows but a path walk cannot (/dev/stdout,
		// by /proc/self/fd/1, to a deleted file): write through it.
		return path, info, true, nil
	}
	return target, info, false, nil
}

// writeThrough writes data into an existing file that is not a regular
// one, as a shell redirection would.
func writeThrough(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, bareError(err))
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("writing %s: %w", path, bareError(err))
	}
	return nil
}

// replaceFile writes data to a temporary file beside path and renames it
// over path. The new file has perm less the umask, or exactly old's
// permissions when old is the file replaced, or exactly 0600 when that
// is perm: the umask must not widen a private file.
func replaceFile(path string, data []byte, perm fs.FileMode, old fs.FileInfo) (err error) {
	tmp, f, id, err := createTemp(path, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
		pending.done(id)
	}()
	if _, err := f.Write(data); err != nil {
		return bareError(err)
	}
	switch {
	case old != nil:
		err = f.Chmod(old.Mode().Perm())
	case perm == 0o600:
		err = f.Chmod(perm)
	}
	if err != nil {
		return bareError(err)
	}
	if err := f.Sync(); err != nil {
		return bareError(err)
	}
	if err := f.Close(); err != nil {
		return bareError(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return bareError(err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// createTemp creates a new file beside path, named .<base>.<random>.tmp,
// with perm less the umask, and registers its removal should a signal
// come.
func createTemp(path string, perm fs.FileMode) (string, *os.File, int, error) {
	for {
		tmp := tempName(path)
		var f *os.File
		id, err := pending.do(func() (err error) {
			f, err = os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
			return err
		}, func() { os.Remove(tmp) })
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", nil, 0, bareError(err)
		}
		return tmp, f, id, nil
	}
}

func tempName(path string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+hex.EncodeToString(b)+".tmp")
}

// syncDir makes a rename or a creation in dir durable. Not every
// platform can sync a directory, and the data is already synced: an
// error here changes nothing the user can act on.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// bareError drops the *PathError wrapper, whose path the caller's message
// already names (often as the user wrote it rather than the temporary
// file's name).
func bareError(err error) error { return inputfile.Bare(err) }

// writeDirAtomic replaces dir with the files, or leaves it as it was: they
// are written, each synced, to a new directory beside it, which takes
// dir's place only once complete. What may be replaced is checkOutDir's
// decision, made here, right before: its refusal is an outDirRefused, and
// the previous output it accepted is returned. The manifest recording the
// files goes in with them.
func writeDirAtomic(dir string, files map[string][]byte, force bool, inputs []string) (previous *ownership.Manifest, err error) {
	previous, err = checkOutDir(dir, force, inputs)
	if err != nil {
		return nil, outDirRefused{err}
	}
	files, err = withManifest(files)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", dir, err)
	}
	// A fresh --out may be nested in folders that do not exist yet.
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o777); err != nil {
		return nil, fmt.Errorf("writing %s: %w", dir, bareError(err))
	}
	tmp, id, err := createTempDir(dir)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
		pending.done(id)
	}()
	for name, data := range files {
		if err := writeNew(filepath.Join(tmp, filepath.FromSlash(name)), data); err != nil {
			return nil, fmt.Errorf("writing %s: %w", dir, err)
		}
	}
	syncTree(tmp)
	return previous, replaceDir(dir, tmp)
}

// outDirRefused is checkOutDir's refusal of a directory, as writeDirAtomic
// returns it: a usage error, not a failure to write.
type outDirRefused struct{ error }

func (e outDirRefused) Unwrap() error { return e.error }

// createTempDir creates an empty directory beside dir (0777 less the
// umask) and registers its removal should a signal come.
func createTempDir(dir string) (string, int, error) {
	for {
		tmp := tempName(filepath.Clean(dir))
		id, err := pending.do(func() error { return os.Mkdir(tmp, 0o777) }, func() { os.RemoveAll(tmp) })
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return tmp, id, bareError(err)
	}
}

// writeNew creates path (and its directories) with data, synced.
func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return bareError(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return bareError(err)
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	return bareError(errors.Join(werr, serr, cerr))
}

// syncTree syncs every directory under root, so that the entries of the
// files written are on disk before root takes the output's place.
func syncTree(root string) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			syncDir(path)
		}
		return nil
	})
}

// replaceDir moves the complete tmp into dir's place, keeping the old dir
// aside until the move succeeded; a signal meanwhile puts it back.
func replaceDir(dir, tmp string) error {
	old, moved := "", 0
	if _, err := os.Lstat(dir); err == nil {
		old = strings.TrimSuffix(tmp, ".tmp") + ".old"
		moved, err = pending.do(func() error { return os.Rename(dir, old) }, func() { os.Rename(old, dir) })
		if err != nil {
			return fmt.Errorf("writing %s: %w", dir, bareError(err))
		}
		defer pending.done(moved)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("writing %s: %w", dir, bareError(err))
	}
	pending.done(moved) // the new dir is in place: nothing to put back
	syncDir(filepath.Dir(filepath.Clean(dir)))
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}
