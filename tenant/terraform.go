package tenant

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/hooks2actions/hooks2actions/finding"
	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// TerraformExt is the extension of a Terraform configuration file, and
// TerraformJSONExt that of one in the JSON syntax.
const (
	TerraformExt     = ".tf"
	TerraformJSONExt = ".tf.json"
)

// OpenTofu reads .tofu and .tofu.json files too, and one of them replaces
// the .tf or .tf.json file of the same name.
const (
	tofuExt     = ".tofu"
	tofuJSONExt = ".tofu.json"
)

// configExts are the extensions of configuration files, the JSON ones
// first, so that configStem takes "x.tf.json" as x and .tf.json.
var configExts = []string{TerraformJSONExt, tofuJSONExt, TerraformExt, tofuExt}

// tofuReplaces is the extension of the file each OpenTofu extension
// replaces.
var tofuReplaces = map[string]string{tofuExt: TerraformExt, tofuJSONExt: TerraformJSONExt}

// configStem splits the name of a configuration file into its stem and
// extension; ok is false for any other name.
func configStem(name string) (stem, ext string, ok bool) {
	for _, ext := range configExts {
		if stem, ok := strings.CutSuffix(name, ext); ok {
			return stem, ext, true
		}
	}
	return "", "", false
}

// isJSONConfig tells a configuration file in the JSON syntax.
func isJSONConfig(name string) bool {
	return strings.HasSuffix(name, TerraformJSONExt) || strings.HasSuffix(name, tofuJSONExt)
}

// terraformHookType is the Terraform resource type of an Auth0 Hook.
const terraformHookType = "auth0_hook"

// TerraformOptions says how to read a Terraform module.
type TerraformOptions struct {
	// FileRoot is the directory that file() may read scripts from; ""
	// is the directory of the .tf file (the module). A script path, its
	// symbolic links resolved, must lie inside it.
	FileRoot string

	// seen are the sources read so far (sourceKey), shared with Load, so
	// that a child module also given as a source is read once.
	seen map[string]bool
}

// LoadTerraform reads the auth0_hook resources of a Terraform configuration
// without running Terraform: every attribute is evaluated statically, from
// the text of the configuration alone.
//
// path is either a single .tf or .tf.json file or a module directory, of
// which every .tf and .tf.json file is read (the JSON syntax has the same
// schema; its strings are templates, so "${file(\"hook.js\")}" reads a
// script). Subdirectories are not searched: a Terraform module is one
// directory. The child modules it calls by a local path are read as
// Terraform would (loadChildModules).
// Like Terraform, it skips file names that begin with "." or end with "~"
// (editor files). file() reads only inside the module directory (or
// opts.FileRoot), symbolic links resolved.
//
// Attributes may refer to path.* and to the module's locals that the text
// alone determines (tfLocals.values). What cannot be known without
// Terraform — an interpolation in a script or its template, a variable, a
// local built from one, a secret key computed from a variable, a count or
// for_each that only Terraform can evaluate — is a Problem, and the hook
// is kept with what is known. A static count or for_each makes one hook
// per instance (tfResource.instances). A file that is not valid HCL is a Problem per diagnostic
// and gives no hooks, and each hook it declares is a Problem too; the
// other files still load. A file nested too deep to parse safely is
// treated alike. Secret values are never
// evaluated: only the keys of the secrets map are kept.
//
// The error is for a path that cannot be read, or that holds no .tf file.
func LoadTerraform(path string, opts TerraformOptions) (*Inventory, error) {
	if opts.seen == nil {
		opts.seen = map[string]bool{}
	}
	opts.seen[sourceKey(path)] = true
	root := path
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		root = filepath.Dir(path)
	}
	inv, calls, err := loadTerraformModule(path, root, opts)
	if err != nil {
		return nil, err
	}
	inv.Path = path
	loadChildModules(inv, root, calls, opts)
	inv.DropDuplicateNames()
	return inv, nil
}

