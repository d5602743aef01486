package reports

import (
	"bytes"
	"html"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/mdtext"
	"github.com/hooks2actions/hooks2actions/migrate"
	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/trigger"
)

// hostileReport has names, keys, files and messages that try to break out
// of their table cell or inject markup: pipes, backticks, HTML, newlines.
func hostileReport() *Report {
	hooks := []migrate.HookInput{
		{
			Hook: tenant.Hook{Name: "a|b", TriggerID: "pre-user-registration", Enabled: true,
				SecretKeys: []string{"K|EY", "`TICK`", "UNUSED_<b>", `BACK\|SLASH`},
				Origin:     tenant.Origin{Kind: tenant.OriginDeployDir, File: "hooks/a|b (1).js", Declared: finding.Location{File: "hooks/a|b.json", Line: 1}}},
			Result: &analyzer.Result{File: "hooks/a|b (1).js", TriggerID: "pre-user-registration", TriggerSource: analyzer.TriggerGiven, Parsed: true,
				Usages: []analyzer.SecretUsage{
					{Key: "K|EY", Line: 3, Column: 7, Kind: analyzer.KindMember},
					{Key: "`TICK`", Line: 4, Column: 7, Kind: analyzer.KindBracket},
					{Key: "<script>alert(1)</script>", Line: 5, Column: 7, Kind: analyzer.KindBracket},
					{Key: "NEW\nLINE", Line: 6, Column: 7, Kind: analyzer.KindBracket},
					{Key: `BACK\|SLASH`, Line: 7, Column: 7, Kind: analyzer.KindBracket},
				}},
		},
		{
			Hook: tenant.Hook{Name: "<script>alert(1)</script>", TriggerID: "post-change-password",
				SecretKeys: []string{}, Origin: tenant.Origin{Kind: tenant.OriginAPI}},
			Result: &analyzer.Result{TriggerID: "post-change-password", TriggerSource: analyzer.TriggerGiven, Parsed: true},
		},
		{
			Hook: tenant.Hook{Name: "back`tick\nnew line ##", TriggerID: "send-phone-message", Enabled: true,
				SecretKeys: []string{"A]B", "C\"D"}, Origin: tenant.Origin{Kind: tenant.OriginFile, File: "/abs/x.js"}},
			Result: &analyzer.Result{File: "/abs/x.js", TriggerID: "send-phone-message", TriggerSource: analyzer.TriggerGiven, Parsed: true,
				Usages:   []analyzer.SecretUsage{{Key: "A]B", Line: 2, Column: 1, Kind: analyzer.KindBracket}},
				Findings: []finding.Finding{{Rule: finding.RuleDynamicSecretAccess, Severity: finding.Warning, Message: `read with | key <i> or \| \`, Location: finding.Location{File: "/abs/x.js", Line: 9}}}},
		},
	}
	plan := migrate.Build(hooks, migrate.Options{})
	plan.Findings = append(plan.Findings, finding.Finding{Rule: finding.RuleNoActionEquivalent, Severity: finding.Warning,
		Hook: "a|b", Message: "global `auth0` | <em>object</em>\nhas no equivalent", Location: finding.Location{File: "hooks/a|b (1).js", Line: 8, Column: 3}})
	return Build(Input{Tool: testTool, Now: goldenNow, Hooks: hooks, Plan: plan,
		Inventory: &tenant.Inventory{Tenant: "evil|tenant <b>", Problems: []tenant.Problem{
			{Location: finding.Location{File: "hooks/bad|name.json", Line: 2}, Message: "invalid | character `}`"},
		}}})
}

// markdownCases are every report the Markdown tests render.
func markdownCases() []struct {
	name   string
	report func(t *testing.T) *Report
} {
	return []struct {
		name   string
		report func(t *testing.T) *Report
	}{
		{"sample", sampleReport},
		{"tenant", tenantReport},
		{"findings", func(*testing.T) *Report { return findingsReport() }},
		{"hostile", func(*testing.T) *Report { return hostileReport() }},
	}
}

func renderMarkdown(t *testing.T, r *Report) []byte {
	t.Helper()
	r.Generated = goldenNow
	return render(t, "markdown", false, r)
}

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// mdTable is a table as goldmark parsed it, cells as the reader sees them.
type mdTable struct {
	header []string
	rows   [][]string
}

// parseMarkdown parses a document as GitHub does and returns its tables and
// the contents of its mermaid code blocks.
func parseMarkdown(t *testing.T, src []byte) (tables []mdTable, mermaid []string) {
	t.Helper()
	doc := gfm.Parser().Parse(text.NewReader(src))
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			var tbl mdTable
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				var cells []string
				for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
					cells = append(cells, cellText(t, src, cell))
				}
				if _, ok := c.(*east.TableHeader); ok {
					tbl.header = cells
				} else {
					tbl.rows = append(tbl.rows, cells)
				}
			}
			tables = append(tables, tbl)
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			if string(n.Language(src)) == "mermaid" {
				var b strings.Builder
				for i := 0; i < n.Lines().Len(); i++ {
					seg := n.Lines().At(i)
					b.Write(seg.Value(src))
				}
				mermaid = append(mermaid, b.String())
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tables, mermaid
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// cellText renders one table cell to HTML and returns its text.
func cellText(t *testing.T, src []byte, cell ast.Node) string {
	t.Helper()
	var buf bytes.Buffer
	if err := gfm.Renderer().Render(&buf, src, cell); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(html.UnescapeString(htmlTag.ReplaceAllString(buf.String(), "")))
}

// The hostile report's golden file shows how its content is escaped; the
// other reports' Markdown golden files are checked by TestGolden.
func TestMarkdownGoldenHostile(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("..", "testdata", "golden", "hostile.md"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, golden, renderMarkdown(t, hostileReport()))
}

// The tables must be tables: the summary table and every secrets table have
// their header and one row per item, and hostile content stays in its cell.
func TestMarkdownTables(t *testing.T) {
	for _, tt := range markdownCases() {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.report(t)
			src := renderMarkdown(t, r)
			tables, _ := parseMarkdown(t, src)

			var summary []mdTable
			var secrets []mdTable
			for _, tbl := range tables {
				for i, row := range tbl.rows {
					if len(row) != len(tbl.header) {
						t.Errorf("table %q row %d has %d cells, want %d", tbl.header, i, len(row), len(tbl.header))
					}
				}
				switch {
				case slices.Equal(tbl.header, []string{"Summary", "Count"}):
					summary = append(summary, tbl)
				case slices.Equal(tbl.header, secretsHeader):
					secrets = append(secrets, tbl)
				}
			}

			if len(summary) != 1 {
				t.Fatalf("got %d summary tables, want 1:\n%s", len(summary), src)
			}
			// Hooks, one row per trigger, unknown, enabled, disabled, not
			// known, defined, referenced, four statuses, three severities;
			// with a plan, four readiness buckets and the things to do.
			want := len(trigger.All()) + 14
			if slices.ContainsFunc(r.Hooks, func(h HookReport) bool { return h.Action != nil }) {
				want += 5
			}
			if got := len(summary[0].rows); got != want {
				t.Errorf("summary table has %d rows, want %d", got, want)
			}
			for _, row := range summary[0].rows {
				if row[0] == "Hooks" && row[1] != strconv.Itoa(len(r.Hooks)) {
					t.Errorf("summary says %s hooks, want %d", row[1], len(r.Hooks))
				}
			}

			// One secrets table per hook with keys, in hook order, one row
			// per key defined, read or mapped, each shown as itself.
			var wantKeys [][]string
			for _, h := range r.Hooks {
				keys := map[string]bool{}
				for _, k := range slices.Concat(h.Defined, h.Referenced) {
					keys[k] = true
				}
				if h.Action != nil {
					for _, s := range h.Action.Secrets {
						keys[s.Key] = true
					}
				}
				if len(keys) == 0 {
					continue
				}
				var shown []string
				for k := range keys {
					shown = append(shown, mdtext.Visible(k))
				}
				slices.Sort(shown)
				wantKeys = append(wantKeys, shown)
			}
			var gotKeys [][]string
			for _, tbl := range secrets {
				var col []string
				for _, row := range tbl.rows {
					col = append(col, row[0])
				}
				gotKeys = append(gotKeys, col)
			}
			if diff := cmp.Diff(wantKeys, gotKeys); diff != "" {
				t.Errorf("secrets tables' keys (-want +got):\n%s", diff)
			}
		})
	}
}

// Hostile names, keys, files and messages read as themselves, in their own
// cells, and never become markup.
func TestMarkdownEscapesUserContent(t *testing.T) {
	src := renderMarkdown(t, hostileReport())
	var out bytes.Buffer
	if err := gfm.Convert(src, &out); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	// goldmark drops raw HTML by default: a trace of it means the document
	// holds markup that did not come from the renderer.
	for _, bad := range []string{"raw HTML omitted", "<script", "<b>", "<i>", "<em>", "<img"} {
		if strings.Contains(page, bad) {
			t.Errorf("rendered page contains %q:\n%s", bad, page)
		}
	}
	tables, _ := parseMarkdown(t, src)
	cells := map[string]bool{}
	for _, tbl := range tables {
		for _, row := range tbl.rows {
			for _, c := range row {
				cells[c] = true
			}
		}
	}
	for _, want := range []string{
		"a|b", "K|EY", "`TICK`", "<script>alert(1)</script>", `NEW\nLINE`, "UNUSED_<b>", "A]B", `C"D`,
		`back` + "`" + `tick\nnew line ##`,
		`BACK\|SLASH`, "hooks/a|b (1).js:3:7", "/abs/x.js:9", `read with | key <i> or \| \`,
		"global `auth0` | <em>object</em>\\nhas no equivalent", "invalid | character `}`", "hooks/bad|name.json:2",
	} {
		if !cells[want] {
			t.Errorf("no table cell reads %q; cells:\n%q", want, slices.Sorted(maps.Keys(cells)))
		}
	}
	// A relative file is a link that keeps the pipe and the space out of
	// the table syntax; an absolute one is not linked.
	for _, want := range []string{
		"[hooks/a\\|b (1).js:3:7](hooks/a%7Cb%20%281%29.js#L3)",
		"| /abs/x.js:9 |",
	} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("document lacks %q:\n%s", want, src)
		}
	}
	if !strings.Contains(page, `<a href="hooks/a%7Cb%20%281%29.js#L3">`) {
		t.Errorf("no link to the relative file in:\n%s", page)
	}
	if !strings.Contains(page, "<h1>Hooks audit: evil|tenant &lt;b&gt;, 2026-11-22</h1>") {
		t.Errorf("title does not read as the tenant:\n%s", page)
	}
}

var (
	mermaidNode   = regexp.MustCompile(`^(hook|action|secret)[0-9]+(_[0-9]+)?$`)
	mermaidLine   = regexp.MustCompile(`^  (\w+)(\["[^"]*"\])?( --> (\w+)\("[^"]*"\))?( -\.- (\w+)\(\["[^"]*"\]\))?$`)
	mermaidClass  = regexp.MustCompile(`^  (classDef \w+ [-\w:#,. ]+|class [\w,]+ \w+)$`)
	mermaidQuoted = regexp.MustCompile(`"([^"]*)"`)
)

// The diagram's node ids are generated, never user text, and labels hold
// nothing that Mermaid or the page would read as syntax.
func TestMarkdownMermaid(t *testing.T) {
	for _, tt := range markdownCases() {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.report(t)
			_, blocks := parseMarkdown(t, renderMarkdown(t, r))
			planned := slices.ContainsFunc(r.Hooks, func(h HookReport) bool { return h.Action != nil })
			if !planned {
				if len(blocks) != 0 {
					t.Errorf("diagram without a plan:\n%s", blocks)
				}
				return
			}
			if len(blocks) != 1 {
				t.Fatalf("got %d mermaid blocks, want 1", len(blocks))
			}
			lines := strings.Split(strings.TrimSuffix(blocks[0], "\n"), "\n")
			if lines[0] != "flowchart LR" {
				t.Errorf("first line %q, want flowchart LR", lines[0])
			}
			hookNodes := 0
			for _, line := range lines[1:] {
				if mermaidClass.MatchString(line) {
					continue
				}
				m := mermaidLine.FindStringSubmatch(line)
				if m == nil {
					t.Errorf("unexpected diagram line %q", line)
					continue
				}
				for _, id := range []string{m[1], m[4], m[6]} {
					if id != "" && !mermaidNode.MatchString(id) {
						t.Errorf("node id %q in %q is not a generated id", id, line)
					}
				}
				if strings.HasPrefix(m[1], "hook") {
					hookNodes++
				}
				for _, label := range mermaidQuoted.FindAllStringSubmatch(line, -1) {
					if l := strings.ReplaceAll(label[1], "<br/>", ""); strings.ContainsAny(l, "[](){}|<>`\\\n") {
						t.Errorf("label %q holds Mermaid or HTML syntax", label[1])
					}
				}
			}
			if hookNodes != len(r.Hooks) {
				t.Errorf("diagram has %d hook nodes, want %d", hookNodes, len(r.Hooks))
			}
		})
	}
}

func TestMarkdownEndOfLife(t *testing.T) {
	tests := []struct {
		now        time.Time
		want       string
		wantAbsent []string
	}{
		{time.Date(2026, time.January, 1, 12, 0, 0, 0, time.UTC), "**321 days left**", []string{"past end of life"}},
		{time.Date(2026, time.November, 17, 23, 59, 59, 0, time.UTC), "**1 day left**", nil},
		{time.Date(2026, time.November, 18, 0, 0, 0, 0, time.UTC), "**End of life today**", []string{"left**", "past end of life"}},
		{time.Date(2026, time.November, 18, 23, 59, 59, 0, time.UTC), "**End of life today**", nil},
		// Days are counted in UTC, whatever the clock's zone.
		{time.Date(2026, time.November, 19, 9, 0, 0, 0, time.FixedZone("+14", 14*3600)), "**End of life today**", nil},
		{time.Date(2026, time.November, 19, 0, 0, 0, 0, time.UTC), "**1 day past end of life**", []string{"left**"}},
		{time.Date(2027, time.November, 18, 0, 0, 0, 0, time.UTC), "**365 days past end of life**", nil},
	}
	for _, tt := range tests {
		r := &Report{Tool: testTool, Generated: tt.now}
		got := string(render(t, "markdown", false, r))
		if !strings.Contains(got, tt.want) {
			t.Errorf("at %v: no %q in:\n%s", tt.now, tt.want, got)
		}
		if date := tt.now.UTC().Format(time.DateOnly); !strings.Contains(got, "# Hooks audit, "+date+"\n") {
			t.Errorf("at %v: title does not give the UTC date %s:\n%s", tt.now, date, got)
		}
		for _, absent := range tt.wantAbsent {
			if strings.Contains(got, absent) {
				t.Errorf("at %v: unexpected %q in:\n%s", tt.now, absent, got)
			}
		}
	}

	// Without a date there is no date and no count, only the end of life,
	// in the tense of the clock, or none without one.
	for _, tt := range []struct {
		clock time.Time
		want  string
	}{
		{time.Time{}, "Auth0 Hooks end of life: 2026-11-18."},
		{time.Date(2026, time.November, 17, 23, 59, 59, 0, time.UTC), "Auth0 Hooks reach end of life on 2026-11-18."},
		{time.Date(2026, time.November, 18, 0, 0, 0, 0, time.UTC), "Auth0 Hooks reached end of life on 2026-11-18."},
		{time.Date(2026, time.December, 1, 12, 0, 0, 0, time.UTC), "Auth0 Hooks reached end of life on 2026-11-18."},
	} {
		got := string(render(t, "markdown", false, &Report{Tool: testTool, Now: tt.clock}))
		if !strings.Contains(got, "# Hooks audit\n") || !strings.Contains(got, tt.want) {
			t.Errorf("no date, clock %v: want a dateless title and %q:\n%s", tt.clock, tt.want, got)
		}
		for _, absent := range []string{"left**", "past end of life", "today", "2026-12-01", "2026-11-17"} {
			if strings.Contains(got, absent) {
				t.Errorf("no date, clock %v: unexpected %q in:\n%s", tt.clock, absent, got)
			}
		}
	}
}

// Two renders are the same bytes, and so is a render of the same report
// with its hooks, usages and findings in another order.
func TestMarkdownDeterministic(t *testing.T) {
	for _, tt := range markdownCases() {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.report(t)
			first := renderMarkdown(t, r)
			if second := renderMarkdown(t, r); !bytes.Equal(first, second) {
				t.Fatalf("two renders differ:\n%s", cmp.Diff(string(first), string(second)))
			}
			shuffled := *r
			shuffled.Hooks = slices.Clone(r.Hooks)
			slices.Reverse(shuffled.Hooks)
			for i := range shuffled.Hooks {
				shuffled.Hooks[i].Usages = slices.Clone(shuffled.Hooks[i].Usages)
				slices.Reverse(shuffled.Hooks[i].Usages)
			}
			shuffled.Findings = slices.Clone(r.Findings)
			slices.Reverse(shuffled.Findings)
			if diff := cmp.Diff(string(first), string(renderMarkdown(t, &shuffled))); diff != "" {
				t.Errorf("the order of the input shows in the output (-sorted +reversed):\n%s", diff)
			}
		})
	}
}
