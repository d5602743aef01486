package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestActionsEndpoints(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	s := Start(t, WithClock(clock), WithBuildDelay(2*time.Second),
		WithScopes("read:actions", "create:actions", "update:actions"),
		WithActions(Action{ID: "old", Name: "old", Trigger: "post-user-registration", Version: "v2", Deployed: true}),
		WithBindings("post-user-registration", "old"))
	tok := s.IssueToken()
	send := func(method, path, body string) (int, string) {
		t.Helper()
		status, _, out := call(t, method, s.URL()+"/api/v2"+path, tok, strings.NewReader(body), "application/json")
		return status, out
	}

	status, body := send(http.MethodPost, "/actions/actions", `{"name":"new","code":"x","supported_triggers":[{"id":"post-user-registration","version":"v2"}],"secrets":[{"name":"K","value":"VALUE-1"}]}`)
	var created struct {
		ID      string `json:"id"`
		Status  string `json:"status"`
		Secrets []map[string]string
	}
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil || created.Status != "building" {
		t.Fatalf("create: %d %s", status, body)
	}
	if strings.Contains(body, "VALUE-1") || created.Secrets[0]["name"] != "K" {
		t.Errorf("the create response shows a secret value or no name: %s", body)
	}
	if status, body := send(http.MethodPost, "/actions/actions", `{"name":"new","supported_triggers":[{"id":"post-user-registration","version":"v2"}]}`); status != http.StatusConflict {
		t.Errorf("same name again: %d %s", status, body)
	}
	if status, body := send(http.MethodPost, "/actions/actions", `{"name":"x","supported_triggers":[{"id":"post-user-registration","version":"v2"}],"extra":1}`); status != http.StatusBadRequest {
		t.Errorf("unknown field: %d %s", status, body)
	}
	if status, body := send(http.MethodPost, "/actions/actions/"+created.ID+"/deploy", ``); status != http.StatusBadRequest || !strings.Contains(body, "must be in the 'built' state") {
		t.Errorf("deploy while building: %d %s", status, body)
	}
	now = now.Add(2 * time.Second)
	if status, body := send(http.MethodPost, "/actions/actions/"+created.ID+"/deploy", ``); status != http.StatusAccepted {
		t.Errorf("deploy once built: %d %s", status, body)
	}
	// PATCH replaces the whole list, in the order given.
	status, body = send(http.MethodPatch, "/actions/triggers/post-user-registration/bindings",
		`{"bindings":[{"ref":{"type":"action_name","value":"new"}},{"ref":{"type":"action_id","value":"old"},"display_name":"Old"}]}`)
	if status != http.StatusOK {
		t.Fatalf("bindings: %d %s", status, body)
	}
	if got := strings.Join(s.BoundActions("post-user-registration"), ","); got != "new,old" {
		t.Errorf("bound: %s", got)
	}
	if status, _, body := get(t, s, "/api/v2/actions/triggers/post-user-registration/bindings?per_page=1&page=1", tok); status != 200 || !strings.Contains(body, `"display_name":"Old"`) || !strings.Contains(body, `"total":2`) {
		t.Errorf("second page of bindings: %d %s", status, body)
	}
	if status, _, body := get(t, s, "/api/v2/actions/actions?per_page=1&page=1", tok); status != 200 || strings.Contains(body, "VALUE-1") || !strings.Contains(body, `"name":"old"`) {
		t.Errorf("list page 2: %d %s", status, body)
	}
	// An update without values keeps them; one with a value replaces it.
	send(http.MethodPatch, "/actions/actions/"+created.ID, `{"secrets":[{"name":"K"}]}`)
	if v := s.Actions()[0].Secrets[0].Value; v != "VALUE-1" {
		t.Errorf("secret kept: %q", v)
	}
	if status, body := send(http.MethodPatch, "/actions/actions/"+created.ID, `{"secrets":[{"name":"K","value":"`+strings.Repeat("v", 4097)+`"}]}`); status != http.StatusBadRequest || strings.Contains(body, "vvvv") {
		t.Errorf("value over 4096: %d %.200s", status, body)
	}
}

func TestActionsScopes(t *testing.T) {
	s := Start(t, WithScopes("read:actions"))
	tok := s.IssueToken()
	status, _, body := call(t, http.MethodPost, s.URL()+"/api/v2/actions/actions", tok, strings.NewReader(`{}`), "application/json")
	if status != http.StatusForbidden || !strings.Contains(body, "create:actions") {
		t.Errorf("create without create:actions: %d %s", status, body)
	}
}
