package tenant

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
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
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		inv, err := LoadTerraform(dir, TerraformOptions{})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if len(inv.Hooks) != n || !inv.Hooks[n-1].Enabled {
			t.Fatalf("%d override files: %d hooks, want %d, each enabled by its override", n, len(inv.Hooks), n)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated(100), allocated(400)
	t.Logf("allocated %d, %d bytes", small, large)
	if ratio := float64(large) / float64(small); ratio > 6 {
		t.Errorf("4x the override files allocated %.1fx the bytes (%d, %d); want near 4x", ratio, small, large)
	}
}

// Merging n module blocks of an override file into n of the same names
// takes time linear in n.
func TestTerraformOverrideModuleCallsLinear(t *testing.T) {
	merge := func(n int) time.Duration {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("m%d", i)
		}
		best := time.Duration(1<<63 - 1)
		for range 3 {
			m := &tfModule{}
			start := time.Now()
			for _, name := range names {
				m.call("main.tf", nil, name, nil)
			}
			m.override = true
			for _, name := range names {
				m.call("override.tf", nil, name, nil)
			}
			best = min(best, time.Since(start))
			if len(m.calls) != n {
				t.Fatalf("%d module blocks and their overrides made %d calls", n, len(m.calls))
			}
		}
		return best
	}
	// 16x the blocks: near 16x linear, 256x quadratic.
	small, large := merge(1000), merge(16000)
	if ratio := float64(large) / float64(small); ratio > 64 {
		t.Errorf("16x the overridden module blocks took %.0fx the time (%s, %s); want near 16x", ratio, small, large)
	}
}
