package trust

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// vectorsPath is the GitHub -> AWS conformance suite (CC0, copied into the
// repository: testdata/thirdparty/README.md), relative to this package directory.
var vectorsPath = filepath.Join("..", "..", "testdata", "thirdparty", "oidc-vectors", "github-aws.json")

// githubClaimPrefix is the IAM condition-key prefix for github.com tokens.
const githubClaimPrefix = "token.actions.githubusercontent.com:"

type vectorSuite struct {
	Vectors []vector `json:"vectors"`
}

type vector struct {
	ID        string            `json:"id"`
	Subject   string            `json:"subject"`
	Claims    map[string]string `json:"claims"`
	Condition vectorCondition   `json:"condition"`
	Expect    string            `json:"expect"`
}

type vectorCondition struct {
	Consumer string            `json:"consumer"`
	Claim    string            `json:"claim"`
	Pattern  json.RawMessage   `json:"pattern"`
	Of       []vectorCondition `json:"of"`
}

// operatorFor maps a vector consumer to its IAM condition operator.
var operatorFor = map[string]string{
	"aws-stringequals": "StringEquals",
	"aws-stringlike":   "StringLike",
}

// vectorConditionBlock renders a vector condition as an IAM Condition element:
// operator -> key -> pattern (string or list, as in the vector). aws-all puts
// all its sub-conditions into the one block.
func vectorConditionBlock(t *testing.T, c vectorCondition) map[string]map[string]json.RawMessage {
	t.Helper()
	parts := []vectorCondition{c}
	if c.Consumer == "aws-all" {
		parts = c.Of
		if len(parts) == 0 {
			t.Fatal("aws-all condition without sub-conditions")
		}
	}
	block := map[string]map[string]json.RawMessage{}
	for _, part := range parts {
		op, ok := operatorFor[part.Consumer]
		if !ok {
			t.Fatalf("unsupported consumer %q", part.Consumer)
		}
		claim := part.Claim
		if claim == "" {
			claim = "sub"
		}
		if len(part.Pattern) == 0 {
			t.Fatalf("%s condition on %q has no pattern", op, claim)
		}
		key := githubClaimPrefix + claim
		if block[op] == nil {
			block[op] = map[string]json.RawMessage{}
		}
		if _, dup := block[op][key]; dup {
			t.Fatalf("%s %s appears twice; one Condition block cannot hold it", op, key)
		}
		block[op][key] = part.Pattern
	}
	return block
}

// vectorPolicy builds the trust policy document for a vector: one Allow
// statement for sts:AssumeRoleWithWebIdentity from the GitHub provider.
func vectorPolicy(t *testing.T, c vectorCondition) []byte {
	t.Helper()
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid":       "GitHubOIDC",
			"Effect":    "Allow",
			"Principal": map[string]any{"Federated": providerARN},
			"Action":    webIdentity,
			"Condition": vectorConditionBlock(t, c),
		}},
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatalf("marshal policy: %v", err)
	}
	return out
}

// vectorRequest builds the request: every claim becomes a context key; a
// vector without claims carries only sub = subject.
func vectorRequest(v vector) Request {
	claims := v.Claims
	if claims == nil {
		claims = map[string]string{"sub": v.Subject}
	}
	ctx := map[string][]string{}
	for name, value := range claims {
		ctx[githubClaimPrefix+name] = []string{value}
	}
	return oidcRequest(ctx)
}

func TestGitHubAWSVectors(t *testing.T) {
	data, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatalf("read vectors (expected beside the repository root): %v", err)
	}
	var suite vectorSuite
	if err := json.Unmarshal(data, &suite); err != nil {
		t.Fatalf("parse %s: %v", vectorsPath, err)
	}
	if len(suite.Vectors) == 0 {
		t.Fatalf("%s holds no vectors", vectorsPath)
	}
	evaluated := 0 // vectors that reached the Allowed assertion
	for _, v := range suite.Vectors {
		t.Run(v.ID, func(t *testing.T) {
			if v.Expect != "match" && v.Expect != "no-match" {
				t.Fatalf("expect = %q, want match or no-match", v.Expect)
			}
			doc := vectorPolicy(t, v.Condition)
			p, err := ParsePolicy(doc)
			if err != nil {
				t.Fatalf("ParsePolicy(%s): %v", doc, err)
			}
			d := p.Evaluate(vectorRequest(v))
			if want := v.Expect == "match"; d.Allowed != want {
				t.Errorf("Allowed = %v, want %v (expect %q)\npolicy: %s\n%s", d.Allowed, want, v.Expect, doc, d)
			}
			evaluated++
		})
	}
	if evaluated != len(suite.Vectors) {
		t.Errorf("evaluated %d vectors, the suite has %d", evaluated, len(suite.Vectors))
	}
}
