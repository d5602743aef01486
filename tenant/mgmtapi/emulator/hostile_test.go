package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestEchoCredentialsInEveryErrorField(t *testing.T) {
	s := Start(t, WithClient("cid", "the-client-secret-0123"), WithEchoCredentials())
	bad := url.Values{"grant_type": {"client_credentials"}, "client_id": {"cid"}, "client_secret": {"a-wrong-secret-4567"}, "audience": {s.Audience()}}
	status, _, body := call(t, http.MethodPost, s.URL()+"/oauth/token", "", strings.NewReader(bad.Encode()), "application/x-www-form-urlencoded")
	var oauth map[string]string
	if err := json.Unmarshal([]byte(body), &oauth); err != nil || status != 401 {
		t.Fatalf("token: %d %s", status, body)
	}
	for _, field := range []string{"error", "error_description"} {
		if !strings.Contains(oauth[field], "client_secret=a-wrong-secret-4567") {
			t.Errorf("token error field %s = %q: does not echo the secret sent", field, oauth[field])
		}
	}

	tok := s.IssueToken("read:users") // a 403 on the hooks
	status, _, body = get(t, s, "/api/v2/hooks", tok)
	var apiErr map[string]any
	if err := json.Unmarshal([]byte(body), &apiErr); err != nil || status != 403 {
		t.Fatalf("hooks: %d %s", status, body)
	}
	for _, field := range []string{"error", "message", "errorCode"} {
		text, _ := apiErr[field].(string)
		if !strings.Contains(text, "token="+tok) || !strings.Contains(text, "the-client-secret-0123") || !strings.Contains(text, tok[3:len(tok)-3]) {
			t.Errorf("API error field %s = %q: does not echo the token and the secret", field, text)
		}
	}
	s.SetEchoCredentials(false)
	if _, _, body = get(t, s, "/api/v2/hooks", tok); strings.Contains(body, tok) {
		t.Errorf("echo turned off, still echoes: %s", body)
	}
}

func TestReportedTotalLies(t *testing.T) {
	s := Start(t, WithHooks(SyntheticHooks(7)...), WithReportedTotal(2))
	_, _, body := get(t, s, "/api/v2/hooks?include_totals=true&page=0&per_page=5", s.IssueToken())
	var page struct {
		Total int              `json:"total"`
		Hooks []map[string]any `json:"hooks"`
	}
	if err := json.Unmarshal([]byte(body), &page); err != nil || page.Total != 2 || len(page.Hooks) != 5 {
		t.Errorf("page %s: want total 2 and 5 hooks", body)
	}
}

func TestFaultRetryAfterValueAndHookID(t *testing.T) {
	hooks := SyntheticHooks(2)
	s := Start(t, WithHooks(hooks...))
	s.Inject(1, Fault{HookID: hooks[1].ID, Status: 429, RetryAfterValue: "9300000000"})
	tok := s.IssueToken()
	if status, _, _ := get(t, s, "/api/v2/hooks/"+hooks[0].ID, tok); status != 200 {
		t.Errorf("the other hook got %d", status)
	}
	status, h, _ := get(t, s, "/api/v2/hooks/"+hooks[1].ID, tok)
	if status != 429 || h.Get("Retry-After") != "9300000000" {
		t.Errorf("got %d with Retry-After %q", status, h.Get("Retry-After"))
	}
}
