package kit

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/generator/simulate"
	"github.com/ontopix/codeartifact-gen/generator/trust"
	"github.com/ontopix/codeartifact-gen/internal/modeltest"
)

// update rewrites the golden files under testdata/kit: go test ./generator/kit -update.
// Review the diff before committing it.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/kit")

// repoRoot is the repository root relative to this package's directory.
const repoRoot = "../.."

const (
	readRole       = "GitHubActions-CodeArtifact-ReadRole"
	publishRole    = "GitHubActions-CodeArtifact-PublishRole"
	productionRole = "GitHubActions-CodeArtifact-ProductionRelease"
	sensitiveRole  = "GitHubActions-CodeArtifact-SensitiveRepo"
)

// load returns the model of a spec, by its path relative to the repository root.
func load(t *testing.T, label string) *model.Model { return modeltest.Load(t, repoRoot, label) }

// goldenCases are the kits compared with testdata/kit/<name>/.
var goldenCases = append([]goldenCase{
	{"ontopix-npm", "specs/ontopix.yaml", Request{Roles: []string{readRole, publishRole}, Tool: NPM}},
	// The release's dependencies job finds the read-only role by itself.
	{"ontopix-twine-production", "specs/ontopix.yaml", Request{Roles: []string{productionRole}, Tool: Twine}},
	{"ontopix-pip-read", "specs/ontopix.yaml", Request{Roles: []string{readRole}, Tool: Pip}},
	// Immutable subjects and an enterprise issuer.
	{"enterprise-npm", "testdata/cases/enterprise-immutable/spec.yaml", Request{Roles: []string{"octo-ci"}, Tool: NPM, AppRepo: "octo-org/octo-lib"}},
	// China: the audience is sts.amazonaws.com.cn, the ARNs aws-cn.
	{"china-pip", "testdata/cases/china-partition/spec.yaml", Request{Roles: []string{"ci"}, Tool: Pip}},
	{"infra", "", Request{}},
}, toolCases()...)

// goldenCase is a kit compared with testdata/kit/<name>/.
type goldenCase struct {
	name string
	spec string // "" for the infra target
	req  Request
}

// everyFormat is the kit's own spec, with a repository of every format a tool uses.
const everyFormat = "generator/kit/testdata/every-format.yaml"

// toolCases renders every tool against everyFormat: the CI and release workflows (the CI
// workflow alone for pip, which cannot publish).
func toolCases() []goldenCase {
	var cases []goldenCase
	for _, t := range toolTable() {
		roles := []string{"ci", "release"}
		if !t.Publishes() {
			roles = roles[:1]
		}
		cases = append(cases, goldenCase{"tool-" + t.Name, everyFormat, Request{Roles: roles, Tool: t.Name}})
	}
	return cases
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			var files []File
			if c.spec == "" {
				var err error
				if files, err = RenderInfra(InfraRequest{}); err != nil {
					t.Fatal(err)
				}
			} else {
				k, err := Render(load(t, c.spec), c.req)
				if err != nil {
					t.Fatal(err)
				}
				files = k.Files
			}
			compareGolden(t, filepath.Join(repoRoot, "testdata", "kit", c.name), files)
		})
	}
}

// compareGolden compares files with the directory's, every file of it: a file the kit no
// longer renders fails too.
func compareGolden(t *testing.T, dir string, files []File) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			path := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.Content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		want[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatalf("%v (run go test ./generator/kit -update to create the golden files)", err)
	}
	for _, f := range files {
		w, ok := want[f.Path]
		switch {
		case !ok:
			t.Errorf("%s is rendered but not in %s", f.Path, dir)
		case !bytes.Equal(w, f.Content):
			t.Errorf("%s differs from %s (run with -update and review the diff):\n%s", f.Path, dir, f.Content)
		}
		delete(want, f.Path)
	}
	for path := range want {
		t.Errorf("%s is in %s but no longer rendered", path, dir)
	}
}

