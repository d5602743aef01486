package tenant

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// LoadOptions configures the offline sources.
type LoadOptions struct {
	// Deploy configures Deploy CLI exports: keyword mappings, base path.
	Deploy DeployOptions
	// Terraform configures Terraform modules.
	Terraform TerraformOptions
}

// Load reads the hooks of every path, whatever its kind (see DetectKind),
// into one inventory. An unreadable or unrecognised path is an error; a
// problem with one hook is a Problem and the rest still loads. Hook names
// must be unique across all paths: a repeat is reported and left out. A
// source given twice (dir and dir/, an export and its tenant.yaml, a
// script through a link) is read once: its hooks are not repeats.
func Load(paths []string, opts LoadOptions) (*Inventory, error) {
	merged := &Inventory{}
	var scripts []string
	seen := map[string]bool{}
	firstTime := func(path string) bool {
		key := sourceKey(path)
		if seen[key] {
			return false
		}
		seen[key] = true
		return true
	}
	// Child modules a Terraform source reads are sources read too.
	opts.Terraform.seen = seen
	for _, path := range paths {
		kind, err := DetectKind(path)
		if err != nil {
			return nil, err
		}
		if kind == OriginFile {
			for _, script := range sourcePaths(kind, path) {
				if firstTime(script) {
					scripts = append(scripts, script)
				}
			}
			continue
		}
		source := sourcePaths(kind, path)[0]
		if !firstTime(source) {
			continue
		}
		inv, err := loadKind(kind, source, opts)
		if err != nil {
			return nil, err
		}
		merged.add(inv)
	}
	if len(scripts) > 0 {
		hooks, err := LoadScriptFiles(scripts)
		if err != nil {
			return nil, err
		}
		merged.add(&Inventory{Source: OriginFile, Hooks: hooks})
	}
	merged.DropDuplicateNames()
	return merged, nil
}

// sourceKey is the file or directory a path names, the same for every
// spelling of it: absolute, cleaned, symbolic links resolved.
func sourceKey(path string) string {
	key, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if resolved, err := filepath.EvalSymlinks(key); err == nil {
		key = resolved
	}
	return key
}

func loadKind(kind, path string, opts LoadOptions) (*Inventory, error) {
	switch kind {
	case OriginDeployDir:
		return LoadDeployDirectory(path, opts.Deploy)
	case OriginDeployYAML:
		return LoadDeployYAML(path, opts.Deploy)
	case OriginTerraform:
		return LoadTerraform(path, opts.Terraform)
	case OriginSnapshot:
		return LoadSnapshot(path)
	}
	return nil, fmt.Errorf("%s: no loader for %s", path, kind)
}

// add merges another source's inventory. The merged inventory keeps the
// source kind and tenant while they agree.
func (inv *Inventory) add(other *Inventory) {
	switch {
	case inv.Source == "" && len(inv.Hooks) == 0 && len(inv.Problems) == 0:
		inv.Source, inv.Tenant, inv.Path = other.Source, other.Tenant, other.Path
	case inv.Source != other.Source:
		inv.Source, inv.Path = SourceMixed, ""
	}
	// Several snapshots: the newest data dates the whole.
	if other.FetchedAt.After(inv.FetchedAt) {
		inv.FetchedAt = other.FetchedAt
	}
	if inv.Tenant != other.Tenant {
		inv.Tenant = ""
	}
	if inv.ActionTriggerVersions == nil {
		inv.ActionTriggerVersions = other.ActionTriggerVersions
	}
	if inv.Bindings == nil {
		inv.Bindings = other.Bindings
	}
	inv.Hooks = append(inv.Hooks, other.Hooks...)
	inv.Problems = append(inv.Problems, other.Problems...)
}

// SourceMixed is the Source of an inventory read from several kinds of source.
const SourceMixed = "mixed"

// DetectKind tells which kind of source a path is: a hook script (.js), a
// Deploy CLI directory export (a directory with hooks/*.json), a Deploy CLI
// YAML export (a .yaml/.yml file, or a directory holding tenant.yaml), a
// Terraform module (a directory of .tf files, or one .tf file) or a
// snapshot written by fetch (.json). A directory can also be a Deploy CLI
// export with no hook left, a directory holding tenant.yaml, or a folder
// of .js hook scripts.
func DetectKind(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("reading %s: no such file or directory", path)
		}
		return "", fmt.Errorf("reading %s: %w", path, err)
	}
	if info.IsDir() {
		return detectDirectory(path)
	}
	// A pipe or a device would hang or flood the loader: name it instead.
	if err := inputfile.CheckRegular(path, info); err != nil {
		return "", fmt.Errorf("reading %s: %w", path, bareError(err))
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ScriptExt:
		return OriginFile, nil
	case ".yaml", ".yml":
		return OriginDeployYAML, nil
	case TerraformExt, tofuExt:
		return OriginTerraform, nil
	case ".json":
		if isJSONConfig(strings.ToLower(path)) {
			return OriginTerraform, nil
		}
		if IsSnapshot(path) {
			return OriginSnapshot, nil
		}
		if filepath.Base(filepath.Dir(path)) == "hooks" {
			return "", fmt.Errorf("%s looks like one hook of a Deploy CLI export: give the export directory (%s) instead",
				path, filepath.Dir(filepath.Dir(path)))
		}
		return "", fmt.Errorf("%s is a JSON file but not a hooks2actions snapshot (written by hooks2actions fetch)", path)
	}
	return "", fmt.Errorf("%s: unknown kind of source (want a .js hook script, a Deploy CLI export, a tenant.yaml, a Terraform module or .tf file, or a snapshot)", path)
}
