package trust

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ontopix/codeartifact-gen/generator/aws"
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

// FuzzSubjects builds the sub claim patterns of a trust rule from fuzzed names and checks
// them against the subjects GitHub would send, written out here independently of
// Subjects:
//   - with literal names (no "*" or "?"), the patterns are exactly the subjects of the
//     rule's repository and contexts, so each subject is matched by its own pattern;
//   - no pattern of another owner matches any of those subjects, however wide its rule:
//     any repository pattern, any context, any subject form.
//
// Run it with go test ./generator/trust -run '^$' -fuzz FuzzSubjects -fuzztime 10m.
func FuzzSubjects(f *testing.F) {
	f.Add("acme", "acme-evil", "app", "*", "main", "v1.0", "prod:eu", uint8(0), uint32(1), uint32(2))
	f.Add("acme", "acm", "app", "app*", "release/1.x", "v*x", "production", uint8(1), uint32(7), uint32(7))
	f.Add("Acme", "acme", "a.b_c-d", "?", "feature/x", "1", "a b", uint8(2), uint32(0), uint32(99))
	f.Add("o", "o-o", "r", "r/../x", "m", "t", ":", uint8(2), uint32(5), uint32(5))
	f.Fuzz(func(t *testing.T, owner, other, repo, otherRepo, branch, tag, env string, form uint8, ownerID, repoID uint32) {
		if !aws.GitHubOwner.MatchString(owner) || !aws.GitHubOwner.MatchString(other) || owner == other ||
			!aws.GitHubRepository.MatchString(repo) || !literalRef(branch) || !literalRef(tag) ||
			env == "" || HasWildcard(env) {
			return
		}
		o := Owner{Name: owner, ID: fmt.Sprint(ownerID), RepositoryIDs: map[string]string{repo: fmt.Sprint(repoID)}}
		sf := SubjectForm(form % 3)
		rule := Rule{Repositories: []string{repo}, Branches: []string{branch}, Tags: []string{tag}, Environments: []string{env}, PullRequests: true}
		patterns := Subjects(o, sf, nil, rule)

		var subjects []string
		var repoClaims []string
		if sf != IDForm {
			repoClaims = append(repoClaims, owner+"/"+repo)
		}
		if sf != NameForm {
			repoClaims = append(repoClaims, fmt.Sprintf("%s@%d/%s@%d", owner, ownerID, repo, repoID))
		}
		for _, rc := range repoClaims {
			for _, ctx := range []string{
				"ref:refs/heads/" + branch,
				"ref:refs/tags/" + tag,
				"environment:" + strings.ReplaceAll(env, ":", "%3A"),
				"pull_request",
			} {
				subjects = append(subjects, "repo:"+rc+":"+ctx)
			}
		}
		if !slices.Equal(slices.Sorted(slices.Values(patterns)), slices.Sorted(slices.Values(subjects))) {
			t.Fatalf("Subjects(%+v, %d, rule) = %q\nwant the subjects %q", o, sf, patterns, subjects)
		}
		for _, s := range subjects {
			if !slices.ContainsFunc(patterns, func(p string) bool { return globMatch(p, s) }) {
				t.Fatalf("no pattern of %q matches its own subject %q", patterns, s)
			}
		}

		o2 := Owner{Name: other, ID: fmt.Sprint(ownerID), RepositoryIDs: map[string]string{repo: fmt.Sprint(repoID)}}
		wide := []Rule{
			{Repositories: []string{"*"}, AnyContext: true},
			{Repositories: []string{otherRepo, repo, "*"}, Branches: []string{"*", branch}, Tags: []string{"*"}, Environments: []string{"*", env}, PullRequests: true},
		}
		for _, r := range wide {
			for _, f2 := range []SubjectForm{NameForm, IDForm, BothForms} {
				for _, p := range Subjects(o2, f2, nil, r) {
					for _, s := range subjects {
						if globMatch(p, s) {
							t.Fatalf("pattern %q of owner %q matches subject %q of owner %q", p, other, s, owner)
						}
					}
				}
			}
		}
	})
}

// literalRef reports whether s can be a whole git branch or tag name without IAM
// wildcards: not empty, and without ":" (which git forbids in ref names, and which
// separates the parts of a subject), "*" or "?".
func literalRef(s string) bool {
	return s != "" && !strings.ContainsAny(s, ":*?")
}
