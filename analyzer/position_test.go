package analyzer

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hooks2actions/hooks2actions/finding"
)

// referencePosition is the line and UTF-16 column of off, counted from the
// start of the input every time: slow and plainly right.
func referencePosition(src []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		n := 0
		switch {
		case src[i] == '\n':
			n = 1
		case src[i] == '\r':
			n = 1
			if i+1 < len(src) && src[i+1] == '\n' {
				n = 2
			}
		case strings.HasPrefix(string(src[i:]), "\u2028"), strings.HasPrefix(string(src[i:]), "\u2029"):
			n = 3
		}
		if n > 0 && i+n <= off {
			line, start = line+1, i+n
			i += n - 1
		}
	}
	col = finding.UTF16Len(src[start:off]) + 1
	if line == 1 && strings.HasPrefix(string(src), "\ufeff") {
		col = max(col-1, 1) // a byte order mark takes no column
	}
	return line, col
}

func TestLineTableMatchesAPlainCount(t *testing.T) {
	parts := []string{"a", "bc", "\n", "\r", "\r\n", "é", "😀", "\u2028", "\u2029", "abcdefghij", "\xff", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := []string{"", "\n", "\r\n", "x\u2028y\r\nz\r", strings.Repeat("abcdefgh", 5) + "é" + strings.Repeat("x", 20),
		"\ufeff", "\ufeffab\ncd", "\ufeff\ufeffé\r\n\ufeff"}
	for i := range 300 {
		var b strings.Builder
		if i%5 == 0 {
			b.WriteString("\ufeff")
		}
		for range rng.IntN(40) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		src := []byte(in)
		lines := newLineTable(src)
		// In order, then backwards, so that the cursor is used and reset.
		var offs []int
		for off := 0; off <= len(src); off++ {
			offs = append(offs, off)
		}
		for off := len(src); off >= 0; off-- {
			offs = append(offs, off)
		}
		checkPositions(t, src, lines, offs)
	}
}

// checkPositions asks lines for each offset in turn and compares the
// answer with a plain count.
func checkPositions(t *testing.T, src []byte, lines *lineTable, offs []int) {
	t.Helper()
	for _, off := range offs {
		line, col := lines.position(off)
		wantLine, wantCol := referencePosition(src, off)
		if line != wantLine || col != wantCol {
			t.Fatalf("%q at %d: got %d:%d, want %d:%d", src, off, line, col, wantLine, wantCol)
		}
	}
}

// TestLineTableInOrder asks positions in source order with gaps, then out
// of order, as the analysis does, on mostly plain text: the counting that spares the table
// must agree with the plain count, including after it falls back to the
// table at the first non-ASCII byte or \r.
func TestLineTableInOrder(t *testing.T) {
	parts := []string{"abc", "defgh ", "\n", "\n\n", "x", "\r\n", "é", "\u2028"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		var b strings.Builder
		for range rng.IntN(60) {
			p := parts[rng.IntN(len(parts))]
			if rng.IntN(4) > 0 {
				p = parts[rng.IntN(4)] // mostly plain ASCII
			}
			b.WriteString(p)
		}
		src := []byte(b.String())
		lines := newLineTable(src)
		var offs []int
		for off := 0; off <= len(src); off += 1 + rng.IntN(7) {
			offs = append(offs, off)
		}
		// Then a few out of order, as findings reported before usages are.
		for range 1 + rng.IntN(100) {
			offs = append(offs, rng.IntN(len(src)+1))
		}
		checkPositions(t, src, lines, offs)
	}
}

// TestPlainASCII puts a \r or a byte above 0x7F at every position of
// inputs of every length across the word and block boundaries.
func TestPlainASCII(t *testing.T) {
	for n := 0; n <= 80; n++ {
		plain := []byte(strings.Repeat("a\n", n)[:n])
		if !plainASCII(plain) {
			t.Fatalf("length %d: plain text not seen as plain", n)
		}
		for i := 0; i < n; i++ {
			for _, c := range []byte{'\r', 0x80, 0xff} {
				b := append([]byte(nil), plain...)
				b[i] = c
				if plainASCII(b) {
					t.Fatalf("length %d: %#x at %d not seen", n, c, i)
				}
			}
		}
	}
}
