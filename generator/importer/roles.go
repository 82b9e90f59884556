package importer

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// roles maps every aws_iam_role that GitHub's OIDC provider can assume, with its trust
// rules read back from the trust policy's conditions and its policies from the
// attachments.
func (m *mapper) roles() {
	m.formats()
	attached := m.attachments()
	for _, in := range m.managed("aws_iam_role") {
		name, ok := m.iamName(in, "role")
		if !ok {
			continue
		}
		doc, err := trust.ParsePolicy([]byte(in.String("assume_role_policy")))
		if err != nil {
			m.skip(in, attrRange(in.Object, "assume_role_policy"), in.Address()+"'s trust policy cannot be read: not in the spec", err.Error())
			continue
		}
		role := &Role{Name: name, Description: in.String("description"), Tags: minusTags(in.StringMap("tags"), m.spec.Domain.Tags),
			address: in.Address(), at: attrRange(in.Object, "assume_role_policy")}
		if v := in.String("max_session_duration"); v != "" && v != "3600" {
			role.MaxSessionDuration, _ = strconv.Atoi(v)
		}
		if !m.trustRules(in, role, doc) {
			continue
		}
		for _, a := range attached[name] {
			role.Policies = append(role.Policies, a.policy)
			m.spec.Adopt = append(m.spec.Adopt, Adopt{From: a.address, RoleName: name, Policy: a.policy})
		}
		if _, exclusive := in.Attrs["managed_policy_arns"]; exclusive || len(in.Blocks["inline_policy"]) > 0 {
			m.skip(in, in.Range, in.Address()+" has inline_policy blocks or managed_policy_arns: they are not in the spec",
				"The render manages attachments with aws_iam_role_policy_attachment only; an inline policy or an exclusive managed_policy_arns list would be dropped from the role. Move them to policies of the spec first.")
		}
		if len(role.Policies) == 0 {
			m.skip(in, in.Range, in.Address()+" has no policy of the spec attached: not in the spec",
				"A role of the spec has at least one policy. Keep it in a hand-written file, or attach a policy the spec has.")
			continue
		}
		m.spec.Roles = append(m.spec.Roles, role)
		m.spec.Adopt = append(m.spec.Adopt, Adopt{From: in.Address(), RoleName: name})
	}
	sort.Slice(m.spec.Roles, func(i, j int) bool { return m.spec.Roles[i].Name < m.spec.Roles[j].Name })
}

// formats settles every repository's format: propagated along upstreams once more (the
// policies may have named some), else generic, reported.
func (m *mapper) formats() {
	m.propagateFormats()
	for _, r := range m.spec.Repositories {
		if r.Format == "" {
			r.Format = "generic"
			in := m.byAddr[r.address]
			m.warn("IMPORT027", in.Range, "the format of repository "+r.Name+" is not in the configuration: written as generic",
				"CodeArtifact repositories hold every format; the spec names one for policies and endpoints. Neither an external connection, an upstream nor a package ARN tells it: set format in the spec.")
		}
	}
}

type attachment struct{ address, policy string }

// attachments returns, by role name, the policies of the spec attached to it.
func (m *mapper) attachments() map[string][]attachment {
	out := map[string][]attachment{}
	for _, in := range m.managed("aws_iam_role_policy_attachment") {
		role, arn := in.String("role"), in.String("policy_arn")
		var p *Policy
		if addr, attr, ok := placeheld(arn); ok && attr == "arn" {
			p = m.policyByAddr[addr]
		} else if mm := policyARN.FindStringSubmatch(arn); mm != nil && !strings.Contains(arn, ":iam::aws:") {
			for _, q := range m.spec.Policies {
				if q.Name == mm[1] {
					p = q
				}
			}
		}
		if p == nil {
			m.skip(in, in.Range, in.Address()+" attaches "+arn+", which is not a policy of the spec: not in the spec",
				"The render attaches the spec's policies only. Once the hand-written files are gone Terraform would detach it: keep the attachment in a hand-written file, or add the policy's grants to a policy of the spec.")
			continue
		}
		out[role] = append(out[role], attachment{in.Address(), p.Name})
	}
	return out
}

// ghPrefix is the condition key prefix of github.com's issuer.
const ghPrefix = "token.actions.githubusercontent.com"

