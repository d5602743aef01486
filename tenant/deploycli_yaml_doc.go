package tenant

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// ParseDeployYAML parses the text of a Deploy CLI tenant.yaml as the loader
// does, keyword markers left as they are (a bare @@KEY@@ or ##KEY## value
// is read as a string), and returns its top-level mapping; nil for an empty
// file. Node lines and columns are those of data, so that a tool editing
// the file can change some lines and keep the others byte for byte.
func ParseDeployYAML(name string, data []byte) (*yaml.Node, error) {
	quoted := quoteBareMarkers(data)
	doc, err := parseYAMLDocument(quoted)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	top := resolveAlias(doc.Content[0])
	switch {
	case top.ShortTag() == "!!null":
		return nil, nil
	case top.Kind != yaml.MappingNode:
		return nil, fmt.Errorf("reading %s: line %d, column %d: the file holds no mapping of tenant sections", name, top.Line, top.Column)
	}
	return top, nil
}
