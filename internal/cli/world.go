package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

// closedWorld adds to rep the WORLD001 error of every directory under the output root
// that no target renders into, when the targets are every spec (no --spec, no --out;
// otherwise no one can tell). With prune, those that hold only generated files are kept
// in rep.orphans for gen to remove instead.
func closedWorld(rep *report, ts []target, everySpec, prune bool) error {
	if prune && !everySpec {
		return usageError(CodeConflictingFlags, "--prune removes output directories that no spec renders, which only a run over every spec can tell; omit --spec and --out")
	}
	if !everySpec || len(ts) == 0 {
		return nil
	}
	// Every spec of the repository renders into <root>/out/<name>; the root is the
	// parent of the first one.
	root := filepath.Dir(ts[0].out)
	dirs := map[string]bool{}
	for _, t := range ts {
		dirs[filepath.Clean(t.out)] = true
	}
	orphans, err := output.OrphanDirs(root, dirs)
	if err != nil {
		return ioError(err)
	}
	for _, o := range orphans {
		if !prune || len(o.Foreign) > 0 {
			rep.diags = append(rep.diags, o.Diagnostic(prune))
		} else {
			rep.orphans = append(rep.orphans, o)
		}
	}
	return nil
}

// exitFor returns the exit code for diagnostics with errors: ExitStale when every error is
// about files on disk that the specs do not account for, ExitSpec otherwise.
func exitFor(ds diag.Diagnostics) int {
	for _, d := range ds {
		if d.Severity == diag.Error && !output.Unaccounted(d) {
			return ExitSpec
		}
	}
	return ExitStale
}

// prune removes the generated files of orphaned directories and says so.
func prune(out io.Writer, orphans []output.OrphanDir) error {
	for _, o := range orphans {
		removed, err := o.Prune()
		for _, p := range removed {
			fmt.Fprintf(out, "removed %s\n", filepath.ToSlash(p))
		}
		if err != nil {
			return ioError(err)
		}
	}
	return nil
}
