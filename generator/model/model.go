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
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/par"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Model is a resolved spec.
type Model struct {
	// SpecPath is the spec's path as given, written into every file's header.
	SpecPath     string
	Quotas       Quotas
	Domain       Domain
	Repositories []*Repository // sorted by name
	GitHub       GitHub
	Policies     []*Policy // sorted by name
	Roles        []*Role   // sorted by name
	// Consumers are other AWS accounts given access, sorted by name; DomainPolicy and
	// RepositoryPolicies are the resource policies that grant it (nil and empty without
	// consumers).
	Consumers          []*Consumer
	DomainPolicy       *policy.Document
	RepositoryPolicies []*RepositoryPolicy // sorted by repository name
	// Removed are the domains and repositories the spec removed, sorted by address;
	// HandWritten are the files it declares beside the generated ones.
	Removed     []*Removal
	HandWritten []*HandWritten
	// RepositoriesPos is where the spec's repositories key is, for diagnostics about
	// repositories it no longer has.
	RepositoriesPos diag.Pos
	// Expectations are the spec's trust tests, in the spec's order.
	Expectations []*Expectation
	// PackageGroups are the spec's package groups and the ones protection by default adds
	// for publish grants, sorted by pattern (groups.go).
	PackageGroups []*PackageGroup
	// Adopted are the resources that exist before the first render (the spec's adopt
	// section): moved from their existing addresses or imported.
	Adopted []*Adoption
}

// Size is the number of repositories, policies, roles and package groups: the measure
// of the work every later stage does on the model (par.Worth decides by it whether that
// work is split over the cores).
func (m *Model) Size() int {
	return len(m.Repositories) + len(m.Policies) + len(m.Roles) + len(m.PackageGroups)
}

// Consumer is another AWS account, or principals of one, with access to repositories.
type Consumer struct {
	Name string
	// Principals are IAM principal ARNs; an account ID becomes its root ARN.
	Principals []policy.Expr
	Reads      []*Repository
	Publishes  []*PublishGrant
	// Pos is where the spec's entry for the consumer starts; PrincipalsAsWritten are its
	// principals as the spec gives them (account IDs not yet made ARNs), with positions.
	Pos                 diag.Pos
	PrincipalsAsWritten []Located
}

// Located is a value of the spec with where it was written.
type Located struct {
	Value string
	Pos   diag.Pos
}

// Silence is a silence entry of the spec: the lint ID it accepts, where that ID is
// written, and the reason.
type Silence struct {
	Lint    string
	LintPos diag.Pos
	Reason  string
}

// silences copies the spec's silence entries.
func silences(ss []spec.Silence) []Silence {
	var out []Silence
	for _, s := range ss {
		out = append(out, Silence{Lint: s.Lint.Value, LintPos: s.Lint.Pos, Reason: s.Reason.Value})
	}
	return out
}

// RepositoryPolicy is the resource policy of one repository.
type RepositoryPolicy struct {
	Repository *Repository
	Document   policy.Document
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
	// NamePos is where the spec gives the domain's name.
	NamePos diag.Pos
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
	// PreviousAddress is the Terraform address the repository had under its previous
	// name, when the spec renames it and the address changes; PackageLoss is the spec's
	// acknowledgement that the rename deletes the packages.
	PreviousName, PreviousAddress, PackageLoss string
	// NamePos and PreviousNamePos are where the spec gives the name and previous_name.
	NamePos, PreviousNamePos diag.Pos
}

// Internal reports whether the repository holds the organisation's own packages, rather
// than caching a public registry through an external connection.
func (r *Repository) Internal() bool { return r.ExternalConnection == "" }

// GitHub is the resolved GitHub OIDC configuration.
type GitHub struct {
	Owner oidc.Owner
	// CreateProvider is true when this configuration creates the IAM OIDC provider.
	CreateProvider bool
	Issuer         oidc.Issuer
	Audience       string
	Form           oidc.SubjectForm
	// Template is the subject template: oidc.DefaultTemplate or the owner's own.
	Template    []string
	Thumbprints []string
	Tags        []Tag
}

// Policy is a resolved managed policy.
type Policy struct {
	Name        string
	Address     string
	Description string
	// Reads are the repositories the policy can read, sorted by name.
	Reads []*Repository
	// Publishes are the grants to publish, with their package ARN patterns.
	Publishes []*PublishGrant
	Document  policy.Document
	Tags      []Tag
	// PreviousName and PreviousAddress are as for Role.
	PreviousName, PreviousAddress string
	// NamePos and PreviousNamePos are where the spec gives the name and previous_name.
	NamePos, PreviousNamePos diag.Pos
}

