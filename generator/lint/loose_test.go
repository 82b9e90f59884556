package lint

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// looseValuesPairwise is looseValues as first written: every rule against every rule with
// the same requirements, every pattern against every pattern. The indexed looseValues must
// report exactly what it reports.
func (l *linter) looseValuesPairwise(r *model.Role) {
	same := func(a, b []model.Requirement) bool {
		return slices.EqualFunc(a, b, func(x, y model.Requirement) bool {
			return x.Claim == y.Claim && slices.Equal(x.Values, y.Values)
		})
	}
	reported := map[*model.TrustRule]bool{}
	for _, a := range r.Rules {
		for _, b := range r.Rules {
			if reported[a] || !same(a.Require, b.Require) {
				continue
			}
			for _, general := range a.Subjects {
				if narrow := coveredBy(general, b.Subjects); narrow != "" {
					l.add(&LooseValue, ruleAnchor(r, a, a.Pos), "in role %s, %s also admits %s, which is listed as if it were narrower", r.Name, general, narrow)
					reported[a] = true
					break
				}
			}
		}
	}
}

// randomRole returns a role of a few rules, each with random patterns (many covering
// others), duplicates across rules, and one of a few requirement lists.
func randomRole(r *rand.Rand) *model.Role {
	parts := []string{"a", "b", "*", "?", "/", "main", "v*"}
	reqs := [][]model.Requirement{nil, {{Claim: "environment", Values: []string{"prod"}}}, {{Claim: "environment", Values: []string{"prod", "dev"}}}}
	role := &model.Role{Name: "r"}
	for i := range 1 + r.IntN(5) {
		rule := &model.TrustRule{Require: reqs[r.IntN(len(reqs))]}
		rule.Pos.Line = i + 1
		for range r.IntN(12) {
			var b strings.Builder
			b.WriteString("repo:acme/")
			for range 1 + r.IntN(4) {
				b.WriteString(parts[r.IntN(len(parts))])
			}
			rule.Subjects = append(rule.Subjects, b.String())
		}
		role.Rules = append(role.Rules, rule)
	}
	return role
}

func summaries(l *linter) []string {
	var out []string
	for _, f := range l.findings {
		out = append(out, fmt.Sprintf("%d: %s", f.Pos.Line, f.Summary))
	}
	return out
}

// TestLooseValuesMatchesPairwise: on thousands of random roles, the indexed lint reports
// the same findings, in the same order, as comparing every pair.
func TestLooseValuesMatchesPairwise(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	found := 0
	for range 3000 {
		role := randomRole(r)
		indexed, pairwise := &linter{}, &linter{}
		indexed.looseValues(role)
		pairwise.looseValuesPairwise(role)
		got, want := summaries(indexed), summaries(pairwise)
		if !slices.Equal(got, want) {
			t.Fatalf("indexed lint reports\n%s\npairwise reports\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		found += len(want)
	}
	if found < 1000 {
		t.Fatalf("only %d findings in 3000 random roles; the test does not exercise the lint", found)
	}
}

// TestLooseValuesWork bounds the containment checks of the lint on the shapes that made
// it quadratic: a rule of 70 repositories × 70 branch patterns, and a rule of 9,999
// branch patterns that share their literal prefix. Comparing every pair took 24 million
// and 100 million checks.
func TestLooseValuesWork(t *testing.T) {
	cross := &model.TrustRule{}
	for r := range 70 {
		for b := range 70 {
			branch := fmt.Sprintf("f%d", b)
			if b%2 == 0 {
				branch += "/*"
			}
			cross.Subjects = append(cross.Subjects, fmt.Sprintf("repo:acme/r%d:ref:refs/heads/%s", r, branch))
		}
	}
	shared := &model.TrustRule{}
	for i := range 9999 {
		shared.Subjects = append(shared.Subjects, fmt.Sprintf("repo:acme/app:ref:refs/heads/*a%d", i))
	}
	for name, rule := range map[string]*model.TrustRule{"70x70": cross, "9999-shared-prefix": shared} {
		before := trust.CoverChecks()
		(&linter{}).looseValues(&model.Role{Name: "r", Rules: []*model.TrustRule{rule}})
		if checks, limit := trust.CoverChecks()-before, uint64(2*len(rule.Subjects)); checks > limit {
			t.Errorf("%s: %d containment checks for %d patterns, want at most %d", name, checks, len(rule.Subjects), limit)
		}
	}
}
