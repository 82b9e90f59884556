package kit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/generator/simulate"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// dependabotCases are the Dependabot configurations compared with
// testdata/kit/dependabot/<name>/: the file and the diagnostics that come with it
// (diagnostics.txt), or the diagnostics alone when they stop it.
var dependabotCases = []struct {
	name, spec string
	req        DependabotRequest
}{
	// The example spec: the read role admits every context of every repository.
	{"ontopix-read", "specs/ontopix.yaml", DependabotRequest{Role: readRole, AppRepo: "ontopix/app", DomainOwner: "123456789012"}},
	// The publishing role: tag pushes only (BOT003), and it can publish (BOT004).
	{"ontopix-publish", "specs/ontopix.yaml", DependabotRequest{Role: publishRole, AppRepo: "ontopix/lib", DomainOwner: "123456789012"}},
	// One spec per ecosystem; the CI roles trust main and pull requests of app only (BOT003).
	{"format-npm", "testdata/cases/format-npm/spec.yaml", DependabotRequest{Role: "ci-npm", DomainOwner: "111122223333"}},
	{"format-pypi", "testdata/cases/format-pypi/spec.yaml", DependabotRequest{Role: "ci-pypi", DomainOwner: "111122223333"}},
	{"format-maven", "testdata/cases/format-maven/spec.yaml", DependabotRequest{Role: "ci-maven", DomainOwner: "111122223333"}},
	{"format-nuget", "testdata/cases/format-nuget/spec.yaml", DependabotRequest{Role: "ci-nuget", DomainOwner: "111122223333"}},
	{"format-ruby", "testdata/cases/format-ruby/spec.yaml", DependabotRequest{Role: "ci-ruby", DomainOwner: "111122223333"}},
	// Refused: cargo has no documented OIDC registry type, so nothing is left (BOT006, BOT007).
	{"format-cargo", "testdata/cases/format-cargo/spec.yaml", DependabotRequest{Role: "ci-cargo", DomainOwner: "111122223333"}},
	// Refused: China (BOT005); the account comes from nowhere (BOT008).
	{"china", "testdata/cases/china-partition/spec.yaml", DependabotRequest{Role: "ci", AppRepo: "acme/app"}},
	// Every kind of repository, the account pinned by the spec: npm-upstream is reached
	// through npm; two npm repositories cache npmjs (BOT010); cargo, swift and generic get
	// no registry (BOT006).
	{"mixed", "testdata/kit/dependabot/specs/mixed.yaml", DependabotRequest{Role: "dependabot"}},
	// Immutable subjects under an enterprise issuer.
	{"enterprise", "testdata/cases/enterprise-immutable/spec.yaml", DependabotRequest{Role: "octo-ci", AppRepo: "octo-org/octo-lib", DomainOwner: "123456789012"}},
}

func TestDependabotGolden(t *testing.T) {
	for _, c := range dependabotCases {
		t.Run(c.name, func(t *testing.T) {
			d, err := RenderDependabot(load(t, c.spec), c.req)
			if err != nil {
				t.Fatal(err)
			}
			var text bytes.Buffer
			if err := diag.Write(&text, diag.Text, d.Diagnostics); err != nil {
				t.Fatal(err)
			}
			files := append(slices.Clone(d.Files), File{Path: "diagnostics.txt", Content: text.Bytes()})
			compareGolden(t, filepath.Join(repoRoot, "testdata", "kit", "dependabot", c.name), files)
			if d.Diagnostics.HasErrors() != (len(d.Files) == 0) {
				t.Errorf("errors %v but %d files: a file must come exactly when no error does", d.Diagnostics.HasErrors(), len(d.Files))
			}
		})
	}
}

// dependabotFile is the generated file as Dependabot reads it.
type dependabotFile struct {
	Version    int                       `yaml:"version"`
	Registries map[string]map[string]any `yaml:"registries"`
	Updates    []map[string]yaml.Node    `yaml:"updates"`
	Rest       map[string]yaml.Node      `yaml:",inline"` // any other top-level key
}

// parseDependabot parses content with yaml.v3, as GitHub's YAML parser would see it.
func parseDependabot(t *testing.T, content []byte) dependabotFile {
	t.Helper()
	var f dependabotFile
	if err := yaml.Unmarshal(content, &f); err != nil {
		t.Fatalf("the file does not parse: %v\n%s", err, content)
	}
	return f
}

