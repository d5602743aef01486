package migrate

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Target is the tool the Action files are written for.
type Target string

const (
	// TargetDeployCLI is the Auth0 Deploy CLI (a0deploy import).
	TargetDeployCLI Target = "deploy-cli"
	// TargetTerraform is the Auth0 Terraform provider (auth0_action,
	// auth0_trigger_action).
	TargetTerraform Target = "terraform"
)

// Targets lists the targets, the default first.
var Targets = []Target{TargetDeployCLI, TargetTerraform}

// TerraformFile holds the generated resources and variables; a name of its
// own, so that it can be copied into a module beside the hooks' files.
const TerraformFile = "actions_from_hooks.tf"

// terraformCodeDir holds each Action's code, read with file().
const terraformCodeDir = "actions"

// TerraformCodePath is the file holding an Action's code for Terraform.
func TerraformCodePath(a ActionPlan) string { return terraformCodeDir + "/" + a.FileName + ".js" }

// terraformNames are the stable Terraform names of one plan: a resource
// name per Action, a variable per secret that has no expression to reuse.
type terraformNames struct {
	resource map[string]string // by Action name
}

func newTerraformNames(actions []ActionPlan) terraformNames {
	n := terraformNames{resource: map[string]string{}}
	taken := map[string]bool{}
	for _, a := range actions { // sorted by name: the same names every run
		base := terraformIdent(a.Name, "action_")
		name := base
		for i := 2; taken[name]; i++ {
			name = fmt.Sprintf("%s_%d", base, i)
		}
		taken[name] = true
		n.resource[a.Name] = name
	}
	return n
}

// terraformVariable is the variable that holds a secret's value: its
// marker in lower case, unique in the plan as the markers are.
func terraformVariable(s SecretMapping) string {
	v := strings.ToLower(s.Marker)
	if v == "" || v[0] >= '0' && v[0] <= '9' {
		v = "secret_" + v
	}
	return v
}

// terraformIdent turns a name into a Terraform identifier: lower case
// letters, digits and underscores, not starting with a digit.
func terraformIdent(name, prefix string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			under = false
		case !under && b.Len() > 0:
			b.WriteByte('_')
			under = true
		}
	}
	id := strings.TrimSuffix(b.String(), "_")
	if id == "" || id[0] >= '0' && id[0] <= '9' {
		id = prefix + id
	}
	return strings.TrimSuffix(id, "_")
}

// terraformSecret is one secret of a generated auth0_action and where its
// value comes from: the hook's own expression, or a variable.
type terraformSecret struct {
	Key        string
	Expression string // the hook's, reused; "" when Variable holds it
	Variable   string
}

func terraformSecrets(a ActionPlan) []terraformSecret {
	var out []terraformSecret
	for _, s := range a.Secrets {
		if !s.Carried() {
			continue
		}
		if s.Expression != "" {
			out = append(out, terraformSecret{Key: s.Key, Expression: s.Expression})
		} else {
			out = append(out, terraformSecret{Key: s.Key, Variable: terraformVariable(s)})
		}
	}
	return out
}

// writeTerraformFiles adds the Terraform form of the Actions to out: each
// Action's code in actions/<name>.js and, in one file, a sensitive
// variable per secret value to provide, an auth0_action per Action and an
// auth0_trigger_action per binding. writeOnly uses secrets_wo, whose
// values never reach the state.
func writeTerraformFiles(out map[string][]byte, actions []ActionPlan, bp bindingPlan, writeOnly bool) error {
	names := newTerraformNames(actions)
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	var withFiles []ActionPlan
	for _, a := range actions {
		if _, ok := actionFileReason(a, nil); ok {
			withFiles = append(withFiles, a)
			out[TerraformCodePath(a)] = []byte(a.Draft.Code)
		}
	}
	if len(withFiles) == 0 {
		return nil
	}
	for _, a := range withFiles {
		for _, s := range terraformSecrets(a) {
			if s.Variable != "" {
				writeTerraformVariable(body, s, a, writeOnly)
			}
		}
	}
	for _, a := range withFiles {
		if err := writeTerraformAction(body, a, names.resource[a.Name], writeOnly); err != nil {
			return fmt.Errorf("writing the Terraform resource of hook %q: %w", a.Hook, err)
		}
	}
	for _, a := range withFiles {
		if bp.byAction[a.Name].Bound {
			writeTerraformBinding(body, a, names.resource[a.Name])
		}
	}
	out[TerraformFile] = hclwrite.Format(f.Bytes())
	return nil
}

