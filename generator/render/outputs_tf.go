package render

import (
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// output is one output block.
type output struct {
	name, description string
	value             value
}

func outputsFile(m *model.Model) *file {
	b := &file{}
	domain := "aws_codeartifact_domain." + m.Domain.Address

	var endpoints []attribute
	for _, r := range m.Repositories {
		if !r.Internal() {
			continue
		}
		data := b.block("data", "aws_codeartifact_repository_endpoint", r.Address)
		data.setAttr("domain", ref(domain+".domain"))
		data.setAttr("repository", ref("aws_codeartifact_repository."+r.Address+".repository"))
		setString(data, "format", r.Format)
		data.setAttr("region", ref(model.RefRegion))
		endpoints = append(endpoints, attr(r.Name, object([]attribute{
			attr("format", str(r.Format)),
			attr("url", ref("data.aws_codeartifact_repository_endpoint."+r.Address+".repository_endpoint")),
		})))
	}

	var roleARNs, policyARNs []attribute
	outputs := []output{
		{tfname.OutputDomainName, "Name of the CodeArtifact domain.", ref(domain + ".domain")},
		{tfname.OutputDomainOwner, "AWS account that owns the CodeArtifact domain (--domain-owner).", ref(domain + ".owner")},
		{tfname.OutputRegion, "AWS region of the CodeArtifact domain.", ref(model.RefRegion)},
		{tfname.OutputEndpoints, "Endpoint URL and package format of each internal repository, by repository name.", object(endpoints)},
		{tfname.OutputOIDCProviderARN, "ARN of the IAM OIDC provider for GitHub Actions.", ref(model.RefOIDCProviderARN)},
	}
	for _, r := range m.Roles {
		arn := ref("aws_iam_role." + r.Address + ".arn")
		roleARNs = append(roleARNs, attr(r.Name, arn))
		if r.Output != "" {
			outputs = append(outputs, output{r.Output, "ARN of role " + r.Name + ".", arn})
		}
	}
	for _, p := range m.Policies {
		policyARNs = append(policyARNs, attr(p.Name, ref("aws_iam_policy."+p.Address+".arn")))
	}
	outputs = append(outputs,
		output{tfname.OutputRoleARNs, "ARN of each role, by role name.", object(roleARNs)},
		output{tfname.OutputPolicyARNs, "ARN of each managed policy, by policy name.", object(policyARNs)},
	)
	outputs = append(outputs, packageGroupOutputs(m)...)
	sortByName(outputs, func(o output) string { return o.name })
	for _, o := range outputs {
		body := b.block("output", o.name)
		setString(body, "description", o.description)
		body.setAttr("value", o.value)
	}
	return b
}
