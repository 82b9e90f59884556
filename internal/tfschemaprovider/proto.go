package tfschemaprovider

import (
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// Proto returns the plugin-protocol form of ts. Attributes and nested
// block types are emitted in name order, so the result is deterministic.
func (ts *TypeSchema) Proto() *tfprotov6.Schema {
	return &tfprotov6.Schema{Version: ts.Version, Block: ts.Block.proto()}
}

func (b *Block) proto() *tfprotov6.SchemaBlock {
	pb := &tfprotov6.SchemaBlock{
		Description:     b.Description,
		DescriptionKind: stringKind(b.DescriptionKind),
		Deprecated:      b.Deprecated,
	}
	for _, name := range slices.Sorted(maps.Keys(b.Attributes)) {
		pb.Attributes = append(pb.Attributes, b.Attributes[name].proto(name))
	}
	for _, name := range slices.Sorted(maps.Keys(b.BlockTypes)) {
		nb := b.BlockTypes[name]
		pb.BlockTypes = append(pb.BlockTypes, &tfprotov6.SchemaNestedBlock{
			TypeName: name,
			Block:    nb.Block.proto(),
			Nesting:  nestingMode(nb.Nesting),
			MinItems: nb.MinItems,
			MaxItems: nb.MaxItems,
		})
	}
	return pb
}

// proto returns the plugin-protocol form of attribute a called name: with
// its type, or, for a nested attribute, its nested object and no type.
func (a *Attribute) proto(name string) *tfprotov6.SchemaAttribute {
	pa := &tfprotov6.SchemaAttribute{
		Name:            name,
		Description:     a.Description,
		DescriptionKind: stringKind(a.DescriptionKind),
		Required:        a.Required,
		Optional:        a.Optional,
		Computed:        a.Computed,
		Sensitive:       a.Sensitive,
		Deprecated:      a.Deprecated,
		WriteOnly:       a.WriteOnly,
	}
	if a.Nested != nil {
		pa.NestedType = a.Nested.proto()
	} else {
		pa.Type = TFType(a.Type)
	}
	return pa
}

func stringKind(kind string) tfprotov6.StringKind {
	if kind == "markdown" {
		return tfprotov6.StringKindMarkdown
	}
	return tfprotov6.StringKindPlain
}

func nestingMode(n Nesting) tfprotov6.SchemaNestedBlockNestingMode {
	switch n {
	case NestingSingle:
		return tfprotov6.SchemaNestedBlockNestingModeSingle
	case NestingGroup:
		return tfprotov6.SchemaNestedBlockNestingModeGroup
	case NestingList:
		return tfprotov6.SchemaNestedBlockNestingModeList
	case NestingSet:
		return tfprotov6.SchemaNestedBlockNestingModeSet
	case NestingMap:
		return tfprotov6.SchemaNestedBlockNestingModeMap
	}
	return tfprotov6.SchemaNestedBlockNestingModeInvalid
}

// TFType converts a cty type to the equivalent tftypes type. It panics on a
// type that has no protocol equivalent (capsule types), which schema JSON
// cannot express.
func TFType(t cty.Type) tftypes.Type {
	switch {
	case t == cty.DynamicPseudoType:
		return tftypes.DynamicPseudoType
	case t == cty.String:
		return tftypes.String
	case t == cty.Number:
		return tftypes.Number
	case t == cty.Bool:
		return tftypes.Bool
	case t.IsListType():
		return tftypes.List{ElementType: TFType(t.ElementType())}
	case t.IsSetType():
		return tftypes.Set{ElementType: TFType(t.ElementType())}
	case t.IsMapType():
		return tftypes.Map{ElementType: TFType(t.ElementType())}
	case t.IsObjectType():
		atys := map[string]tftypes.Type{}
		for name, aty := range t.AttributeTypes() {
			atys[name] = TFType(aty)
		}
		var optional map[string]struct{}
		for name := range t.AttributeTypes() {
			if t.AttributeOptional(name) {
				if optional == nil {
					optional = map[string]struct{}{}
				}
				optional[name] = struct{}{}
			}
		}
		return tftypes.Object{AttributeTypes: atys, OptionalAttributes: optional}
	case t.IsTupleType():
		etys := make([]tftypes.Type, 0, len(t.TupleElementTypes()))
		for _, ety := range t.TupleElementTypes() {
			etys = append(etys, TFType(ety))
		}
		return tftypes.Tuple{ElementTypes: etys}
	}
	panic(fmt.Sprintf("tfschemaprovider: no protocol type for %s", t.FriendlyName()))
}
