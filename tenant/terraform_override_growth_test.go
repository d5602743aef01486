package tenant

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Override files and module blocks are merged by name through an index:
// a search of everything parsed before, once per override, made loading
// quadratic in the size of the configuration. The measures are ratios
// between sizes in the same run, never timed bounds.

// overrideFiles is a module of n hooks in main.tf, each overridden by a
// file of its own.
func overrideFiles(n int) map[string]string {
	files := map[string]string{}
	var main strings.Builder
	for i := range n {
		fmt.Fprintf(&main, "resource \"auth0_hook\" \"h%d\" {\n  name = \"h%d\"\n  trigger_id = \"credentials-exchange\"\n"+
			"  script = \"module.exports = function () {}\"\n}\n", i, i)
		files[fmt.Sprintf("h%d_override.tf", i)] = fmt.Sprintf("resource \"auth0_hook\" \"h%d\" {\n  enabled = true\n}\n", i)
	}
	files["main.tf"] = main.String()
	return files
}

// The bytes allocated (a count the machine's load does not change) grow
// linearly with the number of override files.
func TestLoadTerraformOverrideFilesLinear(t *testing.T) {
	allocated := func(n int) uint64 {
		dir := writeFiles(t, overrideFiles(n))
		inv, bytes := loadTerraformAllocating(t, dir)
		if len(inv.Hooks) != n || !inv.Hooks[n-1].Enabled {
			t.Fatalf("%d override files: %d hooks, want %d, each enabled by its override", n, len(inv.Hooks), n)
		}
		return bytes
	}
	small, large := allocated(100), allocated(400)
	t.Logf("allocated %d, %d bytes", small, large)
	if ratio := float64(large) / float64(small); ratio > 6 {
		t.Errorf("4x the override files allocated %.1fx the bytes (%d, %d); want near 4x", ratio, small, large)
	}
}

// BenchmarkTerraformOverrideModuleCalls merges n module blocks of an
// override file into n of the same names, at 1,000 and 16,000 blocks in
// the same run, and reports the ratio of their times (x16): 256 is
// quadratic (a search of every block per override, before); the index by
// name keeps it an order below, 20 to 47 measured here (16 would be
// linear with no cost of memory growing with n).
func BenchmarkTerraformOverrideModuleCalls(b *testing.B) {
	merge := func(n int) time.Duration {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("m%d", i)
		}
		m := &tfModule{}
		start := time.Now()
		for _, name := range names {
			m.call("main.tf", nil, name, hcl.Pos{}, nil)
		}
		m.override = true
		for _, name := range names {
			m.call("override.tf", nil, name, hcl.Pos{}, nil)
		}
		spent := time.Since(start)
		if len(m.calls) != n {
			b.Fatalf("%d module blocks and their overrides made %d calls", n, len(m.calls))
		}
		return spent
	}
	var small, large time.Duration
	for b.Loop() {
		small += merge(1000)
		large += merge(16000)
	}
	b.ReportMetric(float64(large)/float64(small), "x16")
}

// bytesAllocated is how many bytes f allocates: a measure of the work of f
// that, unlike time, nothing else running on the machine can change. The
// package's tests do not run in parallel, so no other test's allocations
// land in it.
func bytesAllocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// loadTerraformAllocating loads the module in dir and says how many bytes
// loading it allocated.
func loadTerraformAllocating(t *testing.T, dir string) (*Inventory, uint64) {
	t.Helper()
	var inv *Inventory
	bytes := bytesAllocated(func() {
		var err error
		if inv, err = LoadTerraform(dir, TerraformOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	return inv, bytes
}