// specLabels returns every spec of the repository that loads without errors.
func specLabels(t *testing.T) []string {
	t.Helper()
	labels := []string{}
	for _, glob := range []string{"specs/*.yaml", "testdata/cases/*/spec.yaml", everyFormat} {
		found, err := filepath.Glob(filepath.Join(repoRoot, glob))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			rel, _ := filepath.Rel(repoRoot, f)
			labels = append(labels, filepath.ToSlash(rel))
		}
	}
	return labels
}

// combination is one request the exhaustive tests render.
type combination struct {
	spec string
	m    *model.Model
	req  Request
}

func (c combination) String() string {
	return fmt.Sprintf("%s %s --tool %s --app-repo %s", c.spec, strings.Join(c.req.Roles, " "), c.req.Tool, c.req.AppRepo)
}

// combinations returns every role (alone, and each read-only role with each role that can
// publish) × tool × application repository (OWNER/app, and each repository a role names)
// of every spec that loads without errors.
func combinations(t *testing.T) []combination {
	t.Helper()
	var all []combination
	for _, label := range specLabels(t) {
		src, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(label)))
		if err != nil {
			t.Fatal(err)
		}
		l := generator.Load(label, src)
		if l.Model == nil {
			continue
		}
		m := l.Model
		var roleSets [][]string
		for _, r := range m.Roles {
			roleSets = append(roleSets, []string{r.Name})
		}
		for _, ci := range m.Roles {
			for _, rel := range m.Roles {
				if !ci.Publishes() && rel.Publishes() {
					roleSets = append(roleSets, []string{ci.Name, rel.Name})
				}
			}
		}
		apps := []string{m.GitHub.Owner.Name + "/app"}
		for _, r := range m.Roles {
			for _, rule := range r.Rules {
				for _, repo := range rule.Rule.Repositories {
					if !trust.HasWildcard(repo) {
						apps = append(apps, m.GitHub.Owner.Name+"/"+repo)
					}
				}
			}
		}
		apps = uniq(apps)
		for _, roles := range roleSets {
			for _, tool := range Tools() {
				for _, app := range apps {
					all = append(all, combination{spec: label, m: m, req: Request{Roles: roles, Tool: tool, AppRepo: app}})
				}
			}
		}
	}
	return all
}

// TestEveryKit renders every combination. Each kit that renders must pass actionlint, send
// only tokens its roles admit (checked again from the workflow files themselves), and have
// a Taskfile with the expected tasks; each refusal caused by a token must name its subject,
// and IAM must indeed refuse that token.
func TestEveryKit(t *testing.T) {
	linter := newLinter(t)
	var rendered, refused, workflows int
	for _, c := range combinations(t) {
		k, err := Render(c.m, c.req)
		var refusal *RefusedError
		var usage *UsageError
		switch {
		case errors.As(err, &refusal):
			refused++
			checkRefusal(t, c, refusal)
			continue
		case errors.As(err, &usage):
			continue // several repositories or environments to choose from, for example
		case err != nil:
			t.Errorf("%s: %v", c, err)
			continue
		}
		rendered++
		for _, job := range k.Jobs {
			for _, check := range job.Checks {
				if !check.Allowed {
					t.Errorf("%s: job %s sends %s, which %s refuses: %s", c, job.ID, check.Subject(), job.Role, check.Reason)
				}
			}
		}
		for _, f := range k.Files {
			if strings.HasPrefix(f.Path, ".github/workflows/") {
				workflows++
				lint(t, linter, c.String(), f)
				checkWorkflowTokens(t, c, f)
			}
		}
		checkTaskfile(t, c, k)
	}
	infra, err := RenderInfra(InfraRequest{})
	if err != nil {
		t.Fatal(err)
	}
	lint(t, linter, "infra", infra[0])
	workflows++
	t.Logf("%d kits rendered (%d workflows linted), %d combinations refused", rendered, workflows, refused)
	if rendered < 20 || refused < 20 {
		t.Errorf("only %d kits rendered and %d refused: the combinations no longer cover the specs", rendered, refused)
	}
}

