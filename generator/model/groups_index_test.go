package model_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// randomPattern draws a pattern of any kind over a two-letter alphabet and short texts, so
// that random sets are dense in containment (shared prefixes, equal namespaces, empty
// texts, repeated patterns).
func randomPattern(r *rand.Rand) aws.GroupPattern {
	text := func() string {
		b := make([]byte, r.IntN(4))
		for i := range b {
			b[i] = "ab"[r.IntN(2)]
		}
		return string(b)
	}
	p := aws.GroupPattern{Kind: r.IntN(aws.PatternPackage + 1), Format: []string{"npm", "maven"}[r.IntN(2)]}
	switch p.Kind {
	case aws.PatternRoot:
		p.Format = ""
	case aws.PatternNamespacePrefix, aws.PatternNamespace:
		p.Namespace = text()
	case aws.PatternNamePrefix, aws.PatternPackage:
		p.Namespace, p.Name = text(), text()
	}
	return p
}

func randomGroups(r *rand.Rand, n int) []*model.PackageGroup {
	modes := []string{aws.ModeAllow, aws.ModeBlock, aws.ModeAllowSpecific, aws.ModeInherit, ""}
	mode := func() model.Restriction { return model.Restriction{Mode: modes[r.IntN(len(modes))]} }
	var gs []*model.PackageGroup
	for range n {
		gs = append(gs, &model.PackageGroup{Pattern: randomPattern(r), Publish: mode(), ExternalUpstream: mode(), InternalUpstream: mode()})
	}
	return gs
}

// TestGroupIndexMatchesBruteForce: on random group sets (every kind of pattern, shared
// prefixes, repeated patterns, unset and inherit modes), the index answers Containing,
// EffectiveAll and the effective restriction without a group exactly as the pass over
// every group does, for the groups' own patterns and for random ones.
func TestGroupIndexMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 11))
	for round := range 300 {
		groups := randomGroups(r, 1+r.IntN(40))
		x := model.NewGroupIndex(groups)
		var queries []aws.GroupPattern
		for _, g := range groups {
			queries = append(queries, g.Pattern)
		}
		for range 40 {
			queries = append(queries, randomPattern(r))
		}
		for _, p := range queries {
			if got, want := x.Containing(p), model.Containing(groups, p); !slices.Equal(got, want) {
				t.Fatalf("round %d: Containing(%s) = %v, want %v", round, p, patterns(got), patterns(want))
			}
			grs, ggs := x.EffectiveAll(p)
			wrs, wgs := model.EffectiveAll(groups, p)
			for _, k := range model.RestrictionKinds {
				if grs[k].Mode != wrs[k].Mode || ggs[k] != wgs[k] {
					t.Fatalf("round %d: EffectiveAll(%s)[%s] = %s by %v, want %s by %v", round, p, k, grs[k].Mode, ggs[k], wrs[k].Mode, wgs[k])
				}
			}
		}
		for _, g := range groups {
			others := slices.DeleteFunc(slices.Clone(groups), func(o *model.PackageGroup) bool { return o == g })
			for _, k := range model.RestrictionKinds {
				gr, gg := x.EffectiveOutside(g, k)
				wr, wg := model.Effective(others, g.Pattern, k)
				if gr.Mode != wr.Mode || gg != wg {
					t.Fatalf("round %d: EffectiveOutside(%s, %s) = %s by %v, want %s by %v", round, g.Pattern, k, gr.Mode, gg, wr.Mode, wg)
				}
			}
		}
	}
}

func patterns(gs []*model.PackageGroup) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Pattern.String())
	}
	return out
}
