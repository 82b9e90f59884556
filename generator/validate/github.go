package validate

import (
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

func (c *checker) github(g *spec.GitHub) {
	if o := g.Owner; !aws.GitHubOwner.MatchString(o.Value) {
		c.errorf("VALID023", o.Pos, "A GitHub owner (organisation or user) name is 1 to 39 letters, digits and single inner hyphens. Write it as GitHub spells it: IAM compares the token subject case-sensitively.",
			"invalid GitHub owner %q", o.Value)
	}
	switch p := g.OIDCProvider; p.Value {
	case "create", "existing":
	default:
		c.errorf("VALID024", p.Pos, "Use create (this configuration creates the account's GitHub OIDC provider) or existing (the account has one; it is looked up by URL).",
			"oidc_provider must be create or existing, not %q", p.Value)
	}
	if len(g.Thumbprints) > 0 && g.OIDCProvider.Value == "existing" {
		c.errorf("VALID025", g.Thumbprints[0].Pos, "Thumbprints belong to the provider; with oidc_provider: existing they are set wherever that provider is managed. Remove them.",
			"thumbprints are set, but the OIDC provider is not created here")
	}
	if n := len(g.Thumbprints); n > aws.ThumbprintsMax {
		c.errorf("VALID025", g.Thumbprints[aws.ThumbprintsMax].Pos, "IAM accepts at most 5 thumbprints per OIDC provider. AWS does not use them for GitHub's issuer at all, so most specs need none.",
			"%d thumbprints, more than IAM's limit of 5", n)
	}
	c.unique(g.Thumbprints, "thumbprint", lower)
	c.issuer(g)
	c.subjectForm(g)
	for _, t := range g.Thumbprints {
		if !aws.Thumbprint.MatchString(t.Value) {
			c.errorf("VALID025", t.Pos, "A thumbprint is the 40-character hexadecimal SHA-1 of a certificate. AWS ignores thumbprints for GitHub's issuer, so you can usually remove the list.",
				"invalid thumbprint %q", t.Value)
		}
	}
}

// issuer checks that at most one issuer is chosen and that its name is well formed.
func (c *checker) issuer(g *spec.GitHub) {
	var chosen []spec.String
	for _, s := range []spec.String{g.EnterpriseSlug, g.GHESubdomain, g.ServerHost} {
		if s.Set {
			chosen = append(chosen, s)
		}
	}
	if len(chosen) > 1 {
		c.errorf("VALID026", chosen[1].Pos, "enterprise_slug, ghe_subdomain and server_host each select a different token issuer; set one of them at most.", "more than one GitHub issuer is set")
	}
	if s := g.EnterpriseSlug; s.Set && !aws.EnterpriseSlug.MatchString(s.Value) {
		c.errorf("VALID026", s.Pos, "An enterprise slug is the lower-case name in https://github.com/enterprises/<slug>.", "invalid enterprise_slug %q", s.Value)
	}
	if s := g.GHESubdomain; s.Set && !aws.EnterpriseSlug.MatchString(s.Value) {
		c.errorf("VALID026", s.Pos, "Give the subdomain only: octocorp for octocorp.ghe.com.", "invalid ghe_subdomain %q", s.Value)
	}
	if s := g.ServerHost; s.Set && !aws.Hostname.MatchString(s.Value) {
		c.errorf("VALID026", s.Pos, "Give the host name of the GitHub Enterprise Server, without https:// or a path, for example github.example.com.", "invalid server_host %q", s.Value)
	}
}

// subjectForm checks the subjects setting and the IDs it needs.
func (c *checker) subjectForm(g *spec.GitHub) {
	if id := g.OwnerID; id.Set && !aws.GitHubID.MatchString(id.Value) {
		c.errorf("VALID027", id.Pos, "The owner ID is the numeric id of the organisation or user (GET /orgs/OWNER or /users/OWNER).", "invalid owner_id %q", id.Value)
	}
	c.unique(names(g.RepositoryIDs.Entries, func(e *spec.Entry) spec.String { return e.Key }), "repository in repository_ids", exact)
	for _, e := range g.RepositoryIDs.Entries {
		if !aws.GitHubRepository.MatchString(e.Key.Value) {
			c.errorf("VALID027", e.Key.Pos, "Keys of repository_ids are repository names of the owner.", "invalid repository name %q", e.Key.Value)
		}
		if !aws.GitHubID.MatchString(e.Value.Value) {
			c.errorf("VALID027", e.Value.Pos, "A repository ID is the numeric id GitHub's API returns for the repository (GET /repos/OWNER/REPO).", "invalid repository ID %q", e.Value.Value)
		}
	}
	switch s := g.Subjects; s.Value {
	case "", "name":
	case "id", "both":
		if !g.OwnerID.Set {
			c.errorf("VALID028", s.Pos, "Immutable subjects have the form repo:OWNER@OWNER_ID/REPO@REPO_ID:...; add owner_id.", "subjects: %s needs owner_id", s.Value)
		}
		if g.ServerHost.Set {
			c.errorf("VALID028", s.Pos, "GitHub Enterprise Server does not send immutable subjects; use subjects: name.", "subjects: %s is not available on GitHub Enterprise Server", s.Value)
		}
	default:
		c.errorf("VALID028", s.Pos, "Use name (repo:OWNER/REPO:...), id (repo:OWNER@OWNER_ID/REPO@REPO_ID:...) or both (during a migration).", "subjects must be name, id or both, not %q", s.Value)
	}
	c.unique(g.SubjectClaims, "claim in subject_claims", exact)
	if len(g.SubjectClaims) > 0 && !slices.ContainsFunc(g.SubjectClaims, func(s spec.String) bool { return s.Value == "repo" }) {
		c.errorf("VALID029", g.SubjectClaims[0].Pos, "codeartifact-gen pins the owner and repository in the subject, so the template must include repo (GitHub's include_claim_keys).", "subject_claims lacks repo")
	}
	for _, claim := range g.SubjectClaims {
		if !aws.ClaimName.MatchString(claim.Value) {
			c.errorf("VALID029", claim.Pos, "Claim names are lower-case words such as repo, context or job_workflow_ref.", "invalid claim name %q", claim.Value)
		}
	}
}
