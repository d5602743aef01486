package tenant

import (
	"strings"
	"testing"
)

// TestCheckTriggerListsTheIDs: the error names every valid trigger in
// words, not as Go prints a slice ("[credentials-exchange ...]").
func TestCheckTriggerListsTheIDs(t *testing.T) {
	for _, id := range []string{"", "post-login"} {
		err := CheckTrigger(id)
		if err == nil {
			t.Fatalf("CheckTrigger(%q) = nil", id)
		}
		msg := err.Error()
		if strings.ContainsAny(msg, "[]") || !strings.Contains(msg, "credentials-exchange, post-change-password,") {
			t.Errorf("CheckTrigger(%q) = %q", id, msg)
		}
	}
	if err := CheckTrigger("send-phone-message"); err != nil {
		t.Errorf("a hook trigger refused: %v", err)
	}
}
