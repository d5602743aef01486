package migrate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/tenant"
)

const terraformFixture = "../testdata/tenant/terraform"

// terraformPlan plans the hooks of the Terraform fixture.
func terraformPlan(t *testing.T) (*Plan, []finding.Finding) {
	t.Helper()
	inv, err := tenant.LoadTerraform(terraformFixture, tenant.TerraformOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return planOfInventory(t, inv)
}

// TestTerraformGolden renders the Terraform form of the fixture's plan,
// with secrets and with secrets_wo, and compares it with
// testdata/golden/migrate-terraform; -update rewrites them. The HCL must
// parse, and be as terraform fmt writes it when terraform is installed.
func TestTerraformGolden(t *testing.T) {
	p, analysis := terraformPlan(t)
	for _, wo := range []bool{false, true} {
		name := "secrets"
		if wo {
			name = "secrets-wo"
		}
		t.Run(name, func(t *testing.T) {
			opts := goldenOpts
			opts.Findings, opts.Target, opts.SecretsWriteOnly = analysis, TargetTerraform, wo
			files := filesOf(t, p, opts)
			checkHCL(t, files[TerraformFile])
			if strings.Contains(string(files[TerraformFile]), "canary") {
				t.Errorf("%s copies a literal secret value of the hooks", TerraformFile)
			}
			wantNames := []string{ChecklistFile, "actions/client-credentials-claims.js", "actions/partner-signup-gate.js",
				"actions/password-change-audit.js", "actions/sms-short-code.js", "actions/welcome-email-and-slack.js",
				TerraformFile, PlanFile}
			if diff := cmp.Diff(wantNames, sortedNames(files)); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			for _, f := range []string{TerraformFile, ChecklistFile} {
				checkGolden(t, filepath.Join("..", "testdata", "golden", "migrate-terraform", name, f), string(files[f]))
			}
			checkTerraformFmt(t, files)
		})
	}
}

// checkHCL parses the file and checks the resources it declares.
func checkHCL(t *testing.T, src []byte) {
	t.Helper()
	f, diags := hclsyntax.ParseConfig(src, TerraformFile, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %v", TerraformFile, diags)
	}
	var got []string
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		got = append(got, b.Type+" "+strings.Join(b.Labels, "."))
	}
	want := []string{
		"variable partner_signup_gate__partner_directory_url",
		"variable sms_short_code__twilio_from_number",
		"variable welcome_email_and_slack__sendgrid_welcome_template_id",
		"variable welcome_email_and_slack__welcome_from_address",
		"resource auth0_action.client_credentials_claims",
		"resource auth0_action.partner_signup_gate",
		"resource auth0_action.password_change_audit",
		"resource auth0_action.sms_short_code",
		"resource auth0_action.welcome_email_and_slack",
		"resource auth0_trigger_action.client_credentials_claims",
		"resource auth0_trigger_action.partner_signup_gate",
		"resource auth0_trigger_action.welcome_email_and_slack",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s blocks (-want +got):\n%s", TerraformFile, diff)
	}
}

// checkTerraformFmt runs terraform fmt -check on the files, when terraform
// is on PATH.
func checkTerraformFmt(t *testing.T, files map[string][]byte) {
	t.Helper()
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Log("terraform is not installed: terraform fmt -check not run")
		return
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	cmd := exec.Command(bin, "fmt", "-check", "-diff", "-recursive", dir)
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+os.DevNull, "CHECKPOINT_DISABLE=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("terraform fmt -check: %v\n%s", err, out)
	}
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTerraformIdent(t *testing.T) {
	for in, want := range map[string]string{
		"Welcome email and Slack": "welcome_email_and_slack",
		"m2m-entitlement-claims":  "m2m_entitlement_claims",
		"2fa sms":                 "action_2fa_sms",
		"--":                      "action",
		"Ünïcode ${x}":            "n_code_x",
	} {
		if got := terraformIdent(in, "action_"); got != want {
			t.Errorf("terraformIdent(%q) = %q, want %q", in, got, want)
		}
	}
}

// A file name with ${ or %{ in it stays text in the file() template.
func TestTerraformCodeExpression(t *testing.T) {
	tokens, err := codeExpression("actions/a ${b} %{c}.js")
	if err != nil {
		t.Fatal(err)
	}
	want := `file("${path.module}/actions/a $${b} %%{c}.js")`
	if got := strings.TrimSpace(string(tokens.Bytes())); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Names and keys that mean something in HCL come back as written.
func TestTerraformQuoting(t *testing.T) {
	name := `a "b" ${c} %{d} \e`
	a := boundAction(name, "pre-user-registration")
	a.FileName = SanitizeFileName(name)
	a.Secrets = []SecretMapping{{Key: `K"${x}`, Status: Carry, Marker: "A__K_X"}}
	files := filesOf(t, &Plan{Actions: []ActionPlan{a}}, FilesOptions{Target: TargetTerraform})
	f, diags := hclsyntax.ParseConfig(files[TerraformFile], TerraformFile, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("does not parse: %v\n%s", diags, files[TerraformFile])
	}
	var action *hclsyntax.Block
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "resource" && b.Labels[0] == "auth0_action" {
			action = b
		}
	}
	if action == nil {
		t.Fatalf("no auth0_action:\n%s", files[TerraformFile])
	}
	v, diags := action.Body.Attributes["name"].Expr.Value(nil)
	if diags.HasErrors() || v.AsString() != name {
		t.Errorf("name = %#v (%v), want %q", v, diags, name)
	}
	secret := action.Body.Blocks[1]
	if v, _ := secret.Body.Attributes["name"].Expr.Value(nil); v.AsString() != `K"${x}` {
		t.Errorf("secret name = %#v", v)
	}
	if _, ok := files[TerraformCodePath(a)]; !ok {
		t.Errorf("no code file %s", TerraformCodePath(a))
	}
	checkTerraformFmt(t, files)
}

// secrets_wo_version goes with secrets_wo blocks, both ways: an Action
// without secrets has neither.
func TestTerraformWriteOnlyWithoutSecrets(t *testing.T) {
	files := filesOf(t, &Plan{Actions: []ActionPlan{boundAction("plain", "post-change-password")}},
		FilesOptions{Target: TargetTerraform, SecretsWriteOnly: true})
	if tf := string(files[TerraformFile]); strings.Contains(tf, "secrets_wo") || strings.Contains(tf, "variable") {
		t.Errorf("an Action without secrets has secrets_wo or variables:\n%s", tf)
	}
}
