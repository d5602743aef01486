package migrate

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"github.com/hooks2actions/hooks2actions/analyzer"
	"github.com/hooks2actions/hooks2actions/finding"
)

// checkDraft holds a draft to what Node would do loading it as the
// Action's module: it must compile (goja's compiler rejects what its
// parser lets through, such as a const redeclaring a parameter), and every
// name it reads must be bound in it, a global, or the module's own. The
// draft is parsed once, for both checks. The problems found go on the
// draft, which is then not usable as it stands, and become findings. The
// findings point at the hook's script, where the code the draft kept or
// rewrote stands (see draftMap): the draft is a file only migrate
// writes, and under a name that depends on its target, while the hook's
// file is the one every report can show; the message gives the line and
// column in the draft. It returns the compiled module, nil when the draft
// does not compile.
func (dr *drafter) checkDraft(d *Draft) *goja.Program {
	drafted := newDraftMap(d.Edits)
	at := func(draftOffset int) finding.Location {
		orig, _ := drafted.source(draftOffset)
		line, col := dr.position(orig)
		return finding.Location{File: dr.in.Result.File, Line: line, Column: col}
	}
	var prog *goja.Program
	m, perr := analyzer.ParseModule("action.js", []byte(d.Code))
	if perr == nil {
		prog, perr = compileModule(m)
	}
	if perr != nil {
		msg := fmt.Sprintf("the drafted Action code does not compile: %s (line %d, column %d of the draft, as migrate writes it)", perr.Message, perr.Line, perr.Column)
		d.Problems = append(d.Problems, msg)
		dr.findings = append(dr.findings, newFinding(finding.RuleDraftCompileError, dr.in.Hook, "", at(perr.Offset), msg))
		return nil
	}
	seen := map[string]bool{}
	hookFree := map[int]string{}
	for _, f := range dr.d.FreeNames {
		hookFree[f.Span.Start] = f.Name
	}
	for _, n := range m.FreeNames() {
		if orig, kept := drafted.source(n.Span.Start); kept && hookFree[orig] == n.Name && !webtaskGlobals[n.Name] {
			// The hook used this name unbound too, where the draft keeps its
			// code: the draft neither adds nor fixes that.
			continue
		}
		msg := fmt.Sprintf("the drafted Action code uses %s, which it never defines (line %d, column %d of the draft, as migrate writes it): "+
			"an Action has no such name, so this code throws when it runs", n.Name, n.Line, n.Column)
		dr.findings = append(dr.findings, newFinding(finding.RuleDraftUnboundName, dr.in.Hook, "", at(n.Span.Start), msg))
		if !seen[n.Name] {
			seen[n.Name] = true
			d.Problems = append(d.Problems, "it uses "+n.Name+", which it never defines")
		}
	}
	return prog
}

// compileModule runs goja's compiler over the parsed module. The compiler
// reports its errors by panicking; one that is not a syntax error is a
// compiler fault, still a reason not to trust the draft.
func compileModule(m *analyzer.Module) (prog *goja.Program, merr *analyzer.ModuleError) {
	defer func() {
		if r := recover(); r != nil {
			prog, merr = nil, m.ErrorAt(0, fmt.Sprintf("goja's compiler failed on it: %v", r))
		}
	}()
	prog, err := goja.CompileAST(m.Program, false)
	var syn *goja.CompilerSyntaxError
	switch {
	case err == nil:
		return prog, nil
	case errors.As(err, &syn):
		return nil, m.ErrorAt(syn.Offset, syn.Message)
	}
	return nil, m.ErrorAt(0, err.Error())
}

// Usable says whether the draft passed the checks: it compiles and binds
// every name it uses. A draft that is not usable is still written, for a
// person to finish, but never presented as done.
func (d *Draft) Usable() bool { return d != nil && len(d.Problems) == 0 }

// ProblemText joins the problems for a sentence.
func (d *Draft) ProblemText() string { return strings.Join(d.Problems, "; ") }

// webtaskGlobals are the names the hooks runtime defined and Actions do
// not: code still using them worked in the hook and fails in the Action.
var webtaskGlobals = map[string]bool{"auth0": true, "PreUserRegistrationError": true,
	"InvalidScopeError": true, "InvalidRequestError": true, "ServerError": true}

// webtaskModules are the modules the webtask runtime put in scope as
// globals (its "magic modules"), by global name: drafts require them
// (see requireGlobals).
var webtaskModules = map[string]string{"_": "lodash", "async": "async", "uuid": "uuid",
	"jwt": "jsonwebtoken", "q": "q", "xtend": "xtend", "querystring": "querystring"}

func init() {
	for name := range webtaskModules {
		webtaskGlobals[name] = true
	}
}

// draftMap maps offsets of a draft back to the hook's script through the
// draft's sorted edits, by binary search: a draft may have hundreds of
// thousands of edits and as many names to position.
type draftMap struct {
	edits []TextEdit
	// at holds where each edit's new text starts in the draft.
	at []int
}

func newDraftMap(edits []TextEdit) draftMap {
	at := make([]int, len(edits))
	delta := 0
	for i, e := range edits {
		at[i] = e.Start + delta
		delta += len(e.NewText) - (e.End - e.Start)
	}
	return draftMap{edits: edits, at: at}
}

// source is where an offset of the draft comes from in the hook's script.
// kept is false when it lies in text an edit wrote: the offset returned is
// then where that edit starts in the script, the code it rewrote.
func (m draftMap) source(off int) (orig int, kept bool) {
	// The last edit whose text starts at or before off; the draft's text
	// after it, up to the next edit, is the script's after its end.
	i := sort.Search(len(m.at), func(i int) bool { return m.at[i] > off }) - 1
	if i < 0 {
		return off, true
	}
	e := m.edits[i]
	if end := m.at[i] + len(e.NewText); off >= end {
		return e.End + off - end, true
	}
	return e.Start, false
}
