// Package ownership is the record hooks2actions keeps of what it writes
// into a directory (an --out directory, a Deploy CLI export changed with
// --into), so that it can tell its own work from a person's: the manifest
// file, FileName, at the directory's root, holding the SHA-256 of each file
// (and of each tenant.yaml entry) as written. A file the manifest does not
// record, or whose content no longer has the recorded hash, is someone's
// work, which hooks2actions never overwrites or removes.
package ownership

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// FileName is the manifest, at the root of the directory it describes. The
// Deploy CLI reads neither this file nor anything else at the root of a
// directory export but tenant.json.
const FileName = ".hooks2actions-manifest.json"

// LegacyFileName is the marker that versions before the manifest left in an
// --out directory: a header, then the names of the files written, without
// hashes. It is read, never written.
const LegacyFileName = ".hooks2actions-output"

const (
	kind    = "hooks2actions-manifest"
	version = 1
	// legacyHeader starts every LegacyFileName.
	legacyHeader = "# Written by hooks2actions. migrate --force replaces this directory only\n" +
		"# while it holds nothing but the files below (and this one).\n"
)

// Manifest is what hooks2actions wrote into one directory.
type Manifest struct {
	// files maps a slash path relative to the directory to the hash of
	// the content written.
	files map[string]string
	// yamlActions maps the name of an entry of tenant.yaml's actions: to
	// the hash of its lines as written.
	yamlActions map[string]string
	// source is the file the manifest was read from ("" for a new one):
	// the one file in the directory that is ours without being recorded.
	source string
	// read is the content of source as read (nil for a new one).
	read []byte
	// legacy is set when it was read from LegacyFileName, which lists
	// files without hashes: an edit to them cannot be told.
	legacy bool
}

// document is the manifest's JSON form. Its fields, their order and the
// encoding (Marshal) are those of every manifest written so far.
type document struct {
	Kind        string            `json:"kind"`
	Version     int               `json:"version"`
	Files       map[string]string `json:"files"`
	YAMLActions map[string]string `json:"yaml_actions"`
}

// New is an empty manifest: nothing written yet.
func New() *Manifest {
	return &Manifest{files: map[string]string{}, yamlActions: map[string]string{}}
}

// Read reads dir's manifest. An error wraps fs.ErrNotExist when there is
// none; any other names the file and says what is wrong with it.
func Read(dir string) (*Manifest, error) {
	p := filepath.Join(dir, FileName)
	data, err := readRegular(p)
	if err != nil {
		return nil, err
	}
	var d document
	if err := json.Unmarshal(data, &d); err != nil || d.Kind != kind || d.Version != version {
		return nil, fmt.Errorf("reading %s: not a hooks2actions manifest (version %d), the record of the files hooks2actions wrote into %s", p, version, dir)
	}
	for _, name := range slices.Sorted(maps.Keys(d.Files)) {
		if !isRelative(name) {
			return nil, fmt.Errorf("reading %s: files: %q is not a path inside %s", p, name, dir)
		}
		if h := d.Files[name]; !isHash(h) {
			return nil, fmt.Errorf("reading %s: files: %q: %q is not a sha256: hash", p, name, h)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(d.YAMLActions)) {
		if h := d.YAMLActions[name]; !isHash(h) {
			return nil, fmt.Errorf("reading %s: yaml_actions: %q: %q is not a sha256: hash", p, name, h)
		}
	}
	m := New()
	m.source, m.read = FileName, data
	maps.Copy(m.files, d.Files)
	maps.Copy(m.yamlActions, d.YAMLActions)
	return m, nil
}

// ReadLegacy reads the LegacyFileName marker of an --out directory written
// by an earlier version. The manifest it returns knows the files' names,
// not their content: Legacy reports it, and an edit passes unseen. An
// error wraps fs.ErrNotExist when there is no marker.
func ReadLegacy(dir string) (*Manifest, error) {
	p := filepath.Join(dir, LegacyFileName)
	data, err := readRegular(p)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(legacyHeader)) {
		return nil, fmt.Errorf("%s is not a marker hooks2actions wrote", p)
	}
	m := New()
	m.source, m.legacy = LegacyFileName, true
	sc := bufio.NewScanner(bytes.NewReader(data[len(legacyHeader):]))
	for sc.Scan() {
		if name := sc.Text(); name != "" && !strings.HasPrefix(name, "#") {
			m.files[name] = ""
		}
	}
	return m, nil
}

// readRegular reads the record file p: a regular file itself, not a link
// to one elsewhere, of reasonable size.
func readRegular(p string) ([]byte, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, inputfile.Bare(err))
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("reading %s: it is a symbolic link, not the file hooks2actions wrote", p)
	}
	data, err := inputfile.Read(p, inputfile.MaxDocument)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, inputfile.Bare(err))
	}
	return data, nil
}

// Legacy reports whether the manifest was read from LegacyFileName, and so
// cannot tell an edited file from one as written.
func (m *Manifest) Legacy() bool { return m.legacy }

// Content is the manifest file's content as Read read it: nil for a
// manifest made with New, or read from LegacyFileName.
func (m *Manifest) Content() []byte { return m.read }

// Empty reports whether the manifest records nothing.
func (m *Manifest) Empty() bool { return len(m.files) == 0 && len(m.yamlActions) == 0 }

