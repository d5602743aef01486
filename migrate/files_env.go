package migrate

import (
	"fmt"
	"strings"

	"github.com/hooks2actions/hooks2actions/mdtext"
)

// secretsEnv is secrets.env.example: one empty NAME= line per keyword
// marker of the Action files, grouped by Action, each after a comment that
// says which hook secret it stands for. It never holds a value.
func secretsEnv(actions []ActionPlan) []byte {
	var b strings.Builder
	b.WriteString(`# Values of the Actions' secrets, for the Auth0 Deploy CLI import.
#
# Each Action file holds "@@NAME@@" where a secret's value goes; when it
# imports, the Deploy CLI replaces it (quotes included) with the value of the
# keyword mapping or environment variable NAME, JSON-encoded. So a value is
# written as it is: quotes, backslashes, line breaks (a PEM key, a JSON
# credential) need no escaping. Hook secret values cannot be read back from
# Auth0: get each one from wherever it was kept when the hook was set up.
#
# Copy this file to secrets.env (keep that one out of version control and
# delete it after the import), fill in every value in single quotes (a single
# quote inside is written '\''), and load it into the environment of the
# import, which the Deploy CLI merges into its keyword mappings:
#   set -a; . ./secrets.env; set +a
# Or put the values in AUTH0_KEYWORD_REPLACE_MAPPINGS in the Deploy CLI's
# config file instead. A variable left unset leaves the marker itself as the
# value. A value that itself holds @@OTHER@@ or ##OTHER##, where OTHER is
# another mapping's name, is rewritten by the import too.
`)
	for _, a := range actions {
		if _, ok := actionFileReason(a, nil); !ok {
			fmt.Fprintf(&b, "\n# Action %s: no Action file was written (see %s); its secrets are listed there.\n",
				mdtext.Visible(a.Name), ChecklistFile)
			continue
		}
		fmt.Fprintf(&b, "\n# Action %s (%s), from hook %s", mdtext.Visible(a.Name), mdtext.Visible(ActionJSONPath(a)), mdtext.Visible(a.Hook))
		if a.HookID != "" {
			fmt.Fprintf(&b, " (id %s)", mdtext.Visible(a.HookID))
		}
		b.WriteString("\n")
		if !a.SecretsKnown {
			b.WriteString("# The hook's source does not say which secrets it defines: these are the ones its script reads.\n")
		}
		carried := 0
		for _, s := range a.Secrets {
			switch s.Status {
			case Unused:
				fmt.Fprintf(&b, "# hook secret %s is not carried: the script never reads it.\n", mdtext.Visible(s.Key))
				continue
			case Missing:
				fmt.Fprintf(&b, "# hook secret %s (missing): the hook never defined this; find its value. Today the script reads undefined.\n", mdtext.Visible(s.Key))
			case Unknown:
				fmt.Fprintf(&b, "# hook secret %s (unknown): carried because the script may read any secret.\n", mdtext.Visible(s.Key))
			default:
				fmt.Fprintf(&b, "# hook secret %s (%s)\n", mdtext.Visible(s.Key), s.Status)
			}
			if s.Marker != "" && s.Marker[0] >= '0' && s.Marker[0] <= '9' {
				b.WriteString("# (a shell cannot set a name that starts with a digit: put this one in AUTH0_KEYWORD_REPLACE_MAPPINGS)\n")
			}
			b.WriteString(s.Marker + "=\n")
			carried++
		}
		if carried == 0 {
			b.WriteString("# (no secret to set)\n")
		}
	}
	return []byte(b.String())
}
