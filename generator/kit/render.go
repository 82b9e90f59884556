package kit

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/printable"
	"github.com/ontopix/codeartifact-gen/templates"
)

// Render returns the kit for an application repository: the Taskfile, a CI workflow for a
// read-only role, a release workflow for a role that can publish, and the tool's
// configuration files. It returns a *UsageError when the request is incomplete or names
// what the spec lacks, and a *RefusedError when a job could never assume its role or the
// role cannot do what the job needs. m must be a model without errors (generator.Load).
func Render(m *model.Model, req Request) (*Kit, error) {
	p, err := newPlan(m, req)
	if err != nil {
		return nil, err
	}
	if err := p.literalValues(); err != nil {
		return nil, err
	}
	kit := &Kit{}
	for _, j := range p.jobs() {
		job, err := p.verify(j)
		if err != nil {
			return nil, err
		}
		kit.Jobs = append(kit.Jobs, job)
	}
	d := newData(p)
	type source struct {
		tmpl  string
		block bool
	}
	files := map[string]source{TaskfilePath: {tmpl: "Taskfile.codeartifact.yaml.tmpl"}}
	if p.ci != nil {
		files[CIWorkflowPath] = source{tmpl: "ci.yaml.tmpl"}
	}
	if p.release != nil {
		files[ReleasePath] = source{tmpl: "release.yaml.tmpl"}
	}
	for _, c := range p.tool.Configs {
		files[c.Path] = source{tmpl: c.Template, block: c.Block}
	}
	for path, src := range files {
		content, err := execute(src.tmpl, d)
		if err != nil {
			return nil, err
		}
		kit.Files = append(kit.Files, File{Path: path, Content: content})
		if src.block {
			kit.Blocks = append(kit.Blocks, path)
		}
	}
	slices.SortFunc(kit.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	slices.Sort(kit.Blocks)
	return kit, nil
}

// data is what the templates see.
type data struct {
	Header     string
	Spec       string
	Tool       string
	ToolDef    *toolDef
	Format     string
	Domain     string
	Region     string
	Partition  string
	Repository string
	// DomainOwner is the account that owns the domain when the spec or the request gives
	// it, or "" when it is the account the roles live in (AWS_ACCOUNT_ID).
	DomainOwner string
	// Audience is the audience the workflows request when it is not the action's default.
	Audience       string
	SessionSeconds int
	RegistryName   string
	SettingsPath   string // Maven's settings file
	InitPath       string // Gradle's init script
	CI             *jobData
	Deps           *jobData // the release workflow's dependencies job
	Release        *jobData // the release workflow's publish job
	Actions        any
}

// jobData is a job as the templates see it.
type jobData struct {
	Name        string
	ID          string
	Role        string
	Environment string
	Branches    []string // GitHub filter patterns
	Tags        []string // GitHub filter patterns
	PullRequest bool
	Subjects    []string
	// Packages describe the packages the role may publish to the repository, as the tool
	// names them (@scope/* for npm); nil for CI.
	Packages []string
}

func newData(p *plan) *data {
	d := &data{
		Header:         header("from " + p.m.SpecPath),
		Spec:           p.m.SpecPath,
		Tool:           p.tool.Name,
		ToolDef:        p.tool,
		Format:         p.format,
		Domain:         p.m.Domain.Name,
		Region:         p.m.Domain.Region,
		Partition:      p.m.Domain.Partition,
		Repository:     p.repository.Name,
		DomainOwner:    p.domainOwner,
		SessionSeconds: sessionSeconds,
		RegistryName:   registryName,
		SettingsPath:   mavenSettings,
		InitPath:       gradleInit,
		Actions:        actions,
	}
	if p.m.GitHub.Audience != aws.STSAudience("aws") {
		d.Audience = p.m.GitHub.Audience
	}
	job := func(j *jobPlan) *jobData {
		if j == nil {
			return nil
		}
		jd := &jobData{Name: j.name, ID: j.id, Role: j.role.Name, Environment: j.environment, PullRequest: j.pullRequest, Subjects: j.role.Subjects()}
		for _, b := range j.branches {
			jd.Branches = append(jd.Branches, githubFilter(b))
		}
		for _, t := range j.tags {
			jd.Tags = append(jd.Tags, githubFilter(t))
		}
		if g := publishGrant(j.role, p.repository); g != nil && j.purpose == purposeRelease {
			for _, pkg := range g.Packages {
				jd.Packages = append(jd.Packages, packageName(p.format, pkg))
			}
		}
		return jd
	}
	d.CI, d.Deps, d.Release = job(p.ci), job(p.deps), job(p.release)
	return d
}

// Owner returns the domain owner account: the known one, or placeholder.
func (d *data) Owner(placeholder string) string {
	if d.DomainOwner != "" {
		return d.DomainOwner
	}
	return placeholder
}

// Endpoint returns the repository endpoint, with placeholder standing for the account when
// the domain owner is not known: https://DOMAIN-OWNER.d.codeartifact.REGION.
// amazonaws.com/FORMAT/REPO/ (AWS CLI, codeartifact get-repository-endpoint).
func (d *data) Endpoint(placeholder string) string {
	suffix := "amazonaws.com"
	if d.Partition == "aws-cn" {
		suffix = "amazonaws.com.cn"
	}
	return fmt.Sprintf("https://%s-%s.d.codeartifact.%s.%s/%s/%s/", d.Domain, d.Owner(placeholder), d.Region, suffix, d.Format, d.Repository)
}

// AuthKey returns the key prefix npm keeps the repository's token under: the endpoint
// without its scheme (//HOST/npm/REPO/).
func (d *data) AuthKey(placeholder string) string {
	return strings.TrimPrefix(d.Endpoint(placeholder), "https:")
}

// IndexURL returns the PyPI simple index of the repository (the owner must be known).
func (d *data) IndexURL() string { return d.Endpoint("") + "simple/" }

// TokenCommand returns the AWS CLI command that prints a CodeArtifact token which lives
// sessionSeconds, for the laptop tasks, with owner standing for the account when the
// domain owner is not known.
func (d *data) TokenCommand(owner string) string { return d.tokenCommand(owner, sessionSeconds) }

// SessionTokenCommand returns the command of TokenCommand for a workflow step that holds a
// role session: the token it prints expires with that session (--duration-seconds 0).
func (d *data) SessionTokenCommand(owner string) string {
	return d.tokenCommand(owner, sessionTokenSeconds)
}

func (d *data) tokenCommand(owner string, seconds int) string {
	return fmt.Sprintf("aws codeartifact get-authorization-token --domain %s --domain-owner %s --region %s --duration-seconds %d --query authorizationToken --output text",
		d.Domain, d.Owner(owner), d.Region, seconds)
}

// TaskEnv returns the variables every laptop task exports: the token, the tool's, and those
// release:publish needs.
func (d *data) TaskEnv() []envVar {
	env := append([]envVar{tokenEnv}, d.ToolDef.Env...)
	if d.Release != nil {
		env = append(env, d.ToolDef.Release.TaskEnv...)
	}
	return env
}

// loginData is what the "login" template sees.
type loginData struct {
	Kit *data
	Job *jobData
	Env []envVar
	// If is the condition of the login steps: not a pull request from a fork, for a job that
	// runs on pull requests.
	If string
}

// Login returns the data of the login steps of job, which export the token and env.
func (d *data) Login(job *jobData, env []envVar) loginData {
	l := loginData{Kit: d, Job: job, Env: append([]envVar{tokenEnv}, env...)}
	if job.PullRequest {
		l.If = forkGuard
	}
	return l
}

// forkGuard is the condition of the steps that need an OIDC token, which GitHub does not
// give pull requests from forks.
const forkGuard = "${{ !github.event.pull_request.head.repo.fork }}"

// RoleARN returns the ARN of a role (path /) in the account the secret AWS_ACCOUNT_ID names.
func (d *data) RoleARN(role string) string {
	return "arn:" + d.Partition + ":iam::${{ secrets.AWS_ACCOUNT_ID }}:role/" + role
}

// Block markers: a block file's generated part lies between a line that holds BlockMarker
// after ">>> " and one that holds it after "<<< ".
const BlockMarker = "codeartifact-gen kit"

// BlockBegin returns the first line of a generated block, behind the comment string c.
func (d *data) BlockBegin(c string) string {
	return c + " >>> " + BlockMarker + " " + printable.Line("from "+d.Spec) + ": generated, edit outside this block only >>>"
}

// BlockEnd returns the last line of a generated block.
func (d *data) BlockEnd(c string) string { return c + " <<< " + BlockMarker + " <<<" }

// XMLHeader returns the header of an XML file, an XML comment (the XML declaration is
// optional, and a comment may come first only without it).
func (d *data) XMLHeader() string {
	return "<!-- " + xmlComment(strings.TrimPrefix(d.Header, "# ")) + " -->"
}

// SlashHeader returns the header of a file whose comments start with "//".
func (d *data) SlashHeader() string { return "/" + "/ " + strings.TrimPrefix(d.Header, "# ") }

// xmlComment makes text safe inside an XML comment: one line, and no "--".
func xmlComment(s string) string {
	s = printable.Line(s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "- -")
	}
	return s
}

