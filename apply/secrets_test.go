package apply

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/migrate"
)

func fmtV(v any) string { return fmt.Sprintf("%v %+v %#v %s", v, v, v, v) }

func TestParseSecrets(t *testing.T) {
	file := "# comment\n\nAPI_KEY = shared value \n" +
		"[welcome email]\r\nAPI_KEY=for-welcome\nMULTI=\"line1\\nline2\"\nEMPTY=\n" +
		"[other]\nX=a=b\n"
	v, err := ParseSecrets([]byte(file), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		action, key string
		want        string
		ok          bool
	}{
		{"welcome email", "API_KEY", "for-welcome", true},
		{"someone", "API_KEY", " shared value ", true},
		{"welcome email", "MULTI", "line1\nline2", true},
		{"welcome email", "EMPTY", "", true},
		{"other", "X", "a=b", true},
		{"other", "API_KEY", " shared value ", true},
		{"other", "NOPE", "", false},
	}
	for _, tt := range tests {
		got, ok := v.Lookup(tt.action, migrate.SecretMapping{Key: tt.key})
		if got != tt.want || ok != tt.ok {
			t.Errorf("Lookup(%q, %q) = %q, %v; want %q, %v", tt.action, tt.key, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseSecretsErrorsNameTheLineNotTheValue(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"A=1\nsecret-without-equals\n", "2: want KEY=VALUE"},
		{"=secret-value\n", "1: the line has no key"},
		{"A=1\nA=secret-value\n", "2: A is given twice"},
		{"[x\n", "1: a section is [Action name]"},
		{"[x]\n[x]\n", "2: section [x] appears twice"},
		{`A="secret-value` + "\\q\"\n", "1: the value of A starts and ends with a double quote"},
	}
	for _, tt := range tests {
		_, err := ParseSecrets([]byte(tt.file), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.file, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("%q: the error quotes the value: %v", tt.file, err)
		}
	}
}

func TestLookupOrder(t *testing.T) {
	env := map[string]string{"W__K": "env"}
	getenv := func(k string) string { return env[k] }
	m := migrate.SecretMapping{Key: "K", Marker: "W__K"}
	v, _ := ParseSecrets([]byte("K=shared\n[w]\nK=section\n"), getenv)
	if got, _ := v.Lookup("w", m); got != "section" {
		t.Errorf("section should win: %q", got)
	}
	if got, _ := v.Lookup("x", migrate.SecretMapping{Key: "K", Marker: "X__K"}); got != "shared" {
		t.Errorf("shared without env: %q", got)
	}
	v, _ = ParseSecrets([]byte("K=shared\n"), getenv)
	if got, _ := v.Lookup("w", m); got != "env" {
		t.Errorf("the environment should win over shared: %q", got)
	}
}

func TestCheckSecretLimits(t *testing.T) {
	if err := checkSecret("a", strings.Repeat("k", 128), strings.Repeat("v", 4096)); err != nil {
		t.Errorf("at the limits: %v", err)
	}
	if err := checkSecret("a", strings.Repeat("k", 129), "v"); err == nil || !strings.Contains(err.Error(), "129 characters") {
		t.Errorf("long name: %v", err)
	}
	long := strings.Repeat("é", 4097)
	if err := checkSecret("a", "K", long); err == nil || !strings.Contains(err.Error(), "4097 characters") || strings.Contains(err.Error(), "é") {
		t.Errorf("long value: %v", err)
	}
}
