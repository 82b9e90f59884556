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
	results, rep, err := loadTargets("gen", args, out, errOut)
	if err != nil {
		return err
	}
	if err := rep.flush(); err != nil {
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
		summarize(rep.human(), results[i].out, changes)
	}
	return prune(rep.human(), rep.orphans)
}

func summarize(out io.Writer, dir string, changes []output.Change) {
	stale := output.Stale(changes)
	for _, c := range stale {
		verb := map[output.Kind]string{output.Changed: "updated", output.Missing: "wrote", output.Orphaned: "removed"}[c.Kind]
		fmt.Fprintf(out, "%s %s\n", verb, filepath.ToSlash(c.Path))
	}
	if len(stale) == 0 {
		fmt.Fprintf(out, "%s: up to date\n", filepath.ToSlash(dir))
	}
}

func runCheck(args []string, out, errOut io.Writer) error {
	results, rep, err := loadTargets("check", args, out, errOut)
	if err != nil {
		return err
	}
	var stale []output.Change
	for _, r := range results {
		changes, err := output.Compare(r.out, r.files)
		if err != nil {
			rep.flush()
			return ioError(err)
		}
		stale = append(stale, output.Stale(changes)...)
	}
	if rep.format != diag.Text {
		// Annotations (or JSON) on the files themselves, so the pull request shows them,
		// in the same document as the specs' warnings.
		for _, c := range stale {
			rep.diags = append(rep.diags, diag.Diagnostic{Severity: diag.Error, Code: c.Kind.Code(), Pos: diag.Pos{File: filepath.ToSlash(c.Path)},
				Summary: fmt.Sprintf("generated file is %s", c.Kind), Detail: "Run codeartifact-gen gen (task gen) and commit the result."})
		}
	}
	if err := rep.flush(); err != nil {
		return err
	}
	if len(stale) == 0 {
		fmt.Fprintln(rep.human(), "generated files are up to date")
		return nil
	}
	if rep.format == diag.Text {
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
	results, rep, err := loadTargets("validate", args, out, errOut)
	if err != nil {
		return err
	}
	if err := rep.flush(); err != nil {
		return err
	}
	fmt.Fprintf(rep.human(), "%d spec(s) valid\n", len(results))
	return nil
}

// ioError is the error of a failed read or write: exit 2. After a failure other than a
// refused foreign file, it says that nothing more was written.
func ioError(err error) error {
	var foreign *output.ForeignFileError
	if errors.As(err, &foreign) {
		return exitWith(ExitUsage, output.CodeForeignFile, "%v", err)
	}
	return exitWith(ExitUsage, output.CodeWriteFailed, "%v; nothing more written", err)
}
