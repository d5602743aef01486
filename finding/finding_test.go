package finding

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSortOrdersByHookPositionRuleSecret(t *testing.T) {
	fs := []Finding{
		{Rule: "b", Hook: "h2", Location: Location{File: "a.js", Line: 1}},
		{Rule: "z", Hook: "h1", Location: Location{File: "a.js", Line: 9}},
		{Rule: "a", Hook: "h1", Location: Location{File: "a.js", Line: 9}, Secret: "Y"},
		{Rule: "a", Hook: "h1", Location: Location{File: "a.js", Line: 9}, Secret: "X"},
		{Rule: "a", Hook: "h1", Location: Location{File: "a.js", Line: 2, Column: 7}},
		{Rule: "a", Hook: "h1", Location: Location{File: "a.js", Line: 2, Column: 3}},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Hook+" "+f.Location.String()+" "+f.Rule+" "+f.Secret)
	}
	want := []string{"h1 a.js:2:3 a ", "h1 a.js:2:7 a ", "h1 a.js:9 a X", "h1 a.js:9 a Y", "h1 a.js:9 z ", "h2 a.js:1 b "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestSeverities(t *testing.T) {
	if !(Error.Rank() > Warning.Rank() && Warning.Rank() > Note.Rank() && Note.Rank() > Severity("").Rank()) {
		t.Error("severities do not rank error > warning > note > none")
	}
	for _, s := range []string{"error", "warning", "note"} {
		if got, err := ParseSeverity(s); err != nil || string(got) != s {
			t.Errorf("ParseSeverity(%q) = %q, %v", s, got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity accepted fatal")
	}
}

func TestRulesAreUniqueAndDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] || r.Summary == "" || r.Help == "" || r.Severity.Rank() == 0 {
			t.Errorf("rule %+v: duplicate id, or missing summary, help or severity", r)
		}
		seen[r.ID] = true
		if got, ok := LookupRule(r.ID); !ok || got.ID != r.ID {
			t.Errorf("LookupRule(%q) = %+v, %v", r.ID, got, ok)
		}
	}
}

func TestUTF16Len(t *testing.T) {
	for in, want := range map[string]int{"": 0, "abc": 3, "é": 1, "😀": 2, "a\xffb": 3} {
		if got := UTF16Len([]byte(in)); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestLocationString(t *testing.T) {
	for loc, want := range map[Location]string{
		{File: "a.js"}: "a.js", {File: "a.js", Line: 3}: "a.js:3", {File: "a.js", Line: 3, Column: 9}: "a.js:3:9",
	} {
		if got := loc.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", loc, got, want)
		}
	}
}
