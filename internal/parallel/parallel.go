// Package parallel runs independent per-hook work on every core while
// keeping results in input order, so output stays byte-identical whatever
// the number of cores.
package parallel

import (
	"runtime"
	"sync"
)

// Map returns f applied to each item, in the items' order. At most
// GOMAXPROCS calls run at once; with one item or one core it runs inline.
// f must not depend on the order in which items are processed.
func Map[T, R any](items []T, f func(T) R) []R {
	out := make([]R, len(items))
	workers := min(runtime.GOMAXPROCS(0), len(items))
	if workers <= 1 {
		for i, it := range items {
			out[i] = f(it)
		}
		return out
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = f(items[i])
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
