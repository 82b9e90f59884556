package generator_test

import (
	"math/bits"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/explain"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// groupShapes are the package-group shapes of the hostile corpus, each at the limit of
// 5,000 groups: the old spec with mode inherit, the new with allow (WIDENED everywhere a
// block was inherited).
var groupShapes = []struct {
	name  string
	specs func(mode string) []byte
	// subjects is the number of groups plus grant patterns.
	subjects int
}{
	{"groups-nested-20x250", func(mode string) []byte { return specgen.GroupsNested(20, 250, mode) }, 5000 + 3},
	{"groups-flat-5000", func(mode string) []byte { return specgen.GroupsFlat(5000, mode) }, 5000 + 3},
	{"groups-namespaces-5000", func(mode string) []byte { return specgen.GroupsNamespaces(5000, 250, mode) }, 5000 + 3},
	{"groups-grants-4995", func(mode string) []byte { return specgen.GroupsGrants(4995, mode) }, 4995 + 2*4995},
}

// TestPackageGroupWorkIsBounded: loading (protection by default, the ORIGIN lints),
// explaining and diffing the package-group shapes costs a bounded number of pattern
// containment checks and index probes per group and grant pattern. Comparing every
// pattern with every group, as the first implementation did, takes n² = 25 million
// checks at 5,000 groups; a regression to that fails here, without a clock. The bound is
// 8 n log₂ n: a few lookups per pattern (protection by default, the lints, explain, both
// sides of diff), each a binary search.
func TestPackageGroupWorkIsBounded(t *testing.T) {
	work := func() uint64 { return aws.GroupContainsChecks() + model.GroupWork() }
	for _, s := range groupShapes {
		before := work()
		old := generator.Load(s.name+"-old.yaml", s.specs("inherit"))
		new := generator.Load(s.name+"-new.yaml", s.specs("allow"))
		if old.Model == nil || new.Model == nil {
			t.Fatalf("%s: not valid: %v %v", s.name, old.Diagnostics[:min(3, len(old.Diagnostics))], new.Diagnostics[:min(3, len(new.Diagnostics))])
		}
		if len(new.Model.PackageGroups) < s.subjects/3 {
			t.Fatalf("%s: %d groups", s.name, len(new.Model.PackageGroups))
		}
		rep := explain.Build(new.Model, new.Lint.Findings)
		if len(rep.InternalNames) == 0 {
			t.Errorf("%s: explain found no internal names", s.name)
		}
		if d := diff.Compare(old.Model, new.Model); !d.HasWidened() {
			t.Errorf("%s: allowing external upstreams inside blocked groups is not WIDENED", s.name)
		}
		spent := work() - before
		if limit := uint64(8 * s.subjects * bits.Len(uint(s.subjects))); spent > limit {
			t.Errorf("%s: %d containment checks and index probes for %d groups and grant patterns, want at most %d", s.name, spent, s.subjects, limit)
		}
		t.Logf("%s: %d containment checks and index probes for %d groups and grant patterns", s.name, spent, s.subjects)
	}
}

// groupHostileCases are the package-group shapes as hostile inputs (valid, with the
// ORIGIN warnings of their overriding allows): gen-NAME-ok, with allow as the mode.
func groupHostileCases() []hostileCase {
	var out []hostileCase
	for _, s := range groupShapes {
		out = append(out, hostileCase{name: "gen-" + s.name + "-ok", src: s.specs("allow")})
	}
	return out
}
