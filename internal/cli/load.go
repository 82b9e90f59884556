package cli

import (
	"fmt"
	"io"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

// rendered is the result of running the pipeline on one target.
type rendered struct {
	target
	files map[string][]byte
	diags diag.Diagnostics
}

// report is what gen, check and validate print: the diagnostics in the chosen format,
// and sentences for people. In a machine format (json, github) standard output carries
// exactly one document (a JSON array, or workflow commands) and every sentence goes to
// standard error; in text, diagnostics go to standard error and the command's result to
// standard output.
type report struct {
	format      diag.Format
	out, errOut io.Writer
	diags       diag.Diagnostics
	// orphans are the output directories without a spec that gen --prune removes.
	orphans []output.OrphanDir
}

// human is where a sentence for people goes: standard output in the text format,
// standard error in a machine format.
func (r *report) human() io.Writer {
	if r.format == diag.Text {
		return r.out
	}
	return r.errOut
}

// flush writes the collected diagnostics: to standard error in text, as the one document
// on standard output otherwise. It is called once, at the end of the command.
func (r *report) flush() error {
	w := r.out
	if r.format == diag.Text {
		w = r.errOut
	}
	if err := diag.Write(w, r.format, r.diags); err != nil {
		return ioError(err)
	}
	return nil
}

// loadTargets parses the flags of gen, check and validate and renders every spec. On
// an error, the diagnostics are already written (rep.flush) and the error ends the
// command; otherwise the caller adds its own diagnostics and calls rep.flush.
func loadTargets(name string, args []string, out, errOut io.Writer) ([]rendered, *report, error) {
	var specs specList
	synopsis := "[--spec FILE]... [--out DIR] [--format text|json|github-actions]"
	if name == "gen" {
		synopsis += " [--prune]"
	}
	fs := newFlags(name, synopsis, out)
	pruneFlag := new(bool)
	if name == "gen" {
		fs.BoolVar(pruneFlag, "prune", false, "remove the generated files of every "+DefaultOutRoot+"/<name>/ whose spec is gone (with no --spec and no --out)")
	}
	fs.Var(&specs, "spec", "spec `file` (repeatable; default: every "+DefaultSpecGlob+" of the repository); out/ is next to the repository's specs/, wherever you run from")
	outDir := fs.String("out", "", "output `directory` for a single spec (default: "+DefaultOutRoot+"/<spec name> in the repository root)")
	formatName := fs.String("format", "text", "diagnostics `format`: text, json or github-actions (workflow annotations; alias github); machine formats print one document on standard output")
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	format, err := diag.ParseFormat(*formatName)
	if err != nil {
		return nil, nil, usageError(CodeBadFlagValue, "%v", err)
	}
	ts, err := targets(specs, *outDir)
	if err != nil {
		return nil, nil, err
	}
	rep := &report{format: format, out: out, errOut: errOut}
	if err := closedWorld(rep, ts, len(specs) == 0 && *outDir == "", *pruneFlag); err != nil {
		return nil, nil, err
	}
	results, err := renderAll(ts, rep)
	if err != nil {
		if ferr := rep.flush(); ferr != nil {
			return nil, nil, ferr
		}
		if rep.diags.HasErrors() {
			errs, warns := rep.diags.Count()
			if name == "validate" {
				fmt.Fprintf(errOut, "%d error(s), %d warning(s).\n", errs, warns)
			} else {
				fmt.Fprintf(errOut, "%d error(s), %d warning(s); nothing written.\n", errs, warns)
			}
		}
		return nil, nil, err
	}
	return results, rep, nil
}

// renderAll renders every target, checks it against its output directory
// (generator.GenerateIn), and collects every diagnostic in rep, naming each spec as given.
// The error is an exit 2 when a spec or directory cannot be read, an exit 3 when every
// error is about files the specs do not account for, and an exit 1 when any other error
// is found.
func renderAll(ts []target, rep *report) ([]rendered, error) {
	var results []rendered
	for _, t := range ts {
		src, ds, err := generator.ReadSpec(t.spec)
		if err != nil {
			return nil, usageError(CodeUnreadableSpec, "%v", err)
		}
		var files map[string][]byte
		if ds == nil {
			if files, ds, err = generator.GenerateIn(t.label, src, t.out); err != nil {
				return nil, ioError(err)
			}
			ds = asGiven(ds, t)
		}
		rep.diags = append(rep.diags, ds...)
		results = append(results, rendered{target: t, files: files, diags: ds})
	}
	if rep.diags.HasErrors() {
		return nil, silent(exitFor(rep.diags))
	}
	return results, nil
}

// asGiven renames the spec in ds from its repository-relative label (which generated
// headers carry) to the path the user gave.
func asGiven(ds diag.Diagnostics, t target) diag.Diagnostics {
	for i := range ds {
		if ds[i].Pos.File == t.label {
			ds[i].Pos.File = t.spec
		}
	}
	return ds
}

// oneSpec returns the spec a single-spec command works on: the one --spec, or the only
// specs/*.yaml.
func oneSpec(specs []string) (target, error) {
	ts, err := targets(specs, "")
	if err != nil {
		return target{}, err
	}
	if len(ts) != 1 {
		return target{}, usageError(CodeSpecSelection, "%d specs found; choose one with --spec FILE", len(ts))
	}
	return ts[0], nil
}

// loadOne reads and loads a single spec (the only specs/*.yaml when none is given),
// printing its diagnostics as text on errOut. The error, when not nil, ends the command;
// otherwise the model is not nil.
func loadOne(specs []string, errOut io.Writer) (generator.Loaded, error) {
	t, err := oneSpec(specs)
	if err != nil {
		return generator.Loaded{}, err
	}
	src, refused, err := generator.ReadSpec(t.spec)
	if err != nil {
		return generator.Loaded{}, usageError(CodeUnreadableSpec, "%v", err)
	}
	if refused != nil {
		diag.Write(errOut, diag.Text, refused)
		return generator.Loaded{Diagnostics: refused}, silent(ExitSpec)
	}
	l := generator.Load(t.label, src)
	diag.Write(errOut, diag.Text, asGiven(l.Diagnostics, t))
	if l.Model == nil {
		return l, silent(ExitSpec)
	}
	return l, nil
}
