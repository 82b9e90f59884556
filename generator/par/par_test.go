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

// TestDoIfSerialKeepsDoGuarantees: without parallelism DoIf runs every function on the
// caller's goroutine, in order, and re-raises the first panic only after all have run.
func TestDoIfSerialKeepsDoGuarantees(t *testing.T) {
	var order []int
	DoIf(false, func() { order = append(order, 1) }, func() { order = append(order, 2) }, func() { order = append(order, 3) })
	if len(order) != 3 || order[0] != 1 || order[1] != 2 || order[2] != 3 {
		t.Fatalf("serial DoIf ran %v, want [1 2 3]", order)
	}
	order = nil
	defer func() {
		if r := recover(); r != "first" {
			t.Errorf("recovered %v, want the first panic", r)
		}
		if len(order) != 2 {
			t.Errorf("%d of the 2 other functions ran before the panic reached the caller", len(order))
		}
	}()
	DoIf(false, func() { order = append(order, 1) }, func() { panic("first") }, func() { panic("second") }, func() { order = append(order, 4) })
	t.Fatal("DoIf returned normally after a function panicked")
}

// TestWorth: Worth agrees with Workers.
func TestWorth(t *testing.T) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	for _, n := range []int{0, 1, MinPerWorker, 2*MinPerWorker - 1, 2 * MinPerWorker, 5000} {
		if got, want := Worth(n), Workers(n) > 1; got != want {
			t.Errorf("Worth(%d) = %v, want %v", n, got, want)
		}
	}
	if Worth(2*MinPerWorker-1) || !Worth(2*MinPerWorker) {
		t.Errorf("with 2 cores, Worth should turn true at %d items", 2*MinPerWorker)
	}
}
