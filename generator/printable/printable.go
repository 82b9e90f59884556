// Package printable is codeartifact-gen's one policy for text that reaches a terminal, a
// log, a generated file's comment or a pull-request comment.
//
// A character is hidden when a reader cannot see it where it is printed, or when it changes
// how the text around it is shown: control characters (C0, DEL, C1: terminal escape
// sequences, carriage returns that overwrite a line, line feeds that forge a new one),
// format characters (zero-width spaces and joiners, the byte order mark, soft hyphens,
// bidirectional embeddings, overrides and isolates, tag characters), the line and paragraph
// separators U+2028 and U+2029, and the blank fillers and variation selectors that render as
// nothing. Validation refuses hidden characters in every spec value (Hidden, First); where a
// value must still be printed (file paths, values read from another revision), the
// functions here write each hidden character visibly as \uXXXX (or \UXXXXXXXX).
//
// Markdown, CodeSpan, Fence and Line make a value safe for one output context; none of
// them changes text that has no hidden character and nothing the context would interpret.
package printable

import (
	"fmt"
	"strings"
	"unicode"
)

// Hidden reports whether r is a hidden character in the sense of the package comment.
func Hidden(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f: // printable ASCII, most of any text: no table lookup
		return false
	case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
		return true
	case r == 0x034F, // COMBINING GRAPHEME JOINER
		r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, // Hangul fillers
		r == 0x2800,                  // BRAILLE PATTERN BLANK
		r >= 0x180B && r <= 0x180F,   // Mongolian variation selectors
		r >= 0xFE00 && r <= 0xFE0F,   // variation selectors
		r >= 0xE0100 && r <= 0xE01EF, // variation selectors supplement
		r == 0xFFFC:                  // OBJECT REPLACEMENT CHARACTER
		return true
	}
	return false
}

// First returns the first hidden character of s and true, or 0 and false when s has none.
func First(s string) (rune, bool) {
	for _, r := range s {
		if Hidden(r) {
			return r, true
		}
	}
	return 0, false
}

// Describe names a hidden character for a message, for example "the control character
// U+001B" or "the bidirectional control U+202E".
func Describe(r rune) string {
	switch {
	case r == '\n' || r == '\r' || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) || r == 0x85:
		return fmt.Sprintf("the line break %U", r)
	case unicode.IsControl(r):
		return fmt.Sprintf("the control character %U", r)
	case unicode.Is(unicode.Bidi_Control, r):
		return fmt.Sprintf("the bidirectional control %U", r)
	}
	return fmt.Sprintf("the invisible character %U", r)
}

// Line returns s with every hidden character, line feeds included, written as \uXXXX: the
// result is one line that shows every character it holds. It returns s itself when s has
// no hidden character.
func Line(s string) string { return escape(s, Hidden) }

// Text is Line for text of several lines: line feeds are kept, every other hidden
// character is escaped.
func Text(s string) string {
	return escape(s, func(r rune) bool { return r != '\n' && Hidden(r) })
}

// Block is Text for a block of text that may be indented with tabs, such as a file or a
// diff of one: line feeds and tabs are kept, every other hidden character is escaped.
func Block(s string) string {
	return escape(s, func(r rune) bool { return r != '\n' && r != '\t' && Hidden(r) })
}

func escape(s string, hide func(rune) bool) string {
	if !strings.ContainsFunc(s, hide) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !hide(r):
			b.WriteRune(r)
		case r > 0xFFFF:
			fmt.Fprintf(&b, `\U%08X`, r)
		default:
			fmt.Fprintf(&b, `\u%04X`, r)
		}
	}
	return b.String()
}

// markdownEscaper escapes, outside code, what Markdown (CommonMark with GitHub's
// extensions) would read as markup: HTML tags, comments and entities (< > &), emphasis and
// strikethrough (* _ ~), code spans (`), links and images ([ ] !), table cells (|) and
// backslash escapes themselves.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "~", `\~`, "[", `\[`, "]", `\]`, "!", `\!`, "|", `\|`, "#", `\#`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
)

// Markdown returns s as one line of Markdown text that renders as exactly the characters
// of Line(s): no HTML (a value such as x<details> or x<!-- shows as written), no emphasis,
// link, code span or table cell break, and no line break that could start a new block.
// It is meant for text inside a paragraph, a list item, a heading or a table cell.
func Markdown(s string) string { return Line(markdownEscaper.Replace(s)) }

// CodeSpan returns s as a Markdown code span that shows Line(s) exactly: the backtick
// fence is longer than any run of backticks in s, and padded with a space where s starts
// or ends with a backtick (CommonMark strips one such space). Inside a table, pass the
// result through TableCell.
func CodeSpan(s string) string {
	s = Line(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// TableCell escapes the "|" that would end a GitHub table cell even inside a code span;
// GitHub removes the backslash when it renders the cell.
func TableCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Fence returns the opening (and closing) fence of a fenced Markdown code block that holds
// lines: three backticks, or one more than the longest run of backticks in any line, so that
// no line can close the block early. Pass each line through Line before writing it.
func Fence(lines []string) string {
	n := 2
	for _, l := range lines {
		n = max(n, longestRun(l, '`'))
	}
	return strings.Repeat("`", n+1)
}

func longestRun(s string, c rune) int {
	longest, run := 0, 0
	for _, r := range s {
		if r == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
