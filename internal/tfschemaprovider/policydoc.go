package tfschemaprovider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// iamDocument and iamStatement fix the key order of a rendered policy
// document to the order AWS documents them in.
type iamDocument struct {
	Version   string         `json:"Version"`
	ID        string         `json:"Id,omitempty"`
	Statement []iamStatement `json:"Statement"`
}

type iamStatement struct {
	Sid          string                    `json:"Sid,omitempty"`
	Effect       string                    `json:"Effect"`
	Action       any                       `json:"Action,omitempty"`
	NotAction    any                       `json:"NotAction,omitempty"`
	Resource     any                       `json:"Resource,omitempty"`
	NotResource  any                       `json:"NotResource,omitempty"`
	Principal    any                       `json:"Principal,omitempty"`
	NotPrincipal any                       `json:"NotPrincipal,omitempty"`
	Condition    map[string]map[string]any `json:"Condition,omitempty"`
}

// policyDocument renders the statement blocks of aws_iam_policy_document
// the way the AWS provider does for simple documents: a single value is a
// string, sets are sorted, Effect defaults to Allow. Source and override
// documents are not merged; using them yields a warning.
func policyDocument(_ *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	var diags []*tfprotov6.Diagnostic
	for _, name := range []string{"source_policy_documents", "override_policy_documents", "source_json", "override_json"} {
		if v := cfg.GetAttr(name); !v.IsNull() {
			diags = append(diags, &tfprotov6.Diagnostic{
				Severity: tfprotov6.DiagnosticSeverityWarning,
				Summary:  "offline schema provider: " + name + " is not merged",
				Detail:   "json and minified_json hold only this data source's statement blocks",
			})
		}
	}
	doc := iamDocument{Version: knownString(cfg, "version"), ID: knownString(cfg, "policy_id")}
	if doc.Version == "" {
		doc.Version = "2012-10-17"
	}
	doc.Statement = []iamStatement{}
	if st := cfg.GetAttr("statement"); !st.IsNull() {
		for _, sv := range st.AsValueSlice() {
			doc.Statement = append(doc.Statement, renderStatement(sv))
		}
	}
	pretty, err := marshalJSON(doc, "  ")
	if err != nil {
		return nil, diags, err
	}
	compact, err := marshalJSON(doc, "")
	if err != nil {
		return nil, diags, err
	}
	return map[string]cty.Value{
		"json":          str(pretty),
		"minified_json": str(compact),
		"id":            str(fmt.Sprint(crc32.ChecksumIEEE([]byte(pretty)))),
	}, diags, nil
}

func renderStatement(sv cty.Value) iamStatement {
	st := iamStatement{
		Sid:         knownString(sv, "sid"),
		Effect:      knownString(sv, "effect"),
		Action:      oneOrMany(stringsOf(sv.GetAttr("actions"))),
		NotAction:   oneOrMany(stringsOf(sv.GetAttr("not_actions"))),
		Resource:    oneOrMany(stringsOf(sv.GetAttr("resources"))),
		NotResource: oneOrMany(stringsOf(sv.GetAttr("not_resources"))),
	}
	if st.Effect == "" {
		st.Effect = "Allow"
	}
	st.Principal = principals(sv.GetAttr("principals"))
	st.NotPrincipal = principals(sv.GetAttr("not_principals"))
	if conds := sv.GetAttr("condition"); !conds.IsNull() && conds.LengthInt() > 0 {
		st.Condition = map[string]map[string]any{}
		for _, c := range conds.AsValueSlice() {
			test := knownString(c, "test")
			if st.Condition[test] == nil {
				st.Condition[test] = map[string]any{}
			}
			st.Condition[test][knownString(c, "variable")] = oneOrMany(stringsOf(c.GetAttr("values")))
		}
	}
	return st
}

// principals renders principals blocks as {"Type": ids}, or "*" for the
// single wildcard principal.
func principals(v cty.Value) any {
	if v.IsNull() || v.LengthInt() == 0 {
		return nil
	}
	byType := map[string][]string{}
	for _, p := range v.AsValueSlice() {
		t := knownString(p, "type")
		byType[t] = append(byType[t], stringsOf(p.GetAttr("identifiers"))...)
	}
	if ids := byType["*"]; len(byType) == 1 && len(ids) == 1 && ids[0] == "*" {
		return "*"
	}
	out := map[string]any{}
	for t, ids := range byType {
		sort.Strings(ids)
		out[t] = oneOrMany(ids)
	}
	return out
}

// stringsOf returns the strings of a known list or set value, sets sorted.
func stringsOf(v cty.Value) []string {
	if v.IsNull() {
		return nil
	}
	var out []string
	for _, e := range v.AsValueSlice() {
		out = append(out, e.AsString())
	}
	if v.Type().IsSetType() {
		sort.Strings(out)
	}
	return out
}

func oneOrMany(ss []string) any {
	switch len(ss) {
	case 0:
		return nil
	case 1:
		return ss[0]
	}
	return ss
}

func marshalJSON(v any, indent string) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("render policy document: %w", err)
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n")), nil
}
