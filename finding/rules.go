package finding

// Rule ids are stable kebab-case strings: CI gates, baselines and
// suppression comments name them, so they never change once released.
const (
	RuleParseError           = "parse-error"
	RuleDynamicSecretAccess  = "dynamic-secret-access"
	RuleSecretsObjectEscape  = "secrets-object-escape"
	RuleNoHookFunction       = "no-hook-function"
	RuleTriggerMismatch      = "trigger-mismatch"
	RuleInternalError        = "internal-error"
	RuleAnalysisIncomplete   = "analysis-incomplete"
	RuleLoadError            = "load-error"
	RuleUnusedSecret         = "unused-secret"
	RuleMissingSecret        = "missing-secret"
	RuleSecretLimitExceeded  = "secret-limit-exceeded"
	RuleNoActionEquivalent   = "no-action-equivalent"
	RuleDependencyConflict   = "dependency-conflict"
	RuleTooManyDependencies  = "too-many-dependencies"
	RuleActionNameCollision  = "action-name-collision"
	RuleUnusedSuppression    = "unused-suppression"
	RuleMalformedSuppression = "malformed-suppression"
	RuleContextNotFound      = "context-not-found"
	RuleDraftCompileError    = "draft-compile-error"
	RuleDraftUnboundName     = "draft-unbound-name"
	RuleDraftDiffers         = "draft-differs"
	RuleDraftNotVerified     = "draft-not-verified"
	RuleHookRemaining        = "hook-remaining"
	RuleSourceNote           = "source-note"
)

// Rule documents one rule id for people (help) and tools (SARIF).
type Rule struct {
	ID       string
	Severity Severity
	Summary  string
	Help     string
}

