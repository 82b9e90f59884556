package diff

import (
	"maps"
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// probes returns the tokens a trust comparison tries: jobs of the repositories either role
// names (patterns made concrete), of a repository neither names, and of "app", in common
// contexts (main and a feature branch, a release tag, a pull request, a production
// environment) and in every context either role's rules name or require. Claims that
// either role requires are tried with each value either side lists and with one that
// matches none, so that adding, loosening or dropping a requirement shows.
func probes(nm *model.Model, o, n *model.Role) []trust.Token {
	owner := nm.GitHub.Owner
	repos := []string{"app", "repository-created-later"}
	type context struct{ ref, env, event string }
	contexts := []context{
		{ref: "refs/heads/main"}, {ref: "refs/heads/feature/x"}, {ref: "refs/tags/v1.0.0"},
		{ref: "refs/pull/1/merge", event: "pull_request"},
		{ref: "refs/tags/v1.0.0", env: "production"}, {ref: "refs/heads/main", env: "production"},
	}
	environments := []string{"production"}
	claimValues := map[string][]string{} // required claims other than ref and environment
	for _, role := range []*model.Role{o, n} {
		for _, rule := range role.Rules {
			for _, r := range rule.Rule.Repositories {
				if r != "*" { // "repository-created-later" stands for every repository
					repos = append(repos, trust.Example(r))
				}
			}
			for _, b := range rule.Rule.Branches {
				contexts = append(contexts, context{ref: "refs/heads/" + trust.Example(b)})
			}
			for _, t := range rule.Rule.Tags {
				contexts = append(contexts, context{ref: "refs/tags/" + trust.Example(t)})
			}
			for _, e := range rule.Rule.Environments {
				environments = append(environments, trust.Example(e))
			}
			for _, req := range rule.Require {
				for _, v := range req.Values {
					switch req.Claim {
					case "ref":
						contexts = append(contexts, context{ref: trust.Example(v)})
					case "environment":
						environments = append(environments, trust.Example(v))
					default:
						claimValues[req.Claim] = append(claimValues[req.Claim], trust.Example(v))
					}
				}
			}
			for k, v := range rule.Rule.ClaimValues {
				claimValues[k] = append(claimValues[k], trust.Example(v))
			}
		}
	}
	for _, e := range environments {
		contexts = append(contexts, context{ref: "refs/tags/v1.0.0", env: e}, context{ref: "refs/heads/main", env: e})
	}
	var toks []trust.Token
	for _, extra := range claimSets(claimValues) {
		for _, repo := range uniqueSorted(repos) {
			for _, c := range contexts {
				for _, ids := range idForms(owner, repo) {
					job := trust.Job{Owner: owner.Name, Repository: repo, OwnerID: ids[0], RepositoryID: ids[1],
						Ref: c.ref, Environment: c.env, Event: c.event, Extra: extra}
					if tok, err := trust.BuildToken(job, nm.GitHub.Template, nm.GitHub.Audience); err == nil {
						toks = append(toks, tok)
					}
				}
			}
		}
	}
	return toks
}

// claimSets returns the sets of further claims to probe with: the first value of each
// claim, then, one claim at a time, each other value and one value that matches none.
func claimSets(values map[string][]string) []map[string]string {
	base := map[string]string{}
	for claim, vs := range values {
		base[claim] = vs[0]
	}
	sets := []map[string]string{base}
	for _, claim := range slices.Sorted(maps.Keys(values)) {
		for _, v := range append(uniqueSorted(values[claim]), "value-no-rule-names") {
			if v == base[claim] {
				continue
			}
			set := maps.Clone(base)
			set[claim] = v
			sets = append(sets, set)
		}
	}
	return sets
}

func uniqueSorted(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
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
