package cli

import "testing"

func TestDidYouMean(t *testing.T) {
	cmds := commandNames()
	tests := []struct {
		word string
		want string
	}{
		{"gne", "Did you mean gen?"},
		{"valdiate", "Did you mean validate?"},
		{"chek", "Did you mean check?"},
		{"sim", "Did you mean simulate?"}, // a prefix
		{"frobnicate", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := didYouMean(tt.word, cmds, ""); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := didYouMean("fromat", []string{"format", "out", "spec"}, "--"); got != "Did you mean --format?" {
		t.Errorf("flags: %q", got)
	}
}
