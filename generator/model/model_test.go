package model_test

import (
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
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