// TestDependabotFileParses parses every rendered file back with yaml.v3 and checks each
// registry's fields against the spec: the OIDC fields GitHub documents, with string values
// (an account ID that YAML read as a number would lose leading zeros), the endpoint URL, and
// updates entries that use every registry and only defined ones.
func TestDependabotFileParses(t *testing.T) {
	wantType := map[string]string{"npm": "npm-registry", "pypi": "python-index", "maven": "maven-repository", "nuget": "nuget-feed", "ruby": "rubygems-server"}
	wantEco := map[string]string{"npm-registry": "npm", "python-index": "pip", "maven-repository": "maven", "nuget-feed": "nuget", "rubygems-server": "bundler"}
	for _, c := range dependabotCases {
		m := load(t, c.spec)
		d, err := RenderDependabot(m, c.req)
		if err != nil || len(d.Files) == 0 {
			continue // refusals are checked by the golden test
		}
		t.Run(c.name, func(t *testing.T) {
			f := parseDependabot(t, d.Files[0].Content)
			if f.Version != 2 || len(f.Rest) != 0 {
				t.Errorf("version %d, unknown top-level keys %v", f.Version, f.Rest)
			}
			if len(f.Registries) != len(d.Registries) || len(f.Registries) == 0 {
				t.Fatalf("%d registries in the file, %d rendered", len(f.Registries), len(d.Registries))
			}
			account := cmp.Or(c.req.DomainOwner, m.Domain.Owner)
			for _, g := range d.Registries {
				r := f.Registries[g.Name]
				for key, want := range map[string]any{
					"type": wantType[g.Repository.Format], "aws-region": m.Domain.Region, "account-id": account,
					"role-name": c.req.Role, "domain": m.Domain.Name, "domain-owner": account, "audience": m.GitHub.Audience,
				} {
					if r[key] != want {
						t.Errorf("registry %s: %s = %#v (%T), want %#v", g.Name, key, r[key], r[key], want)
					}
				}
				url, _ := r["url"].(string)
				prefix := fmt.Sprintf("https://%s-%s.d.codeartifact.%s.amazonaws.com/%s/%s/", m.Domain.Name, account, m.Domain.Region, g.Repository.Format, g.Repository.Name)
				if !strings.HasPrefix(url, prefix) || (g.Repository.Format == "nuget") != strings.HasSuffix(url, "/v3/index.json") {
					t.Errorf("registry %s: url %s, want %s (plus v3/index.json for nuget)", g.Name, url, prefix)
				}
				if rb, set := r["replaces-base"]; set && (rb != true || g.Repository.Format == "nuget") {
					t.Errorf("registry %s: replaces-base %v", g.Name, rb)
				}
				for _, k := range []string{"username", "password", "token"} {
					if _, ok := r[k]; ok {
						t.Errorf("registry %s has %s: OIDC takes their place", g.Name, k)
					}
				}
			}
			used := map[string]bool{}
			for _, u := range f.Updates {
				var eco, dir string
				var regs []string
				var sched struct{ Interval string }
				for k, v := range map[string]any{"package-ecosystem": &eco, "directory": &dir, "registries": &regs, "schedule": &sched} {
					n := u[k]
					if err := n.Decode(v); err != nil {
						t.Errorf("updates: %s: %v", k, err)
					}
				}
				if dir != "/" || sched.Interval == "" || len(regs) == 0 {
					t.Errorf("updates entry %s: directory %q, interval %q, registries %v", eco, dir, sched.Interval, regs)
				}
				for _, name := range regs {
					typ, _ := f.Registries[name]["type"].(string)
					if typ == "" || wantEco[typ] != eco {
						t.Errorf("updates entry %s uses registry %s of type %q", eco, name, typ)
					}
					used[name] = true
				}
			}
			for name := range f.Registries {
				if !used[name] {
					t.Errorf("registry %s is used by no updates entry", name)
				}
			}
		})
	}
}

// dependabotSpec returns a spec with an npm repository, a read-only policy and roles whose
// trust rules are given (YAML lines under roles:), loaded into a model.
func dependabotSpec(t *testing.T, github, roles string) *model.Model {
	t.Helper()
	src := `version: 1
domain: {name: acme, region: eu-west-1, owner: "012345678901"}
repositories:
  - {name: npm, format: npm}
` + github + `
policies:
  - {name: Read, read: [npm]}
  - name: Publish
    publish: [{repository: npm}]
roles:
` + roles
	l := generator.Load("dependabot.yaml", []byte(src))
	if l.Model == nil {
		t.Fatalf("the spec has errors:\n%v\n%s", l.Diagnostics, src)
	}
	return l.Model
}

