package spec

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// wholeRoot parses src in one piece, as Parse did before parts, and returns the root of its
// only document, or nil when it is not exactly one document.
func wholeRoot(src []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil || len(doc.Content) != 1 {
		return nil
	}
	var extra yaml.Node
	if dec.Decode(&extra) == nil {
		return nil
	}
	return doc.Content[0]
}

// sameTree returns "" when a and b are the same tree in everything the spec reads (kind,
// style, tag, value, anchor, alias target, line, column; not comments), and where they
// first differ otherwise.
func sameTree(a, b *yaml.Node, at string) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return at + ": one tree is missing"
		}
		return ""
	case a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor:
		return fmt.Sprintf("%s: kind/style/tag/value/anchor %v/%v/%q/%q/%q, want %v/%v/%q/%q/%q", at, a.Kind, a.Style, a.Tag, a.Value, a.Anchor, b.Kind, b.Style, b.Tag, b.Value, b.Anchor)
	case a.Line != b.Line || a.Column != b.Column:
		return fmt.Sprintf("%s (%q): at %d:%d, want %d:%d", at, a.Value, a.Line, a.Column, b.Line, b.Column)
	case len(a.Content) != len(b.Content):
		return fmt.Sprintf("%s: %d children, want %d", at, len(a.Content), len(b.Content))
	case (a.Alias == nil) != (b.Alias == nil):
		return at + ": alias differs"
	case a.Alias != nil && (a.Alias.Line != b.Alias.Line || a.Alias.Column != b.Alias.Column):
		return at + ": alias target differs"
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkParts checks parseInParts on src against the whole parse, with every part size and
// core count, and reports whether parts were used at least once.
func checkParts(t *testing.T, name string, src []byte) (split bool) {
	t.Helper()
	defer func(old int) { partsMinSize = old }(partsMinSize)
	partsMinSize = 0
	whole := wholeRoot(src)
	for _, procs := range []int{2, 3, 5} {
		old := runtime.GOMAXPROCS(procs)
		got := parseInParts(src)
		runtime.GOMAXPROCS(old)
		if got == nil {
			continue
		}
		split = true
		if whole == nil {
			t.Errorf("%s (%d parts at most): parsed in parts, but the whole does not parse into one document", name, procs)
			continue
		}
		if d := sameTree(got, whole, "root"); d != "" {
			t.Errorf("%s (%d parts at most): the tree parsed in parts differs from the whole's: %s", name, procs, d)
		}
	}
	return split
}

// TestPartsParseLikeTheWhole parses every spec of the repository (the examples, the golden
// cases, the hostile corpus) and specs made to be cut at awkward places in parts, and
// checks that the tree is the whole parse's whenever parts are used at all; the hostile
// corpus's broken files must fall back to the whole parse.
func TestPartsParseLikeTheWhole(t *testing.T) {
	var files []string
	for _, glob := range []string{"../../specs/*.yaml", "../../testdata/cases/*/spec.yaml", "../../testdata/hostile/*.yaml"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 100 {
		t.Fatalf("found %d spec files; the globs are wrong", len(files))
	}
	splits := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkParts(t, f, src) {
			splits++
		}
	}
	if splits < len(files)/2 {
		t.Errorf("only %d of %d files were parsed in parts; the test checks little", splits, len(files))
	}
	awkward := map[string]string{
		"empty values before the cut":          "version: 1\ndomain:\nrepositories:\n  - name: a\n    upstreams:\npolicies:\nroles:\n",
		"blank lines and comments":             "version: 1\n\n# c\n\ndomain:\n  name: x\n   \n# c2\n\nrepositories: []\n# end\n",
		"empty list item at the cut":           "a:\n  -\n  - \nb:\n  - x\n  -\nc: 1\n",
		"indentless sequences":                 "a:\n- 1\n- 2\nb:\n- x\nc:\n-\nd: 4\n",
		"block scalar ending at the cut":       "a: |\n  one\n  two\n\nb: >-\n  three\n\n\nc: |+\n  keep\n\nd: 1\n",
		"quoted scalar across a key":           "a: \"one\ntwo: three\"\nb: 'x\nc: y'\nd: 1\n",
		"flow across a key":                    "a: [1,\nb: 2]\nc: {x: 1,\nd: 2}\ne: 3\n",
		"anchor in one part, alias in another": "a: &x 1\nb: 2\nc: *x\nd: 4\n",
		"anchor and alias in one part":         "a: 1\nb: &y 2\nc: *y\n",
		"document markers":                     "a: 1\n---\nb: 2\n",
		"document end":                         "a: 1\n...\nb: 2\n",
		"directive":                            "%YAML 1.1\n---\na: 1\nb: 2\n",
		"carriage returns":                     "a: 1\r\nb: 2\r\nc: 3\r\n",
		"indented root":                        "  a: 1\n  b: 2\nc: 3\nd: 4\n",
		"root is a list":                       "- a\n- b\nc: 1\nd: 2\n",
		"flow root":                            "{a: 1,\nb: 2}\n",
		"tab after a key":                      "a: 1\nb:\t2\nc: 3\n",
		"tab indentation":                      "a: 1\nb:\n\tc: 2\nd: 3\n",
		"duplicate keys":                       "a: 1\nb: 2\na: 3\nb: 4\n",
		"no final line break":                  "a: 1\nb: 2\nc: 3",
		"byte order mark":                      "\ufeffa: 1\nb: 2\nc: 3\n",
		"merge keys":                           "a: &m {x: 1}\nb:\n  <<: *m\nc: 1\n",
		"tagged values":                        "a: !!str 1\nb: !custom 2\nc: !!binary aGk=\n",
		"plain scalar continued":               "a: one\n two\nb: three\n  four\nc: 5\n",
		"keys that look like others":           "a1: 1\n_b: 2\nc-d: 3\n\"e\": 4\n'f': 5\n? g\n: 6\nh : 7\ni:8\nj: 9\n",
		"explicit document start":              "--- \na: 1\nb: 2\n",
		"comment right after a key":            "a: 1 # one\nb: # two\n  c: 3\nd: 4 # four\n",
	}
	for name, src := range awkward {
		checkParts(t, name, []byte(src))
	}
}

