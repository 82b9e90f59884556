package diag

import (
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"spec", "spec", 0},
		{"spek", "spec", 1}, {"gne", "gen", 2}, {"valdiate", "validate", 2}, {"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := EditDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestParseFormatAliases(t *testing.T) {
	for name, want := range map[string]Format{"text": Text, "json": JSON, "github": GitHub, "github-actions": GitHub} {
		if got, err := ParseFormat(name); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := ParseFormat("sarif"); err == nil {
		t.Error("ParseFormat accepted an unknown format")
	}
}

// TestEditDistanceWithinAgreesWithEditDistance compares the bounded distance with the full
// one on every pair of a set of short and long strings and every limit from -1 to 70.
func TestEditDistanceWithinAgreesWithEditDistance(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "version", "versoin", "repositories", "repositorys", "hand_written",
		"unknown_key_00001", "policies", "polices", "roles", "rolse", "expectations", "domain", "é", "ée",
		strings.Repeat("x", 63), strings.Repeat("x", 64), strings.Repeat("xy", 40), strings.Repeat("yx", 41)}
	for _, a := range words {
		for _, b := range words {
			want := EditDistance(a, b)
			for limit := -1; limit <= 70; limit++ {
				got, ok := EditDistanceWithin(a, b, limit)
				if ok != (want <= limit) || (ok && got != want) {
					t.Fatalf("EditDistanceWithin(%q, %q, %d) = %d, %v; EditDistance = %d", a, b, limit, got, ok, want)
				}
			}
		}
	}
}
