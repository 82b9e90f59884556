package kit

// This file renders `kit --target dependabot`: the .github/dependabot.yml of an
// application repository, with one registry per CodeArtifact repository that Dependabot
// reaches through its OIDC support for AWS CodeArtifact, and one updates entry per
// ecosystem that uses them.
//
// Sources (each fact below names the one it comes from):
//   - [GH-OIDC] GitHub Docs, "Configuring access to private registries for Dependabot",
//     section "Using OIDC for authentication" / "AWS CodeArtifact"
//     (https://docs.github.com/en/code-security/how-tos/secure-your-supply-chain/manage-your-dependency-security/configuring-access-to-private-registries-for-dependabot#aws-codeartifact;
//     github/docs content/code-security/how-tos/secure-your-supply-chain/manage-your-dependency-security/configuring-access-to-private-registries-for-dependabot.md):
//     "AWS CodeArtifact requires the values aws-region, account-id, role-name, domain, and
//     domain-owner. The audience field is optional." OIDC is supported "for any registry
//     type that uses username and password authentication" on AWS CodeArtifact, Azure
//     DevOps Artifacts and JFrog Artifactory. The same page lists, per registry type, which
//     authentication it supports: npm-registry, python-index, maven-repository, nuget-feed
//     and rubygems-server take username and password; cargo-registry takes a token only;
//     nuget-feed "doesn't support the replaces-base parameter".
//   - [GH-OPTS] GitHub Docs, "Dependabot options reference" (package-ecosystem values:
//     npm, pip, maven, nuget, bundler, cargo; required keys version, updates,
//     package-ecosystem, directory, schedule.interval; registries under updates).
//   - [PROXY] dependabot/proxy (the open-source proxy that performs the exchange),
//     internal/oidc/oidc_credential.go and actions_oidc.go at commit b29604731bea
//     (2026-08-21): the token is requested from the GitHub Actions OIDC endpoint
//     (ACTIONS_ID_TOKEN_REQUEST_URL) with the registry's audience, "sts.amazonaws.com" when
//     none is given; it is exchanged by AssumeRoleWithWebIdentity at https://sts.amazonaws.com
//     for arn:aws:iam::ACCOUNT:role/ROLE (partition aws, written literally), session name
//     dependabot-update, then GetAuthorizationToken at codeartifact.REGION.amazonaws.com.
//     Not documentation: a fact about the code as it was, used only where the docs are silent.
//   - [FACTS] ../shared/facts/codeartifact-iam.md section 4 (repository endpoints).

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// DependabotPath is where RenderDependabot puts the Dependabot configuration, relative to
// the root of the application repository.
const DependabotPath = ".github/dependabot.yml"

// DependabotDocs is the documentation page the generated file and the diagnostics cite.
const DependabotDocs = "https://docs.github.com/en/code-security/how-tos/secure-your-supply-chain/manage-your-dependency-security/configuring-access-to-private-registries-for-dependabot#aws-codeartifact"

// DependabotRequest says what to render for Dependabot.
type DependabotRequest struct {
	// Role is the name of the role Dependabot assumes. It is required: the subject of the
	// token Dependabot presents is not documented, so no role is ever picked for the user.
	Role string
	// AppRepo is the repository Dependabot runs in, OWNER/NAME; "" takes the only
	// repository the role's trust rules name (without a wildcard), and is an error
	// otherwise. It is only used to check the role's trust.
	AppRepo string
	// DomainOwner is the AWS account that owns the domain; "" takes the spec's
	// domain.owner, and when both are given they must agree. The generated roles live in
	// the same account (one Terraform root renders the domain and the roles), so it is
	// also the registry's account-id.
	DomainOwner string
}

// Dependabot is the result of RenderDependabot.
type Dependabot struct {
	// Files holds the one rendered file, .github/dependabot.yml; it is empty when
	// Diagnostics has an error.
	Files []File
	// Registries are the registries of the file, in its order.
	Registries []Registry
	// Admission is the verdict on the role's trust policy for Dependabot's token.
	Admission Admission
	// Diagnostics are the BOT0xx findings, sorted: warnings that come with the file, or
	// errors that stopped it.
	Diagnostics diag.Diagnostics
}

