package cli

import (
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// didYouMean returns "Did you mean PREFIXname?" for the candidates closest to word: an
// edit distance of at most 2 (or a third of the word's length, when longer), or word being
// a prefix of the candidate. It returns "" when nothing is close.
func didYouMean(word string, candidates []string, prefix string) string {
	limit := max(2, len(word)/3)
	best, bestDist := []string(nil), limit+1
	for _, c := range candidates {
		d := diag.EditDistance(strings.ToLower(word), strings.ToLower(c))
		if len(word) >= 2 && strings.HasPrefix(c, word) && d > 1 {
			d = 1 // a prefix of a longer name counts as close
		}
		switch {
		case d > limit:
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
