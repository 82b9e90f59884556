package validate

import (
	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

func (c *checker) github(g *spec.GitHub) {
	if o := g.Owner; !aws.GitHubOwner.MatchString(o.Value) {
		c.errorf(o.Pos, "A GitHub owner (organisation or user) name is 1 to 39 letters, digits and single inner hyphens. Write it as GitHub spells it: IAM compares the token subject case-sensitively.",
			"invalid GitHub owner %q", o.Value)
	}
	switch p := g.OIDCProvider; p.Value {
	case "create", "existing":
	default:
		c.errorf(p.Pos, "Use create (this configuration creates the account's GitHub OIDC provider) or existing (the account has one; it is looked up by URL).",
			"oidc_provider must be create or existing, not %q", p.Value)
	}
	if len(g.Thumbprints) > 0 && g.OIDCProvider.Value == "existing" {
		c.errorf(g.Thumbprints[0].Pos, "Thumbprints belong to the provider; with oidc_provider: existing they are set wherever that provider is managed. Remove them.",
			"thumbprints are set, but the OIDC provider is not created here")
	}
	if n := len(g.Thumbprints); n > aws.ThumbprintsMax {
		c.errorf(g.Thumbprints[aws.ThumbprintsMax].Pos, "IAM accepts at most 5 thumbprints per OIDC provider. AWS does not use them for GitHub's issuer at all, so most specs need none.",
			"%d thumbprints, more than IAM's limit of 5", n)
	}
	c.unique(g.Thumbprints, "thumbprint", lower)
	for _, t := range g.Thumbprints {
		if !aws.Thumbprint.MatchString(t.Value) {
			c.errorf(t.Pos, "A thumbprint is the 40-character hexadecimal SHA-1 of a certificate. AWS ignores thumbprints for GitHub's issuer, so you can usually remove the list.",
				"invalid thumbprint %q", t.Value)
		}
	}
}
