package trust

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// included decides L(a) ⊆ L(b) and returns a witness of L(a) \ L(b) when not.
func included(t *testing.T, a, b []Pattern) (bool, string) {
	t.Helper()
	w, _, ok, err := Set{Must: [][]Pattern{a}, Not: [][]Pattern{b}}.Witness(nil)
	if err != nil {
		t.Fatal(err)
	}
	return !ok, w
}

func TestContainment(t *testing.T) {
	tests := []struct {
		a, b []Pattern
		want bool // L(a) ⊆ L(b)
	}{
		{Globs("a*b"), Globs("a*"), true},
		{Globs("a*"), Globs("a*b"), false},
		{Globs("a?"), Globs("a*"), true},
		{Globs("a*"), Globs("a?"), false}, // "a" itself, and "abc"
		{Globs("?"), Globs("*"), true},
		{Globs("*"), Globs("?"), false}, // the empty string
		{Globs("*"), Globs("?*"), false},
		{Globs("?*"), Globs("*"), true},
		{Globs(""), Globs("*"), true},
		{Globs(""), Globs("?"), false},
		{Globs("a*"), Globs("a", "a?*"), true}, // "a" or at least one more character
		{Globs("a*"), Globs("a?*"), false},
		{Globs("*a*"), Globs("*a", "a*", "*a?*"), true},
		{Globs("**"), Globs("*"), true},
		{Globs("*"), Globs("**"), true},
		{Globs("a*b*c"), Globs("a*c"), true},
		{Globs("a*c"), Globs("a*b*c"), false},
		{Globs("ab?"), Globs("a?b", "abb"), false},
		{Globs("v1.*"), Globs("v1.x", "v1.0.0"), false},
		{Globs("x*"), Globs("x?*", "x"), true},
		// A literal "*" under StringEquals is the character itself.
		{Literals("a*"), Globs("a?"), true},
		{Literals("a*"), Literals("ab"), false},
		{Globs("a?"), Literals("a*"), false},
		{Literals("a*"), Globs("a*"), true},
		{Literals(""), Globs("*"), true},
		{Literals(""), Globs("?*"), false},
		{Globs("repo:acme/lib*:ref:refs/tags/v1.*"), Globs("repo:acme/libx:ref:refs/tags/v1.x", "repo:acme/libx:ref:refs/tags/v1.0.0"), false},
		{Globs("repo:acme/libx:ref:refs/tags/v1.x", "repo:acme/libx:ref:refs/tags/v1.0.0"), Globs("repo:acme/lib*:ref:refs/tags/v1.*"), true},
		{Globs("repo:acme/*:ref:refs/tags/v*"), Globs("repo:acme/*:*"), true},
		{Globs("repo:acme/*:*"), Globs("repo:acme/*:ref:refs/tags/v*"), false},
		{nil, nil, true}, // nothing is included in anything
		{Globs("a"), nil, false},
	}
	for _, tt := range tests {
		got, w := included(t, tt.a, tt.b)
		if got != tt.want {
			t.Errorf("%v ⊆ %v = %v (witness %q), want %v", tt.a, tt.b, got, w, tt.want)
			continue
		}
		if !got {
			checkWitness(t, tt.a, tt.b, w)
		}
	}
}

func checkWitness(t *testing.T, a, b []Pattern, w string) {
	t.Helper()
	in := func(ps []Pattern) bool {
		for _, p := range ps {
			if p.Match(w) {
				return true
			}
		}
		return false
	}
	if !in(a) || in(b) {
		t.Errorf("witness %q of %v \\ %v: in a %v, in b %v", w, a, b, in(a), in(b))
	}
	if strings.ContainsAny(w, "*?") && !strings.ContainsAny(patternText(a)+patternText(b), "*?") {
		t.Errorf("witness %q holds a wildcard character", w)
	}
}

func patternText(ps []Pattern) string {
	var sb strings.Builder
	for _, p := range ps {
		if !p.Glob {
			sb.WriteString(p.Text)
		}
	}
	return sb.String()
}

