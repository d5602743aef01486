package verify

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/jsontext"
)

// sample is one synthetic execution of a trigger, described once and
// projected into both the hook's parameters and the Action's event, so that
// both sides see the same data (domain facts §4.2, §4.3, §4.5).
type sample struct {
	// Name and About say what the sample is, in a difference's report.
	Name  string
	About string

	Tenant string
	// UserID is the database user's id without its connection prefix;
	// Provider is that prefix ("auth0").
	UserID, Provider                 string
	Email, Username, Phone, FullName string
	EmailVerified, PhoneVerified     bool
	UserMetadata, AppMetadata        map[string]any
	LastPasswordReset                string
	Password                         string

	ConnectionID, ConnectionName string
	// Strategy is the connection's, "auth0" (a database) when empty.
	Strategy string

	ClientID, ClientName string
	ClientMetadata       map[string]any
	// Scope is nil when the client asked for none: the hook got undefined.
	Scope    []string
	Audience string
	// TokenRequest is the body of the token request (CCE).
	TokenRequest map[string]any

	Language, IP, UserAgent string

	// Send phone message.
	Recipient, Text, MessageType, MessageAction, Code string

	// NoSecrets runs without any secret value.
	NoSecrets bool
}

// unsetSecrets is in with no secret value set: the state of an Action
// whose secrets the operator has not supplied yet (hook secret values
// cannot be read back, domain facts §4.1). A hook's guards for a missing
// secret (if (!secrets.API_KEY) return cb(new Error(...)), KEY || default)
// only run there, and a draft must keep them as well as the rest.
func unsetSecrets(in sample) sample {
	in.Name, in.About = "no-secrets", in.About+", no secret value set"
	in.NoSecrets = true
	return in
}

// samples are the inputs every trigger is run on: every optional field
// set, none set, and for phone messages a voice call too.
func samples(triggerID string) []sample {
	full := sample{
		Name: "full", About: "every optional field set",
		Tenant: "acme-verify", UserID: "5f9b1c2d3e4f5a6b7c8d9e0f", Provider: "auth0",
		Email: "Jane.Doe@Partner.example", Username: "jdoe", Phone: "+15555550123", FullName: "Jane Doe",
		EmailVerified: true, PhoneVerified: true,
		UserMetadata:      map[string]any{"locale": "en-GB", "plan": "trial"},
		AppMetadata:       map[string]any{"roles": []any{"member"}, "tier": 2},
		LastPasswordReset: "2026-12-01T11:59:00.000Z", Password: "not-a-real-password",
		ConnectionID: "con_verify0001", ConnectionName: "Username-Password-Authentication",
		ClientID: "verifyClientId0001", ClientName: "Verify M2M Client",
		ClientMetadata: map[string]any{"org_id": "org_verify0001", "plan": "gold"},
		Scope:          []string{"read:reports", "write:reports"}, Audience: "https://api.verify.example/",
		Language: "en", IP: "203.0.113.7", UserAgent: "Mozilla/5.0 (verify)",
		Recipient: "+15555550123", Text: "Your verification code is: 123456", MessageType: "sms",
		MessageAction: "second-factor-authentication", Code: "123456",
	}
	full.TokenRequest = map[string]any{"grant_type": "client_credentials", "client_id": full.ClientID, "audience": full.Audience}
	minimal := sample{
		Name: "minimal", About: "no optional field set",
		Tenant: "acme-verify", UserID: "6a0c2d3e4f5a6b7c8d9e0f1a", Provider: "auth0",
		Email: "someone@example.com", Password: "not-a-real-password",
		ConnectionID: "con_verify0001", ConnectionName: "Username-Password-Authentication",
		ClientID: "verifyClientId0002", ClientName: "Verify Client", ClientMetadata: map[string]any{},
		Audience:  "https://api.verify.example/",
		Recipient: "+15555550199", Text: "123456", MessageType: "sms", MessageAction: "enrollment", Code: "123456",
	}
	minimal.TokenRequest = map[string]any{"grant_type": "client_credentials", "client_id": minimal.ClientID, "audience": minimal.Audience}
	out := []sample{full, minimal}
	if triggerID == "pre-user-registration" || triggerID == "post-user-registration" {
		// Passwordless sign-ups by text message run these triggers too:
		// a user with a phone number and no email, nor password. Its id
		// keeps the database's provider: what the hook's user.id held for
		// such a user is not documented (domain facts §4.5).
		phone := minimal
		phone.Name, phone.About = "phone", "a passwordless sign-up by text message: a phone number, no email"
		phone.Email, phone.Password, phone.Phone = "", "", "+15555550142"
		phone.ConnectionID, phone.ConnectionName, phone.Strategy = "con_verify0002", "sms", "sms"
		out = append(out, phone)
	}
	if triggerID == "send-phone-message" {
		voice := full
		voice.Name, voice.About = "voice", "a voice call instead of a text message"
		voice.MessageType = "voice"
		out = append(out, voice)
	}
	return out
}

