package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Finding is one lint result.
type Finding struct {
	Rule *Rule
	Pos  diag.Pos
	// Role, Policy or Consumer names what the finding is about (at most one is set).
	Role, Policy, Consumer string
	// TrustRule is the rule the finding is about, when it is about one.
	TrustRule *model.TrustRule
	// Summary is the first line of the diagnostic: the rule's title and the specifics.
	Summary string
	// Silenced holds the reason when the spec accepts this warning.
	Silenced string

	// silences are the silence entries of the rule or grant the finding is about.
	silences []model.Silence
}

// Diagnostic returns the finding as a diagnostic: the summary, then the risk and the fix.
func (f Finding) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{
		Severity: f.Rule.Severity, Code: f.Rule.ID, Pos: f.Pos, Summary: f.Summary,
		Detail: "Risk: " + f.Rule.Risk + "\nFix: " + f.Rule.Fix,
	}
}

// Result is everything the lint found in one model.
type Result struct {
	// Findings are all findings, silenced ones included, sorted by position.
	Findings []Finding
	// Diagnostics are the findings that are not silenced, plus problems with silences.
	Diagnostics diag.Diagnostics
}

// Run lints every role and policy of m.
func Run(m *model.Model) Result {
	l := &linter{m: m}
	for _, r := range m.Roles {
		l.role(r)
	}
	for _, p := range m.Policies {
		l.policy(p)
	}
	l.consumers()
	l.renames()
	l.origins()
	return l.result()
}

type linter struct {
	m        *model.Model
	findings []Finding
}

// anchor is what a finding is attached to: a position, the role or policy, and the silence
// entries that may accept it.
type anchor struct {
	pos                    diag.Pos
	role, policy, consumer string
	rule                   *model.TrustRule
	silences               []model.Silence
}

func roleAnchor(r *model.Role, pos diag.Pos) anchor { return anchor{pos: pos, role: r.Name} }

func ruleAnchor(r *model.Role, rule *model.TrustRule, pos diag.Pos) anchor {
	return anchor{pos: pos, role: r.Name, rule: rule, silences: rule.Silences}
}

func (l *linter) add(rule *Rule, at anchor, format string, args ...any) {
	l.findings = append(l.findings, Finding{Rule: rule, Pos: at.pos, Role: at.role, Policy: at.policy, Consumer: at.consumer, TrustRule: at.rule,
		Summary: fmt.Sprintf(format, args...), silences: at.silences})
}

func (l *linter) role(r *model.Role) {
	publishes := r.Publishes()
	for _, rule := range r.Rules {
		l.trustRule(r, rule, publishes)
		l.publishingRule(r, rule, publishes)
	}
	l.looseValues(r)
	l.rendered(r)
	size := r.Trust.Size(l.m.ResolveRef)
	if quota := l.m.Quotas.TrustPolicySize; size > quota {
		l.add(&TrustPolicySize, roleAnchor(r, r.NamePos), "the trust policy of role %s has %d characters, over the quota of %d", r.Name, size, quota)
	}
	if d := r.MaxSessionDuration; publishes && d > 3600 {
		l.add(&LongPublishSession, roleAnchor(r, r.MaxSessionDurationPos), "role %s can publish, and its sessions last %d hours", r.Name, d/3600)
	}
	if n, quota := len(r.Policies), l.m.Quotas.PoliciesPerRole; n > quota {
		l.add(&PoliciesPerRole, roleAnchor(r, r.PoliciesPos), "role %s has %d managed policies, over the quota of %d", r.Name, n, quota)
	}
}

// trustRule reports the risks of one rule's subjects, once per lint and rule.
func (l *linter) trustRule(r *model.Role, rule *model.TrustRule, publishes bool) {
	at := ruleAnchor(r, rule, rule.Pos)
	seen := map[*Rule][]string{}
	var order []*Rule
	for _, sub := range rule.Subjects {
		for _, rk := range narrowedByRequire(subjectRisks(sub, publishes), rule.Require) {
			if _, ok := seen[rk.rule]; !ok {
				order = append(order, rk.rule)
			}
			if !slices.Contains(seen[rk.rule], rk.what) {
				seen[rk.rule] = append(seen[rk.rule], rk.what)
			}
		}
	}
	for _, lr := range order {
		if lr == &PublishUnreviewedCode && !admitsPullRequests(rule) {
			continue
		}
		l.add(lr, at, "role %s admits %s", r.Name, strings.Join(seen[lr], "; "))
	}
	if r.Sensitive && slices.ContainsFunc(rule.Rule.Repositories, trust.HasWildcard) {
		l.add(&SensitiveWildcard, at, "role %s is sensitive but admits repositories %s", r.Name, strings.Join(rule.Rule.Repositories, ", "))
	}
	for _, req := range rule.Require {
		if req.Claim != "job_workflow_ref" || slices.ContainsFunc(rule.Require, func(q model.Requirement) bool { return q.Claim == "environment" }) {
			continue
		}
		for _, v := range req.Values {
			if ref, mutable := mutableRef(v); mutable {
				l.add(&MutableWorkflowPin, at, "role %s requires the workflow at %s", r.Name, ref)
			} else if trust.HasWildcard(v) {
				l.add(&MutableWorkflowPin, at, "role %s requires any workflow matching %s", r.Name, v)
			}
		}
	}
	if env := rule.JobEnvironment; env != "" {
		if refused := l.environmentJobRefused(r, rule, env); refused != "" {
			l.add(&EnvironmentMismatch, ruleAnchor(r, rule, rule.JobEnvironmentPos),
				"jobs in environment %s send sub %s, which role %s does not admit", env, refused, r.Name)
		}
	}
	for _, claim := range l.m.GitHub.Template {
		if claim == "repo" || claim == "context" {
			continue
		}
		if _, ok := rule.Rule.ClaimValues[claim]; !ok {
			l.add(&TemplateMismatch, at, "the subject template includes %s, but the rule gives no value for it (subject_claims)", claim)
		}
	}
	if l.m.GitHub.Form == oidc.BothForms {
		for _, repo := range rule.Rule.Repositories {
			if _, known := l.m.GitHub.Owner.RepositoryIDs[repo]; !known && !trust.HasWildcard(repo) {
				l.add(&MissingRepositoryID, at, "repository %s has no ID, so role %s does not admit its immutable subject", repo, r.Name)
			}
		}
	}
}

