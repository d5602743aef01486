package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// call makes one request and returns the status, headers and body.
func call(t *testing.T, method, rawURL, token string, body io.Reader, contentType string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

func get(t *testing.T, s *Server, path, token string) (int, http.Header, string) {
	t.Helper()
	return call(t, http.MethodGet, s.URL()+path, token, nil, "")
}

func TestTokenEndpoint(t *testing.T) {
	s := Start(t, WithClient("cid", "csecret"))
	form := func(v url.Values) (int, string) {
		status, _, body := call(t, http.MethodPost, s.URL()+"/oauth/token", "", strings.NewReader(v.Encode()), "application/x-www-form-urlencoded")
		return status, body
	}
	good := url.Values{"grant_type": {"client_credentials"}, "client_id": {"cid"}, "client_secret": {"csecret"}, "audience": {s.Audience()}}
	status, body := form(good)
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		Scope       string `json:"scope"`
		TokenType   string `json:"token_type"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &tok) != nil || tok.TokenType != "Bearer" || tok.Scope != "read:hooks read:actions" || tok.ExpiresIn != 86400 {
		t.Fatalf("token: %d %s", status, body)
	}
	if status, _, _ := get(t, s, "/api/v2/hooks", tok.AccessToken); status != 200 {
		t.Errorf("the issued token gets %d", status)
	}

	bad := map[string]struct {
		change func(url.Values)
		status int
		want   string
	}{
		"secret":   {func(v url.Values) { v.Set("client_secret", "x") }, 401, `"error":"access_denied"`},
		"audience": {func(v url.Values) { v.Set("audience", "https://other/api/v2/") }, 403, "Service not enabled within domain"},
		"grant":    {func(v url.Values) { v.Set("grant_type", "password") }, 403, "unsupported_grant_type"},
	}
	for name, tt := range bad {
		v := url.Values{}
		for k, vs := range good {
			v[k] = vs
		}
		tt.change(v)
		if status, body := form(v); status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d %s, want %d with %q", name, status, body, tt.status, tt.want)
		}
	}
	js, _ := json.Marshal(map[string]string{"grant_type": "client_credentials", "client_id": "cid", "client_secret": "csecret", "audience": s.Audience()})
	if status, _, _ := call(t, http.MethodPost, s.URL()+"/oauth/token", "", strings.NewReader(string(js)), "application/json"); status != 400 {
		t.Errorf("JSON body: %d, want 400 (form-encoded only)", status)
	}
}

func TestPrefix(t *testing.T) {
	s := Start(t)
	u, _ := url.Parse(s.URL())
	status, _, body := call(t, http.MethodGet, u.Scheme+"://"+u.Host+"/api/v2/hooks", s.IssueToken(), nil, "")
	if status != 404 || strings.HasPrefix(body, "{") {
		t.Errorf("outside the prefix: %d %q, want a plain-text 404", status, body)
	}
	if s.Requests(EndpointOther) != 1 || s.Requests(EndpointList) != 0 {
		t.Errorf("counted as %d other, %d list", s.Requests(EndpointOther), s.Requests(EndpointList))
	}
}

func TestListShapesAndValidation(t *testing.T) {
	s := Start(t, WithHooks(SyntheticHooks(7)...))
	tok := s.IssueToken()
	status, _, body := get(t, s, "/api/v2/hooks?page=1&per_page=3&include_totals=true&fields=id", tok)
	want := `{"hooks":[{"id":"01HOOK00000000000000000003"},{"id":"01HOOK00000000000000000004"},{"id":"01HOOK00000000000000000005"}],"limit":3,"start":3,"total":7}`
	if status != 200 || body != want {
		t.Errorf("paged list: %d\n%s\nwant\n%s", status, body, want)
	}
	_, _, body = get(t, s, "/api/v2/hooks?page=2&per_page=3&fields=name", tok)
	if body != `[{"name":"hook-00006"}]` {
		t.Errorf("plain array: %s", body)
	}
	_, _, body = get(t, s, "/api/v2/hooks?triggerId=send-phone-message&fields=name&include_fields=true", tok)
	if body != `[{"name":"hook-00004"}]` {
		t.Errorf("trigger filter: %s", body)
	}
	for _, q := range []string{"per_page=101", "page=-1", "include_totals=yes", "triggerId=pre-login", "include_field=true"} {
		if status, _, body := get(t, s, "/api/v2/hooks?"+q, tok); status != 400 || !strings.Contains(body, "Query validation error") {
			t.Errorf("?%s: %d %s, want a 400", q, status, body)
		}
	}
}

func TestHookListVariants(t *testing.T) {
	s := Start(t, WithHooks(SyntheticHooks(7)...), WithHookList(HookList{Bare: true, PageCap: 2}))
	status, _, body := get(t, s, "/api/v2/hooks?page=1&per_page=50&include_totals=true&fields=name", s.IssueToken())
	if want := `[{"name":"hook-00002"},{"name":"hook-00003"}]`; status != 200 || body != want {
		t.Errorf("capped bare list: %d %s, want %s", status, body, want)
	}
}

func TestHookAndMaskedSecrets(t *testing.T) {
	s := Start(t, WithHooks(Hook{ID: "h1", Name: "one", TriggerID: "pre-user-registration", Script: "x",
		Secrets: map[string]string{"A": "real-a", "B": "real-b"}}))
	tok := s.IssueToken()
	_, _, body := get(t, s, "/api/v2/hooks/h1", tok)
	if body != `{"dependencies":{},"enabled":false,"id":"h1","name":"one","script":"x","triggerId":"pre-user-registration"}` {
		t.Errorf("hook: %s", body)
	}
	_, _, body = get(t, s, "/api/v2/hooks/h1/secrets", tok)
	if body != `{"A":"_VALUE_NOT_SHOWN_","B":"_VALUE_NOT_SHOWN_"}` {
		t.Errorf("secrets: %s", body)
	}
	status, _, body := get(t, s, "/api/v2/hooks/nope/secrets", tok)
	if status != 404 || !strings.Contains(body, `"errorCode":"inexistent_hook"`) {
		t.Errorf("missing hook: %d %s", status, body)
	}
	for token, want := range map[string]int{"": 401, "bogus": 401, s.IssueToken("read:users"): 403} {
		if status, _, _ := get(t, s, "/api/v2/hooks/h1", token); status != want {
			t.Errorf("token %q: %d, want %d", token, status, want)
		}
	}
}

func TestRateLimitHeadersAndBucket(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	s := Start(t, WithClock(func() time.Time { return now }), WithRateLimit(3, 2))
	tok := s.IssueToken()
	var got []string
	for range 4 {
		status, h, _ := get(t, s, "/api/v2/hooks", tok)
		got = append(got, strconv.Itoa(status)+" "+h.Get("X-RateLimit-Limit")+" "+h.Get("X-RateLimit-Remaining")+" "+h.Get("X-RateLimit-Reset"))
	}
	// At 2 per second the next request is added 0.5s after the bucket
	// runs dry: the reset rounds up to the next whole second.
	next := strconv.FormatInt(now.Unix()+1, 10)
	want := []string{"200 3 2 " + next, "200 3 1 " + next, "200 3 0 " + next, "429 3 0 " + next}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	now = now.Add(500 * time.Millisecond)
	if status, _, _ := get(t, s, "/api/v2/hooks", tok); status != 200 {
		t.Errorf("after the refill: %d", status)
	}
}

func TestFaults(t *testing.T) {
	s := Start(t, WithHooks(SyntheticHooks(1)...))
	tok := s.IssueToken()
	s.Inject(1, Fault{Status: 429, ResetIn: 3 * time.Second, RetryAfter: true})
	s.Fail(1, 503)
	s.Truncate(1)
	status, h, _ := get(t, s, "/api/v2/hooks", tok)
	if status != 429 || h.Get("Retry-After") != "3" || h.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("429: %d %v", status, h)
	}
	if status, _, _ := get(t, s, "/api/v2/hooks", tok); status != 503 {
		t.Errorf("503: %d", status)
	}
	if status, _, body := get(t, s, "/api/v2/hooks", tok); status != 200 || json.Valid([]byte(body)) {
		t.Errorf("truncated: %d %q", status, body)
	}
	if status, _, body := get(t, s, "/api/v2/hooks", tok); status != 200 || !json.Valid([]byte(body)) {
		t.Errorf("after the faults: %d %q", status, body)
	}
	if s.EarlyRequests() != 3 {
		t.Errorf("%d early requests, want 3 (all came before the reset)", s.EarlyRequests())
	}
	s.SetHooksMode(HooksDeprecated403)
	if _, _, body := get(t, s, "/api/v2/hooks/01HOOK00000000000000000000", tok); !strings.Contains(body, "deprecated feature") {
		t.Errorf("hooks off: %s", body)
	}
}

// recordedTriggerBody is go-auth0's recording of GET /actions/triggers on
// a live tenant (TestActionManager_Triggers.yaml, 2023-01-26).
const recordedTriggerBody = `{"triggers":[{"id":"post-login","version":"v1","status":"DEPRECATED","runtimes":["node12"],"default_runtime":"node12","compatible_triggers":[]},{"id":"post-login","version":"v2","status":"DEPRECATED","runtimes":["node12","node16","node18"],"default_runtime":"node16","compatible_triggers":[]},{"id":"post-login","version":"v3","status":"CURRENT","runtimes":["node12","node16","node18"],"default_runtime":"node16","compatible_triggers":[{"id":"post-login","version":"v2"}]},{"id":"credentials-exchange","version":"v2","status":"CURRENT","runtimes":["node12","node16","node18"],"default_runtime":"node16","compatible_triggers":[]},{"id":"credentials-exchange","version":"v1","status":"DEPRECATED","runtimes":["node12"],"default_runtime":"node12","compatible_triggers":[]},{"id":"pre-user-registration","version":"v1","status":"DEPRECATED","runtimes":["node12"],"default_runtime":"node12","compatible_triggers":[]},{"id":"pre-user-registration","version":"v2","status":"CURRENT","runtimes":["node12","node16","node18"],"default_runtime":"node16","compatible_triggers":[]},{"id":"post-user-registration","version":"v1","status":"DEPRECATED","runtimes":["node12"],"default_runtime":"node12","compatible_triggers":[]},{"id":"post-user-registration","version":"v2","status":"CURRENT","runtimes":["node12","node16","node18"],"default_runtime":"node16","compatible_triggers":[]},{"id":"post-change-password","version":"v2","status":"CURRENT","runtimes":["node12","node16","node18"],"default_runtime":"node16","compatible_triggers":[]},{"id":"post-change-password","version":"v1","status":"DEPRECATED","runtimes":["node12"],"default_runtime":"node12","compatible_triggers":[]},{"id":"send-phone-message","version":"v1","status":"DEPRECATED","runtimes":["node12"],"compatible_triggers":[]},{"id":"send-phone-message","version":"v2","status":"CURRENT","runtimes":["node12","node16","node18"],"default_runtime":"node16","compatible_triggers":[]}]}`

func TestActionTriggers(t *testing.T) {
	s := Start(t)
	tok := s.IssueToken()
	status, h, body := get(t, s, "/api/v2/actions/triggers", tok)
	if status != 200 || body != recordedTriggerBody {
		t.Errorf("triggers: %d\n%s\nwant the recording\n%s", status, body, recordedTriggerBody)
	}
	if h.Get("X-RateLimit-Limit") == "" {
		t.Error("no rate-limit headers")
	}
	if status, _, body := get(t, s, "/api/v2/actions/triggers?per_page=10", tok); status != 400 || !strings.Contains(body, "Query validation error") {
		t.Errorf("with a query: %d %s, want a 400", status, body)
	}
	if status, _, _ := call(t, http.MethodPost, s.URL()+"/api/v2/actions/triggers", tok, nil, ""); status != 405 {
		t.Errorf("POST: %d, want 405", status)
	}
	// Actions are there whether or not the tenant has Hooks.
	s.SetHooksMode(HooksDeprecated403)
	if status, _, _ := get(t, s, "/api/v2/actions/triggers", tok); status != 200 {
		t.Errorf("with Hooks turned off: %d", status)
	}
	if got := s.Requests(EndpointTriggers); got != 3 {
		t.Errorf("%d trigger list requests counted, want 3", got)
	}
}

func TestActionTriggersScope(t *testing.T) {
	s := Start(t, WithHooks(SyntheticHooks(1)...), WithoutScopes("read:actions"))
	hooksOnly := s.IssueToken()
	status, _, body := get(t, s, "/api/v2/actions/triggers", hooksOnly)
	if status != 403 || !strings.Contains(body, `"message":"Insufficient scope, expected any of: read:actions","errorCode":"insufficient_scope"`) {
		t.Errorf("without read:actions: %d %s", status, body)
	}
	if status, _, _ := get(t, s, "/api/v2/hooks", hooksOnly); status != 200 {
		t.Errorf("hooks without read:actions: %d", status)
	}
	actionsOnly := s.IssueToken("read:actions")
	if status, _, _ := get(t, s, "/api/v2/actions/triggers", actionsOnly); status != 200 {
		t.Errorf("read:actions only: %d", status)
	}
	if status, _, body := get(t, s, "/api/v2/hooks", actionsOnly); status != 403 || !strings.Contains(body, "read:hooks") {
		t.Errorf("hooks with read:actions only: %d %s", status, body)
	}
	for token, want := range map[string]int{"": 401, "bogus": 401} {
		if status, _, _ := get(t, s, "/api/v2/actions/triggers", token); status != want {
			t.Errorf("token %q: %d, want %d", token, status, want)
		}
	}
}

func TestWithTriggerVersion(t *testing.T) {
	type entry struct{ ID, Version, Status, Compatible string }
	list := func(s *Server) []entry {
		_, _, body := get(t, s, "/api/v2/actions/triggers", s.IssueToken())
		var got struct {
			Triggers []struct {
				ID, Version, Status string
				CompatibleTriggers  []struct{ ID, Version string } `json:"compatible_triggers"`
			}
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		var out []entry
		for _, tr := range got.Triggers {
			e := entry{ID: tr.ID, Version: tr.Version, Status: tr.Status}
			for _, c := range tr.CompatibleTriggers {
				e.Compatible += c.ID + "@" + c.Version
			}
			out = append(out, e)
		}
		return out
	}
	of := func(entries []entry, id string) []entry {
		var out []entry
		for _, e := range entries {
			if e.ID == id {
				out = append(out, e)
			}
		}
		return out
	}
	s := Start(t,
		WithTriggerVersion("post-user-registration", "v3"),
		WithTriggerVersion("post-login", "v2"),
		WithTriggerVersion("send-phone-message", ""),
		WithTriggerVersion("custom-phone-provider", "v1"),
	)
	got := list(s)
	want := []entry{
		{"post-user-registration", "v1", "DEPRECATED", ""},
		{"post-user-registration", "v2", "DEPRECATED", ""},
		{"post-user-registration", "v3", "CURRENT", "post-user-registration@v2"},
	}
	if diff := cmp.Diff(want, of(got, "post-user-registration")); diff != "" {
		t.Errorf("a new version (-want +got):\n%s", diff)
	}
	want = []entry{
		{"post-login", "v1", "DEPRECATED", ""},
		{"post-login", "v2", "CURRENT", ""},
		{"post-login", "v3", "DEPRECATED", "post-login@v2"},
	}
	if diff := cmp.Diff(want, of(got, "post-login")); diff != "" {
		t.Errorf("a listed version (-want +got):\n%s", diff)
	}
	if e := of(got, "send-phone-message"); len(e) != 0 {
		t.Errorf("left out, yet listed: %v", e)
	}
	if diff := cmp.Diff([]entry{{"custom-phone-provider", "v1", "CURRENT", ""}}, of(got, "custom-phone-provider")); diff != "" {
		t.Errorf("a new trigger (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]entry{{"pre-user-registration", "v1", "DEPRECATED", ""}, {"pre-user-registration", "v2", "CURRENT", ""}},
		of(got, "pre-user-registration")); diff != "" {
		t.Errorf("untouched (-want +got):\n%s", diff)
	}
}
