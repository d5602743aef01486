package migrate

import (
	"fmt"
	"regexp"
	"strings"
)

// namer gives each Action a name whose Deploy CLI file name is unique,
// ignoring case as macOS and Windows file systems do.
type namer struct {
	taken map[string]bool
}

func newNamer() *namer { return &namer{taken: map[string]bool{}} }

// assign returns the Action name for a hook and its file name. The hook's
// name is kept unless its file name is taken; then -2, -3… is appended.
func (n *namer) assign(hook string) (name, file string) {
	name = hook
	for i := 2; ; i++ {
		file = SanitizeFileName(name)
		if !n.taken[strings.ToLower(file)] {
			n.taken[strings.ToLower(file)] = true
			return name, file
		}
		name = fmt.Sprintf("%s-%d", hook, i)
	}
}

var (
	illegalChars  = regexp.MustCompile(`[/?<>\\:*|"\x00-\x1f\x80-\x9f]`)
	reservedNames = regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$`)
	trailingDots  = regexp.MustCompile(`[. ]+$`)
)

// SanitizeFileName turns an Action name into the file name the Deploy CLI
// gives it: the npm sanitize-filename rules with "-" as the replacement.
func SanitizeFileName(name string) string {
	s := illegalChars.ReplaceAllString(name, "-")
	if s == "." || s == ".." {
		s = strings.Repeat("-", len(s))
	}
	if reservedNames.MatchString(s) {
		s = "-" + s
	}
	s = trailingDots.ReplaceAllString(s, "")
	if len(s) > 255 {
		s = s[:255]
	}
	if s == "" {
		s = "-"
	}
	return s
}