func (l *linter) policy(p *model.Policy) {
	if size := p.Document.Size(l.m.ResolveRef); size > aws.ManagedPolicyQuota {
		l.add(&ManagedPolicySize, anchor{pos: p.NamePos, policy: p.Name}, "policy %s has %d characters, over the quota of %d", p.Name, size, aws.ManagedPolicyQuota)
	}
	for _, g := range p.Publishes {
		if !g.Repository.Internal() {
			l.add(&PublishToProxy, anchor{pos: g.RepositoryPos, policy: p.Name, silences: g.Silences}, "policy %s can publish to %s, which proxies %s", p.Name, g.Repository.Name, g.Repository.ExternalConnection)
		}
	}
}

// consumers checks the resource policies for other accounts.
func (l *linter) consumers() {
	for _, c := range l.m.Consumers {
		if len(c.Publishes) > 0 {
			for _, p := range c.PrincipalsAsWritten {
				if aws.AccountID.MatchString(p.Value) {
					l.add(&AccountWidePublish, anchor{pos: p.Pos, consumer: c.Name, silences: c.Publishes[0].Silences}, "consumer %s gives account %s as a whole the right to publish", c.Name, p.Value)
				}
			}
		}
		for _, g := range c.Publishes {
			if !g.Repository.Internal() {
				l.add(&PublishToProxy, anchor{pos: g.RepositoryPos, consumer: c.Name, silences: g.Silences}, "consumer %s can publish to %s, which proxies %s", c.Name, g.Repository.Name, g.Repository.ExternalConnection)
			}
		}
	}
	if d := l.m.DomainPolicy; d != nil {
		if size := d.Size(l.m.ResolveRef); size > aws.ResourcePolicyQuota {
			l.add(&ResourcePolicySize, anchor{pos: l.m.Consumers[0].Pos}, "the domain policy has %d characters, over the limit of %d", size, aws.ResourcePolicyQuota)
		}
	}
	for _, p := range l.m.RepositoryPolicies {
		if size := p.Document.Size(l.m.ResolveRef); size > aws.ResourcePolicyQuota {
			l.add(&ResourcePolicySize, anchor{pos: p.Repository.NamePos}, "the policy of repository %s has %d characters, over the limit of %d", p.Repository.Name, size, aws.ResourcePolicyQuota)
		}
	}
}

// renames reports what a rename declared in the spec will do.
func (l *linter) renames() {
	for _, r := range l.m.Repositories {
		if r.PreviousName != "" {
			l.add(&RepositoryRename, anchor{pos: r.PreviousNamePos}, "repository %s becomes %s: every package in %s is deleted (acknowledged: %s)", r.PreviousName, r.Name, r.PreviousName, r.PackageLoss)
		}
	}
	for _, r := range l.m.Roles {
		if r.PreviousName != "" {
			l.add(&IAMRename, anchor{pos: r.PreviousNamePos, role: r.Name}, "role %s becomes %s: Terraform replaces the role", r.PreviousName, r.Name)
		}
	}
	for _, p := range l.m.Policies {
		if p.PreviousName != "" {
			l.add(&IAMRename, anchor{pos: p.PreviousNamePos, policy: p.Name}, "policy %s becomes %s: Terraform replaces the policy", p.PreviousName, p.Name)
		}
	}
}

// admitsPullRequests reports whether the claims a rule requires besides sub leave pull
// requests in: a required environment keeps them out (a job of a pull request that declares
// the environment waits for its protection rules, which are a review), and so does a
// required ref that no pull request's ref (refs/pull/N/merge) matches.
func admitsPullRequests(rule *model.TrustRule) bool {
	for _, req := range rule.Require {
		switch req.Claim {
		case "environment":
			return false
		case "ref":
			if !slices.ContainsFunc(req.Values, func(v string) bool { return trust.Matches(v, "refs/pull/1/merge") }) {
				return false
			}
		}
	}
	return true
}
