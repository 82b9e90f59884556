package spec_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/lint"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/render"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/validate"
)

// fuzzLabel is the spec path FuzzParse passes; every diagnostic must be positioned in it.
const fuzzLabel = "fuzz/spec.yaml"

// fuzzSeeds are the globs, relative to this package's directory, of the seed corpus: the
// worked examples, the golden cases and the hostile corpus.
var fuzzSeeds = []string{
	"../../specs/*.yaml",
	"../../testdata/cases/*/spec.yaml",
	"../../testdata/hostile/*.yaml",
}

// FuzzParse runs spec.Parse and validate.Spec on arbitrary bytes and checks that:
//   - nothing panics;
//   - every diagnostic is an error or a warning, has a summary, and is positioned in the
//     file given to Parse;
//   - a spec without errors builds into a model, lints, and renders files that are all
//     syntactically valid HCL.
//
// Run it with go test ./generator/spec -run '^$' -fuzz FuzzParse -fuzztime 10m.
func FuzzParse(f *testing.F) {
	seeds := 0
	for _, glob := range fuzzSeeds {
		paths, err := filepath.Glob(glob)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
			seeds++
		}
	}
	if seeds == 0 {
		f.Fatal("no seed specs found")
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, ds := spec.Parse(fuzzLabel, src)
		checkFuzzDiagnostics(t, "spec.Parse", ds)
		if ds.HasErrors() {
			return
		}
		if file == nil {
			t.Fatal("spec.Parse returned neither a file nor an error")
		}
		ds = validate.Spec(file)
		checkFuzzDiagnostics(t, "validate.Spec", ds)
		if ds.HasErrors() {
			return
		}
		m := model.Build(file)
		if m == nil {
			t.Fatal("model.Build returned nil for a spec without errors")
		}
		checkFuzzDiagnostics(t, "lint.Run", lint.Run(m).Diagnostics)
		files := render.Render(m)
		if len(files) == 0 {
			t.Fatal("render.Render returned no files for a spec without errors")
		}
		for name, content := range files {
			if _, hds := hclsyntax.ParseConfig(content, name, hcl.InitialPos); hds.HasErrors() {
				t.Fatalf("rendered %s is not valid HCL: %v\n%s", name, hds, content)
			}
		}
	})
}

// checkFuzzDiagnostics checks the invariants every diagnostic of stage must keep.
func checkFuzzDiagnostics(t *testing.T, stage string, ds diag.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		switch {
		case d.Severity != diag.Error && d.Severity != diag.Warning:
			t.Fatalf("%s: diagnostic with severity %d: %s", stage, d.Severity, d)
		case d.Summary == "":
			t.Fatalf("%s: diagnostic without a summary: %s", stage, d)
		case d.Pos.File != fuzzLabel:
			t.Fatalf("%s: diagnostic positioned in %q, not %q: %s", stage, d.Pos.File, fuzzLabel, d)
		}
	}
}
