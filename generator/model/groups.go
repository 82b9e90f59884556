package model

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// PackageGroup is a CodeArtifact package group with its origin configuration: declared in
// the spec, or added by protection by default for the names of publish grants (Protects
// is then non-empty).
type PackageGroup struct {
	Pattern aws.GroupPattern
	// Address is the Terraform name of its awscc_codeartifact_package_group.
	Address              string
	Description, Contact string
	Publish              Restriction
	ExternalUpstream     Restriction
	InternalUpstream     Restriction
	Tags                 []Tag
	// Protects names the publish grants an added group protects ("policy P, repository R"),
	// sorted; empty for a group the spec declares.
	Protects []string
	// Pos is where the spec declares the group (for an added group, where the first grant
	// it protects names its repository); Silences are its silence entries.
	Pos      diag.Pos
	Silences []Silence
}

// Declared reports whether the spec declares the group (rather than protection by default).
func (g *PackageGroup) Declared() bool { return len(g.Protects) == 0 }

// Restriction is one origin restriction of a group.
type Restriction struct {
	// Mode is aws.ModeAllow, ModeBlock, ModeAllowSpecific or ModeInherit.
	Mode string
	// Repositories are the repositories of ModeAllowSpecific, sorted by name.
	Repositories []*Repository
	// Pos is where the spec writes the mode; zero when it does not.
	Pos diag.Pos
}

// RestrictionKind selects one of a group's three restrictions.
type RestrictionKind int

// The restrictions of a group, in the order the API lists them.
const (
	Publish RestrictionKind = iota
	ExternalUpstream
	InternalUpstream
)

// RestrictionKinds lists every kind.
var RestrictionKinds = []RestrictionKind{Publish, ExternalUpstream, InternalUpstream}

// String is the kind as the spec writes it.
func (k RestrictionKind) String() string {
	return [...]string{"publish", "external_upstream", "internal_upstream"}[k]
}

// Restriction returns the group's restriction of kind k.
func (g *PackageGroup) Restriction(k RestrictionKind) Restriction {
	return [...]Restriction{g.Publish, g.ExternalUpstream, g.InternalUpstream}[k]
}

// Effective returns the restriction of kind k that applies to the packages of pattern p:
// the mode of the most specific group containing p whose mode is not INHERIT, with that
// group; or, when every such group inherits, ALLOW and nil (the root group /*, which every
// domain has, allows every origin [unverified: the root group's default configuration]).
// Groups more specific than p, which may change part of p's set, are not looked at.
// Each call is a pass over groups, the reference GroupIndex is tested against; for many
// patterns, use a GroupIndex, which answers the same in O(log n + depth).
func Effective(groups []*PackageGroup, p aws.GroupPattern, k RestrictionKind) (Restriction, *PackageGroup) {
	rs, gs := EffectiveAll(groups, p)
	return rs[k], gs[k]
}

// EffectiveAll is Effective for the three kinds at once (indexed by RestrictionKind), with
// one pass over the groups.
func EffectiveAll(groups []*PackageGroup, p aws.GroupPattern) (rs [3]Restriction, gs [3]*PackageGroup) {
	decided := [3]bool{}
	for _, g := range Containing(groups, p) {
		for _, k := range RestrictionKinds {
			if r := g.Restriction(k); !decided[k] && r.Mode != aws.ModeInherit && r.Mode != "" {
				rs[k], gs[k], decided[k] = r, g, true
			}
		}
	}
	for _, k := range RestrictionKinds {
		if !decided[k] {
			rs[k] = Restriction{Mode: aws.ModeAllow}
		}
	}
	return rs, gs
}

// Containing returns the groups whose pattern contains p, the most specific first.
func Containing(groups []*PackageGroup, p aws.GroupPattern) []*PackageGroup {
	var out []*PackageGroup
	for _, g := range groups {
		if g.Pattern.Contains(p) {
			out = append(out, g)
		}
	}
	slices.SortStableFunc(out, func(a, b *PackageGroup) int {
		switch {
		case a.Pattern.MoreSpecific(b.Pattern):
			return -1
		case b.Pattern.MoreSpecific(a.Pattern):
			return 1
		}
		return 0
	})
	return out
}