// checkRefusal asserts that a refusal caused by tokens names each token's subject, and that
// IAM's evaluator refuses each of them.
func checkRefusal(t *testing.T, c combination, e *RefusedError) {
	t.Helper()
	for _, check := range e.Checks {
		if !strings.Contains(e.Error(), check.Subject()) {
			t.Errorf("%s: the refusal does not name the subject %s:\n%v", c, check.Subject(), e)
		}
		res, err := simulate.Run(c.m, oidc.Token{Claims: check.Claims})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Roles {
			if slices.Contains(c.req.Roles, r.Name) && strings.Contains(e.Summary, "role "+r.Name+":") && r.Allowed {
				t.Errorf("%s: refused %s, but %s admits it", c, check.Subject(), r.Name)
			}
		}
	}
}

// newLinter returns actionlint as a library, without shellcheck and pyflakes.
func newLinter(t *testing.T) *actionlint.Linter {
	t.Helper()
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: "", Pyflakes: ""})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// pinned matches a uses: reference pinned to a commit, with its version comment.
var pinned = regexp.MustCompile(`@[0-9a-f]{40} # (v[0-9]+)\.[0-9.]+`)

// lint runs actionlint on the workflow, and again with each action pinned to its major
// version tag instead of its commit: actionlint knows the inputs of popular actions by tag,
// so the second run also checks every with: key against the action's metadata.
func lint(t *testing.T, l *actionlint.Linter, name string, f File) {
	t.Helper()
	byTag := pinned.ReplaceAll(f.Content, []byte("@$1"))
	if bytes.Equal(byTag, f.Content) {
		t.Errorf("%s: %s pins no action to a commit", name, f.Path)
	}
	for _, content := range [][]byte{f.Content, byTag} {
		errs, err := l.Lint(f.Path, content, nil)
		if err != nil {
			t.Fatalf("%s: %s: %v", name, f.Path, err)
		}
		for _, e := range errs {
			t.Errorf("%s: actionlint: %v\n%s", name, e, content)
		}
	}
}

