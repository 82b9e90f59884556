package kit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/templates"
)

// renderedWorkflows returns every workflow of every kit that renders (TestEveryKit's
// combinations, and every tool against everyFormat), with the combination that made it.
func renderedWorkflows(t *testing.T) (workflows []File, from []combination) {
	t.Helper()
	all := combinations(t)
	m := load(t, everyFormat)
	for _, c := range toolCases() {
		all = append(all, combination{spec: c.spec, m: m, req: c.req})
	}
	for _, c := range all {
		k, err := Render(c.m, c.req)
		if err != nil {
			continue
		}
		for _, f := range k.Files {
			if strings.HasPrefix(f.Path, ".github/workflows/") {
				workflows = append(workflows, f)
				from = append(from, c)
			}
		}
	}
	infra, err := RenderInfra(InfraRequest{})
	if err != nil {
		t.Fatal(err)
	}
	workflows = append(workflows, infra[0])
	from = append(from, combination{spec: "--target infra"})
	if len(workflows) < 100 {
		t.Fatalf("only %d workflows rendered", len(workflows))
	}
	return workflows, from
}

// pinTable reads testdata/thirdparty/actions/action-pins.md: action (owner/repo[/path]) to
// "SHA # release".
func pinTable(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, "testdata", "thirdparty", "actions", "action-pins.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| ([\\w.-]+/[\\w.-]+)(?: \\(([\\w.-]+)\\))? \\| (v[0-9.]+) \\| `([0-9a-f]{40})` \\|")
	pins := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := row.FindStringSubmatch(sc.Text()); m != nil {
			name := m[1]
			if m[2] != "" {
				name += "/" + m[2] // gradle/actions (setup-gradle): the action in that directory
			}
			pins[name] = m[4] + " # " + m[3]
		}
	}
	if len(pins) < 10 {
		t.Fatalf("read %d pins from the table; its format changed", len(pins))
	}
	return pins
}

var usesLine = regexp.MustCompile(`(?m)^\s*(?:- )?uses:\s*(.*)$`)

// pinProblems returns what is wrong with the uses: lines of a workflow: a reference that is
// not ACTION@SHA # RELEASE exactly as the table gives it.
func pinProblems(content []byte, pins map[string]string) []string {
	var problems []string
	for _, m := range usesLine.FindAllSubmatch(content, -1) {
		ref := string(m[1])
		name, pin, _ := strings.Cut(ref, "@")
		if want, ok := pins[name]; !ok {
			problems = append(problems, fmt.Sprintf("%s is not in the pin table", name))
		} else if pin != want {
			problems = append(problems, fmt.Sprintf("%s is pinned to %q, the table says %q", name, pin, want))
		}
	}
	return problems
}

// TestPinsMatchTable: every uses: of every rendered workflow is pinned to the commit the
// copied table gives for the release named in its comment, and so is every action the kit
// knows; a pin elsewhere fails.
func TestPinsMatchTable(t *testing.T) {
	pins := pinTable(t)
	workflows, from := renderedWorkflows(t)
	uses := 0
	for i, f := range workflows {
		uses += len(usesLine.FindAll(f.Content, -1))
		for _, p := range pinProblems(f.Content, pins) {
			t.Errorf("%s: %s: %s", from[i], f.Path, p)
		}
	}
	if uses < 500 {
		t.Errorf("only %d uses: lines checked", uses)
	}
	for _, a := range []action{actions.Checkout, actions.SetupNode, actions.SetupPython, actions.SetupGo, actions.SetupJava,
		actions.SetupDotnet, actions.SetupUV, actions.SetupGradle, actions.SetupPnpm, actions.UploadArtifact,
		actions.DownloadArtifact, actions.ConfigureAWSCredentials} {
		if pins[a.Name] != a.SHA+" # "+a.Version {
			t.Errorf("actions: %s", a)
		}
	}
	// The check itself: an older release, a tag, or an unknown action are each caught.
	for _, bad := range []string{
		"      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2\n",
		"      - uses: actions/checkout@v7\n",
		"      - uses: evil/action@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n",
	} {
		if len(pinProblems([]byte(bad), pins)) != 1 {
			t.Errorf("pinProblems misses %q", bad)
		}
	}
}

