package trust

import "strings"

// Rule is one trust rule of a role in the terms of GitHub's token subject: which
// repositories of the owner, and in which contexts. The contexts of one rule are
// alternatives.
type Rule struct {
	// Repositories are repository names of the owner or patterns; "*" is every repository.
	Repositories []string
	// AnyContext admits every branch, tag, pull request and environment.
	AnyContext   bool
	Branches     []string
	Tags         []string
	Environments []string
	PullRequests bool
}

// Subjects returns the sub claim patterns that admit exactly the rule's repositories and
// contexts, in GitHub's default subject format
// (github/docs content/actions/reference/security/oidc.md):
//
//	repo:OWNER/REPO:ref:refs/heads/BRANCH
//	repo:OWNER/REPO:ref:refs/tags/TAG
//	repo:OWNER/REPO:environment:NAME   (a ":" in NAME is sent as "%3A")
//	repo:OWNER/REPO:pull_request
//	repo:OWNER/REPO:*                  (any context)
//
// Patterns keep the rule's own "*" and "?" wildcards; the order is repositories, then
// contexts, each in the rule's order.
func Subjects(owner string, r Rule) []string {
	var contexts []string
	if r.AnyContext {
		contexts = append(contexts, "*")
	}
	for _, b := range r.Branches {
		contexts = append(contexts, "ref:refs/heads/"+b)
	}
	for _, t := range r.Tags {
		contexts = append(contexts, "ref:refs/tags/"+t)
	}
	for _, e := range r.Environments {
		contexts = append(contexts, "environment:"+EncodeEnvironment(e))
	}
	if r.PullRequests {
		contexts = append(contexts, "pull_request")
	}
	var subjects []string
	for _, repo := range r.Repositories {
		for _, c := range contexts {
			subjects = append(subjects, "repo:"+owner+"/"+repo+":"+c)
		}
	}
	return subjects
}

// EncodeEnvironment writes an environment name as GitHub puts it in the subject: a ":" in a
// claim value is encoded as "%3A".
func EncodeEnvironment(name string) string {
	return strings.ReplaceAll(name, ":", "%3A")
}

// HasWildcard reports whether an IAM string pattern holds "*" or "?", and so needs
// StringLike to mean what it says.
func HasWildcard(pattern string) bool {
	return strings.ContainsAny(pattern, "*?")
}