// Allows reports whether the restriction lets versions in through repo: ALLOW, or
// ALLOW_SPECIFIC_REPOSITORIES naming repo.
func (r Restriction) Allows(repo *Repository) bool {
	return r.Mode == aws.ModeAllow || r.Mode == aws.ModeAllowSpecific && slices.Contains(r.Repositories, repo)
}

// OpenToPublic reports whether versions of pattern p may arrive from the public registry
// at the end of path (ExternalPath): the external-upstream restriction that applies to p
// is ALLOW, or ALLOW_SPECIFIC_REPOSITORIES naming a repository on the path (which
// repository such a list must name is not documented plainly; any on the path counts
// [unverified]).
func OpenToPublic(groups []*PackageGroup, p aws.GroupPattern, path []*Repository) bool {
	r, _ := Effective(groups, p, ExternalUpstream)
	return r.Mode == aws.ModeAllow || r.Mode == aws.ModeAllowSpecific && slices.ContainsFunc(path, r.Allows)
}

// GrantPatterns returns the package-group patterns of the names a publish grant names, and
// the ARN parts that no pattern can express (wildcards other than one at the end, "?").
// A grant of every package ("*") has neither.
func GrantPatterns(g *PublishGrant) (patterns []aws.GroupPattern, inexpressible []string) {
	format := g.Repository.Format
	for _, rest := range g.Packages {
		if rest == "*" {
			continue
		}
		ns, name, _ := strings.Cut(rest, "/")
		var text string
		nsPrefix, nsWild, nsOK := wildcardPrefix(ns)
		namePrefix, nameWild, nameOK := wildcardPrefix(name)
		switch {
		case name == "*" && nsWild && nsOK:
			text = aws.GroupPatternText(format, "", nsPrefix, "", "")
		case name == "*" && !nsWild:
			text = aws.GroupPatternText(format, ns, "", "", "")
		case nsWild || !nameOK:
			inexpressible = append(inexpressible, rest)
			continue
		case nameWild:
			text = aws.GroupPatternText(format, ns, "", namePrefix, "")
		default:
			text = aws.GroupPatternText(format, ns, "", "", name)
		}
		p, problem := aws.ParseGroupPattern(text)
		if problem != "" {
			inexpressible = append(inexpressible, rest)
			continue
		}
		patterns = append(patterns, p)
	}
	return patterns, inexpressible
}

// wildcardPrefix returns s without a single trailing "*" and whether s has a wildcard at
// all; ok is false when it has one that is not a single trailing "*" after some text.
func wildcardPrefix(s string) (prefix string, wild, ok bool) {
	if !strings.ContainsAny(s, "*?") {
		return s, false, true
	}
	prefix, trailing := strings.CutSuffix(s, "*")
	if !trailing || prefix == "" || strings.ContainsAny(prefix, "*?") {
		return "", true, false
	}
	return prefix, true, true
}

// ExternalPath returns a path from repo to a repository with an external connection,
// through upstreams in search order (repo itself when it has one), or nil.
func ExternalPath(repo *Repository) []*Repository {
	seen := map[*Repository]bool{}
	var walk func(r *Repository) []*Repository
	walk = func(r *Repository) []*Repository {
		if seen[r] {
			return nil
		}
		seen[r] = true
		if r.ExternalConnection != "" {
			return []*Repository{r}
		}
		for _, u := range r.Upstreams {
			if p := walk(u); p != nil {
				return append([]*Repository{r}, p...)
			}
		}
		return nil
	}
	return walk(repo)
}

// PathCache memoises ExternalPath per repository, so that many grants to the repositories
// of a deep upstream chain walk it once.
type PathCache map[*Repository][]*Repository

// ExternalPath is ExternalPath(repo), computed once per repository.
func (c PathCache) ExternalPath(repo *Repository) []*Repository {
	path, ok := c[repo]
	if !ok {
		path = ExternalPath(repo)
		c[repo] = path
	}
	return path
}

// PathText writes a path of ExternalPath: "npm → npm-upstream → public:npmjs".
func PathText(path []*Repository) string {
	var parts []string
	for _, r := range path {
		parts = append(parts, r.Name)
	}
	return strings.Join(parts, " → ") + " → " + path[len(path)-1].ExternalConnection
}

