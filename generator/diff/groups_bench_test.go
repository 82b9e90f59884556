package diff_test

import (
	"fmt"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/explain"
	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// BenchmarkPackageGroups measures Load (validation, protection by default, the ORIGIN
// lints), explain's report and Compare (every pattern's origins in both specs) at 10, 100,
// 1,000 and 5,000 (the limit) groups, nested (namespaces × depth name prefixes, depth up
// to 250) and flat (name prefixes side by side in one namespace), alternately blocking and
// inherit (old) or allow (new).
func BenchmarkPackageGroups(b *testing.B) {
	shapes := []struct {
		name  string
		specs func(n int, mode string) []byte
	}{
		{"nested", func(n int, mode string) []byte {
			depth := min(n, 250)
			return specgen.GroupsNested(n/depth, depth, mode)
		}},
		{"flat", specgen.GroupsFlat},
	}
	for _, shape := range shapes {
		for _, n := range []int{10, 100, 1000, 5000} {
			old, widened := shape.specs(n, "inherit"), shape.specs(n, "allow")
			b.Run(fmt.Sprintf("load/%s/%d", shape.name, n), func(b *testing.B) {
				for b.Loop() {
					if l := generator.Load("t.yaml", old); l.Model == nil {
						b.Fatal(l.Diagnostics)
					}
				}
			})
			om, nm := generator.Load("old.yaml", old).Model, generator.Load("new.yaml", widened).Model
			b.Run(fmt.Sprintf("explain/%s/%d", shape.name, n), func(b *testing.B) {
				for b.Loop() {
					if rep := explain.Build(nm, nil); len(rep.InternalNames) == 0 {
						b.Fatal("no internal names")
					}
				}
			})
			b.Run(fmt.Sprintf("diff/%s/%d", shape.name, n), func(b *testing.B) {
				for b.Loop() {
					if rep := diff.Compare(om, nm); !rep.HasWidened() {
						b.Fatal("allowing external upstreams inside blocked groups is not WIDENED")
					}
				}
			})
		}
	}
}
