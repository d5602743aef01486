package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestMapKeepsOrderAndBoundsWorkers(t *testing.T) {
	items := make([]int, 500)
	for i := range items {
		items[i] = i
	}
	var running, peak atomic.Int64
	got := Map(items, func(n int) int {
		now := running.Add(1)
		for {
			p := peak.Load()
			if now <= p || peak.CompareAndSwap(p, now) {
				break
			}
		}
		runtime.Gosched()
		running.Add(-1)
		return n * n
	})
	for i, v := range got {
		if v != i*i {
			t.Fatalf("result %d = %d, want %d: order not kept", i, v, i*i)
		}
	}
	if p := peak.Load(); p > int64(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d calls ran at once, more than GOMAXPROCS=%d", p, runtime.GOMAXPROCS(0))
	}
}

func TestMapEmptyAndOne(t *testing.T) {
	if got := Map([]string{}, func(s string) int { return len(s) }); len(got) != 0 {
		t.Errorf("Map of nothing = %v", got)
	}
	if got := Map([]string{"abc"}, func(s string) int { return len(s) }); len(got) != 1 || got[0] != 3 {
		t.Errorf("Map of one = %v", got)
	}
}
