package migrate

import (
	"fmt"
	"strings"

	"github.com/hooks2actions/hooks2actions/mdtext"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// outputForm is what the checklist says differently for each target: the
// files, where secret values are given, how the Actions are applied.
type outputForm struct {
	target Target
	layout Layout
	names  terraformNames
}

func newOutputForm(actions []ActionPlan, opts FilesOptions) outputForm {
	f := outputForm{target: opts.Target, layout: opts.Layout}
	if f.target == "" {
		f.target = TargetDeployCLI
	}
	if f.target == TargetTerraform {
		f.names = newTerraformNames(actions)
	}
	return f
}

func (f outputForm) terraform() bool { return f.target == TargetTerraform }

// tool is how the Actions reach the tenant, for the introduction.
func (f outputForm) tool() string {
	if f.terraform() {
		return "to apply with Terraform"
	}
	return "to import with the Auth0 Deploy CLI"
}

// codePath is the file holding an Action's code.
func (f outputForm) codePath(a ActionPlan) string {
	if f.terraform() {
		return TerraformCodePath(a)
	}
	return ActionCodePath(a)
}

// files names an Action's files, for its "Files:" line.
func (f outputForm) files(a ActionPlan) string {
	switch {
	case f.terraform():
		return fmt.Sprintf("%s, read by %s in %s", mdtext.Code(TerraformCodePath(a)),
			mdtext.Code("auth0_action."+f.names.resource[a.Name]), mdtext.Code(TerraformFile))
	case f.layout == LayoutYAML:
		return fmt.Sprintf("its entry in %s and %s", mdtext.Code(TenantYAMLFile), mdtext.Code(ActionCodePath(a)))
	}
	return fmt.Sprintf("%s and %s", mdtext.Code(ActionJSONPath(a)), mdtext.Code(ActionCodePath(a)))
}

// secretRef is what stands for a carried secret's value in the files:
// the Deploy CLI marker, the variable to set, or the hook's expression.
func (f outputForm) secretRef(s SecretMapping) (ref string, toSet bool) {
	switch {
	case !f.terraform():
		return s.Marker, true
	case s.Expression != "":
		return s.Expression, false
	}
	return "var." + terraformVariable(s), true
}

// setSecret is the secrets table's instruction for a carried secret.
func (f outputForm) setSecret(s SecretMapping) string {
	ref, toSet := f.secretRef(s)
	if !toSet {
		return "Reuses the hook's own value, " + mdtext.CellCode(ref) + "."
	}
	return "Set " + mdtext.CellCode(ref) + " to the hook secret's value."
}

// secretsWhere is where the values to set go, for the switch-over.
func (f outputForm) secretsWhere() string {
	if f.terraform() {
		return "(a " + mdtext.Code("TF_VAR_<name>") + " environment variable each, or a " + mdtext.Code(".tfvars") + " file kept out of version control)"
	}
	return "in " + mdtext.Code("secrets.env")
}

// apply is the step that creates the Actions, as the switch-over names it.
func (f outputForm) apply() string {
	if f.terraform() {
		return "Apply (step 4 above)"
	}
	return "Import (step 4 above)"
}

// bound says how the files bind an Action.
func (f outputForm) bound(a ActionPlan, bind Binding) string {
	if f.terraform() {
		return fmt.Sprintf("deployed by the apply and bound to %s by %s, after the Actions already bound there",
			mdtext.Code(a.TriggerID), mdtext.Code("auth0_trigger_action."+f.names.resource[a.Name]))
	}
	return fmt.Sprintf("deployed and bound to %s by the import, %s", mdtext.Code(a.TriggerID), bindingPlace(bind))
}

// unbound says what the files do with an Action they do not bind.
func (f outputForm) unbound() string {
	if f.terraform() {
		return "Deployed by the apply (" + mdtext.Code("deploy = true") + "), but not bound, so it does not run"
	}
	return "Created undeployed (" + f.deployedFlag(false) + ")"
}

// deployedFlag is the Action files' deployed field, as the layout writes it.
func (f outputForm) deployedFlag(on bool) string {
	if f.layout == LayoutYAML {
		return mdtext.Code(fmt.Sprintf("deployed: %v", on))
	}
	return mdtext.Code(fmt.Sprintf(`"deployed": %v`, on))
}

// bindByHand is the switch-over step that binds an Action the files do not.
func (f outputForm) bindByHand(a ActionPlan) string {
	if f.terraform() {
		return fmt.Sprintf("Bind it: add an %s for %s on the %s trigger (it appends after the Actions already bound), and apply.",
			mdtext.Code("auth0_trigger_action"), mdtext.Code("auth0_action."+f.names.resource[a.Name]), mdtext.Code(a.TriggerID))
	}
	return fmt.Sprintf("Bind it to the %s trigger, in the order it should run among that trigger's other Actions.", mdtext.Code(a.TriggerID))
}

// disableHook is the switch-over step that turns the hook off.
// tenantName is the hook's name in the tenant (TenantHookName).
func (f outputForm) disableHook(a ActionPlan, tenantName string) string {
	if f.terraform() && tenant.IsTerraformConfigFile(a.HookWhere.File) { // an auth0_hook resource
		return fmt.Sprintf("Disable the hook %s: %s on its %s resource (%s), and apply.", mdtext.Code(tenantName),
			mdtext.Code("enabled = false"), mdtext.Code("auth0_hook"), mdtext.Code(a.HookWhere.String()))
	}
	return fmt.Sprintf("Disable the hook %s (%s with %s, or in the Dashboard).", mdtext.Code(tenantName),
		mdtext.Code("PATCH /api/v2/hooks/"+hookIDOr(a)), mdtext.Code(`{"enabled": false}`))
}

// keepUnbound is the switch-over step of the Action of a hook that is
// disabled, or not known to be enabled.
func (f outputForm) keepUnbound(a ActionPlan, hasFiles bool) string {
	if f.terraform() && hasFiles {
		return "Leave it unbound (the apply deploys it, which runs nothing): " + disabledReason(a) + "."
	}
	return "Deploy the Action when it is ready, but do not bind it: " + disabledReason(a) + "."
}

func writeHowToTerraform(b *strings.Builder) {
	b.WriteString(`## How to use this directory

A hook and an Action on the same trigger both run: "Deployed Actions run after active Hooks" (Auth0's guide to migrating from Hooks to Actions). So each Action is set up, deployed and bound first, and its hook disabled after; between the two steps both run, so keep that window short for hooks with side effects (emails, messages, calls to other systems).

1. **Copy the files into the Terraform module** that manages the tenant: ` + "`" + TerraformFile + "`" + ` and the ` + "`" + terraformCodeDir + "/`" + ` folder beside it. When the hooks came from that module, the secrets reuse the hooks' own value expressions (its variables, locals and resources), so put the files next to the ` + "`auth0_hook`" + ` resources. Check that the resource and variable names are free in the module.
2. **Give the secret variables their values** (the ones the secrets tables below say to set): each is ` + "`sensitive`" + `, with no default. Hook secret values cannot be read back from Auth0: get them from wherever they were kept.
3. **Review each Action below before the apply**: resolve its blockers and the ` + "`// hooks2actions:`" + ` notes in its code, check its secrets and dependencies. Every Action is deployed by the apply (` + "`deploy = true`" + `), and a bound one runs on live traffic.
4. **Plan and apply.** Each ` + "`auth0_trigger_action`" + ` appends its Action to the trigger after the Actions already bound, and leaves those alone. Do not also manage these triggers with ` + "`auth0_trigger_actions`" + ` (which owns a trigger's whole list): add the Actions to that list instead.
5. **Bind by hand the Actions these files do not bind**, once each is ready, unless its hook is disabled.
6. **Disable each hook** once its Action runs (` + "`enabled = false`" + ` on its ` + "`auth0_hook`" + `, or in the Dashboard), then remove the hook when the Action has proved itself.

The files: ` + "`" + TerraformFile + "`" + ` holds a variable per secret value to give, an ` + "`auth0_action`" + ` per Action and an ` + "`auth0_trigger_action`" + ` per binding; ` + "`" + terraformCodeDir + "/<name>.js`" + ` each Action's code; ` + "`" + PlanFile + "`" + ` the whole plan for tools. Terraform keeps the secret values in its state; with ` + "`--write-only-secrets`" + ` they are ` + "`secrets_wo`" + ` (auth0 provider 1.52.0 and Terraform 1.11 or later), which never reach it: bump ` + "`secrets_wo_version`" + ` to send a changed value.

`)
}
