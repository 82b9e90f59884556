package generator_test

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/lint"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/generator/validate"
)

var updateCodes = flag.Bool("update-codes", false, "rewrite testdata/diagnostic-codes.md from the catalogues")

// corpusSpecs returns every spec of the golden cases and the hostile corpus.
func corpusSpecs(t *testing.T) []string {
	t.Helper()
	cases, err := filepath.Glob("../testdata/cases/*/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hostile, err := filepath.Glob("../testdata/hostile/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 || len(hostile) < 30 {
		t.Fatalf("found %d cases and %d hostile specs; the corpus is missing", len(cases), len(hostile))
	}
	return append(cases, hostile...)
}

// TestEveryDiagnosticHasACode runs every golden and hostile spec through the pipeline
// and fails on a diagnostic without a well-formed code, or with a code of a catalogued
// family (SPEC, VALID, OUT, CLI) that the catalogue does not list with that severity.
func TestEveryDiagnosticHasACode(t *testing.T) {
	seen := 0
	for _, path := range corpusSpecs(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range generator.Load(path, src).Diagnostics {
			seen++
			if !diag.IsCode(d.Code) {
				t.Errorf("%s: diagnostic without a well-formed code: %s", path, d)
				continue
			}
			if slices.Contains(diag.CatalogueFamilies, diag.Family(d.Code)) {
				info, ok := diag.Lookup(d.Code)
				if !ok {
					t.Errorf("%s: code %s is not in diag.Catalogue: %s", path, d.Code, d)
				} else if info.Severity != d.Severity {
					t.Errorf("%s: %s is a %s, but the catalogue says %s", path, d.Code, d.Severity, info.Severity)
				}
			}
		}
	}
	if seen < 100 {
		t.Fatalf("only %d diagnostics in the corpus; the walk is not reaching it", seen)
	}
}

var codeLiteral = regexp.MustCompile(`^(` + strings.Join(diag.CatalogueFamilies, "|") + `)[0-9]{3}$`)

// TestCatalogueMatchesSource checks, without running anything, that every code literal of
// a catalogued family in the Go sources is in diag.Catalogue, and every catalogue entry is
// used by some source file: a site that the corpus does not reach still needs a listed code.
func TestCatalogueMatchesSource(t *testing.T) {
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, root := range []string{".", "../internal"} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && codeLiteral.MatchString(s) && path != filepath.Join("diag", "codes.go") {
						used[s] = fset.Position(lit.Pos()).String()
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for code, where := range used {
		if _, ok := diag.Lookup(code); !ok {
			t.Errorf("%s: code %s is not in diag.Catalogue", where, code)
		}
	}
	catalogue := diag.Catalogue()
	for i, c := range catalogue {
		if _, ok := used[c.Code]; !ok {
			t.Errorf("catalogue code %s is used by no source file", c.Code)
		}
		if !codeLiteral.MatchString(c.Code) || c.Meaning == "" || c.Fix == "" {
			t.Errorf("catalogue entry %d is incomplete: %+v", i, c)
		}
		if i > 0 && diag.Family(catalogue[i-1].Code) == diag.Family(c.Code) && catalogue[i-1].Code >= c.Code {
			t.Errorf("catalogue codes out of order or repeated: %s after %s", c.Code, catalogue[i-1].Code)
		}
	}
	if output.Changed.Code() != "OUT001" || output.Orphaned.Code() != "OUT003" {
		t.Error("output kinds lost their codes")
	}
}

// TestCodeTable keeps testdata/diagnostic-codes.md, the README's table of every code
// (lint rules included), in step with the catalogues: go test ./generator -run
// TestCodeTable -update-codes rewrites it.
func TestCodeTable(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("| Code | Severity | Meaning | Fix |\n| --- | --- | --- | --- |\n")
	row := func(code string, sev diag.Severity, meaning, fix string) {
		esc := strings.NewReplacer("|", `\|`, "\n", " ")
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", code, sev, esc.Replace(meaning), esc.Replace(fix))
	}
	for _, c := range diag.Catalogue() {
		row(c.Code, c.Severity, c.Meaning, c.Fix)
	}
	for _, c := range validate.SafeCodes {
		row(c.Code, c.Severity, c.Meaning, c.Fix)
	}
	for _, r := range lint.Catalogue {
		row(r.ID, r.Severity, r.Title+": "+r.Risk, r.Fix)
	}
	golden := "../testdata/diagnostic-codes.md"
	if *updateCodes {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./generator -run TestCodeTable -update-codes)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s is out of date: go test ./generator -run TestCodeTable -update-codes\n%s", golden, output.UnifiedDiff(golden, "got", want, b.Bytes()))
	}
}