// loadTerraformModule reads the hooks of one module (or one file) of the
// configuration whose root module is in root, and the module calls it
// makes.
func loadTerraformModule(path, root string, opts TerraformOptions) (*Inventory, []tfModuleCall, error) {
	files, single, err := terraformFiles(path)
	if err != nil {
		return nil, nil, err
	}
	inv := &Inventory{Source: OriginTerraform}
	// Locals are the module's, wherever declared: every file is parsed
	// before a hook is read.
	var parsed []tfFile
	// byLabel indexes the resources parsed so far, for the override files.
	byLabel := map[string]*tfResource{}
	m := &tfModule{locals: tfLocals{}}
	// Override files come last, as Terraform merges them into the others.
	sort.SliceStable(files, func(i, j int) bool { return !isOverrideFile(files[i]) && isOverrideFile(files[j]) })
	for _, file := range files {
		m.override = isOverrideFile(file) && !single
		src, err := inputfile.Read(file, inputfile.MaxDocument)
		if err != nil {
			if single {
				return nil, nil, fmt.Errorf("reading Terraform configuration: %w", err)
			}
			parsed = append(parsed, tfFile{problems: []Problem{{
				Location: finding.Location{File: file},
				Message:  fmt.Sprintf("cannot be read, its hooks are left out: %v", bareError(err)),
			}}})
			continue
		}
		f := parseTerraformModuleFile(file, src, m)
		if m.override {
			f = mergeOverrides(byLabel, f, file, src)
		}
		for _, r := range f.resources {
			byLabel[r.label] = r
		}
		parsed = append(parsed, f)
	}
	module := "."
	if rel, err := filepath.Rel(root, path); err == nil && len(files) > 0 && !single {
		module = filepath.ToSlash(rel)
	}
	vars := m.locals.values(tfPathValue(module))
	for _, f := range parsed {
		inv.Problems = append(inv.Problems, f.problems...)
		for _, r := range f.resources {
			r.fileRoot, r.rootDir, r.vars, r.locals = opts.FileRoot, root, vars, m.locals
			for _, in := range r.instances() {
				inv.Hooks = append(inv.Hooks, in.hook())
				inv.Problems = append(inv.Problems, in.problems...)
			}
		}
	}
	inv.Problems = append(inv.Problems, m.problems...)
	return inv, m.calls, nil
}

// IsTerraformDirectory reports whether dir directly holds at least one .tf
// file, which is how a Terraform module is recognised.
func IsTerraformDirectory(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if isTerraformFile(e) {
			return true
		}
	}
	return false
}

