package generator

import (
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/generator/render"
)

// GenerateIn is Generate for a spec that renders into the directory dir, with the
// closed-world checks against what is there: every Terraform file in dir is rendered or
// declared under hand_written, declared files leave generated resources alone
// (output.Audit), and every domain and repository the previous render in dir managed is
// still in the spec or under removed (output.Removals). The files are nil when any
// diagnostic is an error; err reports a directory that cannot be read.
func GenerateIn(path string, src []byte, dir string) (map[string][]byte, diag.Diagnostics, error) {
	// Render and read the directory while the lint runs: both only read the model.
	var files map[string][]byte
	var world diag.Diagnostics
	var err error
	var same bool
	l := load(path, src, func(m *model.Model) {
		files = render.Render(m)
		if world, err = output.Audit(dir, files, m); err == nil {
			same = output.SameOnDisk(dir, output.PreviousFile, files[output.PreviousFile])
		}
	})
	if l.Model == nil {
		return nil, l.Diagnostics, nil
	}
	if err != nil {
		return nil, nil, err
	}
	ds := append(l.Diagnostics, world...)
	if !same {
		// Only a main.tf that differs from this render can record a domain or repository
		// the spec has dropped; parsing an identical one (every gen and check without a
		// change) would find nothing and cost most of gen's time at organisation scale.
		prev, err := output.ReadPrevious(dir)
		if err != nil {
			return nil, nil, err
		}
		ds = append(ds, output.Removals(l.Model, prev)...)
	}
	ds = ds.Sort()
	if ds.HasErrors() {
		return nil, ds, nil
	}
	return files, ds, nil
}
