package tfschemaprovider

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// NestedAttributes is the nested_type of a protocol-6 nested attribute: an
// object of attributes, repeated as its nesting mode says (single, list,
// set or map). hashicorp/awscc writes its structured arguments this way
// (origin_configuration = { ... } rather than blocks).
type NestedAttributes struct {
	Attributes map[string]*Attribute
	Nesting    Nesting
}

type jsonNestedType struct {
	Attributes  map[string]*jsonAttribute `json:"attributes"`
	NestingMode Nesting                   `json:"nesting_mode"`
}

// convertNestedAttribute converts an attribute with a nested_type, whose
// Type becomes the value type the nested object implies: an object of the
// attributes' types (no optional-attribute markers, as Terraform core
// decodes such values), in a list, set or map for those nesting modes.
func convertNestedAttribute(ja *jsonAttribute) (*Attribute, error) {
	var jn jsonNestedType
	if err := json.Unmarshal(ja.NestedType, &jn); err != nil {
		return nil, fmt.Errorf("nested_type: %w", err)
	}
	n := &NestedAttributes{Attributes: map[string]*Attribute{}, Nesting: jn.NestingMode}
	b, err := convertBlock(&jsonBlock{Attributes: jn.Attributes})
	if err != nil {
		return nil, err
	}
	n.Attributes = b.Attributes
	obj := b.ImpliedType()
	var ty cty.Type
	switch jn.NestingMode {
	case NestingSingle:
		ty = obj
	case NestingList:
		ty = cty.List(obj)
	case NestingSet:
		ty = cty.Set(obj)
	case NestingMap:
		ty = cty.Map(obj)
	default:
		return nil, fmt.Errorf("nested_type: unknown nesting_mode %q", jn.NestingMode)
	}
	return &Attribute{
		Type: ty, Nested: n, Description: ja.Description, DescriptionKind: ja.DescriptionKind,
		Required: ja.Required, Optional: ja.Optional, Computed: ja.Computed,
		Sensitive: ja.Sensitive, Deprecated: ja.Deprecated, WriteOnly: ja.WriteOnly,
	}, nil
}

// proto returns the plugin-protocol nested object, attributes in name order.
func (n *NestedAttributes) proto() *tfprotov6.SchemaObject {
	o := &tfprotov6.SchemaObject{}
	switch n.Nesting {
	case NestingSingle:
		o.Nesting = tfprotov6.SchemaObjectNestingModeSingle
	case NestingList:
		o.Nesting = tfprotov6.SchemaObjectNestingModeList
	case NestingSet:
		o.Nesting = tfprotov6.SchemaObjectNestingModeSet
	case NestingMap:
		o.Nesting = tfprotov6.SchemaObjectNestingModeMap
	}
	for _, name := range slices.Sorted(maps.Keys(n.Attributes)) {
		o.Attributes = append(o.Attributes, n.Attributes[name].proto(name))
	}
	return o
}
