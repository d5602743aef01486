package tenant

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// tfModule is what the files of one module declare besides hooks: its
// locals and the modules it calls.
type tfModule struct {
	locals tfLocals
	calls  []tfModuleCall
	// callAt indexes calls by name, for the override files.
	callAt map[string]int
	// override: the file being parsed is an override file, whose module
	// blocks replace attributes of those of the same name.
	override bool
	// problems are the override module blocks that override none.
	problems []Problem
}

// tfModuleCall is one module block.
type tfModuleCall struct {
	name  string
	file  string // the .tf file holding the block
	src   []byte
	attrs hcl.Attributes
}

// call adds the module block name, declared at at in file. In an
// override file, it merges the block into the one of the same name, as
// mergeOverrides does a resource; Terraform refuses an override block
// that has none, and so it is not read, but said.
func (m *tfModule) call(file string, src []byte, name string, at hcl.Pos, attrs hcl.Attributes) {
	i, ok := m.callAt[name]
	switch {
	case ok && m.override:
		c := &m.calls[i]
		c.attrs = maps.Clone(c.attrs)
		maps.Copy(c.attrs, attrs)
		if _, ok := attrs["source"]; ok {
			c.file, c.src = file, src
		}
		return
	case m.override:
		m.problems = append(m.problems, Problem{Location: tfLocation(file, src, at),
			Message: fmt.Sprintf("module %q of an override file overrides no module block of that name; Terraform refuses it, and it is not read", name)})
		return
	}
	if !ok {
		if m.callAt == nil {
			m.callAt = map[string]int{}
		}
		m.callAt[name] = len(m.calls) // the first of a name, as the search found it
	}
	m.calls = append(m.calls, tfModuleCall{name: name, file: file, src: src, attrs: attrs})
}

// isOverrideFile tells Terraform's override files: override.tf and
// NAME_override.tf, in either syntax (and OpenTofu's extensions).
func isOverrideFile(path string) bool {
	stem, _, ok := configStem(filepath.Base(path))
	return ok && (stem == "override" || strings.HasSuffix(stem, "_override"))
}

// mergeOverrides merges the auth0_hook resources of an override file into
// those of the same name in the files parsed before (base, by label), as
// Terraform does: each attribute the override sets replaces the
// original's. An override without a resource to override is a problem, as
// Terraform refuses it.
func mergeOverrides(base map[string]*tfResource, f tfFile, file string, src []byte) tfFile {
	out := tfFile{problems: f.problems}
	for _, o := range f.resources {
		r, ok := base[o.label]
		if !ok {
			out.problems = append(out.problems, Problem{Hook: o.label, Location: tfLocation(file, src, o.def.Start),
				Message: fmt.Sprintf("resource %q %q of an override file overrides no resource of that name; Terraform refuses it, and it is not read",
					terraformHookType, o.label)})
			continue
		}
		r.attrs = maps.Clone(r.attrs)
		maps.Copy(r.attrs, o.attrs)
		if r.overrides == nil {
			r.overrides = map[string][]byte{}
		}
		r.overrides[file] = src
	}
	return out
}

// maxModuleDepth bounds how deep local modules calling local modules are
// followed.
const maxModuleDepth = 16

// loadChildModules reads the hooks of the modules that calls (and their
// own calls, in turn) refer to, as Terraform reads them: a root module
// that declares its hooks in a child module would otherwise look like one
// without hooks. A module given by a local path (./ or ../) is read from
// the repository; one from a registry or a repository is not fetched, but
// read from the copy terraform init left, if any (moduleDirs.dir). Each
// directory is read once, whichever calls refer to it.
func loadChildModules(inv *Inventory, root string, calls []tfModuleCall, opts TerraformOptions) {
	dirs := &moduleDirs{root: root}
	queue := make([]pendingCall, 0, len(calls))
	called := map[string]bool{}
	for _, c := range calls {
		queue = append(queue, pendingCall{c, 1, c.name})
	}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		dir, at, ok := dirs.dir(inv, c)
		if !ok {
			continue
		}
		key := sourceKey(dir)
		switch {
		case c.depth > maxModuleDepth:
			c.problem(inv, at, "modules call modules more than %d deep here; the hooks of %s are not read", maxModuleDepth, dir)
			continue
		case isRegularFile(dir):
			// Read as a module of one file, the file would be read twice.
			c.problem(inv, at, "its source %s is a file, not a module directory; it is not read", dir)
			continue
		case called[key]:
			c.problem(inv, at, "%s is read once, for an earlier module block; the hooks of this instance are the same hooks", dir)
			continue
		case opts.seen[key]:
			continue // given as a source of its own
		}
		called[key], opts.seen[key] = true, true
		for _, meta := range []string{"count", "for_each"} {
			if a, ok := c.attrs[meta]; ok {
				c.problem(inv, a.NameRange.Start, "%s makes instances that cannot be expanded statically; its hooks are read once", meta)
			}
		}
		child, more, err := loadTerraformModule(dir, root, opts)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			c.problem(inv, at, "its source %s does not exist; its hooks are not read", dir)
			continue
		case err != nil:
			c.problem(inv, at, "%v; its hooks are not read", bareError(err))
			continue
		}
		inv.Hooks = append(inv.Hooks, child.Hooks...)
		inv.Problems = append(inv.Problems, child.Problems...)
		for _, m := range more {
			queue = append(queue, pendingCall{m, c.depth + 1, c.path + "." + m.name})
		}
	}
}

