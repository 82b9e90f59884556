package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/diff"
)

func runDiff(args []string, out, errOut io.Writer) error {
	var specs specList
	fs := newFlags("diff", "[OLD NEW | --base REV [--spec FILE]...]  [--format text|markdown|json|github] [--fail-on widened,destructive]", out)
	base := fs.String("base", "", "compare the specs as they were at git revision `REV` (for example origin/main) with the working tree (default with no OLD NEW: HEAD)")
	fs.Var(&specs, "spec", "with --base: a spec `file` (repeatable; default: every "+DefaultSpecGlob+" in the working tree or at REV)")
	format := fs.String("format", "text", "output `format`: text, markdown (for a pull-request comment), json or github-actions (annotations; alias github)")
	failOn := fs.String("fail-on", "", "exit 4 when the change `kinds` are present: widened, destructive, or both comma-separated")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	write := map[string]func(io.Writer, diff.Reports) error{
		"text": diff.WriteText, "markdown": diff.WriteMarkdown, "json": diff.WriteJSON, "github": diff.WriteGitHub, diag.GitHubActionsName: diff.WriteGitHub,
	}[*format]
	if write == nil {
		return usageError(CodeBadFlagValue, "unknown format %q: use text, markdown, json or github-actions (alias github)", *format)
	}
	gates, err := parseFailOn(*failOn)
	if err != nil {
		return usageError(CodeBadFlagValue, "%v", err)
	}
	olds, news, err := diffSpecs(positional, *base, specs, errOut)
	if err != nil {
		return err
	}
	rep := diff.CompareAll(olds, news)
	if err := write(out, rep); err != nil {
		return ioError(err)
	}
	if (slices.Contains(gates, "widened") && rep.HasWidened()) || (slices.Contains(gates, "destructive") && rep.HasDestructive()) {
		return exitWith(ExitFailOn, CodeFailOn, "the change is %s (--fail-on %s)", strings.Join(present(rep, gates), " and "), *failOn)
	}
	return nil
}

func present(rep diff.Reports, gates []string) []string {
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

// readSpec reads the spec file at path; the error ends the command.
func readSpec(path string) ([]byte, error) {
	if err := specFile(path); err != nil {
		return nil, err
	}
	src, refused, err := generator.ReadSpec(path)
	switch {
	case err != nil:
		return nil, usageError(CodeUnreadableSpec, "%v", err)
	case refused != nil:
		return nil, usageError(CodeUnreadableSpec, "%s", refused[0].String())
	}
	return src, nil
}
