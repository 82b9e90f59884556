// Package modeltest loads the model of a spec file for the tests of the packages that read
// a model (diff, simulate, kit, render), instead of a copy of the same helper in each. It
// is test-only: the command never links it (TestNoTestOnlyPackageIsLinked).
package modeltest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// Load returns the model of the spec at root/label, its diagnostics labelled with label
// (the path goldens show), and fails the test when the spec does not load: a diagnostic
// that is an error, or a file it cannot read. root "" reads label itself.
func Load(tb testing.TB, root, label string) *model.Model {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(label)))
	if err != nil {
		tb.Fatal(err)
	}
	l := generator.Load(label, src)
	if l.Model == nil {
		tb.Fatalf("%s has errors: %v", label, l.Diagnostics)
	}
	return l.Model
}
