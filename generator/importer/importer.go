package importer

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Spec is the spec import builds, in the order it is written.
type Spec struct {
	Domain       Domain
	Repositories []*Repository
	GitHub       GitHub
	Policies     []*Policy
	Roles        []*Role
	Adopt        []Adopt
}

// Domain is the spec's domain.
type Domain struct {
	Name, Region, EncryptionKey string
	Tags                        [][2]string
}

// Repository is one repository of the spec.
type Repository struct {
	Name, Format, Description, ExternalConnection string
	Upstreams                                     []string
	Tags                                          [][2]string
	address                                       string
}

// GitHub is the spec's github section.
type GitHub struct {
	Owner, OwnerID, OIDCProvider, EnterpriseSlug string
	Subjects                                     string
	Thumbprints                                  []string
	RepositoryIDs                                [][2]string
}

// Policy is one policy of the spec.
type Policy struct {
	Name, Description string
	Read              []string
	Publish           []Publish
	address           string
}

// Publish is one publish grant.
type Publish struct {
	Repository string
	Namespaces []string
}

// Role is one role of the spec.
type Role struct {
	Name, Description  string
	MaxSessionDuration int
	Policies           []string
	Trust              []*Rule
	Tags               [][2]string
	// old are the GitHub statements of the hand-written trust policy, address and at
	// the role's address and where its trust policy is written, for the decided check.
	old     []trust.Statement
	address string
	at      hcl.Range
}

// Rule is one trust rule.
type Rule struct {
	Repositories, Branches, Tags, Environments []string
	AnyContext, PullRequests                   bool
	Require                                    [][2][]string // claim, values
}

// Adopt is one entry of the adopt section: From, or Import.
type Adopt struct {
	From                                 string
	Import                               bool
	Domain, Repository, Policy, RoleName string
	OIDCProvider                         bool
}

// Result is what Import found: the spec, and the findings about what the spec renders
// differently from the configuration (warnings, positioned in the Terraform files).
type Result struct {
	Spec     *Spec
	Findings diag.Diagnostics
}

// mapper holds the state of one import.
type mapper struct {
	cfg    *Config
	spec   *Spec
	ds     diag.Diagnostics
	byAddr map[string]*Instance
	// policyByAddr maps an aws_iam_policy instance address to the spec policy.
	policyByAddr map[string]*Policy
	repoByName   map[string]*Repository
	oidcAddr     string // the address of the managed OIDC provider or the data source
	// skipped are the instances reported as not in the spec (IMPORT022).
	skipped map[string]bool
}

// Options are the inputs of Import beside the directory.
type Options struct {
	// VarFiles are the variable files the configuration is applied with, in order.
	VarFiles []string
	// State, when not nil, holds the managed addresses of the configuration's state
	// (StateAddresses): resources the configuration declares and the state lacks are
	// adopted with import blocks instead of moved blocks.
	State map[string]bool
}

// Import reads the Terraform root in dir (see Load) and maps it to a spec. Errors (the
// configuration cannot be evaluated, it has no domain or several) are returned as
// diagnostics with a nil Result; findings about what the spec renders differently, and
// about what it cannot represent, are the Result's warnings.
func Import(dir string, opts Options) (*Result, diag.Diagnostics) {
	cfg, hds := Load(dir, opts.VarFiles)
	ds := fromHCL(hds)
	if cfg == nil || ds.HasErrors() {
		return nil, ds
	}
	m := &mapper{cfg: cfg, spec: &Spec{}, byAddr: map[string]*Instance{}, policyByAddr: map[string]*Policy{}, repoByName: map[string]*Repository{}, skipped: map[string]bool{}}
	for _, in := range cfg.Instances {
		m.byAddr[in.Address()] = in
	}
	for _, r := range cfg.Modules {
		m.warn("IMPORT022", r, "module calls are not read", "import reads the root module only; resources inside modules are not in the spec. Import the module's own directory, or keep the module beside the generated files.")
	}
	if !m.domain() {
		return nil, append(ds, m.ds...)
	}
	m.repositories()
	m.oidc()
	m.policies()
	m.roles()
	m.others()
	if opts.State != nil {
		m.markImports(opts.State)
	}
	m.decide()
	if m.ds.HasErrors() {
		return nil, append(ds, m.ds...)
	}
	return &Result{Spec: m.spec, Findings: append(ds, m.ds...).Sort()}, nil
}

func fromHCL(hds hcl.Diagnostics) diag.Diagnostics {
	var ds diag.Diagnostics
	for _, d := range hds {
		sev := diag.Error
		if d.Severity == hcl.DiagWarning {
			sev = diag.Warning
		}
		var pos diag.Pos
		if d.Subject != nil {
			pos = diag.Pos{File: d.Subject.Filename, Line: d.Subject.Start.Line, Col: d.Subject.Start.Column}
		}
		ds = append(ds, diag.Diagnostic{Severity: sev, Code: "IMPORT020", Summary: d.Summary, Detail: d.Detail, Pos: pos})
	}
	return ds
}

