package schema

import "github.com/ontopix/codeartifact-gen/generator/aws"

// adoptDocs adds the documentation and constraints of the adopt section (written by
// codeartifact-gen import), kept apart from docs.go so that the section's keys read
// together (see tables).
func adoptDocs() {
	typeDocs["Adoption"] = doc{"Adopted resource",
		"A resource that exists before this spec's first render: set from (its address in the Terraform configuration that manages it today; the render writes a moved block) or import: true (it exists in AWS but in no Terraform state; the render writes an import block), and one subject: domain, repository, policy, role, role with policy (the attachment), or oidc_provider: true."}
	for id, d := range map[string]doc{
		"File.Adopt": {"Adopt",
			"Resources that already exist, and where: their addresses in the hand-written Terraform that manages them (so that the first plan moves them instead of destroying and creating them) or that they are to be imported. codeartifact-gen import writes this section; each entry may be removed once its moved or import block has been applied."},
		"Adoption.From": {"From",
			"The resource's address in the existing configuration and state, for example aws_codeartifact_repository.this[\"npm\"]; its type must be the subject's."},
		"Adoption.Import": {"Import",
			"true: the resource exists in AWS but no Terraform state manages it; the render writes an import block with the provider's import ID. Needs Terraform or OpenTofu 1.6 or later."},
		"Adoption.Domain":     {"Domain", "The spec's domain name: the adopted resource is the domain."},
		"Adoption.Repository": {"Repository", "A repository of the spec: the adopted resource is that repository."},
		"Adoption.Policy": {"Policy",
			"A policy of the spec: the adopted resource is that policy, or, with role, the attachment of the policy to the role."},
		"Adoption.Role": {"Role",
			"A role of the spec: the adopted resource is that role, or, with policy, the attachment of the policy to the role."},
		"Adoption.OIDCProvider": {"OIDC provider",
			"true: the adopted resource is the GitHub OIDC provider (oidc_provider: create)."},
	} {
		docs[id] = d
	}
	constraints["Adoption.Domain"] = constraint{pattern: aws.DomainName, maxLength: aws.DomainNameMax}
	constraints["Adoption.Repository"] = constraint{pattern: aws.RepositoryName, maxLength: aws.RepositoryNameMax}
}
