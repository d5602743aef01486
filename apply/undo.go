package apply

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// Undo reverses what an apply log says was bound and disabled: on each
// trigger it removes the bindings the apply added, keeping every other one
// in its current order (so bindings made since survive), and it enables
// again the hooks the apply disabled, so that something still runs. It
// deletes no Action. Running it twice changes nothing the second time.
func Undo(ctx context.Context, cl *mgmtapi.Client, rec *Record, out io.Writer) error {
	for _, t := range rec.Triggers {
		if err := undoTrigger(ctx, cl, t, out); err != nil {
			return fmt.Errorf("restoring the bindings of %s: %w", t.TriggerID, err)
		}
	}
	for _, h := range rec.HooksDisabled {
		err := cl.SetHookEnabled(ctx, h.HookID, true)
		switch {
		case errors.Is(err, mgmtapi.ErrHooksDisabled):
			fmt.Fprintf(out, "the tenant no longer accepts hook writes: hook %q stays disabled\n", h.Hook)
			continue
		case err != nil:
			return fmt.Errorf("enabling hook %q again: %w", h.Hook, err)
		}
		fmt.Fprintf(out, "enabled hook %q (%s) again\n", h.Hook, h.HookID)
	}
	return nil
}

func undoTrigger(ctx context.Context, cl *mgmtapi.Client, t TriggerRecord, out io.Writer) error {
	added := map[string]bool{}
	for _, b := range t.After {
		if !containsBinding(t.Before, b) {
			added[bindingKey(b)] = true
		}
	}
	current, err := cl.Bindings(ctx, t.TriggerID)
	if err != nil {
		return err
	}
	var kept []trigger.Binding
	for _, b := range current {
		if !added[bindingKey(BindingRecord{ActionID: b.ActionID, ActionName: b.ActionName})] {
			kept = append(kept, b)
		}
	}
	if len(kept) == len(current) {
		fmt.Fprintf(out, "%s: nothing to undo; bound now: %s\n", t.TriggerID, listOrNone(names(current)))
		return nil
	}
	got, err := cl.SetBindings(ctx, t.TriggerID, kept)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: unbound what the apply bound; bound now: %s\n", t.TriggerID, listOrNone(names(got)))
	if missing := missingBefore(t.Before, got); len(missing) > 0 {
		fmt.Fprintf(out, "%s: note: %s, bound before the apply, %s unbound since; not bound again\n",
			t.TriggerID, strings.Join(missing, ", "), plural(len(missing), "was", "were"))
	}
	return nil
}

// bindingKey matches a binding by its Action's id when known.
func bindingKey(b BindingRecord) string {
	if b.ActionID != "" {
		return "id:" + b.ActionID
	}
	return "name:" + b.ActionName
}

func containsBinding(list []BindingRecord, b BindingRecord) bool {
	for _, x := range list {
		if bindingKey(x) == bindingKey(b) {
			return true
		}
	}
	return false
}

func missingBefore(before []BindingRecord, now []trigger.Binding) []string {
	var out []string
	for _, b := range before {
		found := false
		for _, n := range now {
			if bindingKey(b) == bindingKey(BindingRecord{ActionID: n.ActionID, ActionName: n.ActionName}) {
				found = true
			}
		}
		if !found {
			out = append(out, fmt.Sprintf("%q", b.ActionName))
		}
	}
	return out
}

// listOrNone joins names, or says there are no bindings.
func listOrNone(ns []string) string {
	if len(ns) == 0 {
		return "no binding"
	}
	return strings.Join(ns, ", ")
}