// TestPartsAreUsedOnLargeSpecs checks that a large spec of the usual layout is parsed in
// parts, so that the benchmarks measure the path they are meant to.
func TestPartsAreUsedOnLargeSpecs(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\ndomain: {name: d, region: eu-west-1}\nrepositories:\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "  - {name: r%d, format: npm}\n", i)
	}
	b.WriteString("roles:\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "  - name: role%d\n    trust:\n      - {repositories: [app], branches: [main]}\n", i)
	}
	src := []byte(b.String())
	if len(src) < partsMinSize {
		t.Fatalf("the spec is %d bytes, below partsMinSize", len(src))
	}
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	got := parseInParts(src)
	if got == nil {
		t.Fatal("a large spec of top-level keys was not parsed in parts")
	}
	if d := sameTree(got, wholeRoot(src), "root"); d != "" {
		t.Fatal(d)
	}
}

// FuzzPartsParseLikeTheWhole checks on arbitrary text that parsing in parts, whenever it
// is used, gives the tree of the whole parse. Run it with
// go test ./generator/spec -run '^$' -fuzz FuzzPartsParseLikeTheWhole -fuzztime 2m.
func FuzzPartsParseLikeTheWhole(f *testing.F) {
	for _, s := range []string{"a: 1\nb: 2\n", "a:\nb:\n", "a: \"x\nb: y\"\nc: 1\n", "a: &x 1\nb: *x\n", "a: |\n  x\nb: 1\n", "a:\n- 1\nb: [1,\n2]\nc: 3\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkParts(t, "fuzz input", src)
	})
}

// TestParallelParseMatchesSerial parses every spec of the repository, and large specs
// with errors in every top-level section, twice: in parts with the top-level values
// decoded at once (as a spec of partsMinSize bytes or more is), and in one piece one value
// after another. The files and the diagnostics must be equal.
func TestParallelParseMatchesSerial(t *testing.T) {
	var files []string
	for _, glob := range []string{"../../specs/*.yaml", "../../testdata/cases/*/spec.yaml", "../../testdata/hostile/*.yaml"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	srcs := map[string][]byte{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = src
	}
	var b strings.Builder
	b.WriteString("version: 1\nbogus: 1\ndomain: {name: -bad-, region: nowhere, color: red}\nrepositories:\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "  - {name: r%d, format: npm, upstreams: [r%d], colour: blue, description: [x]}\n", i, i+1)
	}
	b.WriteString("policies:\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "  - name: p%d\n    read: r%d\n    publish: [{repository: r1, namespaces: 3}]\n    reed: [r1]\n", i, i)
	}
	b.WriteString("roles:\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "  - name: role%d\n    trust:\n      - {repositories: [app], branches: main, pull_requests: maybe}\n    trust: []\n", i)
	}
	b.WriteString("bogus: 2\n")
	srcs["errors in every section"] = []byte(b.String())
	old := runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0)))
	defer runtime.GOMAXPROCS(old)
	defer func(old int) { partsMinSize = old }(partsMinSize)
	for name, src := range srcs {
		partsMinSize = 1 << 62
		serialFile, serialDiags := Parse("spec.yaml", src)
		partsMinSize = 0
		parallelFile, parallelDiags := Parse("spec.yaml", src)
		if !reflect.DeepEqual(parallelFile, serialFile) {
			t.Errorf("%s: the file decoded in parallel differs from the serial one", name)
		}
		if !reflect.DeepEqual(parallelDiags, serialDiags) {
			t.Errorf("%s: %d diagnostics in parallel, %d serially, or in another order or wording", name, len(parallelDiags), len(serialDiags))
		}
		if name == "errors in every section" && len(serialDiags) < 5000 {
			t.Errorf("%s: only %d diagnostics; the spec was meant to have errors in every item", name, len(serialDiags))
		}
	}
}
