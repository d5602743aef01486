package migrate

import (
	"fmt"
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
type editSet struct {
	edits []TextEdit
}

// overlaps says whether [start, end) would rewrite code another edit
// rewrites. An insertion overlaps a replacement only strictly inside it;
// replacements that merely touch do not overlap.
func (s *editSet) overlaps(start, end int) bool {
	for _, e := range s.edits {
		switch {
		case start == end:
			if e.Start < start && start < e.End {
				return true
			}
		case e.Start == e.End:
			if start < e.Start && e.Start < end {
				return true
			}
		case start < e.End && e.Start < end:
			return true
		}
	}
	return false
}

// add adds an edit unless it overlaps one already there, and says whether it did.
func (s *editSet) add(start, end int, text string) bool {
	if s.overlaps(start, end) {
		return false
	}
	s.edits = append(s.edits, TextEdit{Start: start, End: end, NewText: text})
	return true
}

func (s *editSet) sorted() []TextEdit {
	out := append([]TextEdit(nil), s.edits...)
	sortEdits(out)
	return out
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
	s.edits = append(kept, TextEdit{Start: start, End: end, NewText: text})
	return true
}
