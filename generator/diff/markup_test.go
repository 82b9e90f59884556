package diff_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// TestMarkupValuesStayText diffs an empty spec against one whose valid values are markup
// (a namespace x<details> or x<!--, backticks, pipes, links) and requires that the
// pull-request comment holds no raw HTML, and the text output no hidden character.
func TestMarkupValuesStayText(t *testing.T) {
	src, err := os.ReadFile("../../testdata/hostile/markup-in-values-ok.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l := generator.Load("specs/markup.yaml", src)
	if l.Model == nil {
		t.Fatalf("the spec has errors: %v", l.Diagnostics)
	}
	r := diff.Compare(nil, l.Model)
	var md bytes.Buffer
	if err := diff.WriteMarkdown(&md, diff.Reports{r}); err != nil {
		t.Fatal(err)
	}
	if raw := printable.RawHTML(md.String()); len(raw) > 0 {
		t.Errorf("values reach the pull-request comment as raw HTML %q:\n%s", raw, md.String())
	}
	if !strings.Contains(md.String(), "x&lt;details&gt;") {
		t.Errorf("the comment lacks the escaped namespace:\n%s", md.String())
	}
}
