package diff_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

func load(t *testing.T, path string) *model.Model {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l := generator.Load(path, src)
	if l.Model == nil {
		t.Fatalf("%s: %v", path, l.Diagnostics)
	}
	return l.Model
}

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
		{"permission-change", []string{"repository.upstream_order", "role.permissions"}, false, true},
		{"require-dropped", []string{"role.trust_widened"}, false, true},
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
	m := load(t, "../../specs/ontopix.yaml")
	if rep := diff.Compare(m, m); len(rep.Changes) != 0 {
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
