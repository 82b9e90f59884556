package render

import (
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
)

// ImportRequiredVersion is the Terraform (and OpenTofu) version the rendered files need
// when they hold an import block: import blocks came in Terraform 1.5, and an id that is
// an expression (the rendered IDs use locals built from data sources, so that no account
// ID is written into the files) in Terraform 1.6 and OpenTofu 1.6.
// (Unverified against Terraform itself; the OpenTofu tests plan it with v1.10.6.)
const ImportRequiredVersion = ">= 1.6.0"

// importsAny reports whether the model asks for any import block.
func importsAny(m *model.Model) bool {
	for _, a := range m.Adopted {
		if a.Import {
			return true
		}
	}
	return false
}

// adoptions appends, for every adopted resource that file renders, a moved block from
// its address in the configuration that managed it before (so that Terraform moves the
// object in its state instead of destroying it and creating a new one), or an import
// block with the provider's documented import ID. An adopted resource whose address is
// already the rendered one needs neither.
//
// Import IDs (Terraform AWS provider documentation, "Import" section of each resource):
// aws_codeartifact_domain and aws_codeartifact_repository: the ARN; aws_iam_policy: the
// ARN; aws_iam_role: the name; aws_iam_role_policy_attachment: the role name and the
// policy ARN separated by "/"; aws_iam_openid_connect_provider: the ARN.
func adoptions(b *file, m *model.Model, file string) {
	for _, a := range m.Adopted {
		if a.File != file {
			continue
		}
		switch {
		case a.Import:
			body := b.commentedBlock("Adopted: "+a.What+" exists in AWS but in no Terraform state; Terraform imports it.", "import")
			body.setAttr("to", ref(a.To))
			body.setAttr("id", expr(a.ImportID))
		case a.From != "" && a.From != a.To:
			body := b.commentedBlock("Adopted: "+a.What+" was "+a.From+" in the configuration that managed it before.", "moved")
			body.setAttr("from", address(a.From))
			body.setAttr("to", ref(a.To))
		}
	}
}

// address returns a resource address of a configuration written by hand, as validation
// accepts it: TYPE.NAME, TYPE.NAME["key"] or TYPE.NAME[N].
func address(a string) value {
	path, index, indexed := strings.Cut(a, "[")
	if indexed {
		if n := strings.TrimSuffix(index, "]"); n != "" && strings.Trim(n, "0123456789") == "" {
			return lit(refText(path) + "[" + n + "]")
		}
	}
	return ref(a)
}