// set puts a field in unless its value is the zero value (absent).
func set(m map[string]any, key string, v any) {
	if !absent(v) {
		m[key] = v
	}
}

// absent says whether a value stands for a field the execution did not
// have: an empty string, a nil map or list.
func absent(v any) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case map[string]any:
		return x == nil
	case []string:
		return x == nil
	}
	return false
}

// object is a JSON object whose keys keep the order they were added in.
// The hook's parameters are built in the order of the hook starter code's
// documentation (domain facts §4.2), the only order on record: code that
// turns a parameter into text (JSON.stringify(user) in a message) then
// reads what the platform showed, not an order of the verifier's making.
type object jsontext.Object

// with adds a field unless its value is absent.
func (o object) with(key string, v any) object {
	if absent(v) {
		return o
	}
	return append(o, jsontext.Member{Key: key, Value: v})
}

func (o object) MarshalJSON() ([]byte, error) { return jsontext.Object(o).MarshalJSON() }

// hookParams are the hook's parameters by name (the callback excepted),
// their fields in the documented order.
func (s sample) hookParams(triggerID string, secrets map[string]string) map[string]any {
	webtask := object{}.with("secrets", secrets)
	connection := object{}.with("id", s.ConnectionID).with("name", s.ConnectionName).with("tenant", s.Tenant)
	switch triggerID {
	case "credentials-exchange":
		client := object{}.with("name", s.ClientName).with("id", s.ClientID).with("tenant", s.Tenant).with("metadata", s.ClientMetadata)
		// The migration guide maps context.clientID to
		// event.client.client_id (§4.1); the starter code lists only the
		// webtask, the token request's body came on context.body (§4.3).
		ctx := object{}.with("clientID", s.ClientID).with("webtask", webtask).with("body", s.TokenRequest)
		p := map[string]any{"client": client, "audience": s.Audience, "context": ctx}
		set(p, "scope", s.Scope)
		return p
	case "pre-user-registration":
		user := object{}.with("tenant", s.Tenant).with("username", s.Username).with("password", s.Password).
			with("email", s.Email).with("emailVerified", s.EmailVerified).with("phoneNumber", s.Phone).
			with("phoneNumberVerified", s.PhoneVerified).with("user_metadata", s.UserMetadata)
		ctx := object{}.with("requestLanguage", s.Language).with("renderLanguage", s.Language).
			with("connection", connection).with("webtask", webtask)
		return map[string]any{"user": user, "context": ctx}
	case "post-user-registration":
		// The hook's id has no "auth0|" prefix (§4.5).
		user := object{}.with("id", s.UserID).with("tenant", s.Tenant).with("username", s.Username).
			with("email", s.Email).with("emailVerified", s.EmailVerified).with("phoneNumber", s.Phone).
			with("phoneNumberVerified", s.PhoneVerified).with("user_metadata", orEmpty(s.UserMetadata)).
			with("app_metadata", orEmpty(s.AppMetadata))
		ctx := object{}.with("requestLanguage", s.Language).with("connection", connection).with("webtask", webtask)
		return map[string]any{"user": user, "context": ctx}
	case "post-change-password":
		// Modelled like post-user-registration: the same database user id,
		// without its prefix (the PCP format is undocumented, §4.5).
		user := object{}.with("id", s.UserID).with("username", s.Username).with("email", s.Email).
			with("last_password_reset", s.LastPasswordReset)
		return map[string]any{"user": user, "context": object{}.with("connection", connection).with("webtask", webtask)}
	case "send-phone-message":
		client := object{}.with("client_id", s.ClientID).with("name", s.ClientName).with("client_metadata", s.ClientMetadata)
		ctx := object{}.with("message_type", s.MessageType).with("action", s.MessageAction).with("language", s.Language).
			with("code", s.Code).with("ip", s.IP).with("user_agent", s.UserAgent).with("client", client).
			with("user", s.phoneUser()).with("webtask", webtask)
		return map[string]any{"recipient": s.Recipient, "text": s.Text, "context": ctx}
	}
	return nil
}

