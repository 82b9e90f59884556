// Package schema derives a JSON Schema (draft-07) of the spec file from the Go types of
// package spec, for editors: YAML language servers read it through the modeline
//
//	# yaml-language-server: $schema=../schema/codeartifact-gen.schema.json
//
// and then complete keys, show each key's documentation and underline mistakes as they are
// typed.
//
// The schema is built by walking the spec types with reflection, reading the same struct
// tags as the parser, so the keys it allows, the keys it requires and the type of every
// value cannot drift from what the parser accepts. On top of that shape it adds the closed
// sets and the simple name rules of package aws (see constraints) and a title and
// description for every key (see docs).
//
// The schema never refuses a spec that codeartifact-gen accepts, apart from the explicitly
// empty subjects: "" (see constraints). It accepts many specs that the validator then
// refuses: references between repositories, policies and roles, duplicates, upstream
// graphs and the rules of trust are beyond what a schema can say, and the validator's
// messages say them better.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// Draft07 is the meta-schema of the generated schema. Editors' YAML language servers
// support draft-07; later drafts are not understood by all of them.
const Draft07 = "http://json-schema.org/draft-07/schema#"

// Generate returns the JSON Schema of the spec: indented with two spaces, ending in a
// newline, and identical on every call. It panics if package spec holds a field type the
// schema cannot describe, as the parser does; the tests of this package run it.
func Generate() []byte {
	root := structSchema(reflect.TypeFor[spec.File]())
	root.Schema = Draft07
	var b bytes.Buffer
	if err := encode(&b, root, "  "); err != nil {
		panic(fmt.Sprintf("schema: %v", err))
	}
	return b.Bytes()
}

// node is one JSON Schema. Its fields are written in declaration order, and a zero field is
// left out: no bound of the spec is zero, so zero means "no bound".
type node struct {
	Schema               string     `json:"$schema,omitempty"`
	Title                string     `json:"title,omitempty"`
	Description          string     `json:"description,omitempty"`
	Type                 any        `json:"type,omitempty"` // a type name, or a list of them
	Const                any        `json:"const,omitempty"`
	Enum                 []string   `json:"enum,omitempty"`
	Pattern              string     `json:"pattern,omitempty"`
	MinLength            int        `json:"minLength,omitempty"`
	MaxLength            int        `json:"maxLength,omitempty"`
	Minimum              int        `json:"minimum,omitempty"`
	Maximum              int        `json:"maximum,omitempty"`
	MinItems             int        `json:"minItems,omitempty"`
	MaxItems             int        `json:"maxItems,omitempty"`
	Items                *node      `json:"items,omitempty"`
	MaxProperties        int        `json:"maxProperties,omitempty"`
	PropertyNames        *node      `json:"propertyNames,omitempty"`
	AdditionalProperties any        `json:"additionalProperties,omitempty"` // false, or a *node
	Required             []string   `json:"required,omitempty"`
	Properties           properties `json:"properties,omitempty"`
}

// properties are the keys of an object, written in the order the spec type declares them
// (encoding/json would sort a map).
type properties []property

type property struct {
	key    string
	schema *node
}

// MarshalJSON writes the properties as one JSON object, in order.
func (ps properties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(&b, p.key, ""); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(&b, p.schema, ""); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// encode writes v as JSON followed by a newline, without encoding/json's HTML escaping: the
// descriptions contain <placeholders> that should stay readable.
func encode(b *bytes.Buffer, v any, indent string) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	return enc.Encode(v)
}

// The JSON types of the spec's scalars. A spec.String also accepts a number, as the parser
// does: it keeps the digits as written, so owner_id: 123456 is the string "123456".
var (
	stringTypes = []string{"string", "number"}
	intType     = "integer"
	boolType    = "boolean"
)

var (
	stringType = reflect.TypeFor[spec.String]()
	integer    = reflect.TypeFor[spec.Int]()
	boolean    = reflect.TypeFor[spec.Bool]()
	stringMap  = reflect.TypeFor[spec.StringMap]()
	claimMap   = reflect.TypeFor[spec.ClaimMap]()
)

// field is one key of a spec struct, read from its tag as the parser reads it.
type field struct {
	name     string // the Go field name
	key      string // the YAML key
	required bool
	typ      reflect.Type
}

// fields returns the keys of the struct type t in declaration order. Fields tagged
// `yaml:"-"` or not tagged (Pos, Keys, Path) are not part of the YAML.
func fields(t reflect.Type) []field {
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		key, opt, _ := strings.Cut(tag, ",")
		fs = append(fs, field{name: f.Name, key: key, required: opt == "required", typ: f.Type})
	}
	return fs
}

// structSchema returns the schema of a spec struct: an object with exactly its keys.
func structSchema(t reflect.Type) *node {
	tables()
	n := &node{Type: "object", AdditionalProperties: false}
	if d, ok := typeDocs[t.Name()]; ok {
		n.Title, n.Description = d.title, d.text
	}
	for _, f := range fields(t) {
		id := t.Name() + "." + f.name
		p := valueSchema(f.typ)
		if c, ok := constraints[id]; ok {
			c.apply(p)
		}
		d := docs[id]
		p.Title, p.Description = d.title, d.text
		n.Properties = append(n.Properties, property{f.key, p})
		if f.required {
			n.Required = append(n.Required, f.key)
		}
	}
	return n
}

// valueSchema returns the schema of a value of type t, as the parser decodes it.
func valueSchema(t reflect.Type) *node {
	switch {
	case t == stringType:
		return &node{Type: stringTypes}
	case t == integer:
		return &node{Type: intType}
	case t == boolean:
		return &node{Type: boolType}
	case t == stringMap:
		return &node{Type: "object", AdditionalProperties: &node{Type: stringTypes}}
	case t == claimMap:
		// One value, or a list of alternative values.
		value := &node{Type: slices.Concat(stringTypes, []string{"array"}), Items: &node{Type: stringTypes}}
		return &node{Type: "object", AdditionalProperties: value}
	case t.Kind() == reflect.Slice:
		return &node{Type: "array", Items: valueSchema(t.Elem())}
	case t.Kind() == reflect.Struct:
		return structSchema(t)
	}
	panic(fmt.Sprintf("schema: no JSON Schema for %s; teach package schema the new spec type", t))
}
