package diag

import (
	"regexp"
	"testing"
)

// TestIsCode checks IsCode against the expression it stands for, ^[A-Z]+[0-9]{3}$, on
// codes, near misses and every string of up to three characters from a small alphabet.
func TestIsCode(t *testing.T) {
	re := regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)
	cases := []string{"TRUST001", "A000", "SPEC013", "", "001", "TRUST01", "TRUST0001", "trust001",
		"TRUST00a", "TR UST001", "TRUST-001", "ÄB001", "SAFE005\n"}
	alphabet := []string{"", "A", "Z", "a", "0", "9", "-", "é"}
	for _, a := range alphabet {
		for _, b := range alphabet {
			for _, c := range alphabet {
				cases = append(cases, a+b+c, "X"+a+b+c, a+b+c+"1")
			}
		}
	}
	for _, s := range cases {
		if got, want := IsCode(s), re.MatchString(s); got != want {
			t.Errorf("IsCode(%q) = %v, the expression says %v", s, got, want)
		}
	}
}
