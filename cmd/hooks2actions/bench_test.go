package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// benchHooks is the size of the generated tenant of BenchmarkMigrateCores.
const benchHooks = 1000

// writeBenchExport writes a Deploy CLI directory export of n hooks, each a
// renamed copy of one of the sample export's hooks.
func writeBenchExport(tb testing.TB, n int) string {
	tb.Helper()
	from := filepath.Join("..", "..", "testdata", "tenant", "deploy-directory", "hooks")
	metas, err := filepath.Glob(filepath.Join(from, "*.json"))
	if err != nil || len(metas) == 0 {
		tb.Fatalf("no sample hooks in %s: %v", from, err)
	}
	dir := tb.TempDir()
	hooks := filepath.Join(dir, "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		meta := metas[i%len(metas)]
		var hook map[string]any
		raw, err := os.ReadFile(meta)
		if err == nil {
			err = json.Unmarshal(raw, &hook)
		}
		if err != nil {
			tb.Fatal(err)
		}
		script, err := os.ReadFile(filepath.Join(from, hook["script"].(string)))
		if err != nil {
			tb.Fatal(err)
		}
		name := fmt.Sprintf("%s-%04d", strings.ReplaceAll(hook["name"].(string), " ", "-"), i)
		hook["name"], hook["id"], hook["script"] = name, fmt.Sprintf("01BENCH%019d", i), "./"+name+".js"
		out, err := json.MarshalIndent(hook, "", "  ")
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(hooks, name+".json"), out, 0o644); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(hooks, name+".js"), script, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// BenchmarkMigrateCores runs the migrate command's pipeline (analyse,
// plan, draft, verify, report, and the files it would write) on a generated
// 1,000-hook export, with one core and with two alternately in each
// iteration. It checks that both give the same files byte for byte and
// reports the ratio of their wall times (cores2/cores1). Loading the
// export is done once, outside the timing: it reads files one by one.
func BenchmarkMigrateCores(b *testing.B) {
	inv, err := tenant.LoadDeployDirectory(writeBenchExport(b, benchHooks), tenant.DeployOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var wall [2]time.Duration
	var want map[string][]byte
	for b.Loop() {
		for i, procs := range []int{1, 2} {
			runtime.GOMAXPROCS(procs)
			start := time.Now()
			day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
			files, _, _, err := migrationFiles(inv, day, day, migrate.FilesOptions{Layout: migrate.LayoutDirectory}, true)
			wall[i] += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			if want == nil {
				want = files
			} else if !maps.EqualFunc(want, files, bytes.Equal) {
				b.Fatalf("the files with %d core(s) differ from those with one", procs)
			}
		}
	}
	b.ReportMetric(float64(wall[1])/float64(wall[0]), "cores2/cores1")
}
