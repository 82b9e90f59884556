package spec

import "github.com/ontopix/codeartifact-gen/generator/diag"

// Adoption is one resource that exists before this spec's first render: exactly one of
// From (its address in the Terraform configuration and state that manage it today; the
// render moves it from there) and Import (it exists in AWS but in no state; the render
// imports it), and exactly one subject: Domain, Repository, Policy, Role (with Policy: the
// attachment of the policy to the role) or OIDCProvider.
type Adoption struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	// From is the resource's address in the existing configuration, for example
	// aws_codeartifact_repository.this["npm"].
	From String `yaml:"from"`
	// Import asks for an import block: the resource exists in AWS but no state has it.
	Import Bool `yaml:"import"`

	Domain       String `yaml:"domain"`
	Repository   String `yaml:"repository"`
	Policy       String `yaml:"policy"`
	Role         String `yaml:"role"`
	OIDCProvider Bool   `yaml:"oidc_provider"`
}
