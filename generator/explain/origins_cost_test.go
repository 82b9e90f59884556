package explain

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// covers is the reference publishers.covering replaces: whether the grant may publish every
// package of p, tested grant by grant.
func (pub publishing) covers(p aws.GroupPattern) bool {
	if p.Kind != aws.PatternRoot && pub.grant.Repository.Format != p.Format {
		return false
	}
	return pub.all || slices.ContainsFunc(pub.patterns, func(q aws.GroupPattern) bool { return q.Contains(p) })
}

// TestCoveringMatchesEveryGrant: on random grants (every package, namespaces, name prefixes,
// packages, of two formats, with repeated patterns), covering returns exactly the grants
// that cover the pattern, in order, as testing every grant does.
func TestCoveringMatchesEveryGrant(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 15))
	text := func() string {
		b := make([]byte, 1+r.IntN(3))
		for i := range b {
			b[i] = "ab"[r.IntN(2)]
		}
		return string(b)
	}
	pattern := func(format string) aws.GroupPattern {
		p := aws.GroupPattern{Kind: []int{aws.PatternNamespacePrefix, aws.PatternNamespace, aws.PatternNamePrefix, aws.PatternPackage}[r.IntN(4)], Format: format, Namespace: text()}
		if p.Kind >= aws.PatternNamePrefix {
			p.Name = text()
		}
		return p
	}
	formats := []string{"npm", "maven"}
	for round := range 200 {
		var pubs []publishing
		for range 1 + r.IntN(20) {
			format := formats[r.IntN(2)]
			pub := publishing{grant: &model.PublishGrant{Repository: &model.Repository{Format: format}}, all: r.IntN(5) == 0}
			for range r.IntN(4) {
				pub.patterns = append(pub.patterns, pattern(format))
			}
			pubs = append(pubs, pub)
		}
		ps := newPublishers(pubs)
		queries := []aws.GroupPattern{{Kind: aws.PatternRoot}, {Kind: aws.PatternFormat, Format: "npm"}}
		for range 30 {
			queries = append(queries, pattern(formats[r.IntN(2)]))
		}
		for _, p := range queries {
			var want []*model.PublishGrant
			for _, pub := range pubs {
				if pub.covers(p) {
					want = append(want, pub.grant)
				}
			}
			var got []*model.PublishGrant
			for _, pub := range ps.covering(p) {
				got = append(got, pub.grant)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("round %d: %s is covered by %d grants, want %d", round, p, len(got), len(want))
			}
		}
	}
}