// projectCommands are the commands that install, build or run a project or its
// dependencies: none of them may run in a job that can get publishing credentials.
var projectCommands = []string{
	"npm ci", "npm install", "npm run", "npm pack", "npm rebuild", "npx ",
	"pnpm install", "pnpm fetch", "pnpm pack", "pnpm run",
	"yarn install", "yarn pack", "yarn run", "corepack",
	"pip install", "pip download", "python -m build", "python -c", "uv build", "uv sync", "uv run", "uv pip",
	"poetry ", "mvn ", "gradle", "dotnet restore", "dotnet build", "dotnet pack", "dotnet test",
	"cargo build", "cargo package", "cargo fetch", "cargo test",
}

// publishCommands are the publishing clients' commands.
var publishCommands = []string{"npm publish", "uv publish", "twine upload", "curl --fail", "dotnet nuget push", "cargo publish", "mvn deploy", "gradle publish"}

// releaseProblems returns what breaks the release guarantees in a workflow: a job that may
// request an OIDC token and publishes must run no install or build command (npm publish
// with --ignore-scripts, cargo publish with --no-verify); a job that may request an OIDC
// token and does not publish assumes a role that cannot publish; no workflow runs on
// pull_request_target or workflow_run.
func releaseProblems(c combination, f File) []string {
	var w workflow
	if err := yaml.Unmarshal(f.Content, &w); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	var on struct {
		On map[string]yaml.Node `yaml:"on"`
	}
	if err := yaml.Unmarshal(f.Content, &on); err != nil {
		return []string{err.Error()}
	}
	for _, event := range []string{"pull_request_target", "workflow_run"} {
		if _, ok := on.On[event]; ok {
			problems = append(problems, "runs on "+event)
		}
	}
	for id, job := range w.Jobs {
		var runs []string
		role := ""
		for _, s := range job.Steps {
			runs = append(runs, s.Run)
			if m := roleARN.FindStringSubmatch(s.With["role-to-assume"]); m != nil {
				role = m[1]
			}
		}
		script := strings.Join(runs, "\n")
		publishes := slices.ContainsFunc(publishCommands, func(p string) bool { return strings.Contains(script, p) })
		if !w.idToken(id) {
			if role != "" {
				problems = append(problems, fmt.Sprintf("job %s assumes %s without an id-token", id, role))
			}
			continue
		}
		if publishes {
			for _, cmd := range projectCommands {
				if strings.Contains(script, cmd) {
					problems = append(problems, fmt.Sprintf("job %s can get publishing credentials and runs %q", id, cmd))
				}
			}
			if strings.Contains(script, "npm publish") && !strings.Contains(script, "--ignore-scripts") {
				problems = append(problems, fmt.Sprintf("job %s runs npm publish with lifecycle scripts", id))
			}
			if strings.Contains(script, "cargo publish") && !strings.Contains(script, "--no-verify") {
				problems = append(problems, fmt.Sprintf("job %s runs cargo publish with its build", id))
			}
			continue
		}
		if c.m != nil {
			if r := slices.IndexFunc(c.m.Roles, func(r *model.Role) bool { return r.Name == role }); r >= 0 && c.m.Roles[r].Publishes() {
				problems = append(problems, fmt.Sprintf("job %s does not publish but assumes %s, which can", id, role))
			}
		}
	}
	return problems
}

