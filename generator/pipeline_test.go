package generator

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

const exampleSpec = repoRoot + "/specs/ontopix.yaml"

func loadExample(t *testing.T) *model.Model {
	t.Helper()
	src, err := os.ReadFile(exampleSpec)
	if err != nil {
		t.Fatal(err)
	}
	l := Load("specs/ontopix.yaml", src)
	if l.Model == nil {
		t.Fatalf("example spec does not load:\n%v", l.Diagnostics)
	}
	return l.Model
}

// validSpecs returns the spec paths of the example and of every golden case without
// errors.
func validSpecs(t *testing.T) []string {
	t.Helper()
	var specs []string
	for _, c := range goldenCases(t) {
		if _, err := os.Stat(c.outDir); err == nil {
			specs = append(specs, c.specPath)
		}
	}
	return specs
}

// TestReorderedSpecRendersIdentically shuffles every list whose order carries no meaning
// (repositories, policies, roles, trust rules, and the items inside them, but not
// upstreams) and every mapping, of the example and every valid golden case, and expects
// byte-identical output.
func TestReorderedSpecRendersIdentically(t *testing.T) {
	for _, path := range validSpecs(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, ds := Generate(path, src)
		if want == nil {
			t.Fatal(ds)
		}
		for seed := range uint64(10) {
			shuffled := shuffleSpec(t, src, rand.New(rand.NewPCG(seed, 1)))
			got, ds := Generate(path, shuffled)
			if got == nil {
				t.Fatalf("%s, seed %d: shuffled spec does not render: %v\n%s", path, seed, ds, shuffled)
			}
			for name := range want {
				if !bytes.Equal(got[name], want[name]) {
					t.Fatalf("%s, seed %d: %s differs after reordering the spec:\n%s", path, seed, name,
						output.UnifiedDiff("original", "reordered", want[name], got[name]))
				}
			}
		}
	}
}

// shuffleSpec reorders mapping keys and sequences of the YAML document, except sequences
// under an "upstreams" key.
func shuffleSpec(t *testing.T, src []byte, r *rand.Rand) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		switch n.Kind {
		case yaml.DocumentNode:
			walk(n.Content[0], "")
		case yaml.MappingNode:
			pairs := len(n.Content) / 2
			r.Shuffle(pairs, func(i, j int) {
				n.Content[2*i], n.Content[2*j] = n.Content[2*j], n.Content[2*i]
				n.Content[2*i+1], n.Content[2*j+1] = n.Content[2*j+1], n.Content[2*i+1]
			})
			for i := 0; i < len(n.Content); i += 2 {
				walk(n.Content[i+1], n.Content[i].Value)
			}
		case yaml.SequenceNode:
			if key != "upstreams" {
				r.Shuffle(len(n.Content), func(i, j int) { n.Content[i], n.Content[j] = n.Content[j], n.Content[i] })
			}
			for _, c := range n.Content {
				walk(c, "")
			}
		}
	}
	walk(&doc, "")
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUpstreamOrderIsKept: upstream order is search priority, so swapping two upstreams
// must change the output.
func TestUpstreamOrderIsKept(t *testing.T) {
	spec := func(upstreams string) []byte {
		return []byte(`version: 1
domain: {name: acme, region: us-east-1}
repositories:
  - {name: app, format: npm, upstreams: ` + upstreams + `}
  - {name: one, format: npm}
  - {name: two, format: npm}
github: {owner: acme, oidc_provider: create}
`)
	}
	a, ds := Generate("a.yaml", spec("[one, two]"))
	b, _ := Generate("a.yaml", spec("[two, one]"))
	if a == nil || b == nil {
		t.Fatal(ds)
	}
	if bytes.Equal(a["main.tf"], b["main.tf"]) {
		t.Fatal("swapping upstreams did not change main.tf")
	}
}

