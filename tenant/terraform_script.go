package tenant

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// tfPathContext holds path.module (and path.root, path.cwd) as "." (see
// tfPathValue), for expressions read outside any module.
var tfPathContext = &hcl.EvalContext{Variables: map[string]cty.Value{"path": tfPathValue(".")}}

// tfPathValue is path in a module: path.root and path.cwd are ".", the
// directory Terraform runs in, and path.module the module's directory
// relative to it ("." for the root module), so that file() paths come
// out relative to the root module's directory, where Terraform resolves
// them.
func tfPathValue(module string) cty.Value {
	return cty.ObjectVal(map[string]cty.Value{
		"module": cty.StringVal(module),
		"root":   cty.StringVal("."),
		"cwd":    cty.StringVal("."),
	})
}

// scriptPlace is where a script's text lies: its file, the line of that
// file its first line is on, and how many columns every line stands right
// of where the script has it (the indentation a <<- heredoc strips).
// Zero when the script has no file of its own.
type scriptPlace struct {
	file         string
	line, indent int
}

// script evaluates the script attribute and says where its text lies: the
// .tf file and the line of the script's first line for a heredoc, the
// script file and line 1 for file(), no file for a quoted string (its
// escapes break the correspondence between positions).
func (r *tfResource) script() ([]byte, scriptPlace) {
	a, ok := r.attr("script")
	if !ok {
		r.problem(r.def, "no script")
		return nil, scriptPlace{}
	}
	return r.evalScript(a.Expr, a.Expr)
}

// evalScript evaluates expr; orig is the attribute's whole expression, for
// messages.
func (r *tfResource) evalScript(expr, orig hcl.Expression) ([]byte, scriptPlace) {
	switch e := expr.(type) {
	case *hclsyntax.TemplateWrapExpr: // "${...}"
		return r.evalScript(e.Wrapped, orig)
	case *hclsyntax.ParenthesesExpr:
		return r.evalScript(e.Expression, orig)
	case *hclsyntax.TemplateExpr:
		return r.templateScript(e)
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "file" && len(e.Args) == 1 && !e.ExpandFinal {
			return r.fileScript(e, orig)
		}
		if e.Name == "templatefile" && len(e.Args) == 2 && !e.ExpandFinal {
			return r.templateFileScript(e, orig)
		}
	}
	read := &tfFileRead{}
	v, ok := tfStaticValue(expr, r.scriptContext(read))
	switch {
	case read.err != nil:
		r.scriptFileProblem(read.path, read.content, read.err, orig.Range(), "script file")
	case !ok:
		r.problem(orig.Range(), "script cannot be evaluated statically: %s", r.scriptSource(orig))
	case v.IsNull():
		r.problem(orig.Range(), "script is null")
	case v.Type() != cty.String:
		r.problem(orig.Range(), "script must be a string, not %s", v.Type().FriendlyName())
	case read.path != "" && v.AsString() == string(read.content):
		// "${file("hook.js")}", the JSON syntax's file(): positions are
		// the script file's.
		return read.content, scriptPlace{file: read.path, line: 1}
	default:
		return []byte(v.AsString()), scriptPlace{}
	}
	return nil, scriptPlace{}
}

// tfFileRead records what the file() or templatefile() of scriptContext
// read: content is the file's text, read whole even when err says the
// template does not parse.
type tfFileRead struct {
	path    string
	content []byte
	err     error
}

// scriptContext is tfPathContext with file(), bounded as fileScript is,
// for script expressions fileScript does not take apart: in the JSON
// syntax every string is a template, and file() is called in one.
func (r *tfResource) scriptContext(read *tfFileRead) *hcl.EvalContext {
	file := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			read.path = r.scriptPath(args[0].AsString())
			read.content, read.err = r.readScriptFile(read.path)
			if read.err != nil {
				return cty.NilVal, read.err
			}
			return cty.StringVal(string(read.content)), nil
		},
	})
	// templatefile() is read as templateFileScript reads it; its variables
	// may be unknown (a variable, a resource's attribute), since they are
	// never used.
	templatefile := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true}},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			read.path = r.scriptPath(args[0].AsString())
			src, tmpl, err := r.readTemplate(read.path)
			switch {
			case err != nil:
				read.content, read.err = src, err
				return cty.NilVal, err
			case tmpl == nil:
				return cty.UnknownVal(cty.String), nil
			}
			read.content = r.templateText(read.path, src, tmpl, 0, len(src), "script template")
			return cty.StringVal(string(read.content)), nil
		},
	})
	vars := maps.Clone(r.ctx().Variables)
	for _, name := range []string{"var", "data", "module"} {
		vars[name] = cty.DynamicVal // unknown: what refers to them is not static
	}
	return &hcl.EvalContext{Variables: vars, Functions: map[string]function.Function{"file": file, "templatefile": templatefile}}
}

