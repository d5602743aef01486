package migrate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// TextEdit replaces the bytes [Start, End) of a hook's script with NewText;
// Start == End inserts. Like go/analysis suggested fixes, edits are data:
// they can be shown as a diff, applied, or reviewed one by one.
type TextEdit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"new_text"`
}

// sortEdits orders edits by position; an insertion comes before a
// replacement that starts at the same place.
func sortEdits(edits []TextEdit) {
	sort.SliceStable(edits, func(i, j int) bool {
		a, b := edits[i], edits[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	})
}

// ApplyEdits returns src with the edits applied. Overlapping edits are an
// error: they would mean two rewrites of the same code.
func ApplyEdits(src []byte, edits []TextEdit) (string, error) {
	sorted := append([]TextEdit(nil), edits...)
	sortEdits(sorted)
	var b strings.Builder
	at := 0
	for _, e := range sorted {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return "", fmt.Errorf("edit [%d,%d) overlaps an earlier one or leaves the script", e.Start, e.End)
		}
		b.Write(src[at:e.Start])
		b.WriteString(e.NewText)
		at = e.End
	}
	b.Write(src[at:])
	return b.String(), nil
}

// editSet collects edits and refuses one that overlaps another: the first
// rewrite of a piece of code wins, the later one is dropped.
//
// A hook may have hundreds of thousands of edits, added pass after pass, so
// they are checked by binary search rather than edit against edit. edits
// and recent are each in the order sorted returns (by position; edits at
// the same place in the order they came); recent holds the edits added
// since the two were last merged, all newer than those of edits. A pass
// that adds in the middle of one long slice would move half of it each
// time: a pass in source order appends to recent instead, and edits out
// of order go into recent, merged into edits once it grows past the square
// root of its length.
type editSet struct {
	edits, recent []TextEdit
}

// overlaps says whether [start, end) would rewrite code another edit
// rewrites. An insertion overlaps a replacement only strictly inside it;
// replacements that merely touch do not overlap.
func (s *editSet) overlaps(start, end int) bool {
	return overlapsIn(s.edits, start, end) || overlapsIn(s.recent, start, end)
}

// overlapsIn answers overlaps for edits in position order. Every case
// needs an edit that starts before end and ends after start. Edits that do
// not overlap one another, in position order, have ends that never
// decrease either: the last edit that starts before end is the one to
// look at.
func overlapsIn(edits []TextEdit, start, end int) bool {
	i := sort.Search(len(edits), func(i int) bool { return edits[i].Start >= end })
	return i > 0 && edits[i-1].End > start
}

// add adds an edit unless it overlaps one already there, and says whether it did.
func (s *editSet) add(start, end int, text string) bool {
	if s.overlaps(start, end) {
		return false
	}
	e := TextEdit{Start: start, End: end, NewText: text}
	if !endsBefore(s.recent, e) && len(s.recent) > 64 && len(s.recent)*len(s.recent) > len(s.edits) {
		s.merge()
	}
	switch {
	case len(s.recent) == 0 && endsBefore(s.edits, e):
		s.edits = append(s.edits, e)
	case endsBefore(s.recent, e):
		// A pass in source order appends.
		s.recent = append(s.recent, e)
	default:
		// After the edits at the same place: they came first.
		i := sort.Search(len(s.recent), func(i int) bool { return editBefore(e, s.recent[i]) })
		s.recent = slices.Insert(s.recent, i, e)
	}
	return true
}

// endsBefore says whether e goes after every edit of edits.
func endsBefore(edits []TextEdit, e TextEdit) bool {
	return len(edits) == 0 || !editBefore(e, edits[len(edits)-1])
}

// merge moves the recent edits into edits, keeping the order: at the same
// place, the older edits first.
func (s *editSet) merge() {
	if len(s.recent) == 0 {
		return
	}
	merged := make([]TextEdit, 0, len(s.edits)+len(s.recent))
	i, j := 0, 0
	for i < len(s.edits) && j < len(s.recent) {
		if editBefore(s.recent[j], s.edits[i]) {
			merged = append(merged, s.recent[j])
			j++
		} else {
			merged = append(merged, s.edits[i])
			i++
		}
	}
	merged = append(append(merged, s.edits[i:]...), s.recent[j:]...)
	s.edits, s.recent = merged, nil
}

// insertFirst puts an insertion before every other edit at its place.
func (s *editSet) insertFirst(at int, text string) {
	s.merge()
	e := TextEdit{Start: at, End: at, NewText: text}
	i := sort.Search(len(s.edits), func(i int) bool { return !editBefore(s.edits[i], e) })
	s.edits = slices.Insert(s.edits, i, e)
}

// editBefore is the order of sortEdits: by start, then by end.
func editBefore(a, b TextEdit) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.End < b.End
}

// at returns the text of the edit that replaces exactly [start, end) (two
// such replacements would overlap).
func (s *editSet) at(start, end int) (string, bool) {
	want := TextEdit{Start: start, End: end}
	for _, edits := range [][]TextEdit{s.edits, s.recent} {
		i := sort.Search(len(edits), func(i int) bool { return !editBefore(edits[i], want) })
		if i < len(edits) && edits[i].Start == start && edits[i].End == end {
			return edits[i].NewText, true
		}
	}
	return "", false
}

func (s *editSet) sorted() []TextEdit {
	s.merge()
	return slices.Clone(s.edits)
}

// extract returns src[start:end] with the edits that lie inside it
// applied, and removes those edits: the text is moved elsewhere whole.
func (s *editSet) extract(src []byte, start, end int) string {
	s.merge()
	var inside []TextEdit
	kept := s.edits[:0]
	for _, e := range s.edits {
		if start <= e.Start && e.End <= end {
			inside = append(inside, TextEdit{Start: e.Start - start, End: e.End - start, NewText: e.NewText})
			continue
		}
		kept = append(kept, e)
	}
	s.edits = kept
	text, err := ApplyEdits(src[start:end], inside)
	if err != nil {
		return string(src[start:end])
	}
	return text
}

// replaceWithin replaces [start, end) with text, dropping the edits that
// lie inside it: text already spells what they did. It refuses when an
// edit straddles the range.
func (s *editSet) replaceWithin(start, end int, text string) bool {
	s.merge()
	kept, ok := outside(s.edits, start, end)
	if !ok {
		return false
	}
	e := TextEdit{Start: start, End: end, NewText: text}
	i := sort.Search(len(kept), func(i int) bool { return editBefore(e, kept[i]) })
	s.edits = slices.Insert(kept, i, e)
	return true
}

// outside returns the edits that do not lie inside [start, end), in their
// order; ok is false when one straddles the range. An insertion at either
// end of the range is outside it.
func outside(edits []TextEdit, start, end int) (kept []TextEdit, ok bool) {
	kept = make([]TextEdit, 0, len(edits))
	for _, e := range edits {
		inside := start <= e.Start && e.End <= end && !(e.Start == e.End && (e.Start == start || e.Start == end))
		switch {
		case inside:
		case e.Start < end && start < e.End:
			return nil, false
		default:
			kept = append(kept, e)
		}
	}
	return kept, true
}