// TestRenderedFilesAreCanonicalHCL: every file of every golden case re-parses with
// hclsyntax and is unchanged by hclwrite.Format.
func TestRenderedFilesAreCanonicalHCL(t *testing.T) {
	checked := 0
	for _, c := range goldenCases(t) {
		src, err := os.ReadFile(c.specPath)
		if err != nil {
			t.Fatal(err)
		}
		files, _ := Generate(c.label, src)
		for name, content := range files {
			if _, diags := hclsyntax.ParseConfig(content, name, hcl.InitialPos); diags.HasErrors() {
				t.Errorf("%s/%s does not parse: %v", c.name, name, diags)
			}
			if formatted := hclwrite.Format(content); !bytes.Equal(formatted, content) {
				t.Errorf("%s/%s changes under hclwrite.Format:\n%s", c.name, name, output.UnifiedDiff("rendered", "formatted", content, formatted))
			}
			if !output.IsGenerated(content) {
				t.Errorf("%s/%s lacks the generated-file header", c.name, name)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no rendered file was checked")
	}
}

// TestExampleTrustPolicies evaluates the trust policies the example spec renders, with
// IAM's rules, against concrete token subjects.
func TestExampleTrustPolicies(t *testing.T) {
	m := loadExample(t)
	roles := map[string]*model.Role{}
	for _, r := range m.Roles {
		roles[r.Name] = r
	}
	const (
		read       = "GitHubActions-CodeArtifact-ReadRole"
		publish    = "GitHubActions-CodeArtifact-PublishRole"
		sensitive  = "GitHubActions-CodeArtifact-SensitiveRepo"
		production = "GitHubActions-CodeArtifact-ProductionRelease"
	)
	tests := []struct {
		role, sub string
		aud       string // default sts.amazonaws.com
		allowed   bool
	}{
		{read, "repo:ontopix/any:ref:refs/heads/main", "", true},
		{read, "repo:ontopix/app:pull_request", "", true},
		{read, "repo:ontopix/app:environment:staging", "", true},
		{read, "repo:ontopix-evil/x:ref:refs/heads/main", "", false},
		{read, "repo:Ontopix/app:ref:refs/heads/main", "", false}, // IAM compares case-sensitively
		{read, "repo:ontopix/any:ref:refs/heads/main", "https://github.com/ontopix", false},
		{publish, "repo:ontopix/lib:ref:refs/tags/v1.2.0", "", true},
		{publish, "repo:ontopix/lib:ref:refs/heads/main", "", false},
		{publish, "repo:ontopix/lib:ref:refs/heads/v1", "", false},
		{publish, "repo:ontopix/lib:pull_request", "", false},
		{publish, "repo:ontopix-evil/lib:ref:refs/tags/v1.2.0", "", false},
		{publish, "repo:ontopix/lib:environment:production", "", false}, // a release job with an environment
		{sensitive, "repo:ontopix/sensitive-repo:ref:refs/tags/v2.0.0", "", true},
		{sensitive, "repo:ontopix/other-repo:ref:refs/tags/v2.0.0", "", false},
		{sensitive, "repo:ontopix/sensitive-repo-fork:ref:refs/tags/v2.0.0", "", false},
		{sensitive, "repo:ontopix/sensitive-repo:ref:refs/heads/main", "", false},
		{production, "repo:ontopix/lib:environment:production", "", true},
		{production, "repo:ontopix/lib:environment:staging", "", false},
		{production, "repo:ontopix/lib:ref:refs/tags/v1.0.0", "", false},
	}
	for _, tt := range tests {
		role := roles[tt.role]
		if role == nil {
			t.Fatalf("role %s is not in the example", tt.role)
		}
		p, err := trust.ParsePolicy(role.Trust.JSON())
		if err != nil {
			t.Fatalf("%s: rendered trust policy does not parse: %v", tt.role, err)
		}
		aud := tt.aud
		if aud == "" {
			aud = "sts.amazonaws.com"
		}
		d := p.Evaluate(trust.Request{
			Action:    "sts:AssumeRoleWithWebIdentity",
			Principal: map[string]string{"Federated": model.OIDCProviderPlaceholder},
			Context: map[string][]string{
				"token.actions.githubusercontent.com:sub": {tt.sub},
				"token.actions.githubusercontent.com:aud": {aud},
			},
		})
		if d.Allowed != tt.allowed {
			t.Errorf("%s with sub %s (aud %s): allowed = %v, want %v\n%s", tt.role, tt.sub, aud, d.Allowed, tt.allowed, d)
		}
	}
}

// TestSpecWithErrorsRendersNothing: Generate returns no files when any diagnostic is an
// error, even if most of the spec is fine.
func TestSpecWithErrorsRendersNothing(t *testing.T) {
	src, _ := os.ReadFile(exampleSpec)
	broken := append(bytes.Clone(src), []byte("\nretention: 30\n")...)
	files, ds := Generate("specs/ontopix.yaml", broken)
	if files != nil || !ds.HasErrors() {
		t.Fatalf("files = %d, errors = %v; want no files and an error", len(files), ds.HasErrors())
	}
}

// TestDeterminismAcrossSchedulers renders the example 100 times and every other valid golden
// case 10 times, concurrently, under GOMAXPROCS 1, 2 and 8: every render is byte-identical.
func TestDeterminismAcrossSchedulers(t *testing.T) {
	for _, path := range validSpecs(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Generate(path, src)
		if want == nil {
			continue
		}
		for _, procs := range []int{1, 2, 8} {
			old := runtime.GOMAXPROCS(procs)
			var wg sync.WaitGroup
			renders := 10
			if path == exampleSpec {
				renders = 100
			}
			results := make([]map[string][]byte, renders)
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i], _ = Generate(path, src)
				}()
			}
			wg.Wait()
			runtime.GOMAXPROCS(old)
			for i, got := range results {
				if !maps.EqualFunc(got, want, bytes.Equal) {
					t.Fatalf("%s: render %d under GOMAXPROCS=%d differs from the first", path, i, procs)
				}
			}
		}
	}
}
