package render

import (
	"github.com/ontopix/codeartifact-gen/generator/model"
)

func iamFile(m *model.Model) *file {
	b := &file{}
	for _, p := range m.Policies {
		body := b.block("resource", "aws_iam_policy", p.Address)
		setString(body, "name", p.Name)
		if p.Description != "" {
			setString(body, "description", p.Description)
		}
		body.setAttr("policy", document(p.Document))
		setTags(body, p.Tags)
		if p.PreviousAddress != "" {
			moved(b, "Renamed from "+p.PreviousName+". IAM cannot rename a policy, so Terraform replaces it.",
				"aws_iam_policy."+p.PreviousAddress, "aws_iam_policy."+p.Address)
		}
	}
	for _, r := range m.Roles {
		role(b, m, r)
	}
	adoptions(b, m, IAMFile)
	return b
}

func role(b *file, m *model.Model, r *model.Role) {
	body := b.block("resource", "aws_iam_role", r.Address)
	setString(body, "name", r.Name)
	if r.Description != "" {
		setString(body, "description", r.Description)
	}
	if r.MaxSessionDuration != 0 {
		body.setAttr("max_session_duration", number(r.MaxSessionDuration))
	}
	body.setAttr("assume_role_policy", document(r.Trust))
	setTags(body, r.Tags)
	if m.GitHub.CreateProvider {
		// The trust policy names the provider by its ARN, built from the account (see
		// github_oidc.tf); depends_on keeps the order a reference would give.
		body.newline()
		body.setAttr("depends_on", list([]value{ref("aws_iam_openid_connect_provider.github")}))
	}

	if len(r.Policies) == 0 {
		return
	}
	attachments := b.block("resource", "aws_iam_role_policy_attachment", r.Address)
	var arns []attribute
	for _, p := range r.Policies {
		arns = append(arns, attr(p.Name, ref("aws_iam_policy."+p.Address+".arn")))
	}
	attachments.setAttr("for_each", object(arns))
	attachments.newline()
	attachments.setAttr("role", ref("aws_iam_role."+r.Address+".name"))
	attachments.setAttr("policy_arn", ref("each.value"))
	renamedRole(b, r)
	for _, p := range r.Policies {
		if p.PreviousName != "" && p.PreviousName != p.Name {
			moved(b, "Policy "+p.PreviousName+" was renamed to "+p.Name+".",
				instance("aws_iam_role_policy_attachment."+r.Address, p.PreviousName),
				instance("aws_iam_role_policy_attachment."+r.Address, p.Name))
		}
	}
}

// renamedRole appends the moved blocks of a renamed role and its attachments.
func renamedRole(b *file, r *model.Role) {
	if r.PreviousAddress == "" {
		return
	}
	comment := "Renamed from " + r.PreviousName + ". IAM cannot rename a role, so Terraform replaces it: its unique ID\nchanges, and workflows must assume it by its new name."
	moved(b, comment, "aws_iam_role."+r.PreviousAddress, "aws_iam_role."+r.Address)
	if len(r.Policies) > 0 {
		moved(b, "", "aws_iam_role_policy_attachment."+r.PreviousAddress, "aws_iam_role_policy_attachment."+r.Address)
	}
}