func posOf(r hcl.Range) diag.Pos {
	return diag.Pos{File: r.Filename, Line: r.Start.Line, Col: r.Start.Column}
}

func (m *mapper) warn(code string, r hcl.Range, summary, detail string) {
	m.ds = append(m.ds, diag.Diagnostic{Severity: diag.Warning, Code: code, Pos: posOf(r), Summary: summary, Detail: detail})
}

// skip reports that instance in is not in the spec (IMPORT022) and records it, so that
// others does not report it again.
func (m *mapper) skip(in *Instance, r hcl.Range, summary, detail string) {
	m.skipped[in.Address()] = true
	m.warn("IMPORT022", r, summary, detail)
}

func (m *mapper) fail(code string, r hcl.Range, summary, detail string) {
	m.ds = append(m.ds, diag.Diagnostic{Severity: diag.Error, Code: code, Pos: posOf(r), Summary: summary, Detail: detail})
}

// attrRange returns where attribute name of o is written, or o's range.
func attrRange(o *Object, name string) hcl.Range {
	if r, ok := o.AttrRanges[name]; ok {
		return r
	}
	return o.Range
}

func (m *mapper) managed(typ string) []*Instance {
	var out []*Instance
	for _, in := range m.cfg.Instances {
		if in.Mode == "managed" && in.Type == typ {
			out = append(out, in)
		}
	}
	return out
}

// domain maps the one aws_codeartifact_domain; false when there is none or several.
func (m *mapper) domain() bool {
	ds := m.managed("aws_codeartifact_domain")
	if len(ds) != 1 {
		r := hcl.Range{Filename: m.cfg.Dir}
		if len(ds) > 1 {
			r = ds[1].Range
		}
		m.fail("IMPORT021", r, fmt.Sprintf("the configuration has %d aws_codeartifact_domain resources; a spec has one", len(ds)),
			"Import a root that manages exactly one domain; a spec renders one domain with its repositories.")
		return false
	}
	d := ds[0]
	m.spec.Domain = Domain{Name: d.String("domain"), EncryptionKey: d.String("encryption_key"), Tags: d.StringMap("tags"), Region: d.String("region")}
	if m.spec.Domain.Region == "" {
		for _, p := range m.cfg.Providers {
			if p.String("alias") == "" && p.String("region") != "" {
				m.spec.Domain.Region = p.String("region")
			}
		}
	}
	if m.spec.Domain.Region == "" {
		m.fail("IMPORT020", d.Range, "the domain's region is not in the configuration",
			"Neither the domain's region argument nor a provider \"aws\" block gives it (it comes from the environment); give it with a var file, or add region to the provider block.")
		return false
	}
	m.spec.Adopt = append(m.spec.Adopt, Adopt{From: d.Address(), Domain: m.spec.Domain.Name})
	return true
}

// repositories maps every aws_codeartifact_repository, with formats from their external
// connections, propagated along upstream chains, or from the package ARNs policies grant.
func (m *mapper) repositories() {
	for _, in := range m.managed("aws_codeartifact_repository") {
		r := &Repository{Name: in.String("repository"), Description: in.String("description"), address: in.Address()}
		for _, u := range in.Blocks["upstream"] {
			r.Upstreams = append(r.Upstreams, u.String("repository_name"))
		}
		if ecs := in.Blocks["external_connections"]; len(ecs) > 0 {
			r.ExternalConnection = ecs[0].String("external_connection_name")
			if f, ok := aws.ExternalConnectionFormat(r.ExternalConnection); ok {
				r.Format = f
			}
		}
		r.Tags = minusTags(in.StringMap("tags"), m.spec.Domain.Tags)
		m.spec.Repositories = append(m.spec.Repositories, r)
		m.repoByName[r.Name] = r
		m.spec.Adopt = append(m.spec.Adopt, Adopt{From: in.Address(), Repository: r.Name})
	}
	sort.Slice(m.spec.Repositories, func(i, j int) bool { return m.spec.Repositories[i].Name < m.spec.Repositories[j].Name })
	m.propagateFormats()
}

// propagateFormats gives a repository without a format the format of a repository in its
// upstream graph (either direction) until nothing changes.
func (m *mapper) propagateFormats() {
	for changed := true; changed; {
		changed = false
		for _, r := range m.spec.Repositories {
			for _, u := range r.Upstreams {
				up := m.repoByName[u]
				if up == nil {
					continue
				}
				if r.Format == "" && up.Format != "" {
					r.Format, changed = up.Format, true
				}
				if up.Format == "" && r.Format != "" {
					up.Format, changed = r.Format, true
				}
			}
		}
	}
}

