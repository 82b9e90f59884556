package tofuverify_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/trust"
	"github.com/ontopix/codeartifact-gen/internal/tofuverify"
)

// generatedDir is a directory of generated Terraform and the spec it comes from.
type generatedDir struct {
	dir, spec, label string
}

// generatedDirs lists out/<name> for every specs/<name>.yaml and the expected/ directory of
// every golden case, relative to this package.
func generatedDirs(t *testing.T) []generatedDir {
	t.Helper()
	var dirs []generatedDir
	specs, _ := filepath.Glob("../../specs/*.yaml")
	for _, s := range specs {
		name := strings.TrimSuffix(filepath.Base(s), ".yaml")
		dirs = append(dirs, generatedDir{dir: "../../out/" + name, spec: s, label: "specs/" + name + ".yaml"})
	}
	cases, _ := filepath.Glob("../../testdata/cases/*/expected")
	for _, c := range cases {
		name := filepath.Base(filepath.Dir(c))
		dirs = append(dirs, generatedDir{dir: c, spec: filepath.Join(filepath.Dir(c), "spec.yaml"), label: "testdata/cases/" + name + "/spec.yaml"})
	}
	if len(dirs) < 10 {
		t.Fatalf("found only %d generated directories", len(dirs))
	}
	return dirs
}

// TestGeneratedDirectories runs OpenTofu's fmt -check, validate and offline plan on every
// generated directory, then checks the policies Terraform itself computed from our
// jsonencode: each is known at plan time, equals the document the generator's own checks
// evaluated, and, for trust policies, admits a token for each of its rules and refuses the
// same token from another owner.
func TestGeneratedDirectories(t *testing.T) {
	base := tofuverify.NewTestVerifier(t)
	for _, g := range generatedDirs(t) {
		t.Run(strings.TrimPrefix(g.dir, "../../"), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(g.spec)
			if err != nil {
				t.Fatal(err)
			}
			loaded := generator.Load(g.label, src)
			if loaded.Model == nil {
				t.Fatalf("spec does not load: %v", loaded.Diagnostics)
			}
			m := loaded.Model
			v := *base
			account := model.ExampleAccountID
			if m.Domain.Owner != "" {
				account = m.Domain.Owner // the domain's precondition requires it
				v.AccountID = account
			}
			res, err := v.Verify(context.Background(), g.dir)
			if err != nil {
				t.Fatal(err)
			}
			policies, err := res.Plan.Policies()
			if err != nil {
				t.Fatal(err)
			}
			// The offline provider reports partition aws wherever it runs.
			resolve := m.Resolver(account, "aws")
			checkDocuments(t, m, policies, resolve)
			for _, r := range m.Roles {
				checkTrust(t, m, r, policies["aws_iam_role."+r.Address], resolve)
			}
			if g.label == "specs/ontopix.yaml" {
				checkOntopix(t, m, policies, resolve)
			}
			checkPackageGroups(t, m, res.Plan)
		})
	}
}