func (s sample) phoneUser() object {
	return object{}.with("user_id", s.Provider+"|"+s.UserID).with("name", s.FullName).with("email", s.Email).
		with("app_metadata", orEmpty(s.AppMetadata)).with("user_metadata", orEmpty(s.UserMetadata))
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// event is the Action's event for the same execution.
func (s sample) event(triggerID string, secrets map[string]string) map[string]any {
	e := map[string]any{"secrets": secrets, "tenant": map[string]any{"id": s.Tenant}}
	request := map[string]any{}
	set(request, "ip", s.IP)
	set(request, "user_agent", s.UserAgent)
	set(request, "language", s.Language)
	strategy := s.Strategy
	if strategy == "" {
		strategy = "auth0"
	}
	connection := map[string]any{"id": s.ConnectionID, "name": s.ConnectionName, "strategy": strategy, "metadata": map[string]any{}}
	switch triggerID {
	case "credentials-exchange":
		e["client"] = map[string]any{"client_id": s.ClientID, "name": s.ClientName, "metadata": s.ClientMetadata}
		e["resource_server"] = map[string]any{"identifier": s.Audience}
		scope := s.Scope
		if scope == nil {
			scope = []string{}
		}
		e["accessToken"] = map[string]any{"scope": scope}
		e["transaction"] = map[string]any{"requested_scopes": scope}
		request["body"] = s.TokenRequest
		e["request"] = request
	case "pre-user-registration":
		// Metadata only when the sign-up carried some, as for the hook:
		// nothing documents an empty object on either side.
		user := map[string]any{}
		set(user, "email", s.Email)
		set(user, "user_metadata", s.UserMetadata)
		set(user, "username", s.Username)
		set(user, "phone_number", s.Phone)
		e["user"], e["connection"], e["request"] = user, connection, request
	case "post-user-registration":
		user := map[string]any{"user_id": s.Provider + "|" + s.UserID,
			"email_verified": s.EmailVerified, "phone_verified": s.PhoneVerified,
			"user_metadata": orEmpty(s.UserMetadata), "app_metadata": orEmpty(s.AppMetadata)}
		set(user, "email", s.Email)
		set(user, "username", s.Username)
		set(user, "phone_number", s.Phone)
		e["user"], e["connection"], e["request"] = user, connection, request
	case "post-change-password":
		user := map[string]any{"user_id": s.Provider + "|" + s.UserID, "email": s.Email, "email_verified": s.EmailVerified}
		set(user, "username", s.Username)
		set(user, "last_password_reset", s.LastPasswordReset)
		e["user"], e["connection"], e["request"] = user, connection, request
	case "send-phone-message":
		e["message_options"] = map[string]any{"recipient": s.Recipient, "text": s.Text, "message_type": s.MessageType,
			"action": s.MessageAction, "code": s.Code}
		e["client"] = map[string]any{"client_id": s.ClientID, "name": s.ClientName, "metadata": s.ClientMetadata}
		e["user"], e["request"] = s.phoneUser(), request
	}
	return e
}

// hookParamNames are the hook's parameters in order, the callback last.
var hookParamNames = map[string][]string{
	"credentials-exchange":   {"client", "scope", "audience", "context"},
	"pre-user-registration":  {"user", "context"},
	"post-user-registration": {"user", "context"},
	"post-change-password":   {"user", "context"},
	"send-phone-message":     {"recipient", "text", "context"},
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// placeholders gives every secret key a distinct stand-in value: a URL for
// keys that name one (code builds requests on them) or a claim namespace
// (code builds claim names on it), a host for domains, an opaque string
// otherwise. Never a real value.
func placeholders(keys []string) (values map[string]string, set secretSet) {
	values, set = map[string]string{}, secretSet{}
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	for i, key := range sorted {
		slug := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(key), "-"), "-")
		if slug == "" {
			slug = "secret"
		}
		slug = fmt.Sprintf("%s-%d", slug, i+1)
		upper := strings.ToUpper(key)
		var v string
		switch {
		case containsAny(upper, "NAMESPACE", "CLAIM"):
			// Claim names had to be URLs to become claims: a namespace
			// kept in a secret is one, ending where the name goes on.
			v = "https://" + slug + ".secret.invalid/"
		case containsAny(upper, "URL", "URI", "ENDPOINT", "WEBHOOK", "HOST", "BASE", "AUDIENCE", "ISSUER"):
			v = "https://" + slug + ".secret.invalid"
		case strings.Contains(upper, "DOMAIN"):
			v = slug + ".secret.invalid"
		default:
			v = "secret-placeholder-" + slug + "-end"
		}
		values[key], set[v] = v, key
	}
	return values, set
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
