package lint

import (
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// environmentJobRefused builds the tokens that jobs of the rule's repositories running in
// environment env would send (GitHub then puts the environment, not the ref, in the
// subject), for the refs the rule names, and evaluates them against the role's rendered
// trust policy. It returns "" when one of them is admitted, and otherwise the subject of
// the first, to show in the diagnostic.
func (l *linter) environmentJobRefused(r *model.Role, rule *model.TrustRule, env string) string {
	p, err := r.ParsedTrust()
	if err != nil {
		return "" // rendered reports it
	}
	gh := l.m.GitHub
	extra := map[string]string{}
	for k, v := range rule.Rule.ClaimValues {
		extra[k] = trust.Example(v)
	}
	refs := []string{"refs/tags/v1.0.0", "refs/heads/main"}
	for _, t := range rule.Rule.Tags {
		refs = append(refs, "refs/tags/"+trust.Example(t))
	}
	for _, b := range rule.Rule.Branches {
		refs = append(refs, "refs/heads/"+trust.Example(b))
	}
	for _, q := range rule.Require {
		switch q.Claim {
		case "ref":
			for _, v := range q.Values {
				refs = append(refs, trust.Example(v))
			}
		case "environment":
		default:
			extra[q.Claim] = trust.Example(q.Values[0])
		}
	}
	first := ""
	for _, repo := range rule.Rule.Repositories {
		name := trust.Example(repo)
		if repo == "*" {
			name = "app"
		}
		for _, ids := range idForms(gh, repo) {
			for _, ref := range refs {
				tok, err := oidc.BuildToken(oidc.Job{Owner: gh.Owner.Name, Repository: name, OwnerID: ids[0], RepositoryID: ids[1],
					Ref: ref, Environment: env, Extra: extra}, gh.Template, gh.Audience)
				if err != nil {
					continue
				}
				if p.Evaluate(tok.Request(gh.Issuer, model.OIDCProviderPlaceholder)).Allowed {
					return ""
				}
				if first == "" {
					first = tok.Claims["sub"]
				}
			}
		}
	}
	return first
}

// idForms returns the (owner ID, repository ID) pairs the repository's tokens may carry in
// the spec's subject form: none for name subjects, the IDs for immutable ones (a stand-in
// ID for a repository pattern).
func idForms(gh model.GitHub, repo string) [][2]string {
	id, known := gh.Owner.RepositoryIDs[repo]
	if !known && trust.HasWildcard(repo) {
		id, known = "1", true
	}
	var forms [][2]string
	if gh.Form != oidc.IDForm {
		forms = append(forms, [2]string{"", ""})
	}
	if gh.Form != oidc.NameForm && gh.Owner.ID != "" && known {
		forms = append(forms, [2]string{gh.Owner.ID, id})
	}
	return forms
}
