package apply

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// Defaults of Runner's waits: the Deploy CLI retries a deploy every 2s,
// 60 times.
const (
	DefaultPollInterval = 2 * time.Second
	DefaultBuildTimeout = 2 * time.Minute
)

// Runner makes the changes through the API, one Action at a time, and
// stops at the first failure: what was done stays done, and a re-run,
// comparing again, continues from there.
type Runner struct {
	Client *mgmtapi.Client
	// Out gets one line per change made.
	Out io.Writer
	// PollInterval is the wait between two looks at a build (and between
	// binding attempts while a deployment registers).
	PollInterval time.Duration
	// BuildTimeout bounds the wait for one Action's build and deploy.
	BuildTimeout time.Duration
	// Record, when set, gets every change made.
	Record *Record
}

// Secrets are the values of the secrets to set, per Action name, as
// ResolveSecrets returns them.
type Secrets struct {
	byAction map[string][]mgmtapi.SecretValue
}

// Format keeps the values out of any %v.
func (s Secrets) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "apply.Secrets{%d Actions}", len(s.byAction))
}

// ResolveSecrets finds a value for every secret the changes set, and
// checks each against the Actions limits. Its error names every secret
// without a value (key and Action) and every one over a limit: the apply
// must stop before any write.
func ResolveSecrets(ch *Changes, values Values) (Secrets, error) {
	s := Secrets{byAction: map[string][]mgmtapi.SecretValue{}}
	var problems []string
	for _, c := range ch.Actions {
		if !c.Has(StepSetSecrets) {
			continue
		}
		list := []mgmtapi.SecretValue{}
		for _, m := range c.Plan.Secrets {
			if !m.Carried() {
				continue
			}
			v, ok := values.Lookup(c.Plan.Name, m)
			if !ok {
				problems = append(problems, missingValue(c.Plan.Name, m))
				continue
			}
			if err := checkSecret(c.Plan.Name, m.Key, v); err != nil {
				problems = append(problems, err.Error())
				continue
			}
			list = append(list, mgmtapi.SecretValue{Name: m.Key, Value: v})
		}
		if n := len(secretNames(c.Plan)); n > migrate.MaxSecrets {
			problems = append(problems, fmt.Sprintf("action %q would hold %d secrets; an Action holds at most %d", c.Plan.Name, n, migrate.MaxSecrets))
		}
		s.byAction[c.Plan.Name] = list
	}
	if len(problems) > 0 {
		return s, fmt.Errorf("nothing was written:\n  %s", strings.Join(problems, "\n  "))
	}
	return s, nil
}

// missingValue says how to give a secret's value. A secret the hook reads
// without defining it (missing-secret) reads undefined today: the person
// chooses between a value and removing the read, so the apply says both.
func missingValue(action string, m migrate.SecretMapping) string {
	msg := fmt.Sprintf("no value for secret %s of Action %q (give it in the secrets file under [%s] or as a shared %s=..., or set $%s)",
		m.Key, action, action, m.Key, m.Marker)
	if m.Status == migrate.Missing {
		msg += "; the hook never defined it, so its script reads undefined today: give it a value, or remove the read from the hook and plan again"
	}
	return msg
}

// Run makes the changes: each Action created or updated, built and
// deployed; then each trigger's bindings, read again and merged; then,
// with --disable-hooks, the hooks. The error is redacted of every secret
// value sent (the client's redactor learns each before it goes).
func (r *Runner) Run(ctx context.Context, ch *Changes, secrets Secrets) error {
	err := r.run(ctx, ch, secrets)
	if err != nil {
		err = errors.New(r.Client.Redact(err.Error()))
		r.Record.fail(err)
	}
	return err
}