// TestNoPublishingJobRunsTheProject is the release guarantee over every rendered workflow:
// no job with id-token: write that publishes runs an install or build step of the
// project, and the check catches the single-job release the kit used to render.
func TestNoPublishingJobRunsTheProject(t *testing.T) {
	workflows, from := renderedWorkflows(t)
	releases := 0
	for i, f := range workflows {
		if f.Path == ReleasePath {
			releases++
		}
		for _, p := range releaseProblems(from[i], f) {
			t.Errorf("%s: %s: %s", from[i], f.Path, p)
		}
	}
	if releases < 20 {
		t.Errorf("only %d release workflows checked", releases)
	}
	for _, tool := range Tools() {
		if !lookupTool(tool).Publishes() {
			continue
		}
		i := slices.IndexFunc(from, func(c combination) bool { return c.req.Tool == tool })
		if i < 0 {
			t.Errorf("no workflow rendered for %s", tool)
		}
	}
	old := `name: release
on:
  push:
    tags: [v*]
permissions:
  id-token: write
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3
        with:
          role-to-assume: arn:aws:iam::${{ secrets.AWS_ACCOUNT_ID }}:role/GitHubActions-CodeArtifact-PublishRole
      - run: npm ci
      - run: npm publish
`
	if got := releaseProblems(combination{}, File{Path: ReleasePath, Content: []byte("on:\n  pull_request_target:\njobs: {}\n")}); len(got) != 1 {
		t.Errorf("pull_request_target: %v", got)
	}
	got := releaseProblems(combination{}, File{Path: ReleasePath, Content: []byte(old)})
	if len(got) != 2 {
		t.Errorf("the old release workflow: %v, want npm ci and npm publish with scripts", got)
	}
}

