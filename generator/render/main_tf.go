package render

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
)

func mainFile(m *model.Model) *hclwrite.File {
	f := hclwrite.NewEmptyFile()
	b := f.Body()

	tf := block(b, "terraform")
	tf.SetAttributeValue("required_version", cty.StringVal(">= 1.5.0"))
	providers := tf.AppendNewBlock("required_providers", nil).Body()
	providers.SetAttributeRaw("aws", hclwrite.TokensForObject([]hclwrite.ObjectAttrTokens{
		attr("source", str("hashicorp/aws")),
		attr("version", str(ProviderVersion)),
	}))

	block(b, "data", "aws_caller_identity", "current")
	block(b, "data", "aws_partition", "current")

	locals := commentedBlock(b, "Every ARN below is built from these values, so that policies are known, and shown\nin full, at plan time.", "locals")
	setString(locals, "region", m.Domain.Region)
	locals.SetAttributeRaw("partition", ref("data.aws_partition.current.partition"))
	locals.SetAttributeRaw("account_id", ref("data.aws_caller_identity.current.account_id"))
	if m.Domain.Owner != "" {
		setString(locals, "domain_owner", m.Domain.Owner)
	} else {
		locals.SetAttributeRaw("domain_owner", ref(model.RefAccountID))
	}
	locals.SetAttributeRaw("codeartifact_arn", expr(policy.Concat(
		policy.Part{Text: "arn:"}, policy.Part{Ref: model.RefPartition},
		policy.Part{Text: ":codeartifact:"}, policy.Part{Ref: model.RefRegion},
		policy.Part{Text: ":"}, policy.Part{Ref: model.RefDomainOwner},
	)))

	domain(b, m)
	for _, r := range m.Repositories {
		repository(b, m, r)
	}
	return f
}

func domain(b *hclwrite.Body, m *model.Model) {
	d := m.Domain
	comment := ""
	if d.PreventDestroy {
		comment = "Deleting a domain deletes every package in it: prevent_destroy stops Terraform from doing so."
	}
	body := commentedBlock(b, comment, "resource", "aws_codeartifact_domain", d.Address)
	setString(body, "domain", d.Name)
	body.SetAttributeRaw("region", ref(model.RefRegion))
	if d.EncryptionKey != "" {
		setString(body, "encryption_key", d.EncryptionKey)
	}
	setTags(body, d.Tags)
	var owner func(*hclwrite.Body)
	if d.Owner != "" {
		owner = func(pc *hclwrite.Body) {
			condition := append(ref(model.RefAccountID), &hclwrite.Token{Type: hclsyntax.TokenEqualOp, Bytes: []byte("==")})
			pc.SetAttributeRaw("condition", append(condition, str(d.Owner)...))
			setString(pc, "error_message", "The spec places domain "+d.Name+" in AWS account "+d.Owner+"; run Terraform with credentials of that account.")
		}
	}
	lifecycle(body, d.PreventDestroy, owner)
}

func repository(b *hclwrite.Body, m *model.Model, r *model.Repository) {
	body := block(b, "resource", "aws_codeartifact_repository", r.Address)
	setString(body, "repository", r.Name)
	body.SetAttributeRaw("domain", ref("aws_codeartifact_domain."+m.Domain.Address+".domain"))
	body.SetAttributeRaw("region", ref(model.RefRegion))
	if r.Description != "" {
		setString(body, "description", r.Description)
	}
	for _, u := range r.Upstreams {
		body.AppendNewline()
		up := body.AppendNewBlock("upstream", nil).Body()
		up.SetAttributeRaw("repository_name", ref("aws_codeartifact_repository."+u.Address+".repository"))
	}
	if r.ExternalConnection != "" {
		body.AppendNewline()
		ec := body.AppendNewBlock("external_connections", nil).Body()
		setString(ec, "external_connection_name", r.ExternalConnection)
	}
	if len(r.Tags) > 0 {
		body.AppendNewline()
		setTags(body, r.Tags)
	}
	lifecycle(body, r.PreventDestroy, nil)
	if r.PreviousAddress != "" {
		moved(b, "Renamed from "+r.PreviousName+". AWS cannot rename a repository, so this REPLACES it: every package in\n"+
			r.PreviousName+" is deleted. Acknowledged in the spec: "+r.PackageLoss,
			"aws_codeartifact_repository."+r.PreviousAddress, "aws_codeartifact_repository."+r.Address)
	}
}
