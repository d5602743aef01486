package apply

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
	"github.com/hooks2actions/hooks2actions/migrate"
)

// Values are the secret values an apply may send, from a secrets file and
// the environment. They are kept out of every printable form: Values
// formats as a count, and errors about a line never quote it.
type Values struct {
	// shared holds the keys given before any [Action] section.
	shared map[string]string
	// perAction holds each [Action name] section.
	perAction map[string]map[string]string
	getenv    func(string) string
}

// Format keeps the values out of any %v, %s or %#v.
func (v Values) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "apply.Values{%d shared, %d Actions}", len(v.shared), len(v.perAction))
}

// NoValues is the empty set, consulting only the environment.
func NoValues(getenv func(string) string) Values {
	return Values{shared: map[string]string{}, perAction: map[string]map[string]string{}, getenv: getenv}
}

// ReadSecretsFile reads a secrets file (format in ParseSecrets).
func ReadSecretsFile(path string, getenv func(string) string) (Values, error) {
	data, err := inputfile.Read(path, inputfile.MaxDocument)
	if err != nil {
		return Values{}, fmt.Errorf("reading the secrets file: %w", err)
	}
	v, err := ParseSecrets(data, getenv)
	if err != nil {
		return Values{}, fmt.Errorf("%s:%w", path, err)
	}
	return v, nil
}

// ParseSecrets reads the secrets file format:
//
//	# a comment; blank lines are ignored
//	KEY=value               shared: every Action that needs KEY gets it
//	[Action name]           the lines below are this Action's only
//	KEY=value               wins over a shared KEY for this Action
//	OTHER="a\nJSON string"  a value in double quotes is a JSON string
//
// A value is the rest of the line after the first "=", as it is (spaces
// included), unless it starts and ends with a double quote. Errors name
// the line, never its value. getenv is consulted for what the file does
// not hold (see Lookup).
func ParseSecrets(data []byte, getenv func(string) string) (Values, error) {
	v := NoValues(getenv)
	section := v.shared
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case strings.HasPrefix(trimmed, "["):
			name, ok := strings.CutSuffix(trimmed[1:], "]")
			name = strings.TrimSpace(name)
			if !ok || name == "" {
				return Values{}, fmt.Errorf("%d: a section is [Action name], on a line of its own", n)
			}
			if v.perAction[name] != nil {
				return Values{}, fmt.Errorf("%d: section [%s] appears twice", n, name)
			}
			section = map[string]string{}
			v.perAction[name] = section
			continue
		}
		key, value, err := parseEntry(line)
		if err != nil {
			return Values{}, fmt.Errorf("%d: %w", n, err)
		}
		if _, dup := section[key]; dup {
			return Values{}, fmt.Errorf("%d: %s is given twice in this section", n, key)
		}
		section[key] = value
	}
	if err := sc.Err(); err != nil {
		return Values{}, fmt.Errorf(" %w", err)
	}
	return v, nil
}

// parseEntry splits KEY=value. Its errors never quote the value.
func parseEntry(line string) (key, value string, err error) {
	key, value, ok := strings.Cut(line, "=")
	key = strings.TrimSpace(key)
	switch {
	case !ok:
		return "", "", fmt.Errorf("want KEY=VALUE or [Action name]")
	case key == "":
		return "", "", fmt.Errorf("the line has no key before =")
	case strings.ContainsAny(key, " \t"):
		return "", "", fmt.Errorf("the key %q has a space in it", key)
	}
	if len(value) >= 2 && strings.HasPrefix(value, `"`) && strings.HasSuffix(value, `"`) {
		var s string
		if json.Unmarshal([]byte(value), &s) != nil {
			return "", "", fmt.Errorf("the value of %s starts and ends with a double quote but is not a valid JSON string", key)
		}
		value = s
	}
	return key, value, nil
}

// Lookup finds the value of one secret of one Action, in this order: the
// file's [Action] section, the environment variable named after the
// plan's keyword marker (the name the Deploy CLI files use, e.g.
// WELCOME__SLACK_URL), the file's shared keys. ok is false when none has
// it.
func (v Values) Lookup(action string, m migrate.SecretMapping) (value string, ok bool) {
	if value, ok = v.perAction[action][m.Key]; ok {
		return value, true
	}
	if m.Marker != "" && v.getenv != nil {
		if value = v.getenv(m.Marker); value != "" {
			return value, true
		}
	}
	value, ok = v.shared[m.Key]
	return value, ok
}

// Sections lists the [Action] sections, for a check that each names an
// Action of the plan.
func (v Values) Sections() []string {
	out := make([]string, 0, len(v.perAction))
	for name := range v.perAction {
		out = append(out, name)
	}
	return out
}

// checkSecret applies the Actions limits to one secret before any write.
func checkSecret(action, key, value string) error {
	if n := utf8.RuneCountInString(key); n > migrate.MaxSecretKeyLen {
		return fmt.Errorf("action %q: the secret name %.24s… is %d characters long; Auth0 takes at most %d", action, key, n, migrate.MaxSecretKeyLen)
	}
	if n := utf8.RuneCountInString(value); n > MaxSecretValueLen {
		return fmt.Errorf("action %q: the value of secret %s is %d characters long; Auth0 takes at most %d", action, key, n, MaxSecretValueLen)
	}
	return nil
}

// MaxSecretValueLen is the longest Action secret value (Actions
// limitations: 4096 characters).
const MaxSecretValueLen = 4096
