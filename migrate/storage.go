package migrate

import (
	"fmt"

	"github.com/hooks2actions/hooks2actions/analyzer"
)

// storageRef points a use of context.webtask.storage at a stand-in the
// draft defines (see storageStandIn): the draft keeps the hook's code,
// compiles and binds every name, and the blocker says what is missing.
func (dr *drafter) storageRef(r analyzer.ParamRef) {
	if dr.storage == "" {
		dr.storage = dr.fresh("webtaskStorage")
	}
	dr.edits.add(r.Span.Start, r.ChainEnds[1], dr.storage)
}

// storageStandIn declares the stand-in for context.webtask.storage, with
// the webtask API (get(callback), set(data[, options], callback)): it
// reads as empty storage, as a first run did, and fails every write with
// an error, since an Action keeps nothing between runs. Both call back
// later, as the webtask storage did.
func (dr *drafter) storageStandIn() string {
	if dr.storage == "" {
		return ""
	}
	in := dr.bodyIndent()
	return fmt.Sprintf("%s%sno Action equivalent of context.webtask.storage: this stand-in reads as empty storage and fails every write; "+
		"keep the data elsewhere (an API or database of your own) or drop this code\n"+
		"%sconst %s = {\n"+
		"%s  get(callback) { Promise.resolve().then(() => callback(null, undefined)); },\n"+
		"%s  set(data, options, callback) {\n"+
		"%s    const done = typeof options === 'function' ? options : callback;\n"+
		"%s    Promise.resolve().then(() => done?.(new Error('context.webtask.storage has no Action equivalent: nothing was stored')));\n"+
		"%s  },\n"+
		"%s};\n", in, NotePrefix, in, dr.storage, in, in, in, in, in, in)
}
