package aws

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestHandWrittenMatchersAgreeWithTheirExpressions: isTagText and pep503 say what the
// regular expressions they replace say, on every code point of the Basic Multilingual
// Plane and on runs of separators.
func TestHandWrittenMatchersAgreeWithTheirExpressions(t *testing.T) {
	tag := regexp.MustCompile(TagText.String())
	for r := rune(0); r <= 0xFFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := "a" + string(r) + "1"
		if got, want := TagText.MatchString(s), tag.MatchString(s); got != want {
			t.Fatalf("TagText.MatchString(%q) = %v, the expression says %v", s, got, want)
		}
	}
	re := regexp.MustCompile(`[-_.]+`)
	for _, s := range []string{"", "a", "A.b", "a--b__c..d", "-._x_.-", "Ü_ber.Paket", "a.-_b"} {
		s = strings.ToLower(s)
		if got, want := pep503(s), re.ReplaceAllString(s, "-"); got != want {
			t.Errorf("pep503(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestPatternsCompile: every lazily compiled pattern compiles.
func TestPatternsCompile(t *testing.T) {
	for _, p := range []*Pattern{DomainName, RepositoryName, PackageName, AccountID, IAMName, Region, KMSKeyARN,
		RoleDescription, TagText, GitHubOwner, GitHubRepository, Thumbprint, GitHubID, EnterpriseSlug, Hostname, ClaimName} {
		p.compiled()
	}
}
