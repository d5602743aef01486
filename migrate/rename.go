package migrate

import (
	"strconv"
	"strings"
)

// The draft binds names the hook did not: the handler's event and api,
// and the few helpers a conversion needs. A hook binding of the same name
// would collide with them (const event = … redeclares the parameter) or
// capture them (a helper's own event parameter hides the handler's), so
// the hook's bindings are renamed, consistently, to names the script
// does not use.

// renameClashes renames every binding of the script named like a name
// the handler binds itself.
func (dr *drafter) renameClashes() {
	for _, b := range dr.d.ActionNames {
		name := dr.fresh("hook" + strings.ToUpper(b.Name[:1]) + b.Name[1:])
		for _, r := range b.Refs {
			repl := name
			if r.Shorthand {
				repl = b.Name + ": " + name
			}
			dr.edits.add(r.Span.Start, r.Span.End, repl)
		}
	}
}

// fresh returns base, or base2, base3…, whichever the script does not
// use as a word and the draft has not handed out yet.
func (dr *drafter) fresh(base string) string {
	if dr.words == nil {
		dr.words = identifierWords(dr.src)
	}
	name := base
	for n := 2; dr.words[name]; n++ {
		name = base + strconv.Itoa(n)
	}
	dr.words[name] = true
	return name
}

// identifierWords is every word of the script that could be a name,
// wherever it is (code, strings, comments): a superset, which is safe.
func identifierWords(src []byte) map[string]bool {
	words := map[string]bool{}
	start := -1
	for i := 0; i <= len(src); i++ {
		if i < len(src) && isWordByte(src[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words[string(src[start:i])] = true
			start = -1
		}
	}
	return words
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
