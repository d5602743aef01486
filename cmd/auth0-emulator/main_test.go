package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
