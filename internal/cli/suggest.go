package cli

import (
	"strings"
)

// didYouMean returns "Did you mean PREFIXname?" for the candidates closest to word: an
// edit distance of at most 2 (or a third of the word's length, when longer), or word being
// a prefix of the candidate. It returns "" when nothing is close.
func didYouMean(word string, candidates []string, prefix string) string {
	limit := max(2, len(word)/3)
	best, bestDist := []string(nil), limit+1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		if len(word) >= 2 && strings.HasPrefix(c, word) && d > 1 {
			d = 1 // a prefix of a longer name counts as close
		}
		switch {
		case d < bestDist:
			best, bestDist = []string{c}, d
		case d == bestDist:
			best = append(best, c)
		}
	}
	if len(best) == 0 {
		return ""
	}
	for i := range best {
		best[i] = prefix + best[i]
	}
	return "Did you mean " + strings.Join(best, " or ") + "?"
}

// editDistance is the Levenshtein distance between a and b, in bytes (names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
