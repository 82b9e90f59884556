package printable

import (
	"slices"
	"strings"
	"testing"
)

func TestHidden(t *testing.T) {
	hidden := []rune{0, '\t', '\n', '\r', 0x1b, 0x7f, 0x85, 0x9b, 0xad, 0x200b, 0x200d, 0x200e, 0x202e, 0x2066, 0x2069, 0x2028, 0x2029, 0xfeff, 0xe0041, 0x3164, 0xfe0f}
	for _, r := range hidden {
		if !Hidden(r) {
			t.Errorf("Hidden(%U) = false", r)
		}
	}
	shown := []rune{' ', 'a', 'é', 'а', '<', '`', 0xa0, 0x3000, 0x4e2d, 0x1f600, 0xfffd}
	for _, r := range shown {
		if Hidden(r) {
			t.Errorf("Hidden(%U) = true", r)
		}
	}
}

func TestLineAndText(t *testing.T) {
	cases := []struct{ in, line, text string }{
		{"plain", "plain", "plain"},
		{"a\nb", `a\u000Ab`, "a\nb"},
		{"\x1b[2Kx\r", `\u001B[2Kx\u000D`, `\u001B[2Kx\u000D`},
		{"ab\u202ecd", `ab\u202Ecd`, `ab\u202Ecd`},
		{"tag\U000E0041", `tag\U000E0041`, `tag\U000E0041`},
		{"\x1b]8;;https://evil\x07x", `\u001B]8;;https://evil\u0007x`, `\u001B]8;;https://evil\u0007x`},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.line {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
		}
		if _, found := First(Line(c.in)); found {
			t.Errorf("Line(%q) still holds a hidden character", c.in)
		}
	}
}

func TestBlock(t *testing.T) {
	if got, want := Block("a\tb\n\x1b[2Kc\r\n"), "a\tb\n\\u001B[2Kc\\u000D\n"; got != want {
		t.Errorf("Block = %q, want %q", got, want)
	}
}

func TestDescribe(t *testing.T) {
	for r, want := range map[rune]string{'\n': "the line break U+000A", 0x2028: "the line break U+2028", 0x1b: "the control character U+001B",
		0x202e: "the bidirectional control U+202E", 0x200b: "the invisible character U+200B"} {
		if got := Describe(r); got != want {
			t.Errorf("Describe(%U) = %q, want %q", r, got, want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	cases := map[string]string{
		"x<details>":         `x&lt;details&gt;`,
		"x<!--":              `x&lt;\!--`,
		"a|b":                `a\|b`,
		"*bold* _it_ ~s~":    `\*bold\* \_it\_ \~s\~`,
		"[x](https://e)":     `\[x\](https://e)`,
		"`code`":             "\\`code\\`",
		"a\n# heading":       `a\u000A\# heading`,
		"&amp;":              `&amp;amp;`,
		`back\slash`:         `back\\slash`,
		"plain words, v1.0.": "plain words, v1.0.",
	}
	for in, want := range cases {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCodeSpan(t *testing.T) {
	cases := map[string]string{
		"repo:acme/*":  "`repo:acme/*`",
		"a`b":          "``a`b``",
		"`a":           "`` `a ``",
		"a``b`":        "``` a``b` ```",
		"":             "``",
		"x<details>\n": "`x<details>\\u000A`",
	}
	for in, want := range cases {
		if got := CodeSpan(in); got != want {
			t.Errorf("CodeSpan(%q) = %q, want %q", in, got, want)
		}
	}
	if got := TableCell(CodeSpan("a|b")); got != "`a\\|b`" {
		t.Errorf("TableCell = %q", got)
	}
}

func TestFence(t *testing.T) {
	if got := Fence([]string{"+ sub x", "- y"}); got != "```" {
		t.Errorf("Fence = %q", got)
	}
	if got := Fence([]string{"+ sub ```", "- ``````x"}); got != strings.Repeat("`", 7) {
		t.Errorf("Fence = %q", got)
	}
}

func TestRawHTML(t *testing.T) {
	doc := "<details><summary>" + Markdown("x<details> x<!-- <img src=x>") + "</summary></details> " + CodeSpan("<b>")
	got := RawHTML(doc, "<details", "<summary", "</summary", "</details")
	// A code span shows <b> as text; the check is deliberately stricter than Markdown.
	if !slices.Equal(got, []string{"<b"}) {
		t.Errorf("RawHTML = %q", got)
	}
	if got := RawHTML("a <details> b <!-- c"); !slices.Equal(got, []string{"<details", "<!--"}) {
		t.Errorf("RawHTML = %q", got)
	}
}