// buildPackageGroups resolves the spec's package groups, then adds, for every publish
// grant that names namespaces or packages of a repository that reaches an external
// connection and does not opt out (allow_external_upstream), a group that blocks external
// upstreams for those names, unless a group of the spec already gives that pattern or
// already blocks it.
func buildPackageGroups(m *Model, f *spec.File, repos map[string]*Repository) {
	for i := range f.PackageGroups {
		m.PackageGroups = append(m.PackageGroups, buildPackageGroup(&f.PackageGroups[i], repos, f.Domain.Tags))
	}
	declared := slices.Clone(m.PackageGroups)
	declaredIndex := NewGroupIndex(declared)
	byPattern := map[string]*PackageGroup{}
	for _, g := range declared {
		byPattern[g.Pattern.String()] = g
	}
	paths := PathCache{}
	protect := func(owner string, g *PublishGrant) {
		if g.AllowExternalUpstream != "" || paths.ExternalPath(g.Repository) == nil {
			return
		}
		patterns, _ := GrantPatterns(g)
		for _, p := range patterns {
			if existing, ok := byPattern[p.String()]; ok {
				if !existing.Declared() && !slices.Contains(existing.Protects, owner) {
					existing.Protects = append(existing.Protects, owner)
				}
				continue
			}
			if r, _ := declaredIndex.Effective(p, ExternalUpstream); r.Mode == aws.ModeBlock {
				continue
			}
			added := &PackageGroup{
				Pattern: p, Description: "Internal names of " + owner + ": no versions from public registries.",
				Publish: Restriction{Mode: aws.ModeInherit}, ExternalUpstream: Restriction{Mode: aws.ModeBlock}, InternalUpstream: Restriction{Mode: aws.ModeInherit},
				Tags: mergeTags(f.Domain.Tags, spec.Tags{}), Protects: []string{owner}, Pos: g.RepositoryPos,
			}
			byPattern[p.String()] = added
			m.PackageGroups = append(m.PackageGroups, added)
		}
	}
	fillOptOuts(m, f)
	for _, p := range m.Policies {
		for _, g := range p.Publishes {
			protect("policy "+p.Name+", repository "+g.Repository.Name, g)
		}
	}
	for _, c := range m.Consumers {
		for _, g := range c.Publishes {
			protect("consumer "+c.Name+", repository "+g.Repository.Name, g)
		}
	}
	slices.SortFunc(m.PackageGroups, func(a, b *PackageGroup) int { return cmp.Compare(a.Pattern.String(), b.Pattern.String()) })
	taken := map[string]bool{}
	for _, g := range m.PackageGroups {
		slices.Sort(g.Protects)
		base := tfname.Identifier(g.Pattern.Label())
		g.Address = base
		for n := 2; taken[g.Address]; n++ {
			g.Address = base + "_" + strconv.Itoa(n)
		}
		taken[g.Address] = true
	}
}

// fillOptOuts copies allow_external_upstream of the spec's publish grants to the model's
// (a policy or consumer names each repository once, so the repository finds the grant).
func fillOptOuts(m *Model, f *spec.File) {
	set := func(grants []*PublishGrant, spec []spec.PublishGrant) {
		for _, sg := range spec {
			for _, g := range grants {
				if g.Repository.Name == sg.Repository.Value && sg.AllowExternalUpstream.Set {
					g.AllowExternalUpstream, g.AllowExternalUpstreamPos = sg.AllowExternalUpstream.Value, sg.AllowExternalUpstream.Pos
				}
			}
		}
	}
	policies := byFirstName(m.Policies, func(p *Policy) string { return p.Name })
	for i := range f.Policies {
		if p := policies[f.Policies[i].Name.Value]; p != nil {
			set(p.Publishes, f.Policies[i].Publish)
		}
	}
	consumers := byFirstName(m.Consumers, func(c *Consumer) string { return c.Name })
	for i := range f.Consumers {
		if c := consumers[f.Consumers[i].Name.Value]; c != nil {
			set(c.Publishes, f.Consumers[i].Publish)
		}
	}
}

// byFirstName maps each name to the first item with it.
func byFirstName[T any](items []T, nameOf func(T) string) map[string]T {
	out := make(map[string]T, len(items))
	for _, it := range items {
		if _, ok := out[nameOf(it)]; !ok {
			out[nameOf(it)] = it
		}
	}
	return out
}

