package trigger

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTable(t *testing.T) {
	want := []string{"credentials-exchange", "post-change-password", "post-user-registration", "pre-user-registration", "send-phone-message"}
	if diff := cmp.Diff(want, IDs()); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	for _, tr := range All() {
		if tr.HookParams[tr.ContextIndex] != "context" || tr.HookParams[len(tr.HookParams)-1] != "cb" {
			t.Errorf("%s: context at %d of %v, callback last expected", tr.ID, tr.ContextIndex, tr.HookParams)
		}
		if !strings.HasPrefix(tr.ActionHandler, "onExecute") || tr.ActionVersion != "v2" {
			t.Errorf("%s: handler %q version %q", tr.ID, tr.ActionHandler, tr.ActionVersion)
		}
		if got, ok := Lookup(tr.ID); !ok || got.ID != tr.ID {
			t.Errorf("Lookup(%q) = %+v, %v", tr.ID, got, ok)
		}
	}
	if _, ok := Lookup("post-login"); ok {
		t.Error("post-login is an Action trigger, not a hook's")
	}
}

func TestByParamCount(t *testing.T) {
	ids := func(ts []Trigger) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.ID)
		}
		return out
	}
	for n, want := range map[int][]string{
		5: {"credentials-exchange"},
		4: {"send-phone-message"},
		3: {"pre-user-registration", "post-user-registration", "post-change-password"},
		2: nil,
	} {
		if diff := cmp.Diff(want, ids(ByParamCount(n))); diff != "" {
			t.Errorf("ByParamCount(%d) (-want +got):\n%s", n, diff)
		}
	}
}

func TestAllReturnsACopy(t *testing.T) {
	a := All()
	a[0].ID = "changed"
	if All()[0].ID == "changed" {
		t.Error("All exposes the table itself")
	}
}
