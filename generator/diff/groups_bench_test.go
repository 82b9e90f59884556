package diff_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diff"
)

// groupsSpec is a spec with n namespaces × depth nested name-prefix groups (the deepest
// nesting CodeArtifact's 255-character names allow is 255), alternately blocking and
// using mode for external upstreams.
func groupsSpec(namespaces, depth int, mode string) []byte {
	var b strings.Builder
	b.WriteString(`version: 1
domain: {name: acme, region: eu-west-1}
repositories:
  - {name: npm, format: npm, upstreams: [npm-public]}
  - {name: npm-public, format: npm, external_connection: "public:npmjs"}
github: {owner: acme, oidc_provider: create}
policies:
  - {name: Publish, publish: [{repository: npm, namespaces: [n0, n1, n2]}]}
roles:
  - {name: release, policies: [Publish], trust: [{repositories: [lib], tags: ["v?*.?*.?*"]}]}
package_groups:
`)
	for ns := range namespaces {
		for d := 1; d <= depth; d++ {
			m := "block"
			if d%2 == 0 {
				m = mode
			}
			fmt.Fprintf(&b, "  - {format: npm, namespace: n%d, prefix: %s, external_upstream: %s}\n", ns, strings.Repeat("a", d), m)
		}
	}
	return []byte(b.String())
}

// BenchmarkPackageGroups measures Load (validation, protection by default, the ORIGIN
// lints) and Compare (every pattern's origins in both specs) at 500 and 5,000 groups.
func BenchmarkPackageGroups(b *testing.B) {
	for _, size := range []struct{ namespaces, depth int }{{2, 250}, {20, 250}} {
		old, widened := groupsSpec(size.namespaces, size.depth, "inherit"), groupsSpec(size.namespaces, size.depth, "allow")
		n := size.namespaces * size.depth
		b.Run(fmt.Sprintf("load/%d", n), func(b *testing.B) {
			for b.Loop() {
				if l := generator.Load("t.yaml", old); l.Model == nil {
					b.Fatal(l.Diagnostics)
				}
			}
		})
		om, nm := generator.Load("old.yaml", old).Model, generator.Load("new.yaml", widened).Model
		b.Run(fmt.Sprintf("diff/%d", n), func(b *testing.B) {
			for b.Loop() {
				if rep := diff.Compare(om, nm); !rep.HasWidened() {
					b.Fatal("allowing external upstreams inside blocked groups is not WIDENED")
				}
			}
		})
	}
}