// terraformFiles lists the .tf files path stands for, sorted, and whether
// path is itself a file.
func terraformFiles(path string) (files []string, single bool, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("reading Terraform configuration: %w", err)
	}
	if !info.IsDir() {
		if !isTerraformName(path) {
			return nil, false, fmt.Errorf("%s is not a %s file: expected a Terraform module directory or a %s file", path, TerraformExt, TerraformExt)
		}
		return []string{path}, true, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, false, fmt.Errorf("reading Terraform module: %w", err)
	}
	tofu := map[string]bool{} // the .tf names an OpenTofu file replaces
	for _, e := range entries {
		stem, ext, _ := configStem(e.Name())
		if replaced, ok := tofuReplaces[ext]; ok && isTerraformFile(e) {
			tofu[stem+replaced] = true
		}
	}
	for _, e := range entries { // os.ReadDir sorts by name
		if isTerraformFile(e) && !tofu[e.Name()] {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	if len(files) == 0 {
		return nil, false, fmt.Errorf("%s has no %s files: expected a Terraform module directory or a %s file (subdirectories are not searched)", path, TerraformExt, TerraformExt)
	}
	return files, false, nil
}

// isTerraformFile applies Terraform's own rule: a .tf file that is not an
// editor's backup or lock file.
func isTerraformFile(e fs.DirEntry) bool {
	name := e.Name()
	if e.IsDir() || !isTerraformName(name) {
		return false
	}
	return !strings.HasPrefix(name, ".") && !strings.HasSuffix(name, "~") &&
		!(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}

// IsTerraformConfigFile reports whether path names a file of Terraform (or
// OpenTofu) configuration, in either syntax: where an auth0_hook is
// declared.
func IsTerraformConfigFile(path string) bool { return isTerraformName(filepath.Base(path)) }

// isTerraformName tells the names Terraform reads, .tf and .tf.json, and
// those OpenTofu reads besides, .tofu and .tofu.json.
func isTerraformName(name string) bool {
	_, _, ok := configStem(name)
	return ok
}

// tfFile is what one file of a module holds for the audit: its
// auth0_hook resources, or the problems that kept them from being read.
type tfFile struct {
	resources []*tfResource
	problems  []Problem
}

// parseTerraformModuleFile parses one .tf file, adding its locals and
// module calls to m.
func parseTerraformModuleFile(file string, src []byte, m *tfModule) tfFile {
	// The parser recurses once per level of nesting, and a Go stack
	// overflow cannot be recovered: it never sees a file nested too deep.
	if at := hclNestingLimitAt(src); at >= 0 {
		f := tfFile{problems: []Problem{{Location: tfLocationAt(file, src, at),
			Message: fmt.Sprintf("the file nests deeper than %d levels, or chains more than %d operators in one expression, here; it is not parsed",
				maxHCLNesting, maxHCLChain)}}}
		f.problems = append(f.problems, unreadTerraformHooks(file, src)...)
		return f
	}
	resources, diags := parseTerraformFile(file, src, m)
	var f tfFile
	for _, d := range diags {
		f.problems = append(f.problems, diagnosticProblem(file, src, d))
	}
	if diags.HasErrors() {
		// Terraform refuses such a file, and the parser's recovery leaves
		// half-read blocks: better no hook than a wrong one, but each hook
		// the file declares is named as not read.
		f.problems = append(f.problems, unreadTerraformHooks(file, src)...)
		return f
	}
	f.resources = resources
	return f
}

// parseTerraformFile returns the auth0_hook resources of a file in the
// native syntax (.tf) or the JSON syntax (.tf.json), which Terraform reads
// alike.
func parseTerraformFile(file string, src []byte, m *tfModule) ([]*tfResource, hcl.Diagnostics) {
	if isJSONConfig(file) {
		return parseTerraformJSON(file, src, m)
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	body, ok := f.Body.(*hclsyntax.Body)
	if diags.HasErrors() || !ok {
		return nil, diags
	}
	var resources []*tfResource
	for _, block := range body.Blocks {
		if block.Type == "locals" {
			for name, a := range block.Body.Attributes {
				m.locals[name] = a.Expr
			}
			continue
		}
		if block.Type == "module" && len(block.Labels) == 1 {
			attrs := make(hcl.Attributes, len(block.Body.Attributes))
			for name, a := range block.Body.Attributes {
				attrs[name] = a.AsHCLAttribute()
			}
			m.call(file, src, block.Labels[0], block.TypeRange.Start, attrs)
			continue
		}
		if block.Type != "resource" || len(block.Labels) != 2 || block.Labels[0] != terraformHookType {
			continue
		}
		attrs := make(hcl.Attributes, len(block.Body.Attributes))
		for name, a := range block.Body.Attributes {
			attrs[name] = a.AsHCLAttribute()
		}
		resources = append(resources, &tfResource{file: file, src: src, label: block.Labels[1], def: block.TypeRange, attrs: attrs})
	}
	return resources, diags
}

// parseTerraformJSON reads the resources of a .tf.json file: the
// attributes of a block are those of its JSON object, and strings are
// templates, as in Terraform.
func parseTerraformJSON(file string, src []byte, m *tfModule) ([]*tfResource, hcl.Diagnostics) {
	f, diags := hcljson.Parse(src, file)
	if diags.HasErrors() {
		return nil, diags
	}
	content, _, more := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "resource", LabelNames: []string{"type", "name"}}, {Type: "locals"}, {Type: "module", LabelNames: []string{"name"}}}})
	if diags = append(diags, more...); diags.HasErrors() {
		return nil, diags
	}
	var resources []*tfResource
	for _, block := range content.Blocks {
		if block.Type == "locals" {
			// A locals block that is not an object is Terraform's to refuse.
			if attrs, more := block.Body.JustAttributes(); !more.HasErrors() {
				for name, a := range attrs {
					m.locals[name] = a.Expr
				}
			}
			continue
		}
		if block.Type == "module" {
			// Terraform refuses a module block that is not an object.
			if attrs, more := block.Body.JustAttributes(); !more.HasErrors() {
				m.call(file, src, block.Labels[0], block.DefRange.Start, attrs)
			}
			continue
		}
		if block.Labels[0] != terraformHookType {
			continue
		}
		attrs, more := block.Body.JustAttributes()
		if diags = append(diags, more...); more.HasErrors() {
			return nil, diags
		}
		resources = append(resources, &tfResource{file: file, src: src, label: block.Labels[1], def: block.DefRange, attrs: attrs})
	}
	return resources, diags
}

// tfHookBlock finds the auth0_hook resources of a file the parser could
// not read: the header line of a block, or in JSON the object that holds
// the resources by name (its first name).
var tfHookBlock = regexp.MustCompile(`(?m)^[ \t]*resource[ \t]+"` + terraformHookType + `"[ \t]+"([^"\n]*)"|"` +
	terraformHookType + `"\s*:\s*\{\s*"([^"\n]*)"`)

