package par

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestForCoversEveryIndexOnceInOrder checks that the ranges of For cover [0, n) exactly
// once, that range w precedes range w+1, and that there are Workers(n) of them, with one and
// with several cores.
func TestForCoversEveryIndexOnceInOrder(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, MinPerWorker - 1, MinPerWorker, 2*MinPerWorker - 1, 2 * MinPerWorker, 1000, 4999} {
			seen := make([]int32, n)
			workers := Workers(n)
			los, his := make([]int, workers), make([]int, workers)
			var calls atomic.Int32
			For(n, func(w, lo, hi int) {
				calls.Add(1)
				los[w], his[w] = lo, hi
				for i := lo; i < hi; i++ {
					atomic.AddInt32(&seen[i], 1)
				}
			})
			if int(calls.Load()) != workers {
				t.Errorf("GOMAXPROCS %d, n %d: %d calls, want Workers(n) = %d", procs, n, calls.Load(), workers)
			}
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("GOMAXPROCS %d, n %d: index %d visited %d times", procs, n, i, c)
				}
			}
			for w := 1; w < workers; w++ {
				if his[w-1] != los[w] {
					t.Errorf("GOMAXPROCS %d, n %d: range %d ends at %d but range %d starts at %d", procs, n, w-1, his[w-1], w, los[w])
				}
			}
			if want := min(procs, max(1, n/MinPerWorker)); workers != want {
				t.Errorf("GOMAXPROCS %d, n %d: Workers = %d, want %d", procs, n, workers, want)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// TestDoRunsEveryFunctionAndReraisesAPanic checks that Do returns after every function
// has run, and that a panic in one reaches the caller after the others finished.
func TestDoRunsEveryFunctionAndReraisesAPanic(t *testing.T) {
	var ran atomic.Int32
	Do(func() { ran.Add(1) }, func() { ran.Add(1) }, func() { ran.Add(1) })
	if ran.Load() != 3 {
		t.Fatalf("Do ran %d of 3 functions", ran.Load())
	}
	ran.Store(0)
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the piece's panic \"boom\"", r)
		}
		if ran.Load() != 2 {
			t.Errorf("%d of the 2 other functions ran before the panic reached the caller", ran.Load())
		}
	}()
	Do(func() { ran.Add(1) }, func() { panic("boom") }, func() { ran.Add(1) })
	t.Fatal("Do returned normally after a piece panicked")
}
