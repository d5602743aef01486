package verify

import "testing"

// Bodies compare without the key order of the JSON they hold, wherever it
// is; everything else in them is kept as sent.
func TestCanonicalBody(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"b":1,"a":{"d":2,"c":3}}`, `{"a":{"c":3,"d":2},"b":1}`},
		{`{"log":"{\"to\":\"+1\",\"code\":\"1\"}","n":"12"}`, `{"log":"{\"code\":\"1\",\"to\":\"+1\"}","n":"12"}`},
		{`[{"y":1,"x":"[2, 1]"}]`, `[{"x":"[2,1]","y":1}]`},
		{"to=%2B1&ctx=%7B%22b%22%3A1%2C%22a%22%3A2%7D&msg=a+b", "to=%2B1&ctx=%7B%22a%22%3A2%2C%22b%22%3A1%7D&msg=a+b"},
		{"z=1&a=%7Bnot%20json", "z=1&a=%7Bnot%20json"},
		{"a=%ZZ", "a=%ZZ"},
		{"plain text, not a form", "plain text, not a form"},
		{`"a string"`, `"a string"`},
	} {
		got := canonicalBody(c.in)
		if got != c.want {
			t.Errorf("canonicalBody(%q) = %q, want %q", c.in, got, c.want)
		}
		if again := canonicalBody(got); again != got {
			t.Errorf("canonicalBody is not stable on %q: %q", got, again)
		}
	}
}
