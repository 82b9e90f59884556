package generator

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

// update rewrites the expected files of every golden case: go test ./generator -update.
// Review the diff before committing it.
var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is the repository root relative to this package's directory.
const repoRoot = ".."

// goldenCase is one directory under testdata/cases: spec.yaml, and the expected result in
// expected/ (rendered files) and/or diagnostics.txt (every diagnostic, text format).
type goldenCase struct {
	name string
	dir  string // relative to the package directory
	// label is the spec's path relative to the repository root, as a user would pass it;
	// it appears in headers and diagnostics.
	label    string
	specPath string
	outDir   string // where the expected files are
}

func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "cases", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases found under testdata/cases (err %v)", err)
	}
	var cases []goldenCase
	for _, dir := range dirs {
		name := filepath.Base(dir)
		cases = append(cases, goldenCase{
			name:     name,
			dir:      dir,
			label:    "testdata/cases/" + name + "/spec.yaml",
			specPath: filepath.Join(dir, "spec.yaml"),
			outDir:   filepath.Join(dir, "expected"),
		})
	}
	// The worked examples are cases too: specs/NAME.yaml renders into the committed out/NAME.
	specs, _ := filepath.Glob(filepath.Join(repoRoot, "specs", "*.yaml"))
	for _, s := range specs {
		name := strings.TrimSuffix(filepath.Base(s), ".yaml")
		cases = append(cases, goldenCase{
			name:     "specs/" + name,
			dir:      filepath.Join(repoRoot, "specs"),
			label:    "specs/" + name + ".yaml",
			specPath: s,
			outDir:   filepath.Join(repoRoot, "out", name),
		})
	}
	return cases
}

// TestGolden renders every case and compares the files and diagnostics with the expected
// ones. A case whose spec has errors must render nothing.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile(c.specPath)
			if err != nil {
				t.Fatal(err)
			}
			files, ds := Generate(c.label, src)
			if ds.HasErrors() && files != nil {
				t.Fatalf("a spec with errors rendered %d files", len(files))
			}
			var text bytes.Buffer
			if err := diag.Write(&text, diag.Text, ds); err != nil {
				t.Fatal(err)
			}
			diagFile := filepath.Join(c.dir, "diagnostics.txt")
			if strings.HasPrefix(c.name, "specs/") {
				// A worked example must be clean: no error, no warning.
				if len(ds) > 0 {
					t.Fatalf("the example spec has diagnostics:\n%s", text.String())
				}
			} else {
				compareOrUpdate(t, diagFile, text.Bytes())
			}
			if files == nil {
				if _, err := os.Stat(c.outDir); err == nil {
					t.Errorf("%s exists, but the spec has errors and renders nothing", c.outDir)
				}
				return
			}
			compareDir(t, c.outDir, files)
		})
	}
}

// compareDir checks that dir holds exactly files (or rewrites it with -update).
func compareDir(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	changes, err := output.Compare(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	stale := output.Stale(changes)
	if *update {
		if err := output.Apply(stale); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, c := range stale {
		t.Errorf("%s is %s; run go test ./generator -update and review the diff:\n%s", c.Path, c.Kind, c.Diff())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok && !slices.Contains([]string{".terraform"}, e.Name()) {
			t.Errorf("%s holds %s, which the spec does not render", dir, e.Name())
		}
	}
}

func compareOrUpdate(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if len(got) == 0 {
			os.Remove(path)
			return
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("diagnostics differ from %s; run go test ./generator -update and review the diff:\n%s",
			path, output.UnifiedDiff(path, "got", want, got))
	}
}
