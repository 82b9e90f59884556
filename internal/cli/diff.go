package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/diff"
)

func runDiff(args []string, out, errOut io.Writer) error {
	var specs specList
	fs := newFlags("diff", "OLD NEW | --base REV [--spec FILE]  [--format text|markdown|json|github] [--fail-on widened,destructive]", out)
	base := fs.String("base", "", "compare the spec as it was at git revision `REV` (for example origin/main) with the working tree")
	fs.Var(&specs, "spec", "with --base: the spec `file` (default: the only "+DefaultSpecGlob+")")
	format := fs.String("format", "text", "output `format`: text, markdown (for a pull-request comment), json or github-actions (annotations; alias github)")
	failOn := fs.String("fail-on", "", "exit 4 when the change `kinds` are present: widened, destructive, or both comma-separated")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	write := map[string]func(io.Writer, diff.Report) error{
		"text": diff.WriteText, "markdown": diff.WriteMarkdown, "json": diff.WriteJSON, "github": diff.WriteGitHub, diag.GitHubActionsName: diff.WriteGitHub,
	}[*format]
	if write == nil {
		return usageError(CodeBadFlagValue, "unknown format %q: use text, markdown, json or github-actions (alias github)", *format)
	}
	gates, err := parseFailOn(*failOn)
	if err != nil {
		return usageError(CodeBadFlagValue, "%v", err)
	}
	oldLabel, oldSrc, newLabel, newSrc, err := diffInputs(positional, *base, specs)
	if err != nil {
		return err
	}
	oldModel, err := loadForDiff(oldLabel, oldSrc, errOut)
	if err != nil {
		return err
	}
	newModel, err := loadForDiff(newLabel, newSrc, errOut)
	if err != nil {
		return err
	}
	rep := diff.Compare(oldModel, newModel)
	if err := write(out, rep); err != nil {
		return ioError(err)
	}
	if (slices.Contains(gates, "widened") && rep.HasWidened()) || (slices.Contains(gates, "destructive") && rep.HasDestructive()) {
		return exitWith(ExitFailOn, CodeFailOn, "the change is %s (--fail-on %s)", strings.Join(present(rep, gates), " and "), *failOn)
	}
	return nil
}

func present(rep diff.Report, gates []string) []string {
	var out []string
	if slices.Contains(gates, "destructive") && rep.HasDestructive() {
		out = append(out, "destructive")
	}
	if slices.Contains(gates, "widened") && rep.HasWidened() {
		out = append(out, "widened")
	}
	return out
}

func parseFailOn(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	gates := strings.Split(s, ",")
	for _, g := range gates {
		if g != "widened" && g != "destructive" {
			return nil, fmt.Errorf("--fail-on takes widened, destructive or both, not %q", g)
		}
	}
	return gates, nil
}

// diffInputs returns the labels and contents of the two specs. A nil content means the
// spec does not exist on that side (it did not exist at the base revision). Errors end
// the command.
func diffInputs(args []string, base string, specs []string) (oldLabel string, oldSrc []byte, newLabel string, newSrc []byte, err error) {
	switch {
	case base == "" && len(args) == 2:
		if oldSrc, err = readSpec(args[0]); err != nil {
			return
		}
		newSrc, err = readSpec(args[1])
		return filepath.ToSlash(args[0]), oldSrc, filepath.ToSlash(args[1]), newSrc, err
	case base == "":
		err = usageError(CodeUnexpectedArgument, "give two spec files (OLD NEW), or --base REV")
		return
	case len(args) > 0:
		err = usageError(CodeUnexpectedArgument, "with --base, name the spec with --spec, not as an argument")
		return
	}
	t, err := oneSpec(specs)
	if err != nil {
		return
	}
	newLabel = t.spec
	if newSrc, err = readSpec(newLabel); err != nil {
		return
	}
	if oldSrc, err = gitShow(base, newLabel); err != nil {
		err = usageError(CodeGit, "%v", err)
	}
	return base + ":" + newLabel, oldSrc, newLabel, newSrc, err
}

// readSpec reads the spec file at path; the error ends the command.
func readSpec(path string) ([]byte, error) {
	if err := specFile(path); err != nil {
		return nil, err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError(CodeUnreadableSpec, "%v", err)
	}
	return src, nil
}
