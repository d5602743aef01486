package analyzer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// realHooks are the hand-written hooks of testdata/realhooks, each as it
// stands (0.6 to 1.2 KB).
func realHooks(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob("../testdata/realhooks/*/*.js")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no real hooks: %v", err)
	}
	var out [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, src)
	}
	return out
}

// largeHooks are hooks of 4 KB and more: real hooks joined, each but the
// last inside a helper function, as a hook that carries its own helpers.
func largeHooks(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	var b bytes.Buffer
	for i, src := range realHooks(tb) {
		if b.Len() < 4<<10 {
			fmt.Fprintf(&b, "function helper%d() {\n%s\n}\n", i, src)
			continue
		}
		b.Write(src)
		out = append(out, bytes.Clone(b.Bytes()))
		b.Reset()
	}
	return out
}

// bundle is one script of about 1 MB shaped like a bundler's output: a
// runtime function applied to an array of module functions, each module
// a sample, pattern or real hook.
func bundle(tb testing.TB) [][]byte {
	tb.Helper()
	modules := append(corpus(tb)[:0:0], realHooks(tb)...)
	seen := map[string]bool{}
	for _, s := range corpus(tb) {
		if !seen[string(s)] {
			seen[string(s)] = true
			modules = append(modules, s)
		}
	}
	var b bytes.Buffer
	b.WriteString("(function (modules) {\n  var cache = {};\n  function load(id) {\n" +
		"    if (cache[id]) return cache[id].exports;\n    var module = cache[id] = { exports: {} };\n" +
		"    modules[id].call(module.exports, module, module.exports, load);\n    return module.exports;\n" +
		"  }\n  return load(0);\n})([\n")
	for n := 0; b.Len() < 1<<20; n++ {
		fmt.Fprintf(&b, "/* %d */ function (module, exports, require) {\n%s\n},\n", n, modules[n%len(modules)])
	}
	b.WriteString("]);\n")
	return [][]byte{b.Bytes()}
}

// BenchmarkNestingCheck measures the nesting check that runs before every
// parse (nestingLimitAt) against a bare parse of the same scripts in the
// same run, and reports their CPU time ratio as check/parse. The check
// runs checkRounds times per parse, for a measurable time.
func BenchmarkNestingCheck(b *testing.B) {
	const checkRounds = 20
	for _, in := range []struct {
		name    string
		scripts func(testing.TB) [][]byte
	}{{"corpus", corpus}, {"realhooks", realHooks}, {"large-hooks", largeHooks}, {"bundle", bundle}} {
		b.Run(in.name, func(b *testing.B) {
			scripts := in.scripts(b)
			size := corpusSize(scripts)
			var parsing, checking int64
			for b.Loop() {
				start := cpuTime()
				parseAll(b, scripts)
				mid := cpuTime()
				for range checkRounds {
					for _, s := range scripts {
						if nestingLimitAt(s) >= 0 {
							b.Fatal("a script of the benchmark was refused")
						}
					}
				}
				parsing += int64(mid - start)
				checking += int64(cpuTime() - mid)
			}
			b.ReportMetric(float64(checking)/checkRounds/float64(parsing), "check/parse")
			b.ReportMetric(float64(size*checkRounds*int64(b.N))/1e6/(float64(checking)/1e9), "check-MB/s")
			b.ReportMetric(float64(size*int64(b.N))/1e6/(float64(parsing)/1e9), "parse-MB/s")
		})
	}
}
