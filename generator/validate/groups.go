package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// restrictionWords are the spec's words for a restriction mode.
var restrictionWords = []string{"allow", "block", "allow_specific_repositories", "inherit"}

// packageGroups checks the spec's package groups (GROUP001-GROUP008) and the opt-outs of
// publish grants from protection by default (GROUP009): every problem, each at its key.
func (c *checker) packageGroups(f *spec.File) {
	c.atMost(len(f.PackageGroups), "package groups", f.Keys.At("package_groups", diag.Pos{File: f.Path}))
	first := map[string]*spec.PackageGroup{}
	for i := range f.PackageGroups {
		g := &f.PackageGroups[i]
		p, at, ok := c.groupPattern(g)
		if ok {
			key := p.String()
			if prev, dup := first[key]; dup {
				c.errorf("GROUP003", at, fmt.Sprintf("CodeArtifact allows one group per pattern in a domain, and names are compared normalised; the first group with it starts at line %d, column %d. Merge the two groups.", prev.Pos.Line, prev.Pos.Col),
					"two package groups have the pattern %s", key)
			} else {
				first[key] = g
			}
		}
		for _, r := range []struct {
			key   string
			mode  spec.String
			repos []spec.String
		}{
			{"publish", g.Publish, g.PublishRepositories},
			{"external_upstream", g.ExternalUpstream, g.ExternalUpstreamRepositories},
			{"internal_upstream", g.InternalUpstream, g.InternalUpstreamRepositories},
		} {
			c.restriction(g, p, ok, r.key, r.mode, r.repos)
		}
		c.groupText(g.Description, "description")
		c.groupText(g.Contact, "contact")
		c.tags(g.Tags, "package group "+p.String())
		c.silences(g.Silence)
	}
	for i := range f.Policies {
		for j := range f.Policies[i].Publish {
			c.optOut(&f.Policies[i].Publish[j])
		}
	}
	for i := range f.Consumers {
		for j := range f.Consumers[i].Publish {
			c.optOut(&f.Consumers[i].Publish[j])
		}
	}
}

// groupPattern checks how a group selects its packages and returns its pattern, the
// position to report it at, and whether it is valid.
func (c *checker) groupPattern(g *spec.PackageGroup) (aws.GroupPattern, diag.Pos, bool) {
	readable := []spec.String{g.Format, g.Namespace, g.NamespacePrefix, g.Prefix, g.Package}
	written := slices.ContainsFunc(readable, func(s spec.String) bool { return s.Set })
	at := g.Pattern.Pos
	switch {
	case g.Pattern.Set && written:
		c.errorf("GROUP001", g.Pattern.Pos, "Give either pattern (CodeArtifact's syntax, the escape hatch) or format with namespace, namespace_prefix, prefix or package, not both.",
			"package group has both pattern and format keys")
		return aws.GroupPattern{}, at, false
	case !g.Pattern.Set && !g.Format.Set:
		c.errorf("GROUP001", g.Pos, "Give format (with namespace, namespace_prefix, prefix or package to narrow it), or a raw pattern such as /npm/acme/*.",
			"package group selects no packages")
		return aws.GroupPattern{}, g.Pos, false
	case g.NamespacePrefix.Set && (g.Namespace.Set || g.Prefix.Set || g.Package.Set):
		c.errorf("GROUP001", g.NamespacePrefix.Pos, "A namespace prefix selects whole namespaces (/maven/com.acme~); CodeArtifact's patterns cannot narrow it further. Use namespace with prefix or package instead.",
			"namespace_prefix cannot go with namespace, prefix or package")
		return aws.GroupPattern{}, g.NamespacePrefix.Pos, false
	case g.Prefix.Set && g.Package.Set:
		c.errorf("GROUP001", g.Package.Pos, "prefix selects every package whose name starts with it, package one package; give one of them (a second group for the other).",
			"package group has both prefix and package")
		return aws.GroupPattern{}, g.Package.Pos, false
	}
	text := g.Pattern.Value
	if !g.Pattern.Set {
		at = g.Format.Pos
		if !slices.Contains(aws.Formats, g.Format.Value) {
			c.errorf("GROUP002", at, "Use one of "+strings.Join(aws.Formats, ", ")+" (lower case).", "package group has the unknown format %q", g.Format.Value)
			return aws.GroupPattern{}, at, false
		}
		for _, s := range readable[1:] {
			if s.Set && s.Value == "" {
				c.errorf("GROUP002", s.Pos, "Give a value, or remove the key.", "package group has an empty selector")
				return aws.GroupPattern{}, s.Pos, false
			}
		}
		if facts, _ := aws.LookupFormat(g.Format.Value); facts.Namespace == "" && (g.Namespace.Set || g.NamespacePrefix.Set) {
			pos := g.Namespace.Pos
			if g.NamespacePrefix.Set {
				pos = g.NamespacePrefix.Pos
			}
			c.errorf("GROUP002", pos, fmt.Sprintf("%s packages have no namespace in CodeArtifact; select them by prefix or package alone.", g.Format.Value),
				"namespaces do not apply to %s package groups", g.Format.Value)
			return aws.GroupPattern{}, pos, false
		}
		text = aws.GroupPatternText(g.Format.Value, g.Namespace.Value, g.NamespacePrefix.Value, g.Prefix.Value, g.Package.Value)
	}
	p, problem := aws.ParseGroupPattern(text)
	switch {
	case problem != "":
		c.errorf("GROUP002", at, "A pattern is /FORMAT/NAMESPACE/NAME ending in $ (one package), ~ (a prefix) or * (every value), with an empty namespace for formats without namespaces: /npm/acme/*, /pypi//acme~, /maven/org.acme/core$.",
			"package group pattern %s %s", text, problem)
		return p, at, false
	case p.Kind == aws.PatternRoot:
		c.errorf("GROUP002", at, "Every domain has the root group /*, which cannot be created or deleted, so codeartifact-gen does not manage it; give the format's group (/npm/*) the origin controls instead.",
			"package group /* is the domain's root group")
		return p, at, false
	}
	return p, at, true
}