// isRegularFile reports whether path is a file: a module source must be a
// directory, as Terraform reads it.
func isRegularFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}

// pendingCall is a module call waiting to be read.
type pendingCall struct {
	tfModuleCall
	depth int
	path  string // the module's key in terraform init's manifest: parent.child
}

func (c pendingCall) problem(inv *Inventory, pos hcl.Pos, format string, args ...any) {
	inv.Problems = append(inv.Problems, Problem{Location: tfLocation(c.file, c.src, pos),
		Message: fmt.Sprintf("module %q: ", c.name) + fmt.Sprintf(format, args...)})
}

// moduleDirs finds the directory of each module call of the configuration
// in root.
type moduleDirs struct {
	root    string
	fetched map[string]string // tfFetchedModules, read when first needed
}

// dir is the directory the call's module is read from, and where its
// source is written; ok is false when it has none to read: no static
// source, or a module that is not fetched, which is a note.
func (d *moduleDirs) dir(inv *Inventory, c pendingCall) (dir string, at hcl.Pos, ok bool) {
	if dir, at, ok := c.localSource(); ok {
		return dir, at, true
	}
	if _, at, ok = c.source(); !ok {
		return "", at, false
	}
	if d.fetched == nil {
		d.fetched = tfFetchedModules(d.root)
	}
	if dir, ok = d.fetched[c.path]; !ok {
		// The source is not shown: a repository address may hold a token.
		inv.Problems = append(inv.Problems, Problem{Severity: finding.Note, Location: tfLocation(c.file, c.src, at),
			Message: fmt.Sprintf("module %q comes from a registry or a repository, which is not fetched: any hook it declares is not audited "+
				"(after terraform init, its copy under .terraform/modules is read)", c.name)})
	}
	return dir, at, ok
}

// source is a module block's source, when the text gives it; at is where
// it is written.
func (c tfModuleCall) source() (source string, at hcl.Pos, ok bool) {
	a, ok := c.attrs["source"]
	if !ok {
		return "", hcl.Pos{}, false
	}
	v, ok := tfStaticValue(a.Expr, nil)
	if !ok || v.IsNull() || v.Type() != cty.String {
		return "", hcl.Pos{}, false
	}
	return v.AsString(), a.Expr.Range().Start, true
}

// localSource is the directory a module block's source names, when it is
// a local path: Terraform's rule is that one starts with ./ or ../ (or .\
// and ..\).
func (c tfModuleCall) localSource() (dir string, at hcl.Pos, ok bool) {
	source, at, ok := c.source()
	if !ok || !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") &&
		!strings.HasPrefix(source, `.\`) && !strings.HasPrefix(source, `..\`) {
		return "", hcl.Pos{}, false
	}
	rel := filepath.FromSlash(strings.ReplaceAll(source, `\`, "/"))
	return filepath.Join(filepath.Dir(c.file), rel), at, true
}

// tfFetchedModules are the directories terraform init fetched the modules
// of the configuration in root to, by module key (parent.child), from its
// manifest .terraform/modules/modules.json; none when there is none.
func tfFetchedModules(root string) map[string]string {
	out := map[string]string{}
	path := filepath.Join(root, ".terraform", "modules", "modules.json")
	data, err := inputfile.Read(path, inputfile.MaxDocument)
	if err != nil {
		return out
	}
	var manifest struct {
		Modules []struct{ Key, Dir string }
	}
	if json.Unmarshal(data, &manifest) != nil {
		return out
	}
	for _, m := range manifest.Modules {
		if m.Key != "" && m.Dir != "" && !filepath.IsAbs(m.Dir) {
			out[m.Key] = filepath.Join(root, filepath.FromSlash(m.Dir))
		}
	}
	return out
}

// fileOf is the file named filename, as a position's range names it, and
// its text: an override file that replaced an attribute, or the resource's
// own file.
func (r *tfResource) fileOf(filename string) (string, []byte) {
	if src, ok := r.overrides[filename]; ok {
		return filename, src
	}
	return r.file, r.src
}
