package migrate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/analyzer"
)

// runtimeGlobal is a module the hooks runtime put in scope as a global
// (see webtaskModules) that the hook uses without requiring it.
type runtimeGlobal struct {
	Name, Module string
	Line         int
}

// runtimeGlobals lists the webtask modules a hook reads as globals, once
// each, at their first use, by global name.
func runtimeGlobals(d *analyzer.Detail) []runtimeGlobal {
	if d == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []runtimeGlobal
	for _, f := range d.FreeNames {
		module, ok := webtaskModules[f.Name]
		if !ok || seen[f.Name] {
			continue
		}
		seen[f.Name] = true
		out = append(out, runtimeGlobal{Name: f.Name, Module: module, Line: f.Line})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// runtimeGlobalFrom says where the need for a package the hooks runtime
// gave as a global comes from, for the plan's dependencies.
func runtimeGlobalFrom(g runtimeGlobal) string {
	return fmt.Sprintf("global %s at line %d, which the hooks runtime provided (version not documented)", g.Name, g.Line)
}

// requireGlobals declares the webtask modules the hook used as globals
// with a require at the top of the draft: an Action has no such globals.
// The plan adds each package (Node's own aside) to the dependencies.
func (dr *drafter) requireGlobals() {
	globals := runtimeGlobals(dr.d)
	if len(globals) == 0 {
		return
	}
	var b strings.Builder
	for _, g := range globals {
		dep := "it is a module of Node"
		if !IsBuiltin(g.Module) {
			dep = "the plan adds " + g.Module + " to the dependencies as latest, since which version the runtime gave is not documented: pin the one the hook ran with"
		}
		fmt.Fprintf(&b, "%sthe hooks runtime gave %s as a global without a require; an Action must require it (%s)\nconst %s = require('%s');\n",
			NotePrefix, g.Name, dep, g.Name, g.Module)
	}
	at := codeStart(dr.src)
	dr.edits.add(at, at, b.String())
}

// codeStart is the start of the line where a script's code begins, past
// the comments that head it (a file's header stays on top).
func codeStart(src []byte) int {
	i := 0
	for {
		line := i
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			if src[i] == '\n' {
				line = i + 1
			}
			i++
		}
		rest := string(src[i:])
		switch {
		case strings.HasPrefix(rest, "//"):
			end := strings.IndexByte(rest, '\n')
			if end < 0 {
				return len(src)
			}
			i += end + 1
		case strings.HasPrefix(rest, "/*"):
			end := strings.Index(rest, "*/")
			if end < 0 {
				return line
			}
			i += end + 2
		default:
			return line
		}
	}
}
