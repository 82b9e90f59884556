package render

import (
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
)

func mainFile(m *model.Model) *file {
	b := &file{}

	tf := b.block("terraform")
	tf.setAttr("required_version", str(requiredVersion(m)))
	providers := tf.newBlock("required_providers")
	providers.setAttr("aws", object([]attribute{
		attr("source", str("hashicorp/aws")),
		attr("version", str(ProviderVersion)),
	}))
	awsccProvider(providers, m)

	b.block("data", "aws_caller_identity", "current")
	b.block("data", "aws_partition", "current")

	locals := b.commentedBlock("Every ARN below is built from these values, so that policies are known, and shown\nin full, at plan time.", "locals")
	setString(locals, "region", m.Domain.Region)
	locals.setAttr("partition", ref("data.aws_partition.current.partition"))
	locals.setAttr("account_id", ref("data.aws_caller_identity.current.account_id"))
	if m.Domain.Owner != "" {
		setString(locals, "domain_owner", m.Domain.Owner)
	} else {
		locals.setAttr("domain_owner", ref(model.RefAccountID))
	}
	locals.setAttr("codeartifact_arn", expr(policy.Concat(
		policy.Part{Text: "arn:"}, policy.Part{Ref: model.RefPartition},
		policy.Part{Text: ":codeartifact:"}, policy.Part{Ref: model.RefRegion},
		policy.Part{Text: ":"}, policy.Part{Ref: model.RefDomainOwner},
	)))

	domain(b, m)
	for _, r := range m.Repositories {
		repository(b, m, r)
	}
	packageGroups(b, m)
	removals(b, m)
	adoptions(b, m, MainFile)
	return b
}

func domain(b *file, m *model.Model) {
	d := m.Domain
	comment := ""
	if d.PreventDestroy {
		comment = "Deleting a domain deletes every package in it: prevent_destroy stops Terraform from doing so."
	}
	body := b.commentedBlock(comment, "resource", "aws_codeartifact_domain", d.Address)
	setString(body, "domain", d.Name)
	body.setAttr("region", ref(model.RefRegion))
	if d.EncryptionKey != "" {
		setString(body, "encryption_key", d.EncryptionKey)
	}
	setTags(body, d.Tags)
	var owner func(*hclBody)
	if d.Owner != "" {
		owner = func(pc *hclBody) {
			pc.setAttr("condition", lit(refText(model.RefAccountID)+" == "+quote(d.Owner)))
			setString(pc, "error_message", "The spec places domain "+d.Name+" in AWS account "+d.Owner+"; run Terraform with credentials of that account.")
		}
	}
	lifecycle(body, d.PreventDestroy, owner)
}

func repository(b *file, m *model.Model, r *model.Repository) {
	body := b.block("resource", "aws_codeartifact_repository", r.Address)
	setString(body, "repository", r.Name)
	body.setAttr("domain", ref("aws_codeartifact_domain."+m.Domain.Address+".domain"))
	body.setAttr("region", ref(model.RefRegion))
	if r.Description != "" {
		setString(body, "description", r.Description)
	}
	for _, u := range r.Upstreams {
		body.newline()
		up := body.newBlock("upstream")
		up.setAttr("repository_name", ref("aws_codeartifact_repository."+u.Address+".repository"))
	}
	if r.ExternalConnection != "" {
		body.newline()
		ec := body.newBlock("external_connections")
		setString(ec, "external_connection_name", r.ExternalConnection)
	}
	if len(r.Tags) > 0 {
		body.newline()
		setTags(body, r.Tags)
	}
	lifecycle(body, r.PreventDestroy, nil)
	if r.PreviousAddress != "" {
		moved(b, "Renamed from "+r.PreviousName+". AWS cannot rename a repository, so this REPLACES it: every package in\n"+
			r.PreviousName+" is deleted. Acknowledged in the spec: "+r.PackageLoss,
			"aws_codeartifact_repository."+r.PreviousAddress, "aws_codeartifact_repository."+r.Address)
	}
}
