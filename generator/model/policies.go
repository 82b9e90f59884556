package model

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strconv"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// The Terraform locals every ARN is built from. They are defined in main.tf and
// github_oidc.tf from data sources, so that every policy is known at plan time and shows in
// full in `terraform plan`.
const (
	RefPartition       = "local.partition"
	RefRegion          = "local.region"
	RefAccountID       = "local.account_id"
	RefDomainOwner     = "local.domain_owner"
	RefCodeArtifactARN = "local.codeartifact_arn"
	RefOIDCProviderARN = "local.github_oidc_provider_arn"
)

// readRepositoryActions are the least-privilege actions to use a repository's endpoint
// and read its packages (Service Authorization Reference for CodeArtifact). NuGet
// publishing also needs ReadFromRepository (User Guide), which publish grants include by
// implying read.
var readRepositoryActions = []string{"codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"}

// arns builds the ARNs of one domain from the locals above.
type arns struct{ domain string }

func newARNs(d Domain) arns { return arns{domain: d.Name} }

func (a arns) prefix() policy.Part { return policy.Part{Ref: RefCodeArtifactARN} }

// Domain is arn:PARTITION:codeartifact:REGION:OWNER:domain/DOMAIN.
func (a arns) Domain() policy.Expr {
	return policy.Concat(a.prefix(), policy.Part{Text: ":domain/" + a.domain})
}

// Repository is arn:...:repository/DOMAIN/REPO.
func (a arns) Repository(repo string) policy.Expr {
	return policy.Concat(a.prefix(), policy.Part{Text: ":repository/" + a.domain + "/" + repo})
}

// Package is arn:...:package/DOMAIN/REPO/FORMAT/NAMESPACE/NAME, where rest is
// "NAMESPACE/NAME" or a pattern of it.
func (a arns) Package(repo, format, rest string) policy.Expr {
	return policy.Concat(a.prefix(), policy.Part{Text: ":package/" + a.domain + "/" + repo + "/" + format + "/" + rest})
}

func buildPolicy(p *spec.Policy, repos map[string]*Repository, a arns, domainTags spec.Tags) *Policy {
	readable := map[string]bool{}
	for _, r := range p.Read {
		readable[r.Value] = true
	}
	var packages []packageARN
	var grants []*PublishGrant
	for i := range p.Publish {
		g := &p.Publish[i]
		readable[g.Repository.Value] = true
		repo := repos[g.Repository.Value]
		grant := &PublishGrant{Repository: repo, Packages: packagePatterns(repo.Format, values(g.Namespaces), values(g.Packages)),
			RepositoryPos: g.Repository.Pos, Silences: silences(g.Silence)}
		grants = append(grants, grant)
		for _, rest := range grant.Packages {
			packages = append(packages, packageARN{repo, rest})
		}
	}
	slices.SortFunc(grants, func(a, b *PublishGrant) int { return cmp.Compare(a.Repository.Name, b.Repository.Name) })
	doc := policy.Document{Statements: []policy.Statement{
		{
			Sid: "GetAuthorizationToken", Effect: "Allow",
			Actions:   []string{"codeartifact:GetAuthorizationToken"},
			Resources: []policy.Expr{a.Domain()},
		},
		{
			// GetAuthorizationToken also needs sts:GetServiceBearerToken, whose resource is
			// always "*"; the condition limits it to CodeArtifact (User Guide,
			// get-set-up-provision-user).
			Sid: "GetServiceBearerToken", Effect: "Allow",
			Actions:    []string{"sts:GetServiceBearerToken"},
			Resources:  []policy.Expr{policy.Lit("*")},
			Conditions: []policy.Condition{{Operator: "StringEquals", Key: "sts:AWSServiceName", Values: []string{"codeartifact.amazonaws.com"}}},
		},
	}}
	// Read access is granted on the listed repositories only, not on their upstreams: the
	// caller needs ReadFromRepository on the repository it connects to. AWS does not say
	// plainly whether upstream permissions are also checked [unverified]; if they were,
	// reads of upstream packages would fail closed, not open.
	var read []policy.Expr
	var reads []*Repository
	for _, name := range slices.Sorted(maps.Keys(readable)) {
		read = append(read, a.Repository(name))
		reads = append(reads, repos[name])
	}
	doc.Statements = append(doc.Statements, policy.Statement{
		Sid: "ReadRepositories", Effect: "Allow", Actions: readRepositoryActions, Resources: read,
	})
	doc.Statements = append(doc.Statements, publishStatements(packages, a)...)
	return &Policy{
		Name:            p.Name.Value,
		Address:         tfname.Identifier(p.Name.Value),
		Description:     p.Description.Value,
		Reads:           reads,
		Publishes:       grants,
		Document:        doc,
		Tags:            mergeTags(domainTags, spec.Tags{}),
		PreviousName:    p.PreviousName.Value,
		PreviousAddress: previousAddress(p.PreviousName, p.Name),
		NamePos:         p.Name.Pos,
		PreviousNamePos: p.PreviousName.Pos,
	}
}

