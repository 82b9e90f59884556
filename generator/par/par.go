// Package par runs independent pieces of a stage on every core. Generating at
// organisation scale is CPU-bound and the machines it runs on (CI runners, laptops) have
// two cores or more, so the wall time of gen counts the slowest core, not the sum.
//
// Guarantees: each function returns only when every piece has run; a panic in a piece is
// re-raised in the caller; results are whatever the pieces write into their own slots, so
// output does not depend on scheduling.
package par

import (
	"runtime"
	"sync"
)

// MinPerWorker is the fewest items worth a goroutine of their own: below it, For runs
// serially (a goroutine costs about a microsecond; an item here costs tens).
const MinPerWorker = 32

// Workers returns how many pieces For splits n items into: one per core, at most one per
// MinPerWorker items, and at least one.
func Workers(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/MinPerWorker))
}

// For calls fn(w, lo, hi) for w = 0 .. Workers(n)-1 over consecutive ranges [lo, hi)
// that together cover [0, n) once, in order of w, each on its own goroutine when there are
// several, and returns when all have returned.
func For(n int, fn func(w, lo, hi int)) {
	workers := Workers(n)
	if workers == 1 {
		fn(0, 0, n)
		return
	}
	pieces := make([]func(), workers)
	for w := range workers {
		pieces[w] = func() { fn(w, w*n/workers, (w+1)*n/workers) }
	}
	Do(pieces...)
}

// Do runs every f at once, the first on the caller's goroutine (whose stack has already
// grown) and each other on its own, and returns when all have returned.
func Do(fs ...func()) {
	var wg sync.WaitGroup
	panics := make([]any, len(fs))
	for i := 1; i < len(fs); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			catching(panics, i, fs[i])
		}()
	}
	if len(fs) > 0 {
		catching(panics, 0, fs[0])
	}
	wg.Wait()
	reraise(panics)
}

// Worth reports whether n items are worth splitting over the cores: whether For would
// use more than one goroutine for them.
func Worth(n int) bool { return Workers(n) > 1 }

// DoIf runs fs as Do does when parallel is set, and otherwise one after another on the
// caller's goroutine, with the same guarantees: every function runs, then the first
// panic is re-raised. A small spec takes less time to render than a cold process takes
// to give goroutines their stacks and threads, so callers pass Worth(size).
func DoIf(parallel bool, fs ...func()) {
	if parallel {
		Do(fs...)
		return
	}
	panics := make([]any, len(fs))
	for i, f := range fs {
		catching(panics, i, f)
	}
	reraise(panics)
}

// catching runs f, recording a panic in panics[i] instead of letting it unwind.
func catching(panics []any, i int, f func()) {
	defer func() { panics[i] = recover() }()
	f()
}

// reraise panics with the first non-nil value of panics.
func reraise(panics []any) {
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}
