package tenant

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDetectKind(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"hook.js":              "module.exports = function () {};",
		"notes.txt":            "x",
		"other.json":           `{"a": 1}`,
		"export/hooks/x.json":  `{"name": "x"}`,
		"empty/.keep":          "",
		"gone/hooks/.keep":     "",
		"nohooks/tenant.json":  "{}",
		"acts/actions/a.json":  "{}",
		"stray/hooks/x.js":     "module.exports = function () {};",
		"yamldir/tenant.yaml":  "hooks: []\n",
		"scripts/a.js":         "module.exports = function () {};",
		"withpkg/a.js":         "module.exports = function () {};",
		"withpkg/package.json": `{"name": "scripts"}`,
		"emptytf/main.tf":      "terraform {}\n",
	})
	snap := filepath.Join(dir, "snap.json")
	if err := os.WriteFile(snap, []byte(`{"kind": "hooks2actions-snapshot", "snapshot_version": 1, "hooks": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, kind, err string }{
		{"../testdata/tenant/deploy-directory", OriginDeployDir, ""},
		{"../testdata/tenant/deploy-yaml/tenant.yaml", OriginDeployYAML, ""},
		{"../testdata/tenant/terraform", OriginTerraform, ""},
		{"../testdata/tenant/terraform/hooks.tf", OriginTerraform, ""},
		{filepath.Join(dir, "hook.js"), OriginFile, ""},
		{snap, OriginSnapshot, ""},
		{filepath.Join(dir, "missing"), "", "no such file or directory"},
		{filepath.Join(dir, "notes.txt"), "", "unknown kind of source"},
		{filepath.Join(dir, "other.json"), "", "not a hooks2actions snapshot"},
		{filepath.Join(dir, "export/hooks/x.json"), "", "give the export directory"},
		{filepath.Join(dir, "empty"), "", "neither a Deploy CLI export"},
		{filepath.Join(dir, "gone"), OriginDeployDir, ""},
		{filepath.Join(dir, "nohooks"), OriginDeployDir, ""},
		{filepath.Join(dir, "acts"), OriginDeployDir, ""},
		{filepath.Join(dir, "stray"), "", "neither a Deploy CLI export"},
		{filepath.Join(dir, "yamldir"), OriginDeployYAML, ""},
		{"../testdata/tenant/deploy-yaml", OriginDeployYAML, ""},
		{filepath.Join(dir, "scripts"), OriginFile, ""},
		// An export's hooks/ folder read as bare scripts would lose every
		// trigger and secret; a package.json beside scripts is no hook.
		{"../testdata/tenant/deploy-directory/hooks", "", "give the export's directory, ../testdata/tenant/deploy-directory,"},
		{filepath.Join(dir, "withpkg"), OriginFile, ""},
		{filepath.Join(dir, "emptytf"), OriginTerraform, ""},
	}
	for _, tc := range cases {
		kind, err := DetectKind(tc.path)
		if kind != tc.kind || (tc.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("DetectKind(%s) = %q, %v; want %q, error containing %q", tc.path, kind, err, tc.kind, tc.err)
		}
		if err != nil && !strings.Contains(err.Error(), tc.path) {
			t.Errorf("error %q does not name %s", err, tc.path)
		}
	}
}

func TestLoadMergesSources(t *testing.T) {
	dir := writeFiles(t, map[string]string{"twilio-sms.js": "module.exports = function (r, t, c, cb) {};", "extra.js": "x"})
	inv, err := Load([]string{"../testdata/tenant/deploy-directory", filepath.Join(dir, "twilio-sms.js"), filepath.Join(dir, "extra.js")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range inv.Hooks {
		names = append(names, h.Name+"@"+h.Origin.Kind)
	}
	want := []string{
		"Welcome email and Slack@deploy-cli-directory", "m2m-entitlement-claims@deploy-cli-directory",
		"partner-domain-allowlist@deploy-cli-directory", "password-change-audit@deploy-cli-directory",
		"twilio-sms@deploy-cli-directory", "extra@file",
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("hooks (-want +got):\n%s", diff)
	}
	if inv.Source != SourceMixed || len(inv.Problems) != 1 || !strings.Contains(inv.Problems[0].Message, "already declared") {
		t.Errorf("source %q, problems %v: want mixed, and the second twilio-sms reported", inv.Source, inv.Problems)
	}
}

func TestLoadStopsAtAnUnreadableSource(t *testing.T) {
	_, err := Load([]string{"../testdata/tenant/terraform", "../testdata/broken/deploy-yaml-syntax/tenant.yaml"}, LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "tenant.yaml") {
		t.Errorf("error = %v, want one naming the broken tenant.yaml", err)
	}
}

// TestDuplicateNamesFromTheAPI: hooks read from the Management API have no
// file to point at; the repeat names both by id instead of "declared at ".
func TestDuplicateNamesFromTheAPI(t *testing.T) {
	inv := &Inventory{Hooks: []Hook{
		{ID: "01A", Name: "welcome", Origin: Origin{Kind: OriginAPI, HookID: "01A"}},
		{ID: "01B", Name: "welcome", Origin: Origin{Kind: OriginAPI, HookID: "01B"}},
	}}
	inv.DropDuplicateNames()
	want := []Problem{{Hook: "welcome", Message: "a hook of this name was read already (id 01A); this one (id 01B) is left out"}}
	if diff := cmp.Diff(want, inv.Problems); diff != "" || len(inv.Hooks) != 1 || inv.Hooks[0].ID != "01A" {
		t.Errorf("problems (-want +got):\n%s\nhooks %v", diff, inv.Hooks)
	}
}
