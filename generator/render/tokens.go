package render

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
)

// The helpers below build hclwrite tokens without laying them out: spacing, indentation
// and the alignment of "=" are left to the one formatting pass per top-level block (finish).
// hclwrite's own TokensForObject and friends format every nested level again, which made
// rendering quadratic in nesting and allocation-bound at organisation scale.

func token(t hclsyntax.TokenType, s string) *hclwrite.Token {
	return &hclwrite.Token{Type: t, Bytes: []byte(s)}
}

func newline() *hclwrite.Token { return token(hclsyntax.TokenNewline, "\n") }

// ident returns the tokens of an identifier.
func ident(name string) hclwrite.Tokens { return hclwrite.Tokens{token(hclsyntax.TokenIdent, name)} }

// ref returns the tokens of a reference built by this package: dot-separated names, the
// last of which may carry one ["key"] index (an instance of a for_each resource).
func ref(traversal string) hclwrite.Tokens {
	path, index, indexed := strings.Cut(traversal, "[")
	var toks hclwrite.Tokens
	for i, name := range strings.Split(path, ".") {
		if i > 0 {
			toks = append(toks, token(hclsyntax.TokenDot, "."))
		}
		if !hclsyntax.ValidIdentifier(name) {
			panic("render: invalid reference " + traversal)
		}
		toks = append(toks, token(hclsyntax.TokenIdent, name))
	}
	if indexed {
		key, ok := strings.CutSuffix(index, "]")
		if !ok || len(key) < 2 || key[0] != '"' || key[len(key)-1] != '"' {
			panic("render: invalid index in reference " + traversal)
		}
		toks = append(toks, token(hclsyntax.TokenOBrack, "["))
		toks = append(toks, str(key[1:len(key)-1])...)
		toks = append(toks, token(hclsyntax.TokenCBrack, "]"))
	}
	return toks
}

// str returns the tokens of a quoted string literal.
func str(s string) hclwrite.Tokens {
	return hclwrite.Tokens{token(hclsyntax.TokenOQuote, `"`), token(hclsyntax.TokenQuotedLit, escape(s)), token(hclsyntax.TokenCQuote, `"`)}
}

// escape writes s as the inside of an HCL quoted string: quotes, backslashes and control
// characters are escaped, and "${" and "%{" are doubled so that they stay literal text (as
// hclwrite's own escaping does).
func escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '$', '%':
			b.WriteRune(r)
			if strings.HasPrefix(s[i+1:], "{") {
				b.WriteRune(r)
			}
		default:
			switch {
			case unicode.IsPrint(r):
				b.WriteRune(r)
			case r < 0x10000:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		}
	}
	return b.String()
}

// boolean and number return the tokens of literals.
func boolean(v bool) hclwrite.Tokens {
	if v {
		return ident("true")
	}
	return ident("false")
}

func number(n int) hclwrite.Tokens {
	return hclwrite.Tokens{token(hclsyntax.TokenNumberLit, fmt.Sprint(n))}
}

// expr returns the tokens of an Expr: a bare reference when it is exactly one, otherwise
// a quoted template with ${...} interpolations.
func expr(e policy.Expr) hclwrite.Tokens {
	if e.IsRef() {
		return ref(e.Parts()[0].Ref)
	}
	toks := hclwrite.Tokens{token(hclsyntax.TokenOQuote, `"`)}
	for _, p := range e.Parts() {
		if p.Ref == "" {
			toks = append(toks, token(hclsyntax.TokenQuotedLit, escape(p.Text)))
			continue
		}
		toks = append(toks, token(hclsyntax.TokenTemplateInterp, "${"))
		toks = append(toks, ref(p.Ref)...)
		toks = append(toks, token(hclsyntax.TokenTemplateSeqEnd, "}"))
	}
	return append(toks, token(hclsyntax.TokenCQuote, `"`))
}

// list returns a tuple with one element per line, the layout `terraform fmt` keeps and
// that makes a one-line change show as a one-line diff.
func list(elems []hclwrite.Tokens) hclwrite.Tokens {
	toks := hclwrite.Tokens{token(hclsyntax.TokenOBrack, "["), newline()}
	for _, e := range elems {
		toks = append(toks, e...)
		toks = append(toks, token(hclsyntax.TokenComma, ","), newline())
	}
	return append(toks, token(hclsyntax.TokenCBrack, "]"))
}

// object returns an object constructor with one attribute per line.
func object(attrs []hclwrite.ObjectAttrTokens) hclwrite.Tokens {
	toks := hclwrite.Tokens{token(hclsyntax.TokenOBrace, "{")}
	if len(attrs) > 0 {
		toks = append(toks, newline())
	}
	for _, a := range attrs {
		toks = append(toks, a.Name...)
		toks = append(toks, token(hclsyntax.TokenEqual, "="))
		toks = append(toks, a.Value...)
		toks = append(toks, newline())
	}
	return append(toks, token(hclsyntax.TokenCBrace, "}"))
}

// call returns a function call with the given arguments.
func call(name string, args ...hclwrite.Tokens) hclwrite.Tokens {
	toks := append(ident(name), token(hclsyntax.TokenOParen, "("))
	for i, a := range args {
		if i > 0 {
			toks = append(toks, token(hclsyntax.TokenComma, ","))
		}
		toks = append(toks, a...)
	}
	return append(toks, token(hclsyntax.TokenCParen, ")"))
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
		return ident(name)
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
	return call("jsonencode", object([]hclwrite.ObjectAttrTokens{
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
		attrs = append(attrs, attr("Principal", object([]hclwrite.ObjectAttrTokens{attr(p.Type, oneOrMany(exprs(p.IDs)))})))
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
			operators = append(operators, attr(g.Operator, object(keys)))
		}
		attrs = append(attrs, attr("Condition", object(operators)))
	}
	return object(attrs)
}

// tags returns the tokens of a tags map, keys sorted.
func tags(ts []model.Tag) hclwrite.Tokens {
	attrs := make([]hclwrite.ObjectAttrTokens, len(ts))
	for i, t := range ts {
		attrs[i] = attr(t.Key, str(t.Value))
	}
	return object(attrs)
}
