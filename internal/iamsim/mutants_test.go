package iamsim_test

import (
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// mutant is a deliberately wrong evaluator: generator/trust applied to a changed policy
// or token. The differential test requires the corpus to tell each mutant from
// iam-simulate; a corpus that could not would prove little about the real evaluator.
type mutant struct {
	name string
	// policy changes a parsed golden policy (a deep copy); nil keeps it.
	policy func(*trust.Policy)
	// token changes a token (a copy); nil keeps it.
	token func(*token, *trust.Policy)
}

// mutants are the evaluators a careless implementation would be.
var mutants = []mutant{
	{name: "the audience is not checked", policy: dropConditions(func(c trust.Condition) bool { return strings.HasSuffix(c.Key, ":aud") })},
	{name: "require: claims are not checked", policy: dropConditions(func(c trust.Condition) bool {
		return !strings.HasSuffix(c.Key, ":aud") && !strings.HasSuffix(c.Key, ":sub")
	})},
	{name: "the principal is not checked", policy: func(p *trust.Policy) {
		for i := range p.Statements {
			p.Statements[i].Principal = trust.PrincipalBlock{}
		}
	}},
	{name: "a pattern matches any value it begins", policy: mapValues(func(op, v string) (string, string) {
		return "StringLike", v + "*"
	})},
	{name: "? matches any run of characters", policy: mapValues(func(op, v string) (string, string) {
		if op == "StringLike" {
			v = strings.ReplaceAll(v, "?", "*")
		}
		return op, v
	})},
	{name: "values are compared case-insensitively", policy: mapValues(func(op, v string) (string, string) {
		return op, strings.ToLower(v)
	}), token: func(tk *token, _ *trust.Policy) {
		lower := map[string]string{}
		for k, v := range tk.claims {
			lower[k] = strings.ToLower(v)
		}
		tk.claims = lower
	}},
	{name: "the issuer in the condition keys is not checked", token: func(tk *token, p *trust.Policy) {
		for _, st := range p.Statements {
			for _, c := range st.Conditions {
				if prefix, _, ok := strings.Cut(c.Key, ":"); ok {
					tk.prefix = prefix
				}
			}
		}
	}},
}

// decide returns the mutant's verdict on tk for the golden policy p.
func (m mutant) decide(p *trust.Policy, tk token) string {
	if m.token != nil {
		tk.claims = maps.Clone(tk.claims)
		m.token(&tk, p)
	}
	return verdict(p.Evaluate(tk.request()))
}

// apply returns the policy the mutant evaluates in place of p.
func (m mutant) apply(p *trust.Policy) *trust.Policy {
	q := *p
	q.Statements = slices.Clone(p.Statements)
	for i := range q.Statements {
		q.Statements[i].Conditions = slices.Clone(q.Statements[i].Conditions)
		for j := range q.Statements[i].Conditions {
			q.Statements[i].Conditions[j].Values = slices.Clone(q.Statements[i].Conditions[j].Values)
		}
	}
	if m.policy != nil {
		m.policy(&q)
	}
	return &q
}

// dropConditions returns a policy change that removes the conditions drop selects.
func dropConditions(drop func(trust.Condition) bool) func(*trust.Policy) {
	return func(p *trust.Policy) {
		for i := range p.Statements {
			p.Statements[i].Conditions = slices.DeleteFunc(p.Statements[i].Conditions, drop)
		}
	}
}

// mapValues returns a policy change that rewrites the operator and the values of every
// string condition.
func mapValues(f func(op, v string) (string, string)) func(*trust.Policy) {
	return func(p *trust.Policy) {
		for i := range p.Statements {
			for j, c := range p.Statements[i].Conditions {
				if !strings.HasPrefix(c.Operator, "String") {
					continue
				}
				for k, v := range c.Values {
					p.Statements[i].Conditions[j].Operator, p.Statements[i].Conditions[j].Values[k] = f(c.Operator, v)
				}
			}
		}
	}
}
