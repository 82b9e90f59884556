package lint

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/policy"
)

// roleWithTrust returns a model with one role whose trust policy has the given conditions.
func roleWithTrust(conditions ...policy.Condition) *model.Model {
	gh := model.GitHub{Owner: oidc.Owner{Name: "acme"}, Issuer: oidc.GitHubCom(), Audience: "sts.amazonaws.com", Template: oidc.DefaultTemplate}
	r := &model.Role{Name: "r", Trust: policy.Document{Statements: []policy.Statement{{
		Effect: "Allow", Principal: &policy.Principal{Type: "Federated", IDs: []policy.Expr{policy.Lit("arn")}},
		Actions: []string{"sts:AssumeRoleWithWebIdentity"}, Conditions: conditions,
	}}}}
	return &model.Model{GitHub: gh, Roles: []*model.Role{r}, Quotas: model.Quotas{TrustPolicySize: 2048, PoliciesPerRole: 10}}
}

const (
	sub = "token.actions.githubusercontent.com:sub"
	aud = "token.actions.githubusercontent.com:aud"
)

var pinnedAud = policy.Condition{Operator: "StringEquals", Key: aud, Values: []string{"sts.amazonaws.com"}}

// TestRenderedPolicyChecks runs the checks of rendered trust policies on documents the
// renderer never produces, to prove the checks work.
func TestRenderedPolicyChecks(t *testing.T) {
	tests := []struct {
		name       string
		conditions []policy.Condition
		want       string // lint ID expected, "" for none
	}{
		{"good", []policy.Condition{pinnedAud, {Operator: "StringLike", Key: sub, Values: []string{"repo:acme/app:*"}}}, ""},
		{"no sub", []policy.Condition{pinnedAud}, "TRUST001"},
		{"sub star", []policy.Condition{pinnedAud, {Operator: "StringLike", Key: sub, Values: []string{"*"}}}, "TRUST001"},
		{"equals with wildcard", []policy.Condition{pinnedAud, {Operator: "StringEquals", Key: sub, Values: []string{"repo:acme/*"}}}, "TRUST011"},
		{"two operators", []policy.Condition{pinnedAud, {Operator: "StringEquals", Key: sub, Values: []string{"repo:acme/a:pull_request"}}, {Operator: "StringLike", Key: sub, Values: []string{"repo:acme/*:*"}}}, "TRUST012"},
		{"for all values", []policy.Condition{{Operator: "ForAllValues:StringEquals", Key: aud, Values: []string{"sts.amazonaws.com"}}, {Operator: "StringLike", Key: sub, Values: []string{"repo:acme/a:*"}}}, "TRUST013"},
		{"aud not pinned", []policy.Condition{{Operator: "StringLike", Key: sub, Values: []string{"repo:acme/a:pull_request"}}}, "TRUST014"},
		{"aud wrong", []policy.Condition{{Operator: "StringEquals", Key: aud, Values: []string{"https://github.com/acme"}}, {Operator: "StringEquals", Key: sub, Values: []string{"repo:acme/a:pull_request"}}}, "TRUST014"},
	}
	for _, tt := range tests {
		l := &linter{m: roleWithTrust(tt.conditions...)}
		l.rendered(l.m.Roles[0])
		var ids []string
		for _, f := range l.findings {
			ids = append(ids, f.Rule.ID)
		}
		switch {
		case tt.want == "" && len(ids) > 0:
			t.Errorf("%s: unexpected findings %v", tt.name, ids)
		case tt.want != "" && !slices.Contains(ids, tt.want):
			t.Errorf("%s: findings %v lack %s", tt.name, ids, tt.want)
		}
	}
}