// unreadTerraformHooks adds a problem for each auth0_hook resource of a
// file that could not be parsed: the hooks are not silently missing from
// the audit.
func unreadTerraformHooks(file string, src []byte) []Problem {
	var problems []Problem
	for _, m := range tfHookBlock.FindAllSubmatchIndex(src, -1) {
		start := m[0] + max(0, bytes.Index(src[m[0]:m[1]], []byte("resource")))
		if m[2] < 0 {
			m[2], m[3] = m[4], m[5]
		}
		label := string(src[m[2]:m[3]])
		problems = append(problems, Problem{Hook: label, Location: tfLocationAt(file, src, start),
			Message: fmt.Sprintf("resource %q %q is not read: the file it is in could not be parsed", terraformHookType, label)})
	}
	return problems
}

func diagnosticProblem(file string, src []byte, d *hcl.Diagnostic) Problem {
	loc := finding.Location{File: file}
	if d.Subject != nil {
		loc = tfLocation(file, src, d.Subject.Start)
	}
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + strings.TrimSuffix(d.Detail, ".")
	}
	return Problem{Location: loc, Message: msg}
}

// tfResource reads one resource "auth0_hook" block.
type tfResource struct {
	file  string    // the .tf file, as given
	src   []byte    // its content
	label string    // the resource's name label
	def   hcl.Range // where its block starts
	// overrides are the override files (override.tf, x_override.tf) that
	// replaced some of its attributes, by name: their text, for positions.
	overrides map[string][]byte
	attrs     hcl.Attributes
	fileRoot  string // TerraformOptions.FileRoot
	rootDir   string // the root module's directory, which file() paths are relative to
	// vars are what an attribute may refer to: path.* and the module's
	// static locals (tfLocals.values).
	vars   map[string]cty.Value
	locals tfLocals
	name   string // the hook name, once known
	// instanceKey is the instance's key in its address ([0], ["dev"]),
	// "" for a resource without count or for_each; unexpanded are the
	// count or for_each that could not be expanded.
	instanceKey string
	unexpanded  []*hcl.Attribute
	problems    []Problem
}

func (r *tfResource) problem(rng hcl.Range, format string, args ...any) {
	file, src := r.fileOf(rng.Filename)
	r.problems = append(r.problems, Problem{
		Hook:     r.name,
		Location: tfLocation(file, src, rng.Start),
		Message:  fmt.Sprintf(format, args...),
	})
}

func (r *tfResource) attr(name string) (*hcl.Attribute, bool) {
	a, ok := r.attrs[name]
	return a, ok
}

