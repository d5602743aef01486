package tenant

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKeywordReplace(t *testing.T) {
	mappings := map[string]string{
		"ENV":     `"staging"`,
		"ORIGINS": `["https://a.example", "http://localhost:3000"]`,
		"TIMEOUT": `2500`,
		"ON":      `true`,
		"OBJ":     `{"b": 1, "a": [1, null]}`,
		"QUOTED":  `"say \"hi\"\n"`,
		"DOLLAR":  `"$& $1 $$"`,
		"NESTED":  `"@@ENV@@"`,
	}
	r, err := newKeywordReplacer(mappings)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		// @@KEY@@ is the JSON text, and swallows the quotes around it.
		{`"@@ENV@@"`, `"staging"`},
		{`'@@ENV@@'`, `"staging"`},
		{`@@ENV@@`, `"staging"`},
		{`origins: @@ORIGINS@@`, `origins: ["https://a.example","http://localhost:3000"]`},
		{`"origins": "@@ORIGINS@@"`, `"origins": ["https://a.example","http://localhost:3000"]`},
		{`timeout: '@@TIMEOUT@@',`, `timeout: 2500,`},
		{`@@OBJ@@`, `{"b":1,"a":[1,null]}`},
		{`@@QUOTED@@`, `"say \"hi\"\n"`},
		// Quotes that do not match stay.
		{`'@@ENV@@"`, `'"staging""`},
		{`"@@ENV@@`, `""staging"`},
		// ##KEY## is the string form.
		{`friendly_name: '##ENV## tenant'`, `friendly_name: 'staging tenant'`},
		{`##ORIGINS##`, `https://a.example,http://localhost:3000`},
		{`##TIMEOUT## ms, ##ON##`, `2500 ms, true`},
		{`##OBJ##`, `[object Object]`},
		{`"##QUOTED##"`, "\"say \"hi\"\n\""},
		{`###ENV##`, `#staging`},
		// Replacement text is not a pattern.
		{`##DOLLAR##`, `$& $1 $$`},
		// Unknown keys, and markers in other forms, stay.
		{`@@UNKNOWN@@ ##UNKNOWN## @ENV@ #ENV# @@ ENV @@`, `@@UNKNOWN@@ ##UNKNOWN## @ENV@ #ENV# @@ ENV @@`},
		{`@@ENV@@@@ENV@@`, `"staging""staging"`},
		// The @@ pass runs first, so its output meets the ## pass.
		{`##NESTED##`, `@@ENV@@`},
		{"", ""},
	}
	for _, tt := range tests {
		if got, err := r.replace([]byte(tt.in), 1<<20); string(got) != tt.want || err != nil {
			t.Errorf("replace(%s) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}

	var none *keywordReplacer
	in := []byte(`"@@ENV@@" ##ENV##`)
	if got, err := none.replace(in, 1<<20); string(got) != string(in) || err != nil {
		t.Errorf("without mappings, replace(%s) = %s, %v", in, got, err)
	}
	for _, m := range []map[string]string{nil, {}} {
		if r, err := newKeywordReplacer(m); r != nil || err != nil {
			t.Errorf("newKeywordReplacer(%v) = %v, %v; want nil, nil", m, r, err)
		}
	}
	if _, err := newKeywordReplacer(map[string]string{"B": "ok", "A": "staging"}); err == nil ||
		!strings.HasPrefix(err.Error(), `keyword mapping "A": the value is not JSON text (use KeywordString for a plain string)`) {
		t.Errorf("newKeywordReplacer with plain strings: error = %v", err)
	}
}

func TestQuoteBareMarkers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"allowed_origins: @@ORIGINS@@\n", "allowed_origins: \"@@ORIGINS@@\"\n"},
		{"  - @@ORIGIN@@", "  - \"@@ORIGIN@@\""},
		{`web_origins: [ "https://a.example", ##MORE## ]`, `web_origins: [ "https://a.example", "##MORE##" ]`},
		{`{"secrets": @@SECRETS@@, "x": 1}`, `{"secrets": "@@SECRETS@@", "x": 1}`},
		{"enabled: ##ENABLED##  # from the environment\r\n", "enabled: \"##ENABLED##\"  # from the environment\r\n"},
		// Already quoted, inside a string, or not a whole value: unchanged.
		{`origins: "@@ORIGINS@@"`, `origins: "@@ORIGINS@@"`},
		{`origins: '@@ORIGINS@@'`, `origins: '@@ORIGINS@@'`},
		{`friendly_name: ##ENV## tenant`, `friendly_name: ##ENV## tenant`},
		{`note: "see: @@X@@ here"`, `note: "see: @@X@@ here"`},
		{`@@TOP@@`, `@@TOP@@`},
		{"# ##SECTION## comment", "# ##SECTION## comment"},
	}
	for _, tt := range tests {
		if got := string(quoteBareMarkers([]byte(tt.in))); got != tt.want {
			t.Errorf("quoteBareMarkers(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestLoadKeywordMappings(t *testing.T) {
	tests := []struct {
		name, json string
		want       map[string]string
	}{
		{
			name: "flat",
			json: `{"ENVIRONMENT": "dev", "ORIGINS": ["https://dev.example", "localhost:3000"], "RETRIES": 3, "STRICT": false}`,
			want: map[string]string{"ENVIRONMENT": `"dev"`, "ORIGINS": `["https://dev.example","localhost:3000"]`,
				"RETRIES": "3", "STRICT": "false"},
		},
		{
			name: "Deploy CLI config",
			json: `{"AUTH0_DOMAIN": "acme.eu.auth0.com", "AUTH0_CLIENT_ID": "abc",
  "AUTH0_KEYWORD_REPLACE_MAPPINGS": {"ENVIRONMENT": "dev", "LOGOUT_URLS": ["https://dev.example/logout"]}}`,
			want: map[string]string{"ENVIRONMENT": `"dev"`, "LOGOUT_URLS": `["https://dev.example/logout"]`},
		},
		{
			name: "Deploy CLI config with the mappings as a JSON string",
			json: `{"AUTH0_KEYWORD_REPLACE_MAPPINGS": "{\"ENVIRONMENT\":\"dev\"}"}`,
			want: map[string]string{"ENVIRONMENT": `"dev"`},
		},
		{
			name: "empty",
			json: `{"AUTH0_DOMAIN": "acme.eu.auth0.com", "AUTH0_KEYWORD_REPLACE_MAPPINGS": {}}`,
			want: map[string]string{},
		},
		{
			// The JSON text is JSON.stringify's: numbers as JavaScript
			// prints them, escapes only where needed, integer-like keys first.
			name: "JavaScript's JSON text",
			json: `{"N": [1.0, 1e21, 1.5e-7, -0, 0.1, 100, 1e400], "S": "\u0041\/b\u00e9\u2028<\u0007",
  "O": {"b": 1, "10": 2, "a": {"2": 3, "1": 4}, "b": 5}}`,
			want: map[string]string{
				"N": `[1,1e+21,1.5e-7,0,0.1,100,null]`,
				"S": "\"A/b\u00e9\u2028<\\u0007\"",
				"O": `{"10":2,"b":5,"a":{"1":4,"2":3}}`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(writeFiles(t, map[string]string{"mappings.json": tt.json}), "mappings.json")
			got, err := LoadKeywordMappings(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("LoadKeywordMappings (-want +got):\n%s", diff)
			}
		})
	}

	got, err := LoadKeywordMappings(deployYAMLFixture + "/config.json")
	if err != nil {
		t.Fatal(err)
	}
	if want := `["https://dashboard.staging.acme.example","http://localhost:3000"]`; got["ALLOWED_ORIGINS"] != want {
		t.Errorf("config.json ALLOWED_ORIGINS = %s, want %s", got["ALLOWED_ORIGINS"], want)
	}
}

func TestLoadKeywordMappingsErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"syntax", "{\n  \"ENV\": \"dev\",\n}\n", `line 3, column 1: invalid character '}' looking for beginning of object key string`},
		{"not an object", `["ENV"]`, "the file holds an array, want an object of keyword mappings or a Deploy CLI config with AUTH0_KEYWORD_REPLACE_MAPPINGS"},
		{"mappings not an object", `{"AUTH0_KEYWORD_REPLACE_MAPPINGS": ["ENV"]}`, "AUTH0_KEYWORD_REPLACE_MAPPINGS is an array, want an object"},
		{"mappings string not JSON", `{"AUTH0_KEYWORD_REPLACE_MAPPINGS": "ENV=dev"}`,
			"AUTH0_KEYWORD_REPLACE_MAPPINGS is a string that is not a JSON object: invalid character 'E' looking for beginning of value"},
		{"config without mappings", `{"AUTH0_DOMAIN": "acme.eu.auth0.com", "AUTH0_CLIENT_ID": "abc", "AUTH0_ALLOW_DELETE": false}`,
			"a Deploy CLI config (it sets AUTH0_DOMAIN) without AUTH0_KEYWORD_REPLACE_MAPPINGS: it maps no keyword; " +
				"give the config that holds the mappings, or a flat object of them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(writeFiles(t, map[string]string{"config.json": tt.json}), "config.json")
			_, err := LoadKeywordMappings(path)
			if want := "reading " + path + ": " + tt.want; err == nil || err.Error() != want {
				t.Errorf("LoadKeywordMappings error = %v\nwant %s", err, want)
			}
		})
	}
	if _, err := LoadKeywordMappings("no/such/config.json"); err == nil || err.Error() != "reading no/such/config.json: no such file or directory" {
		t.Errorf("missing file: error = %v", err)
	}
}

