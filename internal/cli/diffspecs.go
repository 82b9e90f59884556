package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/diff"
)

// diffSpecs returns the specs of both sides of a diff.
//
//   - OLD NEW: the two files, compared with each other.
//   - --base REV with --spec FILE...: each file at REV and in the working tree; a file
//     missing on one side is added or deleted.
//   - --base REV alone, or no argument at all (REV is then HEAD): every spec that
//     DefaultSpecGlob finds under the repository root, in the working tree or at REV, so
//     that added, deleted and renamed spec files are compared too.
//
// A spec with errors stops the diff: its diagnostics are printed on errOut. The error,
// when not nil, ends the command.
func diffSpecs(args []string, base string, specs []string, errOut io.Writer) (olds, news []diff.Spec, err error) {
	switch {
	case base == "" && len(args) == 2:
		for i, path := range args {
			src, err := readSpec(path)
			if err != nil {
				return nil, nil, err
			}
			s, err := loadSide("spec", filepath.ToSlash(path), src, errOut)
			if err != nil {
				return nil, nil, err
			}
			if i == 0 {
				olds = append(olds, s)
			} else {
				news = append(news, s)
			}
		}
		return olds, news, nil
	case len(args) > 0:
		return nil, nil, usageError(CodeUnexpectedArgument, "give two spec files (OLD NEW), or --base REV (with --spec FILE to choose specs), or nothing to compare every spec with HEAD")
	case base == "":
		base = "HEAD"
	}
	if err := exec.Command("git", "rev-parse", "--verify", "--quiet", base+"^{commit}").Run(); err != nil {
		return nil, nil, usageError(CodeGit, "unknown git revision %q (or not in a git work tree)", base)
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, nil, usageError(CodeGit, "%v", err)
	}
	root := repoRoot(cwd)
	paths := slices.Clone(specs)
	if len(paths) == 0 {
		found, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(DefaultSpecGlob)))
		if err != nil {
			return nil, nil, usageError(CodeSpecSelection, "%v", err)
		}
		atBase, err := gitSpecs(root, base)
		if err != nil {
			return nil, nil, usageError(CodeGit, "%v", err)
		}
		for _, f := range append(found, atBase...) {
			paths = append(paths, relTo(cwd, f))
		}
	}
	for i, p := range paths {
		paths[i] = filepath.ToSlash(filepath.Clean(p))
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	for _, path := range paths {
		key := relTo(root, absolute(cwd, path))
		src, refused, err := generator.ReadSpec(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, nil, usageError(CodeUnreadableSpec, "%v", err)
		case refused != nil:
			return nil, nil, usageError(CodeUnreadableSpec, "%s", refused[0].String())
		default:
			s, err := loadSide(key, path, src, errOut)
			if err != nil {
				return nil, nil, err
			}
			news = append(news, s)
		}
		old, err := gitShow(base, path)
		if err != nil {
			return nil, nil, usageError(CodeGit, "%v", err)
		}
		if old != nil {
			s, err := loadSide(key, base+":"+path, old, errOut)
			if err != nil {
				return nil, nil, err
			}
			olds = append(olds, s)
		}
	}
	if len(olds) == 0 && len(news) == 0 {
		return nil, nil, usageError(CodeSpecSelection, "no spec found at %s, in the working tree or at %s; pass --spec FILE", DefaultSpecGlob, base)
	}
	return olds, news, nil
}

// gitSpecs lists, as absolute paths, the files DefaultSpecGlob matches under root at
// revision rev.
func gitSpecs(root, rev string) ([]string, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("git", "ls-tree", "-z", "--name-only", rev, "--", filepath.Dir(filepath.FromSlash(DefaultSpecGlob))+string(filepath.Separator))
	cmd.Dir = root
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %s", rev, strings.TrimSpace(stderr.String()))
	}
	var found []string
	for _, name := range strings.Split(string(out), "\x00") {
		if ok, _ := filepath.Match(DefaultSpecGlob, name); ok && name != "" {
			found = append(found, filepath.Join(root, filepath.FromSlash(name)))
		}
	}
	return found, nil
}

// loadSide loads one side's spec for diff, keeping its warnings (lint findings); a spec
// with errors prints them and ends the command.
func loadSide(key, label string, src []byte, errOut io.Writer) (diff.Spec, error) {
	l := generator.Load(label, src)
	if l.Model == nil {
		diag.Write(errOut, diag.Text, l.Diagnostics)
		return diff.Spec{}, exitWith(ExitSpec, CodeSpecHasErrors, "%s has errors; fix them first", label)
	}
	var warnings diag.Diagnostics
	for _, d := range l.Diagnostics {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d)
		}
	}
	return diff.Spec{Key: key, Label: label, Model: l.Model, Diagnostics: warnings}, nil
}
