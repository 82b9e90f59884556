package oidc

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// FuzzSubjects builds the sub claim patterns of a trust rule from fuzzed names and checks
// them against the subjects GitHub would send, written out here independently of
// Subjects:
//   - with literal names (no "*" or "?"), the patterns are exactly the subjects of the
//     rule's repository and contexts, so each subject is matched by its own pattern;
//   - no pattern of another owner matches any of those subjects, however wide its rule:
//     any repository pattern, any context, any subject form.
//
// Run it with go test ./generator/oidc -run '^$' -fuzz FuzzSubjects -fuzztime 10m.
func FuzzSubjects(f *testing.F) {
	f.Add("acme", "acme-evil", "app", "*", "main", "v1.0", "prod:eu", uint8(0), uint32(1), uint32(2))
	f.Add("acme", "acm", "app", "app*", "release/1.x", "v1.x", "production", uint8(1), uint32(7), uint32(7))
	f.Add("Acme", "acme", "a.b_c-d", "?", "feature/x", "1", "a b", uint8(2), uint32(0), uint32(99))
	f.Add("o", "o-o", "r", "r/../x", "m", "t", ":", uint8(2), uint32(5), uint32(5))
	f.Fuzz(func(t *testing.T, owner, other, repo, otherRepo, branch, tag, env string, form uint8, ownerID, repoID uint32) {
		if !aws.GitHubOwner.MatchString(owner) || !aws.GitHubOwner.MatchString(other) || owner == other ||
			!aws.GitHubRepository.MatchString(repo) || !literalRef(branch) || !literalRef(tag) ||
			env == "" || trust.HasWildcard(env) {
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
			if !slices.ContainsFunc(patterns, func(p string) bool { return trust.Matches(p, s) }) {
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
						if trust.Matches(p, s) {
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
