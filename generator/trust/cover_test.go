package trust

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestCovers(t *testing.T) {
	tests := []struct {
		general, specific string
		want              bool
	}{
		{"repo:o/*", "repo:o/app:ref:refs/heads/main", true},
		{"repo:o/*:*", "repo:o/app:ref:refs/heads/main", true},
		{"repo:o/*:*", "repo:o/*:ref:refs/tags/v*", true},
		{"repo:o/*:ref:refs/tags/v*", "repo:o/*:*", false},
		{"repo:o/app:*", "repo:o/app:pull_request", true},
		{"repo:o/app:*", "repo:o/app2:pull_request", false},
		{"repo:o/app?:x", "repo:o/app1:x", true},
		{"repo:o/app?:x", "repo:o/app*:x", false},
		{"repo:o/app?:x", "repo:o/app?:x", true},
		{"a*", "a", true},
		{"a", "a*", false},
		{"*", "", true},
		{"", "", true},
		{"x", "y", false},
		{"repo:o/a:ref:refs/heads/main", "repo:o/a:ref:refs/heads/main", true},
	}
	for _, tt := range tests {
		if got := Covers(tt.general, tt.specific); got != tt.want {
			t.Errorf("Covers(%q, %q) = %v, want %v", tt.general, tt.specific, got, tt.want)
		}
		// Soundness: when general covers a literal specific, it must also match it.
		if tt.want && !HasWildcard(tt.specific) && !Matches(tt.general, tt.specific) {
			t.Errorf("Covers(%q, %q) but Matches is false", tt.general, tt.specific)
		}
	}
}

// coversReference is the memoised top-down recursion Covers was first written as; the
// bottom-up Covers must agree with it on every input.
func coversReference(general, specific string) bool {
	g, s := []rune(general), []rune(specific)
	memo := make([][]int8, len(g)+1)
	for i := range memo {
		memo[i] = make([]int8, len(s)+1)
	}
	var covers func(i, j int) bool
	covers = func(i, j int) bool {
		if memo[i][j] != 0 {
			return memo[i][j] > 0
		}
		var ok bool
		switch {
		case i == len(g):
			ok = j == len(s)
		case g[i] == '*':
			ok = covers(i+1, j) || (j < len(s) && covers(i, j+1))
		case j == len(s):
			ok = false
		case g[i] == '?':
			ok = s[j] != '*' && covers(i+1, j+1)
		default:
			ok = s[j] == g[i] && covers(i+1, j+1)
		}
		memo[i][j] = -1
		if ok {
			memo[i][j] = 1
		}
		return ok
	}
	return covers(0, 0)
}

// randomPatterns returns n patterns over a small alphabet with wildcards, so that many
// pairs share prefixes, suffixes and segments and some cover others.
func randomPatterns(r *rand.Rand, n int, alphabet []string) []string {
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		b.WriteString([]string{"", "repo:o/", "repo:o/a"}[r.IntN(3)])
		for range r.IntN(7) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		out[i] = b.String()
	}
	return out
}

// TestCoversAgreesWithReference compares Covers with the recursive definition on random
// pairs, ASCII and not.
func TestCoversAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, alphabet := range [][]string{{"a", "b", "*", "?", ":"}, {"a", "é", "*", "?", "ß"}} {
		ps := randomPatterns(r, 300, alphabet)
		for _, g := range ps {
			for _, s := range ps[:100] {
				if got, want := Covers(g, s), coversReference(g, s); got != want {
					t.Fatalf("Covers(%q, %q) = %v, reference says %v", g, s, got, want)
				}
			}
		}
	}
}

// TestCoverIndexFindsExactlyTheCoveredPatterns: for random pattern lists, Covered yields
// exactly the patterns that comparing with every other one finds, and checks far fewer
// pairs than that on lists whose patterns differ in their literal parts.
func TestCoverIndexFindsExactlyTheCoveredPatterns(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 40 {
		alphabet := []string{"a", "b", "*", "?", "/", "é"}
		if round%2 == 0 {
			alphabet = []string{"ab", "b", "*", "x", "?", "yz"}
		}
		ps := randomPatterns(r, 200, alphabet)
		x := NewCoverIndex(ps)
		for _, g := range append(ps[:50:50], "*", "repo:o/*", "*a*b*", "a?b", "") {
			var got []int
			x.Covered(g, func(i int) bool { got = append(got, i); return true })
			slices.Sort(got)
			var want []int
			for i, s := range ps {
				if s != g && coversReference(g, s) {
					want = append(want, i)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("Covered(%q) = %v, want %v (patterns %q)", g, got, want, ps)
			}
		}
	}
}

// TestCoverIndexStopsWhenYieldSaysSo: Covered stops at the first false from yield.
func TestCoverIndexStopsWhenYieldSaysSo(t *testing.T) {
	x := NewCoverIndex([]string{"a1", "a2", "a3", "b"})
	calls := 0
	x.Covered("a*", func(int) bool { calls++; return false })
	if calls != 1 {
		t.Fatalf("yield called %d times after returning false, want 1", calls)
	}
}

// TestCoverIndexWork: on lists shaped like a cross product of repositories and branch
// patterns, and like thousands of branch patterns sharing their literal prefix, a query
// runs Covers on a handful of candidates, not on the whole list.
func TestCoverIndexWork(t *testing.T) {
	shapes := map[string][]string{}
	var cross, shared, middle []string
	for r := range 70 {
		for b := range 70 {
			cross = append(cross, fmt.Sprintf("repo:acme/r%d:ref:refs/heads/f%d/*", r, b))
		}
	}
	for i := range 4000 {
		shared = append(shared, fmt.Sprintf("repo:acme/app:ref:refs/heads/*a%d", i))
		middle = append(middle, fmt.Sprintf("repo:acme/app:ref:refs/heads/f*%05d*z", i))
	}
	shapes["cross"], shapes["shared-prefix"], shapes["shared-prefix-and-suffix"] = cross, shared, middle
	for name, ps := range shapes {
		x := NewCoverIndex(ps)
		before := CoverChecks()
		for _, g := range ps {
			x.Covered(g, func(int) bool { return true })
		}
		if checks := CoverChecks() - before; checks > uint64(4*len(ps)) {
			t.Errorf("%s: %d patterns took %d containment checks, want at most %d", name, len(ps), checks, 4*len(ps))
		}
	}
}
