package migrate

import "github.com/hooks2actions/hooks2actions/analyzer"

// escapedScope blocks the scope changes of a local access token whose
// claims are read at run time (see responseAtRunTime, which sets only
// namespaced claims): a scope the hook gave its token, or changed in it,
// has no drop-in equivalent there either.
func (dr *drafter) escapedScope(local *analyzer.LocalObject) {
	for _, p := range local.Init.Props {
		if p.Static && p.Key == "scope" && !dr.unchangedScope(p.Value) {
			dr.scopeBlock(p.Span.Start)
		}
	}
	for _, m := range local.Assigns {
		if m.Static && len(m.Chain) > 0 && m.Chain[0] == "scope" && (len(m.Chain) > 1 || !dr.unchangedScope(m.Value)) {
			dr.scopeBlock(m.Statement.Start)
		}
	}
	dr.scopeMutations(local.Name)
}
