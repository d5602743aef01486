// Package verify runs each hook and its drafted Action side by side in goja,
// on the same synthetic inputs, with recording fakes of the modules and the
// network, and compares what they did: the outcome, the claims and scope,
// the metadata set, the requests sent. It sits after migrate and before
// reports: it reads hooks and their planned drafts and returns verdicts as
// data. It never reaches a network and never reads a real secret: secrets
// are placeholders.
package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/parallel"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// DefaultBudget is the real time one side of one run may take.
const DefaultBudget = 2 * time.Second

// Options tune verification.
type Options struct {
	// Budget is the real time one side of one run may take; 0 means
	// DefaultBudget. It stops code that loops without end.
	Budget time.Duration
}

// Subject is one hook and its drafted Action.
type Subject struct {
	TriggerID  string
	HookScript string
	ActionCode string
	// ActionProgram is ActionCode already compiled as a module (the
	// draft's checks compile it); nil to compile it here.
	ActionProgram *goja.Program
	// SecretKeys are the secrets both sides get, as placeholders.
	SecretKeys []string
}

// Plan verifies every drafted Action of the plan, in parallel: it sets each
// ActionPlan's Verdict and adds a draft-differs or draft-not-verified
// finding per hook whose draft is not proven equivalent.
func Plan(hooks []migrate.HookInput, plan *migrate.Plan, opts Options) {
	byName := map[string]migrate.HookInput{}
	for _, h := range hooks {
		byName[h.Hook.Name] = h
	}
	verdicts := parallel.Map(plan.Actions, func(a migrate.ActionPlan) *migrate.Verdict {
		in, ok := byName[a.Hook]
		if !ok || a.Draft == nil || in.Hook.Script == nil {
			return nil
		}
		v := Run(Subject{TriggerID: a.TriggerID, HookScript: string(in.Hook.Script), ActionCode: a.Draft.Code,
			ActionProgram: plan.Compiled(a.Draft), SecretKeys: secretKeys(in)}, opts)
		return &v
	})
	for i, v := range verdicts {
		a := &plan.Actions[i]
		a.Verdict = v
		if f, ok := verdictFinding(*a); ok {
			plan.Findings = append(plan.Findings, f)
		}
	}
	finding.Sort(plan.Findings)
}

// secretKeys are the keys the hook defines, or, when its source does not
// say, the keys it reads.
func secretKeys(in migrate.HookInput) []string {
	if in.Hook.SecretKeys != nil {
		return in.Hook.SecretKeys
	}
	if in.Result != nil {
		return in.Result.Referenced()
	}
	return nil
}

func verdictFinding(a migrate.ActionPlan) (finding.Finding, bool) {
	v := a.Verdict
	if v == nil || v.Status == migrate.VerdictEquivalent {
		return finding.Finding{}, false
	}
	rule, msg := finding.RuleDraftNotVerified, "the drafted Action was not verified: "+v.Reason
	if v.Status == migrate.VerdictDiffers {
		d := v.Difference
		rule, msg = finding.RuleDraftDiffers, fmt.Sprintf("run side by side on %s, the hook %s but the drafted Action %s",
			d.Input, d.Hook, d.Action)
	}
	r, _ := finding.LookupRule(rule)
	return finding.Finding{Rule: rule, Severity: r.Severity, Hook: a.Hook, Message: msg, Location: a.HookWhere}, true
}

