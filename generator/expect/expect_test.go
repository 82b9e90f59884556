package expect_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/expect"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// base is a valid spec with a read role for every context of every repository of acme, a
// release role for v?*.?*.?* tags of lib, and a role requiring a reusable workflow. github
// replaces the github section when set.
func base(github, expectations string) string {
	if github == "" {
		github = "github: {owner: acme, oidc_provider: create}"
	}
	return `version: 1
domain: {name: acme, region: us-east-1}
repositories:
  - {name: npm, format: npm}
` + github + `
policies:
  - {name: Read, read: [npm]}
  - {name: Publish, publish: [{repository: npm}]}
roles:
  - name: ci
    policies: [Read]
    trust:
      - repositories: ["*"]
        any_context: true
        silence: [{lint: TRUST004, reason: every build reads}]
  - name: release
    policies: [Publish]
    trust:
      - {repositories: [lib], tags: ["v?*.?*.?*"]}
  - name: deploy
    policies: [Read]
    trust:
      - repositories: [app]
        branches: [main]
        require: {job_workflow_ref: "acme/wf/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567"}
expectations:
` + expectations
}

// codes returns the diagnostics with an EXPECT code, as "CODE line:col summary".
func codes(ds diag.Diagnostics) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if strings.HasPrefix(d.Code, "EXPECT") {
			out = append(out, d)
		}
	}
	return out
}

