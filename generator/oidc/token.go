package oidc

import (
	"fmt"
	"maps"
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Token is a GitHub Actions OIDC token as far as a trust policy can see it.
type Token struct {
	// Claims maps claim names (sub, aud, ref, environment, ...) to values.
	Claims map[string]string
}

// Job describes a workflow job, from which BuildToken derives the claims GitHub would put
// into its token.
type Job struct {
	Owner, Repository string
	// OwnerID and RepositoryID, when both are set, make the subject immutable:
	// repo:OWNER@OWNER_ID/REPO@REPO_ID:...
	OwnerID, RepositoryID string
	// Ref is the full ref the job runs on (refs/heads/main, refs/tags/v1.0.0).
	Ref string
	// Environment is the environment the job declares, or "".
	Environment string
	// Event is the triggering event; "pull_request" changes the subject.
	Event string
	// Extra are further claims (job_workflow_ref, actor, ...), also used by custom templates.
	Extra map[string]string
}

// BuildToken returns the claims GitHub sends for the job, with the subject built by the
// template (DefaultTemplate when nil) and the given audience. The subject's context follows
// GitHub's precedence: an environment wins over the pull_request event, which wins over
// the ref (github/docs, OIDC reference).
func BuildToken(j Job, template []string, audience string) (Token, error) {
	if j.Owner == "" || j.Repository == "" {
		return Token{}, fmt.Errorf("the job needs an owner and a repository (OWNER/NAME)")
	}
	var context string
	switch {
	case j.Environment != "":
		context = "environment:" + EncodeClaimValue(j.Environment)
	case j.Event == "pull_request":
		context = "pull_request"
	case j.Ref != "":
		context = "ref:" + j.Ref
	default:
		return Token{}, fmt.Errorf("the job needs a ref, an environment or the pull_request event")
	}
	repo := j.Owner + "/" + j.Repository
	if j.OwnerID != "" && j.RepositoryID != "" {
		repo = j.Owner + "@" + j.OwnerID + "/" + j.Repository + "@" + j.RepositoryID
	}
	if len(template) == 0 {
		template = DefaultTemplate
	}
	claims := map[string]string{}
	maps.Copy(claims, j.Extra)
	for _, claim := range template {
		if _, ok := claims[claim]; !ok && claim != "repo" && claim != "context" {
			return Token{}, fmt.Errorf("the subject template includes %s; give its value with --claim %s=VALUE", claim, claim)
		}
	}
	claims["sub"] = subject(template, repo, context, claims)
	claims["aud"] = audience
	claims["repository"] = j.Owner + "/" + j.Repository
	claims["repository_owner"] = j.Owner
	if j.RepositoryID != "" {
		claims["repository_id"] = j.RepositoryID
	}
	if j.Ref != "" {
		claims["ref"] = j.Ref
	}
	if j.Environment != "" {
		claims["environment"] = j.Environment
	}
	if j.Event != "" {
		claims["event_name"] = j.Event
	}
	return Token{Claims: claims}, nil
}

// Request returns the AssumeRoleWithWebIdentity request the token makes through the OIDC
// provider whose ARN (or ARN placeholder) is providerARN: every claim becomes the condition
// key ISSUER:claim.
func (t Token) Request(issuer Issuer, providerARN string) trust.Request {
	ctx := map[string][]string{}
	for _, k := range slices.Sorted(maps.Keys(t.Claims)) {
		ctx[issuer.ClaimKey(k)] = []string{t.Claims[k]}
	}
	return trust.Request{
		Action:    "sts:AssumeRoleWithWebIdentity",
		Principal: map[string]string{"Federated": providerARN},
		Context:   ctx,
	}
}
