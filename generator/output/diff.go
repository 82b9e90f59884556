package output

import (
	"fmt"
	"strings"
)

// UnifiedDiff returns a unified diff (3 lines of context) that turns old into new, with
// the given file labels, or "" when they are equal. Files are compared by lines; a
// missing trailing newline is not marked.
func UnifiedDiff(oldLabel, newLabel string, old, new []byte) string {
	if string(old) == string(new) {
		return ""
	}
	a, b := splitLines(string(old)), splitLines(string(new))
	ops := diffLines(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldLabel, newLabel)
	const context = 3
	var changed []int
	for i, o := range ops {
		if o.kind != ' ' {
			changed = append(changed, i)
		}
	}
	// Changes at most 2*context unchanged lines apart share a hunk.
	for first := 0; first < len(changed); {
		last := first
		for last+1 < len(changed) && changed[last+1]-changed[last] <= 2*context+1 {
			last++
		}
		writeHunk(&out, ops[max(0, changed[first]-context):min(len(ops), changed[last]+context+1)])
		first = last + 1
	}
	return out.String()
}

type op struct {
	kind         byte // ' ', '-', '+'
	text         string
	aLine, bLine int // 1-based line numbers before the op in a and b
}

func writeHunk(out *strings.Builder, ops []op) {
	var aCount, bCount int
	for _, o := range ops {
		if o.kind != '+' {
			aCount++
		}
		if o.kind != '-' {
			bCount++
		}
	}
	aStart, bStart := ops[0].aLine, ops[0].bLine
	if aCount == 0 {
		aStart--
	}
	if bCount == 0 {
		bStart--
	}
	fmt.Fprintf(out, "@@ -%d,%d +%d,%d @@\n", aStart, aCount, bStart, bCount)
	for _, o := range ops {
		out.WriteByte(o.kind)
		out.WriteString(o.text)
		out.WriteByte('\n')
	}
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// maxCells bounds the longest-common-subsequence table; beyond it the differing middle of
// the two files is shown as removed and re-added, which is correct if not minimal.
const maxCells = 16 << 20

// diffLines returns the edit script from a to b: the common prefix and suffix are matched
// directly, the middle by a longest common subsequence.
func diffLines(a, b []string) []op {
	prefix := 0
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	suffix := 0
	for suffix < len(a)-prefix && suffix < len(b)-prefix && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	am, bm := a[prefix:len(a)-suffix], b[prefix:len(b)-suffix]

	var kinds []byte
	for range prefix {
		kinds = append(kinds, ' ')
	}
	kinds = append(kinds, middle(am, bm)...)
	for range suffix {
		kinds = append(kinds, ' ')
	}

	ops := make([]op, 0, len(kinds))
	i, j := 0, 0
	for _, k := range kinds {
		o := op{kind: k, aLine: i + 1, bLine: j + 1}
		switch k {
		case ' ':
			o.text = a[i]
			i++
			j++
		case '-':
			o.text = a[i]
			i++
		case '+':
			o.text = b[j]
			j++
		}
		ops = append(ops, o)
	}
	return ops
}

func middle(a, b []string) []byte {
	if len(a)*len(b) > maxCells {
		kinds := make([]byte, 0, len(a)+len(b))
		for range a {
			kinds = append(kinds, '-')
		}
		for range b {
			kinds = append(kinds, '+')
		}
		return kinds
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var kinds []byte
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			kinds = append(kinds, ' ')
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			kinds = append(kinds, '-')
			i++
		default:
			kinds = append(kinds, '+')
			j++
		}
	}
	return kinds
}
