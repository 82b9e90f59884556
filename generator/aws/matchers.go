package aws

// Hand-written matchers for the name patterns that every gen checks. Their expressions
// use bounded repetition ({0,98}, {1,99}, ...), which regexp compiles into one copy of the
// class per repetition: compiling them was a tenth of the CPU of gen on the example spec.
// Each matcher says exactly what its expression says (TestNameMatchersAgreeWithTheirExpressions
// compares them on every short string over a representative alphabet and at the length
// bounds); the expression stays the documentation and the fallback for FindStringSubmatch.

// NewMatcher returns a Pattern for expr that matches with match, a hand-written
// equivalent of expr, instead of compiling expr.
func NewMatcher(expr string, match func(string) bool) *Pattern {
	return &Pattern{expr: expr, match: match}
}

// Byte classes of the name patterns, ASCII only: a byte outside ASCII is in none of them,
// as a non-ASCII character is in none of the expressions' classes.
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// IsAlnum reports whether c is in [A-Za-z0-9].
func IsAlnum(c byte) bool    { return isLower(c) || isDigit(c) || 'A' <= c && c <= 'Z' }
func isLowerNum(c byte) bool { return isLower(c) || isDigit(c) }

// IsNameChar reports whether c is in [A-Za-z0-9._-], the characters of repository names.
func IsNameChar(c byte) bool { return IsAlnum(c) || c == '.' || c == '_' || c == '-' }

// Bounded is a matcher for ^F(?:M*L)?$ shapes: s has between minLen and maxLen bytes, its
// first byte is in first, its last (when there are two or more) in last, and the others
// in middle.
func Bounded(minLen, maxLen int, first, middle, last func(byte) bool) func(string) bool {
	return func(s string) bool {
		if len(s) < minLen || len(s) > maxLen || len(s) == 0 || !first(s[0]) {
			return false
		}
		for i := 1; i < len(s)-1; i++ {
			if !middle(s[i]) {
				return false
			}
		}
		return len(s) == 1 || last(s[len(s)-1])
	}
}

// isGitHubOwner is ^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$: an alphanumeric, then
// at most 38 units, each an alphanumeric or a hyphen followed by one.
func isGitHubOwner(s string) bool {
	if len(s) == 0 || !IsAlnum(s[0]) {
		return false
	}
	units := 0
	for i := 1; i < len(s); i++ {
		if s[i] == '-' {
			i++
			if i == len(s) {
				return false
			}
		}
		if !IsAlnum(s[i]) {
			return false
		}
		units++
	}
	return units <= 38
}
