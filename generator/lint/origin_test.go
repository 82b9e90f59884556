package lint_test

import (
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// originSpec is a spec with an npm repository behind public:npmjs, a pypi repository
// without upstreams, and a release role; grants and groups are appended.
func originSpec(grants, groups string) string {
	return `version: 1
domain: {name: acme, region: eu-west-1}
repositories:
  - {name: npm, format: npm, upstreams: [npm-public]}
  - {name: npm-public, format: npm, external_connection: "public:npmjs"}
  - {name: npm-other, format: npm, upstreams: [npm-public]}
  - {name: pypi, format: pypi}
github: {owner: acme, oidc_provider: create}
policies:
  - name: Publish
    publish:
` + grants + `
roles:
  - name: release
    policies: [Publish]
    trust:
      - repositories: [lib]
        tags: ["v?*.?*.?*"]
` + groups
}

// TestOriginLints runs each ORIGIN lint on a spec that trips it and on the fixed spec
// that does not; the tripping spec's summary names what the reader must see.
func TestOriginLints(t *testing.T) {
	for _, c := range []struct {
		name, id, trip, noTrip, want string
	}{
		{
			name:   "gap: a declared group allows external upstreams for a published scope",
			id:     "ORIGIN001",
			trip:   originSpec("      - {repository: npm, namespaces: [acme]}", "package_groups:\n  - {format: npm, namespace: acme, external_upstream: allow}"),
			noTrip: originSpec("      - {repository: npm, namespaces: [acme]}", "package_groups:\n  - {format: npm, namespace: acme, external_upstream: block}"),
			want:   "/npm/acme/* is published internally by policy Publish to npm and reachable from public:npmjs through npm → npm-public → public:npmjs: package group /npm/acme/* allows external upstreams",
		},
		{
			name:   "gap: an allow-list names the proxy on the path",
			id:     "ORIGIN001",
			trip:   originSpec("      - {repository: npm, packages: [tool]}", "package_groups:\n  - {format: npm, package: tool, external_upstream: allow_specific_repositories, external_upstream_repositories: [npm-public]}"),
			noTrip: originSpec("      - {repository: npm, packages: [tool]}", ""),
			want:   "/npm//tool$ is published internally",
		},
		{
			name:   "every package to a repository that reaches npmjs, no internal name declared",
			id:     "ORIGIN002",
			trip:   originSpec("      - {repository: npm}", ""),
			noTrip: originSpec("      - {repository: npm}", "package_groups:\n  - {format: npm, namespace: acme, external_upstream: block}"),
			want:   "policy Publish can publish every npm package to npm, which reaches npm → npm-public → public:npmjs",
		},
		{
			name:   "a more specific group allows what its parent blocks",
			id:     "ORIGIN003",
			trip:   originSpec("      - {repository: pypi}", "package_groups:\n  - {format: npm, namespace: acme, external_upstream: block}\n  - {format: npm, namespace: acme, prefix: vendored-, external_upstream: allow}"),
			noTrip: originSpec("      - {repository: pypi}", "package_groups:\n  - {format: npm, namespace: acme, external_upstream: block}\n  - {format: npm, namespace: acme, prefix: vendored-, external_upstream: inherit}"),
			want:   "package group /npm/acme/vendored-~ sets external_upstream to allow, which replaces the block of /npm/acme/*",
		},
		{
			name:   "a publish allow-list names a repository nobody publishes to",
			id:     "ORIGIN004",
			trip:   originSpec("      - {repository: npm, namespaces: [acme]}", "package_groups:\n  - {format: npm, namespace: acme, external_upstream: block, publish: allow_specific_repositories, publish_repositories: [npm-other]}"),
			noTrip: originSpec("      - {repository: npm, namespaces: [acme]}", "package_groups:\n  - {format: npm, namespace: acme, external_upstream: block, publish: allow_specific_repositories, publish_repositories: [npm]}"),
			want:   "package group /npm/acme/* allows publishing to npm-other, but no role or consumer can publish to npm-other",
		},
		{
			name:   "a wildcard inside a name cannot become a pattern",
			id:     "ORIGIN005",
			trip:   originSpec("      - {repository: npm, namespaces: [acme], packages: [\"ui-*-kit\"]}", ""),
			noTrip: originSpec("      - {repository: npm, namespaces: [acme], packages: [\"ui-*\"]}", ""),
			want:   `no package-group pattern can express "acme/ui-*-kit"`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := findings(t, c.trip, c.id)
			if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Errorf("%s: got %q, want a finding containing %q\nall: %v", c.id, got, c.want, generator.Load("t.yaml", []byte(c.trip)).Diagnostics)
			}
			if got := findings(t, c.noTrip, c.id); len(got) > 0 {
				t.Errorf("%s fires on the fixed spec: %q", c.id, got)
			}
			for _, src := range []string{c.trip, c.noTrip} {
				if ds := generator.Load("t.yaml", []byte(src)).Diagnostics; ds.HasErrors() {
					t.Errorf("spec has errors: %v", ds)
				}
			}
		})
	}
}

