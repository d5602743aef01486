package analyzer

import (
	"fmt"
	"testing"
)

// TestNameSet checks the set on both sides of its switch to a map, and
// that a reset set holds nothing.
func TestNameSet(t *testing.T) {
	for _, size := range []int{0, 1, fewNames, fewNames + 1, 3 * fewNames} {
		var s nameSet
		for i := range size {
			s.add(fmt.Sprint("n", i))
			s.add(fmt.Sprint("n", i)) // twice: still one member
		}
		for i := range size + 2 {
			name := fmt.Sprint("n", i)
			if got, want := s.has(name), i < size; got != want {
				t.Errorf("size %d: has(%s) = %v, want %v", size, name, got, want)
			}
		}
		if size <= fewNames && (s.many != nil || len(s.few) != size) {
			t.Errorf("size %d: %d slice entries, map %v", size, len(s.few), s.many != nil)
		}
		s.reset()
		if s.has("n0") {
			t.Errorf("size %d: n0 still there after reset", size)
		}
	}
}
