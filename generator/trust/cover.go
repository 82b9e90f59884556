package trust

import (
	"index/suffixarray"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Matches reports whether value matches the IAM StringLike pattern: "*" matches any run of
// characters (empty too, crossing "/" and ":"), "?" exactly one, everything else itself,
// case-sensitively.
func Matches(pattern, value string) bool { return globMatch(pattern, value) }

// Example returns a value the IAM StringLike pattern matches: every "*" becomes "x" and
// every "?" becomes "y". It makes concrete tokens from patterns for the checks that
// evaluate trust policies (lint, diff, the OpenTofu verification).
func Example(pattern string) string {
	return exampleReplacer.Replace(pattern)
}

var exampleReplacer = strings.NewReplacer("*", "x", "?", "y")

// coverChecks counts the evaluations of Covers; see CoverChecks.
var coverChecks atomic.Uint64

// CoverChecks returns how many times Covers has compared two patterns since the process
// started. It exists for tests and benchmarks that bound the work a lint does (a regression
// to comparing every pair shows up as a count, without a clock); take the difference of
// two calls around the work, with nothing else running.
func CoverChecks() uint64 { return coverChecks.Load() }

// Covers reports whether every string matched by the StringLike pattern specific is also
// matched by general: whether general makes specific redundant in an OR list. A "*" of
// general absorbs any run of specific's characters and wildcards; a "?" absorbs one
// character or "?"; a literal character matches only itself. The answer is exact for
// patterns whose wildcards do not overlap in ambiguous ways, and never wrongly true.
//
// It takes time proportional to the product of the lengths and, for ASCII patterns,
// allocates only a row of the length of specific.
func Covers(general, specific string) bool {
	coverChecks.Add(1)
	if isASCII(general) && isASCII(specific) {
		return covers([]byte(general), []byte(specific))
	}
	return covers([]rune(general), []rune(specific))
}

// covers evaluates, bottom-up, the recurrence
//
//	c(i, j) = j == len(s)                       when i == len(g)
//	        = c(i+1, j) || (j < len(s) && c(i, j+1))  when g[i] == '*'
//	        = false                             when j == len(s)
//	        = s[j] != '*' && c(i+1, j+1)        when g[i] == '?'
//	        = s[j] == g[i] && c(i+1, j+1)       otherwise
//
// and returns c(0, 0). next holds row i+1 while cur fills row i, right to left.
func covers[T byte | rune](g, s []T) bool {
	next := make([]bool, 2*(len(s)+1))
	next, cur := next[:len(s)+1], next[len(s)+1:]
	next[len(s)] = true // row len(g): only the end of s
	for i := len(g) - 1; i >= 0; i-- {
		cur[len(s)] = g[i] == '*' && next[len(s)]
		for j := len(s) - 1; j >= 0; j-- {
			switch g[i] {
			case '*':
				cur[j] = next[j] || cur[j+1]
			case '?':
				cur[j] = s[j] != '*' && next[j+1]
			default:
				cur[j] = s[j] == g[i] && next[j+1]
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// CoverIndex finds, among a fixed list of patterns, the ones that a general pattern covers
// (in the sense of Covers) without comparing it with every pattern of the list. Covers can
// only hold when the specific pattern starts with the general one's literal prefix (the
// characters before its first wildcard), ends with its literal suffix (after its last
// wildcard) and contains each of its literal segments; a general pattern without a
// wildcard covers only itself. The index keeps the patterns sorted forwards and backwards,
// and builds a suffix array when neither end narrows a pattern down, so that each query
// runs Covers only on the smallest of those candidate sets.
type CoverIndex struct {
	patterns []string
	fwd      []int32  // pattern indexes, sorted by pattern
	rev      []int32  // pattern indexes, sorted by reversed pattern
	reversed []string // reversed[i] is patterns[i] backwards, byte by byte

	text   []byte // the patterns joined by "\x00", for the suffix array
	starts []int  // offset of each pattern in text
	sa     *suffixarray.Index
}

// NewCoverIndex indexes patterns. Queries report patterns by their index in this slice,
// which the index keeps and does not modify.
func NewCoverIndex(patterns []string) *CoverIndex {
	x := &CoverIndex{patterns: patterns, reversed: make([]string, len(patterns))}
	x.fwd = make([]int32, len(patterns))
	x.rev = make([]int32, len(patterns))
	for i, p := range patterns {
		x.fwd[i], x.rev[i] = int32(i), int32(i)
		x.reversed[i] = reverseBytes(p)
	}
	slices.SortFunc(x.fwd, func(a, b int32) int { return strings.Compare(patterns[a], patterns[b]) })
	slices.SortFunc(x.rev, func(a, b int32) int { return strings.Compare(x.reversed[a], x.reversed[b]) })
	return x
}

func reverseBytes(s string) string {
	b := make([]byte, len(s))
	for i := range len(s) {
		b[len(s)-1-i] = s[i]
	}
	return string(b)
}

// span returns the half-open range of order (sorted by key) whose keys start with prefix.
func span(order []int32, key func(int32) string, prefix string) (lo, hi int) {
	lo, _ = slices.BinarySearchFunc(order, prefix, func(i int32, p string) int { return strings.Compare(key(i), p) })
	hi = lo + sortSearch(len(order)-lo, func(k int) bool { return !strings.HasPrefix(key(order[lo+k]), prefix) })
	return lo, hi
}

// sortSearch is sort.Search: the least k in [0, n) for which f is true, or n.
func sortSearch(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// suffixArrayThreshold is the candidate count above which a query consults the suffix
// array for the general pattern's longest inner literal segment.
const suffixArrayThreshold = 64

// Covered calls yield with the index of every pattern other than general itself (as a
// string) that general covers, in no particular order, until yield returns false. It runs
// Covers only on patterns that pass the necessary conditions above.
func (x *CoverIndex) Covered(general string, yield func(i int) bool) {
	first := strings.IndexAny(general, "*?")
	if first < 0 {
		return // a literal covers only itself
	}
	last := strings.LastIndexAny(general, "*?")
	prefix, suffix := general[:first], general[last+1:]
	minLen := len(general) - strings.Count(general, "*") // in bytes: each non-* rune needs one
	exact := !strings.Contains(general, "*")
	plo, phi := span(x.fwd, func(i int32) string { return x.patterns[i] }, prefix)
	slo, shi := span(x.rev, func(i int32) string { return x.reversed[i] }, reverseBytes(suffix))
	try := func(i int) bool {
		p := x.patterns[i]
		switch {
		case p == general || len(p) < minLen || exact && utf8.RuneCountInString(p) != utf8.RuneCountInString(general):
			return true
		case !strings.HasPrefix(p, prefix) || !strings.HasSuffix(p, suffix):
			return true
		case !Covers(general, p):
			return true
		}
		return yield(i)
	}
	n := min(phi-plo, shi-slo)
	if n > suffixArrayThreshold {
		if seg := longestSegment(general[first : last+1]); seg != "" {
			if hits := x.containing(seg, n); hits != nil {
				for _, i := range hits {
					if !try(i) {
						return
					}
				}
				return
			}
		}
	}
	if phi-plo <= shi-slo {
		for _, i := range x.fwd[plo:phi] {
			if !try(int(i)) {
				return
			}
		}
		return
	}
	for _, i := range x.rev[slo:shi] {
		if !try(int(i)) {
			return
		}
	}
}

// longestSegment returns the longest run of characters without a wildcard in s.
func longestSegment(s string) string {
	best := ""
	for seg := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '*' || r == '?' }) {
		if len(seg) > len(best) {
			best = seg
		}
	}
	return best
}

// containing returns the distinct indexes of the patterns that contain seg, or nil when
// more than limit occurrences exist (the caller then has a smaller candidate set).
func (x *CoverIndex) containing(seg string, limit int) []int {
	if x.sa == nil {
		x.starts = make([]int, len(x.patterns))
		for i, p := range x.patterns {
			x.starts[i] = len(x.text)
			x.text = append(x.text, p...)
			x.text = append(x.text, 0)
		}
		x.sa = suffixarray.New(x.text)
	}
	offsets := x.sa.Lookup([]byte(seg), limit+1)
	if len(offsets) > limit {
		return nil
	}
	hits := make([]int, 0, len(offsets))
	for _, o := range offsets {
		i, found := slices.BinarySearch(x.starts, o)
		if !found {
			i--
		}
		hits = append(hits, i)
	}
	slices.Sort(hits)
	return slices.Compact(hits)
}