// TestEvaluation: each expectation's verdicts, decided by the IAM evaluator on the rendered
// policies; want lists the codes of the diagnostics, in order, with a substring of each
// summary and of each detail.
func TestEvaluation(t *testing.T) {
	type want struct{ code, summary, detail string }
	tests := []struct {
		name, github, expectations string
		want                       []want
	}{
		{"release tag admitted", "", `  - {name: t, repo: acme/lib, ref: refs/tags/v1.2.3, admitted_by: [ci, release], refused_by: [deploy]}`, nil},
		{"must refuse, admits", "", `  - {name: vanity, repo: acme/lib, ref: refs/tags/vanity-test, refused_by: [ci]}`,
			[]want{{"EXPECT001", `expectation "vanity": role ci admits sub repo:acme/lib:ref:refs/tags/vanity-test, but must refuse it`,
				"Expected: refused. IAM's verdict on the rendered trust policy: allowed: by statement #1 \"GitHubActionsOIDC\" (Allow): StringEquals token.actions.githubusercontent.com:aud [sts.amazonaws.com] matched sts.amazonaws.com; StringLike token.actions.githubusercontent.com:sub [repo:acme/*:*] matched repo:acme/lib:ref:refs/tags/vanity-test"}}},
		{"must admit, refuses", "", `  - {name: rc, repo: acme/lib, ref: refs/tags/v1-rc, admitted_by: [release]}`,
			[]want{{"EXPECT002", `role release refuses sub repo:acme/lib:ref:refs/tags/v1-rc, but must admit it`,
				"denied: StringLike token.actions.githubusercontent.com:sub [repo:acme/lib:ref:refs/tags/v?*.?*.?*] did not match repo:acme/lib:ref:refs/tags/v1-rc"}}},
		{"every role refuses another owner", "", `  - {name: evil, repo: acme-evil/lib, ref: refs/tags/v1.2.3, refused_by: ["*"]}`, nil},
		{"a role named twice is evaluated once", "", `  - {name: twice, repo: acme/lib, ref: refs/tags/vanity-test, refused_by: [ci, "*", ci]}`,
			[]want{{"EXPECT001", "role ci admits", "matched repo:acme/lib:ref:refs/tags/vanity-test"}}},
		{"every role must refuse, one admits", "", `  - {name: new repo, repo: acme/new, environment: production, ref: refs/tags/v1.0.0, refused_by: ["*"]}`,
			[]want{{"EXPECT001", "role ci admits sub repo:acme/new:environment:production (ref=refs/tags/v1.0.0)", "matched repo:acme/new:environment:production"}}},
		{"pull request", "", `  - {name: pr, repo: acme/app, event: pull_request, ref: refs/pull/1/merge, admitted_by: [ci], refused_by: [release, deploy]}`, nil},
		{"another audience", "", `  - {name: aud, repo: acme/lib, ref: refs/tags/v1.2.3, aud: "https://github.com/acme", refused_by: ["*"]}`, nil},
		{"another audience must be admitted", "", `  - {name: aud, repo: acme/lib, ref: refs/tags/v1.2.3, aud: "https://github.com/acme", admitted_by: [ci]}`,
			[]want{{"EXPECT002", "(aud=https://github.com/acme)", "StringEquals token.actions.githubusercontent.com:aud [sts.amazonaws.com] did not match https://github.com/acme"}}},
		{"another issuer is refused", "", `  - {name: iss, repo: acme/lib, ref: refs/tags/v1.2.3, issuer: "https://token.actions.githubusercontent.com/other", refused_by: ["*"]}`, nil},
		{"another issuer must be admitted", "", `  - {name: iss, repo: acme/lib, ref: refs/tags/v1.2.3, issuer: "https://token.actions.githubusercontent.com/other", admitted_by: [ci]}`,
			[]want{{"EXPECT002", "issuer=https://token.actions.githubusercontent.com/other", "Principal Federated:[${local.github_oidc_provider_arn}] did not match Federated:arn:aws:iam::${local.account_id}:oidc-provider/token.actions.githubusercontent.com/other"}}},
		{"the spec's own issuer, written out", "", `  - {name: iss, repo: acme/lib, ref: refs/tags/v1.2.3, issuer: "https://token.actions.githubusercontent.com", admitted_by: [ci, release]}`, nil},
		{"required claim given", "", `  - name: wf
    repo: acme/app
    ref: refs/heads/main
    claims: {job_workflow_ref: "acme/wf/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567"}
    admitted_by: [deploy]`, nil},
		{"required claim missing", "", `  - {name: wf, repo: acme/app, ref: refs/heads/main, admitted_by: [deploy]}`,
			[]want{{"EXPECT002", "role deploy refuses sub repo:acme/app:ref:refs/heads/main", "token.actions.githubusercontent.com:job_workflow_ref [acme/wf/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567] did not match (key absent from request)"}}},
		{"raw subject", "", `  - {name: raw, sub: "repo:acme/lib:ref:refs/tags/v2.0.0", admitted_by: [ci, release]}`, nil},
		{"raw subject of a case-changed owner", "", `  - {name: raw, sub: "repo:ACME/lib:ref:refs/tags/v2.0.0", refused_by: ["*"]}`, nil},
		{"immutable subject", "github: {owner: acme, owner_id: 42, oidc_provider: create, subjects: id, repository_ids: {lib: 7, app: 8}}",
			`  - {name: id, repo: acme/lib, owner_id: "42", repository_id: "7", ref: refs/tags/v1.2.3, admitted_by: [ci, release]}
  - {name: name form refused, repo: acme/lib, ref: refs/tags/v1.2.3, refused_by: [release]}`, nil},
		{"custom subject template", "github: {owner: acme, oidc_provider: create, subject_claims: [repo, context, job_workflow_ref]}",
			`  - {name: tpl, repo: acme/app, ref: refs/heads/main, claims: {job_workflow_ref: "acme/wf/.github/workflows/x.yml@refs/heads/main"}, refused_by: [release]}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := base(tt.github, tt.expectations)
			if tt.github != "" {
				// Rules under a custom template or immutable subjects need their own values.
				src = strings.Replace(src, "any_context: true", "any_context: true\n        subject_claims: {job_workflow_ref: \"*\"}", 1)
				if strings.Contains(tt.github, "subject_claims") {
					src = strings.Replace(src, `{repositories: [lib], tags: ["v?*.?*.?*"]}`, `{repositories: [lib], tags: ["v?*.?*.?*"], subject_claims: {job_workflow_ref: "acme/wf/.github/workflows/release.yml@0123456789abcdef0123456789abcdef01234567"}}`, 1)
					src = strings.Replace(src, "branches: [main]\n", "branches: [main]\n        subject_claims: {job_workflow_ref: \"acme/wf/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567\"}\n", 1)
				} else {
					src = strings.Replace(src, "\n        subject_claims: {job_workflow_ref: \"*\"}", "", 1)
				}
			}
			l := generator.Load("t.yaml", []byte(src))
			for _, d := range l.Diagnostics {
				if d.Severity == diag.Error && !strings.HasPrefix(d.Code, "EXPECT") {
					t.Fatalf("the spec has another error: %v\n%s", d, src)
				}
			}
			got := codes(l.Diagnostics)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d expectation diagnostics, want %d:\n%v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				d := got[i]
				if d.Code != w.code || d.Severity != diag.Error || !strings.Contains(d.Summary, w.summary) || !strings.Contains(d.Detail, w.detail) {
					t.Errorf("diagnostic %d:\n%s[%s] %s\n%s\nwant %s with %q and %q", i, d.Pos, d.Code, d.Summary, d.Detail, w.code, w.summary, w.detail)
				}
				if d.Pos.Line == 0 {
					t.Errorf("diagnostic %d has no position", i)
				}
			}
			if len(tt.want) > 0 && l.Model != nil {
				t.Error("a failed expectation left the model (gen would write)")
			}
		})
	}
}

// TestDiagnosticPointsAtTheRole: the diagnostic is at the role's name in refused_by, the
// second of two.
func TestDiagnosticPointsAtTheRole(t *testing.T) {
	src := base("", "  - name: vanity\n    repo: acme/lib\n    ref: refs/tags/vanity-test\n    refused_by: [release, ci]\n")
	got := codes(generator.Load("t.yaml", []byte(src)).Diagnostics)
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	line := strings.Split(src, "\n")[got[0].Pos.Line-1]
	if !strings.HasPrefix(line[got[0].Pos.Col-1:], "ci]") {
		t.Errorf("the diagnostic is at %s: %q", got[0].Pos, line)
	}
}

// TestShape: validation of the expectations section, every problem at once with its code.
func TestShape(t *testing.T) {
	tests := []struct {
		name, expectations string
		codes              []string
		detail             string // a substring of the first diagnostic's detail
	}{
		{"unknown role", `  - {name: a, repo: acme/lib, ref: refs/heads/main, refused_by: [CI]}`, []string{"EXPECT003"}, "Did you mean ci?"},
		{"contradiction", `  - {name: a, repo: acme/lib, ref: refs/heads/main, admitted_by: [ci], refused_by: [ci]}`, []string{"EXPECT004"}, "cannot both admit and refuse"},
		{"contradiction through *", `  - {name: a, repo: acme/lib, ref: refs/heads/main, admitted_by: [ci], refused_by: ["*"]}`, []string{"EXPECT004"}, ""},
		{"no token", `  - {name: a, refused_by: [ci]}`, []string{"EXPECT005"}, "Give repo: OWNER/NAME"},
		{"repo and sub", `  - {name: a, repo: acme/lib, ref: refs/heads/main, sub: "repo:acme/lib:ref:refs/heads/main", refused_by: [ci]}`, []string{"EXPECT005"}, "not both"},
		{"sub with ref", `  - {name: a, sub: "repo:acme/lib:ref:refs/heads/main", ref: refs/heads/main, refused_by: [ci]}`, []string{"EXPECT005"}, "under claims"},
		{"repo without owner", `  - {name: a, repo: lib, ref: refs/heads/main, refused_by: [ci]}`, []string{"EXPECT005"}, "OWNER/NAME"},
		{"no context", `  - {name: a, repo: acme/lib, refused_by: [ci]}`, []string{"EXPECT005"}, "event: pull_request or ref"},
		{"short ref", `  - {name: a, repo: acme/lib, ref: main, refused_by: [ci]}`, []string{"EXPECT005"}, "refs/heads/main for a branch"},
		{"unknown event", `  - {name: a, repo: acme/lib, ref: refs/heads/main, event: pr, refused_by: [ci]}`, []string{"EXPECT005"}, "pull_request"},
		{"owner id alone", `  - {name: a, repo: acme/lib, ref: refs/heads/main, owner_id: "1", refused_by: [ci]}`, []string{"EXPECT005"}, "both owner_id and repository_id"},
		{"claims sub", `  - {name: a, repo: acme/lib, ref: refs/heads/main, claims: {sub: x}, refused_by: [ci]}`, []string{"EXPECT005"}, ""},
		{"no roles", `  - {name: a, repo: acme/lib, ref: refs/heads/main}`, []string{"EXPECT006"}, "admitted_by"},
		{"duplicate name", "  - {name: a, repo: acme/lib, ref: refs/heads/main, admitted_by: [ci]}\n  - {name: a, repo: acme/app, ref: refs/heads/main, admitted_by: [ci]}", []string{"EXPECT007"}, "first used at line"},
		{"empty name", `  - {name: " ", repo: acme/lib, ref: refs/heads/main, admitted_by: [ci]}`, []string{"EXPECT007"}, ""},
		{"issuer", `  - {name: a, repo: acme/lib, ref: refs/heads/main, issuer: token.actions.githubusercontent.com, admitted_by: [ci]}`, []string{"EXPECT008"}, "https://"},
		{"every problem at once", "  - {name: a, repo: lib, refused_by: [nobody]}\n  - {name: a, admitted_by: [ci]}",
			[]string{"EXPECT005", "EXPECT005", "EXPECT003", "EXPECT005", "EXPECT007"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := generator.Load("t.yaml", []byte(base("", tt.expectations)))
			if l.Model != nil {
				t.Fatal("a spec with a broken expectation resolved")
			}
			got := codes(l.Diagnostics)
			var ids []string
			for _, d := range got {
				ids = append(ids, d.Code)
			}
			if !slices.Equal(ids, tt.codes) {
				t.Fatalf("codes %v, want %v:\n%v", ids, tt.codes, got)
			}
			if !strings.Contains(got[0].Detail, tt.detail) {
				t.Errorf("detail %q lacks %q", got[0].Detail, tt.detail)
			}
		})
	}
}

// TestLeak8NewRepositoryCannotPublish is leak 8 of issue 9: the example spec's
// ProductionRelease role trusted environment production of every ontopix repository, so a
// repository created later, whose admin creates an environment called production, could
// publish. Independently of the expectations the spec carries, no role of the example that
// can publish may admit such a job, whatever its ref.
func TestLeak8NewRepositoryCannotPublish(t *testing.T) {
	src, err := os.ReadFile("../../specs/ontopix.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l := generator.Load("specs/ontopix.yaml", src)
	if l.Model == nil {
		t.Fatalf("the example has errors: %v", l.Diagnostics)
	}
	m := l.Model
	var publishing []*model.Role
	for _, r := range m.Roles {
		if r.Publishes() {
			publishing = append(publishing, r)
		}
	}
	if len(publishing) < 3 {
		t.Fatalf("the example has %d publishing roles", len(publishing))
	}
	for _, env := range []string{"production", "Production", "release"} {
		for _, ref := range []string{"refs/tags/v1.0.0", "refs/heads/main"} {
			m.Expectations = []*model.Expectation{{Name: "new repository", Issuer: m.GitHub.Issuer}}
			set := func(v string) spec.String { return spec.String{Value: v, Set: true} }
			tok, err := model.ExpectationToken(&spec.Expectation{Repo: set("ontopix/repository-created-later"), Environment: set(env), Ref: set(ref)}, m.GitHub)
			if err != nil {
				t.Fatal(err)
			}
			m.Expectations[0].Token = tok
			for _, r := range publishing {
				m.Expectations[0].Refuse = append(m.Expectations[0].Refuse, model.ExpectedRole{Role: r})
			}
			outcomes, err := expect.Evaluate(m)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range outcomes {
				if !o.Holds() {
					t.Errorf("%s admits a new repository's job in environment %s at %s: %s", o.Role.Name, env, ref, o.Reason)
				}
			}
		}
	}
	// And the example says so itself.
	if !slices.ContainsFunc(l.Spec.Expectations, func(e spec.Expectation) bool {
		return strings.HasPrefix(e.Name.Value, "a new repository cannot publish") && e.Repo.Value == "ontopix/repository-created-later" && e.Environment.Value == "production"
	}) {
		t.Error("the example lacks the expectation \"a new repository cannot publish\" from environment production")
	}
}
