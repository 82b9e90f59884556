package diag

import "testing"

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
