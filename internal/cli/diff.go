package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// ExitFailOn is diff's exit code when a change named by --fail-on is present.
const ExitFailOn = 4

func runDiff(args []string, out, errOut io.Writer) int {
	var specs specList
	fs := newFlags("diff", "OLD NEW | --base REV [--spec FILE]  [--format text|markdown|json|github] [--fail-on widened,destructive]", errOut)
	base := fs.String("base", "", "compare the spec as it was at git revision `REV` (for example origin/main) with the working tree")
	fs.Var(&specs, "spec", "with --base: the spec `file` (default: the only "+DefaultSpecGlob+")")
	format := fs.String("format", "text", "output `format`: text, markdown (for a pull-request comment), json or github (annotations)")
	failOn := fs.String("fail-on", "", "exit 4 when the change `kinds` are present: widened, destructive, or both comma-separated")
	positional, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	} else if err != nil {
		return ExitUsage
	}
	write := map[string]func(io.Writer, diff.Report) error{
		"text": diff.WriteText, "markdown": diff.WriteMarkdown, "json": diff.WriteJSON, "github": diff.WriteGitHub,
	}[*format]
	if write == nil {
		fmt.Fprintf(errOut, "codeartifact-gen diff: unknown format %q: use text, markdown, json or github\n", *format)
		return ExitUsage
	}
	gates, err := parseFailOn(*failOn)
	if err != nil {
		fmt.Fprintf(errOut, "codeartifact-gen diff: %v\n", err)
		return ExitUsage
	}
	oldLabel, oldSrc, newLabel, newSrc, err := diffInputs(positional, *base, specs)
	if err != nil {
		fmt.Fprintf(errOut, "codeartifact-gen diff: %v\n", err)
		return ExitUsage
	}
	oldModel, code := loadForDiff(oldLabel, oldSrc, errOut)
	if code >= 0 {
		return code
	}
	newModel, code := loadForDiff(newLabel, newSrc, errOut)
	if code >= 0 {
		return code
	}
	rep := diff.Compare(oldModel, newModel)
	if err := write(out, rep); err != nil {
		return ioError(errOut, err)
	}
	if (slices.Contains(gates, "widened") && rep.HasWidened()) || (slices.Contains(gates, "destructive") && rep.HasDestructive()) {
		fmt.Fprintf(errOut, "codeartifact-gen diff: the change is %s (--fail-on %s)\n", strings.Join(present(rep, gates), " and "), *failOn)
		return ExitFailOn
	}
	return ExitOK
}

// parseInterspersed parses flags placed before, between or after positional arguments,
// and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional, args = append(positional, args[0]), args[1:]
	}
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

// gitShow returns the content of path at revision rev, or nil when the file did not exist
// there. path may be relative to the working directory or absolute; it must be inside the
// work tree.
func gitShow(rev, path string) ([]byte, error) {
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return nil, fmt.Errorf("--base needs a git work tree: %v", err)
	}
	rel, err := repoRelative(strings.TrimSpace(string(out)), path)
	if err != nil {
		return nil, err
	}
	if err := exec.Command("git", "rev-parse", "--verify", "--quiet", rev+"^{commit}").Run(); err != nil {
		return nil, fmt.Errorf("unknown git revision %q", rev)
	}
	object := rev + ":" + rel
	if err := exec.Command("git", "cat-file", "-e", object).Run(); err != nil {
		return nil, nil // the spec is new since rev
	}
	var stderr bytes.Buffer
	cmd := exec.Command("git", "show", object)
	cmd.Stderr = &stderr
	content, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git show %s: %s", object, strings.TrimSpace(stderr.String()))
	}
	return content, nil
}

// repoRelative returns path relative to the work tree's top, slash-separated, resolving
// symbolic links on both sides.
func repoRelative(top, path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	if resolved, err := filepath.EvalSymlinks(top); err == nil {
		top = resolved
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("%s is outside the git work tree %s", path, top)
	}
	return filepath.ToSlash(rel), nil
}

// loadForDiff loads one side; nil content is an absent spec (a nil model).
func loadForDiff(label string, src []byte, errOut io.Writer) (*model.Model, int) {
	if src == nil {
		return nil, -1
	}
	l := generator.Load(label, src)
	if l.Model == nil {
		diag.Write(errOut, diag.Text, l.Diagnostics)
		fmt.Fprintf(errOut, "codeartifact-gen diff: %s has errors; fix them first\n", label)
		return nil, ExitSpec
	}
	return l.Model, -1
}
