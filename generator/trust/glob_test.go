package trust

import "testing"

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, value string
		want           bool
	}{
		{"", "", true},
		{"", "a", false},
		{"abc", "abc", true},
		{"abc", "abd", false},
		{"abc", "ABC", false}, // case-sensitive
		{"*", "", true},       // * matches the empty run
		{"*", "anything/at:all", true},
		{"a*", "a", true},
		{"repo:o/*", "repo:o/r:ref:refs/heads/x/y", true}, // * crosses / and :
		{"repo:o/*", "repo:other/r", false},
		{"repo:o*", "repo:o-evil/r", true}, // prefix trap
		{"?", "", false},                   // ? is exactly one character
		{"?", "ab", false},
		{"ma?n", "main", true},
		{"ma?n", "man", false},
		{"?", "é", true}, // one code point, two bytes
		{"a*b*c", "a-b-b-c", true},
		{"a*b*c", "a-b-b-", false},
		{"*a", "*a", true},
		{"*", "*abc", true},
		{"[ab]", "a", false}, // no character classes
		{"[ab]", "[ab]", true},
		{"x.*", "xyz", false}, // no regular expressions
		{"${local.x}", "${local.x}", true},
		{"${local.*}", "${local.provider}", true},
		{"**", "", true},
		{"*?", "", false},
	}
	for _, tc := range tests {
		if got := globMatch(tc.pattern, tc.value); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.pattern, tc.value, got, tc.want)
		}
	}
}

func TestGlobMatchFold(t *testing.T) {
	if !globMatchFold("STS:AssumeRole*", "sts:assumerolewithwebidentity") {
		t.Error("action match must ignore case")
	}
	if globMatchFold("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity") {
		t.Error("action without wildcard must match exactly")
	}
}

func TestArnMatch(t *testing.T) {
	tests := []struct {
		pattern, value string
		want           bool
	}{
		{"arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com",
			"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", true},
		{"arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:role/a/b", true},
		{"arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:user/a", false},
		// From the IAM User Guide's ARN operator example: * stays within one component.
		{"arn:aws:someservice:*:111122223333:finance/*",
			"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false},
		{"arn:aws:s3:::bucket", "arn:aws:s3:::bucket", true},
		{"arn:aws:s3:::bucket", "arn:aws:s3:::Bucket", false},
		{"arn:*", "arn:aws:s3:::bucket", false}, // pattern is not a six-part ARN
		{"arn:aws:s3:::*", "not-an-arn", false},
	}
	for _, tc := range tests {
		if got := arnMatch(tc.pattern, tc.value); got != tc.want {
			t.Errorf("arnMatch(%q, %q) = %v, want %v", tc.pattern, tc.value, got, tc.want)
		}
	}
}
