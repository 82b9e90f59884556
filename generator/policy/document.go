package policy

import (
	"bytes"
	"encoding/json"
	"unicode"
	"unicode/utf8"
)

// Version is the IAM policy language version of every document.
const Version = "2012-10-17"

// Document is an IAM policy document.
type Document struct {
	Statements []Statement
}

// Statement is one IAM policy statement. Actions, Resources and the values of each
// Condition are written as a single string when there is one, and as a list otherwise.
type Statement struct {
	Sid    string
	Effect string // "Allow" or "Deny"
	// Principal is set in trust and resource policies, for example
	// {Type: "Federated", IDs: ...}; identity policies have none.
	Principal  *Principal
	Actions    []string
	Resources  []Expr
	Conditions []Condition
}

// Principal is the principal of a trust or resource policy statement: one type and one or
// more identifiers, written as a single string when there is one.
type Principal struct {
	Type string // "Federated", "AWS", "Service"
	IDs  []Expr
}

// Condition is one operator applied to one key: IAM ORs its values. Several Conditions of a
// statement are ANDed; keep one Condition per operator and key.
type Condition struct {
	Operator string
	Key      string
	Values   []string
}

// JSON returns the document as compact JSON with references written as ${ref}
// placeholders. Keys keep IAM's conventional order (Version, Statement; Sid, Effect,
// Principal, Action, Resource, Condition), and condition operators appear in the order of
// the statement's Conditions. The output is deterministic.
func (d Document) JSON() []byte {
	return d.encode(Expr.Placeholder)
}

// ResolvedJSON is JSON with every reference replaced by value(ref).
func (d Document) ResolvedJSON(value func(ref string) string) []byte {
	return d.encode(func(e Expr) string { return e.Resolve(value) })
}

// Size returns the number of characters IAM counts against its policy size quotas: the
// JSON with references replaced by value(ref), not counting whitespace (IAM quotas: "IAM
// doesn't count white space when calculating the size of a policy").
//
// It counts the characters as the JSON is written, without keeping the JSON: the same
// encoder as ResolvedJSON writes into a counter instead of a buffer.
func (d Document) Size(value func(ref string) string) int {
	var c nonSpaceCounter
	d.encodeTo(&c, func(e Expr) string { return e.Resolve(value) })
	return c.n
}

func (d Document) encode(text func(Expr) string) []byte {
	var b bytes.Buffer
	b.Grow(64 + 512*len(d.Statements)) // a typical statement encodes to 300-500 bytes
	d.encodeTo(&b, text)
	return b.Bytes()
}

// sink is what the encoder writes to: a bytes.Buffer, or a nonSpaceCounter.
type sink interface {
	WriteByte(c byte) error
	WriteString(s string) (int, error)
	Write(p []byte) (int, error)
}

// nonSpaceCounter counts the characters written to it that unicode.IsSpace does not call
// white space, as Size did over the whole JSON. Every write is whole UTF-8 (the encoder
// writes ASCII punctuation, ASCII strings, or json.Marshal's output), so counting write by
// write counts the same characters as counting the concatenation.
type nonSpaceCounter struct{ n int }

func (c *nonSpaceCounter) WriteByte(b byte) error {
	if b >= utf8.RuneSelf || !asciiSpace[b] { // a lone byte above ASCII reads as utf8.RuneError
		c.n++
	}
	return nil
}

func (c *nonSpaceCounter) WriteString(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if !unicode.IsSpace(r) {
					c.n++
				}
			}
			return len(s), nil
		} else if !asciiSpace[b] {
			c.n++
		}
	}
	return len(s), nil
}

func (c *nonSpaceCounter) Write(p []byte) (int, error) { return c.WriteString(string(p)) }

// asciiSpace holds the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func (d Document) encodeTo(b sink, text func(Expr) string) {
	b.WriteString(`{"Version":`)
	writeString(b, Version)
	b.WriteString(`,"Statement":[`)
	for i, s := range d.Statements {
		if i > 0 {
			b.WriteByte(',')
		}
		s.encode(b, text)
	}
	b.WriteString("]}")
}

func (s Statement) encode(b sink, text func(Expr) string) {
	b.WriteByte('{')
	if s.Sid != "" {
		b.WriteString(`"Sid":`)
		writeString(b, s.Sid)
		b.WriteByte(',')
	}
	b.WriteString(`"Effect":`)
	writeString(b, s.Effect)
	if s.Principal != nil {
		b.WriteString(`,"Principal":{`)
		writeString(b, s.Principal.Type)
		b.WriteByte(':')
		writeOneOrMany(b, texts(s.Principal.IDs, text))
		b.WriteByte('}')
	}
	b.WriteString(`,"Action":`)
	writeOneOrMany(b, s.Actions)
	if len(s.Resources) > 0 {
		b.WriteString(`,"Resource":`)
		writeOneOrMany(b, texts(s.Resources, text))
	}
	if len(s.Conditions) > 0 {
		b.WriteString(`,"Condition":{`)
		for i, group := range GroupConditions(s.Conditions) {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, group.Operator)
			b.WriteString(":{")
			for j, c := range group.Conditions {
				if j > 0 {
					b.WriteByte(',')
				}
				writeString(b, c.Key)
				b.WriteByte(':')
				writeOneOrMany(b, c.Values)
			}
			b.WriteByte('}')
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

func texts(es []Expr, text func(Expr) string) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = text(e)
	}
	return out
}

// OperatorGroup is the Conditions of one operator, in the order they were given.
type OperatorGroup struct {
	Operator   string
	Conditions []Condition
}

// GroupConditions groups conditions by operator, keeping the order in which each operator
// first appears: the shape of an IAM Condition block, { operator: { key: values } }.
func GroupConditions(cs []Condition) []OperatorGroup {
	var groups []OperatorGroup
	for _, c := range cs {
		i := 0
		for i < len(groups) && groups[i].Operator != c.Operator {
			i++
		}
		if i == len(groups) {
			groups = append(groups, OperatorGroup{Operator: c.Operator})
		}
		groups[i].Conditions = append(groups[i].Conditions, c)
	}
	return groups
}

func writeOneOrMany(b sink, values []string) {
	if len(values) == 1 {
		writeString(b, values[0])
		return
	}
	b.WriteByte('[')
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, v)
	}
	b.WriteByte(']')
}

// writeString writes s as a JSON string the way Terraform's jsonencode does (Go's
// encoding/json with HTML escaping of <, > and &), so that sizes match what is sent to IAM.
func writeString(b sink, s string) {
	if plainASCII(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	out, _ := json.Marshal(s) // cannot fail for a string
	b.Write(out)
}

// plainASCII reports whether json.Marshal writes s unchanged between quotes: printable
// ASCII without the characters it escapes (quote, backslash, and <, >, & which it writes
// as \u003c, \u003e, \u0026). Nearly every string in a policy is; encoding them directly
// saves an allocation per string.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}
