package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

func runGen(args []string, out, errOut io.Writer) int {
	results, _, code := loadTargets("gen", args, errOut)
	if code >= 0 {
		return code
	}
	// Compare every directory before writing any, so that a refusal writes nothing.
	var all [][]output.Change
	for _, r := range results {
		changes, err := output.Compare(r.out, r.files)
		if err != nil {
			return ioError(errOut, err)
		}
		all = append(all, changes)
	}
	for i, changes := range all {
		if err := output.Apply(changes); err != nil {
			return ioError(errOut, err)
		}
		summarize(out, results[i].out, changes)
	}
	return ExitOK
}

func summarize(out io.Writer, dir string, changes []output.Change) {
	stale := output.Stale(changes)
	for _, c := range stale {
		verb := map[output.Kind]string{output.Changed: "updated", output.Missing: "wrote", output.Orphaned: "removed"}[c.Kind]
		fmt.Fprintf(out, "%s %s\n", verb, c.Path)
	}
	if len(stale) == 0 {
		fmt.Fprintf(out, "%s: up to date\n", dir)
	}
}

func runCheck(args []string, out, errOut io.Writer) int {
	results, format, code := loadTargets("check", args, errOut)
	if code >= 0 {
		return code
	}
	var stale []output.Change
	for _, r := range results {
		changes, err := output.Compare(r.out, r.files)
		if err != nil {
			return ioError(errOut, err)
		}
		stale = append(stale, output.Stale(changes)...)
	}
	if len(stale) == 0 {
		fmt.Fprintln(humanOut(format, out, errOut), "generated files are up to date")
		return ExitOK
	}
	if format != diag.Text {
		// Annotations (or JSON) on the files themselves, so the pull request shows them.
		var ds diag.Diagnostics
		for _, c := range stale {
			ds = append(ds, diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: filepath.ToSlash(c.Path)},
				Summary: fmt.Sprintf("generated file is %s", c.Kind), Detail: "Run codeartifact-gen gen (task gen) and commit the result."})
		}
		diag.Write(out, format, ds)
	} else {
		for _, c := range stale {
			fmt.Fprintf(out, "%s: %s\n", c.Path, c.Kind)
		}
		fmt.Fprintln(out)
		for _, c := range stale {
			fmt.Fprint(out, c.Diff())
		}
	}
	fmt.Fprintf(errOut, "%d generated file(s) out of date; run codeartifact-gen gen (task gen) and commit the result.\n", len(stale))
	return ExitStale
}

func runValidate(args []string, out, errOut io.Writer) int {
	results, format, code := loadTargets("validate", args, errOut)
	if code >= 0 {
		return code
	}
	fmt.Fprintf(humanOut(format, out, errOut), "%d spec(s) valid\n", len(results))
	return ExitOK
}

// loadTargets parses the common flags and renders every spec. It returns the exit code to
// stop with, or -1 with the results.
func loadTargets(name string, args []string, errOut io.Writer) ([]rendered, diag.Format, int) {
	var specs specList
	fs := newFlags(name, "[--spec FILE]... [--out DIR] [--format text|json|github]", errOut)
	fs.Var(&specs, "spec", "spec `file` (repeatable; default: every "+DefaultSpecGlob+")")
	outDir := fs.String("out", "", "output `directory` for a single spec (default: "+DefaultOutRoot+"/<spec name>)")
	formatName := fs.String("format", "text", "diagnostics `format`: text, json or github (workflow annotations)")
	if code := parseFlags(fs, args); code >= 0 {
		return nil, "", code
	}
	format, err := diag.ParseFormat(*formatName)
	if err != nil {
		fmt.Fprintf(errOut, "codeartifact-gen %s: %v\n", name, err)
		return nil, "", ExitUsage
	}
	ts, err := targets(specs, *outDir)
	if err != nil {
		fmt.Fprintf(errOut, "codeartifact-gen %s: %v\n", name, err)
		return nil, "", ExitUsage
	}
	results, code := renderAll(ts, format, errOut)
	return results, format, code
}

// humanOut is where a sentence for people goes: standard output in the text format, and
// standard error when standard output carries JSON or workflow commands for a machine.
func humanOut(f diag.Format, out, errOut io.Writer) io.Writer {
	if f == diag.Text {
		return out
	}
	return errOut
}

func ioError(errOut io.Writer, err error) int {
	var foreign *output.ForeignFileError
	if errors.As(err, &foreign) {
		fmt.Fprintf(errOut, "codeartifact-gen: %v\n", err)
	} else {
		fmt.Fprintf(errOut, "codeartifact-gen: %v; nothing more written\n", err)
	}
	return ExitUsage
}
