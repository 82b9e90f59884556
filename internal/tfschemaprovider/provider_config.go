package tfschemaprovider

import "github.com/zclconf/go-cty/cty"

// ProviderConfigSchema returns the schema of the `provider "aws"` block: a
// small, real subset of the AWS provider's arguments (region, profile,
// allowed_account_ids, forbidden_account_ids and a default_tags block). The
// schema file this package serves has no provider block schema, so any
// other argument is reported as unsupported by OpenTofu.
func ProviderConfigSchema() *TypeSchema {
	optional := func(ty cty.Type) *Attribute { return &Attribute{Type: ty, Optional: true} }
	return &TypeSchema{Block: &Block{
		Attributes: map[string]*Attribute{
			"region":                optional(cty.String),
			"profile":               optional(cty.String),
			"allowed_account_ids":   optional(cty.Set(cty.String)),
			"forbidden_account_ids": optional(cty.Set(cty.String)),
		},
		BlockTypes: map[string]*NestedBlock{
			"default_tags": {
				Nesting:  NestingList,
				MaxItems: 1,
				Block: &Block{
					Attributes: map[string]*Attribute{"tags": optional(cty.Map(cty.String))},
					BlockTypes: map[string]*NestedBlock{},
				},
			},
		},
	}}
}
