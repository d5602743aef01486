package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hooks2actions/hooks2actions/migrate"
)

// verifiedReport is the fixture tenant with one verdict of each kind, set
// by hand so the rendering is tested apart from verification. The
// difference holds Markdown and HTML that must reach readers as text.
func verifiedReport(t *testing.T) *Report {
	r := tenantReport(t)
	verdicts := []*migrate.Verdict{
		{Status: migrate.VerdictEquivalent, Runs: 6},
		{Status: migrate.VerdictDiffers, Runs: 2, Difference: &migrate.Difference{
			Input: `input "full" (every optional field set)`, Hook: "succeeded",
			Action: `failed with "a | b <script>"`}},
		{Status: migrate.VerdictNotVerified, Runs: 0, Reason: "the hook needs module mysql, which has no fake"},
	}
	for i := range r.Hooks[:3] {
		r.Hooks[i].Action.Verdict = verdicts[i]
	}
	return r
}

func TestVerdictsInJSON(t *testing.T) {
	sch := compileReportSchema(t)
	r := verifiedReport(t)
	out := render(t, "json", false, r)
	validateReport(t, sch, out)
	for _, want := range []string{`"status": "equivalent"`, `"status": "differs"`, `"action": "failed with \"a | b <script>\""`,
		`"reason": "the hook needs module mysql, which has no fake"`, `"verdict": null`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the JSON report lacks %s", want)
		}
	}
	// The schema holds a verdict to its status.
	for name, mutate := range map[string]func(v map[string]any){
		"differs without its difference": func(v map[string]any) {
			if v["status"] == "differs" {
				delete(v, "difference")
			}
		},
		"not verified without a reason": func(v map[string]any) {
			if v["status"] == "not-verified" {
				delete(v, "reason")
			}
		},
		"an unknown status": func(v map[string]any) { v["status"] = "probably" },
	} {
		var doc map[string]any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		for _, h := range doc["hooks"].([]any) {
			if v, ok := h.(map[string]any)["action"].(map[string]any)["verdict"].(map[string]any); ok {
				mutate(v)
			}
		}
		bad, _ := json.Marshal(doc)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("the schema accepts %s", name)
		}
	}
}

func TestVerdictsInMarkdownAndText(t *testing.T) {
	r := verifiedReport(t)
	md := string(renderMarkdown(t, r))
	tables, _ := parseMarkdown(t, []byte(md))
	var hooks *mdTable
	for i := range tables {
		if tables[i].header[len(tables[i].header)-1] == "Draft" {
			hooks = &tables[i]
		}
	}
	if hooks == nil {
		t.Fatalf("no hooks table with a Draft column:\n%s", md)
	}
	var got []string
	for _, row := range hooks.rows {
		got = append(got, row[len(row)-1])
	}
	if want := "equivalent differs not-verified — —"; strings.Join(got, " ") != want {
		t.Errorf("Draft column %q, want %q", strings.Join(got, " "), want)
	}
	for _, want := range []string{
		"Equivalent: the hook and its draft did the same on all 6 inputs and network scenarios tried.",
		`- **Action:** failed with "a | b &lt;script&gt;"`,
		"Not verified: the hook needs module mysql, which has no fake. Review the draft by hand.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown report lacks %q", want)
		}
	}
	if text := string(render(t, "text", false, r)); !strings.Contains(text, "; draft differs\n") {
		t.Errorf("the text report does not give the verdict:\n%s", text)
	}
	// Without verification, no Draft column at all.
	for i := range r.Hooks {
		r.Hooks[i].Action.Verdict = nil
	}
	if md := string(renderMarkdown(t, r)); strings.Contains(md, "| Draft |") {
		t.Error("a Draft column without verification")
	}
}