func (r *Runner) run(ctx context.Context, ch *Changes, secrets Secrets) error {
	for i := range ch.Actions {
		c := &ch.Actions[i]
		if c.Skipped != "" || len(c.Steps) == 0 {
			continue
		}
		if err := r.action(ctx, c, secrets.byAction[c.Plan.Name]); err != nil {
			return fmt.Errorf("action %q: %w", c.Plan.Name, err)
		}
	}
	for _, t := range ch.Triggers {
		if err := r.bind(ctx, ch, t.TriggerID); err != nil {
			return fmt.Errorf("binding to %s: %w", t.TriggerID, err)
		}
	}
	return r.disableHooks(ctx, ch)
}

// action writes one Action, then builds and deploys it.
func (r *Runner) action(ctx context.Context, c *ActionChange, secrets []mgmtapi.SecretValue) error {
	var body *[]mgmtapi.SecretValue
	if c.Has(StepSetSecrets) {
		body = &secrets
	}
	rec := r.Record.action(c)
	switch {
	case c.Has(StepCreate):
		a, err := r.create(ctx, c, body)
		if err != nil {
			return err
		}
		c.ActionID = a.ID
		rec.created(a.ID)
		rec.done(StepCreate)
		r.say("created Action %q (%s)%s", c.Plan.Name, a.ID, secretsNote(body))
	case c.Has(StepUpdateCode), c.Has(StepUpdateDependencies), c.Has(StepUpdateRuntime), c.Has(StepUpdateTrigger), c.Has(StepSetSecrets):
		if _, err := r.Client.UpdateAction(ctx, c.ActionID, updateBody(c, body)); err != nil {
			return err
		}
		for _, s := range c.Steps {
			if s != StepDeploy && s != StepBind && s != StepDisableHook {
				rec.done(s)
			}
		}
		r.say("updated Action %q (%s)%s", c.Plan.Name, c.ActionID, secretsNote(body))
	}
	if !c.Has(StepDeploy) {
		return nil
	}
	if err := r.deploy(ctx, c.ActionID); err != nil {
		return err
	}
	rec.done(StepDeploy)
	r.say("deployed Action %q", c.Plan.Name)
	return nil
}

// create makes the Action. A create whose fate is unknown (a 5xx, no
// response) may have happened: the Action is looked for by name before
// the error is given up on, so a re-run does not meet a name conflict.
func (r *Runner) create(ctx context.Context, c *ActionChange, secrets *[]mgmtapi.SecretValue) (mgmtapi.Action, error) {
	a, err := r.Client.CreateAction(ctx, actionWrite(c.Plan, secrets))
	if err == nil || ctx.Err() != nil {
		return a, err
	}
	var ae *mgmtapi.APIError
	if errors.As(err, &ae) && ae.StatusCode < 500 {
		return a, err
	}
	all, lerr := r.Client.Actions(ctx)
	if lerr != nil {
		return a, err
	}
	if i := slices.IndexFunc(all, func(x mgmtapi.Action) bool { return x.Name == c.Plan.Name }); i >= 0 {
		return all[i], nil
	}
	return a, err
}

// updateBody sends only what changes; the secrets, when they change, go
// whole, values included.
func updateBody(c *ActionChange, secrets *[]mgmtapi.SecretValue) mgmtapi.ActionWrite {
	full := actionWrite(c.Plan, secrets)
	var w mgmtapi.ActionWrite
	if c.Has(StepUpdateCode) {
		w.Code = full.Code
	}
	if c.Has(StepUpdateDependencies) {
		w.Dependencies = full.Dependencies
	}
	if c.Has(StepUpdateRuntime) {
		w.Runtime = full.Runtime
	}
	if c.Has(StepUpdateTrigger) {
		w.SupportedTriggers = full.SupportedTriggers
	}
	w.Secrets = secrets
	return w
}

func secretsNote(secrets *[]mgmtapi.SecretValue) string {
	if secrets == nil || len(*secrets) == 0 {
		return ""
	}
	names := make([]string, len(*secrets))
	for i, s := range *secrets {
		names[i] = s.Name
	}
	return " with secrets " + strings.Join(names, ", ")
}

