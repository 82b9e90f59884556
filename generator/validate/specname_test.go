package validate

import (
	"regexp"
	"strings"
	"testing"
)

// TestSpecNameMatcherAgreesWithItsExpression: specName's hand-written matcher says what
// its expression says on every string of up to two bytes over a representative alphabet
// and on names of every length up to 102 ending in each kind of character.
func TestSpecNameMatcherAgreesWithItsExpression(t *testing.T) {
	re := regexp.MustCompile(specName.String())
	alphabet := []string{"a", "Z", "0", "-", ".", "_", "#", "é", "\n"}
	cases := []string{""}
	for _, a := range alphabet {
		cases = append(cases, a)
		for _, b := range alphabet {
			cases = append(cases, a+b, a+"x"+b)
		}
	}
	for n := 1; n <= 102; n++ {
		for _, last := range alphabet {
			cases = append(cases, strings.Repeat("a", n)+last, "-"+strings.Repeat("a", n)+last, strings.Repeat("a.", n)[:n]+last)
		}
	}
	for _, s := range cases {
		if got, want := specName.MatchString(s), re.MatchString(s); got != want {
			t.Errorf("specName.MatchString(%q) = %v, the expression says %v", s, got, want)
		}
	}
}