func (r *tfResource) hook() Hook {
	h := Hook{
		Origin: Origin{
			Kind:     OriginTerraform,
			Declared: tfLocation(r.file, r.src, r.def.Start),
		},
	}
	// The name comes first: every problem of the hook carries it.
	h.Name = r.hookName()
	r.name = h.Name
	if a, ok := r.attr("name"); !ok {
		r.problem(r.def, "no name: the hook is named after its resource label %q", r.label)
	} else if _, ok := r.staticString(a.Expr); !ok {
		r.problem(a.Expr.Range(), "name cannot be evaluated statically: %s; the hook is named after its resource label %q", r.source(a.Expr), r.label)
	}

	for _, a := range r.unexpanded {
		r.problem(a.NameRange, "%s makes instances that cannot be expanded statically; the hook is read once", a.Name)
	}
	h.TriggerID = r.triggerID()
	h.Enabled = r.enabled()
	var at scriptPlace
	h.Script, at = r.script()
	h.Origin.File, h.Origin.ScriptLine, h.Origin.ScriptIndent = at.file, at.line, at.indent
	h.SecretKeys, h.SecretExpressions = r.secretKeys()
	h.Dependencies = r.dependencies()
	h.Origin.SecretsDeclared = r.secretsDeclared()

	// Problems in the order of the file, whatever order they were found in.
	sort.SliceStable(r.problems, func(i, j int) bool {
		a, b := r.problems[i].Location, r.problems[j].Location
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return h
}

// hookName is the name attribute when it is static, else the resource
// label (with the instance key, as in the resource's address).
func (r *tfResource) hookName() string {
	if a, ok := r.attr("name"); ok {
		if s, ok := r.staticString(a.Expr); ok {
			return s
		}
	}
	return r.label + r.instanceKey
}

func (r *tfResource) triggerID() string {
	a, ok := r.attr("trigger_id")
	if !ok {
		r.problem(r.def, "%v", CheckTrigger(""))
		return ""
	}
	id, ok := r.staticString(a.Expr)
	if !ok {
		r.problem(a.Expr.Range(), "trigger_id cannot be evaluated statically: %s", r.source(a.Expr))
		return ""
	}
	if err := CheckTrigger(id); err != nil {
		r.problem(a.Expr.Range(), "%v", err)
		return ""
	}
	return id
}

func (r *tfResource) enabled() bool {
	a, ok := r.attr("enabled")
	if !ok {
		return false
	}
	v, ok := tfStaticValue(a.Expr, r.ctx())
	if !ok {
		r.problem(a.Expr.Range(), "enabled cannot be evaluated statically: %s; taken as false", r.source(a.Expr))
		return false
	}
	if v.IsNull() {
		return false
	}
	b, err := convert.Convert(v, cty.Bool)
	if err != nil {
		r.problem(a.Expr.Range(), "enabled must be a bool, not %s; taken as false", v.Type().FriendlyName())
		return false
	}
	return b.True()
}

// secretKeys keeps the keys of the secrets map and never evaluates a value:
// a value may be a literal secret, and the model never holds one. nil when
// the keys cannot be known; empty when the hook declares no secrets. The
// value expressions that hold no literal text come back as written.
func (r *tfResource) secretKeys() ([]string, []SecretExpression) {
	a, ok := r.attr("secrets")
	if !ok {
		return SecretKeys(nil), nil
	}
	items, diags := hcl.ExprMap(a.Expr)
	if diags.HasErrors() {
		if items, ok := r.mapItems(a.Expr, map[string]bool{}, 0); ok {
			return r.indirectSecretKeys(a, items), nil
		}
		// A static map (each.value.secrets of a static for_each): its
		// keys, read from its type or its index, never its values.
		if v, ok := tfStaticValue(a.Expr, r.ctx()); ok {
			if v.IsNull() {
				return SecretKeys(nil), nil
			}
			if keys, ok := ctyKeys(v); ok {
				return SecretKeys(keys), nil
			}
		}
		// The source text would quote the values: describe the expression instead.
		r.problem(a.Expr.Range(), "secrets cannot be evaluated statically (%s); the secret keys are unknown", tfDescribeMapExpr(a.Expr))
		return nil, nil
	}
	keys := make(map[string]string, len(items))
	var exprs []SecretExpression
	for _, item := range items {
		key, ok := r.staticString(item.Key)
		if !ok {
			r.problem(item.Key.Range(), "secret key cannot be evaluated statically: %s; the other keys are kept", r.source(item.Key))
			continue
		}
		keys[key] = "" // the value is never read
		if text, ok := r.reusableExpression(item.Value); ok {
			exprs = append(exprs, SecretExpression{Key: key, Expression: text})
		}
	}
	sort.SliceStable(exprs, func(i, j int) bool { return exprs[i].Key < exprs[j].Key })
	return SecretKeys(keys), exprs
}

// indirectSecretKeys are the keys of a secrets map that mapItems could
// read through a local or a function; its values are never evaluated, nor
// reused (they may be written elsewhere than in the hook).
func (r *tfResource) indirectSecretKeys(a *hcl.Attribute, items []hcl.KeyValuePair) []string {
	keys := make(map[string]string, len(items))
	unknown := false
	for _, item := range items {
		key, ok := r.staticString(item.Key)
		if !ok {
			unknown = true
			continue
		}
		keys[key] = ""
	}
	if unknown {
		// Said once: every such key would be reported at the same place,
		// since the text of a.Expr, which may hold the other keys'
		// values, is only described.
		r.problem(a.Expr.Range(), "a secret key of %s cannot be evaluated statically; the other keys are kept", tfDescribeMapExpr(a.Expr))
	}
	return SecretKeys(keys)
}

// reusableExpression is the text of a secret's value expression when it
// can be copied into another resource without copying a secret: it refers
// to something (a variable, a local, another resource's attribute) and
// holds no string literal, template text or comment, any of which could be
// the secret value or part of it. An interpolation alone comes back
// unwrapped.
func (r *tfResource) reusableExpression(value hcl.Expression) (string, bool) {
	expr, ok := value.(hclsyntax.Expression)
	if !ok {
		return "", false // the JSON syntax: its strings are all templates
	}
	if wrap, ok := expr.(*hclsyntax.TemplateWrapExpr); ok {
		expr = wrap.Wrapped // "${var.x}" is var.x, as terraform fmt writes it
	}
	if len(expr.Variables()) == 0 {
		return "", false // a constant: the value itself
	}
	for _, v := range expr.Variables() {
		switch v.RootName() {
		case "each", "count", "self":
			return "", false // means something only inside the hook's own resource
		}
	}
	literal := false
	_ = hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if lit, ok := n.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
			literal = true
		}
		return nil
	})
	rng := expr.Range()
	_, src := r.fileOf(rng.Filename)
	if literal || rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.Start.Byte >= rng.End.Byte {
		return "", false
	}
	text := string(src[rng.Start.Byte:rng.End.Byte])
	if strings.Contains(text, "#") || strings.Contains(text, "//") || strings.Contains(text, "/*") {
		return "", false
	}
	return text, true
}