// deploy waits for the build, then deploys. The build is polled; a deploy
// answered "not built" (the build status lagging) is tried again after the
// next poll.
func (r *Runner) deploy(ctx context.Context, id string) error {
	deadline := time.Now().Add(r.buildTimeout())
	for {
		a, err := r.Client.Action(ctx, id)
		if err != nil {
			return err
		}
		switch a.Status {
		case mgmtapi.ActionFailed:
			return fmt.Errorf("the build failed (status %q): check its dependencies in the Dashboard", a.Status)
		case mgmtapi.ActionBuilt:
			err := r.Client.DeployAction(ctx, id)
			if !errors.Is(err, mgmtapi.ErrNotBuilt) {
				return err
			}
		}
		if err := r.wait(ctx, deadline, "the build"); err != nil {
			return err
		}
	}
}

// bind reads the trigger's bindings again, keeps them in their order and
// adds ours after them.
func (r *Runner) bind(ctx context.Context, ch *Changes, triggerID string) error {
	var ours []trigger.Binding
	for _, c := range ch.Actions {
		if c.Skipped == "" && c.Plan.HookEnabled && c.Plan.TriggerID == triggerID && c.ActionID != "" {
			ours = append(ours, trigger.Binding{ActionName: c.Plan.Name, DisplayName: c.Plan.Name, ActionID: c.ActionID})
		}
	}
	current, err := r.Client.Bindings(ctx, triggerID)
	if err != nil {
		return err
	}
	want := trigger.MergeBindings(current, ours)
	if slices.Equal(names(current), names(want)) {
		return nil
	}
	deadline := time.Now().Add(r.buildTimeout())
	for {
		got, err := r.Client.SetBindings(ctx, triggerID, want)
		if err == nil {
			r.Record.binding(triggerID, current, got)
			r.say("bound to %s: %s", triggerID, strings.Join(names(got), ", "))
			return nil
		}
		if !errors.Is(err, mgmtapi.ErrNotDeployed) {
			return err
		}
		// A deployment takes a moment to register (auth0-deploy-cli#385).
		if err := r.wait(ctx, deadline, "the deployment to register"); err != nil {
			return err
		}
	}
}

// disableHooks turns off each hook whose Action is bound. A tenant past the
// Hooks end of life refuses hook writes: that is said once, not a failure.
func (r *Runner) disableHooks(ctx context.Context, ch *Changes) error {
	for _, c := range ch.Actions {
		if c.Skipped != "" || !c.Has(StepDisableHook) {
			continue
		}
		err := r.Client.SetHookEnabled(ctx, c.Plan.HookID, false)
		switch {
		case errors.Is(err, mgmtapi.ErrHooksDisabled):
			note := "the tenant no longer accepts hook writes (Hooks reached their end of life): the hooks were left as they are"
			r.Record.note(note)
			r.say("%s", note)
			return nil
		case err != nil:
			return fmt.Errorf("disabling hook %q: %w", c.Plan.Hook, err)
		}
		r.Record.hookDisabled(c.Plan.Hook, c.Plan.HookID)
		r.say("disabled hook %q (%s): its Action %q runs instead", c.Plan.Hook, c.Plan.HookID, c.Plan.Name)
	}
	return nil
}

// wait sleeps one poll interval, unless that passes the deadline.
func (r *Runner) wait(ctx context.Context, deadline time.Time, what string) error {
	d := r.PollInterval
	if d <= 0 {
		d = DefaultPollInterval
	}
	if time.Now().Add(d).After(deadline) {
		return fmt.Errorf("gave up waiting for %s after %s", what, r.buildTimeout())
	}
	if err := mgmtapi.SleepContext(ctx, d); err != nil {
		return context.Cause(ctx)
	}
	return nil
}

func (r *Runner) buildTimeout() time.Duration {
	if r.BuildTimeout <= 0 {
		return DefaultBuildTimeout
	}
	return r.BuildTimeout
}

func (r *Runner) say(format string, args ...any) {
	if r.Out != nil {
		fmt.Fprintf(r.Out, format+"\n", args...)
	}
}
