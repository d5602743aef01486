package tenant

import (
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// tfLocals are the expressions of a module's locals, by name, from every
// locals block of every file.
type tfLocals map[string]hcl.Expression

// Bounds on evaluating locals: a local may refer to others, so a chain of
// doublings ("${local.a}${local.a}") would grow without them.
const (
	// maxLocalRounds bounds how deep locals may refer to locals.
	maxLocalRounds = 32
	// maxLocalBytes bounds one local's value, and maxLocalsBytes all of
	// them; a larger value is taken as not static.
	maxLocalBytes  = 1 << 20
	maxLocalsBytes = 16 << 20
	// maxLocalsWork bounds the bytes of all the values evaluated, those
	// refused for their size included: each line of a thousand locals
	// "${local.big}${local.big}" builds a value of maxLocalBytes.
	maxLocalsWork = 4 * maxLocalsBytes
)

// values are the variables an attribute may refer to statically: path
// (tfPathValue) and local, the locals that the configuration text alone
// determines (literals, and expressions of other such locals). A local
// that refers to a variable, a resource or a function is left out, so
// that an attribute referring to it is still not static.
//
// Each local is evaluated once, in the round after every local it refers
// to is known: its value, or its failure, cannot change after that.
// Locals go in name order, so that which ones fit the bounds does not
// depend on the order of a map.
func (l tfLocals) values(path cty.Value) map[string]cty.Value {
	vars := map[string]cty.Value{"path": path}
	if len(l) == 0 {
		return vars
	}
	names := slices.Sorted(maps.Keys(l))
	known := map[string]cty.Value{}
	settled := map[string]bool{} // evaluated, known or not
	total, spent := 0, 0
	for round := 0; round < maxLocalRounds; round++ {
		ready := maps.Clone(known)
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"path": path, "local": cty.ObjectVal(ready)}}
		progress := false
		for _, name := range names {
			if settled[name] || !l.refersOnlyToKnown(l[name], ready) {
				continue
			}
			if spent > maxLocalsWork {
				break
			}
			settled[name] = true
			v, ok := tfStaticValue(l[name], ctx)
			if !ok {
				continue
			}
			size := ctySize(v, maxLocalBytes+1)
			spent += size
			if size > maxLocalBytes || total+size > maxLocalsBytes {
				continue
			}
			known[name], total, progress = v, total+size, true
		}
		if !progress {
			break
		}
	}
	vars["local"] = cty.ObjectVal(known)
	return vars
}

// refersOnlyToKnown reports whether every local expr refers to is known,
// so that it is evaluated only once it can succeed.
func (l tfLocals) refersOnlyToKnown(expr hcl.Expression, known map[string]cty.Value) bool {
	for _, t := range expr.Variables() {
		if t.RootName() != "local" {
			continue
		}
		if len(t) < 2 {
			return false
		}
		attr, ok := t[1].(hcl.TraverseAttr)
		if !ok {
			return false
		}
		if _, ok := known[attr.Name]; !ok {
			return false
		}
	}
	return true
}

// ctySize is about how many bytes v holds, counted up to limit.
func ctySize(v cty.Value, limit int) int {
	if v.IsNull() || !v.IsKnown() {
		return 1
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return len(v.AsString())
	case ty.IsPrimitiveType():
		return 8
	case ty.IsListType(), ty.IsSetType(), ty.IsTupleType(), ty.IsMapType(), ty.IsObjectType():
		n := 1
		for it := v.ElementIterator(); it.Next() && n <= limit; {
			k, e := it.Element()
			n += ctySize(k, limit) + ctySize(e, limit)
		}
		return n
	}
	return 1
}

// ctx is the evaluation context of the resource's attributes.
func (r *tfResource) ctx() *hcl.EvalContext {
	if r.vars == nil {
		return tfPathContext
	}
	return &hcl.EvalContext{Variables: r.vars}
}

// mapItems are the entries of a secrets map given other than as an object
// literal, when the text alone says what its keys are: a local holding an
// object (secrets = local.hook_secrets), tomap, sensitive or nonsensitive
// of such a map, or merge of such maps. The values are never evaluated.
// ok is false for anything else (a variable, a resource attribute, a for
// expression). read holds the locals already read in this walk: each is
// read once, since only the keys matter and a key set merged twice is the
// same set; read again, merge(local.a, local.a) through a chain of such
// locals would grow exponentially with the chain.
func (r *tfResource) mapItems(expr hcl.Expression, read map[string]bool, depth int) (items []hcl.KeyValuePair, ok bool) {
	if depth > maxLocalRounds {
		return nil, false
	}
	if items, diags := hcl.ExprMap(expr); !diags.HasErrors() {
		return items, true
	}
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		t := e.Traversal
		if len(t) != 2 || t.RootName() != "local" {
			return nil, false
		}
		attr, isAttr := t[1].(hcl.TraverseAttr)
		local, known := r.locals[attr.Name]
		if !isAttr || !known {
			return nil, false
		}
		if read[attr.Name] {
			return nil, true
		}
		// Marked once read, not before: a local referring to itself
		// still runs into the depth bound and is not static.
		items, ok = r.mapItems(local, read, depth+1)
		read[attr.Name] = ok
		return items, ok
	case *hclsyntax.FunctionCallExpr:
		switch e.Name {
		case "tomap", "sensitive", "nonsensitive":
			if len(e.Args) != 1 || e.ExpandFinal {
				return nil, false
			}
			return r.mapItems(e.Args[0], read, depth+1)
		case "merge":
			if e.ExpandFinal {
				return nil, false
			}
			for _, arg := range e.Args {
				more, ok := r.mapItems(arg, read, depth+1)
				if !ok {
					return nil, false
				}
				items = append(items, more...)
			}
			return items, true
		}
	}
	return nil, false
}
