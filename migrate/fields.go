package migrate

// The hook parameters and the Action event fields that replace them, per
// trigger and parameter position. Keys are member chains after the
// parameter ("" is the parameter itself). Sources: the hook starter code
// and the Actions event reference (../shared/domain.md §4.3); the guide
// itself gives context.connection.tenant and client.id.
type fieldMap map[string]string

var connectionFields = fieldMap{
	"connection":        "event.connection",
	"connection.id":     "event.connection.id",
	"connection.name":   "event.connection.name",
	"connection.tenant": "event.tenant.id",
}

func merge(maps ...fieldMap) fieldMap {
	out := fieldMap{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

var (
	userPUR = fieldMap{
		"": "event.user", "tenant": "event.tenant.id", "username": "event.user.username",
		"email": "event.user.email", "phoneNumber": "event.user.phone_number",
		"user_metadata": "event.user.user_metadata", "app_metadata": "event.user.app_metadata",
	}
	userPostUR = fieldMap{
		"": "event.user", "id": "event.user.user_id", "tenant": "event.tenant.id", "username": "event.user.username",
		"email": "event.user.email", "emailVerified": "event.user.email_verified",
		"phoneNumber": "event.user.phone_number", "phoneNumberVerified": "event.user.phone_verified",
		"user_metadata": "event.user.user_metadata", "app_metadata": "event.user.app_metadata",
	}
	userPCP = fieldMap{
		"": "event.user", "id": "event.user.user_id", "username": "event.user.username",
		"email": "event.user.email", "last_password_reset": "event.user.last_password_reset",
	}
	contextSPM = fieldMap{
		"message_type": "event.message_options.message_type", "action": "event.message_options.action",
		"code": "event.message_options.code", "ip": "event.request.ip", "user_agent": "event.request.user_agent",
		"language": "event.request.language", "client": "event.client", "client.client_id": "event.client.client_id",
		"client.name": "event.client.name", "client.client_metadata": "event.client.metadata",
		"user": "event.user", "user.user_id": "event.user.user_id", "user.name": "event.user.name",
		"user.email": "event.user.email", "user.app_metadata": "event.user.app_metadata",
		"user.user_metadata": "event.user.user_metadata",
	}
)

// paramFields gives, per trigger, the field map of each hook parameter by
// position. The context's secrets and the callback are handled apart.
var paramFields = map[string][]fieldMap{
	"credentials-exchange": {
		{"": "event.client", "id": "event.client.client_id", "name": "event.client.name",
			"metadata": "event.client.metadata", "tenant": "event.tenant.id"},
		{"": "event.accessToken.scope?.length ? event.accessToken.scope : undefined"},
		{"": "event.resource_server.identifier"},
		{"clientID": "event.client.client_id", "body": "event.request.body"},
	},
	"pre-user-registration": {
		userPUR,
		merge(connectionFields, fieldMap{"requestLanguage": "event.request.language", "renderLanguage": "event.request.language"}),
	},
	"post-user-registration": {
		userPostUR,
		merge(connectionFields, fieldMap{"requestLanguage": "event.request.language"}),
	},
	"post-change-password": {userPCP, connectionFields},
	"send-phone-message": {
		{"": "event.message_options.recipient"},
		{"": "event.message_options.text"},
		contextSPM,
	},
}

// isValue says whether the parameter is a plain value (a string, the
// scope array) rather than an object of fields: its members are the
// value's own (recipient.indexOf, scope.length), which the Action's
// value has as well.
func (m fieldMap) isValue() bool {
	_, whole := m[""]
	return whole && len(m) == 1
}

// lookupField finds the longest prefix of chain that the map knows and
// returns its replacement and how many steps it covers.
func (m fieldMap) lookupField(chain []string) (replacement string, steps int, ok bool) {
	for n := len(chain); n >= 0; n-- {
		key := ""
		for i, c := range chain[:n] {
			if i > 0 {
				key += "."
			}
			key += c
		}
		if r, found := m[key]; found {
			return r, n, true
		}
	}
	return "", 0, false
}
