package render

import (
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// AWSCCProviderVersion is the hashicorp/awscc requirement, written only when the spec has
// package groups (hashicorp/aws 6.47.0 has no package-group resource). 1.96.0 is the
// version whose schema the tests validate against (testdata/thirdparty/terraform).
const AWSCCProviderVersion = ">= 1.96.0, < 2.0.0"

// awsccProvider adds the hashicorp/awscc requirement to required_providers when m has
// package groups.
func awsccProvider(providers *hclBody, m *model.Model) {
	if len(m.PackageGroups) == 0 {
		return
	}
	providers.setAttr("awscc", object([]attribute{
		attr("source", str("hashicorp/awscc")),
		attr("version", str(AWSCCProviderVersion)),
	}))
}

// packageGroups appends an awscc_codeartifact_package_group for every group of m, each
// restriction written out (INHERIT included), so that a restriction removed from the spec
// is reset rather than left as it was.
func packageGroups(b *file, m *model.Model) {
	for i, g := range m.PackageGroups {
		var comment []string
		if i == 0 {
			comment = append(comment, "Package groups (hashicorp/awscc): origin controls for internal names. awscc resources have no region",
				"argument: configure provider \"awscc\" with region = \""+m.Domain.Region+"\", the domain's region, in a hand-written file.")
		}
		if !g.Declared() {
			comment = append(comment, "Protection by default: names published by "+strings.Join(g.Protects, "; "),
				"take no versions from public registries (allow_external_upstream on the grant opts out).")
		}
		body := b.commentedBlock(strings.Join(comment, "\n"), "resource", "awscc_codeartifact_package_group", g.Address)
		body.setAttr("domain_name", ref("aws_codeartifact_domain."+m.Domain.Address+".domain"))
		body.setAttr("domain_owner", ref(model.RefDomainOwner))
		setString(body, "pattern", g.Pattern.String())
		if g.Description != "" {
			setString(body, "description", g.Description)
		}
		if g.Contact != "" {
			setString(body, "contact_info", g.Contact)
		}
		body.newline()
		var restrictions []attribute
		for _, k := range model.RestrictionKinds {
			r := g.Restriction(k)
			mode := r.Mode
			if mode == "" {
				mode = aws.ModeInherit
			}
			attrs := []attribute{attr("restriction_mode", str(mode))}
			if mode == aws.ModeAllowSpecific {
				var repos []value
				for _, repo := range r.Repositories {
					repos = append(repos, ref("aws_codeartifact_repository."+repo.Address+".repository"))
				}
				attrs = append(attrs, attr("repositories", list(repos)))
			}
			restrictions = append(restrictions, attr(k.String(), object(attrs)))
		}
		body.setAttr("origin_configuration", object([]attribute{attr("restrictions", object(restrictions))}))
		if len(g.Tags) > 0 {
			body.newline()
			var ts []value
			for _, t := range g.Tags {
				ts = append(ts, object([]attribute{attr("key", str(t.Key)), attr("value", str(t.Value))}))
			}
			body.setAttr("tags", list(ts))
		}
	}
}

// packageGroupOutputs returns the output with every group's ARN by pattern, or none.
func packageGroupOutputs(m *model.Model) []output {
	if len(m.PackageGroups) == 0 {
		return nil
	}
	var arns []attribute
	for _, g := range m.PackageGroups {
		arns = append(arns, attr(g.Pattern.String(), ref("awscc_codeartifact_package_group."+g.Address+".arn")))
	}
	return []output{{tfname.OutputPackageGroupARNs, "ARN of each package group, by pattern.", object(arns)}}
}
