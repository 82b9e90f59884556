package importer

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/internal/goldentest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestLayouts imports every hand-written layout under testdata/import (its terraform/
// directory, with the *.tfvars beside it as var files) and compares the spec and the
// findings with the golden spec.yaml and findings.txt. Each spec must render without an
// error. TestImportedLayoutsReplaceNothing (internal/tofuverify) plans the renders
// against the old configuration's state.
func TestLayouts(t *testing.T) {
	layouts, _ := filepath.Glob("../../testdata/import/*/terraform")
	if len(layouts) < 3 {
		t.Fatalf("%d layouts, want at least 3", len(layouts))
	}
	for _, tf := range layouts {
		base := filepath.Dir(tf)
		name := filepath.Base(base)
		t.Run(name, func(t *testing.T) {
			varFiles, _ := filepath.Glob(filepath.Join(base, "*.tfvars"))
			dir := "testdata/import/" + name + "/terraform"
			res, ds := Import(tf, Options{VarFiles: varFiles})
			if res == nil {
				t.Fatalf("import failed: %v", ds)
			}
			spec := res.Spec.YAML(dir)
			if files, ds := generator.Generate("specs/"+name+".yaml", spec); files == nil {
				t.Fatalf("the imported spec does not render: %v\n%s", ds, spec)
			}
			var findings bytes.Buffer
			diag.Write(&findings, diag.Text, res.Findings)
			got := strings.ReplaceAll(findings.String(), "../../", "")
			golden(t, filepath.Join(base, "spec.yaml"), spec)
			golden(t, filepath.Join(base, "findings.txt"), []byte(got))
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldentest.Compare(t, path, got, *update, "go test ./generator/importer -update")
}