// checkDocuments compares every policy of the plan with the model's document.
func checkDocuments(t *testing.T, m *model.Model, planned map[string]string, resolve func(string) string) {
	t.Helper()
	want := map[string]policy.Document{}
	for _, r := range m.Roles {
		want["aws_iam_role."+r.Address] = r.Trust
	}
	for _, p := range m.Policies {
		want["aws_iam_policy."+p.Address] = p.Document
	}
	if m.DomainPolicy != nil {
		want["aws_codeartifact_domain_permissions_policy."+m.Domain.Address] = *m.DomainPolicy
	}
	for _, p := range m.RepositoryPolicies {
		want["aws_codeartifact_repository_permissions_policy."+p.Repository.Address] = p.Document
	}
	if len(planned) != len(want) {
		t.Errorf("the plan has %d policy documents, the model %d", len(planned), len(want))
	}
	for addr, doc := range want {
		got, ok := planned[addr]
		if !ok {
			t.Errorf("%s: no policy in the plan", addr)
			continue
		}
		if !jsonEqual(t, []byte(got), doc.ResolvedJSON(resolve)) {
			t.Errorf("%s: Terraform computed\n%s\nbut the generator evaluated\n%s", addr, got, doc.ResolvedJSON(resolve))
		}
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("plan policy is not JSON: %v\n%s", err, a)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// checkTrust evaluates the planned trust policy: for each rule, a concrete token its
// patterns describe is admitted, and the same token of another owner is refused.
func checkTrust(t *testing.T, m *model.Model, r *model.Role, planned string, resolve func(string) string) {
	t.Helper()
	p, err := trust.ParsePolicy([]byte(planned))
	if err != nil {
		t.Fatalf("%s: planned trust policy does not parse: %v", r.Name, err)
	}
	provider := resolve(model.RefOIDCProviderARN)
	for _, rule := range r.Rules {
		claims := map[string]string{"aud": m.GitHub.Audience}
		for _, req := range rule.Require {
			claims[req.Claim] = trust.Example(req.Values[0])
		}
		for _, sub := range rule.Subjects {
			claims["sub"] = trust.Example(sub)
			if d := p.Evaluate(oidc.Token{Claims: claims}.Request(m.GitHub.Issuer, provider)); !d.Allowed {
				t.Errorf("%s refuses %s, a subject of its own rule:\n%s", r.Name, claims["sub"], d)
			}
			owner := "repo:" + m.GitHub.Owner.Name
			claims["sub"] = strings.Replace(trust.Example(sub), owner, owner+"-evil", 1)
			if d := p.Evaluate(oidc.Token{Claims: claims}.Request(m.GitHub.Issuer, provider)); d.Allowed {
				t.Errorf("%s admits %s, a subject of another owner:\n%s", r.Name, claims["sub"], d)
			}
		}
	}
}

// checkOntopix holds the example's promises, evaluated on what Terraform computed.
func checkOntopix(t *testing.T, m *model.Model, planned map[string]string, resolve func(string) string) {
	t.Helper()
	tests := []struct {
		role, sub string
		allowed   bool
	}{
		{"githubactions_codeartifact_readrole", "repo:ontopix/any:ref:refs/heads/main", true},
		{"githubactions_codeartifact_readrole", "repo:ontopix-evil/x:ref:refs/heads/main", false},
		{"githubactions_codeartifact_publishrole", "repo:ontopix/lib:ref:refs/tags/v1.2.0", true},
		{"githubactions_codeartifact_publishrole", "repo:ontopix/lib:ref:refs/heads/main", false},
		{"githubactions_codeartifact_publishrole", "repo:ontopix/lib:environment:production", false},
		{"githubactions_codeartifact_sensitiverepo", "repo:ontopix/sensitive-repo:ref:refs/tags/v1.0.0", true},
		{"githubactions_codeartifact_sensitiverepo", "repo:ontopix/other:ref:refs/tags/v1.0.0", false},
		{"githubactions_codeartifact_productionrelease", "repo:ontopix/lib:environment:production", true},
		{"githubactions_codeartifact_productionrelease", "repo:ontopix/lib:ref:refs/tags/v1.0.0", false},
	}
	for _, tt := range tests {
		doc, ok := planned["aws_iam_role."+tt.role]
		if !ok {
			t.Fatalf("no role %s in the plan", tt.role)
		}
		p, err := trust.ParsePolicy([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		tok := oidc.Token{Claims: map[string]string{"sub": tt.sub, "aud": "sts.amazonaws.com"}}
		if d := p.Evaluate(tok.Request(m.GitHub.Issuer, resolve(model.RefOIDCProviderARN))); d.Allowed != tt.allowed {
			t.Errorf("%s with %s: allowed = %v, want %v\n%s", tt.role, tt.sub, d.Allowed, tt.allowed, d)
		}
	}
}
