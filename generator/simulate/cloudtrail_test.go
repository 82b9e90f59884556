package simulate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/cloudtrail"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/internal/modeltest"
)

func TestParseSubject(t *testing.T) {
	custom := []string{"repo", "context", "job_workflow_ref"}
	for _, c := range []struct {
		template []string
		sub      string
		want     *subjectParts
	}{
		{nil, "repo:acme/app:ref:refs/heads/main", &subjectParts{Owner: "acme", Repo: "app", Kind: "branch", Value: "main"}},
		{nil, "repo:acme/app:ref:refs/tags/v1.2.0", &subjectParts{Owner: "acme", Repo: "app", Kind: "tag", Value: "v1.2.0"}},
		{nil, "repo:acme/app:ref:refs/pull/7/merge", &subjectParts{Owner: "acme", Repo: "app", Kind: "ref", Value: "refs/pull/7/merge"}},
		{nil, "repo:acme/app:environment:prod%3Aeu", &subjectParts{Owner: "acme", Repo: "app", Kind: "environment", Value: "prod:eu"}},
		{nil, "repo:acme/app:pull_request", &subjectParts{Owner: "acme", Repo: "app", Kind: "pull_request"}},
		{nil, "repo:acme@42/app@7:ref:refs/tags/v1", &subjectParts{Owner: "acme", OwnerID: "42", Repo: "app", RepoID: "7", Kind: "tag", Value: "v1"}},
		{custom, "repo:acme/app:environment:prod:job_workflow_ref:acme/wf/.github/workflows/r.yml@refs/heads/main",
			&subjectParts{Owner: "acme", Repo: "app", Kind: "environment", Value: "prod", Claims: map[string]string{"job_workflow_ref": "acme/wf/.github/workflows/r.yml@refs/heads/main"}}},
		{custom, "repo:acme/app:environment:prod", nil},
		{nil, "repo:acme/app:environment:prod:job_workflow_ref:x", nil},
		{nil, "repo:acme@42/app:ref:refs/heads/main", nil},
		{nil, "repo:acme:ref:refs/heads/main", nil},
		{nil, "system:serviceaccount:default:builder", nil},
		{nil, "repo:acme/app:workflow:ci", nil},
	} {
		got, ok := parseSubject(c.template, c.sub)
		if (c.want == nil) == ok || c.want != nil && !reflect.DeepEqual(got, *c.want) {
			t.Errorf("parseSubject(%q, %q) = %+v, %v; want %+v", c.template, c.sub, got, ok, c.want)
		}
	}
	// Whatever oidc.BuildToken builds, parseSubject takes apart into the same job.
	for _, j := range []oidc.Job{
		{Owner: "acme", Repository: "app", Ref: "refs/tags/v1", Extra: map[string]string{"job_workflow_ref": "acme/app/.github/workflows/r.yml@refs/tags/v1"}},
		{Owner: "acme", Repository: "a.b", OwnerID: "1", RepositoryID: "2", Ref: "refs/heads/x/y", Environment: "p:q", Extra: map[string]string{"job_workflow_ref": "w"}},
		{Owner: "acme", Repository: "app", Event: "pull_request", Ref: "refs/pull/1/merge", Extra: map[string]string{"job_workflow_ref": "a:b"}},
	} {
		tok, err := oidc.BuildToken(j, custom, "sts.amazonaws.com")
		if err != nil {
			t.Fatal(err)
		}
		s, ok := parseSubject(custom, tok.Claims["sub"])
		if !ok || s.Owner != j.Owner || s.Repo != j.Repository || s.OwnerID != j.OwnerID || s.RepoID != j.RepositoryID ||
			s.Claims["job_workflow_ref"] != j.Extra["job_workflow_ref"] {
			t.Errorf("parseSubject(%q) = %+v, %v; job %+v", tok.Claims["sub"], s, ok, j)
		}
		if j.Environment != "" && s.Value != j.Environment {
			t.Errorf("environment %q, want %q", s.Value, j.Environment)
		}
	}
}

// loadModel returns the model of the spec at path.
func loadModel(t *testing.T, path string) *model.Model { return modeltest.Load(t, "", path) }

