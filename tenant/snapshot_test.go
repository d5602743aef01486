package tenant

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/trigger"
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSnapshotRoundTrip(t *testing.T) {
	inv := &Inventory{Source: OriginAPI, Tenant: "acme.eu.auth0.com", Hooks: []Hook{
		{ID: "01B", Name: "welcome", TriggerID: "post-user-registration", Enabled: true,
			Script:     []byte("module.exports = function (user, context, cb) { cb(); };\n"),
			SecretKeys: []string{"SENDGRID_KEY", "SLACK_URL"}, Dependencies: map[string]string{"axios": "0.21.1"}},
		{ID: "01A", Name: "cce", TriggerID: "credentials-exchange", Script: []byte("module.exports = () => {};"), SecretKeys: []string{}},
		{ID: "01C", Name: "unreadable", TriggerID: "post-change-password"}, // its script could not be fetched
	}, Problems: []Problem{{Hook: "unreadable", Message: "GET /api/v2/hooks/01C: 404 Not Found"}},
		ActionTriggerVersions: map[string]string{"post-user-registration": "v3"},
		Bindings: map[string][]trigger.Binding{
			"post-user-registration": {{ActionID: "a1", ActionName: "CRM sync", DisplayName: "CRM"}, {ActionID: "a2", ActionName: "Audit"}},
			"credentials-exchange":   {},
		}}
	var buf bytes.Buffer
	at := time.Date(2026, 11, 22, 19, 31, 0, 0, time.UTC)
	if err := NewSnapshot(inv, at, "hooks2actions v1").Encode(&buf); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "tenant.snapshot.json", buf.String())
	if !IsSnapshot(path) {
		t.Fatal("IsSnapshot = false for a snapshot")
	}
	got, err := LoadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	want := &Inventory{Source: OriginSnapshot, Tenant: "acme.eu.auth0.com", Path: path, Hooks: []Hook{
		{ID: "01A", Name: "cce", TriggerID: "credentials-exchange", Script: []byte("module.exports = () => {};"),
			SecretKeys: []string{}, Dependencies: map[string]string{},
			Origin: Origin{Kind: OriginSnapshot, HookID: "01A", Declared: finding.Location{File: path, Line: 8}}},
		{ID: "01B", Name: "welcome", TriggerID: "post-user-registration", Enabled: true,
			Script:     []byte("module.exports = function (user, context, cb) { cb(); };\n"),
			SecretKeys: []string{"SENDGRID_KEY", "SLACK_URL"}, Dependencies: map[string]string{"axios": "0.21.1"},
			Origin: Origin{Kind: OriginSnapshot, HookID: "01B", Declared: finding.Location{File: path, Line: 17}}},
	}, Problems: []Problem{{Hook: "unreadable", Location: finding.Location{File: path},
		Message: "when the snapshot was fetched: GET /api/v2/hooks/01C: 404 Not Found"}},
		ActionTriggerVersions: map[string]string{"post-user-registration": "v3"}, Bindings: inv.Bindings}
	want.FetchedAt = at // reports are dated by it
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inventory (-want +got):\n%s\nfile:\n%s", diff, buf.String())
	}
	if !strings.Contains(buf.String(), `"fetched_at": "2026-11-22T19:31:00Z"`) {
		t.Errorf("snapshot lacks its fetch time:\n%s", buf.String())
	}
}

func TestSnapshotErrors(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"syntax", "{\n  \"kind\": \"hooks2actions-snapshot\",\n  \"hooks\": [,]\n}", "line 3, column 13: invalid character ','"},
		{"wrong type", "{\"kind\": \"hooks2actions-snapshot\", \"snapshot_version\": \"1\"}", "line 1, column 58: \"snapshot_version\": a string where a whole number is wanted"},
		{"not a snapshot", `{"hooks": []}`, `not a hooks2actions snapshot`},
		{"newer version", `{"kind": "hooks2actions-snapshot", "snapshot_version": 9, "hooks": []}`, "snapshot version 9 is not supported by this build"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTemp(t, "s.json", tc.content)
			_, err := LoadSnapshot(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error = %v, want it to name %s and say %q", err, path, tc.want)
			}
		})
	}
}

