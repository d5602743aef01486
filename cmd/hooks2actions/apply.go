package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/apply"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi"
)

type applyOptions struct {
	help            bool
	dryRun          bool
	yes             bool
	secretsFile     string
	logFile         string
	undoFile        string
	allowUnverified bool
	disableHooks    bool
	pollInterval    time.Duration
	buildTimeout    time.Duration
	source          sourceOptions
}

func applyFlags(o *applyOptions) *pflag.FlagSet {
	fs := newFlagSet("apply")
	o.source.registerLive(fs)
	fs.BoolVar(&o.dryRun, "dry-run", false, "show the changes and write nothing (the default)")
	fs.BoolVar(&o.yes, "yes", false, "make the changes")
	fs.StringVar(&o.secretsFile, "secrets-file", "", "read the Actions' secret values from `FILE` (format above); the environment is read too")
	fs.StringVar(&o.logFile, "log", "", "write what was changed, with ids and bindings, to `FILE` (JSON)")
	fs.StringVar(&o.undoFile, "undo", "", "unbind what the apply logged in `FILE` did and enable again the hooks it disabled; Actions are kept")
	fs.BoolVar(&o.allowUnverified, "allow-unverified", false, "also apply drafts that verification found different or that have blockers")
	fs.BoolVar(&o.disableHooks, "disable-hooks", false, "disable each hook once its Action is deployed and bound")
	fs.DurationVar(&o.pollInterval, "poll-interval", apply.DefaultPollInterval, "wait `DURATION` between two looks at an Action's build")
	fs.DurationVar(&o.buildTimeout, "build-timeout", apply.DefaultBuildTimeout, "give up on one Action's build and deploy after `DURATION`")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func runApply(args []string, s *streams) int {
	var o applyOptions
	fs := applyFlags(&o)
	if code, done := s.parseCommand("apply", fs, args, &o.help, applyUsage); done {
		return code
	}
	if err := o.validate(fs, s); err != nil {
		return s.usageError("apply", err)
	}
	cfg, err := o.source.apiConfig(s)
	if err != nil {
		return s.fail(exitUsage, err)
	}
	ctx := context.Background()
	if o.undoFile != "" {
		return runUndo(ctx, s, cfg, o.undoFile)
	}
	values := apply.NoValues(s.Getenv)
	if o.secretsFile != "" {
		if values, err = apply.ReadSecretsFile(o.secretsFile, s.Getenv); err != nil {
			return s.fail(exitUsage, err)
		}
	}
	cl, ch, st, code, err := o.compare(ctx, s, cfg, values)
	if err != nil {
		return s.fail(code, err)
	}
	apply.Preview(s.Out, ch, values)
	if !ch.Pending() {
		fmt.Fprintln(s.Out, nothingToDo(ch))
		return exitOK
	}
	if !o.yes {
		fmt.Fprintln(s.Out, "Nothing was written. Run again with --yes to make these changes.")
		return exitChangesPending
	}
	if err := ch.Check(st); err != nil {
		return s.fail(exitUsage, err)
	}
	return o.run(ctx, s, cl, ch, values)
}

// nothingToDo is the last line when no change is pending. A skipped
// Action is not in the tenant, so the tenant matches the plan only for
// the others.
func nothingToDo(ch *apply.Changes) string {
	skipped := 0
	for _, c := range ch.Actions {
		if c.Skipped != "" {
			skipped++
		}
	}
	if skipped == 0 {
		return "Nothing to do: the tenant matches the plan."
	}
	return fmt.Sprintf("%s (above), to resolve first; nothing to do for the others: the tenant matches the plan.",
		plural(skipped, "Action skipped", "Actions skipped"))
}

// compare reads the tenant (token and scopes first), plans, and compares.
// On error it returns the exit code the error deserves.
func (o *applyOptions) compare(ctx context.Context, s *streams, cfg mgmtapi.Config, values apply.Values) (*mgmtapi.Client, *apply.Changes, apply.State, int, error) {
	mode := apply.ModePreview
	if o.yes {
		mode = apply.ModeApply
	}
	cl, code, err := dialWithScopes(ctx, s, cfg, apply.RequiredScopes(mode, o.disableHooks))
	if err != nil {
		return nil, nil, apply.State{}, code, err
	}
	inv, err := cl.Fetch(ctx)
	if err != nil {
		return nil, nil, apply.State{}, exitRuntime, err
	}
	for _, p := range inv.Problems {
		fmt.Fprintf(s.Err, "%s: warning: %v\n", programName, p)
	}
	plan := applyPlan(inv)
	warnUnknownSections(s, values, plan)
	st, err := apply.ReadState(ctx, cl, plan)
	if err != nil {
		return nil, nil, apply.State{}, exitRuntime, err
	}
	ch := apply.Compare(plan, st, apply.Options{AllowUnverified: o.allowUnverified, DisableHooks: o.disableHooks})
	return cl, ch, st, exitOK, nil
}

// applyPlan is where apply's plan is made from the live tenant: the same
// plan as migrate's, its drafts verified, so that each ActionPlan.Verdict
// is set before the changes are compared.
func applyPlan(inv *tenant.Inventory) *migrate.Plan {
	_, plan := buildPlan(inv, true)
	return plan
}

func (o *applyOptions) validate(fs *pflag.FlagSet, s *streams) error {
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("apply takes no paths (got %q): it reads the live tenant", fs.Args())
	case o.yes && o.dryRun:
		return errors.New("--yes and --dry-run contradict each other")
	case o.undoFile != "" && (o.secretsFile != "" || o.allowUnverified || o.disableHooks || o.dryRun):
		return errors.New("--undo takes only the tenant's flags (and --yes)")
	case o.pollInterval <= 0 || o.buildTimeout <= 0:
		return errors.New("--poll-interval and --build-timeout must be positive")
	}
	if o.logFile != "" {
		// Known before any write, not after the apply.
		if info, err := os.Stat(filepath.Dir(o.logFile)); err != nil || !info.IsDir() {
			return fmt.Errorf("--log %s: its directory does not exist", o.logFile)
		}
	}
	if o.source.domain == "" && o.source.apiURL == "" {
		o.source.domain = s.Getenv("AUTH0_DOMAIN")
	}
	if o.source.domain == "" && o.source.apiURL == "" {
		return errors.New("no tenant: give --domain, --api-url or set AUTH0_DOMAIN")
	}
	return nil
}