// packageName describes a package pattern of a publish grant (NAMESPACE/NAME, the ARN's
// form) the way the tool names packages: @scope/name for npm, the bare name for PyPI.
func packageName(format, pattern string) string {
	if pattern == "*" {
		return "every package"
	}
	ns, name, _ := strings.Cut(pattern, "/")
	if ns == "" {
		return name
	}
	f, _ := aws.LookupFormat(format)
	return f.NamespaceSigil + ns + "/" + name
}

// templateFuncs returns the template functions.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		// yaml writes a string as a YAML scalar, quoted only when it must be.
		"yaml": func(s string) (string, error) {
			b, err := yaml.Marshal(s)
			if err != nil {
				return "", err
			}
			return strings.TrimSuffix(string(b), "\n"), nil
		},
		"join": strings.Join,
		// comment writes text inside a "#" comment (or one line of a block scalar): every line
		// break and other hidden character is escaped (printable.Line), so that no value can
		// end the line it is written on.
		"comment": printable.Line,
		// xmlComment writes text inside an XML comment.
		"xmlComment": xmlComment,
		// run writes a script as the value of run:, a block scalar indented by n spaces when it
		// has several lines.
		"run": func(n int, s string) (string, error) {
			if !strings.Contains(s, "\n") {
				b, err := yaml.Marshal(s)
				return strings.TrimSuffix(string(b), "\n"), err
			}
			return "|\n" + indentLines(n, s), nil
		},
		// indent indents every line of s but the first by n spaces.
		"indent": func(n int, s string) string { return strings.TrimPrefix(indentLines(n, s), strings.Repeat(" ", n)) },
		// oneLine joins the lines of s with "; ".
		"oneLine": func(s string) string { return strings.ReplaceAll(s, "\n", "; ") },
	}
}

