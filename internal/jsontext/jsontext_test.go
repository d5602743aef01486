package jsontext

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestProblem(t *testing.T) {
	type hook struct {
		Name    string            `json:"name"`
		Enabled bool              `json:"enabled"`
		Secrets map[string]string `json:"secrets"`
		Deps    []string          `json:"deps"`
		Count   int               `json:"count"`
	}
	for _, tt := range []struct{ in, want string }{
		{`{"name": 1}`, `"name": a number where a string is wanted`},
		{`{"enabled": "yes"}`, `"enabled": a string where a boolean is wanted`},
		{`{"secrets": []}`, `"secrets": a list where an object is wanted`},
		{`{"deps": {}}`, `"deps": an object where a list is wanted`},
		{`{"count": 1.5}`, `"count": a number where a whole number is wanted`},
		{`[1]`, `the top level: a list where an object is wanted`},
		{`{"secrets": {"K": true}}`, `"secrets": a boolean where a string is wanted`},
	} {
		var h hook
		err := json.Unmarshal([]byte(tt.in), &h)
		if err == nil {
			t.Fatalf("%s decoded", tt.in)
		}
		got := Problem(err)
		if got != tt.want || strings.Contains(got, "Go ") {
			t.Errorf("Problem(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Problem(errors.New("plain")); got != "plain" {
		t.Errorf("a plain error became %q", got)
	}
}
