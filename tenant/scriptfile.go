package tenant

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// ScriptExt is the extension of a hook script file.
const ScriptExt = ".js"

// LoadScriptFiles reads one hook per .js file, in the order given. A script
// file carries no metadata, so each hook is named after its file (without
// .js), its trigger is unknown and its secrets are unknown. Errors name the
// file; two files giving the same hook name are an error, because reports
// and the migration plan key hooks by name.
func LoadScriptFiles(paths []string) ([]Hook, error) {
	hooks := make([]Hook, 0, len(paths))
	fileOf := make(map[string]string, len(paths))
	for _, path := range paths {
		h, err := loadScriptFile(path)
		if err != nil {
			return nil, err
		}
		if first, dup := fileOf[h.Name]; dup {
			return nil, fmt.Errorf("hook name %q is given twice, by %s and %s: hook names must be unique", h.Name, first, path)
		}
		fileOf[h.Name] = path
		hooks = append(hooks, h)
	}
	return hooks, nil
}

func loadScriptFile(path string) (Hook, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Hook{}, fmt.Errorf("reading %s: %w", path, bareError(err))
	}
	// Check the kind before reading: a directory or a stray file given by
	// mistake deserves a message that says what was expected.
	if info.IsDir() {
		return Hook{}, fmt.Errorf("%s is a directory: expected hook %s files", path, ScriptExt)
	}
	if filepath.Ext(path) != ScriptExt {
		return Hook{}, fmt.Errorf("%s is not a %s file: expected hook %s files", path, ScriptExt, ScriptExt)
	}
	name := strings.TrimSuffix(filepath.Base(path), ScriptExt)
	if name == "" {
		return Hook{}, fmt.Errorf("%s has no name before %s: the file name is the hook name", path, ScriptExt)
	}
	script, err := inputfile.Read(path, inputfile.MaxScript)
	if err != nil {
		return Hook{}, fmt.Errorf("reading %s: %w", path, bareError(err))
	}
	return Hook{
		Name:   name,
		Script: script,
		Origin: Origin{Kind: OriginFile, File: path, ScriptLine: 1},
	}, nil
}
