package trust

import "strings"

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

// Covers reports whether every string matched by the StringLike pattern specific is also
// matched by general: whether general makes specific redundant in an OR list. A "*" of
// general absorbs any run of specific's characters and wildcards; a "?" absorbs one
// character or "?"; a literal character matches only itself. The answer is exact for
// patterns whose wildcards do not overlap in ambiguous ways, and never wrongly true.
func Covers(general, specific string) bool {
	g, s := []rune(general), []rune(specific)
	// done[i][j] is set once covers(i, j) has been computed; memo holds the result.
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