func TestSnapshotProblems(t *testing.T) {
	content := `{"kind": "hooks2actions-snapshot", "snapshot_version": 1, "tenant": "t", "hooks": [
  {"id": "1", "name": "a", "triggerId": "post-login", "script": "x", "secret_keys": ["K"]},
  {"id": "2", "name": "a", "triggerId": "post-change-password", "script": "y", "secret_keys": null}
]}`
	path := writeTemp(t, "s.json", content)
	inv, err := LoadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range inv.Problems {
		msgs = append(msgs, p.Error())
	}
	want := []string{
		path + `:2: hook "a": unknown triggerId "post-login" (want one of credentials-exchange, post-change-password, post-user-registration, pre-user-registration, send-phone-message)`,
		path + `:3: hook "a": a hook of this name is already declared at ` + path + `:2; this one is left out`,
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(inv.Hooks) != 1 || inv.Hooks[0].TriggerID != "" || inv.Hooks[0].SecretKeys[0] != "K" {
		t.Errorf("hooks = %+v, want the first hook with its trigger cleared", inv.Hooks)
	}
}

func TestIsSnapshotRejectsOtherJSON(t *testing.T) {
	if IsSnapshot(writeTemp(t, "hook.json", `{"name": "x", "triggerId": "credentials-exchange"}`)) {
		t.Error("a Deploy CLI hook file was taken for a snapshot")
	}
	if IsSnapshot(filepath.Join(t.TempDir(), "missing.json")) {
		t.Error("a missing file was taken for a snapshot")
	}
}

// TestSnapshotResortedIsRecognised: jq -S sorts the keys, which moves
// "kind" after the (long) hooks; the file is still a snapshot.
func TestSnapshotResortedIsRecognised(t *testing.T) {
	long := strings.Repeat("// a long script\n", 200)
	content := `{"kind": "hooks2actions-snapshot", "snapshot_version": 1, "tenant": "t", "fetched_at": "2026-11-22T19:31:00Z",
  "hooks": [{"id": "1", "name": "a", "triggerId": "credentials-exchange", "script": ` + strconv.Quote(long) + `, "secret_keys": []}], "problems": []}`
	var doc map[string]any
	if err := json.Unmarshal([]byte(content), &doc); err != nil {
		t.Fatal(err)
	}
	sorted, err := json.MarshalIndent(doc, "", "  ") // maps marshal with sorted keys, as jq -S writes them
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Index(sorted, []byte(`"kind"`)) < 512 {
		t.Fatal("the test needs kind past the first 512 bytes")
	}
	path := writeTemp(t, "sorted.json", string(sorted))
	kind, err := DetectKind(path)
	if err != nil || kind != OriginSnapshot {
		t.Fatalf("DetectKind = %q, %v; want a snapshot", kind, err)
	}
	inv, err := LoadSnapshot(path)
	if err != nil || len(inv.Hooks) != 1 || string(inv.Hooks[0].Script) != long {
		t.Errorf("LoadSnapshot = %+v, %v", inv, err)
	}
}

// TestSnapshotMalformedEntryFailsAlone: one bad hook or problem entry is a
// problem of its own, and the other hooks load.
func TestSnapshotMalformedEntryFailsAlone(t *testing.T) {
	content := `{"kind": "hooks2actions-snapshot", "snapshot_version": 1, "tenant": "t", "hooks": [
  {"id": "1", "name": "good", "triggerId": "credentials-exchange", "script": "x", "secret_keys": []},
  {"id": "2", "name": "typed", "triggerId": "credentials-exchange", "script": 5},
  {"id": "3", "name": "twice", "triggerId": "credentials-exchange", "script": "a", "script": "b"},
  {"id": "4", "name": "also-good", "triggerId": "credentials-exchange", "script": "y", "secret_keys": []}
], "problems": [
  {"hook": "gone", "message": "fetching failed", "severity": "note"},
  {"hook": "gone2", "message": "fetching failed", "severity": "fine"},
  {"hook": 7}
]}`
	path := writeTemp(t, "s.json", content)
	inv, err := LoadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range inv.Hooks {
		names = append(names, h.Name)
	}
	if diff := cmp.Diff([]string{"good", "also-good"}, names); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
	var got []string
	for _, p := range inv.Problems {
		got = append(got, fmt.Sprintf("%s [%s]", p.Error(), p.Severity))
	}
	want := []string{
		path + `:3: hook "typed": the hook's entry cannot be read, the hook is left out: "script": a number where a string is wanted []`,
		path + `:4: hook "twice": the hook's entry cannot be read, the hook is left out: key "script" is given twice []`,
		path + `: hook "gone": when the snapshot was fetched: fetching failed [note]`,
		path + `: hook "gone2": when the snapshot was fetched: fetching failed (its severity is not error, warning or note: taken as an error) []`,
		path + `: a problem entry of the snapshot cannot be read: "hook": a number where a string is wanted []`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
