package tenant

import (
	"fmt"
	"maps"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// maxInstances bounds the instances a count or for_each is expanded to.
const maxInstances = 256

// instances is the resource once per instance its count or for_each makes,
// when the configuration text alone says which (count = 2, for_each =
// toset(["dev", "prod"]), or a static local): each instance's attributes
// see its count.index, or its each.key and each.value. Otherwise it is the
// resource once, and hook reports the meta-argument it could not expand.
// count = 0, or an empty for_each, makes no hook, as in Terraform.
func (r *tfResource) instances() []*tfResource {
	count, hasCount := r.attr("count")
	forEach, hasEach := r.attr("for_each")
	switch {
	case hasCount && !hasEach:
		if n, ok := r.staticCount(count.Expr); ok {
			out := make([]*tfResource, 0, n)
			for i := range n {
				out = append(out, r.instance(fmt.Sprintf("[%d]", i), "count",
					cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))})))
			}
			return out
		}
	case hasEach && !hasCount:
		if keys, values, ok := r.staticForEach(forEach.Expr); ok {
			out := make([]*tfResource, 0, len(keys))
			for i, k := range keys {
				out = append(out, r.instance(fmt.Sprintf("[%q]", k), "each",
					cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(k), "value": values[i]})))
			}
			return out
		}
	}
	for _, meta := range []string{"count", "for_each"} {
		if a, ok := r.attr(meta); ok {
			r.unexpanded = append(r.unexpanded, a)
		}
	}
	return []*tfResource{r}
}

// instance is a copy of r whose attributes see name (count or each) as v.
func (r *tfResource) instance(key, name string, v cty.Value) *tfResource {
	c := *r
	c.vars = maps.Clone(r.vars)
	c.vars[name] = v
	c.instanceKey = key
	c.problems = nil
	return &c
}

// staticCount is a count the text alone gives.
func (r *tfResource) staticCount(expr hcl.Expression) (int, bool) {
	v, ok := tfStaticValue(expr, r.metaContext())
	if !ok || v.IsNull() {
		return 0, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		return 0, false
	}
	i, acc := n.AsBigFloat().Int64()
	if acc != 0 || i < 0 || i > maxInstances {
		return 0, false
	}
	return int(i), true
}

// staticForEach is the keys and values of a for_each the text alone gives:
// a map or object, or a set of strings (each.value is then the key).
func (r *tfResource) staticForEach(expr hcl.Expression) (keys []string, values []cty.Value, ok bool) {
	v, ok := tfStaticValue(expr, r.metaContext())
	if !ok || v.IsNull() {
		return nil, nil, false
	}
	ty := v.Type()
	if !ty.IsMapType() && !ty.IsObjectType() && !ty.IsSetType() || v.LengthInt() > maxInstances {
		return nil, nil, false // a list or tuple: Terraform refuses it
	}
	byKey := map[string]cty.Value{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if k.Type() != cty.String || k.IsNull() {
			return nil, nil, false
		}
		byKey[k.AsString()] = e
	}
	keys = make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys) // Terraform orders instances by key
	for _, k := range keys {
		values = append(values, byKey[k])
	}
	return keys, values, true
}

// metaContext is the resource's context with the type conversions a
// for_each is commonly written with.
func (r *tfResource) metaContext() *hcl.EvalContext {
	ctx := r.ctx()
	return &hcl.EvalContext{Variables: ctx.Variables, Functions: map[string]function.Function{
		"toset":  tfConvertFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap":  tfConvertFunc(cty.Map(cty.DynamicPseudoType)),
		"tolist": tfConvertFunc(cty.List(cty.DynamicPseudoType)),
	}}
}

// tfConvertFunc is Terraform's to* function converting to want.
func tfConvertFunc(want cty.Type) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowNull: true}},
		Type: func(args []cty.Value) (cty.Type, error) {
			v, err := convert.Convert(args[0], want)
			if err != nil {
				return cty.NilType, err
			}
			return v.Type(), nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return convert.Convert(args[0], want)
		},
	})
}

// ctyKeys are the keys of a map or object value, as a SecretKeys input;
// ok is false for any other value.
func ctyKeys(v cty.Value) (map[string]string, bool) {
	ty := v.Type()
	keys := map[string]string{}
	switch {
	case ty.IsObjectType():
		for k := range ty.AttributeTypes() {
			keys[k] = ""
		}
	case ty.IsMapType():
		for it := v.ElementIterator(); it.Next(); {
			k, _ := it.Element()
			keys[k.AsString()] = ""
		}
	default:
		return nil, false
	}
	return keys, true
}
