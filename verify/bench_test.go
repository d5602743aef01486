package verify_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/verify"
)

// benchHooks are the sample tenant's hooks and the sample scripts: every
// trigger, the common modules.
func benchHooks(b *testing.B) []tenant.Hook {
	inv, err := tenant.LoadDeployDirectory("../testdata/tenant/deploy-directory", tenant.DeployOptions{})
	if err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob("../testdata/sample/*.js")
	if err != nil {
		b.Fatal(err)
	}
	scripts, err := tenant.LoadScriptFiles(files)
	if err != nil {
		b.Fatal(err)
	}
	return append(inv.Hooks, scripts...)
}

// BenchmarkVerify measures, in each iteration, what analyze costs (the
// analysis with detail and the plan with its drafts) and then what verify
// adds (every hook beside its draft, all inputs and scenarios), and reports
// verify's cost per hook and as a ratio of the analysis in the same run.
func BenchmarkVerify(b *testing.B) {
	hooks := benchHooks(b)
	var plan, check time.Duration
	for b.Loop() {
		start := time.Now()
		in := migrate.Analyze(hooks, true)
		p := migrate.Build(in, migrate.Options{})
		mid := time.Now()
		verify.Plan(in, p, verify.Options{})
		plan += mid.Sub(start)
		check += time.Since(mid)
	}
	b.ReportMetric(float64(check)/float64(plan), "verify/analyze")
	b.ReportMetric(float64(check.Milliseconds())/float64(b.N*len(hooks)), "verify-ms/hook")
}