// Run verifies one hook against its drafted Action on every sample input
// of the trigger and every network scenario.
func Run(s Subject, opts Options) (verdict migrate.Verdict) {
	defer func() {
		// A bug of the harness on one hook must not take the others down.
		if r := recover(); r != nil {
			verdict = notVerified(fmt.Sprintf("verifying this hook failed: %v", r))
		}
	}()
	if opts.Budget <= 0 {
		opts.Budget = DefaultBudget
	}
	t, ok := trigger.Lookup(s.TriggerID)
	if !ok {
		return notVerified("the hook's trigger is unknown")
	}
	hookProg, err := compileHook(s.HookScript)
	if err != nil {
		return notVerified("the hook's script does not compile: " + err.Error())
	}
	actionProg := s.ActionProgram
	if actionProg == nil {
		actionProg, err = goja.Compile("action.js", moduleWrapper(s.ActionCode), false)
		if err != nil {
			return migrate.Verdict{Status: migrate.VerdictDiffers, Difference: &migrate.Difference{
				Input: "loading the code", Hook: "compiles", Action: "does not compile: " + err.Error()}}
		}
	}
	values, secrets := placeholders(s.SecretKeys)
	r := runner{trigger: t, hook: hookProg, action: actionProg, values: values, secrets: secrets, budget: opts.Budget}
	var firstProblem string
	runs := 0
	ins := samples(t.ID)
	if len(s.SecretKeys) > 0 {
		ins = append(ins, unsetSecrets(ins[0]))
	}
	for _, in := range ins {
		for _, sc := range scenarios {
			res := r.compare(in, sc)
			if res.skip {
				continue
			}
			runs++
			switch {
			case res.difference != nil:
				return migrate.Verdict{Status: migrate.VerdictDiffers, Difference: res.difference, Runs: runs}
			case res.problem != "" && res.everywhere:
				// The other runs cannot fare better.
				v := notVerified(res.problem)
				v.Runs = runs
				return v
			case res.problem != "" && firstProblem == "":
				firstProblem = res.problem
			}
		}
	}
	if firstProblem != "" {
		v := notVerified(firstProblem)
		v.Runs = runs
		return v
	}
	return migrate.Verdict{Status: migrate.VerdictEquivalent, Runs: runs}
}

func notVerified(reason string) migrate.Verdict {
	return migrate.Verdict{Status: migrate.VerdictNotVerified, Reason: reason}
}

// moduleWrapper wraps code as Node wraps a CommonJS module.
func moduleWrapper(code string) string {
	return "(function (exports, require, module, __filename, __dirname) {" + code + "\n})"
}

// compiledHook is a hook's script compiled as a module, or as a bare
// function expression as the Management API often stores it.
type compiledHook struct {
	prog *goja.Program
	bare bool
}

func compileHook(script string) (compiledHook, error) {
	prog, err := goja.Compile("hook.js", moduleWrapper(script), false)
	if err == nil {
		return compiledHook{prog: prog}, nil
	}
	if bare, err2 := goja.Compile("hook.js", "(\n"+script+"\n)", false); err2 == nil {
		return compiledHook{prog: bare, bare: true}, nil
	}
	return compiledHook{}, err
}

type runner struct {
	trigger        trigger.Trigger
	hook           compiledHook
	action         *goja.Program
	values         map[string]string
	secrets        secretSet
	budget         time.Duration
	callsOnSuccess map[string]bool
}

// secretValues are the secrets both sides get on input in: the
// placeholders, or none when the input is one without secret values.
func (r *runner) secretValues(in sample) map[string]string {
	if in.NoSecrets {
		return map[string]string{}
	}
	return r.values
}

// comparison is the result of one run of both sides.
type comparison struct {
	// skip is true for a failure scenario when neither side sent a request
	// in the success scenario: the run would repeat that one.
	skip       bool
	difference *migrate.Difference
	problem    string
	// everywhere is true when the problem does not depend on the input.
	everywhere bool
}

