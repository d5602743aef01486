package main

import "github.com/spf13/pflag"

func applyUsage(fs *pflag.FlagSet) string {
	return `Usage:
  hooks2actions apply [--domain DOMAIN | --api-url URL] [--dry-run]
  hooks2actions apply [--domain DOMAIN | --api-url URL] --yes
        [--secrets-file FILE] [--log FILE]
  hooks2actions apply [--domain DOMAIN | --api-url URL] --undo LOG

Apply reads the live tenant's hooks, plans their Actions as migrate does, and
compares the plan with the tenant's Actions (matched by name) and trigger
bindings. Without --yes it only shows the changes, per hook (create, update
code, update dependencies, set secrets (names only), deploy, bind after X,
unchanged, skipped and why) and per trigger (bindings before and after), and
exits 1 when there are some. With --yes it creates or updates each Action,
waits for its build, deploys it, then binds it after the Actions already
bound to its trigger, which keep their order. A disabled hook's Action is
created but not bound. A draft that verification found different, or that
has blockers, is skipped unless --allow-unverified. Running it again changes
nothing; after a failure it continues where it stopped.

Secret values come from --secrets-file and the environment, and go only into
the request bodies: never printed, logged or traced. A secret the changes
need without a value stops the apply before any write. The file:
  # comment
  KEY=value            shared by every Action whose plan needs KEY
  [Action name]
  KEY=value            this Action's only; wins over the shared KEY
  OTHER="a\nb"         a double-quoted value is a JSON string
For one Action's key, the order is: its [Action] section, then the
environment variable named after the plan's marker (ACTION__KEY, as in
migrate's secrets.env.example), then the shared KEY.

Scopes: preview read:hooks read:actions; --yes adds create:actions
update:actions (and update:hooks with --disable-hooks); --undo needs
read:actions update:actions (and update:hooks when hooks were disabled).

Flags:
` + flagUsages(fs) + `
Exit codes:
  0  nothing to do (preview), or the changes were made (--yes, --undo)
  1  preview: changes are pending
  2  usage or input error, a secret without a value or over a limit, a
     token without the scopes needed (nothing was written)
  3  runtime failure: the Management API failed or refused, an I/O error
`
}
