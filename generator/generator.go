// Package generator runs the pipeline from a spec file to rendered Terraform:
//
//	parse (spec) → validate → build (model) → render
//
// Each stage is its own package; this one only strings them together, so that the gen,
// check, validate and explain commands all see the same result for the same spec.
package generator

import (
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/render"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/validate"
)

// Load parses and validates the spec in src (path is used in diagnostics and headers) and
// resolves it. It returns every diagnostic, sorted; the model is nil when any is an error.
func Load(path string, src []byte) (*model.Model, *spec.File, diag.Diagnostics) {
	f, ds := spec.Parse(path, src)
	if ds.HasErrors() {
		return nil, f, ds
	}
	ds = append(ds, validate.Spec(f)...)
	if ds.HasErrors() {
		return nil, f, ds.Sort()
	}
	return model.Build(f), f, ds.Sort()
}

// Generate returns the rendered files of the spec in src by file name, and every
// diagnostic. The files are nil when any diagnostic is an error.
func Generate(path string, src []byte) (map[string][]byte, diag.Diagnostics) {
	m, _, ds := Load(path, src)
	if m == nil {
		return nil, ds
	}
	return render.Render(m), ds
}