var rules = []Rule{
	{
		ID:       RuleLoadError,
		Severity: Error,
		Summary:  "A hook could not be read whole from its source.",
		Help: "The hook's entry in the export, Terraform module, snapshot or tenant is broken (invalid JSON, YAML " +
			"or HCL, a missing script file, an unknown trigger, a duplicate name...). The other hooks are still " +
			"audited; fix the source and run again to audit this one.",
	},
	{
		ID:       RuleSourceNote,
		Severity: Note,
		Summary:  "The source left something the plan needs unknown, and the plan assumed it.",
		Help: "Nothing about a hook was lost: the tenant or export did not say something the plan would use " +
			"(the Action trigger versions, a trigger's current bindings, often for lack of the read:actions " +
			"scope). The message says what was assumed; grant the scope or add the file to remove the guess.",
	},
	{
		ID:       RuleParseError,
		Severity: Error,
		Summary:  "The hook's script does not parse as JavaScript.",
		Help: "The analysis of this hook fell back to a text scan whose results are marked low confidence. " +
			"Fix the syntax error (or check that the file really is the hook's script) and run again.",
	},
	{
		ID:       RuleDynamicSecretAccess,
		Severity: Warning,
		Summary:  "A secret is read with a key computed at run time.",
		Help: "secrets[expr] with a non-constant key cannot be resolved statically, so the secrets this hook needs " +
			"cannot be known for certain. Replace it with literal keys, or review which secrets it can reach.",
	},
	{
		ID:       RuleSecretsObjectEscape,
		Severity: Warning,
		Summary:  "The whole secrets object leaves static view.",
		Help: "The secrets object (or the context or context.webtask holding it) is enumerated, copied, serialised " +
			"or passed to code outside this file, so any secret may be read. No defined secret can be ruled unused.",
	},
	{
		ID:       RuleUnusedSecret,
		Severity: Warning,
		Summary:  "A secret is defined on the hook but its script never reads it.",
		Help: "Do not carry it to the Action: a dead credential in a new place is still a credential to leak and " +
			"rotate. Delete it once the hook is gone.",
	},
	{
		ID:       RuleMissingSecret,
		Severity: Error,
		Summary:  "The hook's script reads a secret the hook does not define.",
		Help: "The read returns undefined today and would in the Action too. Define the secret on the Action (with " +
			"its value), or remove the read if it is dead code.",
	},
	{
		ID:       RuleSecretLimitExceeded,
		Severity: Error,
		Summary:  "The Action would break an Actions secrets limit.",
		Help:     "An Action holds at most 30 secrets, and a secret key is at most 128 characters long.",
	},
	{
		ID:       RuleNoActionEquivalent,
		Severity: Warning,
		Summary:  "The hook uses something that has no mechanical Action equivalent.",
		Help: "Webtask storage and meta, the global auth0 object, a Management API token from the context, scope " +
			"changes in credentials exchange and some hook parameters have no drop-in counterpart in Actions: " +
			"this part of the hook needs a person.",
	},
	{
		ID:       RuleDependencyConflict,
		Severity: Warning,
		Summary:  "The hook asks for two versions of one npm package.",
		Help:     "An Action installs one version per package. The plan keeps the one the hook declares; check the code works with it.",
	},
	{
		ID:       RuleTooManyDependencies,
		Severity: Error,
		Summary:  "The Action would need more npm dependencies than Actions allow.",
		Help:     "An Action may have at most 10 dependencies. Drop unused ones or move code to an Actions module.",
	},
	{
		ID:       RuleActionNameCollision,
		Severity: Note,
		Summary:  "Two hooks would give Actions of the same file name.",
		Help: "Deploy CLI names an Action's files after its name, with unsafe characters replaced and case ignored " +
			"on some file systems; the later hook's Action got a numbered name.",
	},
	{
		ID:       RuleUnusedSuppression,
		Severity: Warning,
		Summary:  "A hooks2actions-ignore comment matches no finding.",
		Help: "The finding it silenced is gone (or moved off the next line): delete the comment, so that it does " +
			"not silence a future finding by accident.",
	},
	{
		ID:       RuleMalformedSuppression,
		Severity: Error,
		Summary:  "A hooks2actions-ignore comment lacks its rule or its reason.",
		Help:     "Write // hooks2actions-ignore <rule> <reason> on the line before the finding: the reason is required.",
	},
	{
		ID:       RuleNoHookFunction,
		Severity: Warning,
		Summary:  "No exported hook function was found.",
		Help: "A hook exports its function with module.exports = function (...) { ... }. Without it the context " +
			"parameter, and so the secrets, cannot be located.",
	},
	{
		ID:       RuleTriggerMismatch,
		Severity: Warning,
		Summary:  "The hook's function signature does not match its trigger.",
		Help: "The number of parameters of the exported function differs from the trigger's documented signature, " +
			"so the context parameter may be in another position than expected.",
	},
	{
		ID:       RuleAnalysisIncomplete,
		Severity: Warning,
		Summary:  "The analysis of this hook stopped before it was complete.",
		Help: "The hook passes values through an unusually long chain of variables declared in reverse order. " +
			"Usages beyond that chain may be missing, so no defined secret can be ruled unused.",
	},
	{
		ID:       RuleContextNotFound,
		Severity: Warning,
		Summary:  "The hook's context parameter could not be identified.",
		Help: "The exported function's parameters match no trigger's signature, so the parameter that carries " +
			"context.webtask.secrets is unknown and no secret read can be found. This does not mean the hook reads " +
			"no secrets: check the signature, or give the trigger with --trigger.",
	},
	{
		ID:       RuleDraftCompileError,
		Severity: Error,
		Summary:  "The drafted Action code does not compile.",
		Help: "Node would reject the draft (a redeclared name, an await outside an async function...). The draft " +
			"is not usable as it is: fix it by hand from the hook, and please report the hook if you can share it.",
	},
	{
		ID:       RuleDraftUnboundName,
		Severity: Error,
		Summary:  "The drafted Action code uses a name it does not define.",
		Help: "A name of the hook (context, cb, user...) is left in the draft where nothing binds it: the Action " +
			"would throw a ReferenceError when it runs. Rewrite that part by hand.",
	},
	{
		ID:       RuleDraftDiffers,
		Severity: Error,
		Summary:  "Run side by side, the drafted Action does not do what the hook did.",
		Help: "hooks2actions verify ran the hook and its draft on the same inputs with faked modules and saw a " +
			"different outcome, claim, metadata change or outbound call. The finding names the input and both " +
			"effects: fix the draft before it is deployed.",
	},
	{
		ID:       RuleDraftNotVerified,
		Severity: Note,
		Summary:  "The drafted Action could not be run side by side with its hook.",
		Help: "The hook needs a module that has no fake, or the run did not finish in its time budget, so nothing " +
			"proves the draft does what the hook did. Review it by hand.",
	},
	{
		ID:       RuleHookRemaining,
		Severity: Note,
		Summary:  "A hook is still present in the source.",
		Help: "Hooks stopped running on 2026-11-18. Gate on this rule (check --fail-on hook-remaining) to keep CI " +
			"red until the last hook is gone from the export.",
	},
	{
		ID:       RuleInternalError,
		Severity: Error,
		Summary:  "hooks2actions failed while analysing this hook.",
		Help:     "This is a bug in hooks2actions; please report it with the hook's script if you can share it.",
	},
}

// Rules returns every rule, in a stable order.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	copy(out, rules)
	return out
}

// LookupRule returns the rule with the given id.
func LookupRule(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