func record(role, sub, issuerHost string, deniedWith string) cloudtrail.Record {
	arn, _ := cloudtrail.ParseRoleARN("arn:aws:iam::111122223333:role/" + role)
	r := cloudtrail.Record{RoleARN: "arn:aws:iam::111122223333:role/" + role, Role: arn,
		IdentityProvider: "arn:aws:iam::111122223333:oidc-provider/" + issuerHost,
		Subject:          sub, SubjectFrom: "userIdentity.userName", Audience: "sts.amazonaws.com", AudienceFrom: "userIdentity.principalId"}
	if deniedWith != "" {
		r.ErrorCode = deniedWith
	}
	return r
}

// TestExplain checks the verdict and the decisive finding of each kind of record, beside
// the golden outputs of internal/cli: which check fails, whether the refusal is right, and
// the fix.
func TestExplain(t *testing.T) {
	acme := loadModel(t, "../../testdata/cloudtrail/acme.yaml")
	octo := loadModel(t, "../../testdata/cloudtrail/immutable.yaml")
	gh, octoIssuer := "token.actions.githubusercontent.com", "token.actions.githubusercontent.com/octo-enterprise"
	for _, c := range []struct {
		name      string
		m         *model.Model
		r         cloudtrail.Record
		verdict   string
		rule      int
		check     string
		right     bool
		fix       string
		unchecked int
	}{
		{"environment job, tag-only role", acme, record("AcmePublish", "repo:acme/lib:environment:production", gh, "AccessDenied"),
			"denied", 1, "context", false, "environments: [production] and require: {ref: [refs/tags/v?*.?*.?*]}", 0},
		{"renamed organisation", octo, record("octo-release", "repo:octo-corp@123456/octo-lib@7891012:ref:refs/tags/v2.0.0", octoIssuer, "AccessDenied"),
			"denied", 1, "owner", false, "github.owner: octo-corp", 0},
		{"re-registered owner name", octo, record("octo-release", "repo:octo-org@999/octo-lib@7891012:ref:refs/tags/v2.0.0", octoIssuer, "AccessDenied"),
			"denied", 1, "owner ID", true, "", 0},
		{"recreated repository", octo, record("octo-release", "repo:octo-org@123456/octo-lib@5:ref:refs/tags/v2.0.0", octoIssuer, "AccessDenied"),
			"denied", 1, "repository ID", false, `github.repository_ids: {octo-lib: "5"}`, 0},
		{"immutable subject, name-only spec", acme, record("AcmePublish", "repo:acme@4242/lib@9001:ref:refs/tags/v1.3.0", gh, "AccessDenied"),
			"denied", 1, "immutable subject", false, "github.subjects: both", 0},
		{"pull request, publishing role", acme, record("AcmePublish", "repo:acme/app:pull_request", gh, "AccessDenied"),
			"denied", 1, "context", true, "", 0},
		{"another owner", acme, record("AcmePublish", "repo:acme-evil/lib:ref:refs/tags/v1.2.0", gh, "AccessDenied"),
			"denied", 1, "owner", true, "github.owner: acme-evil", 0},
		{"repository not named", acme, record("AcmePublish", "repo:acme/tools:ref:refs/tags/v1.2.0", gh, "AccessDenied"),
			"denied", 1, "repository", false, "add tools to the repositories", 0},
		{"enterprise issuer", acme, record("AcmePublish", "repo:acme/lib:ref:refs/tags/v1.2.0", "token.actions.githubusercontent.com/acme-ent", "AccessDenied"),
			"denied", 1, "issuer", false, "github.enterprise_slug: acme-ent", 0},
		{"success", acme, record("AcmePublish", "repo:acme/lib:ref:refs/tags/v1.2.0", gh, ""),
			"allowed", 1, "", false, "", 0},
		{"success on unrecorded claims", acme, record("AcmeRelease", "repo:acme/app:environment:production", gh, ""),
			"undetermined", 1, "", false, "", 2},
		{"derived claim refused", acme, record("AcmeRelease", "repo:acme@7/app@8:environment:production", gh, "AccessDenied"),
			"denied", 0, "immutable subject", false, "", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := Explain(c.m, c.r)
			if err != nil {
				t.Fatal(err)
			}
			if e.Verdict != c.verdict || len(e.NotChecked) != c.unchecked {
				t.Fatalf("verdict %q with %d unchecked, want %q with %d: %+v", e.Verdict, len(e.NotChecked), c.verdict, c.unchecked, e)
			}
			if c.rule > 0 && (e.Rule == nil || e.Rule.Number != c.rule) {
				t.Errorf("rule %+v, want %d", e.Rule, c.rule)
			}
			if c.check == "" {
				if len(e.Findings) > 0 {
					t.Errorf("findings for an admitted token: %+v", e.Findings)
				}
				return
			}
			if len(e.Findings) == 0 {
				t.Fatalf("no finding: %+v", e)
			}
			if c.name == "derived claim refused" && (len(e.Findings) != 2 || e.Findings[1].Check != "require repository_owner_id") {
				t.Errorf("the subject shows repository_owner_id 7, which the rule's require refuses: %+v", e.Findings)
			}
			f := e.Findings[0]
			if f.Check != c.check || f.Right != c.right || !strings.Contains(f.Fix, c.fix) {
				t.Errorf("first finding %+v; want check %q, right %v, fix containing %q", f, c.check, c.right, c.fix)
			}
		})
	}
}