func (r *runner) compare(in sample, sc scenario) comparison {
	// The failure scenarios repeat the success run when no request was
	// sent; without secrets, the requests built on them go nowhere a
	// failure would teach more about.
	if sc != scenarioSuccess && (in.NoSecrets || !r.callsOnSuccess[in.Name]) {
		return comparison{skip: true}
	}
	hook := r.runSide(in, sc, true)
	action := r.runSide(in, sc, false)
	if sc == scenarioSuccess {
		if r.callsOnSuccess == nil {
			r.callsOnSuccess = map[string]bool{}
		}
		r.callsOnSuccess[in.Name] = len(hook.effects.calls)+len(action.effects.calls) > 0
	}
	input := fmt.Sprintf("input %q (%s)", in.Name, in.About)
	if r.callsOnSuccess[in.Name] {
		input += ", " + sc.String()
	}
	for _, p := range []struct {
		who string
		res sideResult
	}{{"the hook", hook}, {"the Action", action}} {
		switch {
		case p.res.problem == "":
		case p.res.everywhere:
			return comparison{problem: p.who + " " + p.res.problem, everywhere: true}
		default:
			return comparison{problem: p.who + " " + p.res.problem + " on " + input}
		}
	}
	if h, a, differs := firstDifference(hook.effects, action.effects); differs {
		return comparison{difference: &migrate.Difference{Input: input, Hook: h, Action: a}}
	}
	return comparison{}
}

// sideResult is what one side did in one run; problem, when set, says why
// the run proves nothing (a module without a fake, the budget spent).
type sideResult struct {
	effects effects
	problem string
	// everywhere is true when the problem does not depend on the input
	// (a module without a fake).
	everywhere bool
}

var (
	errBudget         = errors.New("time budget spent")
	errNoHookFunction = errors.New("exports no function to call")
)

func (r *runner) runSide(in sample, sc scenario, hookSide bool) sideResult {
	net := &network{scenario: sc}
	sb, err := newSandbox(net)
	if err != nil {
		return sideResult{problem: "could not be set up: " + err.Error()}
	}
	timer := time.AfterFunc(r.budget, func() { sb.vm.Interrupt(errBudget) })
	var runErr error
	if hookSide {
		runErr = r.startHook(sb, in)
	} else {
		runErr = r.startAction(sb, in)
	}
	if runErr == nil {
		runErr = sb.drain()
	}
	// The run is over: a budget spent just now must not stop the reading
	// of its records.
	timer.Stop()
	sb.vm.ClearInterrupt()
	res := sideResult{problem: sb.problem(runErr, r.budget),
		everywhere: len(sb.missing) > 0 || errors.Is(runErr, errNoHookFunction)}
	if res.problem != "" {
		return res
	}
	res.effects = r.effects(sb, in, hookSide, runErr)
	for _, c := range net.calls {
		res.effects.calls = append(res.effects.calls, r.secrets.describeCall(c))
	}
	res.effects.unhandled = sb.unhandledRejections()
	res.effects.endOnRejection()
	return res
}

// problem says why a run of one side proves nothing, or "".
func (sb *sandbox) problem(err error, budget time.Duration) string {
	var interrupted *goja.InterruptedError
	var overflow *goja.StackOverflowError
	switch {
	case len(sb.missing) > 0:
		return "needs module " + strings.Join(sb.missing, ", ") + ", which has no fake"
	case len(sb.unsupported) > 0:
		return "uses " + strings.Join(sb.unsupported, ", ") + ", which the fakes do not model"
	case errors.As(err, &interrupted):
		return fmt.Sprintf("ran past its time budget of %s", budget)
	case errors.As(err, &overflow):
		// Node throws a RangeError the code may catch; goja cannot.
		return "recursed past the call stack limit, which the code cannot catch here as it could in Node"
	case errors.Is(err, errNoHookFunction):
		return errNoHookFunction.Error()
	}
	return ""
}

