package diff_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diff"
)

// TestExpectationChanges: removing an expectation while widening the role it tested is
// WIDENED, with the token the new policy admits; dropping a role from an expectation, and
// adding one, are reported without widening.
func TestExpectationChanges(t *testing.T) {
	dir := "../../testdata/diff/expectation-removed"
	old, new := load(t, filepath.Join(dir, "old.yaml")), load(t, filepath.Join(dir, "new.yaml"))
	got := diff.ExpectationChanges(old, new)
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, c.Kind+" "+c.Subject)
	}
	want := []string{
		"expectation.removed expectation a new repository cannot publish",
		"expectation.changed expectation branches do not publish",
		"expectation.added expectation tags of any repository publish",
	}
	if !slices.Equal(kinds, want) {
		t.Fatalf("changes %q, want %q", kinds, want)
	}
	removed := got[0]
	if !removed.Widened || removed.Pos.Line == 0 || !strings.Contains(strings.Join(removed.Details, "\n"),
		"role release now admits sub repo:acme/repository-created-later:ref:refs/tags/v1.0.0 (allowed: by statement #1") {
		t.Errorf("removed: %+v", removed)
	}
	if got[1].Widened || !slices.Equal(got[1].Details, []string{"- admitted_by ci"}) {
		t.Errorf("changed: %+v", got[1])
	}
	if got[2].Widened {
		t.Errorf("added: %+v", got[2])
	}
	// The whole report carries them and is widened; the reverse change narrows nothing
	// that an expectation tested, and adding the expectation back is no widening.
	if rep := diff.Compare(old, new); !rep.HasWidened() || !slices.ContainsFunc(rep.Changes, func(c diff.Change) bool { return c.Kind == "expectation.removed" }) {
		t.Errorf("Compare lacks the expectation changes: %+v", rep.Changes)
	}
	for _, c := range diff.ExpectationChanges(new, old) {
		if c.Widened {
			t.Errorf("reverse: %+v", c)
		}
	}
	for _, c := range diff.ExpectationChanges(old, old) {
		t.Errorf("a spec compared with itself: %+v", c)
	}
	// Removing an expectation that the new policies still satisfy is reported, not widened.
	src, err := os.ReadFile(filepath.Join(dir, "old.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cut := strings.Replace(string(src), "  - name: a new repository cannot publish\n    repo: acme/repository-created-later\n    ref: refs/tags/v1.0.0\n    refused_by: [release]\n", "", 1)
	l := generator.Load("cut.yaml", []byte(cut))
	if l.Model == nil || len(l.Model.Expectations) != 2 {
		t.Fatalf("the cut spec: %v", l.Diagnostics)
	}
	got = diff.ExpectationChanges(old, l.Model)
	if len(got) != 1 || got[0].Kind != "expectation.removed" || got[0].Widened || strings.Contains(strings.Join(got[0].Details, "\n"), "no longer holds") {
		t.Errorf("removed, still holding: %+v", got)
	}
}
