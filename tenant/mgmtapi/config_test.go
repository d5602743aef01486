package mgmtapi

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestValidate(t *testing.T) {
	creds := Config{ClientID: "id", ClientSecret: "secret"}
	// with adds client credentials unless c has a token.
	with := func(c Config) Config {
		if c.Token == "" {
			c.ClientID, c.ClientSecret = creds.ClientID, creds.ClientSecret
		}
		return c
	}
	tests := []struct {
		name string
		cfg  Config
		want string // "" = valid
	}{
		{"domain", with(Config{Domain: "example.eu.auth0.com"}), ""},
		{"token", with(Config{Domain: "example.eu.auth0.com", Token: "t"}), ""},
		{"https url", with(Config{BaseURL: "https://proxy.example.com/auth0/"}), ""},
		{"http localhost", with(Config{BaseURL: "http://localhost:8089/emu"}), ""},
		{"http 127.x", with(Config{BaseURL: "http://127.1.2.3:8089"}), ""},
		{"http ::1", with(Config{BaseURL: "http://[::1]:8089"}), ""},
		{"no tenant", creds, "no tenant: set AUTH0_DOMAIN"},
		{"domain is a URL", with(Config{Domain: "https://example.eu.auth0.com"}), "must be a host name"},
		{"domain with path", with(Config{Domain: "example.eu.auth0.com/api"}), "must be a host name"},
		{"http elsewhere", with(Config{BaseURL: "http://example.com"}), "plain http is accepted only for loopback hosts"},
		{"http lookalike", with(Config{BaseURL: "http://localhost.example.com"}), "only for loopback"},
		{"userinfo", with(Config{BaseURL: "https://user:hunter2@example.com"}), "must not carry a user name or password"},
		{"ftp", with(Config{BaseURL: "ftp://example.com"}), "must start with https://"},
		{"query", with(Config{BaseURL: "https://example.com/?x=1"}), "query or fragment"},
		{"no credentials", Config{Domain: "example.eu.auth0.com"}, "no credentials: set AUTH0_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET"},
		{"id only", Config{Domain: "d.auth0.com", ClientID: "id"}, "AUTH0_CLIENT_ID is set but AUTH0_CLIENT_SECRET is not"},
		{"secret only", Config{Domain: "d.auth0.com", ClientSecret: "s"}, "AUTH0_CLIENT_SECRET is set but AUTH0_CLIENT_ID is not"},
		{"both", Config{Domain: "d.auth0.com", ClientID: "id", ClientSecret: "s", Token: "t"}, "both AUTH0_TOKEN and client credentials"},
		{"concurrency", func() Config { c := with(Config{Domain: "d.auth0.com"}); c.Concurrency = 1000; return c }(), "concurrency 1000 is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate = %v, want ErrConfig saying %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "secret") && tt.cfg.ClientSecret == "secret" {
				t.Errorf("error %q shows a credential", err)
			}
		})
	}
}

func TestEndpoints(t *testing.T) {
	tests := []struct {
		cfg  Config
		want endpoints
	}{{
		Config{Domain: "example.eu.auth0.com"},
		endpoints{token: "https://example.eu.auth0.com/oauth/token", audience: "https://example.eu.auth0.com/api/v2/", tenant: "example.eu.auth0.com"},
	}, {
		Config{BaseURL: "http://127.0.0.1:8089/emu-x/"},
		endpoints{token: "http://127.0.0.1:8089/emu-x/oauth/token", audience: "http://127.0.0.1:8089/emu-x/api/v2/", tenant: "127.0.0.1:8089"},
	}, {
		Config{Domain: "example.eu.auth0.com", BaseURL: "https://proxy.example.com"},
		endpoints{token: "https://proxy.example.com/oauth/token", audience: "https://example.eu.auth0.com/api/v2/", tenant: "example.eu.auth0.com"},
	}}
	for _, tt := range tests {
		got := tt.cfg.endpoints()
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(endpoints{}), cmpopts.IgnoreFields(endpoints{}, "api")); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tt.cfg, diff)
		}
		if want := strings.TrimSuffix(got.token, "/oauth/token") + "/api/v2"; got.api.String() != want {
			t.Errorf("api = %s, want %s", got.api, want)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{
		"AUTH0_DOMAIN": " example.eu.auth0.com ", "AUTH0_CLIENT_ID": "id",
		"AUTH0_CLIENT_SECRET": "s3cret", "AUTH0_TOKEN": "",
	}
	got := ConfigFromEnv(func(k string) string { return env[k] })
	want := Config{Domain: "example.eu.auth0.com", ClientID: "id", ClientSecret: "s3cret"}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Config{}, "Now", "Sleep")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLoadCredentialsFile(t *testing.T) {
	path := writeFile(t, `# tenant credentials
AUTH0_DOMAIN=example.eu.auth0.com

export AUTH0_CLIENT_ID = "the-id"
AUTH0_CLIENT_SECRET='se=cret # not a comment'
`)
	cfg := Config{Domain: "from-env.auth0.com", Token: "kept"}
	if err := LoadCredentialsFile(path, &cfg); err != nil {
		t.Fatal(err)
	}
	want := Config{Domain: "example.eu.auth0.com", ClientID: "the-id", ClientSecret: "se=cret # not a comment", Token: "kept"}
	if diff := cmp.Diff(want, cfg, cmpopts.IgnoreFields(Config{}, "Now", "Sleep")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLoadCredentialsFileErrors(t *testing.T) {
	const canary = "CANARY-credfile-value"
	tests := []struct {
		content string
		want    string
	}{
		{"AUTH0_DOMAIN=d\nAUTH0_CLIENT_SECRETS=" + canary + "\n", ":2: unknown key (want AUTH0_DOMAIN"},
		{canary + "=x\n", ":1: unknown key"},
		{"\n\n" + canary + "\n", ":3: expected KEY=VALUE"},
		{"AUTH0_TOKEN=\"" + canary + "\n", ":1: unterminated \" quote"},
		{"AUTH0_TOKEN=a\nAUTH0_TOKEN=" + canary + "\n", ":2: AUTH0_TOKEN is already set on line 1"},
	}
	for _, tt := range tests {
		path := writeFile(t, tt.content)
		var cfg Config
		err := LoadCredentialsFile(path, &cfg)
		if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), path+tt.want) {
			t.Errorf("%q: error %v, want ErrConfig saying %q", tt.content, err, path+tt.want)
			continue
		}
		if strings.Contains(err.Error(), canary) {
			t.Errorf("%q: error %q shows the value", tt.content, err)
		}
	}
	var cfg Config
	missing := filepath.Join(t.TempDir(), "missing")
	err := LoadCredentialsFile(missing, &cfg)
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "reading the credentials file "+missing+": no such file or directory") {
		t.Errorf("missing file: %v, want ErrConfig naming the file and the reason (not the system call)", err)
	}
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "auth0.env")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
