package specgen

import (
	"fmt"
	"strings"
)

// groupsHeader is the start of the package-group shapes: an internal npm repository whose
// upstream reaches npmjs, and a release role publishing three namespaces.
const groupsHeader = `version: 1
domain: {name: acme, region: eu-west-1}
repositories:
  - {name: npm, format: npm, upstreams: [npm-public]}
  - {name: npm-public, format: npm, external_connection: "public:npmjs"}
github: {owner: acme, oidc_provider: create}
`

const groupsRelease = `policies:
  - {name: Publish, publish: [{repository: npm, namespaces: [n0, n1, n2]}]}
roles:
  - {name: release, policies: [Publish], trust: [{repositories: [lib], tags: ["v?*.?*.?*"]}]}
package_groups:
`

// alternate is block for odd i and mode for even i: under a blocking group, mode allow
// makes every other group an ORIGIN003 override.
func alternate(i int, mode string) string {
	if i%2 == 1 {
		return "block"
	}
	return mode
}

// GroupsNested returns a spec with namespaces × depth name-prefix groups nested in each
// namespace (a, aa, aaa, …; 255 is the deepest nesting npm's 255-character names allow),
// alternately blocking and using mode for external upstreams.
func GroupsNested(namespaces, depth int, mode string) []byte {
	var b strings.Builder
	b.WriteString(groupsHeader + groupsRelease)
	for ns := range namespaces {
		for d := 1; d <= depth; d++ {
			fmt.Fprintf(&b, "  - {format: npm, namespace: n%d, prefix: %s, external_upstream: %s}\n", ns, strings.Repeat("a", d), alternate(d, mode))
		}
	}
	return []byte(b.String())
}

// GroupsFlat returns a spec with n name-prefix groups side by side in one namespace under
// a blocking namespace group, alternately blocking and using mode.
func GroupsFlat(n int, mode string) []byte {
	var b strings.Builder
	b.WriteString(groupsHeader + groupsRelease + "  - {format: npm, namespace: n0, external_upstream: block}\n")
	for i := range n - 1 {
		fmt.Fprintf(&b, "  - {format: npm, namespace: n0, prefix: p%05d, external_upstream: %s}\n", i, alternate(i, mode))
	}
	return []byte(b.String())
}

// GroupsNamespaces returns a spec with n namespace groups, alternately blocking and using
// mode, under nested namespace-prefix groups (n, nn, …, depth of them).
func GroupsNamespaces(n, depth int, mode string) []byte {
	var b strings.Builder
	b.WriteString(groupsHeader + groupsRelease)
	for d := 1; d <= depth; d++ {
		fmt.Fprintf(&b, "  - {format: npm, namespace_prefix: %s, external_upstream: %s}\n", strings.Repeat("n", d), alternate(d, mode))
	}
	for i := range n - depth {
		fmt.Fprintf(&b, "  - {format: npm, namespace: n%05d, external_upstream: %s}\n", i, alternate(i, mode))
	}
	return []byte(b.String())
}

// GroupsGrants returns a spec with n namespace groups under a blocking format group, and
// n/15 policies, each publishing 30 namespaces: 15 of the groups' and 15 that only the
// format group covers. Every grant pattern is looked up among the groups, and explain
// lists the publishers of every name.
func GroupsGrants(n int, mode string) []byte {
	var b strings.Builder
	b.WriteString(groupsHeader + "policies:\n")
	for p := range n / 15 {
		fmt.Fprintf(&b, "  - {name: Publish%d, publish: [{repository: npm, namespaces: [%s, %s]}]}\n", p, items(15, fmt.Sprintf("n%03d%%02d", p)), items(15, fmt.Sprintf("x%03d%%02d", p)))
	}
	b.WriteString("roles:\n  - {name: release, policies: [Publish0], trust: [{repositories: [lib], tags: [\"v?*.?*.?*\"]}]}\npackage_groups:\n  - {format: npm, external_upstream: block}\n")
	for p := range n / 15 {
		for i := range 15 {
			fmt.Fprintf(&b, "  - {format: npm, namespace: n%03d%02d, external_upstream: %s}\n", p, i, alternate(i, mode))
		}
	}
	return []byte(b.String())
}
