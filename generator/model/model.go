// Package model resolves a valid spec into everything the renderer writes: Terraform
// addresses, merged tags, ARNs, token subjects and IAM policy documents. Lists whose order
// carries no meaning are sorted here, so that reordering a spec changes no byte of output;
// upstreams keep their order, which is their search priority.
//
// Build assumes the spec passed validate.Spec without errors; it does no checking itself.
package model

import (
	"cmp"
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Model is a resolved spec.
type Model struct {
	// SpecPath is the spec's path as given, written into every file's header.
	SpecPath     string
	Domain       Domain
	Repositories []*Repository // sorted by name
	GitHub       GitHub
	Policies     []*Policy // sorted by name
	Roles        []*Role   // sorted by name
}

// Domain is the resolved CodeArtifact domain.
type Domain struct {
	Name      string
	Address   string
	Region    string
	Partition string
	// Owner is the account given in the spec, or "" when the domain belongs to the account
	// Terraform runs in.
	Owner          string
	EncryptionKey  string
	Tags           []Tag
	PreventDestroy bool
}

// Repository is a resolved CodeArtifact repository.
type Repository struct {
	Name               string
	Address            string
	Format             string
	Description        string
	Upstreams          []*Repository // in search-priority order
	ExternalConnection string
	PreventDestroy     bool
	Tags               []Tag
}

// Internal reports whether the repository holds the organisation's own packages, rather
// than caching a public registry through an external connection.
func (r *Repository) Internal() bool { return r.ExternalConnection == "" }

// GitHub is the resolved GitHub OIDC configuration.
type GitHub struct {
	Owner string
	// CreateProvider is true when this configuration creates the IAM OIDC provider.
	CreateProvider bool
	IssuerURL      string
	// ConditionPrefix is the issuer URL without "https://": IAM's prefix of the token's
	// condition keys, as in token.actions.githubusercontent.com:sub.
	ConditionPrefix string
	Audience        string
	Thumbprints     []string
	Tags            []Tag
}

// Policy is a resolved managed policy.
type Policy struct {
	Name        string
	Address     string
	Description string
	Document    policy.Document
	Tags        []Tag
}

// Role is a resolved IAM role.
type Role struct {
	Name               string
	Address            string
	Description        string
	Output             string
	MaxSessionDuration int       // 0 means IAM's default of one hour
	Policies           []*Policy // sorted by name
	// Subjects are the token subjects the trust policy admits, sorted.
	Subjects []string
	Trust    policy.Document
	Tags     []Tag
}

// Tag is one resource tag.
type Tag struct{ Key, Value string }

// Build resolves f, which must be valid.
func Build(f *spec.File) *Model {
	m := &Model{SpecPath: f.Path}
	m.Domain = buildDomain(&f.Domain)
	repos := map[string]*Repository{}
	for i := range f.Repositories {
		r := &f.Repositories[i]
		repo := &Repository{
			Name:               r.Name.Value,
			Address:            tfname.Identifier(r.Name.Value),
			Format:             r.Format.Value,
			Description:        r.Description.Value,
			ExternalConnection: r.ExternalConnection.Value,
			PreventDestroy:     r.PreventDestroy.Or(true),
			Tags:               mergeTags(f.Domain.Tags, r.Tags),
		}
		repos[repo.Name] = repo
		m.Repositories = append(m.Repositories, repo)
	}
	for i := range f.Repositories {
		r := &f.Repositories[i]
		for _, u := range r.Upstreams {
			repos[r.Name.Value].Upstreams = append(repos[r.Name.Value].Upstreams, repos[u.Value])
		}
	}
	sortByName(m.Repositories, func(r *Repository) string { return r.Name })

	m.GitHub = buildGitHub(f)
	arns := newARNs(m.Domain)
	policies := map[string]*Policy{}
	for i := range f.Policies {
		p := buildPolicy(&f.Policies[i], repos, arns, f.Domain.Tags)
		policies[p.Name] = p
		m.Policies = append(m.Policies, p)
	}
	sortByName(m.Policies, func(p *Policy) string { return p.Name })
	for i := range f.Roles {
		m.Roles = append(m.Roles, buildRole(&f.Roles[i], m.GitHub, policies, f.Domain.Tags))
	}
	sortByName(m.Roles, func(r *Role) string { return r.Name })
	return m
}

func buildDomain(d *spec.Domain) Domain {
	return Domain{
		Name:           d.Name.Value,
		Address:        tfname.Identifier(d.Name.Value),
		Region:         d.Region.Value,
		Partition:      aws.Partition(d.Region.Value),
		Owner:          d.Owner.Value,
		EncryptionKey:  d.EncryptionKey.Value,
		Tags:           mergeTags(d.Tags, spec.Tags{}),
		PreventDestroy: d.PreventDestroy.Or(true),
	}
}

func buildGitHub(f *spec.File) GitHub {
	g := GitHub{
		Owner:           f.GitHub.Owner.Value,
		CreateProvider:  f.GitHub.OIDCProvider.Value == "create",
		IssuerURL:       aws.GitHubIssuer,
		ConditionPrefix: "token.actions.githubusercontent.com",
		Audience:        aws.STSAudience(aws.Partition(f.Domain.Region.Value)),
		Tags:            mergeTags(f.Domain.Tags, spec.Tags{}),
	}
	for _, t := range f.GitHub.Thumbprints {
		g.Thumbprints = append(g.Thumbprints, t.Value)
	}
	return g
}

func buildRole(r *spec.Role, gh GitHub, policies map[string]*Policy, domainTags spec.Tags) *Role {
	role := &Role{
		Name:               r.Name.Value,
		Address:            tfname.Identifier(r.Name.Value),
		Description:        r.Description.Value,
		Output:             r.Output.Value,
		MaxSessionDuration: r.MaxSessionDuration.Value,
		Tags:               mergeTags(domainTags, r.Tags),
	}
	for _, p := range r.Policies {
		role.Policies = append(role.Policies, policies[p.Value])
	}
	sortByName(role.Policies, func(p *Policy) string { return p.Name })
	for i := range r.Trust {
		role.Subjects = append(role.Subjects, trust.Subjects(gh.Owner, trustRule(&r.Trust[i]))...)
	}
	slices.Sort(role.Subjects)
	role.Subjects = slices.Compact(role.Subjects)
	role.Trust = TrustPolicy(gh, role.Subjects)
	return role
}

func trustRule(t *spec.TrustRule) trust.Rule {
	return trust.Rule{
		Repositories: values(t.Repositories),
		AnyContext:   t.AnyContext.Value,
		Branches:     values(t.Branches),
		Tags:         values(t.Tags),
		Environments: values(t.Environments),
		PullRequests: t.PullRequests.Value,
	}
}

// mergeTags returns the domain's tags with the resource's own tags merged over them,
// sorted by key.
func mergeTags(base, own spec.Tags) []Tag {
	byKey := map[string]string{}
	for _, t := range base.Entries {
		byKey[t.Key.Value] = t.Value.Value
	}
	for _, t := range own.Entries {
		byKey[t.Key.Value] = t.Value.Value
	}
	tags := make([]Tag, 0, len(byKey))
	for k, v := range byKey {
		tags = append(tags, Tag{k, v})
	}
	slices.SortFunc(tags, func(a, b Tag) int { return cmp.Compare(a.Key, b.Key) })
	return tags
}

func values(ss []spec.String) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Value
	}
	return out
}

func sortByName[T any](items []T, name func(T) string) {
	slices.SortFunc(items, func(a, b T) int { return cmp.Compare(name(a), name(b)) })
}
