package tenant

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// deployExportEntries are what the Deploy CLI writes at the top of a
// directory export besides hooks/ (src/tools/constants.ts): any of them
// marks an export, even one that holds no hook (any more).
var deployExportEntries = []string{
	"tenant.json", "actions", "triggers", "rules", "rules-configs", "clients", "grants", "connections",
	"database-connections", "resource-servers", "roles", "pages", "emailTemplates", "emails", "guardian",
	"organizations", "log-streams", "prompts", "custom-domains", "attack-protection", "branding", "themes",
	"forms", "flows",
}

// deployYAMLNames are the names a Deploy CLI YAML export goes by in a
// directory given as a source.
var deployYAMLNames = []string{"tenant.yaml", "tenant.yml"}

// IsHooklessDeployDirectory reports whether dir is a Deploy CLI directory
// export without a hook: an empty hooks/ (the hooks are gone), or no
// hooks/ beside other Deploy CLI folders or tenant.json (the Deploy CLI
// writes hooks/ only when there is a hook). A hooks/ holding scripts but
// no .json is not one: those scripts would be left unaudited.
func IsHooklessDeployDirectory(dir string) bool {
	hooksDir := filepath.Join(dir, deployHooksDir)
	if entries, err := os.ReadDir(hooksDir); err == nil {
		for _, e := range entries {
			if strings.EqualFold(filepath.Ext(e.Name()), ScriptExt) || filepath.Ext(e.Name()) == ".json" {
				return false
			}
		}
		return true
	} else if _, statErr := os.Stat(hooksDir); statErr == nil {
		return false // hooks is a file, or unreadable
	}
	for _, name := range deployExportEntries {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// DeployYAMLIn returns the tenant.yaml (or .yml) a directory holds, "" if none.
func DeployYAMLIn(dir string) string {
	for _, name := range deployYAMLNames {
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
			return path
		}
	}
	return ""
}

// scriptsIn lists the hook scripts (.js files) directly in dir, sorted.
func scriptsIn(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ScriptExt && !e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// declaredScripts lists the NAME.json files of dir that have a NAME.js
// beside them: the layout of a Deploy CLI export's hooks/ folder.
func declaredScripts(dir string) []string {
	var out []string
	for _, script := range scriptsIn(dir) {
		decl := strings.TrimSuffix(script, ScriptExt) + ".json"
		if info, err := os.Stat(decl); err == nil && info.Mode().IsRegular() {
			out = append(out, decl)
		}
	}
	return out
}

// sourcePaths are the paths a source of the given kind is read from: a
// directory holding tenant.yaml is read as that file, a directory of
// scripts as its .js files, anything else as itself.
func sourcePaths(kind, path string) []string {
	info, err := os.Stat(path)
	if err != nil || !info.IsDir() {
		return []string{path}
	}
	switch kind {
	case OriginDeployYAML:
		return []string{DeployYAMLIn(path)}
	case OriginFile:
		return scriptsIn(path)
	}
	return []string{path}
}

func detectDirectory(dir string) (string, error) {
	switch {
	case IsDeployDirectory(dir):
		return OriginDeployDir, nil
	case IsTerraformDirectory(dir):
		return OriginTerraform, nil
	case DeployYAMLIn(dir) != "":
		return OriginDeployYAML, nil
	case IsHooklessDeployDirectory(dir):
		return OriginDeployDir, nil
	case len(scriptsIn(dir)) > 0:
		if declared := declaredScripts(dir); len(declared) > 0 {
			// Read as bare scripts, these hooks would lose their
			// triggers and secrets, and with them the secret findings.
			return "", fmt.Errorf("%s holds the hook files of a Deploy CLI directory export (%s beside its script): give the export's directory, %s, so that each hook's trigger and secrets are read",
				dir, filepath.Base(declared[0]), filepath.Dir(filepath.Clean(dir)))
		}
		return OriginFile, nil
	}
	return "", fmt.Errorf("%s is a directory, but neither a Deploy CLI export (no hooks/*.json, tenant.json, tenant.yaml or other Deploy CLI folders), "+
		"a Terraform module (no *.tf files) nor a folder of hook scripts (no *.js files)", dir)
}
