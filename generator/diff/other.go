package diff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

func (d *differ) policies() {
	oldPolicies, newPolicies := policyMap(d.old), policyMap(d.new)
	for _, key := range slices.Sorted(maps.Keys(oldPolicies)) {
		if newPolicies[key] == nil && !renamedTo(newPolicies, oldPolicies[key].Name) {
			o := oldPolicies[key]
			d.add(Change{Kind: "policy.removed", Subject: "policy " + o.Name, Pos: o.Source.Name.Pos, Summary: fmt.Sprintf("policy %s is removed", o.Name)})
		}
	}
	for _, key := range slices.Sorted(maps.Keys(newPolicies)) {
		n := newPolicies[key]
		switch o := oldPolicies[key]; {
		case o == nil && n.PreviousName != "" && oldPolicies[strings.ToLower(n.PreviousName)] != nil:
			d.add(Change{Kind: "policy.renamed", Subject: "policy " + n.Name, Pos: n.Source.PreviousName.Pos, Summary: fmt.Sprintf("policy %s is renamed to %s: IAM replaces the policy", n.PreviousName, n.Name)})
		case o == nil:
			d.add(Change{Kind: "policy.added", Subject: "policy " + n.Name, Pos: n.Source.Name.Pos, Summary: fmt.Sprintf("policy %s is added", n.Name)})
		}
	}
}

func renamedTo(newPolicies map[string]*model.Policy, oldName string) bool {
	for _, p := range newPolicies {
		if strings.EqualFold(p.PreviousName, oldName) {
			return true
		}
	}
	return false
}

func policyMap(m *model.Model) map[string]*model.Policy {
	out := map[string]*model.Policy{}
	if m != nil {
		for _, p := range m.Policies {
			out[strings.ToLower(p.Name)] = p
		}
	}
	return out
}

// consumers compares the access of other AWS accounts, principal by principal.
func (d *differ) consumers() {
	oldAccess, newAccess := consumerAccess(d.old), consumerAccess(d.new)
	for _, principal := range unionKeys(oldAccess, newAccess) {
		plus, minus := setDiff(oldAccess[principal], newAccess[principal])
		if len(plus) == 0 && len(minus) == 0 {
			continue
		}
		var lines []string
		for _, g := range plus {
			lines = append(lines, "+ "+g)
		}
		for _, g := range minus {
			lines = append(lines, "- "+g)
		}
		d.add(Change{Kind: "consumer.access", Subject: "consumer " + principal, Widened: len(plus) > 0,
			Summary: fmt.Sprintf("access of %s (another AWS account) %s", principal, changeWord(len(plus), len(minus))), Details: lines})
	}
}

// consumerAccess maps each consumer principal to the grants of the resource policies.
func consumerAccess(m *model.Model) map[string][]string {
	out := map[string][]string{}
	if m == nil {
		return out
	}
	for _, c := range m.Consumers {
		for _, p := range c.Principals {
			principal := p.Placeholder()
			out[principal] = append(out[principal], "codeartifact:GetAuthorizationToken on domain/"+m.Domain.Name)
			for _, rp := range m.RepositoryPolicies {
				for _, s := range rp.Document.Statements {
					if slices.ContainsFunc(s.Principal.IDs, func(id policy.Expr) bool { return id.Placeholder() == principal }) {
						out[principal] = append(out[principal], documentGrants(policy.Document{Statements: []policy.Statement{s}})...)
					}
				}
			}
		}
	}
	for k, v := range out {
		slices.Sort(v)
		out[k] = slices.Compact(v)
	}
	return out
}

// outputs compares the names of the Terraform outputs and the keys of the map outputs that
// consumers of the module read.
func (d *differ) outputs() {
	plus, minus := setDiff(outputNames(d.old), outputNames(d.new))
	if len(plus) == 0 && len(minus) == 0 {
		return
	}
	var lines []string
	for _, o := range plus {
		lines = append(lines, "+ "+o)
	}
	for _, o := range minus {
		lines = append(lines, "- "+o+" (whatever reads it breaks)")
	}
	d.add(Change{Kind: "outputs", Subject: "outputs", Summary: "outputs " + changeWord(len(plus), len(minus)), Details: lines})
}

func outputNames(m *model.Model) []string {
	if m == nil {
		return nil
	}
	out := slices.Clone(tfname.BuiltinOutputs)
	for _, r := range m.Roles {
		if r.Output != "" {
			out = append(out, r.Output)
		}
		out = append(out, tfname.OutputRoleARNs+"[\""+r.Name+"\"]")
	}
	for _, p := range m.Policies {
		out = append(out, tfname.OutputPolicyARNs+"[\""+p.Name+"\"]")
	}
	for _, r := range m.Repositories {
		if r.Internal() {
			out = append(out, tfname.OutputEndpoints+"[\""+r.Name+"\"]")
		}
	}
	return out
}

func unionKeys(a, b map[string][]string) []string {
	keys := append(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))...)
	slices.Sort(keys)
	return slices.Compact(keys)
}
