package kit

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/simulate"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Purposes of a role in a kit.
const (
	purposeCI      = "ci"
	purposeRelease = "release"
	purposeDeps    = "dependencies" // the release workflow's dependencies job
)

// plan is everything Render decided before it renders: the roles, the repository and the
// jobs, each with the triggers that become both the workflow's on: and the tokens checked.
type plan struct {
	m          *model.Model
	req        Request
	tool       *toolDef
	format     string // the repository format of the tool
	repository *model.Repository
	owner      string // owner of the application repository
	repo       string // name of the application repository
	// domainOwner is the account that owns the domain, when the spec or the request gives
	// it.
	domainOwner string
	ci          *jobPlan
	deps        *jobPlan // the release workflow's dependencies job (read-only role)
	release     *jobPlan // the release workflow's publish job
}

// jobPlan is one workflow job that assumes a role.
type jobPlan struct {
	purpose     string
	workflow    string // path
	id          string // job key
	name        string // the workflow's name:, also the workflow claim
	role        *model.Role
	environment string
	// branches and tags are IAM patterns of the refs the job runs on; pullRequest is true
	// when it also runs for pull requests.
	branches, tags []string
	pullRequest    bool
}

// newPlan resolves the request against the model.
func newPlan(m *model.Model, req Request) (*plan, error) {
	p := &plan{m: m, req: req, tool: lookupTool(req.Tool)}
	switch {
	case req.Tool == "":
		return nil, usagef(CodeTool, "give the package tool with --tool %s%s", strings.Join(Tools(), "|"), p.toolsThatFit())
	case p.tool == nil:
		return nil, usagef(CodeTool, "unknown tool %q: use %s%s", req.Tool, strings.Join(Tools(), ", "), p.toolsThatFit())
	}
	p.format = p.tool.Format
	if err := p.resolveRoles(); err != nil {
		return nil, err
	}
	if err := p.resolveAppRepo(); err != nil {
		return nil, err
	}
	if err := p.resolveRepository(); err != nil {
		return nil, err
	}
	if err := p.resolveDomainOwner(); err != nil {
		return nil, err
	}
	if req.Environment != "" && trust.HasWildcard(req.Environment) {
		return nil, usagef(CodeEnvironment, "--environment %q: give the name of one environment, not a pattern", req.Environment)
	}
	if p.release != nil {
		if err := p.planRelease(); err != nil {
			return nil, err
		}
	}
	if p.ci != nil {
		if err := p.planCI(); err != nil {
			return nil, err
		}
	}
	if p.release != nil {
		if err := p.planDeps(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// toolsThatFit returns "; for this spec's repositories: npm (npm, pnpm, yarn), ..." naming
// the tools that fit the formats of the spec's repositories, or "".
func (p *plan) toolsThatFit() string {
	var parts []string
	seen := map[string]bool{}
	for _, r := range p.m.Repositories {
		if seen[r.Format] {
			continue
		}
		seen[r.Format] = true
		if tools := toolsFor(r.Format); len(tools) > 0 {
			parts = append(parts, r.Format+" ("+strings.Join(tools, ", ")+")")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; for this spec's repositories: " + strings.Join(parts, "; ")
}

// resolveDomainOwner takes the domain owner from the spec or the request, and refuses a
// tool whose configuration cannot read it from the environment when neither gives it.
func (p *plan) resolveDomainOwner() error {
	p.domainOwner = p.m.Domain.Owner
	if o := p.req.DomainOwner; o != "" {
		if len(o) != 12 || strings.Trim(o, "0123456789") != "" {
			return usagef(CodeDomainOwner, "--domain-owner %q: want the 12-digit AWS account ID that owns domain %s", o, p.m.Domain.Name)
		}
		if p.domainOwner != "" && p.domainOwner != o {
			return usagef(CodeDomainOwner, "--domain-owner %s differs from the owner %s the spec gives domain %s; drop --domain-owner", o, p.domainOwner, p.m.Domain.Name)
		}
		p.domainOwner = o
	}
	if p.domainOwner == "" && p.tool.NeedsOwner {
		var paths []string
		for _, c := range p.tool.Configs {
			paths = append(paths, c.Path)
		}
		return usagef(CodeDomainOwner, "%s cannot read the domain owner's account from the environment in %s: give it with --domain-owner ACCOUNT_ID (the account that owns domain %s), or set domain.owner in %s",
			p.tool.Name, strings.Join(paths, ", "), p.m.Domain.Name, p.m.SpecPath)
	}
	return nil
}

// resolveRoles finds the roles and decides which job each is for.
func (p *plan) resolveRoles() error {
	if len(p.req.Roles) == 0 {
		return usagef(CodeRoles, "give a role with --role NAME (a read-only role for CI, a role that can publish for releases); the spec's roles: %s", p.roleNames())
	}
	for _, arg := range p.req.Roles {
		role, purpose := p.lookupRole(arg)
		if role == nil {
			return usagef(CodeRoles, "the spec has no role %q; its roles: %s", arg, p.roleNames())
		}
		if purpose == "" {
			purpose = purposeCI
			if role.Publishes() {
				purpose = purposeRelease
			}
		}
		switch {
		case purpose == purposeRelease && !role.Publishes():
			return &RefusedError{
				Code:    CodeRolePurpose,
				Summary: fmt.Sprintf("role %s can only read, so it cannot run a release", role.Name),
				Details: []string{
					"None of its policies grants a publish permission, so publishing would be denied.",
					"Fix: give a role with a publish grant for the release job" + p.rolesThat(func(r *model.Role) bool { return r.Publishes() }) + ", or use " + role.Name + " for the CI workflow (--role " + role.Name + ").",
				},
			}
		case purpose == purposeCI && role.Publishes():
			return &RefusedError{
				Code:    CodeRolePurpose,
				Summary: fmt.Sprintf("role %s can publish, so it must not run CI builds", role.Name),
				Details: []string{
					"A CI workflow runs for every push and pull request; credentials that can publish packages belong to release jobs only.",
					"Fix: give a read-only role for the CI workflow" + p.rolesThat(func(r *model.Role) bool { return !r.Publishes() }) + ", or use " + role.Name + " for the release workflow (--role " + role.Name + ").",
				},
			}
		}
		job := &jobPlan{purpose: purpose, role: role}
		if purpose == purposeRelease {
			if p.release != nil {
				return usagef(CodeRoles, "two roles for the release workflow: %s and %s; give one", p.release.role.Name, role.Name)
			}
			job.workflow, job.id, job.name = ReleasePath, "publish", "release"
			p.release = job
		} else {
			if p.ci != nil {
				return usagef(CodeRoles, "two roles for the CI workflow: %s and %s; give one", p.ci.role.Name, role.Name)
			}
			job.workflow, job.id, job.name = CIWorkflowPath, "build", "ci"
			p.ci = job
		}
	}
	if p.release != nil && !p.tool.Publishes() {
		var publishers []string
		for _, t := range toolTable() {
			if t.Format == p.format && t.Publishes() {
				publishers = append(publishers, "--tool "+t.Name)
			}
		}
		return &RefusedError{
			Code:    CodeRolePurpose,
			Summary: fmt.Sprintf("role %s publishes, but %s cannot publish packages", p.release.role.Name, p.tool.Name),
			Details: []string{
				fmt.Sprintf("%s installs %s packages; it has no publish command.", p.tool.Name, p.format),
				fmt.Sprintf("Fix: use %s to publish (the CI workflow installs with it too), or drop --role %s to render the CI kit only.", strings.Join(publishers, " or "), p.release.role.Name),
			},
		}
	}
	return nil
}

// lookupRole finds the role a --role argument names, with the purpose its prefix gives.
// A role whose name itself holds "=" is found by its full name first.
func (p *plan) lookupRole(arg string) (*model.Role, string) {
	if r := p.role(arg); r != nil {
		return r, ""
	}
	for _, purpose := range []string{purposeCI, purposeRelease} {
		if name, ok := strings.CutPrefix(arg, purpose+"="); ok {
			return p.role(name), purpose
		}
	}
	return nil, ""
}

func (p *plan) role(name string) *model.Role {
	i := slices.IndexFunc(p.m.Roles, func(r *model.Role) bool { return r.Name == name })
	if i < 0 {
		return nil
	}
	return p.m.Roles[i]
}

func (p *plan) roleNames() string {
	var names []string
	for _, r := range p.m.Roles {
		names = append(names, r.Name)
	}
	return strings.Join(names, ", ")
}

// rolesThat returns " (NAME, NAME)" naming the roles for which keep is true, or "".
func (p *plan) rolesThat(keep func(*model.Role) bool) string {
	var names []string
	for _, r := range p.m.Roles {
		if keep(r) {
			names = append(names, r.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " (this spec has " + strings.Join(names, ", ") + ")"
}

func (p *plan) jobs() []*jobPlan {
	var jobs []*jobPlan
	for _, j := range []*jobPlan{p.ci, p.deps, p.release} {
		if j != nil {
			jobs = append(jobs, j)
		}
	}
	return jobs
}

// resolveAppRepo splits Request.AppRepo. Without it, the application repository is the one
// repository the roles' trust rules name, when all the named repositories (wildcards
// aside) are that one; else OWNER/app.
func (p *plan) resolveAppRepo() error {
	p.owner, p.repo = p.m.GitHub.Owner.Name, "app"
	if p.req.AppRepo == "" {
		if named := p.namedRepositories(); len(named) == 1 {
			p.repo = named[0]
		}
		return nil
	}
	owner, name, ok := strings.Cut(p.req.AppRepo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return usagef(CodeAppRepo, "--app-repo %q: want OWNER/NAME, for example %s/app", p.req.AppRepo, p.m.GitHub.Owner.Name)
	}
	p.owner, p.repo = owner, name
	return nil
}

// namedRepositories returns the repositories the trust rules of the requested roles name
// without a wildcard, in order.
func (p *plan) namedRepositories() []string {
	var named []string
	for _, j := range []*jobPlan{p.ci, p.release} {
		if j == nil {
			continue
		}
		for _, r := range j.role.Rules {
			for _, repo := range r.Rule.Repositories {
				if !trust.HasWildcard(repo) {
					named = append(named, repo)
				}
			}
		}
	}
	return uniq(named)
}

// resolveRepository picks the CodeArtifact repository: one of the tool's format that every
// role can read and, for the release job, publish to.
func (p *plan) resolveRepository() error {
	usable := func(r *model.Repository) string {
		for _, j := range p.jobs() {
			if !reads(j.role, r) {
				return fmt.Sprintf("role %s cannot read it", j.role.Name)
			}
			if j.purpose == purposeRelease && publishGrant(j.role, r) == nil {
				return fmt.Sprintf("role %s cannot publish to it", j.role.Name)
			}
		}
		return ""
	}
	if name := p.req.Repository; name != "" {
		i := slices.IndexFunc(p.m.Repositories, func(r *model.Repository) bool { return r.Name == name })
		if i < 0 {
			return usagef(CodeRepository, "the spec has no repository %q; its %s repositories: %s", name, p.format, p.repositoryNames(nil))
		}
		r := p.m.Repositories[i]
		if r.Format != p.format {
			return p.formatMismatch(r)
		}
		if why := usable(r); why != "" {
			return &RefusedError{
				Code:    CodeRepository,
				Summary: fmt.Sprintf("repository %s cannot be used: %s", r.Name, why),
				Details: []string{"Fix: choose a repository the roles' policies cover (" + p.repositoryNames(usable) + "), or grant access to it in the spec."},
			}
		}
		p.repository = r
		return nil
	}
	var candidates []*model.Repository
	for _, r := range p.m.Repositories {
		if r.Format == p.format && usable(r) == "" {
			candidates = append(candidates, r)
		}
	}
	if internal := slices.DeleteFunc(slices.Clone(candidates), func(r *model.Repository) bool { return !r.Internal() }); len(internal) > 0 {
		candidates = internal
	}
	switch len(candidates) {
	case 0:
		if !slices.ContainsFunc(p.m.Repositories, func(r *model.Repository) bool { return r.Format == p.format }) {
			return p.formatMismatch(nil)
		}
		var roles []string
		for _, j := range p.jobs() {
			roles = append(roles, j.role.Name)
		}
		return &RefusedError{
			Code:    CodeRepository,
			Summary: fmt.Sprintf("no %s repository can be used by %s", p.format, strings.Join(roles, " and ")),
			Details: []string{
				fmt.Sprintf("%s needs a %s repository that every role can read (and the release role can publish to); the spec's %s repositories: %s.", p.tool.Name, p.format, p.format, p.repositoryNames(nil)),
				"Fix: grant the roles' policies access to one of them in the spec, or choose another tool.",
			},
		}
	case 1:
		p.repository = candidates[0]
		return nil
	}
	var names []string
	for _, r := range candidates {
		names = append(names, r.Name)
	}
	return usagef(CodeRepository, "several %s repositories can be used (%s); choose one with --repository", p.format, strings.Join(names, ", "))
}

// formatMismatch reports that the tool does not use the format of repository r (nil: of
// any repository of the spec), naming the repositories that fit the tool and the tools
// that fit r.
func (p *plan) formatMismatch(r *model.Repository) error {
	fit := p.repositoryNames(nil)
	var msg string
	if r != nil {
		msg = fmt.Sprintf("repository %s holds %s packages, but %s uses %s repositories", r.Name, r.Format, p.tool.Name, p.format)
		if tools := toolsFor(r.Format); len(tools) > 0 {
			msg += fmt.Sprintf(" (tools for %s: %s)", r.Format, strings.Join(tools, ", "))
		}
	} else {
		msg = fmt.Sprintf("%s uses %s repositories, and the spec has none", p.tool.Name, p.format)
	}
	if fit != "none" {
		msg += fmt.Sprintf("; the spec's %s repositories: %s", p.format, fit)
	} else {
		msg += p.toolsThatFit()
	}
	return usagef(CodeFormat, "%s", msg)
}

// repositoryNames lists the repositories of the plan's format, those for which usable
// returns "" when it is not nil.
func (p *plan) repositoryNames(usable func(*model.Repository) string) string {
	var names []string
	for _, r := range p.m.Repositories {
		if r.Format == p.format && (usable == nil || usable(r) == "") {
			names = append(names, r.Name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// reads reports whether a policy of the role can read the repository.
func reads(role *model.Role, repo *model.Repository) bool {
	for _, pol := range role.Policies {
		if slices.Contains(pol.Reads, repo) {
			return true
		}
	}
	return false
}

// publishGrant returns the role's grant to publish to the repository, or nil.
func publishGrant(role *model.Role, repo *model.Repository) *model.PublishGrant {
	for _, pol := range role.Policies {
		for _, g := range pol.Publishes {
			if g.Repository == repo {
				return g
			}
		}
	}
	return nil
}

// planRelease decides the release job's environment and tags. The job runs on pushes of
// the tags the role's rules admit (v* when they name none), in the requested environment or
// the one the role's rules say jobs run in.
func (p *plan) planRelease() error {
	j := p.release
	env, err := p.environment(j.role, p.req.Environment)
	if err != nil {
		return err
	}
	j.environment = env
	for _, r := range j.role.Rules {
		if env == "" {
			j.tags = append(j.tags, r.Rule.Tags...)
		}
		j.tags = append(j.tags, requiredRefs(r, "refs/tags/")...)
	}
	if len(j.tags) == 0 {
		j.tags = []string{"v*"}
	}
	j.tags = uniq(j.tags)
	return nil
}

// planCI decides the CI job's triggers: pull requests when the role admits them, and pushes
// to the branches it admits (main when it admits any context). A role that admits only
// environments gets a job in its environment, on pushes to main.
func (p *plan) planCI() error {
	j := p.ci
	for _, r := range j.role.Rules {
		if r.Rule.AnyContext {
			j.branches = append(j.branches, "main")
			j.pullRequest = true
		}
		j.branches = append(j.branches, r.Rule.Branches...)
		j.branches = append(j.branches, requiredRefs(r, "refs/heads/")...)
		if r.Rule.PullRequests {
			j.pullRequest = true
		}
	}
	requested := ""
	if p.release == nil {
		requested = p.req.Environment
	}
	if requested != "" || (len(j.branches) == 0 && !j.pullRequest) {
		env, err := p.environment(j.role, requested)
		if err != nil {
			return err
		}
		j.environment = env
	}
	if len(j.branches) == 0 && !j.pullRequest {
		j.branches = []string{"main"}
	}
	j.branches = uniq(j.branches)
	return nil
}

// planDeps gives the release workflow's dependencies job its role: the first read-only
// role that reads the repository and admits every token the job sends (it runs on the
// release's tags, in no environment), the CI role first when one was given.
func (p *plan) planDeps() error {
	j := &jobPlan{purpose: purposeDeps, workflow: ReleasePath, id: "dependencies", name: p.release.name, tags: p.release.tags}
	var candidates []*model.Role
	if p.ci != nil {
		candidates = append(candidates, p.ci.role)
	}
	for _, r := range p.m.Roles {
		if !r.Publishes() && reads(r, p.repository) && !slices.Contains(candidates, r) {
			candidates = append(candidates, r)
		}
	}
	var refusals []string
	var publisherAdmits error // a candidate whose tokens only a publishing role's admitting refuses
	for _, r := range candidates {
		j.role = r
		_, err := p.verify(j)
		re, ok := err.(*RefusedError)
		switch {
		case err == nil:
			p.deps = j
			return nil
		case ok && re.Code == CodePublisherAdmits:
			publisherAdmits = err
		case ok && len(re.Checks) > 0:
			refusals = append(refusals, fmt.Sprintf("%s refuses the subject %s", r.Name, re.Checks[0].Subject()))
		default:
			return err
		}
	}
	if publisherAdmits != nil {
		return publisherAdmits
	}
	e := &RefusedError{
		Code:    CodeDependencies,
		Summary: fmt.Sprintf("no read-only role can run the dependencies job of the release workflow: it downloads from %s with a role that cannot publish, on pushes of the tags %s, in no environment", p.repository.Name, strings.Join(j.tags, ", ")),
		Details: []string{"The release builds in a job without credentials; the dependencies it needs are downloaded first by a job with a read-only role, so that no third-party code runs with the publishing role."},
	}
	if len(candidates) == 0 {
		e.Details = append(e.Details, fmt.Sprintf("No role of the spec can read %s without being able to publish.", p.repository.Name))
	}
	e.Details = append(e.Details, refusals...)
	e.Details = append(e.Details, fmt.Sprintf("Fix: give a read-only role that reads %s a trust rule for the release tags (%s) of %s/%s in %s, then apply the Terraform it renders.", p.repository.Name, strings.Join(j.tags, ", "), p.owner, p.repo, p.m.SpecPath))
	return e
}

// runsThirdPartyCode reports whether the job runs code the repository does not control with
// its id-token: the CI job installs dependencies with their install scripts; the
// dependencies job does when the tool's download runs plugins or build scripts.
func (p *plan) runsThirdPartyCode(j *jobPlan) bool {
	switch j.purpose {
	case purposeCI:
		return true
	case purposeDeps:
		return p.tool.Release.FetchRunsCode != ""
	}
	return false
}

// requiredRefs returns the ref patterns under prefix that a rule requires with the ref
// claim (2026 STS claim conditions), without the prefix.
func requiredRefs(r *model.TrustRule, prefix string) []string {
	var refs []string
	for _, req := range r.Require {
		if req.Claim != "ref" {
			continue
		}
		for _, v := range req.Values {
			if name, ok := strings.CutPrefix(v, prefix); ok {
				refs = append(refs, name)
			}
		}
	}
	return refs
}

// environment returns the environment a job of the role runs in: the requested one, else
// the job_environment of the role's rules, else the only environment a role that admits
// no tag or branch names; "" when the role's rules need none.
func (p *plan) environment(role *model.Role, requested string) (string, error) {
	if requested != "" {
		return requested, nil
	}
	var jobEnvs, envs []string
	needsEnv := true
	for _, r := range role.Rules {
		if r.JobEnvironment != "" {
			jobEnvs = append(jobEnvs, r.JobEnvironment)
		}
		envs = append(envs, r.Rule.Environments...)
		if r.Rule.AnyContext || len(r.Rule.Tags) > 0 || len(r.Rule.Branches) > 0 || r.Rule.PullRequests {
			needsEnv = false
		}
	}
	jobEnvs, envs = uniq(jobEnvs), uniq(envs)
	switch {
	case len(jobEnvs) == 1:
		return jobEnvs[0], nil
	case len(jobEnvs) > 1:
		return "", usagef(CodeEnvironment, "role %s runs jobs in several environments (%s); choose one with --environment", role.Name, strings.Join(jobEnvs, ", "))
	case !needsEnv || len(envs) == 0:
		return "", nil
	case len(envs) == 1 && !trust.HasWildcard(envs[0]):
		return envs[0], nil
	}
	return "", usagef(CodeEnvironment, "role %s admits jobs in the environments %s; choose one with --environment", role.Name, strings.Join(envs, ", "))
}

// trigger is one way a job starts, and so one token it can send.
type trigger struct {
	context string
	ref     string
	event   string
}

// triggers returns the job's triggers, with a sample ref for each pattern.
func (j *jobPlan) triggers() []trigger {
	var ts []trigger
	for _, b := range j.branches {
		name := sample(b, branchStar)
		ts = append(ts, trigger{context: "push to branch " + name, ref: "refs/heads/" + name, event: "push"})
	}
	if j.pullRequest {
		ts = append(ts, trigger{context: "pull_request", ref: "refs/pull/1/merge", event: "pull_request"})
	}
	for _, t := range j.tags {
		name := sample(t, tagStar)
		ts = append(ts, trigger{context: "push of tag " + name, ref: "refs/tags/" + name, event: "push"})
	}
	return ts
}

// verify builds every token the job can send and evaluates it against every role's
// rendered trust policy. It returns the job with its checks, and the tokens its own role
// refuses together with the roles that would admit them.
func (p *plan) verify(j *jobPlan) (Job, error) {
	job := Job{Workflow: j.workflow, ID: j.id, Role: j.role.Name, Environment: j.environment}
	var failed []Check
	admitAll := map[string]bool{} // roles that admit every token so far
	for _, r := range p.m.Roles {
		admitAll[r.Name] = true
	}
	var publisherAdmits []string // "ROLE admits SUBJECT" for roles that can publish
	risky := p.runsThirdPartyCode(j)
	for _, t := range j.triggers() {
		for _, form := range p.forms() {
			tok, err := oidc.BuildToken(oidc.Job{
				Owner: p.owner, Repository: p.repo, OwnerID: form.ownerID, RepositoryID: form.repoID,
				Ref: t.ref, Environment: j.environment, Event: t.event, Extra: p.claims(j, t),
			}, p.m.GitHub.Template, p.m.GitHub.Audience)
			if err != nil {
				return Job{}, usagef(CodeTrust, "%s job of %s: %v", j.name, j.workflow, err)
			}
			res, err := simulate.Run(p.m, tok)
			if err != nil {
				return Job{}, err
			}
			check := Check{Context: t.context + form.label, Claims: tok.Claims}
			for _, r := range res.Roles {
				if r.Name == j.role.Name {
					check.Allowed, check.Reason = r.Allowed, r.Reason
				}
				admitAll[r.Name] = admitAll[r.Name] && r.Allowed
				if risky && r.Allowed && r.Name != j.role.Name {
					if role := p.role(r.Name); role != nil && role.Publishes() {
						publisherAdmits = append(publisherAdmits, fmt.Sprintf("%s admits the subject %s (%s)", r.Name, tok.Claims["sub"], check.Context))
					}
				}
			}
			job.Checks = append(job.Checks, check)
			if !check.Allowed {
				failed = append(failed, check)
			}
		}
	}
	if len(failed) > 0 {
		return Job{}, p.refusal(j, failed, admitAll)
	}
	if len(publisherAdmits) > 0 {
		what := "installs dependencies with their install scripts"
		if j.purpose == purposeDeps {
			what = "runs " + p.tool.Title + " in a way that runs the build's plugins or scripts"
		}
		e := &RefusedError{
			Code:    CodePublisherAdmits,
			Summary: fmt.Sprintf("the %s job of %s %s with id-token: write, and a role that can publish admits its token", j.id, j.workflow, what),
			Details: append(uniq(publisherAdmits),
				"Code in a dependency could request that token itself and publish with that role.",
				"Fix: narrow that role's trust rules in "+p.m.SpecPath+" so that they admit only release tags or an environment with required reviewers (job_environment), which this job never sends; then apply the Terraform it renders."),
		}
		return Job{}, e
	}
	return job, nil
}

// subjectForm is one form of the repo claim GitHub may send.
type subjectForm struct {
	label           string
	ownerID, repoID string
}

// forms returns the subject forms to check: the name form unless the spec trusts IDs only,
// and the immutable form (OWNER@ID/REPO@ID) when the spec trusts it and knows both IDs.
func (p *plan) forms() []subjectForm {
	gh := p.m.GitHub
	var forms []subjectForm
	if gh.Form != oidc.IDForm {
		forms = append(forms, subjectForm{})
	}
	repoID := ""
	if p.owner == gh.Owner.Name {
		repoID = gh.Owner.RepositoryIDs[p.repo]
	}
	if gh.Form != oidc.NameForm && gh.Owner.ID != "" && repoID != "" {
		forms = append(forms, subjectForm{label: " (immutable subject)", ownerID: gh.Owner.ID, repoID: repoID})
	}
	if len(forms) == 0 {
		forms = append(forms, subjectForm{}) // IDs unknown: the name form, which will be refused
	}
	return forms
}

// claims returns the claims a custom subject template may need besides repo and context:
// those the generated workflow determines, the values the role's rules give for the
// others, and the request's, which win.
func (p *plan) claims(j *jobPlan, t trigger) map[string]string {
	claims := map[string]string{}
	for _, r := range j.role.Rules {
		for k, v := range r.Rule.ClaimValues {
			if _, ok := claims[k]; !ok {
				claims[k] = sample(v, tagStar)
			}
		}
	}
	refType := "branch"
	if strings.HasPrefix(t.ref, "refs/tags/") {
		refType = "tag"
	}
	workflowRef := p.owner + "/" + p.repo + "/" + j.workflow + "@" + t.ref
	maps.Copy(claims, map[string]string{
		"workflow":         j.name,
		"workflow_ref":     workflowRef,
		"job_workflow_ref": workflowRef,
		"ref_type":         refType,
		"event_name":       t.event,
	})
	maps.Copy(claims, p.req.Claims)
	return claims
}

// refusal explains why the job's role refuses its tokens, and how to fix it.
func (p *plan) refusal(j *jobPlan, failed []Check, admitAll map[string]bool) error {
	where := "the " + j.id + " job of " + j.workflow
	if j.environment != "" {
		where += " in environment " + j.environment
	}
	e := &RefusedError{Code: CodeTrust, Summary: fmt.Sprintf("%s could never assume role %s: its trust policy refuses tokens the job would send", where, j.role.Name), Checks: failed}
	for _, c := range failed {
		e.Details = append(e.Details, fmt.Sprintf("on %s GitHub would send the subject %s", c.Context, c.Subject()))
	}
	e.Details = append(e.Details, "the role admits the subjects "+strings.Join(j.role.Subjects(), ", "))
	for _, r := range j.role.Rules {
		for _, req := range r.Require {
			e.Details = append(e.Details, fmt.Sprintf("  (with %s matching %s)", req.Claim, strings.Join(req.Values, " or ")))
		}
	}
	e.Details = append(e.Details, "IAM: "+failed[0].Reason)
	if j.environment != "" {
		e.Details = append(e.Details, "A job that declares an environment is identified by it: GitHub sends repo:OWNER/REPO:environment:NAME instead of the branch or tag.")
	}
	e.Details = append(e.Details, "Fix it by one of:")
	for _, fix := range p.fixes(j, admitAll) {
		e.Details = append(e.Details, "  - "+fix)
	}
	return e
}

// fixes suggests ways out of a refusal.
func (p *plan) fixes(j *jobPlan, admitAll map[string]bool) []string {
	var fixes []string
	var envs []string
	admitsEnvAny, admitsRefs := false, false
	var repos []string
	for _, r := range j.role.Rules {
		envs = append(envs, r.Rule.Environments...)
		admitsEnvAny = admitsEnvAny || r.Rule.AnyContext
		admitsRefs = admitsRefs || r.Rule.AnyContext || len(r.Rule.Tags) > 0 || len(r.Rule.Branches) > 0 || r.Rule.PullRequests
		repos = append(repos, r.Rule.Repositories...)
	}
	envs = uniq(envs)
	// First what the flags can fix, and only what is not already so: the repository when
	// the role does not trust it (nothing else helps then), then the environment when the
	// role admits none of the job's.
	repoAdmitted := p.owner == p.m.GitHub.Owner.Name && slices.ContainsFunc(repos, func(pat string) bool { return trust.Matches(pat, p.repo) })
	if !repoAdmitted {
		fixes = append(fixes, fmt.Sprintf("pass --app-repo %s/NAME with the repository these workflows run in (now %s/%s); the role trusts the repositories %s of %s",
			p.m.GitHub.Owner.Name, p.owner, p.repo, strings.Join(uniq(repos), ", "), p.m.GitHub.Owner.Name))
	}
	envAdmitted := slices.ContainsFunc(envs, func(pat string) bool { return trust.Matches(pat, j.environment) })
	if repoAdmitted && j.environment != "" && !admitsEnvAny && !envAdmitted {
		switch {
		case len(envs) > 0:
			fixes = append(fixes, fmt.Sprintf("choose an environment the role admits with --environment (%s)", strings.Join(envs, ", ")))
		case admitsRefs:
			fixes = append(fixes, "drop --environment: no rule of the role admits an environment")
		}
	}
	var others []string
	for _, r := range p.m.Roles {
		if r != j.role && admitAll[r.Name] && r.Publishes() == (j.purpose == purposeRelease) {
			others = append(others, r.Name)
		}
	}
	if len(others) > 0 {
		fixes = append(fixes, "use a role whose trust policy admits these tokens: "+strings.Join(others, ", "))
	}
	change := "change the trust rules of " + j.role.Name + " in " + p.m.SpecPath
	if j.environment != "" && !envAdmitted {
		change = fmt.Sprintf("add environments: [%s] to a trust rule of %s in %s", j.environment, j.role.Name, p.m.SpecPath)
	}
	return append(fixes, change+", then apply the Terraform it renders")
}

// uniq removes repeated strings, keeping the first of each.
func uniq(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