// RecordFile records that the file name (a slash path relative to the
// directory) was written with data.
func (m *Manifest) RecordFile(name string, data []byte) { m.files[name] = hash(data) }

// RecordYAMLAction records that tenant.yaml's actions: entry name was
// written as text.
func (m *Manifest) RecordYAMLAction(name string, text []byte) { m.yamlActions[name] = hash(text) }

// FileStatus says whether data, the content of the file name now, is the
// content hooks2actions recorded writing.
func (m *Manifest) FileStatus(name string, data []byte) Status {
	return m.status(m.files, name, hash(data))
}

// YAMLActionStatus says whether text, the lines of tenant.yaml's actions:
// entry name now, are those hooks2actions recorded writing.
func (m *Manifest) YAMLActionStatus(name string, text []byte) Status {
	return m.status(m.yamlActions, name, hash(text))
}

func (m *Manifest) status(recorded map[string]string, key, h string) Status {
	want, ok := recorded[key]
	switch {
	case !ok:
		return NotWritten
	case m.legacy:
		return Unchanged // listed, and there is no hash to tell an edit
	case want != h:
		return Edited
	}
	return Unchanged
}

// Clone is a copy of the manifest, to record more in.
func (m *Manifest) Clone() *Manifest {
	c := *m
	c.files, c.yamlActions = maps.Clone(m.files), maps.Clone(m.yamlActions)
	return &c
}

// Marshal is the manifest as FileName holds it: indented JSON, keys
// sorted, so that the same record gives the same bytes.
func (m *Manifest) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(document{Kind: kind, Version: version, Files: m.files, YAMLActions: m.yamlActions}); err != nil {
		return nil, fmt.Errorf("writing %s: %w", FileName, err)
	}
	return b.Bytes(), nil
}

// Status says whether a file is hooks2actions's own, as it wrote it.
type Status int

const (
	// Unchanged: recorded, and as written.
	Unchanged Status = iota
	// NotWritten: not recorded: someone else's.
	NotWritten
	// Edited: recorded, but changed since: someone's edits.
	Edited
)

func (s Status) String() string {
	switch s {
	case NotWritten:
		return "not written by hooks2actions"
	case Edited:
		return "written by hooks2actions, but edited since"
	}
	return "as hooks2actions wrote it"
}

// Conflict is an entry of a directory that is not hooks2actions's
// unchanged work.
type Conflict struct {
	// Path is the entry's path: the root given joined with its own.
	Path   string
	Status Status
}

// Conflicts walks root, the directory the manifest describes, and returns
// every entry whose removal would destroy what hooks2actions did not
// write: a file not recorded, or edited since; a link, a FIFO, anything
// but a regular file; a directory holding no recorded file (named once,
// not walked). The manifest's own file is ours. Entries come in lexical
// order.
func (m *Manifest) Conflicts(root string) ([]Conflict, error) {
	dirs := map[string]bool{}
	for name := range m.files {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	var out []Conflict
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s cannot be read (%w)", p, inputfile.Bare(err))
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == m.source || d.IsDir() && dirs[rel]:
			return nil
		case !d.Type().IsRegular():
			out = append(out, Conflict{Path: p, Status: NotWritten})
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		st, err := m.fileStatusOnDisk(rel, p)
		if err != nil {
			return err
		}
		if st != Unchanged {
			out = append(out, Conflict{Path: p, Status: st})
		}
		return nil
	})
	return out, err
}

// fileStatusOnDisk is FileStatus for the file at p, hashed as it is read;
// a file that is not recorded is not read at all.
func (m *Manifest) fileStatusOnDisk(name, p string) (Status, error) {
	if _, ok := m.files[name]; !ok || m.legacy {
		return m.status(m.files, name, ""), nil
	}
	f, _, err := inputfile.Open(p)
	if err != nil {
		return 0, fmt.Errorf("%s cannot be read (%w)", p, inputfile.Bare(err))
	}
	defer f.Close()
	h, err := hashOf(f)
	if err != nil {
		return 0, fmt.Errorf("%s cannot be read (%w)", p, inputfile.Bare(err))
	}
	return m.status(m.files, name, h), nil
}

// hash is the hash of data as the manifest records it.
func hash(data []byte) string {
	h, _ := hashOf(bytes.NewReader(data)) // a bytes.Reader never fails
	return h
}

// hashOf is the hash of what r gives, as the manifest records it:
// "sha256:" and the SHA-256 in lower-case hex.
func hashOf(r io.Reader) (string, error) {
	sum := sha256.New()
	if _, err := io.Copy(sum, r); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(sum.Sum(nil)), nil
}

// isHash reports whether h is a hash as hash writes it.
func isHash(h string) bool {
	hexPart, ok := strings.CutPrefix(h, "sha256:")
	if !ok || len(hexPart) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(hexPart)
	return err == nil && strings.ToLower(hexPart) == hexPart
}

// isRelative reports whether name is a clean slash path inside the
// directory, as the files written are named.
func isRelative(name string) bool {
	return name != "" && name != "." && path.Clean(name) == name && !path.IsAbs(name) &&
		name != ".." && !strings.HasPrefix(name, "../")
}
