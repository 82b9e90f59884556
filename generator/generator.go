// Package generator runs the pipeline from a spec file to rendered Terraform:
//
//	parse (spec) → validate → build (model) → lint and expectations → render
//
// Each stage is its own package; this one only strings them together, so that gen, check,
// validate, explain and simulate all see the same result for the same spec.
package generator

import (
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/expect"
	"github.com/ontopix/codeartifact-gen/generator/lint"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/par"
	"github.com/ontopix/codeartifact-gen/generator/render"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/validate"
)

// Loaded is a spec after every check.
type Loaded struct {
	// Spec is the parsed file; it may be nil or incomplete when parsing failed.
	Spec *spec.File
	// Model is the resolved spec; nil when any diagnostic is an error.
	Model *model.Model
	// Lint holds every lint finding, silenced ones included (zero when the spec did not
	// get that far).
	Lint lint.Result
	// Diagnostics are all problems, sorted.
	Diagnostics diag.Diagnostics
}

// Load parses, validates, resolves and lints the spec in src; path is used in diagnostics
// and in the headers of rendered files.
//
// A path whose name cannot safely name an output directory or appear in a generated
// header (validate.SpecPath) is refused before src is read at all.
//
// No subject is built for a spec whose trust rules expand to more than MaxSubjectsPerRole
// subjects in a role or MaxSubjects in all.
func Load(path string, src []byte) Loaded {
	return load(path, src, nil)
}

// load is Load that also runs alongside(model), when alongside is not nil and the spec
// builds, at the same time as the lint and the expectations, on another core. The
// caller uses what alongside made only when the result's Model is not nil; a panic in
// alongside is re-raised then, and dropped when the lint or the expectations found an
// error (the model was never meant to reach it).
func load(path string, src []byte, alongside func(*model.Model)) Loaded {
	if ds := validate.SpecPath(path); len(ds) > 0 {
		return Loaded{Diagnostics: ds}
	}
	f, ds := spec.Parse(path, src)
	if ds.HasErrors() {
		return Loaded{Spec: f, Diagnostics: ds}
	}
	ds = append(ds, validate.Spec(f)...)
	if !ds.HasErrors() {
		ds = append(ds, checkExpansion(f)...)
	}
	if ds.HasErrors() {
		return Loaded{Spec: f, Diagnostics: ds.Sort()}
	}
	m := model.Build(f)
	var res lint.Result
	var expected diag.Diagnostics
	var panicked any
	par.DoIf(par.Worth(m.Size()), func() { res = lint.Run(m) }, func() { expected = expect.Check(m) }, func() {
		if alongside != nil {
			defer func() { panicked = recover() }()
			alongside(m)
		}
	})
	ds = append(ds, res.Diagnostics...)
	ds = append(ds, expected...).Sort()
	if ds.HasErrors() {
		m = nil
	} else if panicked != nil {
		panic(panicked)
	}
	return Loaded{Spec: f, Model: m, Lint: res, Diagnostics: ds}
}

// Generate returns the rendered files of the spec in src by file name, and every
// diagnostic. The files are nil when any diagnostic is an error.
func Generate(path string, src []byte) (map[string][]byte, diag.Diagnostics) {
	var files map[string][]byte
	l := load(path, src, func(m *model.Model) { files = render.Render(m) })
	if l.Model == nil {
		return nil, l.Diagnostics
	}
	return files, l.Diagnostics
}
