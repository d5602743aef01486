package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/hooks2actions/hooks2actions/inplace"
	"github.com/hooks2actions/hooks2actions/migrate"
)

// intoOptions are migrate's flags for changing an existing export.
type intoOptions struct {
	// export is --into: the Deploy CLI export the Actions are added to.
	export string
	// dryRun prints the change as a unified diff and writes nothing.
	dryRun bool
}

// validate checks the flags and recognises the export before anything is
// read. Without paths or --domain, the export is also the source.
func (o *intoOptions) validate(source *sourceOptions, getenv func(string) string) (inplace.Export, error) {
	switch {
	case o.dryRun && o.export == "":
		return inplace.Export{}, errors.New("--dry-run shows the change --into makes: give --into EXPORT")
	case o.export == "":
		return inplace.Export{}, nil
	}
	exp, err := inplace.Open(o.export)
	if err != nil {
		return inplace.Export{}, fmt.Errorf("--into: %w", err)
	}
	// The Deploy CLI reads a YAML export's code files relative to its base
	// path; --into writes them beside tenant.yaml.
	base := source.basePath
	if base == "" {
		base = getenv("AUTH0_BASE_PATH")
	}
	if exp.YAML != "" && base != "" && !samePath(base, exp.Root) {
		return inplace.Export{}, fmt.Errorf("--into %s: its code files would go beside tenant.yaml, but the base path is %s; "+
			"write to a fresh folder with --out instead", o.export, base)
	}
	if !source.live() && len(source.paths) == 0 {
		source.paths = []string{o.export}
	}
	return exp, nil
}

func samePath(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// apply computes the change to the export and prints it (--dry-run) or
// writes it. It returns the exit code: 2 when the export holds files
// hooks2actions would overwrite but did not write; for --dry-run, 1 when
// there is a change to make, as apply's preview.
func (o *intoOptions) apply(s *streams, exp inplace.Export, files map[string][]byte, out string) int {
	changes, err := exp.Changes(files)
	var conflict *inplace.ConflictError
	switch {
	case errors.As(err, &conflict):
		return s.fail(exitUsage, err)
	case err != nil:
		return s.fail(exitRuntime, err)
	}
	created := 0
	for _, c := range changes {
		if c.Old == nil {
			created++
		}
	}
	summary := fmt.Sprintf("%s (%d created, %d changed)", plural(len(changes), "file", "files"), created, len(changes)-created)
	switch {
	case len(changes) == 0:
		fmt.Fprintf(s.Err, "%s: %s already holds every Action: nothing to change\n", programName, o.export)
	case o.dryRun:
		if _, err := s.Out.Write(inplace.Diff(changes)); err != nil {
			return s.fail(exitRuntime, err)
		}
		fmt.Fprintf(s.Err, "%s: --dry-run: would change %s in %s; nothing was written\n", programName, summary, o.export)
		return exitChangesPending
	default:
		write := func(path string, data []byte) error { return writeFileAtomic(path, data, modeUmask) }
		if err := inplace.Apply(exp.Root, changes, write); err != nil {
			return s.fail(exitRuntime, err)
		}
		fmt.Fprintf(s.Err, "%s: changed %s in %s: review them with git diff, then import the export\n", programName, summary, o.export)
		if out == "" {
			fmt.Fprintf(s.Err, "%s: the secret values to set and the checklist are not in the export: add --out DIR for %s and %s\n",
				programName, migrate.SecretsEnvFile, migrate.ChecklistFile)
		}
	}
	return exitOK
}
