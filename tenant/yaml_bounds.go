package tenant

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Aliases make a YAML file a graph: a 1 KB file can stand for billions of
// nodes ("billion laughs"), and an alias or a merge key (<<: *a) can refer
// to a node that contains it. The Deploy CLI never writes either; a file
// that does is checked before anything walks it, so that no walk can
// explode or loop.

// maxYAMLExpansion bounds the nodes that aliases add to a file once
// expanded.
const maxYAMLExpansion = 1_000_000

// maxYAMLAliasChain bounds how many aliases deep an expansion may go.
const maxYAMLAliasChain = 10_000

// yamlGraph measures a document's expanded size.
type yamlGraph struct {
	c      yamlConverter
	size   map[*yaml.Node]int64
	active map[*yaml.Node]bool // being measured: meeting one again is a loop
	unique int64
}

// checkYAMLDocument returns an error naming the place where the document
// loops, expands too far, or repeats a key in a mapping (js-yaml, which the
// Deploy CLI reads tenant.yaml with, refuses duplicate keys; a second
// "hooks:" would otherwise drop the first list).
func checkYAMLDocument(doc *yaml.Node, c yamlConverter) error {
	g := &yamlGraph{c: c, size: map[*yaml.Node]int64{}, active: map[*yaml.Node]bool{}}
	total, err := g.measure(doc, 0)
	if err != nil {
		return err
	}
	if total-g.unique > maxYAMLExpansion {
		return fmt.Errorf("its aliases expand it by more than %d nodes; it is not read", maxYAMLExpansion)
	}
	return nil
}

// measure returns the number of nodes n stands for, aliases expanded, and
// checks each mapping for duplicate keys the first time it is met.
func (g *yamlGraph) measure(n *yaml.Node, chain int) (int64, error) {
	if n == nil {
		return 0, nil
	}
	if s, ok := g.size[n]; ok {
		return s, nil
	}
	if n.Kind == yaml.AliasNode {
		if g.active[n.Alias] {
			at := g.c.location(n)
			return 0, fmt.Errorf("line %d, column %d: an alias or merge key refers to a node that contains it", at.Line, at.Column)
		}
		if chain >= maxYAMLAliasChain {
			at := g.c.location(n)
			return 0, fmt.Errorf("line %d, column %d: aliases refer to aliases more than %d deep", at.Line, at.Column, maxYAMLAliasChain)
		}
		chain++
	} else {
		g.unique++
	}
	if n.Kind == yaml.MappingNode {
		if err := g.duplicateKey(n); err != nil {
			return 0, err
		}
	}
	g.active[n] = true
	var total int64 = 1
	children := n.Content
	if n.Kind == yaml.AliasNode {
		children = []*yaml.Node{n.Alias}
	}
	for _, child := range children {
		s, err := g.measure(child, chain)
		if err != nil {
			return 0, err
		}
		total = min(total+s, 2*maxYAMLExpansion+g.unique) // no overflow: past the limit is enough
	}
	delete(g.active, n)
	g.size[n] = total
	return total, nil
}

// duplicateKey reports a key given twice in one mapping; merge keys may
// repeat, and keys merged in never clash with the mapping's own.
func (g *yamlGraph) duplicateKey(m *yaml.Node) error {
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
			continue
		}
		if prev, dup := first[k.Value]; dup {
			at := g.c.location(k)
			return fmt.Errorf("line %d, column %d: key %q is given twice in the same mapping (first on line %d)", at.Line, at.Column, k.Value, prev.Line)
		}
		first[k.Value] = k
	}
	return nil
}
