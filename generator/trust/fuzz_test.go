package trust

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// globReference returns a regular expression equivalent to an IAM StringLike pattern,
// built independently of globMatch: every character is quoted except "*" (any run, ".*")
// and "?" (one character, "."); the expression is anchored at both ends, and (?s) lets "."
// match a newline too.
func globReference(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

// FuzzGlobMatch compares globMatch with globReference on arbitrary pattern/value pairs.
// Pairs that are not valid UTF-8 are only checked not to panic: IAM policies and tokens
// are JSON, so always UTF-8, and the two sides would read invalid bytes differently
// (globMatch as one U+FFFD each, the regexp compiler not at all).
//
// Run it with go test ./generator/trust -run '^$' -fuzz FuzzGlobMatch -fuzztime 10m.
func FuzzGlobMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"", ""}, {"*", ""}, {"?", "é"}, {"a*b*c", "a-b-b-c"}, {"a*b*c", "a-b-b-"}, {"*?", ""},
		{"repo:o/*", "repo:o/r:ref:refs/heads/x/y"}, {"repo:o*", "repo:o-evil/r"},
		{"[ab]", "a"}, {"x.*", "xyz"}, {"${local.*}", "${local.provider}"}, {"**a*?", "ba\nc"},
		{"repo:acme/*:ref:refs/tags/v*", "repo:acme/app:ref:refs/tags/v1.2"},
		{"a\\*", "a\\bc"}, {"(a|b)+", "(a|b)+"}, {"*\u00e9?", "xx\u00e9\U0001F600"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, value string) {
		got := globMatch(pattern, value)
		if !utf8.ValidString(pattern) || !utf8.ValidString(value) {
			return
		}
		if want := globReference(pattern).MatchString(value); got != want {
			t.Fatalf("globMatch(%q, %q) = %v, the reference says %v", pattern, value, got, want)
		}
	})
}
