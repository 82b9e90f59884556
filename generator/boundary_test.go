package generator_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestModelIsTheBoundary fails when lint, diff or explain import generator/spec: those
// stages read the model only (positions, silences and the parsed trust policy are model
// fields), so a change to the spec's types reaches them through model.Build alone. It
// parses the import clauses of the packages' non-test files (what `go list -f
// '{{.Imports}}'` reports); tests may still parse specs.
func TestModelIsTheBoundary(t *testing.T) {
	const forbidden = "github.com/ontopix/codeartifact-gen/generator/spec"
	for _, pkg := range []string{"lint", "diff", "explain"} {
		files, err := filepath.Glob(filepath.Join(pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", pkg, err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				if path, _ := strconv.Unquote(imp.Path.Value); path == forbidden {
					t.Errorf("%s imports %s: read what the stage needs from model fields instead", name, path)
				}
			}
		}
	}
}
