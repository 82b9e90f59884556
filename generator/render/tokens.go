package render

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
)

// ref returns the tokens of a reference such as aws_iam_role.read.arn. The traversal is
// built by this package, so a parse failure is a bug.
func ref(traversal string) hclwrite.Tokens {
	t, diags := hclsyntax.ParseTraversalAbs([]byte(traversal), "", hcl.InitialPos)
	if diags.HasErrors() {
		panic("render: invalid reference " + traversal + ": " + diags.Error())
	}
	return hclwrite.TokensForTraversal(t)
}

// str returns the tokens of a quoted string literal; "${" and "%{" are escaped.
func str(s string) hclwrite.Tokens { return hclwrite.TokensForValue(cty.StringVal(s)) }

// expr returns the tokens of an Expr: a bare reference when it is exactly one, otherwise
// a quoted template with ${...} interpolations.
func expr(e policy.Expr) hclwrite.Tokens {
	if e.IsRef() {
		return ref(e.Parts()[0].Ref)
	}
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOQuote, Bytes: []byte(`"`)}}
	for _, p := range e.Parts() {
		if p.Ref == "" {
			quoted := str(p.Text)
			toks = append(toks, quoted[1:len(quoted)-1]...) // the literal without its quotes
			continue
		}
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateInterp, Bytes: []byte("${")})
		toks = append(toks, ref(p.Ref)...)
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateSeqEnd, Bytes: []byte("}")})
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCQuote, Bytes: []byte(`"`)})
}

// list returns a tuple with one element per line, the layout `terraform fmt` keeps and
// that makes a one-line change show as a one-line diff.
func list(elems []hclwrite.Tokens) hclwrite.Tokens {
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOBrack, Bytes: []byte("[")}, newline()}
	for _, e := range elems {
		toks = append(toks, e...)
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComma, Bytes: []byte(",")}, newline())
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCBrack, Bytes: []byte("]")})
}

func newline() *hclwrite.Token {
	return &hclwrite.Token{Type: hclsyntax.TokenNewline, Bytes: []byte("\n")}
}

// oneOrMany writes a single value as itself and several as a list, as IAM documents do.
func oneOrMany(elems []hclwrite.Tokens) hclwrite.Tokens {
	if len(elems) == 1 {
		return elems[0]
	}
	return list(elems)
}

func exprs(es []policy.Expr) []hclwrite.Tokens {
	out := make([]hclwrite.Tokens, len(es))
	for i, e := range es {
		out[i] = expr(e)
	}
	return out
}

func strs(values []string) []hclwrite.Tokens {
	out := make([]hclwrite.Tokens, len(values))
	for i, v := range values {
		out[i] = str(v)
	}
	return out
}

// key returns an object key: bare when it is an identifier, quoted otherwise. Keywords are
// quoted too: `{ for = 1 }` would start a for expression and `{ null = 1 }` is no key.
func key(name string) hclwrite.Tokens {
	switch name {
	case "for", "in", "if", "null", "true", "false":
		return str(name)
	}
	if hclsyntax.ValidIdentifier(name) && !strings.Contains(name, "-") { // a-b reads as subtraction
		return hclwrite.TokensForIdentifier(name)
	}
	return str(name)
}

func attr(name string, value hclwrite.Tokens) hclwrite.ObjectAttrTokens {
	return hclwrite.ObjectAttrTokens{Name: key(name), Value: value}
}

// document returns jsonencode({...}) of an IAM policy document, keys in IAM's conventional
// order. Terraform's jsonencode sorts keys again when it serialises; IAM does not care.
func document(d policy.Document) hclwrite.Tokens {
	statements := make([]hclwrite.Tokens, len(d.Statements))
	for i, s := range d.Statements {
		statements[i] = statement(s)
	}
	return hclwrite.TokensForFunctionCall("jsonencode", hclwrite.TokensForObject([]hclwrite.ObjectAttrTokens{
		attr("Version", str(policy.Version)),
		attr("Statement", list(statements)),
	}))
}

func statement(s policy.Statement) hclwrite.Tokens {
	var attrs []hclwrite.ObjectAttrTokens
	if s.Sid != "" {
		attrs = append(attrs, attr("Sid", str(s.Sid)))
	}
	attrs = append(attrs, attr("Effect", str(s.Effect)))
	if p := s.Principal; p != nil {
		attrs = append(attrs, attr("Principal", hclwrite.TokensForObject([]hclwrite.ObjectAttrTokens{attr(p.Type, oneOrMany(exprs(p.IDs)))})))
	}
	attrs = append(attrs, attr("Action", oneOrMany(strs(s.Actions))))
	if len(s.Resources) > 0 {
		attrs = append(attrs, attr("Resource", oneOrMany(exprs(s.Resources))))
	}
	if len(s.Conditions) > 0 {
		var operators []hclwrite.ObjectAttrTokens
		for _, g := range policy.GroupConditions(s.Conditions) {
			var keys []hclwrite.ObjectAttrTokens
			for _, c := range g.Conditions {
				keys = append(keys, attr(c.Key, oneOrMany(strs(c.Values))))
			}
			operators = append(operators, attr(g.Operator, hclwrite.TokensForObject(keys)))
		}
		attrs = append(attrs, attr("Condition", hclwrite.TokensForObject(operators)))
	}
	return hclwrite.TokensForObject(attrs)
}

// tags returns the tokens of a tags map, keys sorted.
func tags(ts []model.Tag) hclwrite.Tokens {
	attrs := make([]hclwrite.ObjectAttrTokens, len(ts))
	for i, t := range ts {
		attrs[i] = attr(t.Key, str(t.Value))
	}
	return hclwrite.TokensForObject(attrs)
}