// TestForkPullRequestsSkipCodeArtifact: a CI workflow that runs on pull requests guards every
// step that needs the OIDC token (or the dependencies it fetches) with the fork condition,
// and says why in a notice.
func TestForkPullRequestsSkipCodeArtifact(t *testing.T) {
	workflows, from := renderedWorkflows(t)
	checked := 0
	for i, f := range workflows {
		var w workflow
		if err := yaml.Unmarshal(f.Content, &w); err != nil {
			t.Fatal(err)
		}
		if !events(t, f)["pull_request"] || f.Path != CIWorkflowPath {
			continue
		}
		checked++
		for id, job := range w.Jobs {
			notice := false
			for _, s := range job.Steps {
				needsToken := strings.HasPrefix(s.Uses, "aws-actions/") || strings.Contains(s.Run, "get-authorization-token") || s.Name == "Install dependencies"
				if needsToken && s.If != forkGuard {
					t.Errorf("%s: %s job %s step %q runs on fork pull requests (if: %q)", from[i], f.Path, id, s.Name+s.Uses, s.If)
				}
				if s.If == "${{ github.event.pull_request.head.repo.fork }}" && strings.Contains(s.Run, "::notice") {
					notice = true
				}
			}
			if !notice {
				t.Errorf("%s: %s job %s does not say why fork pull requests skip CodeArtifact", from[i], f.Path, id)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d CI workflows with pull requests checked", checked)
	}
}

// TestTokenLivesAsLongAsTheSession: every role session the workflows ask for lasts
// sessionSeconds, with the account pinned, and every CodeArtifact token they create
// expires with it (--duration-seconds 0).
func TestTokenLivesAsLongAsTheSession(t *testing.T) {
	workflows, from := renderedWorkflows(t)
	duration := regexp.MustCompile(`get-authorization-token .*--duration-seconds (\d+)`)
	sessions, tokens := 0, 0
	for i, f := range workflows {
		var w workflow
		if err := yaml.Unmarshal(f.Content, &w); err != nil {
			t.Fatal(err)
		}
		for id, job := range w.Jobs {
			for _, s := range job.Steps {
				if strings.HasPrefix(s.Uses, "aws-actions/configure-aws-credentials@") {
					sessions++
					if s.With["role-duration-seconds"] != fmt.Sprint(sessionSeconds) || s.With["allowed-account-ids"] != "${{ secrets.AWS_ACCOUNT_ID }}" {
						t.Errorf("%s: %s job %s: %v", from[i], f.Path, id, s.With)
					}
				}
				if strings.Contains(s.Run, "get-authorization-token") {
					tokens++
					if m := duration.FindStringSubmatch(s.Run); m == nil || m[1] != "0" {
						t.Errorf("%s: %s job %s: the token's lifetime is not the session's: %s", from[i], f.Path, id, s.Run)
					}
				}
				if strings.Contains(s.Run, "codeartifact login") {
					t.Errorf("%s: %s job %s runs aws codeartifact login", from[i], f.Path, id)
				}
			}
		}
	}
	if sessions < 100 || tokens < 100 { // 278 of each on 2026-11-30
		t.Errorf("checked %d role sessions and %d token requests; the rendered workflows have hundreds: the steps are no longer found", sessions, tokens)
	}
}

// TestToolTable: every tool cites its CodeArtifact User Guide page and its own
// documentation, uses a format CodeArtifact has, and has its templates.
func TestToolTable(t *testing.T) {
	if !slices.Equal(Tools(), []string{NPM, PNPM, Yarn, Pip, UV, Poetry, Twine, Maven, Gradle, NuGet, Cargo}) {
		t.Errorf("Tools() = %v", Tools())
	}
	for _, tool := range toolTable() {
		if !strings.HasPrefix(tool.Guide, "https://docs.aws.amazon.com/codeartifact/latest/ug/") || len(tool.Docs) == 0 {
			t.Errorf("%s cites %q and %v", tool.Name, tool.Guide, tool.Docs)
		}
		if _, ok := aws.LookupFormat(tool.Format); !ok {
			t.Errorf("%s: format %q", tool.Name, tool.Format)
		}
		if tool.Install == "" || len(tool.Requires) == 0 {
			t.Errorf("%s: no install command or no required command", tool.Name)
		}
		for _, c := range tool.Configs {
			if _, err := templates.Kit.Open("kit/" + c.Template); err != nil {
				t.Errorf("%s: %v", tool.Name, err)
			}
		}
		if r := tool.Release; r != nil && (r.Fetch == "" || r.Build == "" || r.Publish == "" || r.PublishNote == "" || r.TaskPublish == "" || r.DepsPath == "") {
			t.Errorf("%s: incomplete release %+v", tool.Name, r)
		}
	}
	for _, format := range []string{"npm", "pypi", "maven", "nuget", "cargo"} {
		if len(toolsFor(format)) == 0 {
			t.Errorf("no tool for %s", format)
		}
	}
}

// TestAppRepoFromRole: without --app-repo, a role whose trust names one repository is used
// from that repository, and the fixes of a refusal never suggest what is already so.
func TestAppRepoFromRole(t *testing.T) {
	m := load(t, "specs/ontopix.yaml")
	k, err := Render(m, Request{Roles: []string{sensitiveRole}, Tool: NPM})
	if err != nil {
		t.Fatal(err)
	}
	if got := k.Jobs[len(k.Jobs)-1].Checks[0].Subject(); got != "repo:ontopix/sensitive-repo:ref:refs/tags/v1.1.1" {
		t.Errorf("sensitive release sends %s", got)
	}
	// PublishRole names app and lib: the default stays OWNER/app.
	if k, err = Render(m, Request{Roles: []string{publishRole}, Tool: NPM}); err != nil || k.Jobs[1].Checks[0].Subject() != "repo:ontopix/app:ref:refs/tags/v1.1.1" {
		t.Errorf("publish role: %v %+v", err, k)
	}
	// The environment is the one the role admits; only the repository is wrong: the first fix
	// is --app-repo, and neither --environment nor adding the environment is suggested.
	_, err = Render(m, Request{Roles: []string{productionRole}, Tool: Twine, AppRepo: "ontopix/other"})
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Code != CodeTrust {
		t.Fatalf("got %v, want a %s refusal", err, CodeTrust)
	}
	fixes := refused.Details[slices.Index(refused.Details, "Fix it by one of:")+1:]
	if len(fixes) == 0 || !strings.Contains(fixes[0], "--app-repo") {
		t.Errorf("fixes %q: want --app-repo first", fixes)
	}
	for _, f := range fixes {
		if strings.Contains(f, "--environment") || strings.Contains(f, "add environments: [production]") {
			t.Errorf("fix %q is already in place", f)
		}
	}
}

// TestFormatAndOwnerErrors: a tool that does not fit names the repositories and tools that
// do; a tool whose configuration cannot read the account needs the domain owner.
func TestFormatAndOwnerErrors(t *testing.T) {
	m := load(t, "specs/ontopix.yaml")
	for _, c := range []struct {
		req  Request
		code string
		want string
	}{
		{Request{Roles: []string{readRole}, Tool: Cargo}, CodeFormat, "cargo uses cargo repositories, and the spec has none; for this spec's repositories: npm (npm, pnpm, yarn); pypi (pip, uv, poetry, twine)"},
		{Request{Roles: []string{readRole}, Tool: Pip, Repository: "npm"}, CodeFormat, "the spec's pypi repositories: pypi, pypi-upstream"},
		{Request{Roles: []string{readRole}, Tool: "rubygems"}, CodeTool, "unknown tool \"rubygems\""},
		{Request{Roles: []string{readRole}, Tool: UV}, CodeDomainOwner, "uv cannot read the domain owner's account from the environment in pyproject.toml"},
		{Request{Roles: []string{readRole}, Tool: UV, DomainOwner: "12345"}, CodeDomainOwner, "want the 12-digit AWS account ID"},
	} {
		_, err := Render(m, c.req)
		var usage *UsageError
		if !errors.As(err, &usage) || usage.Code != c.code || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want %s %q", c.req, err, c.code, c.want)
		}
	}
	k, err := Render(m, Request{Roles: []string{readRole}, Tool: UV, DomainOwner: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(k.Files, func(f File) bool { return f.Path == "pyproject.toml" })
	if i < 0 || !bytes.Contains(k.Files[i].Content, []byte(`url = "https://ontopix-111122223333.d.codeartifact.eu-central-1.amazonaws.com/pypi/pypi/simple/"`)) {
		t.Errorf("uv pyproject block:\n%s", k.Files[i].Content)
	}
}

// TestPublisherAdmitsThirdPartyJob: a CI job (install scripts) or a dependencies job whose
// tool runs plugins is refused when a role that can publish admits its token.
func TestPublisherAdmitsThirdPartyJob(t *testing.T) {
	src := `version: 1
domain: {name: acme, region: eu-west-1, owner: "111122223333"}
repositories:
  - {name: npm-internal, format: npm}
  - {name: maven-internal, format: maven}
github: {owner: acme, oidc_provider: create}
policies:
  - {name: Read, read: [npm-internal, maven-internal]}
  - name: Publish
    publish: [{repository: npm-internal}, {repository: maven-internal}]
roles:
  - name: ci
    policies: [Read]
    trust: [{repositories: [payments], branches: [main], tags: ["v*"]}]
  - name: release
    policies: [Publish]
    trust: [{repositories: [payments], tags: ["v*"]}]
  - name: main-publisher
    policies: [Publish]
    trust: [{repositories: [payments], branches: [main]}]
`
	l := generator.Load("kit-test.yaml", []byte(src))
	if l.Model == nil {
		t.Fatalf("%v", l.Diagnostics)
	}
	for _, c := range []struct {
		req  Request
		want string // "" renders
	}{
		{Request{Roles: []string{"ci"}, Tool: NPM}, "main-publisher admits the subject repo:acme/payments:ref:refs/heads/main"},
		// npm downloads with scripts off: the tag token reaching release does no harm.
		{Request{Roles: []string{"release"}, Tool: NPM}, ""},
		// Maven's download runs plugins, which could use the tag token with release.
		{Request{Roles: []string{"release"}, Tool: Maven}, "the dependencies job of .github/workflows/release.yaml runs Maven (mvn) in a way that runs the build's plugins or scripts with id-token: write, and a role that can publish admits its token\n  release admits the subject repo:acme/payments:ref:refs/tags/v1.0.0"},
	} {
		_, err := Render(l.Model, c.req)
		var refused *RefusedError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: %v", c.req, err)
		case c.want != "" && (!errors.As(err, &refused) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v: got %v, want a refusal with %q", c.req, err, c.want)
		}
	}
}

// events returns the events a workflow runs on (the keys of on:).
func events(t *testing.T, f File) map[string]bool {
	t.Helper()
	var on struct {
		On map[string]yaml.Node `yaml:"on"`
	}
	if err := yaml.Unmarshal(f.Content, &on); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for k := range on.On {
		got[k] = true
	}
	return got
}