// publishStatements grants publishing on the package ARNs: PublishPackageVersion on all of
// them, and PutPackageMetadata on those of the formats that need it.
func publishStatements(packages []packageARN, a arns) []policy.Statement {
	slices.SortFunc(packages, func(x, y packageARN) int {
		return cmp.Or(cmp.Compare(x.repo.Name, y.repo.Name), cmp.Compare(x.rest, y.rest))
	})
	packages = slices.Compact(packages)
	var all, metadata []policy.Expr
	for _, p := range packages {
		arn := a.Package(p.repo.Name, p.repo.Format, p.rest)
		all = append(all, arn)
		if slices.Contains(aws.PublishActions(p.repo.Format), "codeartifact:PutPackageMetadata") {
			metadata = append(metadata, arn)
		}
	}
	var out []policy.Statement
	if len(all) > 0 {
		out = append(out, policy.Statement{Sid: "PublishPackages", Effect: "Allow", Actions: []string{"codeartifact:PublishPackageVersion"}, Resources: all})
	}
	if len(metadata) > 0 {
		out = append(out, policy.Statement{Sid: "PutPackageMetadata", Effect: "Allow", Actions: []string{"codeartifact:PutPackageMetadata"}, Resources: metadata})
	}
	return out
}

// packagePatterns returns the NAMESPACE/NAME part of the package ARNs a publish grant
// covers. Without narrowing it is "*" (every package); namespaces give "NS/*"; packages
// give "NS/NAME" for each namespace, or "/NAME" (the empty namespace) when there are none.
// Names are normalised as CodeArtifact stores them (PEP 503 for PyPI).
func packagePatterns(format string, namespaces, packages []string) []string {
	packages = slices.Clone(packages)
	for i, p := range packages {
		packages[i] = aws.NormalizePackageName(format, p)
	}
	switch {
	case len(namespaces) == 0 && len(packages) == 0:
		return []string{"*"}
	case len(packages) == 0:
		out := make([]string, len(namespaces))
		for i, ns := range namespaces {
			out[i] = ns + "/*"
		}
		return out
	case len(namespaces) == 0:
		namespaces = []string{""}
	}
	var out []string
	for _, ns := range namespaces {
		for _, p := range packages {
			out = append(out, ns+"/"+p)
		}
	}
	return out
}

// TrustPolicy returns the trust policy of a role with the given rules; it changes none of
// them. Rules that require
// the same other claims share a statement; the statements are ORed by IAM. Each statement
// has the OIDC provider as federated principal, the audience pinned with StringEquals, and
// all its subjects in ONE condition on the sub key: StringLike when any subject holds a
// wildcard, StringEquals otherwise. Two operators on sub would be ANDed by IAM and admit
// nearly nothing; ForAllValues/ForAnyValue would misread a single-valued claim, so neither
// is ever used. Required claims become further keys of the same statement (ANDed).
func TrustPolicy(gh GitHub, rules []*TrustRule) policy.Document {
	groups := trustGroups(rules)
	var doc policy.Document
	for i, g := range groups {
		sid := "GitHubActionsOIDC"
		if len(groups) > 1 {
			sid += strconv.Itoa(i + 1)
		}
		conditions := []policy.Condition{
			{Operator: "StringEquals", Key: gh.Issuer.ClaimKey("aud"), Values: []string{gh.Audience}},
			{Operator: OperatorFor(g.subjects), Key: gh.Issuer.ClaimKey("sub"), Values: g.subjects},
		}
		for _, req := range g.require {
			conditions = append(conditions, policy.Condition{Operator: OperatorFor(req.Values), Key: gh.Issuer.ClaimKey(req.Claim), Values: req.Values})
		}
		doc.Statements = append(doc.Statements, policy.Statement{
			Sid:        sid,
			Effect:     "Allow",
			Principal:  &policy.Principal{Type: "Federated", IDs: []policy.Expr{policy.Ref(RefOIDCProviderARN)}},
			Actions:    []string{"sts:AssumeRoleWithWebIdentity"},
			Conditions: conditions,
		})
	}
	return doc
}

// trustGroup is one statement of a trust policy: the rules with the same requirements, and
// their subjects sorted and without duplicates.
type trustGroup struct {
	key      string
	require  []Requirement
	rules    []*TrustRule
	subjects []string
}

// trustGroups groups rules by their requirements, in key order; it changes none of them.
func trustGroups(rules []*TrustRule) []*trustGroup {
	type group = trustGroup
	var groups []*group
	for _, r := range rules {
		key := requirementKey(r.Require)
		i := slices.IndexFunc(groups, func(g *group) bool { return g.key == key })
		if i < 0 {
			groups = append(groups, &group{key: key, require: r.Require})
			i = len(groups) - 1
		}
		groups[i].subjects = append(groups[i].subjects, r.Subjects...)
		groups[i].rules = append(groups[i].rules, r)
	}
	slices.SortFunc(groups, func(a, b *group) int { return cmp.Compare(a.key, b.key) })

	for _, g := range groups {
		slices.Sort(g.subjects)
		g.subjects = slices.Compact(g.subjects)
	}
	return groups
}

// OperatorFor returns StringLike when a value holds a wildcard, StringEquals otherwise.
func OperatorFor(values []string) string {
	if slices.ContainsFunc(values, trust.HasWildcard) {
		return "StringLike"
	}
	return "StringEquals"
}

// requirementKey is an unambiguous canonical text of a sorted requirement list (JSON, so
// that no value can imitate a separator); "" when empty, so that rules without
// requirements come first.
func requirementKey(reqs []Requirement) string {
	if len(reqs) == 0 {
		return ""
	}
	key, _ := json.Marshal(reqs) // cannot fail: strings only
	return string(key)
}

// packageARN is one package ARN pattern of a publish grant: the repository and the
// NAMESPACE/NAME part.
type packageARN struct {
	repo *Repository
	rest string
}
