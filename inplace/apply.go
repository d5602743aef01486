package inplace

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/diff"
)

// Diff renders the changes as one unified diff, paths relative to the
// export's root (a/ before, b/ after, /dev/null for a created file), as
// git apply and patch -p1 read it from the root.
func Diff(changes []Change) []byte {
	var b bytes.Buffer
	for _, c := range changes {
		from := "a/" + c.Path
		if c.Old == nil {
			from = "/dev/null"
		}
		d := diff.Diff(from, c.Old, "b/"+c.Path, c.New)
		// diff.Diff starts with "diff FROM TO", which is ambiguous when a
		// name holds a space; git's own header says the same unambiguously
		// enough for git apply.
		if i := bytes.IndexByte(d, '\n'); i >= 0 && bytes.HasPrefix(d, []byte("diff ")) {
			d = d[i+1:]
		}
		fmt.Fprintf(&b, "diff --git a/%s b/%s\n", c.Path, c.Path)
		if c.Old == nil {
			b.WriteString("new file mode 100644\n")
		}
		b.Write(d)
	}
	return b.Bytes()
}

// Apply writes the changes under root with write (which replaces one file
// atomically), creating directories as needed. When one fails, the files
// already written are put back as they were, so that the export is left
// whole, as before, or changed completely.
func Apply(root string, changes []Change, write func(path string, data []byte) error) error {
	for i, c := range changes {
		p := filepath.Join(root, filepath.FromSlash(c.Path))
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil {
			err = write(p, c.New)
		}
		if err != nil {
			undo(root, changes[:i], write)
			return fmt.Errorf("changing %s: %w (the files already written were put back as they were)", root, err)
		}
	}
	return nil
}

// undo puts back the files changes wrote: old content rewritten, created
// files removed. Directories it created stay: they are empty and harmless.
func undo(root string, changes []Change, write func(path string, data []byte) error) {
	for _, c := range changes {
		p := filepath.Join(root, filepath.FromSlash(c.Path))
		if c.Old == nil {
			os.Remove(p)
		} else {
			write(p, c.Old)
		}
	}
}
