package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// sourceOptions are the flags every command that reads hooks shares.
type sourceOptions struct {
	trigger         string
	domain          string
	apiURL          string
	credentialsFile string
	mappings        string
	basePath        string
	tfFileRoot      string
	date            string
	verbose         bool
	paths           []string
	// keepScriptMarkers leaves keyword markers in scripts (migrate: the
	// drafts go back through the Deploy CLI, which maps them on import).
	keepScriptMarkers bool
	// incomplete, set by load, says which hooks of the live tenant could
	// not be read whole: the command writes what it has, then exits 3.
	incomplete error
}

func (o *sourceOptions) register(fs *pflag.FlagSet) {
	fs.StringVarP(&o.trigger, "trigger", "t", "",
		"trigger `ID` of every hook given, one of "+quoteList(trigger.IDs())+
			" (default: the source's, else inferred from the function signature)")
	fs.StringVar(&o.domain, "domain", "", "read the live tenant `DOMAIN` through the Management API (default: $AUTH0_DOMAIN when --api-url is given)")
	fs.StringVar(&o.apiURL, "api-url", "", "Management API base `URL` (custom domain, private cloud, emulator): token at URL/oauth/token, API at URL/api/v2/")
	fs.StringVar(&o.credentialsFile, "credentials-file", "", "read AUTH0_* credentials from `FILE` (KEY=VALUE lines) instead of the environment")
	fs.StringVar(&o.mappings, "mappings", "", "Deploy CLI keyword mappings `FILE` (config.json with AUTH0_KEYWORD_REPLACE_MAPPINGS, or a flat JSON object)")
	fs.StringVar(&o.basePath, "base-path", "", "`DIR` the scripts of a tenant.yaml are relative to (default: $AUTH0_BASE_PATH, else the YAML file's directory)")
	fs.StringVar(&o.tfFileRoot, "tf-file-root", "", "`DIR` that Terraform file() scripts may be read from (default: the module directory)")
	fs.StringVar(&o.date, "date", "", "the `DATE` the Markdown report and MIGRATION.md show (2006-01-02 or RFC 3339; default: a snapshot's fetch time, else $SOURCE_DATE_EPOCH, else no date)")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "trace Management API requests on standard error (never a header value, a token or a body)")
}

// registerLive registers the flags of a command that reads only the live
// tenant (fetch, apply).
func (o *sourceOptions) registerLive(fs *pflag.FlagSet) {
	fs.StringVar(&o.domain, "domain", "", "the tenant `DOMAIN` (default: $AUTH0_DOMAIN)")
	fs.StringVar(&o.apiURL, "api-url", "", "Management API base `URL` (custom domain, private cloud, emulator): token at URL/oauth/token, API at URL/api/v2/")
	fs.StringVar(&o.credentialsFile, "credentials-file", "", "read AUTH0_* credentials from `FILE` (KEY=VALUE lines) instead of the environment")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "trace requests on standard error (never a header value, a token or a body)")
}

func (o *sourceOptions) live() bool { return o.domain != "" || o.apiURL != "" }

// inputs are the files and directories the flags and paths name, which
// no output may overwrite.
func (o *sourceOptions) inputs() []string {
	return append([]string{o.mappings, o.credentialsFile, o.basePath}, o.paths...)
}

// validate checks the source flags against the paths given.
func (o *sourceOptions) validate(command string) error {
	if o.trigger != "" {
		if _, ok := trigger.Lookup(o.trigger); !ok {
			return fmt.Errorf("unknown trigger %q (want %s)", o.trigger, quoteList(trigger.IDs()))
		}
	}
	if o.date != "" {
		if _, err := parseDate(o.date); err != nil {
			return err
		}
	}
	// A folder flag that names no folder is a typo: said once here, not
	// as a load-error on every script that would be read from it.
	for _, dir := range []struct{ flag, path string }{{"--base-path", o.basePath}, {"--tf-file-root", o.tfFileRoot}} {
		if dir.path == "" {
			continue
		}
		if info, err := os.Stat(dir.path); err != nil || !info.IsDir() {
			return fmt.Errorf("%s %s: not a directory", dir.flag, dir.path)
		}
	}
	switch {
	case o.live() && len(o.paths) > 0:
		return errors.New("give either --domain/--api-url or paths to read, not both")
	case !o.live() && len(o.paths) == 0:
		return fmt.Errorf("%s needs hooks to read: paths (.js files, a Deploy CLI export, a tenant.yaml, a Terraform module, a snapshot) or --domain", command)
	}
	return nil
}

