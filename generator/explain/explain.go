// Package explain tells a reviewer, for every role of a spec, who can assume it (as
// patterns and in plain words), what it can do on which repositories and packages, how
// large its trust policy is against IAM's quota, and which lint warnings the spec accepts
// and why. It reads the resolved model and the lint findings: the same trust policies that
// are rendered.
package explain

import (
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/lint"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Report is the explanation of one spec.
type Report struct {
	Spec     string   `json:"spec"`
	Domain   string   `json:"domain"`
	Region   string   `json:"region"`
	Owner    string   `json:"github_owner"`
	Issuer   string   `json:"issuer"`
	Audience string   `json:"audience"`
	Subjects string   `json:"subject_form"`
	Roles    []Role   `json:"roles"`
	Policies []Policy `json:"policies"`
	// Consumers are other AWS accounts with access through resource policies.
	Consumers []Consumer `json:"consumers,omitempty"`
	// InternalNames say where the versions of each internal name may come from (origins.go).
	InternalNames []InternalName `json:"internal_names,omitempty"`
}

// Consumer explains the access of another AWS account.
type Consumer struct {
	Name       string   `json:"name"`
	Principals []string `json:"principals"`
	Read       []string `json:"read"`
	Publish    []Grant  `json:"publish"`
	Warnings   []Note   `json:"warnings,omitempty"`
}

// Role explains one role.
type Role struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Sensitive   bool     `json:"sensitive,omitempty"`
	Who         []Rule   `json:"who"`
	Policies    []string `json:"policies"`
	Read        []string `json:"read"`
	Publish     []Grant  `json:"publish"`
	TrustSize   Size     `json:"trust_policy_size"`
	Warnings    []Note   `json:"warnings"`
	// Expectations are the spec's trust tests that name the role; all of them hold.
	Expectations []Expectation `json:"expectations,omitempty"`
}

// Rule explains one trust rule.
type Rule struct {
	Plain    string   `json:"plain"`
	Operator string   `json:"operator"`
	Subjects []string `json:"subjects"`
	Require  []string `json:"require,omitempty"`
	Silenced []Note   `json:"silenced,omitempty"`
}

// Grant is publish access to one repository.
type Grant struct {
	Repository string   `json:"repository"`
	Format     string   `json:"format"`
	Packages   []string `json:"packages"`
}

// Size is a policy size, counted as IAM counts, against its quota.
type Size struct {
	Characters int `json:"characters"`
	Quota      int `json:"quota"`
}

// Note is a lint warning, with the reason when the spec silences it.
type Note struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Reason  string `json:"reason,omitempty"`
}

// Policy is the size of one managed policy, and its lint warnings.
type Policy struct {
	Name     string `json:"name"`
	Size     Size   `json:"size"`
	Warnings []Note `json:"warnings,omitempty"`
}

// Build explains m with the lint's findings.
func Build(m *model.Model, findings []lint.Finding) Report {
	rep := Report{
		Spec: m.SpecPath, Domain: m.Domain.Name, Region: m.Domain.Region,
		Owner: m.GitHub.Owner.Name, Issuer: m.GitHub.Issuer.URL, Audience: m.GitHub.Audience,
		Subjects: subjectForm(m.GitHub.Form),
	}
	idx := indexFindings(findings)
	for _, r := range m.Roles {
		rep.Roles = append(rep.Roles, role(m, r, idx))
		rep.Roles[len(rep.Roles)-1].Expectations = expectations(m, r)
	}
	for _, p := range m.Policies {
		rep.Policies = append(rep.Policies, Policy{Name: p.Name, Size: Size{p.Document.Size(m.ResolveRef), aws.ManagedPolicyQuota},
			Warnings: notes(idx.policy[p.Name])})
	}
	for _, c := range m.Consumers {
		con := Consumer{Name: c.Name, Read: []string{}, Publish: grants(c.Publishes),
			Warnings: notes(idx.consumer[c.Name])}
		for _, p := range c.Principals {
			con.Principals = append(con.Principals, p.Resolve(m.ResolveRef))
		}
		for _, r := range c.Reads {
			con.Read = append(con.Read, r.Name)
		}
		rep.Consumers = append(rep.Consumers, con)
	}
	rep.InternalNames = internalNames(m)
	return rep
}

func grants(gs []*model.PublishGrant) []Grant {
	out := []Grant{}
	for _, g := range gs {
		out = append(out, Grant{Repository: g.Repository.Name, Format: g.Repository.Format, Packages: g.Packages})
	}
	return out
}

func subjectForm(f oidc.SubjectForm) string {
	return [...]string{"name", "id", "both"}[f]
}

// findingIndex holds the lint's findings grouped by what they are about, each group in
// the findings' order, so that explaining n roles, policies and consumers costs one pass
// over the findings instead of one pass per role, rule, policy and consumer (quadratic:
// 5,000 roles with 2,700 findings was 27 million comparisons).
type findingIndex struct {
	role, policy, consumer map[string][]lint.Finding
	rule                   map[*model.TrustRule][]lint.Finding
}

