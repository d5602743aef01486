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
// rewrite of a piece of code wins, the later one is dropped. The edits are
// kept in the order sorted returns them (by position; edits at the same
// place in the order they came), so that a hook with hundreds of thousands
// of edits is checked by binary search rather than edit against edit.
type editSet struct {
	edits []TextEdit
}

// overlaps says whether [start, end) would rewrite code another edit
// rewrites. An insertion overlaps a replacement only strictly inside it;
// replacements that merely touch do not overlap.
//
// Every case needs an edit that starts before end and ends after start.
// The edits of the set do not overlap one another, so in position order
// their ends never decrease either: the last edit that starts before end
// is the one to look at.
func (s *editSet) overlaps(start, end int) bool {
	i := sort.Search(len(s.edits), func(i int) bool { return s.edits[i].Start >= end })
	return i > 0 && s.edits[i-1].End > start
}

// add adds an edit unless it overlaps one already there, and says whether it did.
func (s *editSet) add(start, end int, text string) bool {
	if s.overlaps(start, end) {
		return false
	}
	s.insert(TextEdit{Start: start, End: end, NewText: text})
	return true
}

// insert puts e after the edits at the same place: they came first.
func (s *editSet) insert(e TextEdit) {
	i := sort.Search(len(s.edits), func(i int) bool { return editBefore(e, s.edits[i]) })
	s.edits = slices.Insert(s.edits, i, e)
}

// insertFirst puts an insertion before every other edit at its place.
func (s *editSet) insertFirst(at int, text string) {
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

// at returns the text of the first edit that replaces exactly [start, end).
func (s *editSet) at(start, end int) (string, bool) {
	want := TextEdit{Start: start, End: end}
	i := sort.Search(len(s.edits), func(i int) bool { return !editBefore(s.edits[i], want) })
	if i < len(s.edits) && s.edits[i].Start == start && s.edits[i].End == end {
		return s.edits[i].NewText, true
	}
	return "", false
}

func (s *editSet) sorted() []TextEdit {
	return slices.Clone(s.edits)
}

// extract returns src[start:end] with the edits that lie inside it
// applied, and removes those edits: the text is moved elsewhere whole.
func (s *editSet) extract(src []byte, start, end int) string {
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
	kept := make([]TextEdit, 0, len(s.edits))
	for _, e := range s.edits {
		inside := start <= e.Start && e.End <= end && !(e.Start == e.End && (e.Start == start || e.Start == end))
		switch {
		case inside:
		case e.Start < end && start < e.End:
			return false
		default:
			kept = append(kept, e)
		}
	}
	s.edits = kept
	s.insert(TextEdit{Start: start, End: end, NewText: text})
	return true
}