// load reads the inventory from the live tenant or the paths. It returns
// the exit code a failure deserves: 2 for bad input, 3 for the rest.
func (o *sourceOptions) load(ctx context.Context, s *streams) (*tenant.Inventory, int, error) {
	if o.live() {
		return o.fetch(ctx, s)
	}
	opts := tenant.LoadOptions{
		Deploy:    tenant.DeployOptions{BasePath: o.basePath, KeepScriptMarkers: o.keepScriptMarkers},
		Terraform: tenant.TerraformOptions{FileRoot: o.tfFileRoot},
	}
	if opts.Deploy.BasePath == "" {
		opts.Deploy.BasePath = s.Getenv("AUTH0_BASE_PATH")
	}
	if o.mappings != "" {
		m, err := tenant.LoadKeywordMappings(o.mappings)
		if err != nil {
			return nil, exitUsage, err
		}
		opts.Deploy.Mappings = m
	}
	inv, err := tenant.Load(o.paths, opts)
	if err != nil {
		return nil, exitUsage, err
	}
	o.overrideTrigger(inv)
	return inv, exitOK, nil
}

// fetch reads the live tenant. Credentials come from the environment or
// the credentials file only.
func (o *sourceOptions) fetch(ctx context.Context, s *streams) (*tenant.Inventory, int, error) {
	cfg, err := o.apiConfig(s)
	if err != nil {
		return nil, exitUsage, err
	}
	if !o.verbose {
		cfg.Progress = s.progress("reading hooks")
	}
	inv, err := mgmtapi.Fetch(ctx, cfg)
	s.endProgress()
	switch {
	case errors.Is(err, mgmtapi.ErrIncomplete) && inv != nil:
		o.incomplete = err
	case err != nil:
		return nil, exitRuntime, err
	}
	o.overrideTrigger(inv)
	return inv, exitOK, nil
}

// apiConfig is the validated Management API configuration: credentials
// from the environment or the credentials file only, the trace with
// --verbose. Its errors are usage errors.
func (o *sourceOptions) apiConfig(s *streams) (mgmtapi.Config, error) {
	cfg := mgmtapi.ConfigFromEnv(s.Getenv)
	if o.credentialsFile != "" {
		if err := mgmtapi.LoadCredentialsFile(o.credentialsFile, &cfg); err != nil {
			return cfg, err
		}
	}
	if o.domain != "" {
		cfg.Domain = o.domain
	}
	cfg.BaseURL = o.apiURL
	if o.verbose {
		cfg.Trace = s.Err
	}
	return cfg, cfg.Validate()
}

// finish is the exit code of a command that read the sources: code, or 3
// when hooks of the live tenant are missing. The outputs are written all
// the same (each missing hook is a load-error in them), but a run that
// could not read everything must not pass for a complete one.
func (o *sourceOptions) finish(s *streams, code int) int {
	if o.incomplete == nil || code == exitUsage || code == exitRuntime {
		return code
	}
	return s.fail(exitRuntime, o.incomplete)
}

// overrideTrigger applies --trigger to every hook: it wins over the source.
func (o *sourceOptions) overrideTrigger(inv *tenant.Inventory) {
	if o.trigger == "" {
		return
	}
	for i := range inv.Hooks {
		inv.Hooks[i].TriggerID = o.trigger
	}
}