// TestSubjectRisks checks the pattern analysis on subjects a hand-written policy could hold.
func TestSubjectRisks(t *testing.T) {
	tests := []struct {
		pattern   string
		publishes bool
		want      []string
	}{
		{"repo:acme/app:ref:refs/heads/main", false, nil},
		{"repo:acme/app:ref:refs/heads/main", true, []string{"TRUST006"}},
		{"repo:acme/app:ref:refs/tags/v*", true, nil},
		{"repo:acme@1/app@2:ref:refs/tags/v1.2.3", true, nil},
		{"repo:*", false, []string{"TRUST002", "TRUST004"}},
		{"repo:acme*", false, []string{"TRUST002", "TRUST004"}},
		{"repo:acme*/app:ref:refs/heads/main", false, []string{"TRUST002"}},
		{"repo:*/app:ref:refs/heads/main", false, []string{"TRUST002"}},
		{"*", false, []string{"TRUST001"}},
		{"repo:acme/*", false, []string{"TRUST004"}},
		{"repo:acme/*", true, []string{"TRUST004", "TRUST006", "TRUST017", "TRUST030"}},
		{"repo:acme/app*:ref:refs/heads/main", false, []string{"TRUST003"}},
		{"repo:acme/app:ref:refs/heads/main*", false, []string{"TRUST008"}},
		{"repo:acme/app:ref:refs/heads/*", false, []string{"TRUST008"}},
		{"repo:acme/app:ref:refs/heads/release/*", false, nil},
		{"repo:acme/app:ref:*", true, []string{"TRUST006", "TRUST008"}},
		{"repo:acme/app:environment:*", false, []string{"TRUST008"}},
		{"repo:acme/app:pull_request", true, []string{"TRUST030"}},
		{"repo:acme/app:pull_request", false, nil},
		{"repo:acme/app:pull*", true, []string{"TRUST030"}},
		{"repo:acme/app:*", true, []string{"TRUST004", "TRUST006", "TRUST030"}},
		{"job_workflow_ref:acme/wf/.github/workflows/x.yml@refs/heads/main", false, []string{"TRUST002", "TRUST016"}},
		{"repo:acme/app:environment:prod:job_workflow_ref:acme/wf/.github/workflows/x.yml@refs/heads/main", false, nil},
		{"repo:acme/app:ref:refs/heads/main:job_workflow_ref:acme/wf/.github/workflows/x.yml@0123456789abcdef0123456789abcdef01234567", false, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range subjectRisks(tt.pattern, tt.publishes) {
			if !slices.Contains(got, r.rule.ID) {
				got = append(got, r.rule.ID)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("subjectRisks(%q, publishes=%v) = %v, want %v", tt.pattern, tt.publishes, got, tt.want)
		}
	}
}

// TestVectorGrades: every condition of the shared GitHub→AWS vectors that is graded
// caution or dangerous gets at least one finding from the condition analysis, and every
// condition graded safe gets none.
func TestVectorGrades(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/thirdparty/oidc-vectors/github-aws.json")
	if err != nil {
		t.Fatal(err)
	}
	var suite struct {
		Vectors []struct {
			ID        string
			Condition vectorCondition
			Judgment  *struct{ Grade string }
		}
	}
	if err := json.Unmarshal(raw, &suite); err != nil {
		t.Fatal(err)
	}
	graded := 0
	for _, v := range suite.Vectors {
		if v.Judgment == nil {
			continue
		}
		graded++
		parts := []vectorCondition{v.Condition}
		if v.Condition.Consumer == "aws-all" {
			parts = v.Condition.Of
		}
		var block []claimCondition
		for _, p := range parts {
			claim := p.Claim
			if claim == "" {
				claim = "sub"
			}
			block = append(block, claimCondition{Claim: claim, Values: p.values()})
		}
		risks := conditionRisks(block)
		unsafe := v.Judgment.Grade != "safe"
		if unsafe && len(risks) == 0 {
			t.Errorf("%s (%s): no finding", v.ID, v.Judgment.Grade)
		}
		if !unsafe && len(risks) > 0 {
			t.Errorf("%s (safe): findings %v", v.ID, risks)
		}
	}
	if graded < 20 {
		t.Fatalf("only %d graded vectors read", graded)
	}
}

type vectorCondition struct {
	Consumer string
	Claim    string
	Pattern  json.RawMessage
	Of       []vectorCondition
}

func (c vectorCondition) values() []string {
	var one string
	if json.Unmarshal(c.Pattern, &one) == nil {
		return []string{one}
	}
	var many []string
	json.Unmarshal(c.Pattern, &many)
	return many
}
