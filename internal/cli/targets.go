package cli

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// DefaultSpecGlob is where specs are found, under the repository root, when no --spec is
// given.
const DefaultSpecGlob = "specs/*.yaml"

// DefaultOutRoot is the directory, under the repository root, in which each spec renders
// into <spec name>/.
const DefaultOutRoot = "out"

// rootMarkers are the entries whose presence makes a directory the repository root.
var rootMarkers = []string{"go.mod", ".git", "specs"}

// target is one spec and the directory it renders into.
type target struct {
	spec  string // as given, cleaned and slash-separated: diagnostics print it
	label string // relative to the repository root, slash-separated: generated headers name it
	out   string // the output directory, relative to the working directory unless given absolute
}

// repoRoot returns the nearest directory at or above dir (absolute) that holds go.mod,
// .git or specs/, or dir itself when none does.
func repoRoot(dir string) string {
	for d := dir; ; {
		for _, m := range rootMarkers {
			if _, err := os.Stat(filepath.Join(d, m)); err == nil {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// targets resolves the --spec and --out flags into the specs to process. A spec is
// named as given; its output directory (out/<name>) and the name written into headers
// are taken from the repository root above the spec (see repoRoot), never from the
// working directory, so that running from specs/ renders into the same out/. Without
// --spec, every specs/*.yaml of the repository root above the working directory is used.
func targets(specs []string, out string) ([]target, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if len(specs) == 0 {
		root := repoRoot(cwd)
		found, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(DefaultSpecGlob)))
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, usageError(CodeSpecSelection, "no spec given and none found at %s; pass --spec FILE", relTo(cwd, filepath.Join(root, filepath.FromSlash(DefaultSpecGlob))))
		}
		for _, f := range found { // Glob returns them sorted
			specs = append(specs, relTo(cwd, f))
		}
	}
	if out != "" && len(specs) > 1 {
		return nil, usageError(CodeSpecSelection, "--out names the directory of one spec, but %d specs are given; omit --out to render each into %s/<spec name>/", len(specs), DefaultOutRoot)
	}
	var ts []target
	byDir := map[string]string{}
	for _, s := range specs {
		s = filepath.ToSlash(filepath.Clean(s))
		if err := specFile(s); err != nil {
			return nil, err
		}
		abs := absolute(cwd, s)
		root := repoRoot(filepath.Dir(abs))
		dir := out
		if dir == "" {
			dir = relTo(cwd, filepath.Join(root, DefaultOutRoot, strings.TrimSuffix(path.Base(s), path.Ext(s))))
		}
		key := absolute(cwd, dir)
		if other, taken := byDir[key]; taken {
			return nil, usageError(CodeSpecSelection, "%s and %s would both render into %s; give the specs different file names", other, s, dir)
		}
		byDir[key] = s
		ts = append(ts, target{spec: s, label: relTo(root, abs), out: dir})
	}
	return ts, nil
}

// specFile returns a usage error when s is not a readable regular file.
func specFile(s string) error {
	info, err := os.Stat(s)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageError(CodeUnreadableSpec, "spec %s does not exist", s)
	case err != nil:
		return usageError(CodeUnreadableSpec, "%v", err)
	case info.IsDir():
		return usageError(CodeUnreadableSpec, "spec %s is a directory; give a spec file, for example %s", s, path.Join(s, "ontopix.yaml"))
	}
	return nil
}

func absolute(cwd, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(cwd, filepath.FromSlash(p))
}

// relTo returns p relative to base, slash-separated, or p itself when it has no relative
// form.
func relTo(base, p string) string {
	rel, err := filepath.Rel(base, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}
