package oidc

import (
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/trust"
)

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
	// ClaimValues are the values of a custom template's claims other than repo and context,
	// for example "job_workflow_ref".
	ClaimValues map[string]string
}

// SubjectForm says which form of the repo claim trust policies admit.
type SubjectForm int

const (
	// NameForm is repo:OWNER/REPO:..., what every repository sent before 2026-07-15.
	NameForm SubjectForm = iota
	// IDForm is repo:OWNER@OWNER_ID/REPO@REPO_ID:..., the immutable subject GitHub sends
	// for repositories created, renamed or transferred after 2026-07-15, and for owners that
	// opt in (GitHub changelog, 2026-07-15).
	IDForm
	// BothForms admits either form: the migration from names to IDs.
	BothForms
)

// Owner is the GitHub owner whose repositories a role trusts, with the numeric IDs that
// immutable subjects carry.
type Owner struct {
	Name string
	ID   string
	// RepositoryIDs maps repository names to their numeric IDs.
	RepositoryIDs map[string]string
}

// DefaultTemplate is GitHub's default subject template: the repo claim, then the context.
var DefaultTemplate = []string{"repo", "context"}

// Subjects returns the sub claim patterns that admit exactly the rule's repositories and
// contexts, built the way GitHub builds the subject (github/docs
// content/actions/reference/security/oidc.md). With the default template:
//
//	repo:OWNER/REPO:ref:refs/heads/BRANCH
//	repo:OWNER/REPO:ref:refs/tags/TAG
//	repo:OWNER/REPO:environment:NAME   (a ":" in a value is sent as "%3A")
//	repo:OWNER/REPO:pull_request
//	repo:OWNER/REPO:*                  (any context)
//
// A custom template (include_claim_keys) lists claims in order; each is written as
// "claim:value", except context, which is one of the forms above without "repo:". IDForm
// writes OWNER@OWNER_ID/REPO@REPO_ID; a named repository without a known ID gets no ID
// subject (validation reports it). Patterns keep the rule's "*" and "?" wildcards; the
// order is repositories, then forms, then contexts, each in the rule's order.
func Subjects(o Owner, form SubjectForm, template []string, r Rule) []string {
	if len(template) == 0 {
		template = DefaultTemplate
	}
	var subjects []string
	for _, repo := range r.Repositories {
		for _, repoClaim := range repoClaims(o, form, repo) {
			for _, context := range contexts(r) {
				subjects = append(subjects, subject(template, repoClaim, context, r.ClaimValues))
			}
		}
	}
	return subjects
}

// repoClaims returns the values of the repo claim a repository (or pattern) may send.
func repoClaims(o Owner, form SubjectForm, repo string) []string {
	var claims []string
	if form != IDForm {
		claims = append(claims, o.Name+"/"+repo)
	}
	if form != NameForm && o.ID != "" {
		switch id, known := o.RepositoryIDs[repo]; {
		case known:
			claims = append(claims, o.Name+"@"+o.ID+"/"+repo+"@"+id)
		case trust.HasWildcard(repo):
			// A pattern covers the "@ID" suffix of every repository it matches.
			claims = append(claims, o.Name+"@"+o.ID+"/"+repo)
		}
	}
	return claims
}

// contexts returns the context part of the subject for each alternative of the rule.
func contexts(r Rule) []string {
	var cs []string
	if r.AnyContext {
		cs = append(cs, "*")
	}
	for _, b := range r.Branches {
		cs = append(cs, "ref:refs/heads/"+b)
	}
	for _, t := range r.Tags {
		cs = append(cs, "ref:refs/tags/"+t)
	}
	for _, e := range r.Environments {
		cs = append(cs, "environment:"+EncodeClaimValue(e))
	}
	if r.PullRequests {
		cs = append(cs, "pull_request")
	}
	return cs
}

func subject(template []string, repoClaim, context string, values map[string]string) string {
	parts := make([]string, 0, len(template))
	for _, claim := range template {
		switch claim {
		case "repo":
			parts = append(parts, "repo:"+repoClaim)
		case "context":
			parts = append(parts, context)
		default:
			parts = append(parts, claim+":"+EncodeClaimValue(values[claim]))
		}
	}
	return strings.Join(parts, ":")
}

// EncodeClaimValue writes a claim value as GitHub puts it into the subject: a ":" is sent
// as "%3A", so that ":" only ever separates the parts.
func EncodeClaimValue(v string) string {
	return strings.ReplaceAll(v, ":", "%3A")
}