// TestContainmentAgainstEnumeration compares the decision with brute force: every string
// over {a, b, c, *, ?} up to length 5 ("*" and "?" as characters, which StringEquals
// literals may hold) for random patterns of up to three characters. A difference of
// patterns this short has a witness that short: a shortest witness visits each state of
// the product automaton at most once, and after the longest pattern every state repeats.
func TestContainmentAgainstEnumeration(t *testing.T) {
	var all []string
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		all = append(all, prefix)
		if n == 0 {
			return
		}
		for _, c := range "abc*?" {
			gen(prefix+string(c), n-1)
		}
	}
	gen("", 5)
	rng := rand.New(rand.NewPCG(1, 2))
	randPattern := func() Pattern {
		var sb strings.Builder
		for range rng.IntN(4) {
			sb.WriteByte("ab*?"[rng.IntN(4)])
		}
		return Pattern{Text: sb.String(), Glob: rng.IntN(5) > 0}
	}
	for n := range 1500 {
		a := []Pattern{randPattern()}
		if n%2 == 0 {
			a = append(a, randPattern())
		}
		b := []Pattern{randPattern(), randPattern()}
		if n%3 == 0 {
			b = append(b, randPattern())
		}
		got, w := included(t, a, b)
		brute := true
		for _, s := range all {
			if (a[0].Match(s) || (len(a) > 1 && a[1].Match(s))) && !(b[0].Match(s) || b[1].Match(s) || (len(b) > 2 && b[2].Match(s))) {
				brute = false
				break
			}
		}
		if got != brute {
			t.Fatalf("%v ⊆ %v: decided %v (witness %q), enumeration says %v", a, b, got, w, brute)
		}
		if !got {
			checkWitness(t, a, b, w)
		}
	}
}

func TestSetOperations(t *testing.T) {
	s := Set{Must: [][]Pattern{Globs("refs/tags/v*")}}
	if ok, _ := s.IsEmpty(nil); ok {
		t.Fatal("non-empty set reported empty")
	}
	d := s.Minus(Set{Must: [][]Pattern{Globs("refs/tags/v*")}})
	if ok, _ := d.IsEmpty(nil); !ok {
		t.Fatal("a set minus itself is not empty")
	}
	// Absence: a key no condition names admits its absence; one that a condition names does not.
	u := Universe().Minus(s)
	w, absent, ok, _ := u.Witness(nil, "refs/tags/v1")
	if !ok || absent || w == "refs/tags/v1" || s.Contains(w) {
		t.Fatalf("universe minus tags: %q absent %v ok %v", w, absent, ok)
	}
	only := Universe().Minus(Set{})
	if _, absent, ok, _ := only.Witness(nil); !ok || !absent {
		t.Fatalf("universe minus every string: absent %v ok %v", absent, ok)
	}
	if ok, _ := Universe().Minus(Universe()).IsEmpty(nil); !ok {
		t.Fatal("universe minus itself is not empty")
	}
	i := s.Intersect(Set{Must: [][]Pattern{Globs("*1")}})
	if w, _, ok, _ := i.Witness(nil); !ok || !strings.HasPrefix(w, "refs/tags/v") || !strings.HasSuffix(w, "1") {
		t.Fatalf("intersection witness %q ok %v", w, ok)
	}
}

// TestContainmentWork bounds the steps of a decision over cross-products: n repositories
// times n branches on the old side, one repository more on the new side. The work must grow
// about linearly with the number of patterns (n²), not with its square.
func TestContainmentWork(t *testing.T) {
	steps := func(n int) int {
		var old, nw []Pattern
		for r := range n {
			for br := range n {
				old = append(old, Pattern{Text: fmt.Sprintf("repo:acme/r%d:ref:refs/heads/b%d*", r, br), Glob: true})
			}
		}
		for br := range n {
			nw = append(nw, Pattern{Text: fmt.Sprintf("repo:acme/new:ref:refs/heads/b%d*", br), Glob: true})
		}
		nw = append(nw, old...)
		var b Budget
		if _, _, ok, err := (Set{Must: [][]Pattern{nw}, Not: [][]Pattern{old}}).Witness(&b); err != nil || !ok {
			t.Fatalf("n=%d: ok %v err %v", n, ok, err)
		}
		return b.Steps
	}
	s50, s100 := steps(50), steps(100)
	if ratio := float64(s100) / float64(s50); ratio > 5 {
		t.Errorf("steps for 100×100 patterns: %d, for 50×50: %d: ratio %.1f, want about 4 (linear in patterns)", s100, s50, ratio)
	}
}