// Registry is one entry of the generated registries: section.
type Registry struct {
	Name       string // the key under registries:
	Type       string // npm-registry, python-index, ...
	Ecosystem  string // the package-ecosystem of the updates entry that uses it
	URL        string
	Repository *model.Repository
	// ReplacesBase is true when the repository (through its upstreams) caches the format's
	// public registry, so Dependabot can use it instead of the public one.
	ReplacesBase bool
}

// dependabotFormat is how Dependabot reaches one CodeArtifact package format.
type dependabotFormat struct {
	registryType string // [GH-OIDC]
	ecosystem    string // [GH-OPTS]
	// urlSuffix follows the repository endpoint: the NuGet V3 service index for nuget
	// ([FACTS]: the source URL is ENDPOINT/v3/index.json).
	urlSuffix string
	// replacesBase is false for nuget-feed, which does not take the parameter [GH-OIDC].
	replacesBase bool
	// unverified names what the sources do not confirm, written into the file as a comment.
	unverified string
}

// dependabotFormats maps CodeArtifact formats to Dependabot registry types that take
// username and password, and so OIDC [GH-OIDC]. Formats that are not here are reported
// (BOT006): cargo-registry takes a token only and the page does not list it for OIDC
// (dependabot/proxy registers OIDC credentials for cargo too, but that is undocumented);
// Dependabot has no registry type for swift or generic packages.
var dependabotFormats = sync.OnceValue(func() map[string]dependabotFormat {
	return map[string]dependabotFormat{
		"npm":   {registryType: "npm-registry", ecosystem: "npm", replacesBase: true},
		"pypi":  {registryType: "python-index", ecosystem: "pip", replacesBase: true},
		"maven": {registryType: "maven-repository", ecosystem: "maven", replacesBase: true},
		"nuget": {registryType: "nuget-feed", ecosystem: "nuget", urlSuffix: "v3/index.json"},
		"ruby": {registryType: "rubygems-server", ecosystem: "bundler", replacesBase: true,
			unverified: "unverified: the ruby endpoint path (…/ruby/REPO/) is inferred from the other formats, not documented by AWS"},
	}
})

// RenderDependabot returns .github/dependabot.yml for the repositories the role can read,
// after checking the role against what is known of the token Dependabot presents. It is
// pure. A request that names no role, a role or repository the spec lacks, or a malformed
// value is a *UsageError. Problems of the spec and role are BOT0xx diagnostics: with an
// error among them, Files is empty and nothing may be written; warnings come with the file.
func RenderDependabot(m *model.Model, req DependabotRequest) (*Dependabot, error) {
	role, err := dependabotRole(m, req.Role)
	if err != nil {
		return nil, err
	}
	account, err := dependabotAccount(m, req.DomainOwner)
	if err != nil {
		return nil, err
	}
	owner, repo, err := dependabotAppRepo(m, role, req.AppRepo)
	if err != nil {
		return nil, err
	}
	d := &Dependabot{}
	d.Diagnostics = append(d.Diagnostics, partitionProblems(m)...)
	if account == "" {
		d.Diagnostics = append(d.Diagnostics, diag.Diagnostic{
			Severity: diag.Error, Code: "BOT008", Pos: m.Domain.NamePos,
			Summary: "the AWS account of the domain and role is unknown: Dependabot needs it as account-id and domain-owner",
			Detail: "Dependabot builds the role ARN from account-id and asks for the token of the domain owned by domain-owner; " +
				"the spec does not pin domain.owner. Fix: set domain.owner in the spec (it also becomes a plan precondition), or pass --domain-owner ACCOUNT.",
		})
	}
	d.Admission, err = dependabotAdmission(m, role, owner, repo)
	if err != nil {
		return nil, err
	}
	d.Diagnostics = append(d.Diagnostics, roleProblems(m, role, owner, repo, d.Admission)...)
	var skipped diag.Diagnostics
	d.Registries, skipped = dependabotRegistries(m, role, account)
	d.Diagnostics = append(d.Diagnostics, skipped...)
	if len(d.Registries) == 0 {
		d.Diagnostics = append(d.Diagnostics, diag.Diagnostic{
			Severity: diag.Error, Code: "BOT007", Pos: role.NamePos,
			Summary: fmt.Sprintf("role %s reads no repository that Dependabot can reach with OIDC", role.Name),
			Detail: "Dependabot's OIDC support for CodeArtifact covers the npm, pypi, maven, nuget and ruby formats (" + DependabotDocs + "). " +
				"Fix: name a role whose policies read a repository of one of these formats.",
		})
	}
	d.Diagnostics = d.Diagnostics.Sort()
	if d.Diagnostics.HasErrors() {
		return d, nil
	}
	content, err := dependabotYAML(m, role, account, d.Registries)
	if err != nil {
		return nil, err
	}
	d.Files = []File{{Path: DependabotPath, Content: content}}
	return d, nil
}