// The string form of values, as String() gives it in JavaScript and so as
// ##KEY## writes it.
func TestKeywordStringForm(t *testing.T) {
	for in, want := range map[string]string{
		`"dev"`:                    "dev",
		`2500`:                     "2500",
		`1e21`:                     "1e+21",
		`1e400`:                    "Infinity",
		`-1e400`:                   "-Infinity",
		`true`:                     "true",
		`null`:                     "null",
		`["a", "b"]`:               "a,b",
		`[["a", 1], null, true]`:   "a,1,,true",
		`[{"a": 1}]`:               "[object Object]",
		`{"a": 1}`:                 "[object Object]",
		`"\"a\", \"b\""`:           `"a", "b"`,
		KeywordString("plain $1"):  "plain $1",
		KeywordString("two\nline"): "two\nline",
	} {
		v, err := parseJSValue([]byte(in))
		if err != nil {
			t.Fatalf("parseJSValue(%s): %v", in, err)
		}
		if got := v.stringForm(); got != want {
			t.Errorf("String(%s) = %q, want %q", in, got, want)
		}
	}
	if got, want := KeywordString(`say "hi"`+"\t\x01"), `"say \"hi\"\t\u0001"`; got != want {
		t.Errorf("KeywordString = %s, want %s", got, want)
	}
	for _, bad := range []string{"", "dev", `"a" "b"`, `{"a":}`} {
		if _, err := parseJSValue([]byte(bad)); err == nil {
			t.Errorf("parseJSValue(%q) succeeded", bad)
		}
	}
}

