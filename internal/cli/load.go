package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// rendered is the result of running the pipeline on one target.
type rendered struct {
	target
	files map[string][]byte
	diags diag.Diagnostics
}

// loadTargets parses the flags of gen, check and validate and renders every spec. The
// error, when not nil, ends the command.
func loadTargets(name string, args []string, errOut io.Writer) ([]rendered, diag.Format, error) {
	var specs specList
	fs := newFlags(name, "[--spec FILE]... [--out DIR] [--format text|json|github]", errOut)
	fs.Var(&specs, "spec", "spec `file` (repeatable; default: every "+DefaultSpecGlob+")")
	outDir := fs.String("out", "", "output `directory` for a single spec (default: "+DefaultOutRoot+"/<spec name>)")
	formatName := fs.String("format", "text", "diagnostics `format`: text, json or github (workflow annotations)")
	if err := parseFlags(fs, args); err != nil {
		return nil, "", err
	}
	format, err := diag.ParseFormat(*formatName)
	if err != nil {
		return nil, "", usageError("%v", err)
	}
	ts, err := targets(specs, *outDir)
	if err != nil {
		return nil, "", usageError("%v", err)
	}
	results, err := renderAll(ts, format, errOut)
	return results, format, err
}

// renderAll renders every target and prints all diagnostics to errOut in format f. The
// error is an exit 2 when a spec cannot be read and an exit 1 when any spec has errors.
func renderAll(ts []target, f diag.Format, errOut io.Writer) ([]rendered, error) {
	var results []rendered
	var all diag.Diagnostics
	for _, t := range ts {
		src, err := os.ReadFile(t.spec)
		if err != nil {
			return nil, usageError("%v", err)
		}
		files, ds := generator.Generate(t.spec, src)
		all = append(all, ds...)
		results = append(results, rendered{target: t, files: files, diags: ds})
	}
	if err := diag.Write(errOut, f, all); err != nil {
		return nil, silent(ExitUsage)
	}
	if all.HasErrors() {
		errs, warns := all.Count()
		if f == diag.Text {
			fmt.Fprintf(errOut, "%d error(s), %d warning(s); nothing written.\n", errs, warns)
		}
		return nil, silent(ExitSpec)
	}
	return results, nil
}

// oneSpec returns the spec a single-spec command works on: the one --spec, or the only
// specs/*.yaml.
func oneSpec(specs []string) (string, error) {
	ts, err := targets(specs, "")
	if err == nil && len(ts) != 1 {
		err = fmt.Errorf("%d specs found; choose one with --spec FILE", len(ts))
	}
	if err != nil {
		return "", err
	}
	return ts[0].spec, nil
}

// loadOne reads and loads a single spec (the only specs/*.yaml when none is given),
// printing its diagnostics. The error, when not nil, ends the command; otherwise the
// model is not nil.
func loadOne(specs []string, errOut io.Writer) (generator.Loaded, error) {
	path, err := oneSpec(specs)
	if err != nil {
		return generator.Loaded{}, usageError("%v", err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return generator.Loaded{}, usageError("%v", err)
	}
	l := generator.Load(path, src)
	diag.Write(errOut, diag.Text, l.Diagnostics)
	if l.Model == nil {
		return l, silent(ExitSpec)
	}
	return l, nil
}

// loadForDiff loads one side of a diff; nil content is an absent spec (a nil model).
func loadForDiff(label string, src []byte, errOut io.Writer) (*model.Model, error) {
	if src == nil {
		return nil, nil
	}
	l := generator.Load(label, src)
	if l.Model == nil {
		diag.Write(errOut, diag.Text, l.Diagnostics)
		return nil, exitWith(ExitSpec, "%s has errors; fix them first", label)
	}
	return l.Model, nil
}
