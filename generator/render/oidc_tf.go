package render

import (
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
)

func oidcFile(m *model.Model) *file {
	b := &file{}
	g := m.GitHub
	if !g.CreateProvider {
		data := b.commentedBlock("The account's existing GitHub OIDC provider, found by its URL.", "data", "aws_iam_openid_connect_provider", "github")
		setString(data, "url", g.Issuer.URL)
		locals := b.block("locals")
		locals.setAttr("github_oidc_provider_arn", ref("data.aws_iam_openid_connect_provider.github.arn"))
		return b
	}

	comment := "GitHub's OIDC issuer (" + g.Issuer.Kind + "). AWS validates its tokens against its own trusted\ncertificate authorities, so no thumbprint is needed (AWS provider >= 5.81)."
	if len(g.Thumbprints) > 0 {
		comment = "GitHub's OIDC issuer, with the thumbprints the spec lists."
	}
	provider := b.commentedBlock(comment, "resource", "aws_iam_openid_connect_provider", "github")
	setString(provider, "url", g.Issuer.URL)
	provider.setAttr("client_id_list", list(strs([]string{g.Audience})))
	if len(g.Thumbprints) > 0 {
		provider.setAttr("thumbprint_list", list(strs(g.Thumbprints)))
	}
	setTags(provider, g.Tags)

	locals := b.commentedBlock("The provider's ARN, spelled out from the account rather than read from the resource,\nso that every trust policy is known at plan time. Roles depend on the provider explicitly.", "locals")
	locals.setAttr("github_oidc_provider_arn", expr(policy.Concat(
		policy.Part{Text: "arn:"}, policy.Part{Ref: model.RefPartition},
		policy.Part{Text: ":iam::"}, policy.Part{Ref: model.RefAccountID},
		policy.Part{Text: ":oidc-provider/" + g.Issuer.ConditionPrefix()},
	)))
	adoptions(b, m, OIDCFile)
	return b
}
