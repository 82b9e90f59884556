package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/render"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// world checks the spec's hand_written and removed sections (codes WORLD010-013 and
// REMOVE010-015). What they are checked against on disk (the files in the output
// directory, the previous render) is package output's job.
func (c *checker) world(f *spec.File) {
	c.handWritten(f.HandWritten)
	c.removed(f)
}

func (c *checker) coded(code string, pos diag.Pos, detail, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{Severity: diag.Error, Code: code, Pos: pos, Summary: fmt.Sprintf(format, args...), Detail: detail})
}

func (c *checker) handWritten(files []spec.HandWrittenFile) {
	seen := map[string]spec.String{}
	for _, h := range files {
		name := h.File
		switch {
		case name.Value == "" || strings.ContainsAny(name.Value, `/\`) || name.Value == "." || name.Value == "..":
			c.coded("WORLD010", name.Pos, "Give the file's name in the output directory, without a directory part, for example backend.tf. Terraform reads only the files directly in the directory.",
				"hand_written file %q is not a file name", name.Value)
			continue
		case tfname.ConfigExt(name.Value) == "":
			c.coded("WORLD010", name.Pos, "hand_written declares Terraform configuration files: names ending in .tf, .tf.json, .tofu or .tofu.json and not starting with \".\". Other files in the output directory need no declaration.",
				"hand_written file %q is not a Terraform configuration file", name.Value)
			continue
		case tfname.IsOverrideFile(name.Value):
			c.coded("WORLD011", name.Pos, "Terraform merges an override file over the blocks of the same address in the other files, so it can replace a generated role's trust policy or a repository's settings while the generated files, and their review, say otherwise. Put the configuration in an ordinary file (for example providers.tf) or change the spec.",
				"hand_written file %s is a Terraform override file", name.Value)
			continue
		}
		if gen := generatedTwin(name.Value); gen != "" {
			detail := fmt.Sprintf("codeartifact-gen writes %s itself; choose another name for the hand-written file.", gen)
			if name.Value != gen {
				detail = fmt.Sprintf("%s shares its base name with the generated %s; OpenTofu reads %s instead of %s when both exist, so it would replace the generated file. Choose another name.", name.Value, gen, name.Value, gen)
			}
			c.coded("WORLD012", name.Pos, detail, "hand_written file %s takes the name of a generated file", name.Value)
			continue
		}
		if first, dup := seen[name.Value]; dup {
			c.coded("WORLD013", name.Pos, fmt.Sprintf("Line %d declares it already; remove one of them.", first.Pos.Line), "hand_written file %s is declared twice", name.Value)
			continue
		}
		seen[name.Value] = name
		if strings.TrimSpace(h.Reason.Value) == "" {
			c.coded("WORLD013", h.Reason.Pos, "Say in a sentence why the file is there, for reviewers.", "hand_written file %s has an empty reason", name.Value)
		}
	}
}

// generatedTwin returns the generated file that name is, or that shares its base name
// (main.tofu, main.tf.json and main.tofu.json for main.tf), or "".
func generatedTwin(name string) string {
	base := tfname.ConfigBase(name)
	for _, gen := range render.Files {
		if tfname.ConfigBase(gen) == base {
			return gen
		}
	}
	return ""
}

func (c *checker) removed(f *spec.File) {
	current := map[string]string{} // repository address -> name
	for _, r := range f.Repositories {
		current[tfname.Identifier(r.Name.Value)] = r.Name.Value
	}
	seen := map[string]diag.Pos{}
	for i := range f.Removed {
		r := &f.Removed[i]
		if r.Domain.Set == r.Repository.Set {
			c.coded("REMOVE010", r.Pos, "Each entry of removed names one repository (repository: NAME) or one domain (domain: NAME).", "a removed entry must name exactly one of repository and domain")
			continue
		}
		if r.Forget.Set == r.AcknowledgePackageLoss.Set {
			c.coded("REMOVE011", r.Pos, "forget: REASON stops Terraform managing it and leaves it, with its packages, in AWS; acknowledge_package_loss: REASON lets Terraform delete it with every package in it. Choose one.",
				"a removed entry must have exactly one of forget and acknowledge_package_loss")
			continue
		}
		reason := r.Forget
		if !reason.Set {
			reason = r.AcknowledgePackageLoss
		}
		what, name := "repository", r.Repository
		if r.Domain.Set {
			what, name = "domain", r.Domain
		}
		valid, max := aws.RepositoryName, aws.RepositoryNameMax
		if r.Domain.Set {
			valid, max = aws.DomainName, aws.DomainNameMax
		}
		if !valid.MatchString(name.Value) || len(name.Value) > max {
			c.coded("REMOVE012", name.Pos, fmt.Sprintf("Give the %s's name as the previous render had it.", what), "invalid %s name %q", what, name.Value)
			continue
		}
		key := what + ":" + name.Value
		if first, dup := seen[key]; dup {
			c.coded("REMOVE014", name.Pos, fmt.Sprintf("Line %d names it already; remove one of them.", first.Line), "%s %s is removed twice", what, name.Value)
			continue
		}
		seen[key] = name.Pos
		switch {
		case r.Domain.Set && name.Value == f.Domain.Name.Value:
			c.coded("REMOVE013", name.Pos, "domain.name is "+name.Value+"; remove the removed entry, or change the domain.", "domain %s is in the spec and also under removed", name.Value)
		case r.Repository.Set && slices.ContainsFunc(f.Repositories, func(x spec.Repository) bool { return x.Name.Value == name.Value }):
			c.coded("REMOVE013", name.Pos, "The repository is still under repositories; remove one of the two.", "repository %s is in the spec and also under removed", name.Value)
		case r.Repository.Set && r.Forget.Set && current[tfname.Identifier(name.Value)] != "":
			other := current[tfname.Identifier(name.Value)]
			c.coded("REMOVE013", name.Pos, fmt.Sprintf("Terraform addresses are made from names: repository %s of the spec has the address aws_codeartifact_repository.%s that %s had, and Terraform cannot forget an address the configuration still declares. Rename one of them, or forget %s in one change and add %s in the next.",
				other, tfname.Identifier(name.Value), name.Value, name.Value, other), "repository %s cannot be forgotten: its address is taken by repository %s", name.Value, other)
		}
		if len(strings.Fields(reason.Value)) < 3 {
			c.coded("REMOVE015", reason.Pos, "Say in a sentence (three words at least) why; reviewers and explain read it.", "the reason for removing %s %s is too short", what, name.Value)
		}
	}
}
