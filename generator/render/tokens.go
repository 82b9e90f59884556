package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/policy"
)

// The helpers below build HCL values; hcl.go lays them out.

func lit(text string) value { return value{text: text} }

// validIdentifier reports whether s is an ASCII HCL identifier: a letter or "_", then
// letters, digits, "_" and "-". HCL also accepts non-ASCII letters, by the Unicode
// version of the HCL build that reads the file; this package quotes those instead.
func validIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return s != ""
}

// refText returns the source of a reference built by this package: dot-separated names,
// the last of which may carry one ["key"] index (an instance of a for_each resource). It
// panics on anything else.
func refText(traversal string) string {
	path, index, indexed := strings.Cut(traversal, "[")
	for name := range strings.SplitSeq(path, ".") {
		if !validIdentifier(name) {
			panic("render: invalid reference " + traversal)
		}
	}
	if !indexed {
		return path
	}
	key, ok := strings.CutSuffix(index, "]")
	if !ok || len(key) < 2 || key[0] != '"' || key[len(key)-1] != '"' {
		panic("render: invalid index in reference " + traversal)
	}
	return path + `["` + escape(key[1:len(key)-1]) + `"]`
}

// ref returns a reference as a value.
func ref(traversal string) value { return lit(refText(traversal)) }

// str returns a quoted string literal.
func str(s string) value { return lit(quote(s)) }

func quote(s string) string { return `"` + escape(s) + `"` }

// escape writes s as the inside of an HCL quoted string: quotes, backslashes and control
// characters are escaped, and "${" and "%{" are doubled so that they stay literal text (as
// hclwrite's own escaping does).
func escape(s string) string {
	if !needsEscape(s) {
		return s
	}
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

// needsEscape reports whether escape would change s: whether it holds a character other
// than printable ASCII, or one of `"`, `\`, "${" and "%{".
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f || c == '"' || c == '\\':
			return true
		case (c == '$' || c == '%') && i+1 < len(s) && s[i+1] == '{':
			return true
		}
	}
	return false
}

// boolean and number return literals.
func boolean(v bool) value { return lit(strconv.FormatBool(v)) }

func number(n int) value { return lit(strconv.Itoa(n)) }

// expr returns an Expr: a bare reference when it is exactly one, otherwise a quoted
// template with ${...} interpolations.
func expr(e policy.Expr) value {
	if e.IsRef() {
		return ref(e.Parts()[0].Ref)
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, p := range e.Parts() {
		if p.Ref == "" {
			b.WriteString(escape(p.Text))
			continue
		}
		b.WriteString("${")
		b.WriteString(refText(p.Ref))
		b.WriteByte('}')
	}
	b.WriteByte('"')
	return lit(b.String())
}

// list returns a tuple with one element per line, the layout `terraform fmt` keeps and
// that makes a one-line change show as a one-line diff.
func list(elems []value) value { return value{kind: tupleValue, elems: elems} }

// object returns an object constructor with one attribute per line.
func object(attrs []attribute) value { return value{kind: objectValue, attrs: attrs} }

// call returns a function call with one argument that spans lines.
func call(name string, arg value) value { return value{kind: callValue, fn: name, arg: &arg} }

// oneOrMany writes a single value as itself and several as a list, as IAM documents do.
func oneOrMany(elems []value) value {
	if len(elems) == 1 {
		return elems[0]
	}
	return list(elems)
}

func exprs(es []policy.Expr) []value {
	out := make([]value, len(es))
	for i, e := range es {
		out[i] = expr(e)
	}
	return out
}

func strs(values []string) []value {
	out := make([]value, len(values))
	for i, v := range values {
		out[i] = str(v)
	}
	return out
}

// key returns an object key: bare when it is an identifier, quoted otherwise. Keywords are
// quoted too: `{ for = 1 }` would start a for expression and `{ null = 1 }` is no key.
func key(name string) string {
	switch name {
	case "for", "in", "if", "null", "true", "false":
		return quote(name)
	}
	if validIdentifier(name) && !strings.Contains(name, "-") { // a-b reads as subtraction
		return name
	}
	return quote(name)
}

func attr(name string, v value) attribute { return attribute{key: key(name), value: v} }

// document returns jsonencode({...}) of an IAM policy document, keys in IAM's conventional
// order. Terraform's jsonencode sorts keys again when it serialises; IAM does not care.
func document(d policy.Document) value {
	statements := make([]value, len(d.Statements))
	for i, s := range d.Statements {
		statements[i] = statement(s)
	}
	return call("jsonencode", object([]attribute{
		attr("Version", str(policy.Version)),
		attr("Statement", list(statements)),
	}))
}

func statement(s policy.Statement) value {
	attrs := make([]attribute, 0, 6)
	if s.Sid != "" {
		attrs = append(attrs, attr("Sid", str(s.Sid)))
	}
	attrs = append(attrs, attr("Effect", str(s.Effect)))
	if p := s.Principal; p != nil {
		attrs = append(attrs, attr("Principal", object([]attribute{attr(p.Type, oneOrMany(exprs(p.IDs)))})))
	}
	attrs = append(attrs, attr("Action", oneOrMany(strs(s.Actions))))
	if len(s.Resources) > 0 {
		attrs = append(attrs, attr("Resource", oneOrMany(exprs(s.Resources))))
	}
	if len(s.Conditions) > 0 {
		var operators []attribute
		for _, g := range policy.GroupConditions(s.Conditions) {
			keys := make([]attribute, 0, len(g.Conditions))
			for _, c := range g.Conditions {
				keys = append(keys, attr(c.Key, oneOrMany(strs(c.Values))))
			}
			operators = append(operators, attr(g.Operator, object(keys)))
		}
		attrs = append(attrs, attr("Condition", object(operators)))
	}
	return object(attrs)
}

// tags returns a tags map, keys sorted.
func tags(ts []model.Tag) value {
	attrs := make([]attribute, len(ts))
	for i, t := range ts {
		attrs[i] = attr(t.Key, str(t.Value))
	}
	return object(attrs)
}
