package analyzer

import (
	"sync"

	"github.com/dop251/goja/ast"
)

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
	// The analysis' maps, kept with their room: making them afresh for
	// every hook cost more than filling them.
	funcOf  map[ast.Node]*funcInfo
	tracked nameSet
	chained map[*ast.AssignExpression]val
	direct  map[*ast.CallExpression][]ast.Node
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{
		funcOf:  make(map[ast.Node]*funcInfo),
		chained: make(map[*ast.AssignExpression]val),
		direct:  make(map[*ast.CallExpression][]ast.Node),
	}
}}

// maxKeptMap is the size past which a map is dropped rather than cleared:
// clearing costs its room, which one huge script must not leave behind.
const maxKeptMap = 1024

func reuseMap[K comparable, V any](m map[K]V) map[K]V {
	if len(m) > maxKeptMap {
		return make(map[K]V)
	}
	clear(m)
	return m
}

// maxKeptSlice is the room past which a pooled slice is dropped: one huge
// script must not leave it behind.
const maxKeptSlice = 4096

// kept empties s for the next walk, its pointers cleared, keeping its room
// unless it is huge.
func kept[T any](s []T) []T {
	if cap(s) > maxKeptSlice {
		return nil
	}
	clear(s[:cap(s)])
	return s[:0]
}

// takeScratch gives the analysis pooled working storage, its maps included.
func (a *analysis) takeScratch() {
	s := scratchPool.Get().(*scratch)
	a.scratch = s
	a.funcs, a.tracked, a.chained, a.direct = s.funcOf, &s.tracked, s.chained, s.direct
}

// dropScratch returns the storage to the pool once nothing will read it;
// an analysis that panicked never does, so its storage is simply dropped.
func (a *analysis) dropScratch() {
	a.scratch.release()
	a.scratch = nil
	a.funcs, a.tracked, a.chained, a.direct = nil, nil, nil, nil
}

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
	s.funcOf = reuseMap(s.funcOf)
	s.tracked.reset()
	s.chained, s.direct = reuseMap(s.chained), reuseMap(s.direct)
	scratchPool.Put(s)
}

// release drops the index: only a deeply nested script builds one.
func (x *nameIndex) release() { *x = nameIndex{} }

// nameSet is a set of names. It holds a handful in nearly every hook (the
// context, its webtask, the secrets and their aliases), and eval asks it
// about every identifier it meets: comparing a few strings beats hashing
// each one, and a map takes over past fewNames.
type nameSet struct {
	few  []string
	many map[string]bool
}

const fewNames = 8

func (s *nameSet) has(name string) bool {
	if s.many != nil {
		return s.many[name]
	}
	for _, n := range s.few {
		if n == name {
			return true
		}
	}
	return false
}

func (s *nameSet) add(name string) {
	if s.has(name) {
		return
	}
	if s.many == nil && len(s.few) < fewNames {
		s.few = append(s.few, name)
		return
	}
	if s.many == nil {
		s.many = make(map[string]bool, 2*fewNames)
		for _, n := range s.few {
			s.many[n] = true
		}
	}
	s.many[name] = true
}

func (s *nameSet) reset() {
	clear(s.few)
	s.few = s.few[:0]
	s.many = nil
}
