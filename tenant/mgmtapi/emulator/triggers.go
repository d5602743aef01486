package emulator

import (
	"net/http"
	"slices"
)

// actionTrigger is one entry of GET /actions/triggers.
type actionTrigger struct {
	ID                 string              `json:"id"`
	Version            string              `json:"version"`
	Status             string              `json:"status"`
	Runtimes           []string            `json:"runtimes"`
	DefaultRuntime     string              `json:"default_runtime,omitempty"`
	CompatibleTriggers []compatibleTrigger `json:"compatible_triggers"`
}

type compatibleTrigger struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// Trigger statuses.
const (
	statusCurrent    = "CURRENT"
	statusDeprecated = "DEPRECATED"
)

// recordedTriggers is the answer of a live tenant (go-auth0's recording
// of 2023-01-26), in its order: not CURRENT first, and send-phone-message
// v1 without a default runtime.
func recordedTriggers() []actionTrigger {
	old := func(id string) actionTrigger {
		return actionTrigger{ID: id, Version: "v1", Status: statusDeprecated,
			Runtimes: []string{"node12"}, DefaultRuntime: "node12", CompatibleTriggers: []compatibleTrigger{}}
	}
	cur := func(id, version, status string) actionTrigger {
		return actionTrigger{ID: id, Version: version, Status: status,
			Runtimes: []string{"node12", "node16", "node18"}, DefaultRuntime: "node16", CompatibleTriggers: []compatibleTrigger{}}
	}
	postLogin := cur("post-login", "v3", statusCurrent)
	postLogin.CompatibleTriggers = []compatibleTrigger{{ID: "post-login", Version: "v2"}}
	phoneV1 := old("send-phone-message")
	phoneV1.DefaultRuntime = ""
	return []actionTrigger{
		old("post-login"),
		cur("post-login", "v2", statusDeprecated),
		postLogin,
		cur("credentials-exchange", "v2", statusCurrent),
		old("credentials-exchange"),
		old("pre-user-registration"),
		cur("pre-user-registration", "v2", statusCurrent),
		old("post-user-registration"),
		cur("post-user-registration", "v2", statusCurrent),
		cur("post-change-password", "v2", statusCurrent),
		old("post-change-password"),
		phoneV1,
		cur("send-phone-message", "v2", statusCurrent),
	}
}

// WithTriggerVersion makes version the CURRENT version of the Action
// trigger id, as a tenant would report once Auth0 releases it: the
// version that was CURRENT becomes DEPRECATED, and a version not listed
// yet is added after the trigger's others (so still not first). An empty
// version leaves the trigger out of the list altogether.
func WithTriggerVersion(id, version string) Option {
	return func(s *Server) {
		if s.triggerVersions == nil {
			s.triggerVersions = make(map[string]string)
		}
		s.triggerVersions[id] = version
	}
}

// triggerList is the body of GET /actions/triggers, with the versions set
// by WithTriggerVersion.
func (s *Server) triggerList() []actionTrigger {
	list := recordedTriggers()
	for id, version := range s.triggerVersions {
		list = setCurrent(list, id, version)
	}
	return list
}

func setCurrent(list []actionTrigger, id, version string) []actionTrigger {
	if version == "" {
		return slices.DeleteFunc(list, func(t actionTrigger) bool { return t.ID == id })
	}
	last, current, found := -1, "", false
	for i := range list {
		t := &list[i]
		if t.ID != id {
			continue
		}
		last = i
		if t.Status == statusCurrent {
			current = t.Version
		}
		found = found || t.Version == version
		t.Status = statusDeprecated
		if t.Version == version {
			t.Status = statusCurrent
		}
	}
	if found {
		return list
	}
	added := actionTrigger{ID: id, Version: version, Status: statusCurrent,
		Runtimes: []string{"node18", "node22"}, DefaultRuntime: "node22", CompatibleTriggers: []compatibleTrigger{}}
	if current != "" {
		added.CompatibleTriggers = []compatibleTrigger{{ID: id, Version: current}}
	}
	if last < 0 {
		return append(list, added)
	}
	return slices.Insert(list, last+1, added)
}

// triggers is GET /actions/triggers. It takes no query parameters.
func (s *Server) triggers(r *http.Request) reply {
	if rep := checkParams(r.URL.Query(), nil); rep.status != 0 {
		return rep
	}
	return reply{status: http.StatusOK, body: map[string]any{"triggers": s.triggerList()}}
}
