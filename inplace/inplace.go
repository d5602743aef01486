// Package inplace adds a migration's Deploy CLI files to an existing Auth0
// Deploy CLI export, a directory or a tenant.yaml, and changes nothing
// else: every other file, and every other line of tenant.yaml, stays byte
// for byte. It computes the change first, as data (a list of file changes
// that renders as a unified diff), so that a person can review it before
// anything is written; Apply writes it.
//
// It never overwrites what it did not write. The manifest in the export
// (package ownership) records a hash of each file and tenant.yaml entry it
// wrote; one that exists and is not recorded there, or was edited since,
// is a conflict, and then nothing is written at all.
package inplace

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/internal/ownership"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// Change is one file to create or replace, its path slash-separated and
// relative to the export's root.
type Change struct {
	Path string
	// Old is the file's content now; nil for a file to create.
	Old []byte
	New []byte
}

// Export is a Deploy CLI export to change.
type Export struct {
	// Root is the directory the changes' paths are relative to: the
	// directory export, or the directory of tenant.yaml (where the
	// Deploy CLI's YAML export keeps code files, relative to the YAML).
	Root string
	// YAML is tenant.yaml's file name in Root; "" for a directory export.
	YAML string
}

// Open recognises the export at path: a tenant.yaml (or a directory
// holding one) or a Deploy CLI directory export, with hooks or without.
func Open(p string) (Export, error) {
	kind, err := tenant.DetectKind(p)
	if err != nil {
		return Export{}, err
	}
	info, err := os.Stat(p)
	if err != nil {
		return Export{}, fmt.Errorf("reading %s: %w", p, err)
	}
	switch {
	case kind == tenant.OriginDeployYAML && info.IsDir():
		return Export{Root: p, YAML: filepath.Base(tenant.DeployYAMLIn(p))}, nil
	case kind == tenant.OriginDeployYAML:
		return Export{Root: filepath.Dir(p), YAML: filepath.Base(p)}, nil
	case kind == tenant.OriginDeployDir:
		return Export{Root: p}, nil
	case kind == tenant.OriginTerraform:
		// The user most likely wants the Terraform output, which has no
		// in-place form: say how to get it.
		return Export{}, fmt.Errorf("%s is a Terraform module, not a Deploy CLI export: --into adds Actions to a Deploy CLI export only; for Terraform, write auth0_action resources with --target terraform --out DIR and copy them into the module", p)
	}
	return Export{}, fmt.Errorf("%s is not a Deploy CLI export (a directory export or a tenant.yaml): --into adds Actions to one", p)
}

// Changes are what adding files to the export takes. files are the
// migration's files in the Deploy CLI directory layout, as
// migrate.Plan.Files gives them; only those the Deploy CLI imports
// (actions/ and TriggersFile) go into the export. In a YAML export each
// Action's .json becomes an entry of tenant.yaml's actions: list instead,
// and the triggers file its triggers: mapping. A file or entry already
// there as hooks2actions wrote it is updated; one it did not write, or that
// was edited since, is a conflict. The triggers are merged trigger by
// trigger, and a trigger's list may only be extended: one that would drop
// or reorder a binding is a conflict too. On any conflict Changes fails
// naming every one. The changes are sorted by path.
func (e Export) Changes(files map[string][]byte) ([]Change, error) {
	m, err := e.readManifest()
	if err != nil {
		return nil, err
	}
	next := m.Clone()
	var changes []Change
	var conflicts []string
	var entries []yamlEntry
	var lists []triggerList
	for _, name := range sortedKeys(files) {
		data := files[name]
		if name == TriggersFile {
			if lists, err = parseTriggers(data); err != nil {
				return nil, err
			}
			continue
		}
		if !strings.HasPrefix(name, migrate.ActionsDir+"/") {
			continue
		}
		if e.YAML != "" && path.Dir(name) == migrate.ActionsDir && path.Ext(name) == ".json" {
			entry, err := yamlEntryOf(name, data)
			if err != nil {
				return nil, err
			}
			entries = append(entries, entry)
			continue
		}
		c, conflict, err := e.fileChange(name, data, m)
		switch {
		case err != nil:
			return nil, err
		case conflict != "":
			conflicts = append(conflicts, conflict)
			continue
		case c != nil:
			changes = append(changes, *c)
		}
		next.RecordFile(name, data)
	}
	var c *Change
	var more []string
	switch {
	case e.YAML != "" && (len(entries) > 0 || len(lists) > 0):
		c, more, err = e.yamlChange(entries, lists, m, next)
	case e.YAML == "" && len(lists) > 0:
		c, more, err = e.triggersJSONChange(lists)
	}
	if err != nil {
		return nil, err
	}
	conflicts = append(conflicts, more...)
	if c != nil {
		// A whole file hooks2actions wrote and edits now (the triggers
		// file or tenant.yaml of an --out directory, whose manifest
		// records them) stays recorded as its own; one it did not write
		// stays unrecorded.
		if c.Old != nil && m.FileStatus(c.Path, c.Old) == ownership.Unchanged {
			next.RecordFile(c.Path, c.New)
		}
		changes = append(changes, *c)
	}
	if len(conflicts) > 0 {
		return nil, &ConflictError{Export: e.Root, Conflicts: conflicts}
	}
	if c, err := manifestChange(m, next); err != nil {
		return nil, err
	} else if c != nil {
		changes = append(changes, *c)
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return changes, nil
}

// ConflictError lists what Changes will not overwrite.
type ConflictError struct {
	Export    string
	Conflicts []string
}

func (c *ConflictError) Error() string {
	return fmt.Sprintf("%s: nothing was changed, because hooks2actions would overwrite what it did not write:\n  %s\n"+
		"move or rename these (or give the hook another name), or write to a fresh folder with --out",
		c.Export, strings.Join(c.Conflicts, "\n  "))
}

// fileChange is the change that gives the file name the content data: nil
// when it has it already; a conflict when it holds something else that
// hooks2actions did not write.
func (e Export) fileChange(name string, data []byte, m *ownership.Manifest) (*Change, string, error) {
	old, err := inputfile.Read(filepath.Join(e.Root, filepath.FromSlash(name)), inputfile.MaxScript)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Change{Path: name, New: data}, "", nil
	case err != nil:
		return nil, "", fmt.Errorf("reading %s: %w", filepath.Join(e.Root, filepath.FromSlash(name)), err)
	case bytes.Equal(old, data):
		return nil, "", nil
	}
	if st := m.FileStatus(name, old); st != ownership.Unchanged {
		return nil, name + ": " + st.String(), nil
	}
	return &Change{Path: name, Old: old, New: data}, "", nil
}

// readManifest is the export's record of what hooks2actions wrote into
// it; an empty one when there is none yet.
func (e Export) readManifest() (*ownership.Manifest, error) {
	m, err := ownership.Read(e.Root)
	if errors.Is(err, fs.ErrNotExist) {
		return ownership.New(), nil
	}
	return m, err
}

// manifestChange writes next when it records more than m, the export's
// manifest as read.
func manifestChange(m, next *ownership.Manifest) (*Change, error) {
	data, err := next.Marshal()
	if err != nil {
		return nil, err
	}
	old := m.Content()
	switch {
	case old == nil && next.Empty():
		return nil, nil // nothing written, nothing to record
	case bytes.Equal(old, data):
		return nil, nil
	}
	return &Change{Path: ownership.FileName, Old: old, New: data}, nil
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
