// Package policy models the IAM policy documents codeartifact-gen renders: statements whose
// values may hold Terraform references. The same Document becomes a jsonencode({...})
// expression in HCL (package render) and a JSON text with ${...} placeholders that the trust
// evaluator reads and the size checks count, so what is reported is what is shipped.
package policy

import "strings"

// Expr is a string value that may interpolate Terraform references, such as
// "arn:${local.partition}:codeartifact:...". The zero Expr is the empty string.
type Expr struct {
	parts []Part
}

// Part is a piece of an Expr: literal text, or a Terraform reference (a traversal such as
// local.partition or data.aws_caller_identity.current.account_id) when Ref is set.
type Part struct {
	Text string
	Ref  string
}

// Lit returns an Expr of literal text. Text that looks like interpolation ("${") stays
// literal: renderers must escape it.
func Lit(s string) Expr { return Expr{parts: []Part{{Text: s}}} }

// Ref returns an Expr that is exactly one Terraform reference.
func Ref(traversal string) Expr { return Expr{parts: []Part{{Ref: traversal}}} }

// Concat returns the Expr made of the given parts in order; adjacent literals are merged.
func Concat(parts ...Part) Expr {
	var e Expr
	for _, p := range parts {
		if p.Ref == "" && p.Text == "" {
			continue
		}
		if n := len(e.parts); n > 0 && p.Ref == "" && e.parts[n-1].Ref == "" {
			e.parts[n-1].Text += p.Text
			continue
		}
		e.parts = append(e.parts, p)
	}
	return e
}

// Parts returns the pieces of e in order. The caller must not modify the slice.
func (e Expr) Parts() []Part { return e.parts }

// IsRef reports whether e is exactly one reference and nothing else.
func (e Expr) IsRef() bool { return len(e.parts) == 1 && e.parts[0].Ref != "" }

// Placeholder returns e as text with every reference written ${ref}: the form the trust
// evaluator reads and the form Terraform's own syntax uses for interpolation.
func (e Expr) Placeholder() string {
	if len(e.parts) == 1 && e.parts[0].Ref == "" {
		return e.parts[0].Text
	}
	var b strings.Builder
	b.Grow(e.sizeHint())
	for _, p := range e.parts {
		if p.Ref != "" {
			b.WriteString("${" + p.Ref + "}")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// Resolve returns e as text with every reference replaced by value(ref).
func (e Expr) Resolve(value func(ref string) string) string {
	if len(e.parts) == 1 && e.parts[0].Ref != "" {
		return value(e.parts[0].Ref)
	}
	if len(e.parts) == 1 {
		return e.parts[0].Text
	}
	var b strings.Builder
	for _, p := range e.parts {
		if p.Ref != "" {
			b.WriteString(value(p.Ref))
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// sizeHint is the length of e written with placeholders: its literal parts, and each
// reference as ${ref}, so that Placeholder allocates once.
func (e Expr) sizeHint() int {
	n := 0
	for _, p := range e.parts {
		if p.Ref != "" {
			n += len(p.Ref) + 3
		} else {
			n += len(p.Text)
		}
	}
	return n
}
