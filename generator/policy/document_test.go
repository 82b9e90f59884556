package policy

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode"
)

// TestWriteStringMatchesJSONMarshal checks the direct path of writeString against
// encoding/json for every byte on its own and inside text, and for multi-byte text.
func TestWriteStringMatchesJSONMarshal(t *testing.T) {
	inputs := []string{"", "repo:o/r:ref:refs/heads/main", "a<b>&c", "é", "\u2028", "\xff", "tab\there", `q"b\s`}
	for c := 0; c < 256; c++ {
		inputs = append(inputs, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"y")
	}
	for _, s := range inputs {
		var b bytes.Buffer
		writeString(&b, s)
		want, _ := json.Marshal(s)
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("writeString(%q) = %s, json.Marshal = %s", s, b.Bytes(), want)
		}
	}
}

// TestSizeCountsTheResolvedJSON checks that Size, which counts while encoding, counts
// exactly the characters of ResolvedJSON that are not white space (unicode.IsSpace), for
// documents whose strings hold spaces, tabs, line breaks, non-ASCII white space (NEL,
// no-break space, ideographic space), escaped characters and invalid UTF-8, in every
// position (Sid, principal, action, resource, condition key and values, reference values).
func TestSizeCountsTheResolvedJSON(t *testing.T) {
	texts := []string{"", "plain", "two words", "tab\there", "line\nbreak", "nel\u0085x", "nbsp\u00a0x",
		"ideo\u3000x", "é", "<&>", `q"b\s`, "\xff\xfe", "\u2028", " lead", "trail "}
	for c := 0; c < 256; c++ {
		texts = append(texts, string([]byte{byte(c)}))
	}
	for i, s := range texts {
		ref := texts[(i*7+3)%len(texts)]
		d := Document{Statements: []Statement{
			{Sid: s, Effect: "Allow", Principal: &Principal{Type: "Federated", IDs: []Expr{Concat(Part{Text: "arn:" + s}, Part{Ref: "local.x"})}},
				Actions: []string{"sts:AssumeRoleWithWebIdentity", s}, Resources: []Expr{Lit(s)},
				Conditions: []Condition{{Operator: "StringLike", Key: s, Values: []string{s}}, {Operator: "StringEquals", Key: "k", Values: []string{"a", s}}}},
			{Effect: "Deny", Actions: []string{s}, Resources: []Expr{Ref("local.y"), Lit("z")}},
		}}
		value := func(string) string { return ref }
		want := 0
		for _, r := range string(d.ResolvedJSON(value)) {
			if !unicode.IsSpace(r) {
				want++
			}
		}
		if got := d.Size(value); got != want {
			t.Errorf("text %q, reference value %q: Size = %d, the JSON has %d characters that are not white space", s, ref, got, want)
		}
	}
}
