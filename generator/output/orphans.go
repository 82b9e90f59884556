package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// OrphanDir is a directory under an output root that holds Terraform configuration but
// that no spec renders into: its spec was deleted or renamed.
type OrphanDir struct {
	Dir string
	// Generated are the configuration files that carry the generated-file header;
	// Foreign the others (a hand-written backend.tf, say).
	Generated, Foreign []string
	// Previous is its generated main.tf, when it has one: the domain it manages.
	Previous *Previous
}

// OrphanDirs returns the directories directly under root that hold Terraform configuration
// files and are not in rendered (directory paths as the targets spell them), sorted. A root
// that does not exist has none.
func OrphanDirs(root string, rendered map[string]bool) ([]OrphanDir, error) {
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []OrphanDir
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || rendered[dir] || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		names, err := configFiles(dir)
		if err != nil {
			return nil, err
		}
		if len(names) == 0 {
			continue
		}
		o := OrphanDir{Dir: dir}
		for _, n := range names {
			content, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				return nil, err
			}
			if IsGenerated(content) {
				o.Generated = append(o.Generated, n)
			} else {
				o.Foreign = append(o.Foreign, n)
			}
		}
		// A main.tf that does not parse is still an orphan; it just names no domain.
		o.Previous, _ = ReadPrevious(dir)
		out = append(out, o)
	}
	return out, nil
}

// Diagnostic returns the WORLD001 error for the directory. prune says whether the command
// was asked to remove it: the error then remains only for files prune does not remove.
func (o OrphanDir) Diagnostic(prune bool) diag.Diagnostic {
	pos := diag.Pos{File: filepath.ToSlash(o.Dir)}
	manages := "Terraform configuration"
	from := "no spec"
	if p := o.Previous; p != nil {
		pos = diag.Pos{File: filepath.ToSlash(p.Path), Line: p.Domain.Range.Start.Line, Col: p.Domain.Range.Start.Column}
		if p.Domain.Name != "" {
			manages = fmt.Sprintf("domain %s and its %d repositories", p.Domain.Name, len(p.Repositories))
			if len(p.Repositories) == 1 {
				manages = fmt.Sprintf("domain %s and its repository", p.Domain.Name)
			}
		}
		from = p.Spec + ", which no longer exists"
	}
	if prune {
		return diag.Diagnostic{Severity: diag.Error, Code: CodeNoSpec, Pos: pos,
			Summary: fmt.Sprintf("%s holds files that were not generated: %s", o.Dir, strings.Join(o.Foreign, ", ")),
			Detail:  "gen --prune removes only generated files, and this directory keeps Terraform configuration that someone wrote. Delete it yourself once its Terraform state manages nothing (or move it out of the output root), then run gen --prune again."}
	}
	return diag.Diagnostic{Severity: diag.Error, Code: CodeNoSpec, Pos: pos,
		Summary: fmt.Sprintf("%s has no spec: its Terraform state still manages %s", o.Dir, manages),
		Detail: fmt.Sprintf("%s was rendered from %s. Deleting a spec deletes nothing in AWS: whoever applies %s still holds state for it, and a stale directory keeps being applied as it is. "+
			"Restore the spec to keep managing it. To stop, first decide what happens in AWS (terraform destroy, or terraform state rm / removed blocks to leave it there), then remove the directory explicitly: codeartifact-gen gen --prune.",
			o.Dir, from, o.Dir)}
}

// Prune removes the generated files of the directory, and the directory itself when that
// leaves it empty. It never removes a file without the generated-file header. removed
// lists what it removed, the directory last with a trailing separator.
func (o OrphanDir) Prune() (removed []string, err error) {
	for _, n := range o.Generated {
		path := filepath.Join(o.Dir, n)
		if err := os.Remove(path); err != nil {
			return removed, err
		}
		removed = append(removed, path)
	}
	if entries, err := os.ReadDir(o.Dir); err == nil && len(entries) == 0 {
		if err := os.Remove(o.Dir); err != nil {
			return removed, err
		}
		removed = append(removed, o.Dir+string(filepath.Separator))
	}
	return removed, nil
}