// scriptPath is where file(p) reads: p, relative to the root module's
// directory, as Terraform reads it.
func (r *tfResource) scriptPath(p string) string {
	path := filepath.FromSlash(p)
	if !filepath.IsAbs(path) {
		path = filepath.Join(r.rootDir, path)
	}
	return path
}

// readScriptFile reads a script file, which must lie inside the module
// directory or the file root given.
func (r *tfResource) readScriptFile(path string) ([]byte, error) {
	root, what := r.fileRoot, "the file root"
	if root == "" {
		root, what = filepath.Dir(r.file), "the module directory"
	}
	return readInside(root, path, what, inputfile.MaxScript)
}

// templateScript is the text of a heredoc or a quoted string, as Terraform
// would send it: escapes decoded ($${ and %%{ in a heredoc, backslash
// escapes in a quoted string), and for <<- the common leading whitespace
// stripped.
//
// For a heredoc, positions in the script map back to the .tf file: lines
// stay right, so ScriptLine is the line after <<EOF, and the indentation a
// <<- heredoc strips is ScriptIndent. Columns can still be off by one for
// each $${ or %%{ before a position on its line.
//
// An interpolation ${...} or directive %{...} that is not static is kept
// as written, so that the rest of the script can still be analyzed and the
// lines still match, and reported.
func (r *tfResource) templateScript(e *hclsyntax.TemplateExpr) ([]byte, scriptPlace) {
	file, src := r.fileOf(e.SrcRange.Filename)
	start, end := e.SrcRange.Start.Byte, e.SrcRange.End.Byte
	heredoc := bytes.HasPrefix(src[start:end], []byte("<<"))
	// The template's content, between its opening and closing markers.
	var contentStart, contentEnd int
	if heredoc {
		contentStart = start + bytes.IndexByte(src[start:end], '\n') + 1
		contentEnd = bytes.LastIndexByte(src[:end], '\n') + 1 // the closing marker's line
	} else {
		contentStart, contentEnd = start+1, end-1
	}
	contentEnd = max(contentEnd, contentStart)
	script := r.templateText(file, src, e, contentStart, contentEnd, "script")
	if !heredoc {
		return script, scriptPlace{}
	}
	return script, scriptPlace{file: file, line: e.SrcRange.Start.Line + 1, indent: flushIndent(src, start, contentStart, contentEnd)}
}

// templateText is the text of template e, whose content lies between
// contentStart and contentEnd of src (a file named file): its literal
// parts decoded, and each interpolation or directive that is not static
// kept as written and reported, so that the rest of the script can still
// be analyzed and its lines still match. what names the template in the
// report.
func (r *tfResource) templateText(file string, src []byte, e *hclsyntax.TemplateExpr, contentStart, contentEnd int, what string) []byte {
	script := make([]byte, 0, contentEnd-contentStart)
	var dynamic []string
	dynamicAt := -1
	pos := contentStart
	gap := func(to int) {
		// Literal parts are all there is of a static template, so anything
		// between them is an interpolation or a directive, unless it is
		// the leading whitespace a <<- heredoc stripped.
		text := string(src[pos:to])
		if strings.TrimSpace(text) == "" {
			return
		}
		script = append(script, text...)
		dynamic = append(dynamic, templatePartName(strings.TrimSpace(text)))
		if dynamicAt < 0 {
			dynamicAt = pos + len(text) - len(strings.TrimLeft(text, " \t\r\n"))
		}
	}
	for _, part := range e.Parts {
		lit, ok := part.(*hclsyntax.LiteralValueExpr)
		if !ok || lit.Val.Type() != cty.String {
			continue
		}
		if lit.SrcRange.Start.Byte > pos {
			gap(lit.SrcRange.Start.Byte)
		}
		script = append(script, lit.Val.AsString()...)
		pos = max(pos, lit.SrcRange.End.Byte)
	}
	if pos < contentEnd {
		gap(contentEnd)
	}
	if len(dynamic) > 0 {
		const shown = 3
		list := strings.Join(dynamic[:min(len(dynamic), shown)], ", ")
		if len(dynamic) > shown {
			list += fmt.Sprintf(" and %d more", len(dynamic)-shown)
		}
		r.problems = append(r.problems, Problem{
			Hook:     r.name,
			Location: tfLocationAt(file, src, dynamicAt),
			Message:  fmt.Sprintf("%s interpolates %s, which cannot be evaluated statically; kept as written", what, list),
		})
	}
	return script
}