const acmeGitHub = "github: {owner: acme, oidc_provider: create}"

// TestDependabotRoleChecks is the table of the role checks: what the role's trust admits of
// the tokens of the application repository decides the verdict, and the verdict decides
// the diagnostics. The subject is undocumented, so BOT001 comes with every file.
func TestDependabotRoleChecks(t *testing.T) {
	cases := []struct {
		name, github, roles, appRepo string
		want                         Admission
		codes                        []string
	}{
		{"every repository, any context", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: ["*"], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app", EveryContext, []string{"BOT001"}},
		{"the repository, any context", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: [app], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app", EveryContext, []string{"BOT001"}},
		{"the repository inferred from the role", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: [app], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"", EveryContext, []string{"BOT001"}},
		{"a prefix pattern that covers the repository", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: ["app*"], any_context: true, silence: [{lint: TRUST003, reason: every app repository}, {lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app-web", EveryContext, []string{"BOT001"}},
		{"main and pull requests only", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: [app], branches: [main], pull_requests: true}]}`,
			"acme/app", SomeContexts, []string{"BOT001", "BOT003"}},
		{"any context, but a required claim", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: [app], any_context: true, require: {ref: refs/heads/main}, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app", SomeContexts, []string{"BOT001", "BOT003"}},
		{"another repository", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: [lib], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app", Refused, []string{"BOT001", "BOT002"}},
		{"another owner", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: ["*"], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme-evil/app", Refused, []string{"BOT001", "BOT002"}},
		{"a prefix trap is not taken for the repository", acmeGitHub, `
  - {name: r, policies: [Read], trust: [{repositories: [app], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app-evil", Refused, []string{"BOT001", "BOT002"}},
		{"a publishing role", acmeGitHub, `
  - {name: r, policies: [Publish], trust: [{repositories: [app], tags: ["v?*.?*.?*"]}]}
  - {name: read, policies: [Read], trust: [{repositories: [app], branches: [main]}]}`,
			"acme/app", SomeContexts, []string{"BOT001", "BOT003", "BOT004"}},
		{"immutable subjects with known IDs", `github: {owner: acme, owner_id: 42, oidc_provider: create, subjects: id, repository_ids: {app: 7}}`, `
  - {name: r, policies: [Read], trust: [{repositories: [app], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app", EveryContext, []string{"BOT001"}},
		{"immutable subjects, repository ID unknown", `github: {owner: acme, owner_id: 42, oidc_provider: create, subjects: id, repository_ids: {app: 7}}`, `
  - {name: r, policies: [Read], trust: [{repositories: ["*"], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/web", EveryContext, []string{"BOT001"}},
		{"both forms, both admitted", `github: {owner: acme, owner_id: 42, oidc_provider: create, subjects: both, repository_ids: {app: 7}}`, `
  - {name: r, policies: [Read], trust: [{repositories: [app], any_context: true, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app", EveryContext, []string{"BOT001"}},
		{"a custom subject template pinned to a workflow", `github: {owner: acme, oidc_provider: create, subject_claims: [repo, context, job_workflow_ref]}`, `
  - {name: r, policies: [Read], trust: [{repositories: [app], any_context: true, subject_claims: {job_workflow_ref: "acme/wf/.github/workflows/ci.yml@0123456789abcdef0123456789abcdef01234567"}, silence: [{lint: TRUST004, reason: read only for all builds}]}]}`,
			"acme/app", SomeContexts, []string{"BOT001", "BOT003"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := dependabotSpec(t, c.github, c.roles)
			d, err := RenderDependabot(m, DependabotRequest{Role: "r", AppRepo: c.appRepo})
			if err != nil {
				t.Fatal(err)
			}
			if d.Admission != c.want {
				t.Errorf("admission %v, want %v", d.Admission, c.want)
			}
			var codes []string
			for _, x := range d.Diagnostics {
				codes = append(codes, x.Code)
				if x.Pos.Line == 0 || x.Detail == "" || !strings.Contains(x.Detail, "Fix:") {
					t.Errorf("%s: want a position and a detail with a fix: %+v", x.Code, x)
				}
			}
			slices.Sort(codes)
			if !slices.Equal(codes, c.codes) {
				t.Errorf("codes %v, want %v\n%v", codes, c.codes, d.Diagnostics)
			}
			if owner, repo, err := dependabotAppRepo(m, roleNamed(m, "r"), c.appRepo); err == nil {
				confirmWithIAM(t, m, "r", owner, repo, d.Admission)
			} else {
				t.Fatal(err)
			}
			if (c.want == Refused) != (len(d.Files) == 0) {
				t.Errorf("admission %v with %d files: only a refusal stops the file", d.Admission, len(d.Files))
			}
		})
	}
}

// TestDependabotAdmissionAgreesWithIAM confirms the golden cases' verdicts with the IAM
// evaluator on concrete tokens (confirmWithIAM).
func TestDependabotAdmissionAgreesWithIAM(t *testing.T) {
	confirmed := 0
	for _, c := range dependabotCases {
		m := load(t, c.spec)
		d, err := RenderDependabot(m, c.req)
		if err != nil {
			t.Fatal(err)
		}
		owner, repo, err := dependabotAppRepo(m, roleNamed(m, c.req.Role), c.req.AppRepo)
		if err != nil {
			t.Fatal(err)
		}
		confirmed += confirmWithIAM(t, m, c.req.Role, owner, repo, d.Admission)
	}
	if confirmed == 0 {
		t.Fatal("no verdict was confirmed")
	}
}

// confirmWithIAM builds, with oidc.BuildToken, the tokens of OWNER/REPO for a push to a
// branch, a tag, a job in an environment, a pull request and an event GitHub may give
// Dependabot's jobs, in every subject form the spec trusts, and evaluates them with the
// IAM evaluator (simulate.Run): a role that admits every context must allow all of them,
// a refused one none. It returns the number of tokens checked (0 for SomeContexts, which
// concrete tokens cannot confirm).
func confirmWithIAM(t *testing.T, m *model.Model, role, owner, repo string, adm Admission) int {
	t.Helper()
	if adm == SomeContexts {
		return 0
	}
	gh := m.GitHub
	type ids struct{ owner, repo string }
	var forms []ids
	if gh.Form != oidc.IDForm {
		forms = append(forms, ids{})
	}
	if gh.Form != oidc.NameForm {
		f := ids{gh.Owner.ID, gh.Owner.RepositoryIDs[repo]}
		if f.owner == "" || owner != gh.Owner.Name {
			f.owner = "999"
		}
		if f.repo == "" || owner != gh.Owner.Name {
			f.repo = "998"
		}
		forms = append(forms, f)
	}
	extra := map[string]string{}
	for _, c := range gh.Template {
		extra[c] = "x"
	}
	delete(extra, "repo")
	delete(extra, "context")
	checked := 0
	for _, job := range []oidc.Job{
		{Ref: "refs/heads/main", Event: "push"},
		{Ref: "refs/tags/v1.0.0", Event: "push"},
		{Ref: "refs/heads/main", Environment: "dependabot", Event: "push"},
		{Ref: "refs/pull/1/merge", Event: "pull_request"},
		{Ref: "refs/heads/main", Event: "dynamic"},
	} {
		for _, f := range forms {
			job.Owner, job.Repository, job.OwnerID, job.RepositoryID, job.Extra = owner, repo, f.owner, f.repo, extra
			tok, err := oidc.BuildToken(job, gh.Template, gh.Audience)
			if err != nil {
				t.Fatal(err)
			}
			res, err := simulate.Run(m, tok)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res.Roles {
				if r.Name == role && r.Allowed != (adm == EveryContext) {
					t.Errorf("%s %s: IAM says allowed=%v (%s), but the admission is %v", role, tok.Claims["sub"], r.Allowed, r.Reason, adm)
				}
			}
			checked++
		}
	}
	return checked
}

// TestAdmissionOnPolicies decides hand-written trust policies that the generator never
// renders but IAM accepts: statements that cover the repository's subjects only together,
// a Deny, an operator the check does not model, another audience.
func TestAdmissionOnPolicies(t *testing.T) {
	const sub = "repo:acme/app:*"
	statement := func(op, subs, aud string) string {
		audCond := `"token.actions.githubusercontent.com:aud":"` + aud + `"`
		subCond := `"token.actions.githubusercontent.com:sub":[` + subs + `]`
		cond := `"StringEquals":{` + audCond + `},"` + op + `":{` + subCond + `}`
		if op == "StringEquals" {
			cond = `"StringEquals":{` + audCond + `,` + subCond + `}`
		}
		return `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},` +
			`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{` + cond + `}}`
	}
	deny := `{"Effect":"Deny","Principal":{"Federated":"*"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:pull_request"}}}`
	for _, c := range []struct {
		name       string
		statements []string
		want       Admission
	}{
		{"one statement, every context", []string{statement("StringLike", `"repo:acme/app:*"`, "sts.amazonaws.com")}, EveryContext},
		{"two statements that cover it only together", []string{
			statement("StringLike", `"repo:acme/app:?*"`, "sts.amazonaws.com"),
			statement("StringEquals", `"repo:acme/app:"`, "sts.amazonaws.com"),
		}, EveryContext},
		{"one of the two alone", []string{statement("StringLike", `"repo:acme/app:?*"`, "sts.amazonaws.com")}, SomeContexts},
		{"a deny beside it", []string{statement("StringLike", `"repo:acme/app:*"`, "sts.amazonaws.com"), deny}, SomeContexts},
		{"an operator not modelled", []string{statement("StringLikeIfExists", `"repo:acme/app:*"`, "sts.amazonaws.com")}, SomeContexts},
		{"another audience", []string{statement("StringLike", `"repo:acme/app:*"`, "example.com")}, Refused},
		{"another repository", []string{statement("StringLike", `"repo:acme/lib:*", "repo:acme/app-*:*"`, "sts.amazonaws.com")}, Refused},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := trust.ParsePolicy([]byte(`{"Version":"2012-10-17","Statement":[` + strings.Join(c.statements, ",") + `]}`))
			if err != nil {
				t.Fatal(err)
			}
			if got := admission(p, oidc.GitHubCom(), "sts.amazonaws.com", sub); got != c.want {
				t.Errorf("admission %v, want %v", got, c.want)
			}
		})
	}
}

func roleNamed(m *model.Model, name string) *model.Role {
	for _, r := range m.Roles {
		if r.Name == name {
			return r
		}
	}
	return nil
}

func TestDependabotUsageErrors(t *testing.T) {
	m := load(t, "specs/ontopix.yaml")
	for _, req := range []DependabotRequest{
		{},                               // no role: never guessed
		{Role: "NoSuchRole"},             // unknown role
		{Role: readRole},                 // "*" repositories: the application repository cannot be inferred
		{Role: readRole, AppRepo: "app"}, // not OWNER/NAME
		{Role: readRole, AppRepo: "ontopix/app", DomainOwner: "12345"},
	} {
		_, err := RenderDependabot(m, req)
		var usage *UsageError
		if !errors.As(err, &usage) {
			t.Errorf("%+v: err %v, want a usage error", req, err)
		}
	}
	full := load(t, "testdata/cases/full-options/spec.yaml")
	if _, err := RenderDependabot(full, DependabotRequest{Role: full.Roles[0].Name, AppRepo: "x/y", DomainOwner: "999999999999"}); err == nil {
		t.Error("a --domain-owner that differs from domain.owner was accepted")
	}
}

// TestDependabotWritesThroughTheKitFamily writes the file with the kit's output family:
// a hand-written dependabot.yml is refused, a generated one is replaced, and check mode
// finds no change after a write.
func TestDependabotWritesThroughTheKitFamily(t *testing.T) {
	d, err := RenderDependabot(load(t, "specs/ontopix.yaml"), dependabotCases[0].req)
	if err != nil || len(d.Files) != 1 {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if w, err := Write(dir, d.Files); err != nil || !w[0].Changed {
		t.Fatalf("%v %v", w, err)
	}
	if w, err := Write(dir, d.Files); err != nil || w[0].Changed {
		t.Fatalf("second write: %v %v", w, err)
	}
	other := t.TempDir()
	handWritten := filepath.Join(other, filepath.FromSlash(DependabotPath))
	if err := os.MkdirAll(filepath.Dir(handWritten), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(handWritten, []byte("version: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Write(other, d.Files)
	var foreign *output.ForeignFileError
	if !errors.As(err, &foreign) {
		t.Fatalf("a hand-written %s was not refused: %v", DependabotPath, err)
	}
	if got, _ := os.ReadFile(handWritten); string(got) != "version: 2\n" {
		t.Errorf("the hand-written file was changed: %q", got)
	}
}
