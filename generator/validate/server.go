package validate

import (
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// requireOnServer refuses a require: claim of a rule when the spec trusts GitHub Enterprise
// Server (github.server_host). AWS's service authorization reference lists GitHub claim
// condition keys for sts:AssumeRoleWithWebIdentity under three issuers only:
// token.actions.githubusercontent.com, token.actions.githubusercontent.com/${SubPath} and
// token.actions.${Domain}.ghe.com (the iam-data excerpt in testdata/thirdparty/iam-data/,
// which TestSTSGitHubClaimsMatchAWS checks, and which fails once AWS lists keys under
// HOST/_services/token). A condition on HOST/_services/token:CLAIM therefore names a key the
// request context never holds, and StringEquals or StringLike on a missing key is false: the
// rule's statement admits no token, so the role is silently unusable through it. It fails
// closed (no access is widened), but nothing works and the policy looks as if it did, so
// this is an error, not a warning.
func (c *checker) requireOnServer(claim spec.String) {
	c.errorf("VALID062", claim.Pos,
		"AWS STS lists GitHub claim condition keys for github.com, Enterprise Cloud's enterprise issuer and GHE.com only, not for a GitHub Enterprise Server issuer (https://"+c.gh.ServerHost.Value+"/_services/token). "+
			"A condition on a key the token request does not carry never matches, so this rule would admit no workflow at all. "+
			"Remove require: and narrow the rule with its contexts (branches, tags, environments) instead, which GitHub puts in the subject.",
		"require %s can never match a GitHub Enterprise Server token", claim.Value)
}
