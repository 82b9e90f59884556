package model

import (
	"cmp"
	"maps"
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// buildConsumers resolves the spec's consumers and the resource policies that grant them
// access: the domain policy lets every consumer principal call GetAuthorizationToken on the
// domain, and each repository's policy lets its readers read and its publishers publish.
// A consumer's own account must still allow these actions, and sts:GetServiceBearerToken,
// in an identity policy of its principals: resource policies cannot grant that.
func buildConsumers(m *Model, f *spec.File, repos map[string]*Repository, a arns) {
	for i := range f.Consumers {
		c := &f.Consumers[i]
		con := &Consumer{Name: c.Name.Value, Pos: c.Pos}
		for _, p := range c.Principals {
			con.Principals = append(con.Principals, principalARN(p.Value))
			con.PrincipalsAsWritten = append(con.PrincipalsAsWritten, Located{Value: p.Value, Pos: p.Pos})
		}
		con.Principals = uniqueExprs(con.Principals)
		read := map[string]bool{}
		for _, r := range c.Read {
			read[r.Value] = true
		}
		for i := range c.Publish {
			g := &c.Publish[i]
			repo := repos[g.Repository.Value]
			read[repo.Name] = true
			con.Publishes = append(con.Publishes, &PublishGrant{Repository: repo, Packages: packagePatterns(repo.Format, values(g.Namespaces), values(g.Packages)),
				RepositoryPos: g.Repository.Pos, Silences: silences(g.Silence)})
		}
		for _, name := range slices.Sorted(maps.Keys(read)) {
			con.Reads = append(con.Reads, repos[name])
		}
		slices.SortFunc(con.Publishes, func(x, y *PublishGrant) int { return cmp.Compare(x.Repository.Name, y.Repository.Name) })
		m.Consumers = append(m.Consumers, con)
	}
	if len(m.Consumers) == 0 {
		return
	}
	sortByName(m.Consumers, func(c *Consumer) string { return c.Name })

	var all []policy.Expr
	for _, c := range m.Consumers {
		all = append(all, c.Principals...)
	}
	m.DomainPolicy = &policy.Document{Statements: []policy.Statement{{
		Sid: "ConsumersGetAuthorizationToken", Effect: "Allow",
		Principal: &policy.Principal{Type: "AWS", IDs: uniqueExprs(all)},
		Actions:   []string{"codeartifact:GetAuthorizationToken"},
		Resources: []policy.Expr{a.Domain()},
	}}}

	for _, repo := range m.Repositories {
		var doc policy.Document
		for _, c := range m.Consumers {
			sid := tfname.SidWord(c.Name)
			if slices.Contains(c.Reads, repo) {
				doc.Statements = append(doc.Statements, policy.Statement{
					Sid: "Read" + sid, Effect: "Allow",
					Principal: &policy.Principal{Type: "AWS", IDs: c.Principals},
					Actions:   readRepositoryActions,
					Resources: []policy.Expr{a.Repository(repo.Name)},
				})
			}
			for _, g := range c.Publishes {
				if g.Repository != repo {
					continue
				}
				var resources []policy.Expr
				for _, rest := range uniqueSorted(g.Packages) {
					resources = append(resources, a.Package(repo.Name, repo.Format, rest))
				}
				doc.Statements = append(doc.Statements, policy.Statement{
					Sid: "Publish" + sid, Effect: "Allow",
					Principal: &policy.Principal{Type: "AWS", IDs: c.Principals},
					Actions:   aws.PublishActions(repo.Format),
					Resources: resources,
				})
			}
		}
		if len(doc.Statements) > 0 {
			m.RepositoryPolicies = append(m.RepositoryPolicies, &RepositoryPolicy{Repository: repo, Document: doc})
		}
	}
}

// principalARN returns the ARN of a principal given as an account ID (its root) or an ARN.
func principalARN(p string) policy.Expr {
	if aws.AccountID.MatchString(p) {
		return policy.Concat(policy.Part{Text: "arn:"}, policy.Part{Ref: RefPartition}, policy.Part{Text: ":iam::" + p + ":root"})
	}
	return policy.Lit(p)
}

func uniqueExprs(es []policy.Expr) []policy.Expr {
	slices.SortFunc(es, func(a, b policy.Expr) int { return cmp.Compare(a.Placeholder(), b.Placeholder()) })
	return slices.CompactFunc(es, func(a, b policy.Expr) bool { return a.Placeholder() == b.Placeholder() })
}

func uniqueSorted(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}