// TestKeywordReplaceBounded: a large value used many times cannot make a
// small file fill the memory.
func TestKeywordReplaceBounded(t *testing.T) {
	big := strings.Repeat("x", 64<<10)
	r, err := newKeywordReplacer(map[string]string{"BIG": KeywordString(big)})
	if err != nil {
		t.Fatal(err)
	}
	text := []byte(strings.Repeat("##BIG## ", 100))
	if _, err := r.replace(text, 1<<20); err == nil || !strings.Contains(err.Error(), "grows past 1 MiB") {
		t.Errorf("replace = %v, want an error", err)
	}
	if out, err := r.replace(text[:8*10], 1<<20); err != nil || len(out) != 10*(len(big)+1) {
		t.Errorf("replace within the limit = %d bytes, %v", len(out), err)
	}
	dir := writeFiles(t, map[string]string{"tenant.yaml": "hooks:\n" + strings.Repeat("  # @@BIG@@\n", 600)})
	_, err = LoadDeployYAML(filepath.Join(dir, "tenant.yaml"), DeployOptions{Mappings: map[string]string{"BIG": KeywordString(big)}})
	if err == nil || !strings.Contains(err.Error(), "grows past 32 MiB") {
		t.Errorf("LoadDeployYAML = %v", err)
	}
}