// TestProtectionByDefaultClosesTheGap: a grant that names a scope, with no group declared,
// gets a group that blocks external upstreams (so ORIGIN001 stays quiet), and the opt-out
// removes that group and accepts the gap with its reason (ORIGIN001 quiet as well).
func TestProtectionByDefaultClosesTheGap(t *testing.T) {
	protected := generator.Load("t.yaml", []byte(originSpec("      - {repository: npm, namespaces: [acme]}", "")))
	if protected.Model == nil {
		t.Fatal(protected.Diagnostics)
	}
	if len(protected.Model.PackageGroups) != 1 || protected.Model.PackageGroups[0].Pattern.String() != "/npm/acme/*" ||
		protected.Model.PackageGroups[0].ExternalUpstream.Mode != "BLOCK" || protected.Model.PackageGroups[0].Declared() {
		t.Errorf("protection by default: got groups %+v, want one added /npm/acme/* blocking external upstreams", protected.Model.PackageGroups)
	}
	optOut := generator.Load("t.yaml", []byte(originSpec("      - {repository: npm, namespaces: [acme], allow_external_upstream: The acme scope is mirrored from npmjs on purpose by the vendor.}", "")))
	if optOut.Model == nil || len(optOut.Model.PackageGroups) != 0 {
		t.Fatalf("opt-out: groups %v, diagnostics %v", optOut.Model, optOut.Diagnostics)
	}
	for _, l := range []generator.Loaded{protected, optOut} {
		for _, d := range l.Diagnostics {
			if strings.HasPrefix(d.Code, "ORIGIN") {
				t.Errorf("unexpected %s", d)
			}
		}
	}
	// A pypi repository without upstreams reaches no public registry: no group.
	none := generator.Load("t.yaml", []byte(originSpec("      - {repository: pypi, packages: [acme-lib]}", "")))
	if none.Model == nil || len(none.Model.PackageGroups) != 0 {
		t.Errorf("a repository that reaches no public registry got groups: %v", none.Model.PackageGroups)
	}
}

// TestOriginSilences: ORIGIN003 is silenced on the group that carries the silence, and a
// silence of ORIGIN003 on a group that does not trip it is LINT001.
func TestOriginSilences(t *testing.T) {
	groups := "package_groups:\n  - {format: npm, namespace: acme, external_upstream: block}\n  - format: npm\n    namespace: acme\n    prefix: vendored-\n    external_upstream: %s\n    silence: [{lint: ORIGIN003, reason: Vendored forks are taken from npmjs by design.}]"
	silenced := generator.Load("t.yaml", []byte(originSpec("      - {repository: pypi}", strings.Replace(groups, "%s", "allow", 1))))
	if got := codes(silenced.Diagnostics); strings.Contains(got, "ORIGIN003") || strings.Contains(got, "LINT001") {
		t.Errorf("silenced: got %s", got)
	}
	unused := generator.Load("t.yaml", []byte(originSpec("      - {repository: pypi}", strings.Replace(groups, "%s", "inherit", 1))))
	if got := codes(unused.Diagnostics); !strings.Contains(got, "LINT001") {
		t.Errorf("unused silence: got %s, want LINT001", got)
	}
}

func codes(ds diag.Diagnostics) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return strings.Join(out, " ")
}
