package analyzer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// corpus is at least 1 MB of hook scripts: every sample and pattern script
// that parses, repeated. Each is analysed as its own hook, as in a tenant.
func corpus(tb testing.TB) [][]byte {
	tb.Helper()
	var files []string
	for _, dir := range []string{"../testdata/sample/*.js", "../testdata/patterns/*.js"} {
		m, err := filepath.Glob(dir)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, m...)
	}
	var scripts [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := parser.ParseFile(nil, f, src, 0, parser.WithDisableSourceMaps); err == nil {
			scripts = append(scripts, src)
		}
	}
	if len(scripts) == 0 {
		tb.Fatal("no scripts in the corpus")
	}
	var out [][]byte
	for size := 0; size < 1<<20; {
		for _, s := range scripts {
			out = append(out, s)
			size += len(s)
		}
	}
	return out
}

func corpusSize(c [][]byte) int64 {
	var n int64
	for _, s := range c {
		n += int64(len(s))
	}
	return n
}

// BenchmarkAnalyze measures the analysis of the corpus and a bare parse of
// the same scripts in the same run, and reports their ratio
// (analyze/parse): the cost of the analysis on top of parsing. Both are
// CPU time, garbage collection included (see cpuTime).
func BenchmarkAnalyze(b *testing.B) {
	benchAgainstParse(b, func(s []byte) bool { return Analyze(s, "hook.js", "").Parsed })
}

// BenchmarkAnalyzeDetail is BenchmarkAnalyze with the detail a migration
// plan needs, as the command runs it; reported the same way.
func BenchmarkAnalyzeDetail(b *testing.B) {
	benchAgainstParse(b, func(s []byte) bool {
		return AnalyzeScript(Script{Source: s, File: "hook.js", Detail: true}).Parsed
	})
}

// BenchmarkAnalyzeStages weighs the stages of BenchmarkAnalyzeDetail: each
// sub-benchmark runs the analysis up to and including one stage, reported
// as BenchmarkAnalyze is, so the difference between two neighbours is what
// a stage costs. The first, walk, is the floor of any analysis over goja's
// AST: the parse and one walk of the tree that does nothing at each node.
func BenchmarkAnalyzeStages(b *testing.B) {
	b.Run("walk", func(b *testing.B) {
		var nodes int
		nop := visitFunc(func(ast.Node) bool { nodes++; return true })
		benchAgainstParse(b, func(s []byte) bool {
			ps, err := parse("hook.js", s)
			if err != nil {
				return false
			}
			Walk(nop, ps.program)
			return true
		})
		if nodes == 0 {
			b.Fatal("the walk visited no node")
		}
	})
	for i, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			benchAgainstParse(b, func(s []byte) bool {
				return analyzeStages(Script{Source: s, File: "hook.js", Detail: true}, i+1).Parsed
			})
		})
	}
}

// benchAgainstParse runs a bare parse of the corpus and then analyse over
// it in every iteration, and reports the ratio of their CPU times.
func benchAgainstParse(b *testing.B, analyse func([]byte) (parsed bool)) {
	scripts := corpus(b)
	b.SetBytes(corpusSize(scripts))
	b.ReportAllocs()
	var parsing, analysing int64
	for b.Loop() {
		start := cpuTime()
		parseAll(b, scripts)
		mid := cpuTime()
		for _, s := range scripts {
			if !analyse(s) {
				b.Fatal("corpus script did not parse")
			}
		}
		parsing += int64(mid - start)
		analysing += int64(cpuTime() - mid)
	}
	b.ReportMetric(float64(analysing)/float64(parsing), "analyze/parse")
}

// BenchmarkParse is the bare parse alone, for benchstat comparisons.
func BenchmarkParse(b *testing.B) {
	scripts := corpus(b)
	b.SetBytes(corpusSize(scripts))
	b.ReportAllocs()
	for b.Loop() {
		parseAll(b, scripts)
	}
}

// parseAll is the baseline of the benchmarks: a bare parse of each script,
// as the analysis parses it.
func parseAll(b *testing.B, scripts [][]byte) {
	for _, s := range scripts {
		if _, err := parser.ParseFile(nil, "hook.js", s, 0, parser.WithDisableSourceMaps); err != nil {
			b.Fatal(err)
		}
	}
}
