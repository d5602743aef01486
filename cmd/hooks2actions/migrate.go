package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/tenant"
)

type migrateOptions struct {
	help   bool
	out    string
	force  bool
	source sourceOptions
}

func migrateFlags(o *migrateOptions) *pflag.FlagSet {
	fs := newFlagSet("migrate")
	o.source.register(fs)
	fs.StringVarP(&o.out, "out", "o", "", "write the Actions, plan and checklist to `DIR` (required)")
	fs.BoolVar(&o.force, "force", false, "replace DIR when it is a previous output that holds\nnothing else (see its .hooks2actions-output marker)")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func runMigrate(args []string, s *streams) int {
	var o migrateOptions
	fs := migrateFlags(&o)
	if code, done := s.parseCommand("migrate", fs, args, &o.help, migrateUsage); done {
		return code
	}
	o.source.paths = fs.Args()
	o.source.keepScriptMarkers = true
	err := o.source.validate("migrate")
	if err == nil && o.out == "" {
		err = errors.New("migrate needs --out DIR, where the Actions and the checklist go")
	}
	if err == nil {
		// Before reading anything, a live tenant above all.
		err = checkOutDir(o.out, o.force, o.source.inputs())
	}
	if err != nil {
		return s.usageError("migrate", err)
	}
	inv, code, err := o.source.load(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	files, plan, err := migrationFiles(inv, time.Now())
	if err != nil {
		return s.fail(exitRuntime, err)
	}
	// A file read may lie inside --out even when no path given does (a
	// tenant.yaml's --base-path, say).
	inputs := append(o.source.inputs(), readFiles(inv)...)
	if err := checkOutDir(o.out, o.force, inputs); err != nil {
		return s.usageError("migrate", err)
	}
	if err := writeDirAtomic(o.out, files, o.force, inputs); err != nil {
		return s.fail(exitRuntime, err)
	}
	drafted := 0
	for _, a := range plan.Actions {
		if a.Draft != nil {
			drafted++
		}
	}
	fmt.Fprintf(s.Err, "%s: planned %d Actions (%d drafted) in %s: start with %s\n", programName,
		len(plan.Actions), drafted, o.out, filepath.Join(o.out, migrate.ChecklistFile))
	return o.source.finish(s, exitOK)
}

// migrationFiles runs the pipeline and renders the plan's files, with every
// finding of the report (load errors, analysis, plan) in the checklist.
func migrationFiles(inv *tenant.Inventory, now time.Time) (map[string][]byte, *migrate.Plan, error) {
	hooks := migrate.Analyze(inv.Hooks, true)
	plan := migrate.Build(hooks, planOptions(inv))
	report := reports.Build(reports.Input{Tool: tool(), Now: now, Inventory: inv, Hooks: hooks, Plan: plan})
	files, err := plan.Files(migrate.FilesOptions{Generated: now, Tool: programName + " " + version(), Findings: report.Findings})
	return files, plan, err
}
