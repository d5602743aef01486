package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/internal/ownership"
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
	// noVerify skips running each draft beside its hook.
	noVerify bool
	into     intoOptions
	source   sourceOptions
}

func migrateFlags(o *migrateOptions) *pflag.FlagSet {
	fs := newFlagSet("migrate")
	o.source.register(fs)
	fs.StringVarP(&o.out, "out", "o", "", "write the Actions, plan and checklist to a fresh `DIR`")
	fs.BoolVar(&o.force, "force", false, "replace DIR when it is a previous output holding nothing else, no file edited since (its .hooks2actions-manifest.json records them)")
	fs.StringVar(&o.target, "target", string(migrate.TargetDeployCLI), "write the Actions for `TOOL`: deploy-cli (Auth0 Deploy CLI files) or terraform (auth0_action and auth0_trigger_action resources)")
	fs.BoolVar(&o.writeOnly, "write-only-secrets", false, "with --target terraform, give the secrets as secrets_wo, kept out of the Terraform state (auth0 provider 1.52.0 and Terraform 1.11 or later)")
	fs.StringVar(&o.into.export, "into", "", "add the Actions to the Deploy CLI `EXPORT` (a directory or tenant.yaml), changing nothing else; it is also the source when no other is given")
	fs.BoolVar(&o.into.dryRun, "dry-run", false, "with --into: print the change as a unified diff, write nothing")
	fs.BoolVar(&o.noVerify, "no-verify", false, "do not run each drafted Action beside its hook")
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
	exp, err := o.into.validate(&o.source, s.Getenv)
	if err == nil {
		err = o.checkTarget()
	}
	if err == nil {
		err = o.source.validate("migrate")
	}
	if err == nil && o.out == "" && o.into.export == "" {
		err = errors.New("migrate needs --out DIR, a fresh folder for the Actions and the checklist, or --into EXPORT")
	}
	if err == nil && o.out != "" {
		// Before reading anything, a live tenant above all.
		_, err = checkOutDir(o.out, o.force, o.source.inputs())
	}
	if err != nil {
		return s.usageError("migrate", err)
	}
	inv, code, err := o.source.load(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	date, err := o.source.reportDate(inv, s.Getenv)
	if err != nil {
		return s.usageError("migrate", err)
	}
	files, plan, report, err := migrationFiles(inv, time.Now(), date, o.filesOptions(inv), !o.noVerify)
	if err != nil {
		return s.fail(exitRuntime, err)
	}
	if o.into.export != "" {
		if code := o.into.apply(s, exp, files, o.out); code != exitOK || o.out == "" || o.into.dryRun {
			if code != exitUsage && code != exitRuntime {
				warnUnread(s, report, "")
			}
			return o.source.finish(s, code)
		}
	}
	// A file read may lie inside --out even when no path given does (a
	// tenant.yaml's --base-path, say).
	inputs := append(o.source.inputs(), readFiles(inv)...)
	previous, err := writeDirAtomic(o.out, files, o.force, inputs)
	var refused outDirRefused
	switch {
	case errors.As(err, &refused):
		return s.usageError("migrate", err)
	case err != nil:
		return s.fail(exitRuntime, err)
	}
	if previous != nil && previous.Legacy() {
		fmt.Fprintf(s.Err, "%s: replaced %s, written by an earlier version whose %s lists file names without hashes, so edits to them could not be detected; its %s records them from now on\n",
			programName, o.out, ownership.LegacyFileName, ownership.FileName)
	}
	drafted, unusable := 0, 0
	for _, a := range plan.Actions {
		switch {
		case a.Draft.Usable():
			drafted++
		case a.Draft != nil:
			unusable++
		}
	}
	warnUnread(s, report, filepath.Join(o.out, migrate.ChecklistFile))
	if len(plan.Actions) == 0 {
		fmt.Fprintf(s.Err, "%s: %s; the checklist is in %s\n", programName, migrate.NothingLeft, filepath.Join(o.out, migrate.ChecklistFile))
		return o.source.finish(s, exitOK)
	}
	broken := ""
	if unusable > 0 {
		// A draft that does not compile or uses unbound names is not done.
		broken = fmt.Sprintf(", %s not usable as written", plural(unusable, "draft", "drafts"))
	}
	fmt.Fprintf(s.Err, "%s: planned %s (%d drafted%s%s) in %s: start with %s\n", programName,
		plural(len(plan.Actions), "Action", "Actions"), drafted, broken, verdictSummary(plan), o.out, filepath.Join(o.out, migrate.ChecklistFile))
	if inv.Source == tenant.OriginTerraform && !fs.Changed("target") {
		// Deploy CLI files are the default, but a team that keeps its
		// hooks in Terraform most likely wants its Actions there too.
		fmt.Fprintf(s.Err, "%s: the hooks come from Terraform: --target terraform writes the Actions as auth0_action resources instead\n", programName)
	}
	return o.source.finish(s, exitOK)
}

// warnUnread names on standard error the hooks the migration could not
// read or analyse whole, and counts the problems of the sources outside
// any hook: the migration misses or leaves unfinished what they hold, and
// migrate exits 0 whatever it found, so without this line they would go
// unnoticed (with --into alone no checklist lists them). checklist is the
// file that lists each problem, "" when none was written.
func warnUnread(s *streams, report *reports.Report, checklist string) {
	hooks, sourceProblems := report.Unread()
	var parts []string
	if len(hooks) > 0 {
		const shown = 5
		names := strings.Join(hooks[:min(len(hooks), shown)], ", ")
		if len(hooks) > shown {
			names += fmt.Sprintf(" and %d more", len(hooks)-shown)
		}
		parts = append(parts, fmt.Sprintf("%s not read or not analysed whole (%s)", plural(len(hooks), "hook", "hooks"), names))
	}
	if sourceProblems > 0 {
		parts = append(parts, plural(sourceProblems, "problem", "problems")+" reading the sources outside any hook")
	}
	if len(parts) == 0 {
		return
	}
	where := checklist + " lists each problem"
	if checklist == "" {
		where = programName + " check on the same sources shows each problem"
	}
	fmt.Fprintf(s.Err, "%s: the migration is incomplete: %s; %s\n", programName, strings.Join(parts, " and "), where)
}

// verdictSummary counts the drafts found to differ or not verified, for
// migrate's closing line; "" when none was verified.
func verdictSummary(plan *migrate.Plan) string {
	counts := map[migrate.VerdictStatus]int{}
	verified := false
	for _, a := range plan.Actions {
		if a.Verdict != nil {
			verified = true
			counts[a.Verdict.Status]++
		}
	}
	if !verified {
		return ""
	}
	return ", " + verdictCounts(counts)
}

// verdictCounts says how many drafts got each verdict, the one wording of
// migrate's and verify's closing lines: "2 equivalent, 1 differs, 0 not
// verified".
func verdictCounts(counts map[migrate.VerdictStatus]int) string {
	return fmt.Sprintf("%d equivalent, %s, %d not verified", counts[migrate.VerdictEquivalent],
		plural(counts[migrate.VerdictDiffers], "differs", "differ"), counts[migrate.VerdictNotVerified])
}

// migrationFiles runs the pipeline and renders the plan's files, with every
// finding of the report (load errors, analysis, plan) in the checklist; it
// returns the report too.
// now is the clock (the tense of the end of life), date the date shown
// (reportDate; zero for none); out says what to write (Layout, Target).
// With verifyDrafts each draft is run beside its hook first.
func migrationFiles(inv *tenant.Inventory, now, date time.Time, out migrate.FilesOptions, verifyDrafts bool) (map[string][]byte, *migrate.Plan, *reports.Report, error) {
	hooks, plan := buildPlan(inv, verifyDrafts)
	report := reports.Build(reports.Input{Tool: tool(), Now: now, Date: date, Inventory: inv, Hooks: hooks, Plan: plan})
	out.Generated, out.Now, out.Tool = date, now, programName+" "+version()
	out.Findings, out.Hooks, out.Bindings = report.Findings, inv.Hooks, inv.Bindings
	files, err := plan.Files(out)
	return files, plan, report, err
}

func (o *migrateOptions) checkTarget() error {
	target := migrate.Target(o.target)
	switch {
	case !slices.Contains(migrate.Targets, target):
		return fmt.Errorf("unknown --target %q (want deploy-cli or terraform)", o.target)
	case o.writeOnly && target != migrate.TargetTerraform:
		return errors.New("--write-only-secrets is for --target terraform")
	case o.into.export != "" && target != migrate.TargetDeployCLI:
		return errors.New("--into adds to a Deploy CLI export: it takes no --target terraform")
	}
	return nil
}

// filesOptions says what to write: for the target; for the Deploy CLI, in
// the format of the export the hooks came from (YAML for a tenant.yaml).
// --into takes the directory format and edits the export's own.
func (o *migrateOptions) filesOptions(inv *tenant.Inventory) migrate.FilesOptions {
	out := migrate.FilesOptions{Target: migrate.Target(o.target), SecretsWriteOnly: o.writeOnly, Layout: migrate.LayoutDirectory}
	if inv.Source == tenant.OriginDeployYAML && o.into.export == "" {
		out.Layout = migrate.LayoutYAML
	}
	return out
}
