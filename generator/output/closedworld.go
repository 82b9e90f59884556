package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// Closed-world codes found on disk. They are what `check` exits 3 for (the output is not
// what the spec accounts for), unlike the codes of spec errors.
const (
	CodeNoSpec       = "WORLD001" // an output directory that no spec renders
	CodeOverride     = "WORLD002" // a Terraform override file in an output directory
	CodeUndeclared   = "WORLD003" // a Terraform file neither generated nor declared
	CodeTouches      = "WORLD004" // a declared file that defines or changes generated resources
	CodeUnparsable   = "WORLD005" // a declared file that does not parse
	CodeShadows      = "WORLD007" // a .tofu file that replaces a generated .tf file
	CodeDeclaredGone = "WORLD006" // a declared file that is not there (warning)
)

// Unaccounted reports whether d is an error about the files on disk rather than the spec:
// `check` exits 3 for these.
func Unaccounted(d diag.Diagnostic) bool {
	return d.Severity == diag.Error && slices.Contains([]string{CodeNoSpec, CodeOverride, CodeUndeclared, CodeTouches, CodeUnparsable, CodeShadows}, d.Code)
}

// configFiles returns the names of the entries of dir that Terraform or OpenTofu read as
// configuration (see tfname.ConfigExt), sorted, following symbolic links: a link named
// extra.tf is read like a file. A directory that does not exist has none.
func configFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() || tfname.ConfigExt(e.Name()) == "" {
			continue
		}
		names = append(names, e.Name())
	}
	return names, nil
}

func at(path string, r hcl.Range) diag.Pos {
	return diag.Pos{File: filepath.ToSlash(path), Line: r.Start.Line, Col: r.Start.Column}
}

func fileDiag(code string, sev diag.Severity, pos diag.Pos, summary, detail string) diag.Diagnostic {
	return diag.Diagnostic{Severity: sev, Code: code, Pos: pos, Summary: summary, Detail: detail}
}

// Audit checks that every Terraform configuration file in dir is either one the spec
// renders (rendered, keyed by name) or one it declares in hand_written, and that declared
// files leave generated resources alone. It returns WORLD002-WORLD007 diagnostics; the
// state of rendered and orphaned generated files is Compare's job.
func Audit(dir string, rendered map[string][]byte, m *model.Model) (diag.Diagnostics, error) {
	names, err := configFiles(dir)
	if err != nil {
		return nil, err
	}
	declared := map[string]*model.HandWritten{}
	for _, h := range m.HandWritten {
		declared[h.File] = h
	}
	specName := m.SpecPath
	var ds diag.Diagnostics
	for _, name := range names {
		path := filepath.Join(dir, name)
		whole := diag.Pos{File: filepath.ToSlash(path)}
		if _, ok := rendered[name]; ok {
			continue
		}
		if tfname.IsOverrideFile(name) {
			ds = append(ds, fileDiag(CodeOverride, diag.Error, whole,
				fmt.Sprintf("%s is a Terraform override file", path),
				"Terraform and OpenTofu merge an override file over the blocks of the same address in the other files: it can replace a generated role's trust policy, or a repository's settings, while the generated files, the spec and its review say otherwise. codeartifact-gen refuses override files in its output directories, declared or not. Delete it; put what it configures in the spec, or in an ordinary hand-written file declared under hand_written."))
			continue
		}
		if gen := twinOf(name, rendered); gen != "" {
			ds = append(ds, fileDiag(CodeShadows, diag.Error, whole,
				fmt.Sprintf("%s replaces the generated %s in OpenTofu", path, gen),
				fmt.Sprintf("OpenTofu reads %s instead of %s when both exist, so everything the spec renders into %s would be replaced by a file nobody reviews. Delete %s.", name, gen, gen, name)))
			continue
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if IsGenerated(content) {
			continue // an orphan of an earlier render: Compare reports it and gen removes it
		}
		h := declared[name]
		if h == nil {
			ds = append(ds, fileDiag(CodeUndeclared, diag.Error, whole,
				fmt.Sprintf("%s is neither generated nor declared in %s", path, specName),
				fmt.Sprintf("Terraform applies every .tf, .tf.json, .tofu and .tofu.json file of the directory together with the generated ones, so this file reaches terraform apply without the spec, explain or diff showing it. If it configures the provider, the backend or variables, declare it in the spec:\n  hand_written:\n    - file: %s\n      reason: <why it is there>\nOtherwise delete it.", name)))
			continue
		}
		ds = append(ds, inspect(path, name, content, m)...)
	}
	for _, h := range m.HandWritten {
		if !slices.Contains(names, h.File) {
			ds = append(ds, fileDiag(CodeDeclaredGone, diag.Warning, h.FilePos,
				fmt.Sprintf("hand_written file %s is not in %s", h.File, dir),
				"Remove the entry, or restore the file."))
		}
	}
	return ds, nil
}

// twinOf returns the rendered .tf file that name shares a base name with, when name is a
// .tofu or .tofu.json file (OpenTofu then ignores the .tf file), or "".
func twinOf(name string, rendered map[string][]byte) string {
	if !strings.Contains(tfname.ConfigExt(name), ".tofu") {
		return ""
	}
	for gen := range rendered {
		if tfname.ConfigBase(gen) == tfname.ConfigBase(name) {
			return gen
		}
	}
	return ""
}

// touchedType reports whether a resource type is one codeartifact-gen generates, or one
// that attaches to or changes what it generates: CodeArtifact resources, IAM roles, their
// managed and inline policies and attachments, policies, and the OIDC provider; and
// hashicorp/awscc's CodeArtifact resources (package groups: a hand-written group would
// change the origin controls the spec renders).
func touchedType(typ string) bool {
	return strings.HasPrefix(typ, "aws_codeartifact_") || strings.HasPrefix(typ, "awscc_codeartifact_") || strings.HasPrefix(typ, "aws_iam_role") ||
		strings.HasPrefix(typ, "aws_iam_policy") || typ == "aws_iam_openid_connect_provider"
}

var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "moved"}, {Type: "removed"}, {Type: "import"},
}}