func writeTerraformVariable(body *hclwrite.Body, s terraformSecret, a ActionPlan, writeOnly bool) {
	b := body.AppendNewBlock("variable", []string{s.Variable}).Body()
	b.SetAttributeValue("description", cty.StringVal(fmt.Sprintf("Value of the secret %s of the Action %s (the hook %s's).", s.Key, a.Name, a.Hook)))
	b.SetAttributeTraversal("type", hcl.Traversal{hcl.TraverseRoot{Name: "string"}})
	b.SetAttributeValue("sensitive", cty.True)
	if writeOnly {
		// Only write-only arguments may read it: it never reaches the
		// plan or the state.
		b.SetAttributeValue("ephemeral", cty.True)
	}
	body.AppendNewline()
}

func writeTerraformAction(body *hclwrite.Body, a ActionPlan, name string, writeOnly bool) error {
	b := body.AppendNewBlock("resource", []string{"auth0_action", name}).Body()
	b.SetAttributeValue("name", cty.StringVal(a.Name))
	code, err := codeExpression(TerraformCodePath(a))
	if err != nil {
		return err
	}
	b.SetAttributeRaw("code", code)
	runtime := a.Runtime
	if runtime == "" {
		runtime = Runtime
	}
	b.SetAttributeValue("runtime", cty.StringVal(runtime))
	// Only a deployed Action can be bound; one that is not bound does not run.
	b.SetAttributeValue("deploy", cty.True)
	secrets := terraformSecrets(a)
	if writeOnly && len(secrets) > 0 {
		// RequiredWith secrets_wo, both ways: bump it to send a changed value.
		b.SetAttributeValue("secrets_wo_version", cty.NumberIntVal(1))
	}
	b.AppendNewline()
	t := b.AppendNewBlock("supported_triggers", nil).Body()
	t.SetAttributeValue("id", cty.StringVal(a.TriggerID))
	t.SetAttributeValue("version", cty.StringVal(a.Version))
	for _, d := range a.Dependencies {
		b.AppendNewline()
		db := b.AppendNewBlock("dependencies", nil).Body()
		db.SetAttributeValue("name", cty.StringVal(d.Name))
		db.SetAttributeValue("version", cty.StringVal(d.Version))
	}
	block := "secrets"
	if writeOnly {
		block = "secrets_wo"
	}
	for _, s := range secrets {
		b.AppendNewline()
		sb := b.AppendNewBlock(block, nil).Body()
		sb.SetAttributeValue("name", cty.StringVal(s.Key))
		if s.Variable != "" {
			sb.SetAttributeTraversal("value", hcl.Traversal{hcl.TraverseRoot{Name: "var"}, hcl.TraverseAttr{Name: s.Variable}})
			continue
		}
		value, err := expressionTokens(s.Expression)
		if err != nil {
			return fmt.Errorf("the value expression of secret %s: %w", s.Key, err)
		}
		sb.SetAttributeRaw("value", value)
	}
	body.AppendNewline()
	return nil
}

func writeTerraformBinding(body *hclwrite.Body, a ActionPlan, name string) {
	b := body.AppendNewBlock("resource", []string{"auth0_trigger_action", name}).Body()
	b.SetAttributeValue("trigger", cty.StringVal(a.TriggerID))
	b.SetAttributeTraversal("action_id", hcl.Traversal{hcl.TraverseRoot{Name: "auth0_action"}, hcl.TraverseAttr{Name: name}, hcl.TraverseAttr{Name: "id"}})
	b.SetAttributeValue("display_name", cty.StringVal(a.Name))
	body.AppendNewline()
}

// codeExpression is file("${path.module}/<path>"), the path's own text
// escaped for a template (a file name may hold ${ or %{).
func codeExpression(path string) (hclwrite.Tokens, error) {
	quoted := string(hclwrite.TokensForValue(cty.StringVal("/" + path)).Bytes())
	return expressionTokens(`file("${path.module}` + strings.TrimPrefix(quoted, `"`) + `)`)
}

// expressionTokens parses the text of one expression into tokens.
func expressionTokens(text string) (hclwrite.Tokens, error) {
	f, diags := hclwrite.ParseConfig([]byte("x = "+text+"\n"), "expression", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	attr := f.Body().GetAttribute("x")
	if attr == nil || len(f.Body().Attributes()) != 1 || len(f.Body().Blocks()) != 0 {
		return nil, fmt.Errorf("not one expression")
	}
	return attr.Expr().BuildTokens(nil), nil
}
