package model

import (
	"strconv"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// The files an adopted resource's moved or import block goes to: the file that renders
// the resource (render.MainFile, IAMFile, OIDCFile; repeated here, as model does not
// import render).
const (
	AdoptMainFile = "main.tf"
	AdoptIAMFile  = "iam.tf"
	AdoptOIDCFile = "github_oidc.tf"
)

// Adoption is a resource of the spec that exists before its first render: moved from
// From, its address in the configuration that manages it today, or (Import) imported
// into the state with ImportID, the provider's documented import ID.
type Adoption struct {
	// What names the resource for comments: "repository npm", "role ci".
	What string
	// To is the resource's address in the render; From its existing address ("" with
	// Import). A From equal to To needs no block.
	To, From string
	Import   bool
	ImportID policy.Expr
	// File is the rendered file that holds the resource (AdoptMainFile, ...).
	File string
	Pos  diag.Pos
}

// buildAdoptions resolves the spec's adopt entries, sorted by rendered address. The spec is
// valid, so every subject exists.
func buildAdoptions(f *spec.File, m *Model) []*Adoption {
	var out []*Adoption
	iamARN := func(kind, name string) policy.Expr {
		return policy.Concat(policy.Part{Text: "arn:"}, policy.Part{Ref: RefPartition},
			policy.Part{Text: ":iam::"}, policy.Part{Ref: RefAccountID}, policy.Part{Text: ":" + kind + "/" + name})
	}
	prefix := policy.Part{Ref: RefCodeArtifactARN}
	for _, e := range f.Adopt {
		a := &Adoption{Import: e.Import.Value, Pos: e.Pos}
		if from, ok := tfname.ParseResourceAddress(e.From.Value); ok && e.From.Set {
			a.From = from.String()
		}
		switch {
		case e.Role.Set && e.Policy.Set:
			role := tfname.Identifier(e.Role.Value)
			a.What = "the attachment of policy " + e.Policy.Value + " to role " + e.Role.Value
			a.To = "aws_iam_role_policy_attachment." + role + "[" + strconv.Quote(e.Policy.Value) + "]"
			// Import ID: the role name and the policy ARN separated by "/".
			a.ImportID = policy.Concat(append([]policy.Part{{Text: e.Role.Value + "/"}}, iamARN("policy", e.Policy.Value).Parts()...)...)
			a.File = AdoptIAMFile
		case e.Role.Set:
			a.What = "role " + e.Role.Value
			a.To = "aws_iam_role." + tfname.Identifier(e.Role.Value)
			a.ImportID = policy.Lit(e.Role.Value) // import ID: the role name
			a.File = AdoptIAMFile
		case e.Policy.Set:
			a.What = "policy " + e.Policy.Value
			a.To = "aws_iam_policy." + tfname.Identifier(e.Policy.Value)
			a.ImportID = iamARN("policy", e.Policy.Value) // import ID: the policy ARN
			a.File = AdoptIAMFile
		case e.Repository.Set:
			a.What = "repository " + e.Repository.Value
			a.To = "aws_codeartifact_repository." + tfname.Identifier(e.Repository.Value)
			a.ImportID = policy.Concat(prefix, policy.Part{Text: ":repository/" + m.Domain.Name + "/" + e.Repository.Value}) // the repository ARN
			a.File = AdoptMainFile
		case e.Domain.Set:
			a.What = "domain " + e.Domain.Value
			a.To = "aws_codeartifact_domain." + m.Domain.Address
			a.ImportID = policy.Concat(prefix, policy.Part{Text: ":domain/" + m.Domain.Name}) // the domain ARN
			a.File = AdoptMainFile
		case e.OIDCProvider.Value:
			a.What = "the GitHub OIDC provider"
			a.To = "aws_iam_openid_connect_provider.github"
			a.ImportID = policy.Concat(policy.Part{Ref: RefOIDCProviderARN}) // the provider ARN
			a.File = AdoptOIDCFile
		default:
			continue
		}
		out = append(out, a)
	}
	// Sorted by the rendered address, so that reordering the spec changes no byte.
	sortByName(out, func(a *Adoption) string { return a.To })
	return out
}
