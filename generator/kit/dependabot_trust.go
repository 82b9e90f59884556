package kit

import (
	"fmt"
	"maps"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// What is known of the token Dependabot presents to AWS, and what is not:
//
//   - GitHub's page on Dependabot's OIDC support ([GH-OIDC] in dependabot.go) documents the
//     registry fields only, not the token's claims. Its subject (sub) is undocumented.
//   - Dependabot's proxy requests the token from the GitHub Actions OIDC endpoint with the
//     registry's audience ([PROXY]). So the token is a GitHub Actions token of the
//     repository Dependabot runs in, and its sub follows that repository's subject template
//     (repo:OWNER/REPO:CONTEXT by default) [inferred, not documented]; which CONTEXT
//     (branch, environment, event) a Dependabot job has is not documented.
//
// dependabotAdmission therefore decides, on the role's rendered trust policy, the two
// questions that do not depend on the context: does the role refuse every token of the
// repository with that audience (then Dependabot can never assume it), and does it admit
// every one of them (then it admits Dependabot's, whatever the context). In between, the
// verdict depends on what is undocumented. Sets of subjects are decided exactly with
// trust.Set (language inclusion of IAM StringLike/StringEquals patterns).

// Admission is what a role's trust policy does with the token Dependabot presents, as far
// as it is known.
type Admission int

const (
	// Refused: no statement admits any token of the application repository with the
	// audience, so Dependabot's token is refused whatever its context.
	Refused Admission = iota
	// SomeContexts: the role admits some tokens of the repository but not all, or only
	// with conditions on further claims: the verdict depends on the undocumented context.
	SomeContexts
	// EveryContext: every token of the repository with the audience is admitted, whatever
	// its context, by a statement with no other condition.
	EveryContext
)

// String returns "refused", "some contexts" or "every context".
func (a Admission) String() string {
	return [...]string{"refused", "some contexts", "every context"}[a]
}

// admissionBudget bounds the containment decisions of one check (trust.Budget steps).
const admissionBudget = 1_000_000

// dependabotAdmission evaluates the role's rendered trust policy against every token of
// OWNER/REPO with the spec's audience: for each subject form the spec trusts, the verdict
// on the pattern that covers every context; the weakest verdict wins.
func dependabotAdmission(m *model.Model, role *model.Role, owner, repo string) (Admission, error) {
	p, err := role.ParsedTrust()
	if err != nil {
		return Refused, fmt.Errorf("role %s: rendered trust policy does not parse: %w", role.Name, err)
	}
	verdict := EveryContext
	for _, sub := range anyContextSubjects(m, owner, repo) {
		verdict = min(verdict, admission(p, m.GitHub.Issuer, m.GitHub.Audience, sub))
	}
	return verdict, nil
}

// anyContextSubjects returns, for each subject form the spec trusts, the StringLike pattern
// of every sub the repository's tokens can carry: the subject template with the repository
// and "*" for the context and every other claim. The immutable form is included when the
// spec trusts it and knows both IDs, or when the spec trusts IDs only (then unknown IDs
// are "*"), as the kit's workflow checks do.
func anyContextSubjects(m *model.Model, owner, repo string) []string {
	gh := m.GitHub
	o := oidc.Owner{Name: owner, RepositoryIDs: map[string]string{}}
	if owner == gh.Owner.Name {
		o.ID = gh.Owner.ID
		maps.Copy(o.RepositoryIDs, gh.Owner.RepositoryIDs)
	}
	form := gh.Form
	if form == oidc.BothForms && (o.ID == "" || o.RepositoryIDs[repo] == "") {
		form = oidc.NameForm
	}
	if form == oidc.IDForm {
		if o.ID == "" {
			o.ID = "*"
		}
		if o.RepositoryIDs[repo] == "" {
			o.RepositoryIDs[repo] = "*"
		}
	}
	claims := map[string]string{}
	for _, c := range gh.Template {
		if c != "repo" && c != "context" {
			claims[c] = "*"
		}
	}
	return oidc.Subjects(o, form, gh.Template, oidc.Rule{Repositories: []string{repo}, AnyContext: true, ClaimValues: claims})
}

// admission decides one subject pattern against the policy (see Admission).
func admission(p *trust.Policy, issuer oidc.Issuer, audience, subPattern string) Admission {
	bud := &trust.Budget{Limit: admissionBudget}
	tokens := trust.Globs(subPattern)
	some, deny, universal := false, false, false
	var full [][]trust.Pattern // the sub lists of statements that admit with no other condition
	for _, st := range p.Statements {
		if st.Effect == trust.EffectDeny {
			deny = true
			continue
		}
		if !assumesWithWebIdentity(st) {
			continue
		}
		c := readConditions(st, issuer, audience)
		if !c.audience {
			continue
		}
		if c.unknownSub {
			some = true // an operator this check does not model: it may admit
			continue
		}
		empty, err := trust.Set{Must: append([][]trust.Pattern{tokens}, c.sub...)}.IsEmpty(bud)
		if err != nil || !empty {
			some = true
		}
		switch {
		case c.other || len(c.sub) > 1:
		case len(c.sub) == 0:
			universal = true
		default:
			full = append(full, c.sub[0])
		}
	}
	switch {
	case !some:
		return Refused
	case deny:
		return SomeContexts
	case universal:
		return EveryContext
	}
	empty, err := trust.Set{Must: [][]trust.Pattern{tokens}, Not: full}.IsEmpty(bud)
	if err != nil || !empty {
		return SomeContexts
	}
	return EveryContext
}

// assumesWithWebIdentity reports whether the statement allows sts:AssumeRoleWithWebIdentity.
func assumesWithWebIdentity(st trust.Statement) bool {
	const action = "sts:AssumeRoleWithWebIdentity"
	for _, v := range st.Action.Values {
		if trust.Matches(strings.ToLower(v), strings.ToLower(action)) {
			return !st.Action.Negated
		}
	}
	return st.Action.Negated
}

// conditions is what one statement requires of a token.
type conditions struct {
	audience   bool              // the audience satisfies the aud conditions (or there are none)
	sub        [][]trust.Pattern // one list per sub condition; all must match
	unknownSub bool              // a sub condition under an operator other than StringEquals/StringLike
	other      bool              // a condition on another key, or an unmodelled aud operator
}

// readConditions reads the statement's conditions on the issuer's aud and sub keys (IAM
// condition keys are case-insensitive).
func readConditions(st trust.Statement, issuer oidc.Issuer, audience string) conditions {
	c := conditions{audience: true}
	audKey, subKey := strings.ToLower(issuer.ClaimKey("aud")), strings.ToLower(issuer.ClaimKey("sub"))
	for _, cond := range st.Conditions {
		pats, _ := trust.ConditionPatterns(cond.Operator, cond.Values)
		switch key := strings.ToLower(cond.Key); {
		case key == audKey && pats != nil:
			c.audience = c.audience && trust.Set{Must: [][]trust.Pattern{pats}}.Contains(audience)
		case key == subKey && pats != nil:
			c.sub = append(c.sub, pats)
		case key == subKey:
			c.unknownSub = true
		default:
			c.other = true
		}
	}
	return c
}

// admittedOf describes what the role admits of the given subject patterns: its subjects
// that share a value with one of them, and the claims its rules require besides.
func admittedOf(role *model.Role, patterns []string) string {
	bud := &trust.Budget{Limit: admissionBudget}
	var subs []string
	for _, s := range role.Subjects() {
		for _, p := range patterns {
			empty, err := trust.Set{Must: [][]trust.Pattern{trust.Globs(p), trust.Globs(s)}}.IsEmpty(bud)
			if err != nil || !empty {
				subs = append(subs, s)
				break
			}
		}
	}
	out := "only " + strings.Join(subs, ", ")
	for _, r := range role.Rules {
		for _, req := range r.Require {
			out += fmt.Sprintf(" (with %s matching %s)", req.Claim, strings.Join(req.Values, " or "))
		}
	}
	return out
}

// roleProblems reports what is known and unknown about the role for Dependabot: BOT001
// always (the subject is undocumented), BOT002 when the role refuses every token of the
// repository, BOT003 when the verdict depends on the undocumented context, BOT004 when the
// role can publish, BOT009 on GitHub Enterprise Server.
func roleProblems(m *model.Model, role *model.Role, owner, repo string, adm Admission) diag.Diagnostics {
	app := owner + "/" + repo
	subs := strings.Join(anyContextSubjects(m, owner, repo), " or ")
	ds := diag.Diagnostics{{
		Severity: diag.Warning, Code: "BOT001", Pos: role.NamePos,
		Summary: "the subject of the token Dependabot presents is not documented: role " + role.Name + " is used because you named it",
		Detail: "GitHub documents the registry fields of Dependabot's OIDC support (" + DependabotDocs + ") but not the token's claims. " +
			"Dependabot's proxy (dependabot/proxy, internal/oidc) requests a GitHub Actions token with audience " + m.GitHub.Audience +
			", so its subject should match " + subs + " (inferred); the part after the repository (branch, environment, event) is not documented. " +
			"Fix: after the first Dependabot run, read the subject from CloudTrail (AssumeRoleWithWebIdentity, userIdentity.userName) and add it to the spec's expectations with admitted_by: [" + role.Name + "].",
	}}
	switch adm {
	case Refused:
		ds = append(ds, diag.Diagnostic{
			Severity: diag.Error, Code: "BOT002", Pos: role.NamePos,
			Summary: fmt.Sprintf("role %s refuses every token of repository %s: Dependabot could never assume it", role.Name, app),
			Detail: fmt.Sprintf("Whatever its undocumented context, Dependabot's token for %s has a subject matching %s and audience %s; no Allow statement of the role's rendered trust policy admits such a token (the role admits %s). "+
				"Fix: pass --app-repo OWNER/NAME with the repository Dependabot runs in, name a role that trusts it, or add %s to a trust rule of a read-only role in %s.",
				app, subs, m.GitHub.Audience, strings.Join(role.Subjects(), ", "), repo, m.SpecPath),
		})
	case SomeContexts:
		ds = append(ds, diag.Diagnostic{
			Severity: diag.Warning, Code: "BOT003", Pos: role.NamePos,
			Summary: fmt.Sprintf("role %s admits only some tokens of repository %s: whether it admits Dependabot's depends on the undocumented context", role.Name, app),
			Detail: fmt.Sprintf("Of the subjects of %s (%s), the role admits %s; Dependabot's may be another. "+
				"If the role refuses it, Dependabot's updates fail with private_source_authentication_failure. "+
				"Fix: trust %s with any_context: true (and no require) in a rule of a read-only role, which can never publish, or confirm the subject from CloudTrail after the first run.",
				app, subs, admittedOf(role, anyContextSubjects(m, owner, repo)), repo),
		})
	}
	if role.Publishes() {
		var readOnly []string
		for _, r := range m.Roles {
			if !r.Publishes() {
				readOnly = append(readOnly, r.Name)
			}
		}
		fix := "Fix: add a read-only role for Dependabot to the spec and name it with --role."
		if len(readOnly) > 0 {
			fix = "Fix: name a read-only role with --role (this spec has " + strings.Join(readOnly, ", ") + ")."
		}
		ds = append(ds, diag.Diagnostic{
			Severity: diag.Warning, Code: "BOT004", Pos: role.NamePos,
			Summary: fmt.Sprintf("role %s can publish packages, but Dependabot only reads", role.Name),
			Detail:  "Dependabot needs GetAuthorizationToken, GetRepositoryEndpoint and ReadFromRepository; with a role that can publish, every dependency update job holds credentials that could publish a package (least privilege). " + fix,
		})
	}
	if m.GitHub.Issuer.Kind == "enterprise-server" {
		ds = append(ds, diag.Diagnostic{
			Severity: diag.Warning, Code: "BOT009", Pos: role.NamePos,
			Summary: "Dependabot's OIDC support on GitHub Enterprise Server is not documented for every version",
			Detail:  "The documentation shows the OIDC section only where the feature is available (feature flag dependabot-oidc-support), and Dependabot's proxy calls the public STS endpoint. Fix: check your server version's documentation before relying on this file.",
		})
	}
	return ds
}