// restriction checks one restriction of a group: its word, and its repository list, which
// goes with allow_specific_repositories only and names repositories of the group's format.
func (c *checker) restriction(g *spec.PackageGroup, p aws.GroupPattern, patternOK bool, key string, mode spec.String, repos []spec.String) {
	listKey := key + "_repositories"
	if mode.Set && !slices.Contains(restrictionWords, mode.Value) {
		c.errorf("GROUP004", mode.Pos, "Write allow, block, allow_specific_repositories (with "+listKey+") or inherit (the parent group's mode; the default).",
			"unknown %s restriction %q", key, mode.Value)
		return
	}
	specific := mode.Value == "allow_specific_repositories"
	switch {
	case specific && len(repos) == 0:
		c.errorf("GROUP005", mode.Pos, "List the repositories under "+listKey+", or use allow or block.", "%s: allow_specific_repositories names no repositories", key)
	case !specific && len(repos) > 0:
		c.errorf("GROUP005", g.Keys.At(listKey, repos[0].Pos), "The list applies only to allow_specific_repositories; set "+key+": allow_specific_repositories, or remove the list.",
			"%s lists repositories, but %s is %s", listKey, key, cmpOr(mode.Value, "inherit"))
	}
	c.unique(repos, "repository in "+listKey, exact)
	for _, r := range repos {
		repo, ok := c.repos[r.Value]
		switch {
		case !ok:
			c.errorf("GROUP006", r.Pos, "Name a repository of this spec. Known repositories: "+strings.Join(slices.Sorted(maps.Keys(c.repos)), ", ")+".", "unknown repository %q in %s", r.Value, listKey)
		case patternOK && p.Format != "" && repo.Format.Value != p.Format:
			c.errorf("GROUP007", r.Pos, fmt.Sprintf("Repository %s holds %s packages, so it never holds a package of this %s group; name a %s repository.", r.Value, repo.Format.Value, p.Format, p.Format),
				"%s names %s repository %s for a group of %s packages", listKey, repo.Format.Value, r.Value, p.Format)
		}
	}
}

// groupText checks a group's description or contact: at most 1,000 characters, one line.
func (c *checker) groupText(s spec.String, what string) {
	if !s.Set {
		return
	}
	if n := len([]rune(s.Value)); n > aws.PackageGroupTextMax {
		c.errorf("GROUP008", s.Pos, fmt.Sprintf("Shorten it to %d characters at most.", aws.PackageGroupTextMax), "the %s of a package group has %d characters", what, n)
	}
	for _, r := range s.Value {
		if unicode.Is(unicode.C, r) {
			c.errorf("GROUP008", s.Pos, "Write one line of text: remove newlines, tabs and other control or format characters.", "the %s of a package group contains the control character %U", what, r)
			return
		}
	}
}

// optOut checks allow_external_upstream on a publish grant: a reason in a sentence, on a
// grant that names namespaces or packages (a grant of every package adds no group).
func (c *checker) optOut(g *spec.PublishGrant) {
	o := g.AllowExternalUpstream
	switch {
	case !o.Set:
	case len(g.Namespaces) == 0 && len(g.Packages) == 0:
		c.errorf("GROUP009", o.Pos, "Protection by default adds a package group only for the namespaces and packages a grant names; this grant names none, so there is nothing to opt out of. Remove allow_external_upstream.",
			"allow_external_upstream on a grant of every package of %s", g.Repository.Value)
	case len(strings.Fields(o.Value)) < 3:
		c.errorf("GROUP009", o.Pos, "Write in a sentence why these internal names may come from a public registry; explain shows it to every reviewer.",
			"the reason of allow_external_upstream is too short")
	}
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
