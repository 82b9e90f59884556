package cli

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// DefaultSpecGlob is where specs are found when no --spec is given.
const DefaultSpecGlob = "specs/*.yaml"

// DefaultOutRoot is the directory under which each spec renders into <spec name>/.
const DefaultOutRoot = "out"

// target is one spec and the directory it renders into.
type target struct {
	spec string // as given, slash-separated: it is written into the generated header
	out  string
}

// targets resolves the --spec and --out flags into the specs to process.
func targets(specs []string, out string) ([]target, error) {
	if len(specs) == 0 {
		found, err := filepath.Glob(DefaultSpecGlob)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no spec given and none found at %s; pass --spec FILE", DefaultSpecGlob)
		}
		specs = found // Glob returns them sorted
	}
	if out != "" && len(specs) > 1 {
		return nil, fmt.Errorf("--out names the directory of one spec, but %d specs are given; omit --out to render each into %s/<spec name>/", len(specs), DefaultOutRoot)
	}
	var ts []target
	byDir := map[string]string{}
	for _, s := range specs {
		s = filepath.ToSlash(filepath.Clean(s))
		dir := out
		if dir == "" {
			dir = filepath.Join(DefaultOutRoot, strings.TrimSuffix(path.Base(s), path.Ext(s)))
		}
		if other, taken := byDir[dir]; taken {
			return nil, fmt.Errorf("%s and %s would both render into %s; give the specs different file names", other, s, dir)
		}
		byDir[dir] = s
		ts = append(ts, target{spec: s, out: dir})
	}
	return ts, nil
}
