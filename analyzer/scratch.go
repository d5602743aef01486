package analyzer

import "sync"

// scratch holds the working storage of one analysis. Nothing in a Result
// points into it, so it is reused across calls: allocating it afresh for
// every hook cost more than all of the analysis' own work.
type scratch struct {
	symbols  []symbol
	scopes   []scope
	funcs    []funcInfo
	cands    []candidate
	binds    []bindEdge
	calls    []callSite
	returns  []returnEdge
	requires []callSite
	index    nameIndex
	// slots backs the first names of every scope (see nameSlots).
	slots []*symbol
	// all lists every scope, in the order they opened.
	all []*scope
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// newSymbol hands out a symbol from a slab. A full slab is replaced by a
// bigger one rather than grown, so pointers into the old one stay valid.
func (s *scratch) newSymbol(name string, sc *scope) *symbol {
	if len(s.symbols) == cap(s.symbols) {
		s.symbols = make([]symbol, 0, max(64, 2*cap(s.symbols)))
	}
	s.symbols = append(s.symbols, symbol{name: name, scope: sc})
	return &s.symbols[len(s.symbols)-1]
}

// nameSlots hands out room for a scope's first few names from a slab,
// sparing most scopes an allocation of their own; a scope with more
// names outgrows its slots and appending copies them to the heap. A full
// slab is replaced, not grown, so slots handed out stay valid.
func (s *scratch) nameSlots() []*symbol {
	const n = 4
	if len(s.slots)+n > cap(s.slots) {
		s.slots = make([]*symbol, 0, max(256, 2*cap(s.slots)))
	}
	k := len(s.slots)
	s.slots = s.slots[:k+n]
	return s.slots[k : k : k+n]
}

func (s *scratch) newFunc() *funcInfo {
	if len(s.funcs) == cap(s.funcs) {
		s.funcs = make([]funcInfo, 0, max(16, 2*cap(s.funcs)))
	}
	s.funcs = append(s.funcs, funcInfo{})
	return &s.funcs[len(s.funcs)-1]
}

func (s *scratch) newScope() *scope {
	if len(s.scopes) == cap(s.scopes) {
		s.scopes = make([]scope, 0, max(64, 2*cap(s.scopes)))
	}
	s.scopes = append(s.scopes, scope{})
	sc := &s.scopes[len(s.scopes)-1]
	s.all = append(s.all, sc)
	return sc
}

// release clears every pointer into the analysed program, so that a
// pooled scratch does not keep an AST alive, and returns s to the pool.
func (s *scratch) release() {
	clear(s.symbols)
	clear(s.scopes)
	clear(s.funcs)
	clear(s.cands)
	clear(s.binds)
	clear(s.calls)
	clear(s.returns)
	clear(s.requires)
	s.symbols, s.scopes, s.funcs = s.symbols[:0], s.scopes[:0], s.funcs[:0]
	s.cands, s.binds, s.calls, s.returns = s.cands[:0], s.binds[:0], s.calls[:0], s.returns[:0]
	s.requires = s.requires[:0]
	clear(s.slots)
	s.slots = s.slots[:0]
	clear(s.all)
	s.all = s.all[:0]
	s.index.release()
	scratchPool.Put(s)
}

// release drops the index: only a deeply nested script builds one.
func (x *nameIndex) release() { *x = nameIndex{} }