// templatePartName names an interpolation or a directive of a script for
// a message without quoting code or a string, either of which may
// hard-code a credential: a directive by its opening tag alone (what it
// encloses is script), an interpolation as written unless it holds a
// string or spans lines.
func templatePartName(text string) string {
	if strings.HasPrefix(text, "%{") {
		head, _, _ := strings.Cut(text, "}")
		if strings.ContainsAny(head, "\"\n") {
			return "a directive"
		}
		return head + "}…"
	}
	if strings.ContainsAny(text, "\"\n") || strings.Contains(text, "%{") {
		return "an interpolation"
	}
	return tfAbbreviate(text)
}

// flushIndent is the indentation a <<- heredoc strips from its lines, as
// HCL counts it: the fewest white space characters that start a line that
// is not blank. 0 for a plain <<EOF heredoc.
func flushIndent(src []byte, start, contentStart, contentEnd int) int {
	if !bytes.HasPrefix(src[start:], []byte("<<-")) {
		return 0
	}
	indent := -1
	for _, line := range bytes.SplitAfter(src[contentStart:contentEnd], []byte("\n")) {
		text := strings.TrimRight(string(line), "\r\n")
		trimmed := strings.TrimLeftFunc(text, unicode.IsSpace)
		if trimmed == "" {
			continue
		}
		if n := utf8.RuneCountInString(text[:len(text)-len(trimmed)]); indent < 0 || n < indent {
			indent = n
		}
	}
	return max(indent, 0)
}

// scriptSource names a script expression for a message without quoting a
// script: scripts often hard-code credentials, and the message reaches
// reports, annotations and code scanning. A reference is shown as
// written; a function call shows its first argument only (the template's
// path), named the same way: the others, such as templatefile's
// variables, may hold secret values written out; a string is shown only
// when its text cannot be code (looksLikeCode); anything else is named by
// its kind.
func (r *tfResource) scriptSource(expr hcl.Expression) string {
	for {
		switch e := expr.(type) {
		case *hclsyntax.TemplateWrapExpr:
			expr = e.Wrapped
			continue
		case *hclsyntax.ParenthesesExpr:
			expr = e.Expression
			continue
		case *hclsyntax.FunctionCallExpr:
			if len(e.Args) == 0 {
				return e.Name + "()"
			}
			more := ""
			if len(e.Args) > 1 {
				more = ", …"
			}
			return e.Name + "(" + r.scriptSource(e.Args[0]) + more + ")"
		case *hclsyntax.ScopeTraversalExpr:
			return r.source(expr)
		case *hclsyntax.TemplateExpr:
			var text strings.Builder
			for _, part := range e.Parts {
				if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
					text.WriteString(lit.Val.AsString())
				}
			}
			if looksLikeCode(text.String()) {
				return "a string"
			}
			return r.source(expr)
		case hclsyntax.Expression:
			return tfDescribeMapExpr(expr)
		}
		// The JSON syntax: a string, whose interpolations are not parsed
		// apart here; "\n" is a line break escaped.
		text := strings.ReplaceAll(r.source(expr), "${", "")
		if looksLikeCode(text) || strings.Contains(text, `\n`) {
			return "an expression"
		}
		return r.source(expr)
	}
}

// fileScript reads the script of file("..."), relative to the module
// directory.
func (r *tfResource) fileScript(call *hclsyntax.FunctionCallExpr, orig hcl.Expression) ([]byte, scriptPlace) {
	arg := call.Args[0]
	path, ok := r.scriptFileArg(arg, orig)
	if !ok {
		return nil, scriptPlace{}
	}
	script, err := r.readScriptFile(path)
	if err != nil {
		r.problem(arg.Range(), "script file %s cannot be read: %v", path, bareError(err))
		return nil, scriptPlace{}
	}
	return script, scriptPlace{file: path, line: 1}
}

