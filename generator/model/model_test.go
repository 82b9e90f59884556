package model_test

import (
	"reflect"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// TestRequirementsDoNotCollide: two rules whose requirements differ only in how the
// values split ("A|x" versus "A" and "x") get statements of their own.
func TestRequirementsDoNotCollide(t *testing.T) {
	src := `version: 1
domain: {name: acme, region: us-east-1}
repositories: [{name: npm, format: npm}]
github: {owner: acme, oidc_provider: create}
policies: [{name: Read, read: [npm]}]
roles:
  - name: r
    policies: [Read]
    trust:
      - {repositories: [a], branches: [main], require: {job_workflow_ref: ["A|x"]}}
      - {repositories: [b], branches: [main], require: {job_workflow_ref: [A, x]}}
`
	l := generator.Load("t.yaml", []byte(src))
	if l.Model == nil {
		t.Fatal(l.Diagnostics)
	}
	if n := len(l.Model.Roles[0].Trust.Statements); n != 2 {
		t.Fatalf("%d statements, want 2:\n%s", n, l.Model.Roles[0].Trust.JSON())
	}
}

// TestBuildDoesNotChangeItsInput: building the model leaves the parsed spec as it was (it
// once wrote each rule's operator back), and the model carries what later stages read
// from it: positions, silences, the parsed trust policy.
func TestBuildDoesNotChangeItsInput(t *testing.T) {
	src := []byte(`version: 1
domain: {name: acme, region: us-east-1}
repositories: [{name: npm, format: npm}, {name: npm-store, format: npm, external_connection: public:npmjs}]
github: {owner: acme, oidc_provider: create}
policies: [{name: Pub, publish: [{repository: npm, silence: [{lint: ACCESS001, reason: r}]}]}]
roles:
  - name: r
    policies: [Pub]
    trust:
      - {repositories: [a], branches: [main], silence: [{lint: TRUST001, reason: because}]}
      - {repositories: [b], branches: ["*"]}
`)
	f, ds := spec.Parse("t.yaml", src)
	want, _ := spec.Parse("t.yaml", src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	m := model.Build(f)
	if !reflect.DeepEqual(f, want) {
		t.Error("model.Build changed the spec it was given")
	}
	r := m.Roles[0]
	if r.NamePos.Line != 7 || r.Rules[0].Pos.Line != 10 || r.Rules[1].SubOperator != "StringLike" {
		t.Errorf("role at %v, rule at %v, operator %q", r.NamePos, r.Rules[0].Pos, r.Rules[1].SubOperator)
	}
	if s := r.Rules[0].Silences; len(s) != 1 || s[0].Lint != "TRUST001" || s[0].Reason != "because" || s[0].LintPos.Line != 10 {
		t.Errorf("rule silences %+v", s)
	}
	if g := m.Policies[0].Publishes[0]; g.RepositoryPos.Line != 5 || len(g.Silences) != 1 {
		t.Errorf("grant at %v, silences %+v", g.RepositoryPos, g.Silences)
	}
	fresh := []*model.TrustRule{{Subjects: []string{"repo:acme/a:*"}}, {Subjects: []string{"repo:acme/b:ref:refs/heads/main"}}}
	model.TrustPolicy(m.GitHub, fresh)
	if fresh[0].SubOperator != "" || fresh[1].SubOperator != "" {
		t.Error("model.TrustPolicy changed the rules it was given")
	}
	if p, err := r.ParsedTrust(); err != nil || p != r.TrustParsed || len(p.Statements) != 1 {
		t.Errorf("parsed trust %v, %v", p, err)
	}
}
