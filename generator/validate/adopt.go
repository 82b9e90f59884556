package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// adoptTypes are the resource types of each kind of adopted resource.
var adoptTypes = map[string]string{
	"domain": "aws_codeartifact_domain", "repository": "aws_codeartifact_repository",
	"policy": "aws_iam_policy", "role": "aws_iam_role", "attachment": "aws_iam_role_policy_attachment",
	"oidc_provider": "aws_iam_openid_connect_provider",
}

// adoptions checks the adopt section: each entry says where the resource is (from, a
// resource address of the subject's type) or that it is imported, names exactly one
// resource of the spec, and no resource or address is adopted twice. A wrong entry would
// render a moved block that moves another object, or none, and the first plan would
// destroy what the spec meant to keep.
func (c *checker) adoptions(f *spec.File) {
	froms := map[string]spec.String{}
	subjects := map[string]int{}
	declared := renderedAddresses(f)
	for i := range f.Adopt {
		e := &f.Adopt[i]
		if e.From.Set == e.Import.Value {
			c.errorf("IMPORT001", e.Pos, "Give from: the resource's address in the configuration that manages it today (a moved block), or import: true when it exists in AWS but in no Terraform state (an import block).",
				"an adopt entry needs exactly one of from and import: true")
		}
		kind, name := adoptSubject(e)
		if kind == "" {
			c.errorf("IMPORT002", e.Pos, "Name one resource: domain, repository, policy, role, role with policy (the attachment of the policy to the role), or oidc_provider: true.",
				"an adopt entry needs exactly one subject")
			continue
		}
		c.adoptExists(f, e, kind, name)
		key := kind + " " + name
		if line, dup := subjects[key]; dup {
			c.errorf("IMPORT005", e.Pos, fmt.Sprintf("Line %d adopts it already; keep one entry.", line), "%s is adopted twice", key)
		}
		subjects[key] = e.Pos.Line
		if !e.From.Set {
			continue
		}
		a, ok := tfname.ParseResourceAddress(e.From.Value)
		switch {
		case !ok:
			c.errorf("IMPORT004", e.From.Pos, "Write the address as terraform state list prints it: TYPE.NAME, TYPE.NAME[0] or TYPE.NAME[\"key\"], in the root module.",
				"from %q is not a resource address", e.From.Value)
			continue
		case a.Type != adoptTypes[kind]:
			c.errorf("IMPORT004", e.From.Pos, fmt.Sprintf("The resource type of a %s is %s; a moved block cannot change a resource's type.", strings.ReplaceAll(kind, "_", " "), adoptTypes[kind]),
				"from %s is not of type %s", e.From.Value, adoptTypes[kind])
			continue
		case declared[a.String()] != "" && declared[a.String()] != key:
			c.errorf("IMPORT004", e.From.Pos, "The render declares this address for "+declared[a.String()]+"; Terraform refuses a moved block from an address the configuration declares. Check the entry's subject.",
				"from %s is the address of another resource of the spec", a.String())
			continue
		}
		if first, dup := froms[a.String()]; dup {
			c.errorf("IMPORT005", e.From.Pos, fmt.Sprintf("Line %d moves %s already: one object cannot move to two addresses.", first.Pos.Line, a.String()),
				"%s is adopted twice", a.String())
		}
		froms[a.String()] = e.From
	}
}

// adoptSubject returns the kind and name of the entry's subject, or "" when it has none
// or more than one.
func adoptSubject(e *spec.Adoption) (kind, name string) {
	set := 0
	for _, s := range []spec.String{e.Domain, e.Repository, e.Policy, e.Role} {
		if s.Set {
			set++
		}
	}
	if e.OIDCProvider.Value {
		set++
	}
	switch {
	case set == 2 && e.Role.Set && e.Policy.Set:
		return "attachment", e.Role.Value + "/" + e.Policy.Value
	case set != 1:
		return "", ""
	case e.Domain.Set:
		return "domain", e.Domain.Value
	case e.Repository.Set:
		return "repository", e.Repository.Value
	case e.Policy.Set:
		return "policy", e.Policy.Value
	case e.Role.Set:
		return "role", e.Role.Value
	}
	return "oidc_provider", "github"
}

// adoptExists checks that the subject is in the spec, and is not renamed as well.
func (c *checker) adoptExists(f *spec.File, e *spec.Adoption, kind, name string) {
	missing := func(what string) {
		c.errorf("IMPORT003", e.Pos, "An adopt entry names a resource this spec renders; add it to the spec or remove the entry.", "%s is not in the spec", what)
	}
	renamed := func(what string) {
		c.errorf("IMPORT006", e.Pos, "previous_name already moves it; adopt it under its current address, or drop previous_name.", "%s is both renamed and adopted", what)
	}
	role := func(n string) *spec.Role {
		i := slices.IndexFunc(f.Roles, func(r spec.Role) bool { return r.Name.Value == n })
		if i < 0 {
			return nil
		}
		return &f.Roles[i]
	}
	// check reports the subject missing, or renamed as well.
	check := func(isRenamed, exists bool) {
		switch {
		case !exists:
			missing(kind + " " + name)
		case isRenamed:
			renamed(kind + " " + name)
		}
	}
	switch kind {
	case "domain":
		if name != f.Domain.Name.Value {
			missing("domain " + name)
		}
	case "repository":
		i := slices.IndexFunc(f.Repositories, func(r spec.Repository) bool { return r.Name.Value == name })
		check(i >= 0 && f.Repositories[i].PreviousName.Set, i >= 0)
	case "policy":
		i := slices.IndexFunc(f.Policies, func(p spec.Policy) bool { return p.Name.Value == name })
		check(i >= 0 && f.Policies[i].PreviousName.Set, i >= 0)
	case "role":
		r := role(name)
		check(r != nil && r.PreviousName.Set, r != nil)
	case "attachment":
		r := role(e.Role.Value)
		if r == nil || !slices.ContainsFunc(r.Policies, func(p spec.String) bool { return p.Value == e.Policy.Value }) {
			missing("the attachment of policy " + e.Policy.Value + " to role " + e.Role.Value)
		} else if r.PreviousName.Set {
			renamed("role " + e.Role.Value)
		}
	case "oidc_provider":
		if f.GitHub.OIDCProvider.Value != "create" {
			missing("an OIDC provider (github.oidc_provider is not create)")
		}
	}
}

// renderedAddresses maps each address the render declares (without instance keys, for
// the resources adopt can name) to the subject key of its resource, as adoptions builds it.
func renderedAddresses(f *spec.File) map[string]string {
	out := map[string]string{
		"aws_codeartifact_domain." + tfname.Identifier(f.Domain.Name.Value): "domain " + f.Domain.Name.Value,
		"aws_iam_openid_connect_provider.github":                            "oidc_provider github",
	}
	for _, r := range f.Repositories {
		out["aws_codeartifact_repository."+tfname.Identifier(r.Name.Value)] = "repository " + r.Name.Value
	}
	for _, p := range f.Policies {
		out["aws_iam_policy."+tfname.Identifier(p.Name.Value)] = "policy " + p.Name.Value
	}
	for _, r := range f.Roles {
		out["aws_iam_role."+tfname.Identifier(r.Name.Value)] = "role " + r.Name.Value
	}
	return out
}
