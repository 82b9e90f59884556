package lint_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/lint"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// findings returns the summaries of the spec's findings of one lint, silenced ones too.
func findings(t *testing.T, src, id string) []string {
	t.Helper()
	l := generator.Load("t.yaml", []byte(src))
	var out []string
	for _, f := range l.Lint.Findings {
		if f.Rule.ID == id {
			out = append(out, f.Summary)
		}
	}
	return out
}

// TestShortPrefixWitness: the witness is a tag that is no version, that the pattern admits
// under IAM's StringLike rules (the project's evaluator), and patterns that require a dot
// or put the wildcard after a separator are not reported.
func TestShortPrefixWitness(t *testing.T) {
	for _, c := range []struct {
		pattern, witness string // "" when not reported
	}{
		{"v*", "vanity-test"},
		{"release/v*", "release/vanity-test"},
		{"v*-final", "vanity-test-final"},
		{"r*", "ranity-test"},
		{"v?*.?*.?*", ""},
		{"v*.*", ""},
		{"v1.*", ""},
		{"release/*", ""},
		{"*", ""},
		{"main*", ""}, // two letters: TRUST008's
		{"v?", ""},
		{"v1.0.0", ""},
	} {
		got, ok := lint.ShortPrefixWitness(c.pattern)
		if ok != (c.witness != "") || got != c.witness {
			t.Errorf("ShortPrefixWitness(%q) = %q, %v; want %q", c.pattern, got, ok, c.witness)
		}
		if ok && !trust.Matches(c.pattern, got) {
			t.Errorf("%q does not admit its witness %q", c.pattern, got)
		}
	}
}

// TestVersionPatternSuggestion checks the suggested pattern against IAM's StringLike
// semantics: it admits release tags and refuses the witness and tags without two dots.
func TestVersionPatternSuggestion(t *testing.T) {
	for _, p := range []string{"v*", "release/v*"} {
		s, ok := lint.VersionPattern(p)
		if !ok {
			t.Fatalf("no suggestion for %s", p)
		}
		prefix := strings.TrimSuffix(p, "*")
		for _, tag := range []string{"1.2.3", "1.2.3-rc.1", "10.20.30", "2026.11.29"} {
			if !trust.Matches(s, prefix+tag) {
				t.Errorf("%s refuses the release tag %s", s, prefix+tag)
			}
		}
		witness, _ := lint.ShortPrefixWitness(p)
		for _, tag := range []string{witness, prefix + "1", prefix + "1.2", prefix, prefix + "..", prefix + "1..2"} {
			if trust.Matches(s, tag) {
				t.Errorf("%s admits %s", s, tag)
			}
		}
		if _, reported := lint.ShortPrefixWitness(s); reported {
			t.Errorf("the suggestion %s trips the lint it fixes", s)
		}
	}
	if _, ok := lint.VersionPattern("v*-final"); ok {
		t.Error("a suggestion for a pattern with more after the wildcard")
	}
}

// TestLeak9VanityTag is leak 9 of issue 9: tags: ["v*"] on a publishing role admitted
// vanity-test with no warning.
func TestLeak9VanityTag(t *testing.T) {
	got := findings(t, specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v*\"]}")), "TRUST019")
	if len(got) != 1 || !strings.Contains(got[0], "vanity-test") || !strings.Contains(got[0], "v?*.?*.?*") {
		t.Fatalf("TRUST019 findings = %q, want one naming vanity-test and v?*.?*.?*", got)
	}
}

// examplesIn finds the parenthesised examples of a TRUST008 summary.
var examplesIn = regexp.MustCompile(`\(([^)]*)\)$`)

// TestLeak9QuestionMark is leak 9 of issue 9: TRUST008 said mai? admits mai-hotfix, but "?"
// is exactly one character. Every example it names must be admitted by the pattern.
func TestLeak9QuestionMark(t *testing.T) {
	for _, c := range []struct{ kind, pattern, prefix string }{
		{"branches", "mai?", "ref:refs/heads/"},
		{"branches", "main*", "ref:refs/heads/"},
		{"branches", "rel?ase-*", "ref:refs/heads/"},
		{"tags", "release??", "ref:refs/tags/"},
	} {
		got := findings(t, specWith("", "", role("Read", "", "      - {repositories: [app], "+c.kind+": [\""+c.pattern+"\"]}")), "TRUST008")
		if len(got) != 1 {
			t.Fatalf("%s: TRUST008 findings = %q, want one", c.pattern, got)
		}
		m := examplesIn.FindStringSubmatch(got[0])
		if m == nil {
			t.Fatalf("%s: no examples in %q", c.pattern, got[0])
		}
		for _, ex := range strings.Split(m[1], ", ") {
			if !trust.Matches(c.pattern, ex) {
				t.Errorf("%s: the finding %q names %s, which the pattern does not admit", c.pattern, got[0], ex)
			}
		}
	}
}

// TestLeak9AnyContextWithRequire is leak 9 of issue 9: TRUST004 said a rule admits "every
// branch, tag, pull request and environment" even when its require narrows it.
func TestLeak9AnyContextWithRequire(t *testing.T) {
	got := findings(t, specWith("", "", role("Read", "", "      - {repositories: [app], any_context: true, require: {ref: \"refs/tags/v1.*\"}}")), "TRUST004")
	if len(got) != 1 || strings.Contains(got[0], "every branch, tag, pull request and environment") || !strings.Contains(got[0], "require: ref refs/tags/v1.*") {
		t.Fatalf("TRUST004 findings = %q, want one that names the require and not every context", got)
	}
	// Without require the finding keeps its words.
	got = findings(t, specWith("", "", role("Read", "", "      - {repositories: [app], any_context: true}")), "TRUST004")
	if len(got) != 1 || !strings.Contains(got[0], "every branch, tag, pull request and environment") {
		t.Fatalf("TRUST004 findings = %q", got)
	}
	// A publishing rule whose required refs are tags admits no branch or pull request.
	src := specWith("", "", role("Publish", "", "      - {repositories: [app], any_context: true, require: {ref: \"refs/tags/v1.*\"}}"))
	for _, f := range findings(t, src, "TRUST006") {
		if strings.Contains(f, "every branch and pull request") {
			t.Errorf("TRUST006 claims branches and pull requests for a tag-only require: %s", f)
		}
	}
}