func buildPackageGroup(sg *spec.PackageGroup, repos map[string]*Repository, domainTags spec.Tags) *PackageGroup {
	text := sg.Pattern.Value
	if !sg.Pattern.Set {
		text = aws.GroupPatternText(sg.Format.Value, sg.Namespace.Value, sg.NamespacePrefix.Value, sg.Prefix.Value, sg.Package.Value)
	}
	p, _ := aws.ParseGroupPattern(text) // valid: validate.Spec checked it
	restriction := func(mode spec.String, names []spec.String) Restriction {
		r := Restriction{Mode: RestrictionMode(mode.Value), Pos: mode.Pos}
		for _, n := range names {
			r.Repositories = append(r.Repositories, repos[n.Value])
		}
		sortByName(r.Repositories, func(r *Repository) string { return r.Name })
		r.Repositories = slices.Compact(r.Repositories)
		return r
	}
	return &PackageGroup{
		Pattern: p, Description: sg.Description.Value, Contact: sg.Contact.Value,
		Publish:          restriction(sg.Publish, sg.PublishRepositories),
		ExternalUpstream: restriction(sg.ExternalUpstream, sg.ExternalUpstreamRepositories),
		InternalUpstream: restriction(sg.InternalUpstream, sg.InternalUpstreamRepositories),
		Tags:             mergeTags(domainTags, sg.Tags),
		Pos:              sg.Pos,
		Silences:         silences(sg.Silence),
	}
}

// RestrictionMode maps the spec's word (allow, block, allow_specific_repositories,
// inherit; absent means inherit) to the API's mode.
func RestrictionMode(word string) string {
	switch word {
	case "allow":
		return aws.ModeAllow
	case "block":
		return aws.ModeBlock
	case "allow_specific_repositories":
		return aws.ModeAllowSpecific
	}
	return aws.ModeInherit
}

// InternalName is a namespace, name prefix or package that publish grants name: the
// organisation's own names, with who publishes them where.
type InternalName struct {
	Pattern aws.GroupPattern
	Grants  []NameGrant // sorted by owner, then repository
}

// NameGrant is one publish grant of an internal name.
type NameGrant struct {
	// Owner is "policy NAME" or "consumer NAME"; Roles are the roles that attach the
	// policy, sorted (none for a consumer).
	Owner string
	Roles []string
	Grant *PublishGrant
}

// InternalNames returns every name the publish grants of m name (GrantPatterns), sorted
// by pattern.
func InternalNames(m *Model) []*InternalName {
	byPattern := map[string]*InternalName{}
	add := func(owner string, roles []string, g *PublishGrant) {
		patterns, _ := GrantPatterns(g)
		for _, p := range patterns {
			n := byPattern[p.String()]
			if n == nil {
				n = &InternalName{Pattern: p}
				byPattern[p.String()] = n
			}
			n.Grants = append(n.Grants, NameGrant{Owner: owner, Roles: roles, Grant: g})
		}
	}
	rolesOf := map[*Policy][]string{} // the roles attaching each policy, in order, once each
	for _, r := range m.Roles {
		for i, p := range r.Policies {
			if !slices.Contains(r.Policies[:i], p) {
				rolesOf[p] = append(rolesOf[p], r.Name)
			}
		}
	}
	for _, p := range m.Policies {
		roles := rolesOf[p]
		for _, g := range p.Publishes {
			add("policy "+p.Name, roles, g)
		}
	}
	for _, c := range m.Consumers {
		for _, g := range c.Publishes {
			add("consumer "+c.Name, nil, g)
		}
	}
	out := make([]*InternalName, 0, len(byPattern))
	for _, n := range byPattern {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b *InternalName) int { return cmp.Compare(a.Pattern.String(), b.Pattern.String()) })
	return out
}

// InternalUpstreams returns the repositories of the domain that repo retains versions
// from through upstreams, in search order, without repo itself.
func InternalUpstreams(repo *Repository) []*Repository {
	seen := map[*Repository]bool{repo: true}
	var out []*Repository
	var walk func(r *Repository)
	walk = func(r *Repository) {
		for _, u := range r.Upstreams {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
				walk(u)
			}
		}
	}
	walk(repo)
	return out
}
