package tfschemaprovider

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// DefaultProviderAddress is the provider source address whose schemas
// LoadSchema selects from a schema file.
const DefaultProviderAddress = "registry.terraform.io/hashicorp/aws"

// Schema holds the resource and data-source schemas of one provider.
type Schema struct {
	// Resources maps a managed resource type name to its schema.
	Resources map[string]*TypeSchema
	// DataSources maps a data source type name to its schema.
	DataSources map[string]*TypeSchema
}

// TypeSchema is the schema of one resource or data-source type.
type TypeSchema struct {
	Version int64
	Block   *Block
}

// Block is a configuration block: its attributes and nested block types.
type Block struct {
	Attributes         map[string]*Attribute
	BlockTypes         map[string]*NestedBlock
	Description        string
	DescriptionKind    string
	Deprecated         bool
	DeprecationMessage string
}

// Attribute is one attribute of a Block. Type is its cty type.
type Attribute struct {
	Type            cty.Type
	Description     string
	DescriptionKind string
	Required        bool
	Optional        bool
	Computed        bool
	Sensitive       bool
	Deprecated      bool
	WriteOnly       bool
	// Nested, when set, makes this a protocol-6 nested attribute (nested_type);
	// Type is then the type it implies (nested.go).
	Nested *NestedAttributes
}

// Nesting is how a nested block type repeats, as spelled in schema JSON.
type Nesting string

// The nesting modes of the `providers schema -json` format.
const (
	NestingSingle Nesting = "single"
	NestingGroup  Nesting = "group"
	NestingList   Nesting = "list"
	NestingSet    Nesting = "set"
	NestingMap    Nesting = "map"
)

// NestedBlock is a nested block type of a Block.
type NestedBlock struct {
	Block    *Block
	Nesting  Nesting
	MinItems int64
	MaxItems int64
}

// jsonSchemaFile mirrors the `providers schema -json` document.
type jsonSchemaFile struct {
	FormatVersion   string                        `json:"format_version"`
	ProviderSchemas map[string]jsonProviderSchema `json:"provider_schemas"`
}

type jsonProviderSchema struct {
	ResourceSchemas   map[string]jsonTypeSchema `json:"resource_schemas"`
	DataSourceSchemas map[string]jsonTypeSchema `json:"data_source_schemas"`
}

type jsonTypeSchema struct {
	Version int64      `json:"version"`
	Block   *jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes      map[string]*jsonAttribute   `json:"attributes"`
	BlockTypes      map[string]*jsonNestedBlock `json:"block_types"`
	Description     string                      `json:"description"`
	DescriptionKind string                      `json:"description_kind"`
	Deprecated      bool                        `json:"deprecated"`
}

type jsonAttribute struct {
	Type            json.RawMessage `json:"type"`
	NestedType      json.RawMessage `json:"nested_type"`
	Description     string          `json:"description"`
	DescriptionKind string          `json:"description_kind"`
	Required        bool            `json:"required"`
	Optional        bool            `json:"optional"`
	Computed        bool            `json:"computed"`
	Sensitive       bool            `json:"sensitive"`
	Deprecated      bool            `json:"deprecated"`
	WriteOnly       bool            `json:"write_only"`
}

type jsonNestedBlock struct {
	Block       *jsonBlock `json:"block"`
	NestingMode Nesting    `json:"nesting_mode"`
	MinItems    int64      `json:"min_items"`
	MaxItems    int64      `json:"max_items"`
}

// LoadSchema reads a `providers schema -json` file and returns the schemas
// of DefaultProviderAddress. The error names the file and the type or
// attribute that could not be converted.
func LoadSchema(path string) (*Schema, error) {
	return LoadSchemaFor(path, DefaultProviderAddress)
}

// ParseSchema decodes a `providers schema -json` document and returns the
// schemas of the provider at address. Attributes using nested_type
// (protocol 6 nested attributes, which hashicorp/awscc uses) are converted
// by nested.go.
func ParseSchema(data []byte, address string) (*Schema, error) {
	var f jsonSchemaFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("decode provider schema JSON: %w", err)
	}
	ps, ok := f.ProviderSchemas[address]
	if !ok {
		return nil, fmt.Errorf("no schema for provider %q (have %v)", address, slices.Sorted(maps.Keys(f.ProviderSchemas)))
	}
	s := &Schema{Resources: map[string]*TypeSchema{}, DataSources: map[string]*TypeSchema{}}
	for kind, src := range map[string]map[string]jsonTypeSchema{"resource": ps.ResourceSchemas, "data source": ps.DataSourceSchemas} {
		dst := s.Resources
		if kind == "data source" {
			dst = s.DataSources
		}
		for name, ts := range src {
			b, err := convertBlock(ts.Block)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", kind, name, err)
			}
			dst[name] = &TypeSchema{Version: ts.Version, Block: b}
		}
	}
	return s, nil
}

func convertBlock(jb *jsonBlock) (*Block, error) {
	b := &Block{Attributes: map[string]*Attribute{}, BlockTypes: map[string]*NestedBlock{}}
	if jb == nil {
		return b, nil
	}
	b.Description, b.DescriptionKind, b.Deprecated = jb.Description, jb.DescriptionKind, jb.Deprecated
	for name, ja := range jb.Attributes {
		if len(ja.NestedType) > 0 {
			a, err := convertNestedAttribute(ja)
			if err != nil {
				return nil, fmt.Errorf("attribute %s: %w", name, err)
			}
			b.Attributes[name] = a
			continue
		}
		ty, err := ctyjson.UnmarshalType(ja.Type)
		if err != nil {
			return nil, fmt.Errorf("attribute %s: type %s: %w", name, ja.Type, err)
		}
		b.Attributes[name] = &Attribute{
			Type: ty, Description: ja.Description, DescriptionKind: ja.DescriptionKind,
			Required: ja.Required, Optional: ja.Optional, Computed: ja.Computed,
			Sensitive: ja.Sensitive, Deprecated: ja.Deprecated, WriteOnly: ja.WriteOnly,
		}
	}
	for name, jn := range jb.BlockTypes {
		switch jn.NestingMode {
		case NestingSingle, NestingGroup, NestingList, NestingSet, NestingMap:
		default:
			return nil, fmt.Errorf("block %s: unknown nesting_mode %q", name, jn.NestingMode)
		}
		inner, err := convertBlock(jn.Block)
		if err != nil {
			return nil, fmt.Errorf("block %s: %w", name, err)
		}
		b.BlockTypes[name] = &NestedBlock{Block: inner, Nesting: jn.NestingMode, MinItems: jn.MinItems, MaxItems: jn.MaxItems}
	}
	return b, nil
}

// ImpliedType returns the cty object type of a value conforming to b.
func (b *Block) ImpliedType() cty.Type {
	atys := map[string]cty.Type{}
	for name, a := range b.Attributes {
		atys[name] = a.Type
	}
	for name, nb := range b.BlockTypes {
		atys[name] = nb.impliedType()
	}
	return cty.Object(atys)
}

func (nb *NestedBlock) impliedType() cty.Type {
	ety := nb.Block.ImpliedType()
	switch nb.Nesting {
	case NestingList:
		return cty.List(ety)
	case NestingSet:
		return cty.Set(ety)
	case NestingMap:
		return cty.Map(ety)
	default: // single, group
		return ety
	}
}
