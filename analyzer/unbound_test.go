package analyzer

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFreeNames(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"names that are not references", "label: for (const k of list) { if (k) continue label; }\n" +
			"const o = { key: 1, method() { return new.target; }, [computed]: 2 };\n" +
			"class C { field = 1; #p = 2; m() { return this.#p + o.key; } }\n" +
			"if (typeof maybe === 'undefined') o.other.deep = 1;",
			[]string{"list@1:24", "computed@2:55"}},
		{"declarations in every scope", "function f(a, { b }, ...c) { var d; let e; try {} catch (x) { return a + b + c + d + e + x + g; } }\n" +
			"function g() { return f; }\nconst h = () => i; const { j = h } = {}; j;",
			[]string{"i@3:17"}},
		{"globals of Node and the module's own names", "module.exports = async (event, api) => {\n" +
			"  const r = require('x'); setTimeout(() => {}, 1); console.log(Buffer, process, JSON, exports, __dirname);\n" +
			"  return event.user + api.access + context + cb;\n};",
			[]string{"context@3:36", "cb@3:46"}},
		{"an implicit global is bound, shorthand is a reference", "helper = (u) => u;\nhelper({ user });",
			[]string{"user@2:10"}},
		{"a top-level return is legal in a module", "if (!ready) return;\nconst ready = 1;", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseModule("code.js", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range m.FreeNames() {
				got = append(got, n.Name+"@"+strconv.Itoa(n.Line)+":"+strconv.Itoa(n.Column))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("free names (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseModuleErrorPosition(t *testing.T) {
	_, err := ParseModule("code.js", []byte("const a = ;\n"))
	if err == nil || err.Line != 1 || err.Column != 11 {
		t.Errorf("error %+v; want one at 1:11, in the script's own columns", err)
	}
	m, err := ParseModule("code.js", []byte("x;\nconst a = 1;\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e := m.ErrorAt(len(modulePrefix)+3, "m"); e.Line != 2 || e.Column != 1 {
		t.Errorf("ErrorAt = %+v; want 2:1", e)
	}
}