// PublishGrant is publish access to some packages of one repository.
type PublishGrant struct {
	Repository *Repository
	// Packages are the NAMESPACE/NAME parts of the package ARNs covered, "*" for all.
	Packages []string
	// RepositoryPos is where the spec names the repository; Silences are the grant's
	// silence entries.
	RepositoryPos diag.Pos
	Silences      []Silence
	// AllowExternalUpstream is the spec's reason for leaving the grant's names without the
	// package group that blocks external upstreams (groups.go), or "".
	AllowExternalUpstream    string
	AllowExternalUpstreamPos diag.Pos
}

// Role is a resolved IAM role.
type Role struct {
	Name               string
	Address            string
	Description        string
	Output             string
	MaxSessionDuration int       // 0 means IAM's default of one hour
	Sensitive          bool      // the spec says the role is for named repositories only
	Policies           []*Policy // sorted by name
	Rules              []*TrustRule
	Trust              policy.Document
	Tags               []Tag
	// PreviousName is the role's name before a rename, and PreviousAddress its address
	// then, when that differs.
	PreviousName, PreviousAddress string
	// NamePos, PreviousNamePos and MaxSessionDurationPos are where the spec gives those
	// keys; PoliciesPos is where it gives policies (the role's position without them).
	NamePos, PreviousNamePos, MaxSessionDurationPos, PoliciesPos diag.Pos
	// TrustParsed is Trust as rendered and parsed back by trust.ParsePolicy, and TrustErr
	// the error when it does not parse; Build fills both once. Use ParsedTrust.
	TrustParsed *trust.Policy
	TrustErr    error
}

// ParsedTrust returns the role's rendered trust policy parsed by trust.ParsePolicy: the
// result Build stored, or, for a role not made by Build, Trust parsed now.
func (r *Role) ParsedTrust() (*trust.Policy, error) {
	if r.TrustParsed == nil && r.TrustErr == nil {
		return trust.ParsePolicy(r.Trust.JSON())
	}
	return r.TrustParsed, r.TrustErr
}

// Publishes reports whether any policy of the role grants publishing.
func (r *Role) Publishes() bool {
	return slices.ContainsFunc(r.Policies, func(p *Policy) bool { return len(p.Publishes) > 0 })
}

