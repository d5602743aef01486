package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

func TestHelpDocumentsTheSeedFormat(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"--port", "--hooks", `"triggerId": "credentials-exchange"`, `"secrets"`, "Exit codes"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestSeedFileErrorsAreUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"typo.json":    `[{"name": "a", "trigerId": "send-phone-message"}]`,
		"noname.json":  `[{"triggerId": "send-phone-message"}]`,
		"dup.json":     `[{"id": "x", "name": "a"}, {"id": "x", "name": "b"}]`,
		"notjson.json": `hooks:`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"--port", "0", "--hooks", path}, &out, &errOut); code != exitUsage {
			t.Errorf("%s: exit %d, want %d (%s)", name, code, exitUsage, errOut.String())
		}
		if !strings.Contains(errOut.String(), path) {
			t.Errorf("%s: %q does not name the file", name, errOut.String())
		}
	}
}

func TestServesAndPrintsHowToConnect(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hooks.json")
	seed := `[{"name": "welcome", "triggerId": "post-user-registration", "script": "module.exports = function (user, context, cb) { cb(); };", "secrets": {"K": "v"}}]`
	if err := os.WriteFile(path, []byte(seed), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // print the banner, then stop at once
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"--port", "0", "--hooks", path, "--generate", "2", "--prefix", "/emu-test"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"serving 3 hooks at http://127.0.0.1:", "/emu-test\n", "AUTH0_CLIENT_ID=emulator-client\n", "AUTH0_CLIENT_SECRET=", "--api-url http://127.0.0.1:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
}

// TestBannerCountsOneHook: "serving 1 hook", not "1 hooks".
func TestBannerCountsOneHook(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"--port", "0", "--generate", "1"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "serving 1 hook at ") {
		t.Errorf("banner:\n%s", out.String())
	}
}

// --bare-list and --page-cap make the hook list misbehave as some servers
// do: a plain array whatever include_totals says, pages smaller than asked.
func TestListMisbehaviourFlags(t *testing.T) {
	o, err := parseFlags([]string{"--bare-list", "--page-cap", "2", "--generate", "5"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	hooks, err := seedHooks(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := emulator.New(serverOptions(o, hooks)...)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Serve(l)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL()+"/api/v2/hooks?page=0&per_page=50&include_totals=true&fields=name", nil)
	req.Header.Set("Authorization", "Bearer "+srv.IssueToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if want := `[{"name":"hook-00000"},{"name":"hook-00001"}]`; resp.StatusCode != 200 || string(body) != want {
		t.Errorf("list: %d %s, want %s", resp.StatusCode, body, want)
	}
	if _, err := parseFlags([]string{"--page-cap", "-1"}, io.Discard); err == nil {
		t.Error("--page-cap -1 is accepted")
	}
}