// indexFindings groups findings by every key, the empty name and the nil rule included, so
// that a look-up returns exactly the findings an equality filter over all of them would.
func indexFindings(findings []lint.Finding) findingIndex {
	idx := findingIndex{role: map[string][]lint.Finding{}, policy: map[string][]lint.Finding{},
		consumer: map[string][]lint.Finding{}, rule: map[*model.TrustRule][]lint.Finding{}}
	for _, f := range findings {
		idx.role[f.Role] = append(idx.role[f.Role], f)
		idx.policy[f.Policy] = append(idx.policy[f.Policy], f)
		idx.consumer[f.Consumer] = append(idx.consumer[f.Consumer], f)
		idx.rule[f.TrustRule] = append(idx.rule[f.TrustRule], f)
	}
	return idx
}

func role(m *model.Model, r *model.Role, idx findingIndex) Role {
	out := Role{
		Name: r.Name, Description: r.Description, Sensitive: r.Sensitive,
		TrustSize: Size{r.Trust.Size(m.ResolveRef), m.Quotas.TrustPolicySize},
		Read:      []string{}, Publish: []Grant{}, Warnings: []Note{},
	}
	read := map[string]bool{}
	for _, p := range r.Policies {
		out.Policies = append(out.Policies, p.Name)
		for _, repo := range p.Reads {
			read[repo.Name] = true
		}
		out.Publish = append(out.Publish, grants(p.Publishes)...)
	}
	for name := range read {
		out.Read = append(out.Read, name)
	}
	slices.Sort(out.Read)
	slices.SortStableFunc(out.Publish, func(a, b Grant) int { return strings.Compare(a.Repository, b.Repository) })

	for _, rule := range r.Rules {
		who := Rule{
			Plain:    Plain(m.GitHub.Owner.Name, rule),
			Operator: rule.SubOperator,
			Subjects: rule.Subjects,
		}
		for _, req := range rule.Require {
			who.Require = append(who.Require, req.Claim+" "+model.OperatorFor(req.Values)+" "+strings.Join(req.Values, " | "))
		}
		for _, f := range idx.rule[rule] {
			if f.Silenced != "" {
				who.Silenced = append(who.Silenced, note(f))
			}
		}
		out.Who = append(out.Who, who)
	}
	for _, f := range idx.role[r.Name] {
		if f.Silenced == "" {
			out.Warnings = append(out.Warnings, note(f))
		}
	}
	return out
}

// notes returns the findings as notes, silenced ones with their reason (nil for none).
func notes(findings []lint.Finding) []Note {
	var out []Note
	for _, f := range findings {
		out = append(out, note(f))
	}
	return out
}

func note(f lint.Finding) Note {
	return Note{ID: f.Rule.ID, Title: f.Rule.Title, Summary: f.Summary, Reason: f.Silenced}
}

// Plain says in words whom a rule admits, for example "tags matching v* of every
// repository of ontopix".
func Plain(owner string, rule *model.TrustRule) string {
	r := rule.Rule
	var contexts []string
	if r.AnyContext {
		contexts = append(contexts, "any branch, tag, pull request or environment")
	}
	contexts = appendNamed(contexts, "branch", "branches", r.Branches)
	contexts = appendNamed(contexts, "tag", "tags", r.Tags)
	for _, e := range r.Environments {
		contexts = append(contexts, "jobs in environment "+e)
	}
	if r.PullRequests {
		contexts = append(contexts, "pull requests")
	}
	s := joinOr(contexts) + " of " + repositories(owner, r.Repositories)
	for _, req := range rule.Require {
		s += ", only when " + req.Claim + " is " + joinOr(req.Values)
	}
	for _, claim := range slices.Sorted(maps.Keys(r.ClaimValues)) {
		s += ", with " + claim + " " + r.ClaimValues[claim]
	}
	return s
}

// appendNamed describes branch or tag names: "branch main", "tags matching v*".
func appendNamed(out []string, one, many string, names []string) []string {
	for _, n := range names {
		if trust.HasWildcard(n) {
			out = append(out, many+" matching "+n)
		} else {
			out = append(out, one+" "+n)
		}
	}
	return out
}

func repositories(owner string, repos []string) string {
	if slices.Equal(repos, []string{"*"}) {
		return "every repository of " + owner
	}
	var named, patterns []string
	for _, r := range repos {
		if trust.HasWildcard(r) {
			patterns = append(patterns, r)
		} else {
			named = append(named, owner+"/"+r)
		}
	}
	var parts []string
	switch len(named) {
	case 0:
	case 1:
		parts = append(parts, "repository "+named[0])
	default:
		parts = append(parts, "repositories "+joinAnd(named))
	}
	if len(patterns) > 0 {
		parts = append(parts, "repositories of "+owner+" matching "+joinOr(patterns))
	}
	return joinAnd(parts)
}

func joinOr(items []string) string  { return joinWith(items, " or ") }
func joinAnd(items []string) string { return joinWith(items, " and ") }

func joinWith(items []string, last string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
