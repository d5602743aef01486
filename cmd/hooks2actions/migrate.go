package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/reports"
	"github.com/hooks2actions/hooks2actions/tenant"
)

type migrateOptions struct {
	help      bool
	out       string
	force     bool
	target    string
	writeOnly bool
	source    sourceOptions
}

func migrateFlags(o *migrateOptions) *pflag.FlagSet {
	fs := newFlagSet("migrate")
	o.source.register(fs)
	fs.StringVarP(&o.out, "out", "o", "", "write the Actions, plan and checklist to `DIR` (required)")
	fs.BoolVar(&o.force, "force", false, "replace DIR when it is a previous output that holds\nnothing else (see its .hooks2actions-output marker)")
	fs.StringVar(&o.target, "target", string(migrate.TargetDeployCLI), "write the Actions for `TOOL`: deploy-cli (Auth0 Deploy CLI files) or terraform (auth0_action and auth0_trigger_action resources)")
	fs.BoolVar(&o.writeOnly, "write-only-secrets", false, "with --target terraform, give the secrets as secrets_wo, kept out of the Terraform state (auth0 provider 1.52.0 and Terraform 1.11 or later)")
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
	if err == nil {
		err = o.checkTarget()
	}
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
	files, plan, err := migrationFiles(inv, time.Now(), migrate.Target(o.target), o.writeOnly)
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
func migrationFiles(inv *tenant.Inventory, now time.Time, target migrate.Target, writeOnly bool) (map[string][]byte, *migrate.Plan, error) {
	hooks := migrate.Analyze(inv.Hooks, true)
	plan := migrate.Build(hooks, planOptions(inv))
	report := reports.Build(reports.Input{Tool: tool(), Now: now, Inventory: inv, Hooks: hooks, Plan: plan})
	files, err := plan.Files(migrate.FilesOptions{Generated: now, Tool: programName + " " + version(), Findings: report.Findings,
		Bindings: inv.Bindings, Layout: layoutOf(inv), Target: target, SecretsWriteOnly: writeOnly})
	return files, plan, err
}

func (o *migrateOptions) checkTarget() error {
	if !slices.Contains(migrate.Targets, migrate.Target(o.target)) {
		return fmt.Errorf("unknown --target %q (want deploy-cli or terraform)", o.target)
	}
	if o.writeOnly && migrate.Target(o.target) != migrate.TargetTerraform {
		return errors.New("--write-only-secrets is for --target terraform")
	}
	return nil
}

// layoutOf writes the Deploy CLI files in the format of the export the
// hooks came from: YAML for a tenant.yaml, the directory format otherwise.
func layoutOf(inv *tenant.Inventory) migrate.Layout {
	if inv.Source == tenant.OriginDeployYAML {
		return migrate.LayoutYAML
	}
	return migrate.LayoutDirectory
}
