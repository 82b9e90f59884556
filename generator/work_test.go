package generator_test

import (
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/trust"
	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// TestAdversarialShapesBoundedWork: on the shapes that made the lint quadratic, the whole
// pipeline runs at most a few containment checks per subject. Comparing every pair of a
// rule's subjects, as the lint once did, takes n² checks: 24 million for 70 × 70, 100
// million for 9,999 branches; a regression to that fails here, without a clock.
func TestAdversarialShapesBoundedWork(t *testing.T) {
	shapes := []struct {
		name     string
		src      []byte
		subjects int
	}{
		{"cross-product-70x70", specgen.CrossProduct(70, 70), 70 * 70},
		{"branch-patterns-4000", specgen.SharedPrefixBranches(4000), 4000},
		{"branch-patterns-9999", specgen.SharedPrefixBranches(9999), 9999},
		{"prefix-suffix-patterns-9999", specgen.SharedPrefixAndSuffix(9999), 9999},
		{"literal-branches-9999", specgen.ManyBranches(9999), 9999},
		{"scale-1000x1000", specgen.Spec(1000, 1000), 1500},
	}
	for _, s := range shapes {
		before := trust.CoverChecks()
		l := generator.Load(s.name+".yaml", s.src)
		checks := trust.CoverChecks() - before
		if l.Model == nil && len(l.Lint.Findings) == 0 {
			t.Errorf("%s: the lint did not run: %v", s.name, l.Diagnostics[:min(3, len(l.Diagnostics))])
		}
		if limit := uint64(2*s.subjects + 100); checks > limit {
			t.Errorf("%s: %d containment checks for %d subjects, want at most %d", s.name, checks, s.subjects, limit)
		}
		t.Logf("%s: %d containment checks for %d subjects", s.name, checks, s.subjects)
	}
}
