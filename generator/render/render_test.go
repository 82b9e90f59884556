package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// layoutSpecs are specs whose rendered files exercise the layout rules of hcl.go beyond
// the golden cases: keys that must be quoted, non-ASCII keys and values (aligned by
// grapheme clusters, as terraform fmt counts them), strings that need escaping, no
// internal repository (an empty object), and organisation-sized files.
var layoutSpecs = map[string]string{
	"unicode-and-escapes": `version: 1
domain:
  name: acme
  region: us-east-1
  tags: {"Größe": "zwölf", "\u1100\u1161\u11a8tag": "x", "Team": "a=b", "k:v": "1", "for": "keyword", "_u": "v"}
repositories:
  - {name: libs, format: npm, description: "Ünïcödé ${x} and \\ backslash"}
  - {name: proxy, format: npm, external_connection: "public:npmjs"}
github: {owner: acme, oidc_provider: existing}
policies:
  - {name: Read, read: [libs]}
roles:
  - name: ci
    description: "Reads \"quoted\" ${not} %{interp} \\"
    policies: [Read]
    tags: {"日本": "値", "ab": "c"}
    trust: [{repositories: [app], branches: [main], environments: ["prod:eu"]}]
`,
	"no-internal-repository": `version: 1
domain: {name: acme, region: us-east-1}
repositories:
  - {name: proxy, format: npm, external_connection: "public:npmjs"}
github: {owner: acme, oidc_provider: create}
policies:
  - {name: Read, read: [proxy]}
roles:
  - {name: ci, policies: [Read], trust: [{repositories: [app], branches: [main]}]}
`,
	"scale-100x100": string(specgen.Spec(100, 100)),
}

// TestRenderedLayoutIsCanonical: every file re-parses with hclsyntax and hclwrite.Format
// (terraform fmt's formatter) leaves it byte for byte unchanged.
func TestRenderedLayoutIsCanonical(t *testing.T) {
	for name, src := range layoutSpecs {
		files, ds := generator.Generate(name+".yaml", []byte(src))
		if files == nil {
			t.Fatalf("%s does not render: %v", name, ds)
		}
		for file, content := range files {
			if _, diags := hclsyntax.ParseConfig(content, file, hcl.InitialPos); diags.HasErrors() {
				t.Errorf("%s/%s does not parse: %v", name, file, diags)
			}
			if formatted := hclwrite.Format(content); !bytes.Equal(formatted, content) {
				t.Errorf("%s/%s changes under hclwrite.Format:\n--- rendered\n%s\n--- formatted\n%s", name, file, content, formatted)
			}
		}
	}
}

// TestNonASCIIKeysAreQuotedAndAligned: a non-ASCII tag key is written quoted, and the "="
// of its neighbours is aligned by grapheme clusters.
func TestNonASCIIKeysAreQuotedAndAligned(t *testing.T) {
	files, ds := generator.Generate("u.yaml", []byte(layoutSpecs["unicode-and-escapes"]))
	if files == nil {
		t.Fatal(ds)
	}
	main := string(files["main.tf"])
	for _, want := range []string{
		"    \"Größe\" = \"zwölf\"\n",
		"    \"\u1100\u1161\u11a8tag\"  = \"x\"\n", // one grapheme of three letters: one column
	} {
		if !strings.Contains(main, want) {
			t.Errorf("main.tf lacks %q:\n%s", want, main)
		}
	}
}
