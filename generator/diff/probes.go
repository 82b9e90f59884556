package diff

import (
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// probes returns the tokens a trust comparison tries: jobs of the repositories either role
// names (patterns made concrete), of a repository neither names, and of "app", in common
// contexts (main and a feature branch, a release tag, a pull request, a production
// environment) and in every context either role's rules name. Claims that either role
// requires are filled in from its rules.
func probes(nm *model.Model, o, n *model.Role) []trust.Token {
	owner := nm.GitHub.Owner
	repos := []string{"app", "repository-created-later"}
	type context struct{ ref, env, event string }
	contexts := []context{
		{ref: "refs/heads/main"}, {ref: "refs/heads/feature/x"}, {ref: "refs/tags/v1.0.0"},
		{ref: "refs/pull/1/merge", event: "pull_request"},
		{ref: "refs/tags/v1.0.0", env: "production"}, {ref: "refs/heads/main", env: "production"},
	}
	extra := map[string]string{}
	for _, role := range []*model.Role{o, n} {
		for _, rule := range role.Rules {
			for _, r := range rule.Rule.Repositories {
				if r != "*" { // "repository-created-later" stands for every repository
					repos = append(repos, concrete(r))
				}
			}
			for _, b := range rule.Rule.Branches {
				contexts = append(contexts, context{ref: "refs/heads/" + concrete(b)})
			}
			for _, t := range rule.Rule.Tags {
				contexts = append(contexts, context{ref: "refs/tags/" + concrete(t)})
			}
			for _, e := range rule.Rule.Environments {
				contexts = append(contexts, context{ref: "refs/tags/v1.0.0", env: concrete(e)}, context{ref: "refs/heads/main", env: concrete(e)})
			}
			for _, req := range rule.Require {
				if req.Claim != "ref" && req.Claim != "environment" {
					extra[req.Claim] = concrete(req.Values[0])
				}
			}
			for k, v := range rule.Rule.ClaimValues {
				extra[k] = concrete(v)
			}
		}
	}
	slices.Sort(repos)
	repos = slices.Compact(repos)
	var toks []trust.Token
	for _, repo := range repos {
		for _, c := range contexts {
			for _, ids := range idForms(owner, repo) {
				job := trust.Job{Owner: owner.Name, Repository: repo, OwnerID: ids[0], RepositoryID: ids[1],
					Ref: c.ref, Environment: c.env, Event: c.event, Extra: extra}
				tok, err := trust.BuildToken(job, nm.GitHub.Template, nm.GitHub.Audience)
				if err == nil {
					toks = append(toks, tok)
				}
			}
		}
	}
	return toks
}

// idForms returns the (owner ID, repository ID) pairs a repository's tokens may carry: none
// (name subjects) and, when the IDs are known, both.
func idForms(o trust.Owner, repo string) [][2]string {
	forms := [][2]string{{"", ""}}
	if id, ok := o.RepositoryIDs[repo]; ok && o.ID != "" {
		forms = append(forms, [2]string{o.ID, id})
	}
	return forms
}

// concrete turns an IAM pattern into a value it matches: "*" becomes "x", "?" becomes "y".
func concrete(pattern string) string {
	return strings.NewReplacer("*", "x", "?", "y").Replace(pattern)
}
