package analyzer

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja/parser"
)

// growthSizes are the sizes each shape is analysed at; each is twice the
// one before, so cost(2N)/cost(N) near 2 means linear growth.
var growthSizes = []int{5000, 10000, 20000, 40000}

// nestRun is how deep the nested shapes go at a time: as deep as a script
// may nest (maxNesting) allows, with room for the hook around them.
const nestRun = maxNesting / 2

// growthShapes are inputs that once made the analysis quadratic, each built
// at size n. They run with Detail, as the command runs the analysis.
// Nested shapes come in runs of nestRun levels, below the nesting limit.
var growthShapes = []struct {
	name  string
	build func(n int) string
}{
	// Many secret reads on one long line, after a non-ASCII character so
	// that columns must be counted in UTF-16 units.
	{"long-line", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) { /* é */ ")
		for i := range n {
			fmt.Fprintf(&b, "f(context.webtask.secrets.K%d); ", i)
		}
		b.WriteString("cb(null, user, context); };\n")
		return b.String()
	}},
	{"var-declarations", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) {\n")
		for i := range n {
			fmt.Fprintf(&b, "  var v%d = %d;\n", i, i)
		}
		b.WriteString("  cb(null, user, context);\n};\n")
		return b.String()
	}},
	// Deep nesting, in runs of nestRun levels: a script nested past
	// maxNesting is refused before it is parsed.
	{"nested-functions", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) {\n")
		for i := range n {
			fmt.Fprintf(&b, "var v%d = context.webtask.secrets.K%d; function f%d(a%d) {\n", i, i, i, i)
			if (i+1)%nestRun == 0 || i == n-1 {
				b.WriteString(strings.Repeat("}\n", i%nestRun+1))
			}
		}
		b.WriteString("  cb(null, user, context);\n};\n")
		return b.String()
	}},
	{"assignment-chain", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) {\n  var a;\n")
		for range n / nestRun {
			b.WriteString("  a = ")
			b.WriteString(strings.Repeat("a = ", nestRun))
			b.WriteString("context.webtask.secrets;\n")
		}
		b.WriteString("  cb(null, a.KEY);\n};\n")
		return b.String()
	}},
	{"bracket-fold", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) {\n  cb(null, context.webtask.secrets['k'")
		b.WriteString(strings.Repeat(" + 'k'", n))
		b.WriteString("]);\n};\n")
		return b.String()
	}},
	{"nested-object", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) {\n")
		for range n / nestRun {
			b.WriteString("  cb(null, user, ")
			b.WriteString(strings.Repeat("{ a: ", nestRun))
			b.WriteString("context.webtask.secrets.KEY")
			b.WriteString(strings.Repeat(" }", nestRun))
			b.WriteString(");\n")
		}
		b.WriteString("};\n")
		return b.String()
	}},
	// Old Mac line ends: a lone \r ends each line comment, which a search
	// for \n alone would rescan to the end of the script for each one.
	{"cr-line-comments", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) {\r")
		for i := range n {
			fmt.Fprintf(&b, "  var v%d = context.webtask.secrets.K%d; // read K%d\r", i, i, i)
		}
		b.WriteString("  cb(null, user, context);\r};\r")
		return b.String()
	}},
	{"secret-array", func(n int) string {
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) { cb(null, [")
		for range n {
			b.WriteString("context.webtask.secrets.KEY, ")
		}
		b.WriteString("]); };\n")
		return b.String()
	}},
}

// BenchmarkGrowth analyses each shape at every size in the same run and
// reports cost(2N)/cost(N) for each doubling (x2@N) and the largest of them
// (growth). Linear analysis keeps them near 2; the target is at most 2.3.
// The same for a bare parse of each script (parse-growth) shows what the
// parser alone does on the same machine in the same run. Costs are CPU
// time, garbage collection included.
func BenchmarkGrowth(b *testing.B) {
	for _, shape := range growthShapes {
		b.Run(shape.name, func(b *testing.B) {
			scripts := make([][]byte, len(growthSizes))
			for i, n := range growthSizes {
				scripts[i] = []byte(shape.build(n))
			}
			spent := make([]time.Duration, len(growthSizes))
			parsing := make([]time.Duration, len(growthSizes))
			for b.Loop() {
				for i, src := range scripts {
					// Each measure starts from a collected heap, so that no
					// collection of another's garbage lands in it.
					runtime.GC()
					start := cpuTime()
					if _, err := parser.ParseFile(nil, "hook.js", src, 0, parser.WithDisableSourceMaps); err != nil {
						b.Fatal(err)
					}
					runtime.GC()
					mid := cpuTime()
					r := AnalyzeScript(Script{Source: src, File: "hook.js", Detail: true})
					spent[i] += cpuTime() - mid
					parsing[i] += mid - start
					if !r.Parsed || r.Context == nil {
						b.Fatalf("%s at %d: parsed %v, context %v, findings %v", shape.name, growthSizes[i], r.Parsed, r.Context, r.Findings)
					}
				}
			}
			b.ReportMetric(worstDoubling(b, spent, "x2@"), "growth")
			b.ReportMetric(worstDoubling(nil, parsing, ""), "parse-growth")
		})
	}
}

// worstDoubling is the largest cost(2N)/cost(N); each is reported too when
// b is given, named prefix followed by N.
func worstDoubling(b *testing.B, spent []time.Duration, prefix string) float64 {
	worst := 0.0
	for i := 1; i < len(spent); i++ {
		ratio := float64(spent[i]) / float64(spent[i-1])
		if b != nil {
			b.ReportMetric(ratio, fmt.Sprintf("%s%d", prefix, growthSizes[i-1]))
		}
		worst = max(worst, ratio)
	}
	return worst
}
