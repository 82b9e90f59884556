package diff_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
	"github.com/ontopix/codeartifact-gen/internal/modeltest"
)

// load returns the model of the spec at path.
func load(t *testing.T, path string) *model.Model { return modeltest.Load(t, "", path) }

// TestClassification checks the kind and the destructive and widened flags of each case
// under testdata/diff (the CLI golden tests check the wording).
func TestClassification(t *testing.T) {
	tests := []struct {
		dir                  string
		kinds                []string
		destructive, widened bool
	}{
		{"widened-trust", []string{"role.trust_widened"}, false, true},
		{"narrowed-trust", []string{"role.trust_narrowed"}, false, false},
		{"renamed-repository", []string{"repository.renamed", "outputs"}, true, false},
		{"removed-repository", []string{"repository.removed", "repository.upstreams", "outputs"}, true, false},
		{"new-role", []string{"role.added", "outputs"}, false, true},
		{"permission-change", []string{"repository.upstream_order", "role.permissions", "package_group.removed", "package_group.origin_widened", "outputs"}, false, true}, // the grant of every package drops the scope's protection
		{"require-dropped", []string{"role.trust_widened"}, false, true},
		{"glob-widened", []string{"role.trust_widened"}, false, true},
		{"issuer-server-host", []string{"github.issuer", "role.trust_widened", "role.trust_widened"}, false, true},
		{"enterprise-slug", []string{"github.oidc_provider_replaced", "github.issuer", "role.trust_widened", "role.trust_widened"}, true, true},
		{"replaced", []string{"github.thumbprints", "role.replaced", "policy.replaced", "outputs"}, false, false},
		{"domain-kms-key", []string{"domain.replaced"}, true, false},
		{"consumer-widened", []string{"consumer.access"}, false, true},
		{"forgotten", []string{"repository.removed", "repository.upstreams", "repository.forgotten", "outputs"}, true, false},
		{"group-opened", []string{"package_group.origin_controls", "package_group.origin_widened", "package_group.origin_widened"}, false, true},
		{"group-removed", []string{"package_group.removed", "package_group.origin_controls", "package_group.description", "package_group.origin_widened"}, false, true},
		{"opt-out", []string{"package_group.removed", "package_group.origin_widened", "outputs"}, false, true},
		{"domain-forgotten", []string{"repository.replaced", "repository.replaced", "repository.replaced", "repository.replaced", "domain.forgotten", "role.permissions", "role.permissions"}, true, true},
	}
	for _, tt := range tests {
		dir := filepath.Join("../../testdata/diff", tt.dir)
		rep := diff.Compare(load(t, filepath.Join(dir, "old.yaml")), load(t, filepath.Join(dir, "new.yaml")))
		var kinds []string
		for _, c := range rep.Changes {
			kinds = append(kinds, c.Kind)
		}
		if !slices.Equal(kinds, tt.kinds) {
			t.Errorf("%s: kinds %v, want %v", tt.dir, kinds, tt.kinds)
		}
		if rep.HasDestructive() != tt.destructive || rep.HasWidened() != tt.widened {
			t.Errorf("%s: destructive %v widened %v, want %v %v", tt.dir, rep.HasDestructive(), rep.HasWidened(), tt.destructive, tt.widened)
		}
	}
}

// TestIdenticalSpecsHaveNoChange and the reverse of a widening is a narrowing.
func TestSymmetry(t *testing.T) {
	// Two models loaded apart: a differ that compared by identity would pass with one.
	m := load(t, "../../specs/ontopix.yaml")
	if rep := diff.Compare(m, load(t, "../../specs/ontopix.yaml")); len(rep.Changes) != 0 {
		t.Fatalf("a spec compared with itself: %+v", rep.Changes)
	}
	dir := "../../testdata/diff/widened-trust"
	back := diff.Compare(load(t, dir+"/new.yaml"), load(t, dir+"/old.yaml"))
	if len(back.Changes) != 1 || back.Changes[0].Kind != "role.trust_narrowed" || back.HasWidened() {
		t.Fatalf("reverse of a widening: %+v", back.Changes)
	}
	// Everything added from nothing, everything destroyed to nothing.
	if rep := diff.Compare(nil, m); rep.HasDestructive() || !rep.HasWidened() {
		t.Errorf("from no spec: destructive %v widened %v", rep.HasDestructive(), rep.HasWidened())
	}
	if rep := diff.Compare(m, nil); !rep.HasDestructive() {
		t.Error("to no spec: not destructive")
	}
}

// TestGlobWidening is issue 9's leak 4: repositories [libx] and tags [v1.x, v1.0.0]
// written as lib* and v1.* admit repositories and tags neither side names. The witness is
// decided symbolically and confirmed by the IAM evaluator on both rendered policies (the
// decision's own assertion, see confirmTrust); here it must also name a repository or a
// tag the old rule did not.
func TestGlobWidening(t *testing.T) {
	dir := "../../testdata/diff/glob-widened"
	rep := diff.Compare(load(t, dir+"/old.yaml"), load(t, dir+"/new.yaml"))
	if len(rep.Changes) != 1 || rep.Changes[0].Kind != "role.trust_widened" {
		t.Fatalf("changes: %+v", rep.Changes)
	}
	details := rep.Changes[0].Details
	i := slices.Index(details, "now admitted, for example:")
	if i < 0 || i+1 >= len(details) {
		t.Fatalf("no witness: %v", details)
	}
	w := strings.TrimSpace(details[i+1])
	if !trust.Matches("repo:acme/lib*:ref:refs/tags/v1.*", w) || w == "repo:acme/libx:ref:refs/tags/v1.x" || w == "repo:acme/libx:ref:refs/tags/v1.0.0" {
		t.Errorf("witness %q is not admitted only by the new rule", w)
	}
}
