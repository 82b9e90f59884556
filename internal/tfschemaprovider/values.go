package tfschemaprovider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
)

// decodeValue decodes a protocol value of type ty. A nil DynamicValue
// decodes to a null value, which is how the protocol spells "absent".
func decodeValue(dv *tfprotov6.DynamicValue, ty cty.Type) (cty.Value, error) {
	switch {
	case dv == nil:
		return cty.NullVal(ty), nil
	case dv.MsgPack != nil:
		return ctymsgpack.Unmarshal(dv.MsgPack, ty)
	case dv.JSON != nil:
		return ctyjson.Unmarshal(dv.JSON, ty)
	}
	return cty.NullVal(ty), nil
}

// encodeValue encodes v as a msgpack protocol value of type ty.
func encodeValue(v cty.Value, ty cty.Type) (*tfprotov6.DynamicValue, error) {
	b, err := ctymsgpack.Marshal(v, ty)
	if err != nil {
		return nil, err
	}
	return &tfprotov6.DynamicValue{MsgPack: b}, nil
}

// attrFiller decides the value of a computed attribute that is null in an
// object conforming to a block. It returns the new value, or the null it
// was given to leave the attribute alone.
type attrFiller func(name string, attr *Attribute, current cty.Value) cty.Value

// fillComputed returns obj with fill applied to every computed attribute
// that is null, at every nesting depth. Unknown or null objects and
// collections are returned unchanged: there is nothing inside them to fill.
func fillComputed(b *Block, obj cty.Value, fill attrFiller) (cty.Value, error) {
	if obj.IsNull() || !obj.IsKnown() {
		return obj, nil
	}
	if !obj.Type().IsObjectType() {
		return cty.NilVal, fmt.Errorf("want an object, got %s", obj.Type().FriendlyName())
	}
	vals := obj.AsValueMap()
	if vals == nil {
		vals = map[string]cty.Value{}
	}
	for name, a := range b.Attributes {
		cur, ok := vals[name]
		if !ok {
			cur = cty.NullVal(a.Type)
		}
		if a.Computed && cur.IsNull() {
			vals[name] = fill(name, a, cur)
		}
	}
	for name, nb := range b.BlockTypes {
		cur, ok := vals[name]
		if !ok {
			continue
		}
		nv, err := fillNested(nb, cur, fill)
		if err != nil {
			return cty.NilVal, fmt.Errorf("block %s: %w", name, err)
		}
		vals[name] = nv
	}
	return cty.ObjectVal(vals), nil
}

func fillNested(nb *NestedBlock, v cty.Value, fill attrFiller) (cty.Value, error) {
	if v.IsNull() || !v.IsKnown() {
		return v, nil
	}
	switch nb.Nesting {
	case NestingSingle, NestingGroup:
		return fillComputed(nb.Block, v, fill)
	}
	if v.LengthInt() == 0 {
		return v, nil
	}
	if nb.Nesting == NestingMap {
		out := map[string]cty.Value{}
		for k, ev := range v.AsValueMap() {
			nv, err := fillComputed(nb.Block, ev, fill)
			if err != nil {
				return cty.NilVal, fmt.Errorf("key %q: %w", k, err)
			}
			out[k] = nv
		}
		return cty.MapVal(out), nil
	}
	out := make([]cty.Value, 0, v.LengthInt())
	for i, ev := range v.AsValueSlice() {
		nv, err := fillComputed(nb.Block, ev, fill)
		if err != nil {
			return cty.NilVal, fmt.Errorf("element %d: %w", i, err)
		}
		out = append(out, nv)
	}
	if nb.Nesting == NestingSet {
		return cty.SetVal(out), nil
	}
	return cty.ListVal(out), nil
}

// unknownFiller marks a computed attribute as unknown: "known after apply".
func unknownFiller(_ string, a *Attribute, _ cty.Value) cty.Value {
	return cty.UnknownVal(a.Type)
}

// zeroValue returns a deterministic, wholly known value of type ty: the
// empty string, zero, false, an empty collection, or an object of zeros.
// Dynamic values become a known null.
func zeroValue(ty cty.Type) cty.Value {
	switch {
	case ty == cty.String:
		return cty.StringVal("")
	case ty == cty.Number:
		return cty.Zero
	case ty == cty.Bool:
		return cty.False
	case ty.IsListType():
		return cty.ListValEmpty(ty.ElementType())
	case ty.IsSetType():
		return cty.SetValEmpty(ty.ElementType())
	case ty.IsMapType():
		return cty.MapValEmpty(ty.ElementType())
	case ty.IsObjectType():
		vals := map[string]cty.Value{}
		for name, aty := range ty.AttributeTypes() {
			vals[name] = zeroValue(aty)
		}
		return cty.ObjectVal(vals)
	case ty.IsTupleType():
		vals := make([]cty.Value, 0, len(ty.TupleElementTypes()))
		for _, ety := range ty.TupleElementTypes() {
			vals = append(vals, zeroValue(ety))
		}
		return cty.TupleVal(vals)
	}
	return cty.NullVal(ty)
}