const touchFix = "A hand-written file may configure the provider, the backend and variables; IAM and CodeArtifact resources belong to the spec, where validate, the lint, explain and diff see them. "

// inspect parses a declared hand-written file and reports every block that defines or
// changes generated resources.
func inspect(path, name string, content []byte, m *model.Model) diag.Diagnostics {
	var file *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(name, ".json") {
		file, diags = hcljson.Parse(content, path)
	} else {
		file, diags = hclsyntax.ParseConfig(content, path, hcl.InitialPos)
	}
	if diags.HasErrors() {
		d := diags[0]
		pos := diag.Pos{File: filepath.ToSlash(path)}
		if d.Subject != nil {
			pos = at(path, *d.Subject)
		}
		return diag.Diagnostics{fileDiag(CodeUnparsable, diag.Error, pos, fmt.Sprintf("%s does not parse: %s", path, d.Summary),
			"codeartifact-gen reads every declared hand-written file to check that it leaves generated resources alone, and cannot read this one. Fix its syntax: "+d.Detail)}
	}
	content2, _, _ := file.Body.PartialContent(topSchema)
	names := generatedNames(m)
	var ds diag.Diagnostics
	for _, b := range content2.Blocks {
		switch b.Type {
		case "resource":
			typ := b.Labels[0]
			if touchedType(typ) {
				ds = append(ds, fileDiag(CodeTouches, diag.Error, at(path, b.DefRange),
					fmt.Sprintf("%s defines %s.%s, a resource of a type codeartifact-gen manages", path, typ, b.Labels[1]),
					touchFix+riskOf(typ)+" Move it into the spec (policies, roles, consumers), or into a Terraform root of its own that reviewers see."))
				continue
			}
			ds = append(ds, references(path, b, names)...)
		case "module", "locals":
			ds = append(ds, references(path, b, names)...)
		case "moved", "removed", "import":
			attrs, _ := b.Body.JustAttributes()
			for _, key := range []string{"from", "to"} {
				attr, ok := attrs[key]
				if !ok {
					continue
				}
				trav, d := hcl.AbsTraversalForExpr(attr.Expr)
				if d.HasErrors() {
					continue
				}
				if typ := resourceType(trav); touchedType(typ) {
					ds = append(ds, fileDiag(CodeTouches, diag.Error, at(path, attr.Expr.Range()),
						fmt.Sprintf("%s has %s %s block for %s, which codeartifact-gen manages", path, article(b.Type), b.Type, addressOf(trav)),
						touchFix+fmt.Sprintf("%s %s block here can take a generated resource out of Terraform's hands, move it, or bind it to another object, whatever the spec says. Renames and removals are spec keys (previous_name, removed) that render these blocks with their consequences; delete this block.", strings.ToUpper(article(b.Type)[:1])+article(b.Type)[1:], b.Type)))
				}
			}
		}
	}
	return ds
}