// Subjects returns every sub pattern the role's trust policy admits, sorted.
func (r *Role) Subjects() []string {
	var all []string
	for _, rule := range r.Rules {
		all = append(all, rule.Subjects...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// TrustRule is a resolved trust rule: the sub patterns it admits and the other claims it
// requires. Rules with the same requirements share one statement of the trust policy.
type TrustRule struct {
	Rule     oidc.Rule
	Subjects []string // in the order oidc.Subjects builds them
	// SubOperator is the operator of the statement that holds the rule's subjects:
	// StringLike when any subject of the statement (this rule's or another's) has a
	// wildcard.
	SubOperator string
	Require     []Requirement
	// JobEnvironment is the environment the spec says the assuming jobs run in, or "".
	JobEnvironment string
	// Pos is where the spec's entry for the rule starts, JobEnvironmentPos where it gives
	// job_environment; Silences are the rule's silence entries.
	Pos, JobEnvironmentPos diag.Pos
	Silences               []Silence
}

// Requirement is a condition on a token claim other than sub and aud: the claim must match
// one of the values.
type Requirement struct {
	Claim  string
	Values []string
}

// Quotas are the IAM quotas the checks hold the spec to.
type Quotas struct {
	TrustPolicySize int
	PoliciesPerRole int
}

// Tag is one resource tag.
type Tag struct{ Key, Value string }

// Build resolves f, which must be valid.
func Build(f *spec.File) *Model {
	m := &Model{SpecPath: f.Path, Quotas: Quotas{
		TrustPolicySize: f.Quotas.TrustPolicySize.Or(aws.TrustPolicyQuota),
		PoliciesPerRole: f.Quotas.PoliciesPerRole.Or(aws.PoliciesPerRole),
	}}
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
			PreviousName:       r.PreviousName.Value,
			PreviousAddress:    previousAddress(r.PreviousName, r.Name),
			PackageLoss:        r.AcknowledgePackageLoss.Value,
			NamePos:            r.Name.Pos,
			PreviousNamePos:    r.PreviousName.Pos,
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
	parseTrust(m.Roles)
	buildConsumers(m, f, repos, arns)
	buildWorld(m, f)
	m.Expectations = buildExpectations(f, m.GitHub, m.Roles)
	buildPackageGroups(m, f, repos)
	m.Adopted = buildAdoptions(f, m)
	return m
}

// previousAddress returns the address of the previous name when it differs from the
// current one, and "" otherwise (no moved block is needed).
func previousAddress(previous, current spec.String) string {
	if !previous.Set || tfname.Identifier(previous.Value) == tfname.Identifier(current.Value) {
		return ""
	}
	return tfname.Identifier(previous.Value)
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
		NamePos:        d.Name.Pos,
	}
}

func buildGitHub(f *spec.File) GitHub {
	gh := &f.GitHub
	g := GitHub{
		Owner:          oidc.Owner{Name: gh.Owner.Value, ID: gh.OwnerID.Value, RepositoryIDs: map[string]string{}},
		CreateProvider: gh.OIDCProvider.Value == "create",
		Issuer:         Issuer(gh),
		Audience:       aws.STSAudience(aws.Partition(f.Domain.Region.Value)),
		Form:           SubjectForm(gh.Subjects.Value),
		Template:       values(gh.SubjectClaims),
		Thumbprints:    uniqueSorted(values(gh.Thumbprints)),
		Tags:           mergeTags(f.Domain.Tags, spec.Tags{}),
	}
	if len(g.Template) == 0 {
		g.Template = oidc.DefaultTemplate
	}
	for _, e := range gh.RepositoryIDs.Entries {
		g.Owner.RepositoryIDs[e.Key.Value] = e.Value.Value
	}
	return g
}

// Issuer returns the token issuer the spec's github section selects.
func Issuer(gh *spec.GitHub) oidc.Issuer {
	switch {
	case gh.EnterpriseSlug.Set:
		return oidc.EnterpriseCloud(gh.EnterpriseSlug.Value)
	case gh.GHESubdomain.Set:
		return oidc.GHECom(gh.GHESubdomain.Value)
	case gh.ServerHost.Set:
		return oidc.EnterpriseServer(gh.ServerHost.Value)
	}
	return oidc.GitHubCom()
}

// SubjectForm maps the spec's subjects setting ("name", "id", "both"; default name).
func SubjectForm(s string) oidc.SubjectForm {
	switch s {
	case "id":
		return oidc.IDForm
	case "both":
		return oidc.BothForms
	}
	return oidc.NameForm
}

func buildRole(r *spec.Role, gh GitHub, policies map[string]*Policy, domainTags spec.Tags) *Role {
	role := &Role{
		Name:                  r.Name.Value,
		Address:               tfname.Identifier(r.Name.Value),
		Description:           r.Description.Value,
		Output:                r.Output.Value,
		MaxSessionDuration:    r.MaxSessionDuration.Value,
		Sensitive:             r.Sensitive.Value,
		Tags:                  mergeTags(domainTags, r.Tags),
		PreviousName:          r.PreviousName.Value,
		PreviousAddress:       previousAddress(r.PreviousName, r.Name),
		NamePos:               r.Name.Pos,
		PreviousNamePos:       r.PreviousName.Pos,
		MaxSessionDurationPos: r.MaxSessionDuration.Pos,
		PoliciesPos:           r.Keys.At("policies", r.Pos),
	}
	for _, p := range r.Policies {
		role.Policies = append(role.Policies, policies[p.Value])
	}
	sortByName(role.Policies, func(p *Policy) string { return p.Name })
	for i := range r.Trust {
		role.Rules = append(role.Rules, buildTrustRule(&r.Trust[i], gh))
	}
	role.Trust = TrustPolicy(gh, role.Rules)
	for _, g := range trustGroups(role.Rules) { // the rules are this role's own, built above
		for _, rule := range g.rules {
			rule.SubOperator = OperatorFor(g.subjects)
		}
	}
	return role
}

// parseTrust fills each role's TrustParsed and TrustErr: its rendered trust policy parsed
// back by trust.ParsePolicy, the roles spread over the cores (each writes only its own
// role).
func parseTrust(roles []*Role) {
	par.For(len(roles), func(_, lo, hi int) {
		for _, role := range roles[lo:hi] {
			role.TrustParsed, role.TrustErr = trust.ParsePolicy(role.Trust.JSON())
		}
	})
}

func buildTrustRule(t *spec.TrustRule, gh GitHub) *TrustRule {
	rule := oidc.Rule{
		Repositories: values(t.Repositories),
		AnyContext:   t.AnyContext.Value,
		Branches:     values(t.Branches),
		Tags:         values(t.Tags),
		Environments: values(t.Environments),
		PullRequests: t.PullRequests.Value,
		ClaimValues:  map[string]string{},
	}
	for _, e := range t.SubjectClaims.Entries {
		rule.ClaimValues[e.Key.Value] = e.Value.Value
	}
	tr := &TrustRule{
		Rule:              rule,
		Subjects:          oidc.Subjects(gh.Owner, gh.Form, gh.Template, rule),
		JobEnvironment:    t.JobEnvironment.Value,
		Pos:               t.Pos,
		JobEnvironmentPos: t.JobEnvironment.Pos,
		Silences:          silences(t.Silence),
	}
	for _, e := range t.Require.Entries {
		vs := values(e.Values)
		slices.Sort(vs)
		tr.Require = append(tr.Require, Requirement{Claim: e.Key.Value, Values: slices.Compact(vs)})
	}
	slices.SortFunc(tr.Require, func(a, b Requirement) int { return cmp.Compare(a.Claim, b.Claim) })
	return tr
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
