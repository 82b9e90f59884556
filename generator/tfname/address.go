package tfname

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ResourceAddress is a managed resource's address in a root module: TYPE.NAME, with an
// instance key when the resource has count (a number) or for_each (a string).
type ResourceAddress struct {
	Type, Name string
	// Key is "" for none; a string key is kept unquoted, Number tells a count index.
	Key    string
	Number bool
	HasKey bool
}

// String returns the address in canonical form: TYPE.NAME, TYPE.NAME[N] or
// TYPE.NAME["key"].
func (a ResourceAddress) String() string {
	s := a.Type + "." + a.Name
	switch {
	case !a.HasKey:
	case a.Number:
		s += "[" + a.Key + "]"
	default:
		s += "[" + strconv.Quote(a.Key) + "]"
	}
	return s
}

// ParseResourceAddress parses a root-module resource address as Terraform writes it in
// moved blocks and state listings. It accepts only TYPE.NAME with an optional single
// index, a non-negative integer or a string of printable characters without quotes or
// backslashes (so that the canonical form needs no escapes); ok is false for anything
// else (modules, data sources, splats, several indexes).
func ParseResourceAddress(s string) (ResourceAddress, bool) {
	t, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() || len(t) < 2 || len(t) > 3 {
		return ResourceAddress{}, false
	}
	root, ok := t[0].(hcl.TraverseRoot)
	name, ok2 := t[1].(hcl.TraverseAttr)
	if !ok || !ok2 || root.Name == "data" || root.Name == "module" || !strings.Contains(root.Name, "_") {
		return ResourceAddress{}, false
	}
	a := ResourceAddress{Type: root.Name, Name: name.Name}
	if len(t) == 3 {
		idx, ok := t[2].(hcl.TraverseIndex)
		if !ok {
			return ResourceAddress{}, false
		}
		a.HasKey = true
		switch idx.Key.Type() {
		case cty.String:
			a.Key = idx.Key.AsString()
			if strings.ContainsAny(a.Key, "\"\\") || strings.ContainsFunc(a.Key, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				return ResourceAddress{}, false
			}
		case cty.Number:
			bf := idx.Key.AsBigFloat()
			n, acc := bf.Int64()
			if !bf.IsInt() || n < 0 || acc != 0 {
				return ResourceAddress{}, false
			}
			a.Key, a.Number = strconv.FormatInt(n, 10), true
		default:
			return ResourceAddress{}, false
		}
	}
	return a, true
}