func riskOf(typ string) string {
	switch {
	case strings.HasPrefix(typ, "aws_iam_role_policy") || strings.HasPrefix(typ, "aws_iam_policy_attachment"):
		return "An attachment or inline policy here widens what a generated role can do (AdministratorAccess, say) while the spec still shows least privilege."
	case strings.HasSuffix(typ, "permissions_policy"):
		return "A permissions policy here decides which other accounts reach the domain or repository, and replaces the one the spec renders."
	case strings.HasPrefix(typ, "aws_iam_role"):
		return "A role here is assumable by whoever its trust policy names, unchecked by the trust lint."
	}
	return "A resource of this type here escapes the checks the spec gets, and may conflict with or replace a generated one."
}

// generatedNames are the IAM names the render creates: a string literal equal to one of
// them in a hand-written resource or module attaches to a generated role or policy by name.
func generatedNames(m *model.Model) map[string]bool {
	names := map[string]bool{}
	for _, r := range m.Roles {
		names[r.Name] = true
	}
	for _, p := range m.Policies {
		names[p.Name] = true
	}
	return names
}

// references reports references to resources of generated types, and string literals
// naming a generated role or policy, anywhere in block b.
func references(path string, b *hcl.Block, names map[string]bool) diag.Diagnostics {
	var ds diag.Diagnostics
	what := b.Type
	if len(b.Labels) > 0 {
		what += " " + strings.Join(b.Labels, ".")
	}
	report := func(r hcl.Range, ref string) {
		ds = append(ds, fileDiag(CodeTouches, diag.Error, at(path, r),
			fmt.Sprintf("%s: %s refers to %s, which codeartifact-gen manages", path, what, ref),
			touchFix+"A block here that uses a generated role, policy or repository can attach permissions to it or change who reaches it, unseen by the spec's review. Move it into the spec, or into a Terraform root of its own that reviewers see; to read a generated value elsewhere, use the generated outputs or a data source."))
	}
	for _, trav := range traversals(b.Body) {
		if typ := resourceType(trav); touchedType(typ) && trav.RootName() != "data" {
			report(trav.SourceRange(), addressOf(trav))
		}
	}
	if body, ok := b.Body.(*hclsyntax.Body); ok {
		hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
			if lit, ok := n.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && names[lit.Val.AsString()] {
				report(lit.SrcRange, fmt.Sprintf("%q by name", lit.Val.AsString()))
			}
			return nil
		})
	}
	return ds
}

// traversals returns every variable reference in body: walking the syntax tree of native
// syntax, and every attribute's variables in JSON (where JustAttributes reads nested
// objects as attribute values).
func traversals(body hcl.Body) []hcl.Traversal {
	var out []hcl.Traversal
	if sb, ok := body.(*hclsyntax.Body); ok {
		hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
			if e, ok := n.(*hclsyntax.ScopeTraversalExpr); ok {
				out = append(out, e.Traversal)
			}
			return nil
		})
		return out
	}
	attrs, _ := body.JustAttributes()
	for _, a := range attrs {
		out = append(out, a.Expr.Variables()...)
	}
	return out
}

// resourceType returns the resource type a reference or address starts with, after any
// module.NAME steps: "aws_iam_role" for aws_iam_role.x.arn.
func resourceType(t hcl.Traversal) string {
	var steps []string
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			steps = append(steps, s.Name)
		case hcl.TraverseAttr:
			steps = append(steps, s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String {
				steps = append(steps, "["+s.Key.AsString()+"]")
			} else {
				steps = append(steps, "[]")
			}
		}
	}
	for len(steps) >= 2 && steps[0] == "module" {
		steps = steps[2:]
		if len(steps) > 0 && strings.HasPrefix(steps[0], "[") {
			steps = steps[1:]
		}
	}
	if len(steps) == 0 {
		return ""
	}
	return steps[0]
}

// addressOf spells a traversal as Terraform writes it, for messages.
func addressOf(t hcl.Traversal) string {
	var b strings.Builder
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String {
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			} else {
				b.WriteString("[...]")
			}
		}
	}
	return b.String()
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
