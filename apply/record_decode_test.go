package apply

import (
	"strings"
	"testing"
)

// TestDecodeRecordSaysWhatIsWrong: a log of the wrong shape is explained in
// JSON terms, not with the Go type it was decoded into.
func TestDecodeRecordSaysWhatIsWrong(t *testing.T) {
	_, err := DecodeRecord([]byte(`{"kind": 5}`))
	if err == nil || !strings.Contains(err.Error(), `"kind": a number where a string is wanted`) || strings.Contains(err.Error(), "Go ") {
		t.Errorf("DecodeRecord: %v", err)
	}
}