// dependabotUsage returns a *UsageError with the formatted message.
func dependabotUsage(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// dependabotRole finds the role the request names.
func dependabotRole(m *model.Model, name string) (*model.Role, error) {
	var names []string
	for _, r := range m.Roles {
		if r.Name == name {
			return r, nil
		}
		names = append(names, r.Name)
	}
	if name == "" {
		return nil, dependabotUsage("name the role Dependabot assumes with --role NAME: the subject of the token Dependabot presents is not documented, so no role is chosen for you; the spec's roles: %s", strings.Join(names, ", "))
	}
	return nil, dependabotUsage("the spec has no role %q; its roles: %s", name, strings.Join(names, ", "))
}

// dependabotAccount returns the account ID: the request's, the spec's domain.owner, or "".
func dependabotAccount(m *model.Model, requested string) (string, error) {
	switch {
	case requested == "":
		return m.Domain.Owner, nil
	case !aws.AccountID.MatchString(requested):
		return "", dependabotUsage("--domain-owner %q: want the 12-digit AWS account ID that owns domain %s", requested, m.Domain.Name)
	case m.Domain.Owner != "" && m.Domain.Owner != requested:
		return "", dependabotUsage("--domain-owner %s differs from the owner %s the spec gives domain %s; drop --domain-owner", requested, m.Domain.Owner, m.Domain.Name)
	}
	return requested, nil
}

// dependabotAppRepo splits the request's OWNER/NAME, or takes the only repository the
// role's rules name literally.
func dependabotAppRepo(m *model.Model, role *model.Role, appRepo string) (owner, repo string, err error) {
	owner = m.GitHub.Owner.Name
	if appRepo != "" {
		o, name, ok := strings.Cut(appRepo, "/")
		if !ok || o == "" || name == "" || strings.Contains(name, "/") {
			return "", "", dependabotUsage("--app-repo %q: want OWNER/NAME, for example %s/app", appRepo, owner)
		}
		return o, name, nil
	}
	var named []string
	for _, r := range role.Rules {
		named = append(named, r.Rule.Repositories...)
	}
	named = uniq(named)
	if len(named) == 1 && !strings.ContainsAny(named[0], "*?") {
		return owner, named[0], nil
	}
	trusted := "no repository"
	if len(named) > 0 {
		trusted = strings.Join(named, ", ")
	}
	return "", "", dependabotUsage("give the repository Dependabot runs in with --app-repo %s/NAME: role %s trusts %s, so it cannot be inferred", owner, role.Name, trusted)
}

// partitionProblems refuses partitions other than aws: Dependabot's proxy writes the role
// ARN with partition aws and calls the global STS endpoint and
// codeartifact.REGION.amazonaws.com [PROXY].
func partitionProblems(m *model.Model) diag.Diagnostics {
	if m.Domain.Partition == "aws" {
		return nil
	}
	return diag.Diagnostics{{
		Severity: diag.Error, Code: "BOT005", Pos: m.Domain.NamePos,
		Summary: fmt.Sprintf("Dependabot cannot reach CodeArtifact in region %s (partition %s)", m.Domain.Region, m.Domain.Partition),
		Detail: "GitHub documents Dependabot's OIDC support for AWS CodeArtifact without a partition setting, and Dependabot's proxy (dependabot/proxy, internal/oidc) " +
			"assumes arn:aws:iam::ACCOUNT:role/ROLE at https://sts.amazonaws.com and calls codeartifact.REGION.amazonaws.com, so a role in " + m.Domain.Partition +
			" can never be assumed. Fix: use static credentials for this registry, or a domain in a commercial AWS region.",
	}}
}

// dependabotRegistries returns a registry for every repository the role reads whose
// format Dependabot reaches, except a repository that is an upstream (directly or not) of
// another one of the same list: clients reach it through that one. Repositories of other
// formats are reported as BOT006 warnings.
func dependabotRegistries(m *model.Model, role *model.Role, account string) ([]Registry, diag.Diagnostics) {
	var read []*model.Repository
	for _, r := range m.Repositories {
		if reads(role, r) {
			read = append(read, r)
		}
	}
	var ds diag.Diagnostics
	var regs []Registry
	for _, r := range read {
		f, ok := dependabotFormats()[r.Format]
		if !ok {
			ds = append(ds, diag.Diagnostic{
				Severity: diag.Warning, Code: "BOT006", Pos: r.NamePos,
				Summary: fmt.Sprintf("repository %s (%s) gets no Dependabot registry: GitHub documents no OIDC registry type for %s", r.Name, r.Format, r.Format),
				Detail: "GitHub supports OIDC for the registry types that take a username and password (" + DependabotDocs + "); " +
					unsupportedWhy(r.Format) + " Dependabot will not update dependencies from this repository. " +
					"Fix: none needed if that is acceptable; otherwise configure this registry by hand with a token in a Dependabot secret.",
			})
			continue
		}
		if slices.ContainsFunc(read, func(o *model.Repository) bool { return o != r && o.Format == r.Format && upstreamOf(o, r) }) {
			continue
		}
		regs = append(regs, Registry{
			Name: "codeartifact-" + r.Name, Type: f.registryType, Ecosystem: f.ecosystem,
			URL:          endpoint(m, account, r) + f.urlSuffix,
			Repository:   r,
			ReplacesBase: f.replacesBase && cachesPublic(r),
		})
	}
	// Only one registry per ecosystem can stand in for the public one.
	for _, eco := range ecosystems(regs) {
		var base []int
		for i, g := range regs {
			if g.Ecosystem == eco && g.ReplacesBase {
				base = append(base, i)
			}
		}
		if len(base) < 2 {
			continue
		}
		var names []string
		for _, i := range base {
			regs[i].ReplacesBase = false
			names = append(names, regs[i].Repository.Name)
		}
		ds = append(ds, diag.Diagnostic{
			Severity: diag.Warning, Code: "BOT010", Pos: regs[base[0]].Repository.NamePos,
			Summary: fmt.Sprintf("repositories %s all cache the public %s registry: none of them replaces it for Dependabot", strings.Join(names, ", "), eco),
			Detail:  "replaces-base makes Dependabot look up every package in one registry instead of the public one; with several candidates the kit chooses none, so public packages are looked up publicly. Fix: give the role read access to one of them only.",
		})
	}
	return regs, ds
}

// unsupportedWhy says why a format gets no registry.
func unsupportedWhy(format string) string {
	if format == "cargo" {
		return "cargo-registry takes a token only, and the page does not list it for OIDC (dependabot/proxy has code that registers OIDC credentials for cargo registries, but GitHub does not document it)."
	}
	return "Dependabot has no registry type for " + format + " packages."
}

// upstreamOf reports whether up is an upstream of r, directly or through other upstreams.
func upstreamOf(r, up *model.Repository) bool {
	seen := map[*model.Repository]bool{}
	var walk func(*model.Repository) bool
	walk = func(x *model.Repository) bool {
		for _, u := range x.Upstreams {
			if u == up {
				return true
			}
			if !seen[u] {
				seen[u] = true
				if walk(u) {
					return true
				}
			}
		}
		return false
	}
	return walk(r)
}

// cachesPublic reports whether the repository, or an upstream of it, has an external
// connection to a public registry.
func cachesPublic(r *model.Repository) bool {
	if !r.Internal() {
		return true
	}
	for _, o := range r.Upstreams {
		if cachesPublic(o) {
			return true
		}
	}
	return false
}

// endpoint returns the repository endpoint https://DOMAIN-OWNER.d.codeartifact.REGION.
// amazonaws.com/FORMAT/REPO/ [FACTS]; only the aws partition is rendered (BOT005).
func endpoint(m *model.Model, account string, r *model.Repository) string {
	return fmt.Sprintf("https://%s-%s.d.codeartifact.%s.amazonaws.com/%s/%s/", m.Domain.Name, account, m.Domain.Region, r.Format, r.Name)
}

// ecosystems returns the ecosystems of the registries, in their first order.
func ecosystems(regs []Registry) []string {
	var out []string
	for _, g := range regs {
		if !slices.Contains(out, g.Ecosystem) {
			out = append(out, g.Ecosystem)
		}
	}
	return out
}

// dependabotYAML writes the file: the kit's header, comments that say where each value
// comes from, then the configuration built as a YAML node tree (so every value is quoted
// as YAML needs).
func dependabotYAML(m *model.Model, role *model.Role, account string, regs []Registry) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header("from "+m.SpecPath) + "\n")
	for _, line := range []string{
		"",
		"Dependabot reads the CodeArtifact repositories of domain " + m.Domain.Name + " by assuming",
		"role " + role.Name + " with its own OIDC token (no stored secret).",
		"Fields as GitHub documents them:",
		DependabotDocs,
		"aws-region, account-id, role-name, domain and domain-owner are required; audience is",
		"optional, written here as the audience the role's trust policy pins.",
		"The subject (sub) of the token Dependabot presents is not documented: check the first",
		"run's AssumeRoleWithWebIdentity event in CloudTrail (userIdentity.userName) against the",
		"role's trust policy.",
	} {
		b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
	root := mapping()
	addPair(root, "version", intScalar(2))
	registries := mapping()
	for _, g := range regs {
		entry := mapping()
		addPair(entry, "type", str(g.Type))
		addPair(entry, "url", str(g.URL))
		addPair(entry, "aws-region", str(m.Domain.Region))
		addPair(entry, "account-id", str(account))
		addPair(entry, "role-name", str(role.Name))
		addPair(entry, "domain", str(m.Domain.Name))
		addPair(entry, "domain-owner", str(account))
		addPair(entry, "audience", str(m.GitHub.Audience))
		if g.ReplacesBase {
			addPair(entry, "replaces-base", boolScalar(true))
		}
		key := str(g.Name)
		key.HeadComment = fmt.Sprintf("CodeArtifact repository %s (%s)", g.Repository.Name, g.Repository.Format)
		if g.ReplacesBase {
			key.HeadComment += "; it caches the public registry, so it replaces it"
		}
		if f := dependabotFormats()[g.Repository.Format]; f.unverified != "" {
			key.HeadComment += "\n" + f.unverified
		}
		registries.Content = append(registries.Content, key, entry)
	}
	addPair(root, "registries", registries)
	updates := &yaml.Node{Kind: yaml.SequenceNode}
	for _, eco := range ecosystems(regs) {
		entry := mapping()
		addPair(entry, "package-ecosystem", str(eco))
		addPair(entry, "directory", str("/"))
		schedule := mapping()
		addPair(schedule, "interval", str("weekly"))
		addPair(entry, "schedule", schedule)
		names := &yaml.Node{Kind: yaml.SequenceNode}
		for _, g := range regs {
			if g.Ecosystem == eco {
				names.Content = append(names.Content, str(g.Name))
			}
		}
		addPair(entry, "registries", names)
		updates.Content = append(updates.Content, entry)
	}
	addPair(root, "updates", updates)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func intScalar(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(i)}
}

func boolScalar(v bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v)}
}

func addPair(m *yaml.Node, key string, value *yaml.Node) {
	m.Content = append(m.Content, str(key), value)
}
