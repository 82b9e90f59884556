package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diff"
)

func runDiff(args []string, out, errOut io.Writer) error {
	var specs specList
	fs := newFlags("diff", "OLD NEW | --base REV [--spec FILE]  [--format text|markdown|json|github] [--fail-on widened,destructive]", errOut)
	base := fs.String("base", "", "compare the spec as it was at git revision `REV` (for example origin/main) with the working tree")
	fs.Var(&specs, "spec", "with --base: the spec `file` (default: the only "+DefaultSpecGlob+")")
	format := fs.String("format", "text", "output `format`: text, markdown (for a pull-request comment), json or github (annotations)")
	failOn := fs.String("fail-on", "", "exit 4 when the change `kinds` are present: widened, destructive, or both comma-separated")
	positional, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return silent(ExitOK)
	} else if err != nil {
		return silent(ExitUsage)
	}
	write := map[string]func(io.Writer, diff.Report) error{
		"text": diff.WriteText, "markdown": diff.WriteMarkdown, "json": diff.WriteJSON, "github": diff.WriteGitHub,
	}[*format]
	if write == nil {
		return usageError("unknown format %q: use text, markdown, json or github", *format)
	}
	gates, err := parseFailOn(*failOn)
	if err != nil {
		return usageError("%v", err)
	}
	oldLabel, oldSrc, newLabel, newSrc, err := diffInputs(positional, *base, specs)
	if err != nil {
		return usageError("%v", err)
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
		return exitWith(ExitFailOn, "the change is %s (--fail-on %s)", strings.Join(present(rep, gates), " and "), *failOn)
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
// spec does not exist on that side (it did not exist at the base revision).
func diffInputs(args []string, base string, specs []string) (oldLabel string, oldSrc []byte, newLabel string, newSrc []byte, err error) {
	switch {
	case base == "" && len(args) == 2:
		if oldSrc, err = os.ReadFile(args[0]); err != nil {
			return
		}
		newSrc, err = os.ReadFile(args[1])
		return filepath.ToSlash(args[0]), oldSrc, filepath.ToSlash(args[1]), newSrc, err
	case base == "":
		err = errors.New("give two spec files (OLD NEW), or --base REV")
		return
	case len(args) > 0:
		err = errors.New("with --base, name the spec with --spec, not as an argument")
		return
	}
	if newLabel, err = oneSpec(specs); err != nil {
		return
	}
	if newSrc, err = os.ReadFile(newLabel); err != nil {
		return
	}
	oldSrc, err = gitShow(base, newLabel)
	return base + ":" + newLabel, oldSrc, newLabel, newSrc, err
}
