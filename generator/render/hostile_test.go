package render_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/generator/render"
	"github.com/ontopix/codeartifact-gen/internal/modeltest"
)

// hostileTexts are values an attacker with commit access to a spec (or to a file name in
// specs/) would try: each tries to end a comment, a string or a template, or to hide text.
var hostileTexts = []string{
	"acme\n" + `resource "aws_iam_user" "pwn" {}` + "\n#",
	"acme\r\nlocals { x = 1 }\r\n",
	`acme" } resource "aws_iam_user" "pwn" { name = "`,
	"${{ secrets.AWS_SECRET }} ${aws_iam_user.pwn.name} %{ if true }x%{ endif }",
	"*/ resource \"aws_iam_user\" \"pwn\" {} /*",
	"\x1b[2K\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x00\u202eexe.txt\u2028x\u2029y\u0085z\u200b\ufeff",
	`\" \\ \n \u0022`,
}

// loadCase loads a golden case's spec, bypassing nothing: the spec itself is benign.
func loadCase(t *testing.T, name string) *model.Model {
	return modeltest.Load(t, "../..", "testdata/cases/"+name+"/spec.yaml")
}

// poison writes text into every value of m that render puts into a comment or a string
// without its own grammar check: the spec path (the header of every file), descriptions,
// tags and the rename comments. Validation refuses all of these values (SAFE001-003); the
// test bypasses it to prove the second line of defence, the rendering itself.
func poison(m *model.Model, text string) {
	m.SpecPath = "specs/" + text + ".yaml"
	for i := range m.Domain.Tags {
		m.Domain.Tags[i].Value = text
	}
	for _, r := range m.Repositories {
		if r.Description != "" {
			r.Description = text
		}
		if r.PreviousName != "" {
			r.PreviousName, r.PackageLoss = text, text
		}
	}
	for _, p := range m.Policies {
		if p.Description != "" {
			p.Description = text
		}
	}
	for _, r := range m.Roles {
		if r.Description != "" {
			r.Description = text
		}
	}
	for _, g := range m.PackageGroups {
		if g.Description != "" {
			g.Description = text
		}
		if g.Contact != "" {
			g.Contact = text
		}
		g.Protects = append(g.Protects, text) // written into a comment for an added group
	}
}

// shape is the structure of an HCL file: every block's type and labels and every
// attribute's name, nested, in order.
func shape(t *testing.T, name string, src []byte) []string {
	t.Helper()
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %v\n%s", name, diags, src)
	}
	var out []string
	var walk func(b *hclsyntax.Body, indent string)
	walk = func(b *hclsyntax.Body, indent string) {
		var attrs []string
		for n := range b.Attributes {
			attrs = append(attrs, indent+"attr "+n)
		}
		slices.Sort(attrs)
		out = append(out, attrs...)
		for _, blk := range b.Blocks {
			out = append(out, fmt.Sprintf("%sblock %s %q", indent, blk.Type, blk.Labels))
			walk(blk.Body, indent+"  ")
		}
	}
	walk(f.Body.(*hclsyntax.Body), "")
	return out
}

// TestHostileValuesKeepHCLStructure renders golden cases with hostile text in the spec
// path and in every free-text value, parses each file with hclsyntax, and requires the
// same blocks and attributes as the benign render, one header line, and every string value
// read back exactly as given.
func TestHostileValuesKeepHCLStructure(t *testing.T) {
	for _, name := range []string{"full-options", "renames", "cross-account", "package-groups"} {
		benign := render.Render(loadCase(t, name))
		for i, text := range hostileTexts {
			m := loadCase(t, name)
			poison(m, text)
			files := render.Render(m)
			if len(files) != len(benign) {
				t.Fatalf("%s #%d: %d files, want %d", name, i, len(files), len(benign))
			}
			for file, content := range files {
				label := fmt.Sprintf("%s #%d %s", name, i, file)
				if got, want := strings.Join(shape(t, label, content), "\n"), strings.Join(shape(t, file, benign[file]), "\n"); got != want {
					t.Errorf("%s: the structure changed:\n%s", label, output.UnifiedDiff("benign", "hostile", []byte(want), []byte(got)))
				}
				first, _, _ := strings.Cut(string(content), "\n")
				if first+"\n" != render.Header(m.SpecPath) || strings.Count(string(content), output.HeaderPrefix) != 1 {
					t.Errorf("%s: the header is not one line: %q", label, first)
				}
				if !output.IsGenerated(content) {
					t.Errorf("%s: no generated-file header", label)
				}
				checkDescriptions(t, label, content, text)
			}
		}
	}
}

// checkDescriptions evaluates the description attribute of every resource of the file and
// requires it to equal text: escaping kept the value, and "${" or "%{" stayed literal.
func checkDescriptions(t *testing.T, label string, src []byte, text string) {
	t.Helper()
	f, _ := hclsyntax.ParseConfig(src, label, hcl.InitialPos)
	var walk func(b *hclsyntax.Body, resource bool)
	walk = func(b *hclsyntax.Body, resource bool) {
		if a, ok := b.Attributes["description"]; ok && resource {
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() || v.AsString() != text {
				t.Errorf("%s: description reads back as %#v (%v), want %q", label, v, diags, text)
			}
		}
		for _, blk := range b.Blocks {
			walk(blk.Body, blk.Type == "resource")
		}
	}
	walk(f.Body.(*hclsyntax.Body), false)
}
