package trust

import "testing"

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