// indentLines indents every line of s by n spaces.
func indentLines(n int, s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.Repeat(" ", n) + l
	}
	return strings.Join(lines, "\n")
}

// execute runs the named template of templates.Kit.
func execute(name string, d any) ([]byte, error) {
	t, err := template.New(name).Delims(templates.Delims[0], templates.Delims[1]).Funcs(templateFuncs()).
		Option("missingkey=error").ParseFS(templates.Kit, "kit/"+name, "kit/common.tmpl")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// literalValues refuses a job whose environment, branch or tag filter, role, domain,
// region, owner or repository GitHub Actions would not take literally: one holding "${{"
// (an expression GitHub evaluates in environment: and run:) or a hidden character
// (printable.Hidden). Validation refuses both in spec values; this
// also covers --environment and keeps the kit safe on its own.
func (p *plan) literalValues() error {
	for _, j := range p.jobs() {
		values := []string{j.environment, j.role.Name, p.m.Domain.Name, p.m.Domain.Region, p.domainOwner, p.repository.Name}
		for _, v := range append(append(values, j.branches...), j.tags...) {
			if _, hidden := printable.First(v); hidden || strings.Contains(v, "${{") {
				return usagef(CodeLiteral, "%q cannot be written into a workflow: it holds \"${{\" (an expression GitHub Actions would evaluate) or a hidden character", v)
			}
		}
	}
	return nil
}
