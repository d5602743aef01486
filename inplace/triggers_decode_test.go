package inplace

import (
	"strings"
	"testing"
)

// TestParseTriggersSaysWhatIsWrong: a trigger whose list is not a list is
// explained in JSON terms, not with the Go type it was decoded into.
func TestParseTriggersSaysWhatIsWrong(t *testing.T) {
	_, err := parseTriggers([]byte(`{"post-login": {"action_name": "x"}}`))
	if err == nil || !strings.Contains(err.Error(), `trigger "post-login": the top level: an object where a list is wanted`) || strings.Contains(err.Error(), "Go ") {
		t.Errorf("parseTriggers: %v", err)
	}
}
