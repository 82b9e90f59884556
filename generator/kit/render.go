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
// configuration. It returns a *UsageError when the request is incomplete or names what the
// spec lacks, and a *RefusedError when a job could never assume its role or the role
// cannot do what the job needs. m must be a model without errors (generator.Load).
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
	files := map[string]string{TaskfilePath: "Taskfile.codeartifact.yaml.tmpl"}
	if p.ci != nil {
		files[CIWorkflowPath] = "ci.yaml.tmpl"
	}
	if p.release != nil {
		files[ReleasePath] = "release.yaml.tmpl"
	}
	switch p.tool {
	case NPM:
		files[NpmrcPath] = "npmrc.tmpl"
	case Pip:
		files[PipConfPath] = "pip.conf.tmpl"
	case Twine:
		files[PipConfPath] = "pip.conf.tmpl"
		files[PypircPath] = "pypirc.tmpl"
	}
	for path, name := range files {
		content, err := execute(name, d)
		if err != nil {
			return nil, err
		}
		kit.Files = append(kit.Files, File{Path: path, Content: content})
	}
	slices.SortFunc(kit.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return kit, nil
}

// data is what the templates see.
type data struct {
	Header     string
	Spec       string
	Tool       string
	Format     string
	Domain     string
	Region     string
	Partition  string
	Repository string
	// DomainOwner is the account the spec pins the domain to, or "" when it is the account
	// the roles live in (AWS_ACCOUNT_ID).
	DomainOwner string
	// Audience is the audience the workflows request when it is not the action's default.
	Audience string
	CI       *jobData
	Release  *jobData
	Actions  any
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
	// Kit is the rest of the data, for the templates shared by both jobs.
	Kit *data
}

func newData(p *plan) *data {
	d := &data{
		Header:      header("from " + p.m.SpecPath),
		Spec:        p.m.SpecPath,
		Tool:        p.tool,
		Format:      p.format,
		Domain:      p.m.Domain.Name,
		Region:      p.m.Domain.Region,
		Partition:   p.m.Domain.Partition,
		Repository:  p.repository.Name,
		DomainOwner: p.m.Domain.Owner,
		Actions:     actions,
	}
	if p.m.GitHub.Audience != aws.STSAudience("aws") {
		d.Audience = p.m.GitHub.Audience
	}
	job := func(j *jobPlan) *jobData {
		if j == nil {
			return nil
		}
		jd := &jobData{Name: j.name, ID: j.id, Role: j.role.Name, Environment: j.environment, PullRequest: j.pullRequest, Subjects: j.role.Subjects(), Kit: d}
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
	d.CI, d.Release = job(p.ci), job(p.release)
	return d
}

// Owner returns the domain owner account: the spec's, or placeholder.
func (d *data) Owner(placeholder string) string {
	if d.DomainOwner != "" {
		return d.DomainOwner
	}
	return placeholder
}

// Endpoint returns the repository endpoint, with placeholder standing for the account when
// the spec does not pin the domain owner: https://DOMAIN-OWNER.d.codeartifact.REGION.
// amazonaws.com/FORMAT/REPO/ (AWS CLI, codeartifact get-repository-endpoint).
func (d *data) Endpoint(placeholder string) string {
	suffix := "amazonaws.com"
	if d.Partition == "aws-cn" {
		suffix = "amazonaws.com.cn"
	}
	return fmt.Sprintf("https://%s-%s.d.codeartifact.%s.%s/%s/%s/", d.Domain, d.Owner(placeholder), d.Region, suffix, d.Format, d.Repository)
}

// Login returns the aws codeartifact login command for tool.
func (d *data) Login(tool, placeholder string) string {
	return fmt.Sprintf("aws codeartifact login --tool %s --domain %s --domain-owner %s --repository %s --region %s",
		tool, d.Domain, d.Owner(placeholder), d.Repository, d.Region)
}

// AuthKey returns the key prefix npm keeps the repository's token under: the endpoint
// without its scheme (//HOST/npm/REPO/).
func (d *data) AuthKey(placeholder string) string {
	return strings.TrimPrefix(d.Endpoint(placeholder), "https:")
}

// IndexURL returns the index URL aws codeartifact login --tool pip configures, with TOKEN
// for the token: https://aws:TOKEN@HOST/pypi/REPO/simple/.
func (d *data) IndexURL(placeholder string) string {
	return "https://aws:TOKEN@" + strings.TrimPrefix(d.Endpoint(placeholder), "https://") + "simple/"
}

// CILoginTool returns the login tool of the CI job, which only installs: pip for PyPI.
func (d *data) CILoginTool() string {
	if d.Format == "npm" {
		return NPM
	}
	return Pip
}

// RoleARN returns the ARN of a role (path /) in the account the secret AWS_ACCOUNT_ID names.
func (d *data) RoleARN(role string) string {
	return "arn:" + d.Partition + ":iam::${{ secrets.AWS_ACCOUNT_ID }}:role/" + role
}

// LoginTools returns the login tools the Taskfile's deps:login runs: twine uploads but pip
// installs, so a twine kit logs both in.
func (d *data) LoginTools() []string {
	if d.Tool == Twine {
		return []string{Pip, Twine}
	}
	return []string{d.Tool}
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

// funcs are the template functions.
var funcs = template.FuncMap{
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
}

// execute runs the named template of templates.Kit.
func execute(name string, d any) ([]byte, error) {
	t, err := template.New(name).Delims(templates.Delims[0], templates.Delims[1]).Funcs(funcs).
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
	for _, j := range []*jobPlan{p.ci, p.release} {
		if j == nil {
			continue
		}
		values := []string{j.environment, j.role.Name, p.m.Domain.Name, p.m.Domain.Region, p.m.Domain.Owner, p.repository.Name}
		for _, v := range append(append(values, j.branches...), j.tags...) {
			if _, hidden := printable.First(v); hidden || strings.Contains(v, "${{") {
				return usagef("%q cannot be written into a workflow: it holds \"${{\" (an expression GitHub Actions would evaluate) or a hidden character", v)
			}
		}
	}
	return nil
}
