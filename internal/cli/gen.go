package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

func runGen(args []string, out, errOut io.Writer) error {
	results, _, err := loadTargets("gen", args, errOut)
	if err != nil {
		return err
	}
	// Compare every directory before writing any, so that a refusal writes nothing.
	var all [][]output.Change
	for _, r := range results {
		changes, err := output.Compare(r.out, r.files)
		if err != nil {
			return ioError(err)
		}
		all = append(all, changes)
	}
	for i, changes := range all {
		if err := output.Apply(changes); err != nil {
			return ioError(err)
		}
		summarize(out, results[i].out, changes)
	}
	return nil
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

func runCheck(args []string, out, errOut io.Writer) error {
	results, format, err := loadTargets("check", args, errOut)
	if err != nil {
		return err
	}
	var stale []output.Change
	for _, r := range results {
		changes, err := output.Compare(r.out, r.files)
		if err != nil {
			return ioError(err)
		}
		stale = append(stale, output.Stale(changes)...)
	}
	if len(stale) == 0 {
		fmt.Fprintln(humanOut(format, out, errOut), "generated files are up to date")
		return nil
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
	return silent(ExitStale)
}

func runValidate(args []string, out, errOut io.Writer) error {
	results, format, err := loadTargets("validate", args, errOut)
	if err != nil {
		return err
	}
	fmt.Fprintf(humanOut(format, out, errOut), "%d spec(s) valid\n", len(results))
	return nil
}

// humanOut is where a sentence for people goes: standard output in the text format, and
// standard error when standard output carries JSON or workflow commands for a machine.
func humanOut(f diag.Format, out, errOut io.Writer) io.Writer {
	if f == diag.Text {
		return out
	}
	return errOut
}

// ioError is the error of a failed read or write: exit 2. After a failure other than a
// refused foreign file, it says that nothing more was written.
func ioError(err error) error {
	var foreign *output.ForeignFileError
	if errors.As(err, &foreign) {
		return exitWith(ExitUsage, "%v", err)
	}
	return exitWith(ExitUsage, "%v; nothing more written", err)
}
