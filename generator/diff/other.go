package diff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

func (d *differ) policies() {
	oldPolicies, newPolicies := policyMap(d.old), policyMap(d.new)
	for _, key := range slices.Sorted(maps.Keys(oldPolicies)) {
		if newPolicies[key] == nil && !renamedTo(newPolicies, oldPolicies[key].Name) {
			o := oldPolicies[key]
			d.add(Change{Kind: "policy.removed", Subject: "policy " + o.Name, Pos: o.NamePos, Summary: fmt.Sprintf("policy %s is removed", o.Name)})
		}
	}
	for _, key := range slices.Sorted(maps.Keys(newPolicies)) {
		n := newPolicies[key]
		switch o := oldPolicies[key]; {
		case o == nil && n.PreviousName != "" && oldPolicies[strings.ToLower(n.PreviousName)] != nil:
			d.add(Change{Kind: "policy.renamed", Subject: "policy " + n.Name, Replaced: true, Pos: n.PreviousNamePos, Summary: fmt.Sprintf("policy %s is renamed to %s: IAM replaces the policy", n.PreviousName, n.Name)})
		case o == nil:
			d.add(Change{Kind: "policy.added", Subject: "policy " + n.Name, Pos: n.NamePos, Summary: fmt.Sprintf("policy %s is added", n.Name)})
		default:
			d.policy(o, n)
		}
	}
}

// policy reports the changes to a managed policy that Terraform applies by replacing it:
// its name (a case-only rename too) and its description force a new resource
// (aws_iam_policy: name and description are ForceNew, ../shared/facts/codeartifact-iam.md).
// The replacement gets a new ARN and is detached and re-attached: roles lack its
// permissions for a moment, and anything that names the old ARN breaks. What the policy
// grants is compared per role.
func (d *differ) policy(o, n *model.Policy) {
	subject := "policy " + n.Name
	if o.Name != n.Name {
		d.add(Change{Kind: "policy.replaced", Subject: subject, Replaced: true, Pos: n.NamePos,
			Summary: fmt.Sprintf("policy %s is renamed to %s (case only): Terraform replaces the policy (name forces a new resource), so its ARN changes", o.Name, n.Name)})
	}
	d.inPlace(subject, n.NamePos, "tags", tagLines(o.Tags), tagLines(n.Tags))
	if o.Description != n.Description {
		d.add(Change{Kind: "policy.replaced", Subject: subject, Replaced: true, Pos: n.NamePos,
			Summary: fmt.Sprintf("policy %s: the description changes, which IAM cannot update: Terraform replaces the policy, so its ARN changes and it is detached and re-attached", n.Name),
			Details: []string{"- description " + orNone(o.Description), "+ description " + orNone(n.Description)}})
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

// consumers compares the access of other AWS accounts, principal by principal: widened
// when a principal may now perform an action on a resource it could not, decided by
// pattern containment of the resource policies' grants.
func (d *differ) consumers() {
	oldAccess, newAccess := consumerAccess(d.old), consumerAccess(d.new)
	for _, principal := range unionKeys(oldAccess, newAccess) {
		plus, minus := setDiff(grantLines(oldAccess[principal]), grantLines(newAccess[principal]))
		if len(plus) == 0 && len(minus) == 0 {
			continue
		}
		lines := plusMinus(plus, minus)
		wider, err := grantDifference(newAccess[principal], oldAccess[principal], d.bud)
		for _, g := range wider {
			if err == nil {
				err = confirmConsumer(g, principal, d.old, d.new)
			}
		}
		c := Change{Kind: "consumer.access", Subject: "consumer " + principal, Widened: len(wider) > 0 || err != nil, Details: lines,
			Summary: fmt.Sprintf("access of %s (another AWS account) %s", principal, changeWord(len(plus), len(minus)))}
		switch {
		case err != nil:
			c.Summary += fmt.Sprintf(", and could not be decided (%v); treated as WIDENED", err)
		case len(wider) > 0:
			c.Summary = fmt.Sprintf("access of %s (another AWS account) WIDENED", principal)
			c.Details = append(c.Details, "now allowed, for example:")
			for _, g := range wider {
				c.Details = append(c.Details, "  "+g.Action+" on "+shortResource(g.Resource))
			}
		}
		d.add(c)
	}
}

// resourcePolicies are the domain's and the repositories' permissions policies.
func resourcePolicies(m *model.Model) []policy.Document {
	var docs []policy.Document
	if m == nil {
		return nil
	}
	if m.DomainPolicy != nil {
		docs = append(docs, *m.DomainPolicy)
	}
	for _, rp := range m.RepositoryPolicies {
		docs = append(docs, rp.Document)
	}
	return docs
}

// consumerAccess maps each principal the resource policies name to its grants.
func consumerAccess(m *model.Model) map[string][]grant {
	out := map[string][]grant{}
	for _, doc := range resourcePolicies(m) {
		for _, s := range doc.Statements {
			if s.Principal == nil {
				continue
			}
			for _, id := range s.Principal.IDs {
				principal := id.Placeholder()
				out[principal] = append(out[principal], docGrants(policy.Document{Statements: []policy.Statement{s}})...)
			}
		}
	}
	return out
}

// confirmConsumer checks with the IAM evaluator that the new resource policies allow the
// principal the action on the resource and the old ones do not.
func confirmConsumer(g grant, principal string, o, n *model.Model) error {
	req := trust.Request{Action: g.Action, Resource: g.Resource, Principal: map[string]string{trust.PrincipalAWS: principal}}
	return confirmAllowed(req, resourcePolicies(n), resourcePolicies(o))
}

// grantLines writes grants as "action on resource", sorted and unique.
func grantLines(gs []grant) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Action + " on " + shortResource(g.Resource)
	}
	return uniqueSorted(out)
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
	return groupOutputs(m, out)
}

func unionKeys[V any](a, b map[string]V) []string {
	keys := append(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))...)
	slices.Sort(keys)
	return slices.Compact(keys)
}