// trustRules reads a trust policy into rules; false (reported) when the role is not a
// GitHub OIDC role the spec can express.
func (m *mapper) trustRules(in *Instance, role *Role, doc *trust.Policy) bool {
	at := attrRange(in.Object, "assume_role_policy")
	say := func(summary, detail string) { m.warn("IMPORT023", at, in.Address()+": "+summary, detail) }
	github := false
	audience := aws.STSAudience(aws.Partition(m.spec.Domain.Region))
	for i, st := range doc.Statements {
		sid := fmt.Sprintf("statement #%d", i+1)
		if !m.oidcStatement(st) {
			if github {
				say(sid+" is not a GitHub OIDC statement: the render drops it", "The render's trust policy admits GitHub's OIDC tokens only. This narrows who can assume the role.")
			}
			continue
		}
		github = true
		role.old = append(role.old, st)
		prefix := ghPrefix
		if m.spec.GitHub.EnterpriseSlug != "" {
			prefix += "/" + m.spec.GitHub.EnterpriseSlug
		}
		var subs []string
		var require [][2][]string
		aud := false
		for _, c := range st.Conditions {
			claim, ok := strings.CutPrefix(c.Key, prefix+":")
			if !ok {
				say(fmt.Sprintf("%s has the condition %s %s: the render drops it", sid, c.Operator, c.Key), "The render writes conditions on GitHub's claims only. Whether this widens access depends on the condition; it widens when the condition restricted who is admitted.")
				continue
			}
			switch c.Operator {
			case "StringEquals", "StringLike":
			default:
				say(fmt.Sprintf("%s tests %s with %s: the render uses StringEquals or StringLike", sid, claim, c.Operator),
					"The render writes StringLike when a value holds * or ?, StringEquals otherwise, never set operators or IfExists. Review the rendered trust policy: this may widen access.")
			}
			if c.Operator == "StringEquals" && slices.ContainsFunc(c.Values, func(v string) bool { return strings.ContainsAny(v, "*?") }) {
				say(fmt.Sprintf("%s has * or ? under StringEquals on %s, which IAM compares literally: the render uses StringLike", sid, claim),
					fmt.Sprintf("Under StringEquals the values %q match only a claim with those exact characters, which GitHub never sends, so today they admit nothing. The render writes them under StringLike, where * and ? are wildcards. This WIDENS access: the role admits every token the patterns match. Narrow the patterns in the spec if that is not what the role should admit.", c.Values))
			}
			switch claim {
			case "aud":
				aud = true
				if !slices.Equal(c.Values, []string{audience}) {
					say(fmt.Sprintf("%s admits the audiences %v: the render pins aud to %s", sid, c.Values, audience), "This narrows access to tokens requested for AWS STS, the audience aws-actions/configure-aws-credentials asks for.")
				}
			case "sub":
				subs = append(subs, c.Values...)
			default:
				require = append(require, [2][]string{{claim}, c.Values})
			}
		}
		if !aud {
			say(sid+" has no condition on aud: the render adds aud = "+audience,
				"Without it, a GitHub token requested for any audience is accepted. The render pins the audience, which narrows access to tokens requested for AWS STS (what aws-actions/configure-aws-credentials asks for).")
		}
		if len(subs) == 0 {
			say(sid+" has no condition on sub: the role is not imported",
				"It admits every workflow of every GitHub repository, of any owner; the spec cannot express that (TRUST001) and IAM refuses to create such a role since 2025. Keep it in a hand-written file and fix it.")
			return false
		}
		sort.Slice(require, func(i, j int) bool { return require[i][0][0] < require[j][0][0] })
		if !m.subjects(subs, require, role, sid, say) {
			return false
		}
	}
	if !github {
		m.skip(in, in.Range, in.Address()+" is not assumed through GitHub's OIDC provider: not in the spec",
			"The spec's roles are GitHub Actions roles. Keep this role in a hand-written file.")
	}
	return github && len(role.Trust) > 0
}

// oidcStatement reports whether st lets GitHub's OIDC provider assume the role.
func (m *mapper) oidcStatement(st trust.Statement) bool {
	if st.Effect != trust.EffectAllow || !slices.ContainsFunc(st.Action.Values, func(a string) bool {
		return strings.EqualFold(a, "sts:AssumeRoleWithWebIdentity")
	}) {
		return false
	}
	for _, p := range st.Principal.Values["Federated"] {
		if addr, attr, ok := placeheld(p); ok && attr == "arn" {
			base, _, _ := strings.Cut(addr, "[")
			if base == m.oidcAddr {
				return true
			}
		}
		if strings.Contains(p, ":oidc-provider/"+ghPrefix) {
			return true
		}
	}
	return false
}

// subject is one parsed sub value.
type subject struct {
	owner, ownerID, repo, repoID string
	kind, value                  string // branch, tag, environment, pull_request, any
}