// workflow is the part of a rendered workflow the token check reads.
type workflow struct {
	On struct {
		PullRequest *yaml.Node `yaml:"pull_request"`
		Push        struct {
			Branches []string `yaml:"branches"`
			Tags     []string `yaml:"tags"`
		} `yaml:"push"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Environment string            `yaml:"environment"`
		Permissions map[string]string `yaml:"permissions"`
		Needs       yaml.Node         `yaml:"needs"`
		Steps       []struct {
			Name string            `yaml:"name"`
			If   string            `yaml:"if"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// idToken reports whether the job may request an OIDC token: its own permissions say
// id-token: write, or it has none and the workflow's do.
func (w *workflow) idToken(job string) bool {
	perms := w.Jobs[job].Permissions
	if perms == nil {
		perms = w.Permissions
	}
	return perms["id-token"] == "write"
}

var roleARN = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\$\{\{ secrets\.AWS_ACCOUNT_ID \}\}:role/([\w+=,.@-]+)$`)

// checkWorkflowTokens reads the workflow as GitHub would, builds the token of every trigger
// of every job, and asserts that the role the job assumes admits it. It does not trust
// Render's own checks: it starts from the file.
func checkWorkflowTokens(t *testing.T, c combination, f File) {
	t.Helper()
	var w workflow
	if err := yaml.Unmarshal(f.Content, &w); err != nil {
		t.Fatalf("%s: %s: %v", c, f.Path, err)
	}
	owner, repo, _ := strings.Cut(c.req.AppRepo, "/")
	type trig struct{ ref, event string }
	var trigs []trig
	for _, b := range w.On.Push.Branches {
		trigs = append(trigs, trig{"refs/heads/" + sample(b, branchStar), "push"})
	}
	for _, tag := range w.On.Push.Tags {
		trigs = append(trigs, trig{"refs/tags/" + sample(strings.ReplaceAll(tag, "[0-9a-zA-Z]", "?"), tagStar), "push"})
	}
	if events(t, f)["pull_request"] {
		trigs = append(trigs, trig{"refs/pull/1/merge", "pull_request"})
	}
	if !slices.Equal(c.m.GitHub.Template, oidc.DefaultTemplate) {
		t.Logf("%s: custom subject template %v; the workflow's tokens are checked by Render only", c, c.m.GitHub.Template)
		return
	}
	if len(trigs) == 0 || len(w.Jobs) == 0 {
		t.Fatalf("%s: %s has no trigger or no job", c, f.Path)
	}
	for id, job := range w.Jobs {
		var role string
		for _, s := range job.Steps {
			if strings.HasPrefix(s.Uses, "aws-actions/configure-aws-credentials@") {
				m := roleARN.FindStringSubmatch(s.With["role-to-assume"])
				if m == nil {
					t.Fatalf("%s: %s job %s: role-to-assume %q", c, f.Path, id, s.With["role-to-assume"])
				}
				role = m[1]
				if s.With["aws-region"] != c.m.Domain.Region {
					t.Errorf("%s: %s: aws-region %q, want %q", c, f.Path, s.With["aws-region"], c.m.Domain.Region)
				}
			}
		}
		if role == "" {
			if w.idToken(id) {
				t.Errorf("%s: %s job %s assumes no role but may request an OIDC token", c, f.Path, id)
			}
			continue
		}
		for _, tr := range trigs {
			for _, ids := range [][2]string{{}, {c.m.GitHub.Owner.ID, c.m.GitHub.Owner.RepositoryIDs[repo]}} {
				if ids != [2]string{} && (c.m.GitHub.Form == oidc.NameForm || ids[0] == "" || ids[1] == "") {
					continue
				}
				if ids == [2]string{} && c.m.GitHub.Form == oidc.IDForm {
					continue
				}
				claims := map[string]string{}
				for k, v := range c.req.Claims {
					claims[k] = v
				}
				tok, err := oidc.BuildToken(oidc.Job{
					Owner: owner, Repository: repo, OwnerID: ids[0], RepositoryID: ids[1],
					Ref: tr.ref, Environment: job.Environment, Event: tr.event, Extra: claims,
				}, c.m.GitHub.Template, c.m.GitHub.Audience)
				if err != nil {
					t.Fatalf("%s: %v", c, err)
				}
				res, err := simulate.Run(c.m, tok)
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(res.Roles, func(r simulate.Role) bool { return r.Name == role })
				if i < 0 {
					t.Fatalf("%s: %s assumes %s, which the spec lacks", c, f.Path, role)
				}
				if !res.Roles[i].Allowed {
					t.Errorf("%s: %s job %s on %s %s sends %s, which %s refuses: %s", c, f.Path, id, tr.event, tr.ref, tok.Claims["sub"], role, res.Roles[i].Reason)
				}
			}
		}
	}
}

// checkTaskfile asserts that the Taskfile parses as YAML and has its tasks, each with a
// desc (task --list shows only those): deps:login, deps:install and, with a role that can
// publish, release:publish.
func checkTaskfile(t *testing.T, c combination, k *Kit) {
	t.Helper()
	i := slices.IndexFunc(k.Files, func(f File) bool { return f.Path == TaskfilePath })
	if i < 0 {
		t.Fatalf("%s: no %s", c, TaskfilePath)
	}
	var tf struct {
		Version string            `yaml:"version"`
		Vars    map[string]string `yaml:"vars"`
		Tasks   map[string]struct {
			Desc string   `yaml:"desc"`
			Cmds []string `yaml:"cmds"`
		} `yaml:"tasks"`
	}
	if err := yaml.Unmarshal(k.Files[i].Content, &tf); err != nil {
		t.Fatalf("%s: %s: %v", c, TaskfilePath, err)
	}
	want := []string{"deps:install", "deps:login"}
	if slices.ContainsFunc(k.Jobs, func(j Job) bool { return j.Workflow == ReleasePath }) {
		want = append(want, "release:publish")
	}
	var got []string
	for name, task := range tf.Tasks {
		got = append(got, name)
		if task.Desc == "" {
			t.Errorf("%s: task %s has no desc", c, name)
		}
		if len(task.Cmds) == 0 {
			t.Errorf("%s: task %s has no cmds", c, name)
		}
	}
	slices.Sort(got)
	if tf.Version != "3" || !slices.Equal(got, want) {
		t.Errorf("%s: Taskfile version %q with tasks %v, want version 3 with %v", c, tf.Version, got, want)
	}
	// Every task logs in by itself, with a token that lives as long as a role session, and
	// writes nothing outside the repository: no aws codeartifact login (which rewrites the
	// user-wide configuration), no tool configuration command.
	login := tf.Vars["CODEARTIFACT_LOGIN"]
	wantToken := fmt.Sprintf("aws codeartifact get-authorization-token --domain %s --domain-owner ", c.m.Domain.Name)
	if !strings.Contains(login, wantToken) || !strings.Contains(login, fmt.Sprintf(" --region %s --duration-seconds %d ", c.m.Domain.Region, sessionSeconds)) {
		t.Errorf("%s: the Taskfile's login %q lacks %s... --region %s --duration-seconds %d", c, login, wantToken, c.m.Domain.Region, sessionSeconds)
	}
	for name, task := range tf.Tasks {
		for _, cmd := range task.Cmds {
			if !strings.HasPrefix(cmd, "{{.CODEARTIFACT_LOGIN}}\n") {
				t.Errorf("%s: task %s does not log in first: %q", c, name, cmd)
			}
			for _, bad := range writesOutside {
				if strings.Contains(cmd+login, bad) {
					t.Errorf("%s: task %s runs %q, which writes outside the repository", c, name, bad)
				}
			}
		}
	}
}

// writesOutside are commands that write the user's configuration, outside the repository.
var writesOutside = []string{"codeartifact login", "npm config set", "pip config", "poetry config", "yarn config set", "dotnet nuget add", "cargo login", "~/", "$HOME"}

// TestRefusals checks the combinations that must be refused, and what the refusal says.
func TestRefusals(t *testing.T) {
	m := load(t, "specs/ontopix.yaml")
	cases := []struct {
		name string
		req  Request
		want []string // substrings of the message
	}{
		{
			"tag-only role in an environment",
			Request{Roles: []string{publishRole}, Tool: NPM, Environment: "production"},
			[]string{
				"GitHub would send the subject repo:ontopix/app:environment:production",
				"admits the subjects repo:ontopix/app:ref:refs/tags/v?*.?*.?*, repo:ontopix/lib:ref:refs/tags/v?*.?*.?*",
				"drop --environment",
				"use a role whose trust policy admits these tokens: " + productionRole,
			},
		},
		{
			"environment role in another environment",
			Request{Roles: []string{productionRole}, Tool: Twine, Environment: "staging"},
			[]string{"repo:ontopix/app:environment:staging", "repo:ontopix/app:environment:production", "--environment (production)"},
		},
		{
			"role for one repository, used from another",
			Request{Roles: []string{sensitiveRole}, Tool: NPM, AppRepo: "ontopix/app"},
			[]string{"repo:ontopix/app:ref:refs/tags/v1.1.1", "repo:ontopix/sensitive-repo:ref:refs/tags/v?*.?*.?*", "--app-repo"},
		},
		{
			"pip cannot publish",
			Request{Roles: []string{readRole, publishRole}, Tool: Pip},
			[]string{"pip cannot publish", "--tool twine"},
		},
		{
			"read-only role for a release",
			Request{Roles: []string{"release=" + readRole}, Tool: NPM},
			[]string{readRole + " can only read"},
		},
		{
			"publishing role for CI",
			Request{Roles: []string{"ci=" + publishRole}, Tool: NPM},
			[]string{publishRole + " can publish, so it must not run CI builds"},
		},
		{
			"repository of the wrong role",
			Request{Roles: []string{readRole}, Tool: NPM, Repository: "npm-upstream"},
			[]string{"repository npm-upstream cannot be used: role " + readRole + " cannot read it"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Render(m, c.req)
			var refused *RefusedError
			if !errors.As(err, &refused) {
				t.Fatalf("got %v, want a refusal", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the refusal lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestAllowedChecks asserts the evidence of the golden kits: every job checked at least one
// token, each admitted by its role, with the subject GitHub sends for the trigger.
func TestAllowedChecks(t *testing.T) {
	m := load(t, "specs/ontopix.yaml")
	k, err := Render(m, Request{Roles: []string{readRole, publishRole}, Tool: NPM})
	if err != nil {
		t.Fatal(err)
	}
	subjects := map[string][]string{}
	for _, j := range k.Jobs {
		for _, c := range j.Checks {
			if !c.Allowed {
				t.Errorf("%s: %s refused: %s", j.Role, c.Subject(), c.Reason)
			}
			subjects[j.ID+" "+j.Role] = append(subjects[j.ID+" "+j.Role], c.Subject())
		}
	}
	want := map[string][]string{
		"build " + readRole:        {"repo:ontopix/app:ref:refs/heads/main", "repo:ontopix/app:pull_request"},
		"dependencies " + readRole: {"repo:ontopix/app:ref:refs/tags/v1.1.1"},
		"publish " + publishRole:   {"repo:ontopix/app:ref:refs/tags/v1.1.1"},
	}
	if len(subjects) != len(want) {
		t.Errorf("jobs checked: %v, want %v", subjects, want)
	}
	for job, w := range want {
		if !slices.Equal(subjects[job], w) {
			t.Errorf("%s checked %v, want %v", job, subjects[job], w)
		}
	}
	// The production release runs its publish job in the environment; its dependencies job
	// takes the only read-only role that admits the release's tags, in no environment.
	k, err = Render(m, Request{Roles: []string{productionRole}, Tool: Twine})
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Jobs) != 2 {
		t.Fatalf("production release: jobs %+v", k.Jobs)
	}
	if j := k.Jobs[0]; j.ID != "dependencies" || j.Role != readRole || j.Environment != "" || j.Checks[0].Subject() != "repo:ontopix/app:ref:refs/tags/v1.0.0" {
		t.Errorf("production release dependencies: %+v", j)
	}
	if j := k.Jobs[1]; j.Environment != "production" || j.Checks[0].Subject() != "repo:ontopix/app:environment:production" || !j.Checks[0].Allowed {
		t.Errorf("production release: environment %q, checks %+v", j.Environment, j.Checks)
	}
	// During the migration to immutable subjects both forms are checked, and the release
	// token carries the tag its role requires besides the environment. (The whole release
	// is refused: no read-only role of that spec admits its tags; the publish job alone is
	// checked here.)
	octo := load(t, "testdata/cases/enterprise-immutable/spec.yaml")
	_, err = Render(octo, Request{Roles: []string{"octo-release"}, Tool: NPM, AppRepo: "octo-org/octo-lib"})
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Code != CodeDependencies {
		t.Errorf("octo release: got %v, want a %s refusal", err, CodeDependencies)
	}
	p := &plan{m: octo, req: Request{Roles: []string{"octo-release"}, Tool: NPM, AppRepo: "octo-org/octo-lib"}, tool: lookupTool(NPM), format: "npm"}
	for _, step := range []func() error{p.resolveRoles, p.resolveAppRepo, p.resolveRepository, p.planRelease} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	job, err := p.verify(p.release)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range job.Checks {
		got = append(got, c.Subject()+" "+c.Claims["ref"])
	}
	wantOcto := []string{
		"repo:octo-org/octo-lib:environment:production refs/tags/v1.0.0",
		"repo:octo-org@123456/octo-lib@7891012:environment:production refs/tags/v1.0.0",
	}
	if !slices.Equal(got, wantOcto) {
		t.Errorf("octo-release checked %v, want %v", got, wantOcto)
	}
}

func TestUsageErrors(t *testing.T) {
	m := load(t, "specs/ontopix.yaml")
	for _, req := range []Request{
		{Tool: NPM},
		{Roles: []string{"NoSuchRole"}, Tool: NPM},
		{Roles: []string{readRole}, Tool: "maven"},
		{Roles: []string{readRole}},
		{Roles: []string{readRole, readRole}, Tool: NPM},
		{Roles: []string{publishRole, productionRole}, Tool: NPM},
		{Roles: []string{readRole}, Tool: NPM, Repository: "pypi"},
		{Roles: []string{readRole}, Tool: NPM, AppRepo: "no-slash"},
		{Roles: []string{publishRole}, Tool: NPM, Environment: "prod-*"},
	} {
		_, err := Render(m, req)
		var usage *UsageError
		if !errors.As(err, &usage) {
			t.Errorf("%+v: got %v, want a usage error", req, err)
		}
	}
}

func TestPatterns(t *testing.T) {
	for _, c := range []struct{ iam, filter, tag string }{
		{"v*", "v*", "v1.0.0"},
		{"v?*.?*.?*", "v[0-9a-zA-Z]*.[0-9a-zA-Z]*.[0-9a-zA-Z]*", "v1.1.1"},
		{"release-?", "release-[0-9a-zA-Z]", "release-1"},
		{"v1.0.0", "v1.0.0", "v1.0.0"},
		{"c++!", `c\+\+\!`, "c++!"},
	} {
		if got := githubFilter(c.iam); got != c.filter {
			t.Errorf("githubFilter(%q) = %q, want %q", c.iam, got, c.filter)
		}
		if got := sample(c.iam, tagStar); got != c.tag || !trust.Matches(c.iam, got) {
			t.Errorf("sample(%q) = %q, want %q, matched by the pattern", c.iam, got, c.tag)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files := []File{
		{Path: ".github/workflows/ci.yaml", Content: []byte(header("from x") + "\nname: ci\n")},
		{Path: "Taskfile.codeartifact.yaml", Content: []byte(header("from x") + "\nversion: \"3\"\n")},
	}
	written, err := Write(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 || !written[0].Changed || !written[1].Changed {
		t.Fatalf("first write: %+v", written)
	}
	if written, err = Write(dir, files); err != nil || written[0].Changed || written[1].Changed {
		t.Fatalf("second write: %+v, %v", written, err)
	}
	// A hand-written file is never overwritten, and a refusal writes nothing.
	hand := filepath.Join(dir, "Taskfile.codeartifact.yaml")
	if err := os.WriteFile(hand, []byte("version: \"3\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files[0].Content = []byte(header("from x") + "\nname: changed\n")
	var foreign *output.ForeignFileError
	if _, err := Write(dir, files); !errors.As(err, &foreign) {
		t.Fatalf("got %v, want a ForeignFileError", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".github/workflows/ci.yaml")); bytes.Contains(b, []byte("changed")) {
		t.Error("a refused write changed another file")
	}
}

// TestLinterCatchesErrors guards TestEveryKit against a linter that reports nothing: the
// golden release workflow with a misspelt input and an undefined expression must fail.
func TestLinterCatchesErrors(t *testing.T) {
	k, err := Render(load(t, "specs/ontopix.yaml"), Request{Roles: []string{publishRole}, Tool: NPM})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(k.Files, func(f File) bool { return f.Path == ReleasePath })
	broken := bytes.Replace(k.Files[i].Content, []byte("role-to-assume:"), []byte("role-to-asume:"), 1)
	broken = bytes.Replace(broken, []byte("secrets.AWS_ACCOUNT_ID"), []byte("secret.AWS_ACCOUNT_ID"), 1)
	broken = pinned.ReplaceAll(broken, []byte("@$1"))
	errs, err := newLinter(t).Lint(ReleasePath, broken, nil)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range errs {
		kinds = append(kinds, e.Kind)
	}
	if !slices.Contains(kinds, "action") || !slices.Contains(kinds, "expression") {
		t.Errorf("actionlint reported %v, want an action and an expression error", errs)
	}
}