// minusTags returns the tags of own that the domain's tags do not already give (the spec
// merges domain tags into every resource).
func minusTags(own, domain [][2]string) [][2]string {
	var out [][2]string
	for _, t := range own {
		if !slices.Contains(domain, t) {
			out = append(out, t)
		}
	}
	return out
}

// oidc finds the GitHub OIDC provider: a managed one (oidc_provider: create, adopted) or
// the data source (existing).
func (m *mapper) oidc() {
	m.spec.GitHub.OIDCProvider = "existing"
	for _, in := range m.cfg.Instances {
		if in.Type != "aws_iam_openid_connect_provider" {
			continue
		}
		url := in.String("url")
		if url != "" && !strings.Contains(url, "token.actions.githubusercontent.com") {
			continue
		}
		m.oidcAddr = in.ResourceAddress()
		if in.Mode == "data" {
			continue
		}
		m.spec.GitHub.OIDCProvider = "create"
		m.spec.Adopt = append(m.spec.Adopt, Adopt{From: in.Address(), OIDCProvider: true})
		if slug := strings.TrimPrefix(strings.TrimPrefix(url, "https://token.actions.githubusercontent.com"), "/"); slug != "" {
			m.spec.GitHub.EnterpriseSlug = slug
		}
		if tps := in.Strings("thumbprint_list"); len(tps) > 0 {
			m.spec.GitHub.Thumbprints = tps
			m.warn("IMPORT025", attrRange(in.Object, "thumbprint_list"), in.Address()+" pins thumbprints that AWS does not use for GitHub",
				"AWS validates GitHub's tokens against its own library of trusted certificate authorities, so thumbprint_list neither protects nor breaks anything (a rotated GitHub certificate does not lock workflows out). "+
					"The spec keeps the list (github.thumbprints) so that the first plan does not change the provider. Removing it from the spec later does not clear it in AWS (the AWS provider leaves a thumbprint list in place once it was set). Neither widens nor narrows access.")
		}
		audience := aws.STSAudience(aws.Partition(m.spec.Domain.Region))
		if ids := in.Strings("client_id_list"); !slices.Equal(ids, []string{audience}) {
			m.warn("IMPORT025", attrRange(in.Object, "client_id_list"), fmt.Sprintf("%s admits the audiences %v; the spec renders %s only", in.Address(), ids, audience),
				"The render sets client_id_list to the STS audience alone, updated in place. This narrows access: tokens requested for any other audience are refused by AWS for every role of the account that trusts this provider.")
		}
	}
}

// Compiled on first use (aws.Pattern): every command links this package, and compiling
// them at start-up was most of the start-up allocations of every run (666).
var (
	repoARN    = aws.NewPattern(`^arn:[^:]+:codeartifact:[^:]*:[^:]*:repository/([^/]+)/([^/]+)$`)
	packageARN = aws.NewPattern(`^arn:[^:]+:codeartifact:[^:]*:[^:]*:package/([^/]+)/([^/]+)/(.*)$`)
	domainARN  = aws.NewPattern(`^arn:[^:]+:codeartifact:[^:]*:[^:]*:domain/([^/]+)$`)
	policyARN  = aws.NewPattern(`^arn:[^:]+:iam::[^:]*:policy/(?:.*/)?([^/]+)$`)
	holder     = aws.NewPattern("^\u00ab(.*)\\.([a-z_]+)\u00bb$")
)

// placeheld returns the address and attribute a placeholder stands for.
func placeheld(s string) (address, attr string, ok bool) {
	mm := holder.FindStringSubmatch(s)
	if mm == nil {
		return "", "", false
	}
	return mm[1], mm[2], true
}

// others reports every managed resource import does not map: the render does not have
// it, so Terraform would destroy it once the hand-written files are gone.
func (m *mapper) others() {
	known := map[string]bool{"aws_codeartifact_domain": true, "aws_codeartifact_repository": true, "aws_iam_policy": true,
		"aws_iam_role": true, "aws_iam_role_policy_attachment": true, "aws_iam_openid_connect_provider": true}
	mapped := map[string]bool{}
	for _, a := range m.spec.Adopt {
		mapped[a.From] = true
	}
	for _, in := range m.cfg.Instances {
		if in.Mode != "managed" || mapped[in.Address()] || m.skipped[in.Address()] {
			continue
		}
		what := "The spec has no " + in.Type + "; the render does not manage it."
		if known[in.Type] {
			what = "It belongs to a resource the spec leaves out (reported too), so the render does not manage it."
		}
		m.skip(in, in.Range, in.Address()+" is not in the spec",
			what+" Once the hand-written files are replaced by the generated ones, Terraform would destroy it: keep it in a hand-written file declared under hand_written, or remove it from the state first (terraform state rm, or a removed block with destroy = false).")
	}
}