func (r *runner) effects(sb *sandbox, in sample, hookSide bool, runErr error) effects {
	recordsFn := sb.hostFunc("records")
	v, err := recordsFn(goja.Undefined())
	var recs struct {
		Hook   *hookRecord   `json:"hook"`
		Action *actionRecord `json:"action"`
	}
	if err == nil {
		err = json.Unmarshal([]byte(v.String()), &recs)
	}
	if err != nil {
		// Only a bug of the harness gets here; it must not pass for a match.
		return effects{outcome: outcome{kind: outcomeError, message: "the verification harness failed: " + err.Error()}}
	}
	loadFailure := outcome{kind: outcomeError}
	if runErr != nil {
		loadFailure.message = exceptionMessage(runErr)
		var uncaught *uncaughtError
		if errors.As(runErr, &uncaught) {
			loadFailure.message = uncaught.Error()
		}
	}
	var e effects
	switch {
	case hookSide && recs.Hook != nil:
		e = hookEffects(r.trigger.ID, *recs.Hook, in)
	case !hookSide && recs.Action != nil:
		e = actionEffects(r.trigger.ID, *recs.Action, in)
	default:
		// The code failed before it was called (loading the module).
		return effects{outcome: loadFailure}
	}
	if runErr != nil && e.outcome.kind == outcomeUnfinished {
		// An uncaught exception in a timer ended the process first.
		e.outcome = loadFailure
	}
	return e
}

// startHook loads the hook's module and calls its function.
func (r *runner) startHook(sb *sandbox, in sample) error {
	if err := sb.hookGlobals(); err != nil {
		return err
	}
	var fn goja.Value
	if r.hook.bare {
		v, err := sb.vm.RunProgram(r.hook.prog)
		if err != nil {
			return err
		}
		fn = v
	} else {
		module, err := loadModule(sb, r.hook.prog)
		if err != nil {
			return err
		}
		fn = hookFunction(sb.vm, module.Get("exports"))
	}
	if _, ok := goja.AssertFunction(fn); !ok {
		return errNoHookFunction
	}
	params, err := json.Marshal(in.hookParams(r.trigger.ID, r.secretValues(in)))
	if err != nil {
		return err
	}
	_, err = sb.hostFunc("callHook")(goja.Undefined(), fn, sb.vm.ToValue(string(params)),
		sb.vm.ToValue(hookParamNames[r.trigger.ID]))
	return err
}

// hookFunction is what a hook module exports: the function itself, or the
// one function it exports by name (exports.handler = ...).
func hookFunction(vm *goja.Runtime, exports goja.Value) goja.Value {
	if _, ok := goja.AssertFunction(exports); ok {
		return exports
	}
	obj, ok := exports.(*goja.Object)
	if !ok {
		return exports
	}
	var found goja.Value
	for _, k := range obj.Keys() {
		if _, ok := goja.AssertFunction(obj.Get(k)); ok {
			if found != nil {
				return goja.Undefined()
			}
			found = obj.Get(k)
		}
	}
	if found == nil {
		return goja.Undefined()
	}
	return found
}

// startAction loads the Action's module and calls its handler.
func (r *runner) startAction(sb *sandbox, in sample) error {
	module, err := loadModule(sb, r.action)
	if err != nil {
		return err
	}
	handler := module.Get("exports").ToObject(sb.vm).Get(r.trigger.ActionHandler)
	if _, ok := goja.AssertFunction(handler); !ok {
		return fmt.Errorf("the draft does not export %s", r.trigger.ActionHandler)
	}
	event, err := json.Marshal(in.event(r.trigger.ID, r.secretValues(in)))
	if err != nil {
		return err
	}
	_, err = sb.hostFunc("callAction")(goja.Undefined(), handler, sb.vm.ToValue(string(event)), sb.vm.ToValue(r.trigger.ID))
	return err
}

// loadModule runs a module-wrapped program and returns its module object.
func loadModule(sb *sandbox, prog *goja.Program) (*goja.Object, error) {
	wrapper, err := sb.vm.RunProgram(prog)
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(wrapper)
	module := sb.vm.NewObject()
	exports := sb.vm.NewObject()
	if err := module.Set("exports", exports); err != nil {
		return nil, err
	}
	_, err = fn(goja.Undefined(), exports, sb.vm.Get("require"), module, sb.vm.ToValue("/index.js"), sb.vm.ToValue("/"))
	return module, err
}
