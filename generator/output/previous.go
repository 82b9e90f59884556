package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// PreviousFile is the generated file that holds the domain and its repositories: the
// record of what the previous render made Terraform manage.
const PreviousFile = "main.tf"

// Previous is what the previous render in an output directory managed, read from its
// generated main.tf.
type Previous struct {
	Path string // the main.tf it was read from
	Spec string // the spec named in its header
	// Domain is the domain's resource; Repositories are the repositories' resources.
	Domain       PrevResource
	Repositories []PrevResource
	// Forgotten are the addresses of its removed blocks.
	Forgotten map[string]hcl.Range
}

// PrevResource is one resource of the previous render.
type PrevResource struct {
	Address string // the resource name, without the type
	Name    string // the domain or repository attribute, "" when not a literal
	Range   hcl.Range
}

// SameOnDisk reports whether the file name in dir exists and holds exactly rendered. A file
// that cannot be read is reported as changed, so that callers go on to the full check.
func SameOnDisk(dir, name string, rendered []byte) bool {
	if rendered == nil {
		return false
	}
	src, err := os.ReadFile(filepath.Join(dir, name))
	return err == nil && bytes.Equal(src, rendered)
}

// ReadPrevious parses the generated main.tf in dir. It returns nil when there is none, or
// when the file there does not carry the generated-file header (then it is no record of
// ours), and an error when a generated main.tf does not parse.
func ReadPrevious(dir string) (*Previous, error) {
	path := filepath.Join(dir, PreviousFile)
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !IsGenerated(src) {
		return nil, nil
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("the previous render %s does not parse (%v); restore it with git, then run again", path, diags)
	}
	p := &Previous{Path: path, Forgotten: map[string]hcl.Range{}}
	header, _, _ := strings.Cut(string(src), "\n")
	p.Spec = strings.TrimSuffix(strings.TrimPrefix(header, HeaderPrefix), ". DO NOT EDIT.")
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == model.DomainType:
			p.Domain = PrevResource{Address: b.Labels[1], Name: literal(b.Body, "domain"), Range: b.DefRange()}
		case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == model.RepositoryType:
			p.Repositories = append(p.Repositories, PrevResource{Address: b.Labels[1], Name: literal(b.Body, "repository"), Range: b.DefRange()})
		case b.Type == "removed":
			if a, ok := b.Body.Attributes["from"]; ok {
				if t, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() {
					p.Forgotten[addressOf(t)] = b.DefRange()
				}
			}
		}
	}
	return p, nil
}

// literal returns the string value of attribute name of body, or "" when it is not a
// literal string.
func literal(body *hclsyntax.Body, name string) string {
	a, ok := body.Attributes[name]
	if !ok {
		return ""
	}
	v, d := a.Expr.Value(nil)
	if d.HasErrors() || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
		return ""
	}
	return v.AsString()
}

func (p *Previous) pos(r hcl.Range) string {
	return fmt.Sprintf("%s:%d", filepath.ToSlash(p.Path), r.Start.Line)
}

// Removals compares the previous render with the model and returns REMOVE001-REMOVE005:
// an error for every domain or repository the previous render managed that the spec drops
// without saying, under removed, whether Terraform forgets or destroys it, and a warning
// when the spec drops a removed entry whose removed block the previous render holds. It
// returns nothing when there is no previous render.
func Removals(m *model.Model, prev *Previous) diag.Diagnostics {
	if prev == nil {
		return nil
	}
	entries := map[string]*model.Removal{}
	for _, r := range m.Removed {
		entries[r.Kind+":"+r.Name] = r
	}
	var ds diag.Diagnostics
	add := func(code string, sev diag.Severity, pos diag.Pos, detail, format string, args ...any) {
		ds = append(ds, diag.Diagnostic{Severity: sev, Code: code, Pos: pos, Summary: fmt.Sprintf(format, args...), Detail: detail})
	}
	domainPos := m.Domain.NamePos
	oldDomain := prev.Domain.Name
	domainChanged := oldDomain != "" && oldDomain != m.Domain.Name
	if domainChanged && entries["domain:"+oldDomain] == nil {
		add("REMOVE002", diag.Error, domainPos,
			fmt.Sprintf("The previous render (%s) manages domain %s; the spec now has domain %s. AWS cannot rename a domain: Terraform would delete %s with every repository and package in it. "+
				"To keep it, restore domain.name: %s. To let Terraform forget it (it stays in AWS), or destroy it, say so:\n  removed:\n    - domain: %s\n      forget: <why>            # or acknowledge_package_loss: <why>",
				prev.pos(prev.Domain.Range), oldDomain, m.Domain.Name, oldDomain, oldDomain, oldDomain),
			"domain %s is removed from the spec: Terraform would delete it with every repository and package in it", oldDomain)
	}
	current := map[string]*model.Repository{}
	renamedFrom := map[string]bool{}
	for _, r := range m.Repositories {
		current[r.Address] = r
		if r.PreviousName != "" {
			renamedFrom[r.PreviousName] = true
		}
	}
	reposPos := m.RepositoriesPos
	for _, old := range prev.Repositories {
		cur := current[old.Address]
		if renamedFrom[old.Name] || (cur != nil && cur.Name == old.Name && !domainChanged) {
			continue // kept, or renamed with its own acknowledgement
		}
		if cur != nil && cur.Name == old.Name { // the domain changed under it
			add("REMOVE003", diag.Error, domainPos,
				fmt.Sprintf("The previous render (%s) has repository %s in domain %s. A repository cannot move between domains: Terraform would replace it, deleting every package of %s/%s. "+
					"To move packages, keep this spec's domain, create the new domain in a spec of its own, copy the packages (aws codeartifact copy-package-versions), then remove the old repositories here under removed.",
					prev.pos(old.Range), old.Name, oldDomain, oldDomain, old.Name),
				"repository %s would be replaced in domain %s", old.Name, m.Domain.Name)
			continue
		}
		if entries["repository:"+old.Name] != nil {
			continue
		}
		add("REMOVE001", diag.Error, reposPos,
			fmt.Sprintf("The previous render (%s) manages repository %s; the spec no longer has it, and Terraform destroys what its configuration drops (prevent_destroy goes with the block). "+
				"To keep it, restore it under repositories. To let Terraform forget it (it stays in AWS with its packages), or destroy it, say so:\n  removed:\n    - repository: %s\n      forget: <why>            # or acknowledge_package_loss: <why>",
				prev.pos(old.Range), old.Name, old.Name),
			"repository %s is removed from the spec: Terraform would delete it with every package in it", old.Name)
	}
	for addr, r := range prev.Forgotten {
		if !strings.HasPrefix(addr, model.DomainType+".") && !strings.HasPrefix(addr, model.RepositoryType+".") {
			continue // a permissions policy, forgotten with its domain or repository
		}
		still := addr == model.DomainType+"."+m.Domain.Address
		for _, rm := range m.Removed {
			still = still || rm.Address == addr
		}
		for _, r := range m.Repositories {
			still = still || addr == model.RepositoryType+"."+r.Address
		}
		if !still {
			add("REMOVE005", diag.Warning, reposPos,
				fmt.Sprintf("The previous render (%s) tells Terraform to forget %s. If that render has been applied, the entry can go. If not, Terraform now destroys %s with every package in it: keep the removed entry until terraform apply has run.",
					prev.pos(r), addr, addr),
				"the spec no longer forgets %s", addr)
		}
	}
	return ds.Sort()
}
