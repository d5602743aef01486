package mdtext

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestTextAndCode(t *testing.T) {
	tests := []struct{ in, text, code string }{
		{"plain", "plain", "`plain`"},
		{"SECRET_NAME", "SECRET_NAME", "`SECRET_NAME`"},
		{"_x_ *y*", `\_x\_ \*y\*`, "`_x_ *y*`"},
		{"é_ü", "é_ü", "`é_ü`"},
		{"a|b`c", "a|b\\`c", "``a|b`c``"},
		{"`x`", "\\`x\\`", "`` `x` ``"},
		{" x", " x", "`  x `"},
		{"line\nbreak", `line\\nbreak`, "`line\\nbreak`"},
		{"a\u2028b\x1b[0m", `a\\u2028b\\x1b\[0m`, "`a\\u2028b\\x1b[0m`"},
		{`back\slash`, `back\\slash`, "`back\\slash`"},
		{"<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;", "`<b>&amp;</b>`"},
		{"![x](y) #h ~s~", `\!\[x\](y) \#h \~s\~`, "`![x](y) #h ~s~`"},
		{"", "", "(empty)"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.text {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := Code(tt.in); got != tt.code {
			t.Errorf("Code(%q) = %q, want %q", tt.in, got, tt.code)
		}
	}
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain, é and spaces": "plain, é and spaces",
		"tab\there":           `tab\there`,
		"esc\x1b[2J":          `esc\x1b[2J`,
		"para\u2029graph":     `para\u2029graph`,
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCellCode(t *testing.T) {
	for in, want := range map[string]string{
		"API_KEY":   "`API_KEY`",
		"OLD|KEY`":  "OLD|KEY\\`",
		`BACK\DASH`: `BACK\\DASH`,
		"":          "(empty)",
	} {
		if got := CellCode(in); got != want {
			t.Errorf("CellCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRow(t *testing.T) {
	got := Row(Text("a|b"), "`x|y`", "two\r\nlines", "")
	if want := "| a\\|b | `x\\|y` | two  lines |  |"; got != want {
		t.Errorf("Row = %q, want %q", got, want)
	}
}

var (
	tableCell = regexp.MustCompile(`(?s)<td>(.*?)</td>`)
	listItem  = regexp.MustCompile(`(?s)<li>(.*?)</li>`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
)

// TestReadsAsItself renders hostile text with GitHub's Markdown (goldmark
// with GFM) where the documents put it: in a table row as Text and as
// CellCode, and after other text in a list item as Text and as Code. Each
// reads as the text itself, its control characters made visible, and
// nothing becomes markup.
func TestReadsAsItself(t *testing.T) {
	for _, s := range []string{
		"a|b", `back\|slash`, `ends in \`, "`tick` | ``two``", "<script>alert(1)</script>", "&amp; &#124;",
		"*em* _em_ __strong__ ~~del~~", "[link](http://x) ![img](y) <http://z>", "# not a heading",
		"new\nline | and\r\nmore", "esc\x1b[31m", "SECRET_NAME", "x_|_y", "a\\", "|", "-", "1.",
	} {
		md := "| text | code |\n| --- | --- |\n" + Row(Text(s), CellCode(s)) + "\n\n" +
			"- read " + Text(s) + "\n- read " + Code(s) + "\n"
		var out bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &out); err != nil {
			t.Fatal(err)
		}
		page := out.String()
		if strings.Count(page, "<td>") != 2 || strings.Count(page, "<li>") != 2 {
			t.Errorf("%q: the table or the list lost its shape:\n%s\n%s", s, md, page)
			continue
		}
		var read []string
		for _, m := range tableCell.FindAllStringSubmatch(page, -1) {
			read = append(read, m[1])
		}
		for _, m := range listItem.FindAllStringSubmatch(page, -1) {
			read = append(read, strings.TrimPrefix(m[1], "read "))
		}
		want := Visible(s)
		for i, r := range read {
			if strings.Contains(htmlTag.ReplaceAllString(r, ""), "<") {
				t.Errorf("%q: rendered as markup: %s", s, r)
			}
			if got := html.UnescapeString(htmlTag.ReplaceAllString(r, "")); got != want {
				t.Errorf("%q: reading %d is %q, want %q\n%s", s, i, got, want, md)
			}
		}
		if strings.Contains(page, "<em>") || strings.Contains(page, "<a ") || strings.Contains(page, "<img") ||
			strings.Contains(page, "<h1>") || strings.Contains(page, "<del>") || strings.Contains(page, "<strong>") {
			t.Errorf("%q: rendered as markup:\n%s", s, page)
		}
	}
}

func TestFence(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"a\n", "```diff\na\n```\n"},
		{"no newline", "```diff\nno newline\n```\n"},
		{"```\nx\n", "````diff\n```\nx\n````\n"},
		{"s = `a ````` b`\n", "``````diff\ns = `a ````` b`\n``````\n"},
	} {
		if got := Fence("diff", tt.body); got != tt.want {
			t.Errorf("Fence(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestFenceReadsAsItself: whatever the body holds, GitHub's Markdown reads
// one code block holding exactly it.
func TestFenceReadsAsItself(t *testing.T) {
	for _, body := range []string{
		"+const a = `x`;\n-```\n+````js\n",
		"</details>\n<script>alert(1)</script>\n",
		"   ```\nindented fence\n",
	} {
		var out bytes.Buffer
		md := "<details>\n<summary>s</summary>\n\n" + Fence("diff", body) + "\n</details>\n"
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &out); err != nil {
			t.Fatal(err)
		}
		want := `<pre><code class="language-diff">` + html.EscapeString(body) + "</code></pre>"
		if !strings.Contains(out.String(), want) || strings.Count(out.String(), "<pre>") != 1 {
			t.Errorf("Fence(%q) renders as:\n%s\nwant one block %q", body, out.String(), want)
		}
	}
}