// run makes the changes, stopping before any write when a secret has no
// value, and writes the log whatever happens.
func (o *applyOptions) run(ctx context.Context, s *streams, cl *mgmtapi.Client, ch *apply.Changes, values apply.Values) int {
	secrets, err := apply.ResolveSecrets(ch, values)
	if err != nil {
		return s.fail(exitUsage, err)
	}
	rec := apply.NewRecord(cl.Tenant(), time.Now())
	r := apply.Runner{Client: cl, Out: s.Out, PollInterval: o.pollInterval, BuildTimeout: o.buildTimeout, Record: rec}
	interrupted := o.logOnInterrupt(rec)
	runErr := r.Run(ctx, ch, secrets)
	pending.done(interrupted)
	if o.logFile != "" {
		if err := writeRecord(o.logFile, rec); err != nil {
			fmt.Fprintf(s.Err, "%s: %v\n", programName, err)
			if runErr == nil {
				return exitRuntime
			}
		}
	}
	if runErr != nil {
		fmt.Fprintf(s.Err, "%s: stopped: %v\nWhat was done stays done; run the same command again to continue.\n", programName, runErr)
		return exitRuntime
	}
	fmt.Fprintln(s.Out, "Done.")
	return exitOK
}

// logOnInterrupt makes SIGINT and SIGTERM write the log of what was done
// so far before the process exits, so that --undo can still use it. The
// signal handler holds the pending list's lock: the file is written
// directly rather than through writeFileAtomic, which takes it.
func (o *applyOptions) logOnInterrupt(rec *apply.Record) int {
	if o.logFile == "" {
		return 0
	}
	id, _ := pending.do(func() error { return nil }, func() {
		rec.Interrupted()
		if data, err := rec.Encode(time.Now()); err == nil {
			_ = os.WriteFile(o.logFile, data, 0o600)
		}
	})
	return id
}

func writeRecord(path string, rec *apply.Record) error {
	data, err := rec.Encode(time.Now())
	if err != nil {
		return fmt.Errorf("encoding the apply log: %w", err)
	}
	return writeFileAtomic(path, data, modePrivate)
}

// dialWithScopes gets a token and checks it has the scopes the mode
// needs, before any request that needs them.
func dialWithScopes(ctx context.Context, s *streams, cfg mgmtapi.Config, required []string) (*mgmtapi.Client, int, error) {
	cl, err := mgmtapi.Dial(ctx, cfg)
	if err != nil {
		return nil, exitRuntime, err
	}
	granted, known := cl.Scopes()
	if !known {
		fmt.Fprintf(s.Err, "%s: note: the token does not say its scopes; this needs %v, and a missing one will show as a 403\n", programName, required)
		return cl, exitOK, nil
	}
	if err := apply.CheckScopes(granted, required); err != nil {
		return nil, exitUsage, err
	}
	return cl, exitOK, nil
}

// warnUnknownSections points at a secrets-file section that names no
// Action of the plan: most likely a typo, whose values would go nowhere.
func warnUnknownSections(s *streams, values apply.Values, plan *migrate.Plan) {
	for _, name := range values.Sections() {
		if !slices.ContainsFunc(plan.Actions, func(a migrate.ActionPlan) bool { return a.Name == name }) {
			fmt.Fprintf(s.Err, "%s: warning: the secrets file has a section [%s], but no Action of the plan has that name\n", programName, name)
		}
	}
}

func runUndo(ctx context.Context, s *streams, cfg mgmtapi.Config, path string) int {
	data, err := inputfile.Read(path, inputfile.MaxCollection)
	if err != nil {
		return s.fail(exitUsage, fmt.Errorf("reading the apply log: %w", err))
	}
	rec, err := apply.DecodeRecord(data)
	if err != nil {
		return s.fail(exitUsage, fmt.Errorf("%s: %w", path, err))
	}
	cl, code, err := dialWithScopes(ctx, s, cfg, apply.RequiredScopes(apply.ModeUndo, len(rec.HooksDisabled) > 0))
	if err != nil {
		return s.fail(code, err)
	}
	if rec.Tenant != cl.Tenant() {
		return s.fail(exitUsage, fmt.Errorf("%s is the log of an apply to %s, not %s: nothing was written", path, rec.Tenant, cl.Tenant()))
	}
	if err := apply.Undo(ctx, cl, rec, s.Out); err != nil {
		return s.fail(exitRuntime, err)
	}
	return exitOK
}