func TestExplainUnknownRole(t *testing.T) {
	acme := loadModel(t, "../../testdata/cloudtrail/acme.yaml")
	for role, want := range map[string]string{
		"AcmePublsh":      "Did you mean AcmePublish?",
		"ops/AcmePublish": "its path is /ops/",
		"Deploy":          "Its roles are AcmePublish, AcmeRead, AcmeRelease.",
	} {
		e, err := Explain(acme, record(role, "repo:acme/app:ref:refs/heads/main", "token.actions.githubusercontent.com", "AccessDenied"))
		if err != nil {
			t.Fatal(err)
		}
		if e.Verdict != "not a role of the spec" || e.Role != "" || !strings.Contains(e.Summary, want) {
			t.Errorf("role %s: %q, %q; want the summary to say %q", role, e.Verdict, e.Summary, want)
		}
	}
}

func TestRunIssuer(t *testing.T) {
	acme := loadModel(t, "../../testdata/cloudtrail/acme.yaml")
	tok, err := oidc.BuildToken(oidc.Job{Owner: "acme", Repository: "lib", Ref: "refs/tags/v1.2.0"}, nil, "sts.amazonaws.com")
	if err != nil {
		t.Fatal(err)
	}
	for url, admitted := range map[string]bool{
		"https://token.actions.githubusercontent.com":           true,
		"https://token.actions.githubusercontent.com/":          true,
		"https://TOKEN.actions.githubusercontent.com":           true,
		"https://token.actions.githubusercontent.com/acme-ent":  false,
		"https://token.actions.acme.ghe.com":                    false,
		"https://gitlab.com":                                    false,
		"https://token.actions.githubusercontent.com.evil.test": false,
	} {
		res, err := RunIssuer(acme, tok, oidc.Issuer{URL: url})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Roles {
			if r.Name != "AcmePublish" {
				continue
			}
			if r.Allowed != admitted || (r.Note != "") == admitted || (res.Issuer != "") == admitted {
				t.Errorf("issuer %s: allowed %v, note %q, issuer %q; want allowed %v", url, r.Allowed, r.Note, res.Issuer, admitted)
			}
		}
	}
}

// TestTrailTextEscapes checks that values from a CloudTrail file cannot forge lines of the
// report: control characters in the subject, the error message and the ARN are printed
// escaped.
func TestTrailTextEscapes(t *testing.T) {
	acme := loadModel(t, "../../testdata/cloudtrail/acme.yaml")
	r := record("AcmePublish", "repo:acme/lib:ref:refs/tags/v1\nAWS:         allowed\x1b[2K", "token.actions.githubusercontent.com", "AccessDenied")
	r.ErrorMessage = "denied\r\nSpec:        allowed"
	e, err := Explain(acme, r)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteTrailText(&b, Trail{File: "f\n", Records: []Explanation{e}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	starts := map[string]int{}
	for _, l := range strings.Split(out, "\n") {
		starts[strings.Fields(l + " x")[0]]++
	}
	if strings.ContainsAny(out, "\r\x1b") || starts["AWS:"] != 1 || starts["Spec:"] != 1 || strings.HasPrefix(out, "f\n") {
		t.Errorf("a value forged or hid a line:\n%s", out)
	}
}
