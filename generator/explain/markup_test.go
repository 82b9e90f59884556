package explain_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/explain"
	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// markupSpec is a valid spec whose names and description are HTML, Markdown, Actions and
// template syntax.
const markupSpec = "../../testdata/hostile/markup-in-values-ok.yaml"

// TestMarkupValuesStayText renders explain's Markdown for a spec whose valid values are
// markup (a namespace x<details> or x<!--, backticks, pipes, links) and requires that no
// value opens HTML, a link or a code span: the only raw HTML is explain's own.
func TestMarkupValuesStayText(t *testing.T) {
	src, err := os.ReadFile(markupSpec)
	if err != nil {
		t.Fatal(err)
	}
	l := generator.Load("specs/markup.yaml", src)
	if l.Model == nil {
		t.Fatalf("the spec has errors: %v", l.Diagnostics)
	}
	var b bytes.Buffer
	if err := explain.WriteMarkdown(&b, explain.Build(l.Model, l.Lint.Findings)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if raw := printable.RawHTML(md, "<details", "<summary", "</summary", "<code", "</code", "</details", "<br"); len(raw) > 0 {
		t.Errorf("values reach the Markdown as raw HTML %q:\n%s", raw, md)
	}
	for _, want := range []string{`x&lt;details&gt;`, `x&lt;\!--`, "a\\`b\\|c", `\[x\](evil.example)`} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %s:\n%s", want, md)
		}
	}
	var text bytes.Buffer
	if err := explain.WriteText(&text, explain.Build(l.Model, l.Lint.Findings)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "x<details>") {
		t.Errorf("the text output changed a value that needs no escaping:\n%s", text.String())
	}
}