// secretsDeclared says where each statically known key of the secrets map
// stands, so that a finding about one secret points at its own line.
func (r *tfResource) secretsDeclared() []SecretDeclared {
	a, ok := r.attr("secrets")
	if !ok {
		return nil
	}
	items, diags := hcl.ExprMap(a.Expr) // either syntax
	if diags.HasErrors() {
		return nil
	}
	var out []SecretDeclared
	for _, item := range items {
		if key, ok := r.staticString(item.Key); ok {
			file, src := r.fileOf(item.Key.Range().Filename)
			out = append(out, SecretDeclared{Key: key, At: tfLocation(file, src, item.Key.Range().Start)})
		}
	}
	return out
}

func (r *tfResource) dependencies() map[string]string {
	a, ok := r.attr("dependencies")
	if !ok {
		return nil
	}
	v, ok := tfStaticValue(a.Expr, r.ctx())
	if !ok {
		r.problem(a.Expr.Range(), "dependencies cannot be evaluated statically: %s", r.source(a.Expr))
		return nil
	}
	if v.IsNull() {
		return nil
	}
	m, err := convert.Convert(v, cty.Map(cty.String))
	if err != nil || !m.IsWhollyKnown() {
		r.problem(a.Expr.Range(), "dependencies must be a map of strings, not %s", v.Type().FriendlyName())
		return nil
	}
	if m.LengthInt() == 0 {
		return nil
	}
	deps := make(map[string]string, m.LengthInt())
	for k, v := range m.AsValueMap() {
		if v.IsNull() {
			continue
		}
		deps[k] = v.AsString()
	}
	return deps
}

// source is the text of expr in the .tf file, shortened to one line for a
// message.
func (r *tfResource) source(expr hcl.Expression) string {
	rng := expr.Range()
	_, src := r.fileOf(rng.Filename)
	if rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return tfAbbreviate(string(src[rng.Start.Byte:rng.End.Byte]))
}

// tfAbbreviate keeps the first line of s, at most 60 characters.
func tfAbbreviate(s string) string {
	const max = 60
	cut := false
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s, cut = strings.TrimRight(s[:i], " \t"), true
	}
	if r := []rune(s); len(r) > max {
		s, cut = string(r[:max]), true
	}
	if cut {
		s += "…"
	}
	return s
}

// tfDescribeMapExpr names the kind of a map expression without quoting it.
func tfDescribeMapExpr(expr hcl.Expression) string {
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		// A reference holds no value of its own.
		return strings.Join(tfTraversalNames(e.Traversal), ".")
	case *hclsyntax.FunctionCallExpr:
		return "a call to " + e.Name
	case *hclsyntax.ForExpr:
		return "a for expression"
	case *hclsyntax.ConditionalExpr:
		return "a conditional expression"
	}
	return "an expression"
}

func tfTraversalNames(t hcl.Traversal) []string {
	var names []string
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		default:
			names = append(names, "[…]")
		}
	}
	return names
}

// tfStaticValue evaluates expr with no variables and no functions beyond
// those of ctx: it succeeds only for what the configuration text alone
// determines.
func tfStaticValue(expr hcl.Expression, ctx *hcl.EvalContext) (cty.Value, bool) {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return cty.NilVal, false
	}
	return v, true
}

// staticString is expr's value when it is a static string (or a number or
// bool, which Terraform converts), given path.* and the module's static
// locals.
func (r *tfResource) staticString(expr hcl.Expression) (string, bool) {
	v, ok := tfStaticValue(expr, r.ctx())
	if !ok || v.IsNull() {
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || s.IsNull() {
		return "", false
	}
	return s.AsString(), true
}
