package aws

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// matcherCases returns every string of up to three bytes over an alphabet with one byte of
// each class the name patterns tell apart (and a non-ASCII letter, a newline), and strings
// of every length up to 105 made of runs of those bytes, random and deliberate, so that
// each length bound is met from both sides.
func matcherCases() []string {
	alphabet := []string{"a", "z", "A", "Z", "0", "9", "-", ".", "_", "#", "é", "\n", " "}
	cases := []string{""}
	level := []string{""}
	for n := 0; n < 3; n++ {
		var next []string
		for _, p := range level {
			for _, c := range alphabet {
				next = append(next, p+c)
			}
		}
		cases = append(cases, next...)
		level = next
	}
	r := rand.New(rand.NewSource(1))
	for n := 1; n <= 105; n++ {
		for _, fill := range []string{"a", "A", "0", "a-", "-a", "._-"} {
			s := strings.Repeat(fill, n)[:n]
			cases = append(cases, s, "a"+s[1:], s[:n-1]+"a", "a"+s[1:min(n, max(n-1, 1))]+"0")
		}
		for k := 0; k < 20; k++ {
			var b strings.Builder
			for b.Len() < n {
				b.WriteString(alphabet[r.Intn(7)]) // mostly name characters
			}
			cases = append(cases, b.String())
		}
	}
	return cases
}

// TestNameMatchersAgreeWithTheirExpressions: every pattern with a hand-written matcher
// says what its regular expression says.
func TestNameMatchersAgreeWithTheirExpressions(t *testing.T) {
	for _, p := range []*Pattern{DomainName, RepositoryName, GitHubOwner, GitHubRepository} {
		if p.match == nil {
			t.Fatalf("%s has no hand-written matcher", p)
		}
		re := regexp.MustCompile(p.String())
		for _, s := range matcherCases() {
			if got, want := p.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("%s: MatchString(%q) = %v, the expression says %v", p, s, got, want)
			}
		}
	}
}
