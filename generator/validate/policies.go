package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

func lower(s string) string { return strings.ToLower(s) }

func (c *checker) policies(ps []spec.Policy, at diag.Pos) {
	c.atMost(len(ps), "policies", at)
	all := names(ps, func(p *spec.Policy) spec.String { return p.Name })
	c.unique(all, "policy name", lower)
	c.addresses(all, "policy", lower)
	for i := range ps {
		p := &ps[i]
		if _, dup := c.policyByName[lower(p.Name.Value)]; !dup {
			c.policyByName[lower(p.Name.Value)] = p
		}
	}
	for i := range ps {
		c.policy(&ps[i])
	}
}

func (c *checker) policy(p *spec.Policy) {
	name := p.Name.Value
	c.iamName(p.Name, "policy", aws.PolicyNameMax)
	c.description(p.Description, "policy "+name)
	if len(p.Read) == 0 && len(p.Publish) == 0 {
		c.errorf("VALID030", p.Name.Pos, "Give the policy read: [repositories] or publish: [{repository: ...}], or remove it.", "policy %s grants nothing", name)
	}
	c.unique(p.Read, "repository in read", exact)
	for _, r := range p.Read {
		c.repositoryRef(r)
	}
	grants := names(p.Publish, func(g *spec.PublishGrant) spec.String { return g.Repository })
	c.unique(grants, "repository in publish", exact)
	for i := range p.Publish {
		c.publishGrant(&p.Publish[i])
	}
}

// repositoryRef checks that r names a repository of the spec and returns it, or nil.
func (c *checker) repositoryRef(r spec.String) *spec.Repository {
	repo, ok := c.repos[r.Value]
	if !ok {
		c.errorf("VALID031", r.Pos, "Name a repository of this spec. Known repositories: "+strings.Join(slices.Sorted(maps.Keys(c.repos)), ", ")+".", "unknown repository %q", r.Value)
	}
	return repo
}

func (c *checker) publishGrant(g *spec.PublishGrant) {
	repo := c.repositoryRef(g.Repository)
	if repo == nil {
		return
	}
	format := repo.Format.Value
	facts, _ := aws.LookupFormat(format)
	if len(g.Namespaces) > 0 && facts.Namespace == "" {
		c.errorf("VALID032", g.Namespaces[0].Pos, fmt.Sprintf("%s packages have no namespace in CodeArtifact; narrow with packages: [names] instead.", format),
			"namespaces do not apply to %s repository %s", format, repo.Name.Value)
	}
	c.unique(g.Namespaces, "namespace", exact)
	for _, ns := range g.Namespaces {
		switch {
		case facts.NamespaceSigil != "" && strings.HasPrefix(ns.Value, facts.NamespaceSigil):
			c.errorf("VALID032", ns.Pos, fmt.Sprintf("CodeArtifact stores the %s %s without %q: write %q.", format, facts.Namespace, facts.NamespaceSigil, strings.TrimPrefix(ns.Value, facts.NamespaceSigil)),
				"%s %s %q starts with %s", format, facts.Namespace, ns.Value, facts.NamespaceSigil)
		case !aws.PackageName.MatchString(ns.Value):
			c.errorf("VALID032", ns.Pos, "A namespace is 1 to 255 characters without \"#\", \"/\" or white space (\"*\" and \"?\" act as wildcards).", "invalid namespace %q", ns.Value)
		}
	}
	if len(g.Packages) > 0 && len(g.Namespaces) == 0 && facts.NamespaceRequired {
		c.errorf("VALID032", g.Packages[0].Pos, fmt.Sprintf("Every %s package has a namespace (a maven group, a swift scope); add namespaces: [...] so that the package ARN can match.", format),
			"packages of %s repository %s need namespaces", format, repo.Name.Value)
	}
	c.silences(g.Silence)
	c.unique(g.Packages, "package", func(s string) string { return aws.NormalizePackageName(format, s) })
	for _, pkg := range g.Packages {
		if !aws.PackageName.MatchString(pkg.Value) {
			c.errorf("VALID033", pkg.Pos, "A package name is 1 to 255 characters without \"#\", \"/\" or white space (\"*\" and \"?\" act as wildcards). Put an npm scope or maven group under namespaces.", "invalid package name %q", pkg.Value)
		}
	}
}

// iamName checks an IAM role or policy name: 1 to max characters of [\w+=,.@-].
func (c *checker) iamName(n spec.String, what string, max int) {
	if len(n.Value) > max || !aws.IAMName.MatchString(n.Value) {
		c.errorf("VALID034", n.Pos, fmt.Sprintf("An IAM %s name is 1 to %d characters: letters, digits and + = , . @ _ -.", what, max), "invalid %s name %q", what, n.Value)
	}
}
