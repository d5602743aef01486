package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// exitCodes is the table every help text ends with; CI gates rely on it.
const exitCodes = `Exit codes:
  0  success: the output was written, whatever it found (analyze, migrate,
     fetch); check: nothing at or above the gate; verify: no draft differs
     from its hook; migrate --into --dry-run: nothing to change
  1  check: findings at or above the gate; verify: a drafted Action differs
     from its hook; migrate --into --dry-run: changes are pending
  2  usage or input error: bad flag, unknown trigger or format, missing or
     unreadable input, invalid Management API configuration
  3  runtime failure: the Management API failed or refused, an I/O error;
     or some hooks of the live tenant could not be read whole (the output
     is written with the others, each missing hook a load-error)
  130, 143  interrupted (SIGINT, SIGTERM): temporary files removed
`

func rootUsage(fs *pflag.FlagSet) string {
	return `hooks2actions audits Auth0 Hooks before their migration to Actions: it
finds every secret each hook reads and what stands in the way of moving it.

Usage:
  hooks2actions <command> [flags]

Commands:
  analyze   report the secrets each hook reads, its Action and the findings
  check     the CI gate: analyze, then exit 1 on the findings you choose
  migrate   write the Actions (Deploy CLI or Terraform), a plan and a checklist
  verify    run each hook beside its drafted Action and compare what they do
  fetch     save a live tenant's hooks (scripts and secret names) as a snapshot
  apply     create, deploy and bind the Actions on the tenant (a preview first)
  version   print the version
  help      show the help of a command

Flags:
` + flagUsages(fs) + `
` + exitCodes + `
Run 'hooks2actions help <command>' for the flags of a command.
`
}

// sourcesHelp explains the sources every command that reads hooks takes.
const sourcesHelp = `Sources (any mix of paths, or --domain/--api-url for the live tenant):
  FILE.js         one hook script; the hook is named after the file
  DIR             a Deploy CLI directory export (DIR/hooks/*.json, or one
                  with no hook left), a Terraform module (DIR/*.tf, *.tf.json),
                  a directory holding tenant.yaml, or a folder of .js scripts
  tenant.yaml     a Deploy CLI YAML export
  FILE.tf         one Terraform file (or FILE.tf.json; OpenTofu's .tofu and
                  .tofu.json are read too, replacing the .tf of that name)
  SNAPSHOT.json   a snapshot written by hooks2actions fetch
  --domain D      the live tenant, through the Management API; credentials
                  from AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or
                  AUTH0_TOKEN (scopes read:hooks and read:actions), or
                  --credentials-file
`

func analyzeUsage(fs *pflag.FlagSet) string {
	return `Usage:
  hooks2actions analyze [flags] SOURCE...
  hooks2actions analyze [flags] --domain DOMAIN

Analyze reads the hooks, finds every read of a hook secret
(context.webtask.secrets.KEY, however it is reached), plans the Action each
hook becomes (secrets to carry, unused, missing; dependencies; what has no
Action equivalent) and reports it all. A hook that does not parse, or whose
entry in its source is broken, is reported with a finding; the others are
still analyzed.

` + sourcesHelp + `
Flags:
` + flagUsages(fs) + `
Text output is coloured on a terminal; NO_COLOR=1 turns colour off and
CLICOLOR_FORCE=1 turns it on through a pipe. A report written with
--output is always plain.

` + exitCodes
}

func checkUsage(fs *pflag.FlagSet) string {
	return `Usage:
  hooks2actions check [flags] SOURCE...
  hooks2actions check [flags] --domain DOMAIN

Check analyzes like analyze, writes the reports asked for, then exits 1 when
findings remain at or above the gate (--fail-on; default: unused-secret,
missing-secret, and whatever was not read or analysed whole: load-error,
parse-error, internal-error, analysis-incomplete). When the gate covers
draft-differs or draft-not-verified (by name or severity), check also runs
verify's comparison of every hook with its draft. A finding is silenced by a
comment on the line before it, which must give a reason:
  // hooks2actions-ignore <rule> <reason>
or accepted by a baseline, a previous JSON report (--baseline), matched by
rule, hook and secret so that unrelated edits do not break it.

` + sourcesHelp + `
Flags:
` + flagUsages(fs) + `
Example (GitHub Actions): fail on unused and missing secrets, upload SARIF,
keep the Markdown audit:
  hooks2actions check export/ --format sarif --output hooks.sarif \
      --format markdown --output AUDIT.md

` + exitCodes
}

func migrateUsage(fs *pflag.FlagSet) string {
	return `Usage:
  hooks2actions migrate [flags] --out DIR SOURCE...
  hooks2actions migrate [flags] --out DIR --domain DOMAIN
  hooks2actions migrate [flags] --into EXPORT [--dry-run] [SOURCE...]

Migrate plans one Action per hook and writes, for review and import:
  actions/<name>.json, actions/<name>/code.js
                        each Action in the Auth0 Deploy CLI directory layout
                        (tenant.yaml instead for a YAML export); its code
                        drafted from the hook's, secrets valued by @@KEYWORD@@
                        markers
  triggers/triggers.json
                        the bindings: each trigger's Actions already bound,
                        in order, then the new ones of enabled hooks (which
                        the import deploys); nothing when the source does not
                        tell the existing bindings
  secrets.env.example   the markers to fill with the secret values (which
                        the Management API never returns)
  plan.json             the plan, a stable schema (plan_version 1)
  MIGRATION.md          the checklist: secrets carried, dropped and missing,
                        dependencies, blockers with their lines, and the
                        order of the switch (activate the Action, then
                        disable the hook)
With --target terraform, instead of the Deploy CLI files and secrets:
  actions_from_hooks.tf an auth0_action per hook (reusing a Terraform hook's
                        secret expressions, else sensitive variables) and an
                        auth0_trigger_action per binding
  actions/<name>.js     each Action's code, read by file()
DIR is written whole or not at all, with .hooks2actions-manifest.json, the
manifest recording a SHA-256 of each file written. --force replaces a
previous output only, as written: a DIR that holds anything else (a file you
added, a .git, an input) or a file edited since (a ticked box in
MIGRATION.md, a fixed draft) is never replaced; migrate names each and exits
2. A DIR of an earlier version (.hooks2actions-output, names only, so edits
cannot be seen) is replaced while it holds only the files listed.
Each drafted Action is run beside its hook first, as verify does (skip with
--no-verify): plan.json, MIGRATION.md and the findings carry the verdicts.

--into EXPORT adds the Action files to an existing Deploy CLI export instead
(a directory, or tenant.yaml, whose actions: list gets the entries), changing
nothing else. It never overwrites a file or entry it did not write, or one
edited since (the export's own .hooks2actions-manifest.json records what it
wrote): then it changes nothing and exits 2. --dry-run prints the change as
a unified diff and writes nothing; like apply's preview, it exits 1 when
there is a change to make and 0 when the export already holds every Action.

` + sourcesHelp + `
Flags:
` + flagUsages(fs) + `
` + exitCodes
}