// parseSubject reads repo:OWNER/REPO:CONTEXT and the immutable
// repo:OWNER@ID/REPO@ID:CONTEXT.
func parseSubject(s string) (subject, bool) {
	rest, ok := strings.CutPrefix(s, "repo:")
	if !ok {
		return subject{}, false
	}
	path, ctx, ok := strings.Cut(rest, ":")
	if !ok {
		return subject{}, false
	}
	owner, repo, ok := strings.Cut(path, "/")
	if !ok {
		return subject{}, false
	}
	var sub subject
	sub.owner, sub.ownerID, _ = strings.Cut(owner, "@")
	sub.repo, sub.repoID, _ = strings.Cut(repo, "@")
	switch {
	case ctx == "*":
		sub.kind = "any"
	case ctx == "pull_request":
		sub.kind = "pull_request"
	case strings.HasPrefix(ctx, "ref:refs/heads/"):
		sub.kind, sub.value = "branch", strings.TrimPrefix(ctx, "ref:refs/heads/")
	case strings.HasPrefix(ctx, "ref:refs/tags/"):
		sub.kind, sub.value = "tag", strings.TrimPrefix(ctx, "ref:refs/tags/")
	case strings.HasPrefix(ctx, "environment:"):
		sub.kind, sub.value = "environment", strings.TrimPrefix(ctx, "environment:")
	default:
		return subject{}, false
	}
	if sub.owner == "" || strings.ContainsAny(sub.owner, "*?") || sub.repo == "" {
		return subject{}, false
	}
	return sub, true
}

// subjects groups the sub values of one statement into rules: repositories with the same
// contexts share a rule.
func (m *mapper) subjects(subs []string, require [][2][]string, role *Role, sid string, say func(string, string)) bool {
	contexts := map[string][]string{} // repository → "kind\x00value"
	gh := &m.spec.GitHub
	for _, s := range subs {
		sub, ok := parseSubject(s)
		if !ok {
			say(fmt.Sprintf("%s admits the subject %q, which the spec cannot express: the render drops it", sid, s),
				"The spec writes subjects repo:OWNER/REPO:CONTEXT with a branch, tag, environment, pull_request or * as the context. This narrows who can assume the role; add a rule for these workflows to the spec if they need it.")
			continue
		}
		if gh.Owner == "" {
			gh.Owner = sub.owner
		}
		if !strings.EqualFold(sub.owner, gh.Owner) {
			say(fmt.Sprintf("%s admits the owner %s, not %s: the render drops it", sid, sub.owner, gh.Owner), "A spec has one GitHub owner. This narrows who can assume the role; import the other owner's roles into a spec of their own.")
			continue
		}
		if sub.ownerID != "" {
			gh.OwnerID = sub.ownerID
			gh.Subjects = mergeForm(gh.Subjects, "id")
			if sub.repoID != "" && !slices.ContainsFunc(gh.RepositoryIDs, func(e [2]string) bool { return e[0] == sub.repo }) {
				gh.RepositoryIDs = append(gh.RepositoryIDs, [2]string{sub.repo, sub.repoID})
			}
		} else {
			gh.Subjects = mergeForm(gh.Subjects, "name")
		}
		key := sub.kind + "\x00" + sub.value
		if !slices.Contains(contexts[sub.repo], key) {
			contexts[sub.repo] = append(contexts[sub.repo], key)
		}
	}
	groups := map[string][]string{} // sorted contexts → repositories
	for repo, ctxs := range contexts {
		slices.Sort(ctxs)
		k := strings.Join(ctxs, "\x01")
		groups[k] = append(groups[k], repo)
	}
	for _, k := range sortedKeys(groups) {
		repos := groups[k]
		slices.Sort(repos)
		rule := &Rule{Repositories: repos, Require: require}
		for _, c := range strings.Split(k, "\x01") {
			kind, value, _ := strings.Cut(c, "\x00")
			switch kind {
			case "any":
				rule.AnyContext = true
			case "pull_request":
				rule.PullRequests = true
			case "branch":
				rule.Branches = append(rule.Branches, value)
			case "tag":
				rule.Tags = append(rule.Tags, value)
			case "environment":
				rule.Environments = append(rule.Environments, value)
			}
		}
		role.Trust = append(role.Trust, rule)
	}
	return true
}

// mergeForm returns the subject form after seeing one more subject of form f.
func mergeForm(current, f string) string {
	switch {
	case current == "" || current == f:
		return f
	default:
		return "both"
	}
}
