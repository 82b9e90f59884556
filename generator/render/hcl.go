package render

import (
	"strings"

	"github.com/apparentlymart/go-textseg/v15/textseg"
)

// This file writes HCL directly, in the layout `terraform fmt` produces (the rules of
// hclwrite's format.go, for the constructs this package emits):
//
//   - each nesting level indents by two spaces;
//   - a line "key = value" whose value ends on the same line is an assignment line, and
//     the "=" of consecutive assignment lines is aligned one space after the longest key
//     (counting indentation, and characters as grapheme clusters); any other line (a
//     blank line, a block header, a line that opens or closes a bracket, a list element)
//     ends such a run;
//   - an empty object is "{}", an empty block body "{" and "}" on two lines.
//
// hclwrite built a token per word, formatted every top-level block in three passes and
// measured every key with a bufio.Scanner over grapheme clusters; at organisation scale
// that was most of the time and memory of gen. TestRenderedFilesAreCanonicalHCL and the
// render tests check that hclwrite.Format leaves every rendered file unchanged.

// value is an HCL expression: a one-line literal (text), or an object, a tuple or a call
// that spans lines.
type value struct {
	text  string      // for a one-line value: its source text
	attrs []attribute // object
	elems []value     // tuple
	fn    string      // call: fn(arg), arg an object or tuple
	arg   *value
	kind  valueKind
}

type valueKind uint8

const (
	literal valueKind = iota
	objectValue
	tupleValue
	callValue
)

// attribute is "key = value" in a body or an object; key is its source text.
type attribute struct {
	key   string
	value value
}

// block is a block with its labels (written quoted) and body.
type block struct {
	typeName string
	labels   []string
	body     *hclBody
}

// hclBody is the content of a block: attributes, nested blocks and blank lines, in order.
type hclBody struct {
	entries []entry
}

type entry struct {
	attr  *attribute
	block *block // when attr is nil; both nil is a blank line
}

// setAttr appends "name = v".
func (b *hclBody) setAttr(name string, v value) {
	b.entries = append(b.entries, entry{attr: &attribute{key: name, value: v}})
}

// newline appends a blank line.
func (b *hclBody) newline() { b.entries = append(b.entries, entry{}) }

// newBlock appends a nested block and returns its body.
func (b *hclBody) newBlock(typeName string, labels ...string) *hclBody {
	nb := &block{typeName: typeName, labels: labels, body: &hclBody{}}
	b.entries = append(b.entries, entry{block: nb})
	return nb.body
}

// writer writes lines, holding back a run of assignment lines until it ends so that
// their "=" can be aligned.
type writer struct {
	out []byte
	run []pending
}

// pending is an assignment line not yet written.
type pending struct {
	indent  int
	key     string
	columns int // indentation plus the key's width
	value   string
}

var spaces = strings.Repeat(" ", 256)

// pad appends n spaces.
func (w *writer) pad(n int) {
	for n > len(spaces) {
		w.out = append(w.out, spaces...)
		n -= len(spaces)
	}
	w.out = append(w.out, spaces[:n]...)
}

// assign queues "key = value" at the indentation level.
func (w *writer) assign(indent int, key, value string) {
	w.run = append(w.run, pending{indent, key, 2*indent + width(key), value})
}

// line writes a line that is not an assignment: the concatenation of parts. When that is
// empty the line is blank, without indentation.
func (w *writer) line(indent int, parts ...string) {
	w.flush()
	start := len(w.out)
	w.pad(2 * indent)
	text := len(w.out)
	for _, p := range parts {
		w.out = append(w.out, p...)
	}
	if len(w.out) == text {
		w.out = w.out[:start]
	}
	w.out = append(w.out, '\n')
}

// flush writes the queued assignment lines, aligned.
func (w *writer) flush() {
	most := 0
	for _, p := range w.run {
		most = max(most, p.columns)
	}
	for _, p := range w.run {
		w.pad(2 * p.indent)
		w.out = append(w.out, p.key...)
		w.pad(most - p.columns + 1)
		w.out = append(w.out, "= "...)
		w.out = append(w.out, p.value...)
		w.out = append(w.out, '\n')
	}
	w.run = w.run[:0]
}

// width is the number of columns terraform fmt counts for a key: one per grapheme
// cluster, the quotes of a quoted key counted on their own.
func width(key string) int {
	if isASCII(key) {
		return len(key)
	}
	if inner, ok := strings.CutPrefix(key, `"`); ok {
		if inner, ok := strings.CutSuffix(inner, `"`); ok {
			return 2 + graphemes(inner)
		}
	}
	return graphemes(key)
}

func graphemes(s string) int {
	data, n := []byte(s), 0
	for len(data) > 0 {
		advance, _, err := textseg.ScanGraphemeClusters(data, true)
		if err != nil || advance <= 0 {
			return n + len(data)
		}
		data = data[advance:]
		n++
	}
	return n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// attribute writes "key = v" at the indentation level, over several lines when v spans
// them.
func (w *writer) attribute(indent int, key string, v value) {
	if v.kind == literal || v.kind == objectValue && len(v.attrs) == 0 {
		w.assign(indent, key, v.oneLine())
		return
	}
	w.open(indent, key, " = ", v, "")
}

// open writes v, which spans lines, starting with key and prefix on the first line (key
// may be empty) and followed by suffix on the last.
func (w *writer) open(indent int, key, prefix string, v value, suffix string) {
	switch v.kind {
	case objectValue:
		if len(v.attrs) == 0 {
			w.line(indent, key, prefix, "{}", suffix)
			return
		}
		w.line(indent, key, prefix, "{")
		for _, a := range v.attrs {
			w.attribute(indent+1, a.key, a.value)
		}
		w.line(indent, "}", suffix)
	case tupleValue:
		w.line(indent, key, prefix, "[")
		for _, e := range v.elems {
			if e.kind == literal || e.kind == objectValue && len(e.attrs) == 0 {
				w.line(indent+1, e.oneLine(), ",")
			} else {
				w.open(indent+1, "", "", e, ",")
			}
		}
		w.line(indent, "]", suffix)
	case callValue:
		w.open(indent, key, prefix+v.fn+"(", *v.arg, ")"+suffix)
	default:
		w.line(indent, key, prefix, v.oneLine(), suffix)
	}
}

// oneLine returns the text of a literal or of an empty object.
func (v value) oneLine() string {
	if v.kind == objectValue {
		return "{}"
	}
	return v.text
}

// block writes a block and its body.
func (w *writer) block(indent int, b *block) {
	w.flush()
	w.pad(2 * indent)
	w.out = append(w.out, b.typeName...)
	for _, l := range b.labels {
		w.out = append(w.out, ` "`...)
		w.out = append(w.out, escape(l)...)
		w.out = append(w.out, '"')
	}
	w.out = append(w.out, " {\n"...)
	for _, e := range b.body.entries {
		switch {
		case e.attr != nil:
			w.attribute(indent+1, e.attr.key, e.attr.value)
		case e.block != nil:
			w.block(indent+1, e.block)
		default:
			w.line(indent + 1)
		}
	}
	w.line(indent, "}")
}
