package importer

import (
	"sort"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// decide compares each role's hand-written trust policy with the one its spec renders,
// with diff's decision (exact containment of StringEquals literals and StringLike
// patterns, claim by claim), in both directions: tokens the render admits and the
// hand-written policy refuses (the render widens), and the reverse (it narrows). Each
// direction with a difference is a finding with example tokens; the findings above say
// why, this one proves whether. A policy the decision does not model is reported as not
// decided. Nothing is decided when the spec does not build (import then fails anyway).
func (m *mapper) decide() {
	l := generator.Load("import.yaml", m.spec.YAML(""))
	if l.Model == nil {
		return
	}
	for _, r := range m.spec.Roles {
		var rendered policy.Document
		found := false
		for _, mr := range l.Model.Roles {
			if mr.Name == r.Name {
				rendered, found = mr.Trust, true
			}
		}
		if !found {
			continue
		}
		old := document(r.old)
		issuer := l.Model.GitHub.Issuer
		wider, err := diff.TrustWidening(old, rendered, issuer)
		if err == nil {
			var narrower []map[string]string
			if narrower, err = diff.TrustWidening(rendered, old, issuer); err == nil {
				if len(wider) > 0 {
					m.warn("IMPORT023", r.at, r.address+": decided: the rendered trust policy admits tokens the current one refuses (WIDENS)",
						"For example "+tokens(wider)+". The other findings on this role say which conditions change.")
				}
				if len(narrower) > 0 {
					m.warn("IMPORT023", r.at, r.address+": decided: the rendered trust policy refuses tokens the current one admits (narrows)",
						"For example "+tokens(narrower)+". Workflows that send such tokens can no longer assume the role.")
				}
				continue
			}
		}
		m.warn("IMPORT023", r.at, r.address+": whether the render widens or narrows who can assume the role is not decided",
			"The current trust policy uses what the decision does not model ("+err.Error()+"); compare the rendered trust policy with it by hand before applying.")
	}
}

// document returns trust statements as a policy document the decision reads: each
// statement an Allow of sts:AssumeRoleWithWebIdentity for the OIDC provider with its
// conditions (the principal is not compared: the mapper kept only statements of
// GitHub's provider).
func document(sts []trust.Statement) policy.Document {
	var d policy.Document
	for _, st := range sts {
		s := policy.Statement{Effect: string(st.Effect), Actions: []string{"sts:AssumeRoleWithWebIdentity"},
			Principal: &policy.Principal{Type: trust.PrincipalFederated, IDs: []policy.Expr{policy.Lit("github")}}}
		for _, c := range st.Conditions {
			s.Conditions = append(s.Conditions, policy.Condition{Operator: c.Operator, Key: c.Key, Values: c.Values})
		}
		d.Statements = append(d.Statements, s)
	}
	return d
}

// tokens describes witness tokens: claim=value pairs, the claims without their issuer
// prefix, sub first.
func tokens(ts []map[string]string) string {
	var out []string
	for _, t := range ts {
		var parts []string
		for k, v := range t {
			claim := k
			if i := strings.LastIndex(k, ":"); i >= 0 {
				claim = k[i+1:]
			}
			parts = append(parts, claim+"="+v)
		}
		sort.Slice(parts, func(i, j int) bool {
			si, sj := strings.HasPrefix(parts[i], "sub="), strings.HasPrefix(parts[j], "sub=")
			if si != sj {
				return si
			}
			return parts[i] < parts[j]
		})
		out = append(out, "{"+strings.Join(parts, ", ")+"}")
	}
	return strings.Join(out, "; ")
}
