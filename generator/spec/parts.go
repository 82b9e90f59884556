package spec

import (
	"bytes"
	"errors"
	"io"
	"runtime"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/par"
)

// partsMinSize is the smallest spec parsed in parts: below it the parse takes a
// millisecond or less and one goroutine does it. Tests lower it.
var partsMinSize = 64 << 10

// parseInParts parses src, a spec of at least partsMinSize bytes, on several cores, and
// returns the root mapping of its only document, or nil when it cannot tell that parsing in
// parts gives the tree the parser gives for the whole: then the caller parses the whole.
//
// A spec's top level is a block mapping whose keys start at column 1. The file is cut at
// the start of lines that begin with a plain top-level key ("roles:"), into parts of about
// equal size, and each part is parsed as a document of its own. Where the file is cut, the
// parser of the whole is in the state the parser of a part starts in (block context, the
// root mapping open, a key expected): a line at column 1 ends every plain or block scalar
// before it, and a cut inside a quoted scalar or a flow collection leaves the part before
// it unterminated, which fails to parse. So when every part parses into a block mapping at
// column 1, joining their keys in order (with each part's lines shifted by the lines
// before it) is the tree of the whole; nothing of the spec reads comments, the one thing
// that can attach differently at a cut.
//
// It gives up (nil) on anything else: a carriage return (lines would be counted
// differently), a document marker or directive at the start of a line, any part that does
// not parse or parses into something else (an alias of an anchor in another part, say);
// the whole parse then reports what is wrong exactly as before.
func parseInParts(src []byte) *yaml.Node {
	parts := runtime.GOMAXPROCS(0)
	if len(src) < partsMinSize || parts < 2 || bytes.IndexByte(src, '\r') >= 0 {
		return nil
	}
	cuts, ok := cutPoints(src, parts)
	if !ok || len(cuts) == 0 {
		return nil
	}
	bounds := append(append([]int{0}, cuts...), len(src))
	roots := make([]*yaml.Node, len(bounds)-1)
	jobs := make([]func(), len(roots))
	for i := range roots {
		jobs[i] = func() { roots[i] = parsePart(src[bounds[i]:bounds[i+1]]) }
	}
	par.Do(jobs...)
	for _, r := range roots {
		if r == nil {
			return nil
		}
	}
	root := roots[0]
	for i, r := range roots[1:] {
		shiftLines(r, bytes.Count(src[:bounds[i+1]], []byte("\n")))
		root.Content = append(root.Content, r.Content...)
	}
	return root
}

// cutPoints returns up to parts-1 byte offsets, increasing, each the start of a line that
// begins with a plain top-level key, chosen nearest to equal shares of src. ok is false
// when a line starts with a document marker (--- or ...) or a directive (%).
func cutPoints(src []byte, parts int) (cuts []int, ok bool) {
	var candidates []int
	for p := 0; p < len(src); {
		switch {
		case bytes.HasPrefix(src[p:], []byte("---")), bytes.HasPrefix(src[p:], []byte("...")), src[p] == '%':
			return nil, false
		case p > 0 && plainTopKey(src[p:]):
			candidates = append(candidates, p)
		}
		next := bytes.IndexByte(src[p:], '\n')
		if next < 0 {
			break
		}
		p += next + 1
	}
	last := 0
	for i := 1; i < parts; i++ {
		target := i * len(src) / parts
		best := -1
		for _, c := range candidates {
			if c > last && (best < 0 || abs(c-target) < abs(best-target)) {
				best = c
			}
		}
		if best < 0 {
			break
		}
		if len(cuts) == 0 || best > cuts[len(cuts)-1] {
			cuts = append(cuts, best)
			last = best
		}
	}
	return cuts, true
}

// plainTopKey reports whether line starts with a key of ASCII letters, digits and
// underscores (not a digit first) followed by ":" and a space, a line break or the end.
func plainTopKey(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == '_' || line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z' || i > 0 && line[i] >= '0' && line[i] <= '9') {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ':' {
		return false
	}
	return i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\n'
}

// parsePart parses one part and returns its root if it is exactly one document whose root
// is a block mapping at column 1, and nil otherwise.
func parsePart(part []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(part))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil || len(doc.Content) != 1 {
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 || root.Column != 1 || root.Anchor != "" || root.Tag != "!!map" {
		return nil
	}
	return root
}

// shiftLines adds lines to the line of n and of every node under it.
func shiftLines(n *yaml.Node, lines int) {
	n.Line += lines
	for _, c := range n.Content {
		shiftLines(c, lines)
	}
}