func fetchUsage(fs *pflag.FlagSet) string {
	return `Usage:
  hooks2actions fetch [--domain DOMAIN | --api-url URL] --out FILE

Fetch reads every hook of the live tenant through the Management API
(GET /api/v2/hooks, then each hook and its secrets) and saves them as a
versioned snapshot: scripts, triggers, dependencies and secret names, never a
secret value (the API returns none) and never a token. The file is written
atomically, with mode 0600. A hook that could not be read whole is saved with
what the list said and a problem naming its id; fetch then exits 3. Every
command reads a snapshot back as a source, so the audit goes on once the
tenant stops serving Hooks.

Credentials come from the environment (AUTH0_DOMAIN, AUTH0_CLIENT_ID and
AUTH0_CLIENT_SECRET, or AUTH0_TOKEN) or from --credentials-file, never from
a flag value. The token needs the read:hooks scope, and read:actions for the
Action trigger versions and the Actions already bound to each trigger, which
the snapshot keeps for migrate (without it, the trigger table's versions are
used and migrate binds nothing).

Flags:
` + flagUsages(fs) + `
` + exitCodes
}

func verifyUsage(fs *pflag.FlagSet) string {
	return `Usage:
  hooks2actions verify [flags] SOURCE...
  hooks2actions verify [flags] --domain DOMAIN

Verify plans like migrate, then runs each hook and its drafted Action side
by side (in goja, an embedded JavaScript engine) on the same synthetic
inputs of the trigger, with and without optional fields, and under three
network scenarios (every request answered 200, answered 404, failing). Secrets
are placeholders and modules are recording fakes (http/https, request, axios,
node-fetch/fetch, got, superagent, twilio, @sendgrid/mail, aws-sdk, auth0,
jsonwebtoken, lodash...): nothing reaches a network, no real secret is read.
It compares the outcome (success, denial, error), custom claims, scope,
metadata set, the requests sent and the promise rejections left unhandled,
and reports per hook:
  equivalent    the same on every input and scenario
  differs       the first input on which they did not (a draft-differs finding)
  not-verified  why they could not both be run, e.g. a module without a fake
                (a draft-not-verified finding)
Equivalence holds against the fakes, not the real services.

` + sourcesHelp + `
Flags:
` + flagUsages(fs) + `
` + exitCodes
}

const versionUsage = `Usage:
  hooks2actions version

Version prints the version of hooks2actions (also: hooks2actions --version).
`

const helpUsage = `Usage:
  hooks2actions help [COMMAND]

Help shows the help of a command (the same as hooks2actions COMMAND --help),
or of hooks2actions itself without one.
`

// flagUsages lists the flags of fs, one per line with continuation lines
// aligned. pflag's own listing marks every bool as --flag[=true|false],
// which reads as if the value were required.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ name, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		varname, usage := pflag.UnquoteUsage(f)
		name := "    --" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		if varname != "" {
			name += " " + varname
		}
		// A usage that explains its own default keeps its wording.
		if def := defaultText(f); def != "" && !strings.Contains(usage, "(default") {
			usage += " (default " + def + ")"
		}
		rows = append(rows, row{name, usage})
		width = max(width, len(name))
	})
	var b strings.Builder
	column := 2 + width + 2
	for _, r := range rows {
		usage := wrap(r.usage, max(30, 80-column))
		indent := "\n" + strings.Repeat(" ", column)
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.name, strings.ReplaceAll(usage, "\n", indent))
	}
	return b.String()
}

// wrap breaks text into lines of at most width bytes where it can (a
// single word longer than width gets a line of its own). A line break in
// text is a space: the column a usage string is shown in varies with the
// longest flag name, so a break placed by hand would leave a short line.
func wrap(text string, width int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}

// defaultText is a flag's default for its help: a list flag's "a, b" (a
// line may break after a comma), not pflag's "[a,b]"; "" for none.
func defaultText(f *pflag.Flag) string {
	switch {
	case f.DefValue == "false", f.DefValue == "[]":
		return ""
	case strings.HasSuffix(f.Value.Type(), "Array"), strings.HasSuffix(f.Value.Type(), "Slice"):
		return strings.ReplaceAll(strings.Trim(f.DefValue, "[]"), ",", ", ")
	}
	return f.DefValue
}

// plural is "1 hook", "2 hooks": n with the noun in its number.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// quoteList renders ids for flag help: "a, b or c".
func quoteList(ids []string) string {
	if len(ids) < 2 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " or " + ids[len(ids)-1]
}
