package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPatternFiles checks every script in testdata/patterns against the
// expectations written next to the code, in the manner of analysistest:
//
//	const k = context.webtask.secrets.API_KEY; // want API_KEY:member
//	Object.keys(secrets); // want !secrets-object-escape
//
// The usages and findings of each line must be exactly the ones listed.
func TestPatternFiles(t *testing.T) {
	files, err := filepath.Glob("../testdata/patterns/*.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found %d pattern files, want the whole corpus", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := wantedOn(string(src))
			got := reportedOn(Analyze(src, filepath.Base(path), ""))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("expectations (-want +got):\n%s", diff)
			}
		})
	}
}

// wantedOn reads the want comments: line -> sorted "KEY:kind" and "!rule".
func wantedOn(src string) map[int][]string {
	out := map[int][]string{}
	for i, line := range strings.Split(src, "\n") {
		at := strings.LastIndex(line, "// want ")
		if at < 0 {
			continue
		}
		fields := strings.Fields(line[at+len("// want "):])
		sort.Strings(fields)
		out[i+1] = fields
	}
	return out
}

func reportedOn(r *Result) map[int][]string {
	out := map[int][]string{}
	for _, u := range r.Usages {
		out[u.Line] = append(out[u.Line], fmt.Sprintf("%s:%s", u.Key, u.Kind))
	}
	for _, f := range r.Findings {
		out[f.Location.Line] = append(out[f.Location.Line], "!"+f.Rule)
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

func TestWantedOnReadsAnnotations(t *testing.T) {
	src := "a // want A:member !dynamic-secret-access\nb\nc // want B:alias"
	want := map[int][]string{1: {"!dynamic-secret-access", "A:member"}, 3: {"B:alias"}}
	if diff := cmp.Diff(want, wantedOn(src)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
