package importer

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

var (
	funcsOnce sync.Once
	funcs     map[string]function.Function
)

// functions returns the Terraform functions import evaluates, by their Terraform names:
// go-cty's standard library (which Terraform's own functions wrap), try and can from
// hcl's tryfunc, and the type conversions. A function outside this set is an error with
// its position, never a guess.
func functions() map[string]function.Function {
	funcsOnce.Do(func() {
		funcs = map[string]function.Function{
			"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc,
			"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
			"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
			"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
			"floor": stdlib.FloorFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
			"indent": stdlib.IndentFunc, "index": stdlib.IndexFunc, "join": stdlib.JoinFunc,
			"jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc, "keys": stdlib.KeysFunc,
			"length": stdlib.LengthFunc, "lookup": stdlib.LookupFunc, "lower": stdlib.LowerFunc,
			"max": stdlib.MaxFunc, "merge": stdlib.MergeFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc,
			"range": stdlib.RangeFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
			"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
			"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
			"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
			"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc,
			"trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
			"upper": stdlib.UpperFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
			"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
			"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
			"tobool":  stdlib.MakeToFunc(cty.Bool),
			"tolist":  stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
			"toset":   stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
			"tomap":   stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
			"replace": replaceFunc(),
			"one":     oneFunc(),
		}
	})
	return funcs
}

// replaceFunc returns Terraform's replace: a substring, or a regular expression when the
// search string is written between slashes.
func replaceFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			sub := args[1].AsString()
			if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
				return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
			}
			return stdlib.Replace(args[0], args[1], args[2])
		},
	})
}

// oneFunc returns Terraform's one: the only element of a list or set, null when empty.
func oneFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   func(args []cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			vs := args[0].AsValueSlice()
			switch len(vs) {
			case 0:
				return cty.NullVal(cty.DynamicPseudoType), nil
			case 1:
				return vs[0], nil
			}
			return cty.NilVal, function.NewArgErrorf(0, "must have no more than one element")
		},
	})
}

// policyDocumentJSON renders the statement blocks of an aws_iam_policy_document data
// source as the AWS provider does for such documents: Effect defaults to Allow, a single
// value is written as a string, sets are sorted. Source and override documents are not
// merged (import reports them).
func policyDocumentJSON(o *Object) string {
	type stmt struct {
		Sid          string                    `json:"Sid,omitempty"`
		Effect       string                    `json:"Effect"`
		Action       any                       `json:"Action,omitempty"`
		NotAction    any                       `json:"NotAction,omitempty"`
		Resource     any                       `json:"Resource,omitempty"`
		NotResource  any                       `json:"NotResource,omitempty"`
		Principal    map[string]any            `json:"Principal,omitempty"`
		NotPrincipal map[string]any            `json:"NotPrincipal,omitempty"`
		Condition    map[string]map[string]any `json:"Condition,omitempty"`
	}
	one := func(ss []string) any {
		if len(ss) == 0 {
			return nil
		}
		sort.Strings(ss)
		if len(ss) == 1 {
			return ss[0]
		}
		return ss
	}
	principals := func(bs []*Object) map[string]any {
		if len(bs) == 0 {
			return nil
		}
		m := map[string]any{}
		for _, p := range bs {
			m[p.String("type")] = one(p.Strings("identifiers"))
		}
		return m
	}
	doc := struct {
		Version   string `json:"Version"`
		Statement []stmt `json:"Statement"`
	}{Version: "2012-10-17"}
	if v := o.String("version"); v != "" {
		doc.Version = v
	}
	for _, s := range o.Blocks["statement"] {
		st := stmt{Sid: s.String("sid"), Effect: s.String("effect"), Action: one(s.Strings("actions")),
			NotAction: one(s.Strings("not_actions")), Resource: one(s.Strings("resources")),
			NotResource: one(s.Strings("not_resources")), Principal: principals(s.Blocks["principals"]),
			NotPrincipal: principals(s.Blocks["not_principals"])}
		if st.Effect == "" {
			st.Effect = "Allow"
		}
		for _, c := range s.Blocks["condition"] {
			if st.Condition == nil {
				st.Condition = map[string]map[string]any{}
			}
			test := c.String("test")
			if st.Condition[test] == nil {
				st.Condition[test] = map[string]any{}
			}
			st.Condition[test][c.String("variable")] = one(c.Strings("values"))
		}
		doc.Statement = append(doc.Statement, st)
	}
	b, _ := json.Marshal(doc)
	return string(b)
}
