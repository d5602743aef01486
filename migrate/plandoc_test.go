package migrate

import (
	"bytes"
	"testing"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/tenant"
)

// TestPlanDocEncodedInParallelIsTheSame checks that plan.json, whose Actions
// are encoded in parallel, is byte for byte the one document encoding
// would give: on the sample export, on no hooks, and on a hook whose name
// and script hold what JSON must escape (and must not HTML-escape).
func TestPlanDocEncodedInParallelIsTheSame(t *testing.T) {
	sample, _ := planOf(t, deployFixture)
	h := tenant.Hook{Name: "Billing <b>&amp; \"x\"\n", ID: "hk\u2028", TriggerID: "post-user-registration", Enabled: true,
		Script: []byte(trickyHookScript), SecretKeys: []string{"API_KEY", "<K>"}, Origin: tenant.Origin{Kind: tenant.OriginFile, File: "hooks/a.js"}}
	res := analyzer.AnalyzeScript(analyzer.Script{Source: h.Script, File: h.Origin.File, TriggerID: h.TriggerID, Detail: true})
	tricky := Build([]HookInput{{Hook: h, Result: res}, {Hook: tenant.Hook{Name: "no script"}}}, Options{})
	for name, p := range map[string]*Plan{"sample": sample, "none": Build(nil, Options{}), "tricky": tricky} {
		doc := planDocOf(p)
		want, err := marshalJSON(doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalPlanDoc(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s: plan.json differs from one document's encoding:\n%s\nwant:\n%s", name, got, want)
		}
	}
}
