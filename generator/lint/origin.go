package lint

import (
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// The lints of package origins (dependency substitution): ORIGIN001-005.
var (
	SubstitutionGap = Rule{"ORIGIN001", diag.Warning, "internal name open to the public registry",
		"The name is published internally to a repository that also reaches a public registry through its upstreams, and no package group blocks external upstreams for it. CodeArtifact protects a name only once its first version was published internally: until then (a new library, a name reserved in code) anyone can publish that name to the public registry, and builds that resolve through the repository install it (dependency substitution).",
		"Block external upstreams for the name: declare it under package_groups with external_upstream: block (or remove the group's allow), or, if its versions really do come from the public registry, set allow_external_upstream on the grant with the reason."}
	OpenPublishGrant = Rule{"ORIGIN002", diag.Warning, "publish grant for every package of a repository that reaches a public registry",
		"The grant lets the role publish any name to a repository whose upstreams reach a public registry, and the spec declares no internal namespace of the format: CodeArtifact cannot tell internal names from public ones, so every name not yet published internally can be fed from the public registry (dependency substitution).",
		"Declare the internal names: a package group (format and namespace, or a name prefix for formats without namespaces) with external_upstream: block, and narrow the grant to them with namespaces: or packages:."}
	OverriddenBlock = Rule{"ORIGIN003", diag.Warning, "a more specific package group overrides a block",
		"A package belongs to its most specific group only, so this group's allow replaces the block of the group that contains it for every package it matches, without anything in the containing group saying so.",
		"Set the restriction to inherit (or block), or silence this warning on the group with the reason the exception is needed."}
	UnusedAllowList = Rule{"ORIGIN004", diag.Warning, "publish allow-list names a repository no role publishes to",
		"The group allows publishing to a repository that no role's policy and no consumer can publish to: either the list is stale, or the repository that does receive the group's packages is missing from it and its publishes will be refused.",
		"Name the repositories the releases publish to, or remove the repository from the list."}
	UnprotectableName = Rule{"ORIGIN005", diag.Warning, "internal name that no package group can express",
		"The grant names packages with a wildcard inside a name or namespace (or \"?\"), which a package-group pattern cannot express (only a prefix ending in ~), so protection by default cannot block external upstreams for them.",
		"Name the packages, or use a prefix ending the name (acme-*), or declare a package group with a pattern that covers them."}
)

// originIndex is what the ORIGIN lints look up, computed once per model: the groups,
// the formats some group (of any pattern) blocks external upstreams for, and the route of
// each repository to a public registry.
type originIndex struct {
	groups         *model.GroupIndex
	blockedFormats map[string]bool
	paths          model.PathCache
}

// origins runs the ORIGIN lints on m's publish grants and package groups.
func (l *linter) origins() {
	groups := model.NewGroupIndex(l.m.PackageGroups)
	ix := &originIndex{groups: groups, blockedFormats: map[string]bool{}, paths: model.PathCache{}}
	for _, pg := range l.m.PackageGroups {
		if pg.ExternalUpstream.Mode == aws.ModeBlock {
			ix.blockedFormats[pg.Pattern.Format] = true
		}
	}
	for _, p := range l.m.Policies {
		for _, g := range p.Publishes {
			l.grantOrigins(ix, "policy "+p.Name, anchor{pos: g.RepositoryPos, policy: p.Name, silences: g.Silences}, g)
		}
	}
	for _, c := range l.m.Consumers {
		for _, g := range c.Publishes {
			l.grantOrigins(ix, "consumer "+c.Name, anchor{pos: g.RepositoryPos, consumer: c.Name, silences: g.Silences}, g)
		}
	}
	publishedTo := l.publishedTo()
	for _, g := range l.m.PackageGroups {
		if g.Declared() {
			l.groupOrigins(groups, publishedTo, g)
		}
	}
}

// grantOrigins checks one publish grant: its names' exposure to public registries
// (ORIGIN001, ORIGIN005), or, for a grant of every package, the exposure of every name
// (ORIGIN002).
func (l *linter) grantOrigins(ix *originIndex, owner string, at anchor, g *model.PublishGrant) {
	path := ix.paths.ExternalPath(g.Repository)
	if path == nil || !g.Repository.Internal() || g.AllowExternalUpstream != "" {
		return // no public registry behind it (publishing into a proxy is ACCESS001), or opted out
	}
	route := model.PathText(path)
	if slices.Contains(g.Packages, "*") {
		format := g.Repository.Format
		if !ix.blockedFormats[format] {
			l.add(&OpenPublishGrant, at, "%s can publish every %s package to %s, which reaches %s: no package group declares an internal %s name, so any name not yet published internally can come from the public registry; declare one under package_groups (%s) with external_upstream: block",
				owner, format, g.Repository.Name, route, format, exampleGroup(format))
		}
		return
	}
	patterns, inexpressible := model.GrantPatterns(g)
	for _, rest := range inexpressible {
		l.add(&UnprotectableName, at, "%s publishes %s/%s to %s, which reaches %s, but no package-group pattern can express %q", owner, g.Repository.Format, rest, g.Repository.Name, route, rest)
	}
	for _, p := range patterns {
		if !ix.groups.OpenToPublic(p, path) {
			continue
		}
		r, group := ix.groups.Effective(p, model.ExternalUpstream)
		why := "no package group blocks external upstreams for it; add package_groups: [{" + groupKeys(p) + ", external_upstream: block}]"
		if group != nil {
			why = "package group " + group.Pattern.String() + " " + modeWords(r) + "; set its external_upstream to block"
		}
		l.add(&SubstitutionGap, at, "%s is published internally by %s to %s and reachable from %s through %s: %s",
			p, owner, g.Repository.Name, path[len(path)-1].ExternalConnection, route, why)
	}
}

func modeWords(r model.Restriction) string {
	if r.Mode == aws.ModeAllow {
		return "allows external upstreams"
	}
	var names []string
	for _, repo := range r.Repositories {
		names = append(names, repo.Name)
	}
	return "allows external upstreams through " + strings.Join(names, ", ")
}

// groupKeys writes the readable spec keys of pattern p.
func groupKeys(p aws.GroupPattern) string {
	switch p.Kind {
	case aws.PatternFormat:
		return "format: " + p.Format
	case aws.PatternNamespacePrefix:
		return "format: " + p.Format + ", namespace_prefix: " + p.Namespace
	case aws.PatternNamespace:
		return "format: " + p.Format + ", namespace: " + p.Namespace
	}
	keys := "format: " + p.Format
	if p.Namespace != "" {
		keys += ", namespace: " + p.Namespace
	}
	if p.Kind == aws.PatternNamePrefix {
		return keys + ", prefix: " + p.Name
	}
	return keys + ", package: " + p.Name
}

// exampleGroup suggests the keys of an internal-name group for a format.
func exampleGroup(format string) string {
	if aws.HasNamespaces(format) {
		f, _ := aws.LookupFormat(format)
		return "format: " + format + ", namespace: YOUR-" + strings.ToUpper(f.Namespace)
	}
	return "format: " + format + ", prefix: YOUR-PREFIX"
}

// groupOrigins checks a declared group: restrictions that replace a containing group's
// block (ORIGIN003) and publish allow-lists naming repositories nobody publishes to
// (ORIGIN004).
// publishedTo holds the repositories some role or consumer may publish to.
func (l *linter) groupOrigins(groups *model.GroupIndex, publishedTo map[*model.Repository]bool, g *model.PackageGroup) {
	for _, k := range model.RestrictionKinds {
		r := g.Restriction(k)
		if r.Mode != aws.ModeAllow && r.Mode != aws.ModeAllowSpecific {
			continue
		}
		if outer, parent := groups.EffectiveOutside(g, k); parent != nil && outer.Mode == aws.ModeBlock {
			l.add(&OverriddenBlock, anchor{pos: r.Pos, silences: g.Silences}, "package group %s sets %s to %s, which replaces the block of %s for its packages",
				g.Pattern, k, strings.ToLower(r.Mode), parent.Pattern)
		}
	}
	if g.Publish.Mode != aws.ModeAllowSpecific {
		return
	}
	for _, repo := range g.Publish.Repositories {
		if !publishedTo[repo] {
			l.add(&UnusedAllowList, anchor{pos: g.Publish.Pos, silences: g.Silences}, "package group %s allows publishing to %s, but no role or consumer can publish to %s", g.Pattern, repo.Name, repo.Name)
		}
	}
}

// publishedTo returns the repositories a policy of some role, or a consumer, may publish
// to (once, so that checking every group's allow-list is linear).
func (l *linter) publishedTo() map[*model.Repository]bool {
	out := map[*model.Repository]bool{}
	for _, r := range l.m.Roles {
		for _, p := range r.Policies {
			for _, g := range p.Publishes {
				out[g.Repository] = true
			}
		}
	}
	for _, c := range l.m.Consumers {
		for _, g := range c.Publishes {
			out[g.Repository] = true
		}
	}
	return out
}
