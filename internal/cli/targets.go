package cli

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// DefaultSpecGlob is where specs are found when no --spec is given.
const DefaultSpecGlob = "specs/*.yaml"

// DefaultOutRoot is the directory under which each spec renders into <spec name>/.
const DefaultOutRoot = "out"

// target is one spec and the directory it renders into.
type target struct {
	spec string // as given, slash-separated: it is written into the generated header
	out  string
}

// targets resolves the --spec and --out flags into the specs to process.
func targets(specs []string, out string) ([]target, error) {
	if len(specs) == 0 {
		found, err := filepath.Glob(DefaultSpecGlob)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no spec given and none found at %s; pass --spec FILE", DefaultSpecGlob)
		}
		specs = found // Glob returns them sorted
	}
	if out != "" && len(specs) > 1 {
		return nil, fmt.Errorf("--out names the directory of one spec, but %d specs are given; omit --out to render each into %s/<spec name>/", len(specs), DefaultOutRoot)
	}
	var ts []target
	byDir := map[string]string{}
	for _, s := range specs {
		s = filepath.ToSlash(filepath.Clean(s))
		dir := out
		if dir == "" {
			dir = filepath.Join(DefaultOutRoot, strings.TrimSuffix(path.Base(s), path.Ext(s)))
		}
		if other, taken := byDir[dir]; taken {
			return nil, fmt.Errorf("%s and %s would both render into %s; give the specs different file names", other, s, dir)
		}
		byDir[dir] = s
		ts = append(ts, target{spec: s, out: dir})
	}
	return ts, nil
}

// rendered is the result of running the pipeline on one target.
type rendered struct {
	target
	files map[string][]byte
	diags diag.Diagnostics
}

// renderAll renders every target and prints all diagnostics to errOut in format f. It
// returns ExitUsage when a spec cannot be read, ExitSpec when any spec has errors, and -1
// when every spec rendered.
func renderAll(ts []target, f diag.Format, errOut io.Writer) ([]rendered, int) {
	var results []rendered
	var all diag.Diagnostics
	for _, t := range ts {
		src, err := os.ReadFile(t.spec)
		if err != nil {
			fmt.Fprintf(errOut, "codeartifact-gen: %v\n", err)
			return nil, ExitUsage
		}
		files, ds := generator.Generate(t.spec, src)
		all = append(all, ds...)
		results = append(results, rendered{target: t, files: files, diags: ds})
	}
	if err := diag.Write(errOut, f, all); err != nil {
		return nil, ExitUsage
	}
	if all.HasErrors() {
		errs, warns := all.Count()
		if f == diag.Text {
			fmt.Fprintf(errOut, "%d error(s), %d warning(s); nothing written.\n", errs, warns)
		}
		return nil, ExitSpec
	}
	return results, -1
}