// scriptFileArg is the path of the file that file() or templatefile()
// reads, arg being their first argument, resolved as the module resolves
// it; a path that is not static is reported on orig.
func (r *tfResource) scriptFileArg(arg, orig hcl.Expression) (string, bool) {
	v, ok := tfStaticValue(arg, r.ctx())
	if !ok || v.IsNull() || v.Type() != cty.String {
		r.problem(orig.Range(), "script cannot be evaluated statically: %s", r.scriptSource(orig))
		return "", false
	}
	return r.scriptPath(v.AsString()), true
}

// templateFileScript reads the script of templatefile("...", vars): the
// template file, relative to the module directory, rendered as far as it
// is static. Its interpolations are kept as written and reported, as in a
// heredoc; vars are never evaluated, since they may hold secret values
// written out. Positions are the template file's: lines match, and each
// $${ or %%{ before a position on its line moves its column by one.
func (r *tfResource) templateFileScript(call *hclsyntax.FunctionCallExpr, orig hcl.Expression) ([]byte, scriptPlace) {
	arg := call.Args[0]
	path, ok := r.scriptFileArg(arg, orig)
	if !ok {
		return nil, scriptPlace{}
	}
	src, tmpl, err := r.readTemplate(path)
	switch {
	case err != nil:
		r.scriptFileProblem(path, src, err, arg.Range(), "script template")
		return nil, scriptPlace{}
	case tmpl == nil: // the whole file is one interpolation
		r.problem(orig.Range(), "script cannot be evaluated statically: %s", r.scriptSource(orig))
		return nil, scriptPlace{}
	}
	return r.templateText(path, src, tmpl, 0, len(src), "script template"), scriptPlace{file: path, line: 1}
}

// scriptFileProblem reports err, from reading the script file or template
// at path (src, its text when it was read): a template that does not parse
// at its own line and column, since that is what must be mended; a file
// that cannot be read at rng, the expression naming it. what names the
// file in the message.
func (r *tfResource) scriptFileProblem(path string, src []byte, err error, rng hcl.Range, what string) {
	var syntax *templateSyntaxError
	if errors.As(err, &syntax) {
		r.problems = append(r.problems, Problem{Hook: r.name, Location: tfLocation(path, src, syntax.at), Message: "script " + syntax.Error()})
		return
	}
	r.problem(rng, "%s %s cannot be read: %v", what, path, bareError(err))
}

// templateSyntaxError is a template file that does not parse.
type templateSyntaxError struct {
	summary string
	at      hcl.Pos
}

func (e *templateSyntaxError) Error() string {
	return "template does not parse as a Terraform template: " + e.summary
}

// readTemplate reads and parses the template file at path, within the
// module directory or the file root. tmpl is nil when the whole file is
// one interpolation, which nothing static is left of.
func (r *tfResource) readTemplate(path string) (src []byte, tmpl *hclsyntax.TemplateExpr, err error) {
	src, err = r.readScriptFile(path)
	if err != nil {
		return nil, nil, err
	}
	expr, diags := hclsyntax.ParseTemplate(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		e := &templateSyntaxError{summary: diags[0].Summary}
		if diags[0].Subject != nil {
			e.at = diags[0].Subject.Start
		}
		return src, nil, e
	}
	tmpl, _ = expr.(*hclsyntax.TemplateExpr)
	return src, tmpl, nil
}

// tfLocation turns an HCL position into a finding.Location. HCL counts
// columns in characters; finding counts UTF-16 code units, so the column
// is recomputed from the byte offset.
func tfLocation(file string, src []byte, pos hcl.Pos) finding.Location {
	return tfLocationAt(file, src, pos.Byte)
}

// tfLocationAt is the location of byte offset b of src.
func tfLocationAt(file string, src []byte, b int) finding.Location {
	b = min(max(b, 0), len(src))
	line := 1 + bytes.Count(src[:b], []byte{'\n'})
	lineStart := bytes.LastIndexByte(src[:b], '\n') + 1
	if lineStart == 0 && b >= len(utf8BOM) && bytes.HasPrefix(src, utf8BOM) {
		lineStart = len(utf8BOM) // an editor shows no column for it
	}
	col := 1
	for rest := src[lineStart:b]; len(rest) > 0; {
		r, size := utf8.DecodeRune(rest)
		rest = rest[size:]
		if r >= 0x10000 {
			col += 2 // a surrogate pair
		} else {
			col++
		}
	}
	return finding.Location{File: file, Line: line, Column: col}
}
