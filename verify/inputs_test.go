package verify

import (
	"encoding/json"
	"strings"
	"testing"
)

// at reads a dotted path from JSON-shaped data, as the code under test
// would; ok is false when a step is missing.
func at(v any, path string) (any, bool) {
	for _, step := range strings.Split(path, ".") {
		m, isMap := v.(map[string]any)
		if !isMap {
			return nil, false
		}
		if v, isMap = m[step]; !isMap {
			return nil, false
		}
	}
	return v, true
}

// jsonShaped is data as the code sees it: what JSON.parse gives.
func jsonShaped(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The hook's parameters and the Action's event come from one description:
// every field of the domain facts' mapping (§4.3) holds the same value on
// both sides, or the documented different one.
func TestHookAndEventAgree(t *testing.T) {
	same := map[string][][2]string{
		"credentials-exchange": {{"client.id", "client.client_id"}, {"client.name", "client.name"},
			{"client.metadata", "client.metadata"}, {"audience", "resource_server.identifier"},
			{"context.body", "request.body"}, {"client.tenant", "tenant.id"}, {"context.clientID", "client.client_id"}},
		"pre-user-registration": {{"user.email", "user.email"}, {"user.username", "user.username"},
			{"user.phoneNumber", "user.phone_number"}, {"context.connection.id", "connection.id"},
			{"context.connection.name", "connection.name"}, {"context.connection.tenant", "tenant.id"},
			{"context.requestLanguage", "request.language"}, {"user.user_metadata", "user.user_metadata"},
			{"user.app_metadata", "user.app_metadata"}},
		"post-user-registration": {{"user.email", "user.email"}, {"user.emailVerified", "user.email_verified"},
			{"user.phoneNumber", "user.phone_number"}, {"user.phoneNumberVerified", "user.phone_verified"},
			{"user.user_metadata", "user.user_metadata"}, {"user.app_metadata", "user.app_metadata"},
			{"context.connection.name", "connection.name"}, {"user.tenant", "tenant.id"}},
		"post-change-password": {{"user.email", "user.email"}, {"user.username", "user.username"},
			{"user.last_password_reset", "user.last_password_reset"}, {"context.connection.id", "connection.id"}},
		"send-phone-message": {{"recipient", "message_options.recipient"}, {"text", "message_options.text"},
			{"context.message_type", "message_options.message_type"}, {"context.action", "message_options.action"},
			{"context.code", "message_options.code"}, {"context.ip", "request.ip"},
			{"context.user_agent", "request.user_agent"}, {"context.client.client_id", "client.client_id"},
			{"context.client.client_metadata", "client.metadata"}, {"context.user.user_id", "user.user_id"},
			{"context.user.user_metadata", "user.user_metadata"}},
	}
	secrets := map[string]string{"API_KEY": "secret-placeholder-api-key-1-end"}
	for trigger, pairs := range same {
		for _, in := range samples(trigger) {
			hook := jsonShaped(t, in.hookParams(trigger, secrets))
			event := jsonShaped(t, in.event(trigger, secrets))
			for _, p := range pairs {
				h, hok := at(hook, p[0])
				e, eok := at(event, p[1])
				if hok != eok || hok && !equalJSON(t, h, e) {
					t.Errorf("%s %s: hook %s = %v (%v), event %s = %v (%v)", trigger, in.Name, p[0], h, hok, p[1], e, eok)
				}
			}
			if h, _ := at(hook, "context.webtask.secrets"); !equalJSON(t, h, mustAt(t, event, "secrets")) {
				t.Errorf("%s %s: the secrets differ", trigger, in.Name)
			}
		}
	}
}

func mustAt(t *testing.T, v any, path string) any {
	t.Helper()
	out, ok := at(v, path)
	if !ok {
		t.Fatalf("no %s", path)
	}
	return out
}

func equalJSON(t *testing.T, a, b any) bool {
	return string(mustJSON(t, a)) == string(mustJSON(t, b))
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The documented differences (§4.2, §4.5) are modelled.
func TestHookAndEventDocumentedDifferences(t *testing.T) {
	for _, trigger := range []string{"post-user-registration", "post-change-password"} {
		in := samples(trigger)[0]
		hook := jsonShaped(t, in.hookParams(trigger, nil))
		event := jsonShaped(t, in.event(trigger, nil))
		id, userID := mustAt(t, hook, "user.id"), mustAt(t, event, "user.user_id")
		if "auth0|"+id.(string) != userID {
			t.Errorf("%s: hook user.id %v, event user.user_id %v: want the event's with the auth0| prefix", trigger, id, userID)
		}
	}
	minimal := samples("credentials-exchange")[1]
	hook := jsonShaped(t, minimal.hookParams("credentials-exchange", nil))
	event := jsonShaped(t, minimal.event("credentials-exchange", nil))
	if _, ok := at(hook, "scope"); ok {
		t.Error("minimal credentials exchange: the hook's scope should be undefined")
	}
	if s := mustAt(t, event, "accessToken.scope"); len(s.([]any)) != 0 {
		t.Errorf("minimal credentials exchange: event.accessToken.scope = %v, want []", s)
	}
}
