package cli

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

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
