package render

import (
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// CrossAccountFile holds the resource policies for consumers in other AWS accounts. It is
// rendered only when the spec has consumers.
const CrossAccountFile = "cross_account.tf"

func crossAccountFile(m *model.Model) *file {
	b := &file{}
	domain := "aws_codeartifact_domain." + m.Domain.Address
	body := b.commentedBlock("Other AWS accounts may get authorization tokens for this domain. Their own identity policies\nmust also allow these actions and sts:GetServiceBearerToken.", "resource", "aws_codeartifact_domain_permissions_policy", m.Domain.Address)
	body.setAttr("domain", ref(domain+".domain"))
	body.setAttr("region", ref(model.RefRegion))
	body.setAttr("policy_document", document(*m.DomainPolicy))
	for _, p := range m.RepositoryPolicies {
		body := b.block("resource", "aws_codeartifact_repository_permissions_policy", p.Repository.Address)
		body.setAttr("domain", ref(domain+".domain"))
		body.setAttr("repository", ref("aws_codeartifact_repository."+p.Repository.Address+".repository"))
		body.setAttr("region", ref(model.RefRegion))
		body.setAttr("policy_document", document(p.Document))
	}
	return b
}
