package simulate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// closestRule returns the first rule of role whose sub patterns admit sub, with no
// findings; or else the rule whose parts (owner, IDs, repository, context, template
// claims) the subject matches most, the first of equals, with a finding for each part it
// fails. The verdict is never taken from these parts: they explain the evaluator's.
func closestRule(m *model.Model, role *model.Role, s subjectParts, parsed bool, sub string) (*model.TrustRule, []Finding) {
	for _, r := range role.Rules {
		if ruleAdmits(r, sub) {
			return r, nil
		}
	}
	if len(role.Rules) == 0 {
		return nil, nil
	}
	var best *model.TrustRule
	var bestFindings []Finding
	bestScore := -1
	for _, r := range role.Rules {
		score, findings := 0, []Finding(nil)
		if parsed {
			score, findings = checkRule(m, role, r, s)
		}
		if len(findings) == 0 {
			findings = []Finding{{Check: "sub", Text: fmt.Sprintf("the subject %s matches none of the rule's patterns (%s) [%s]", sub, r.SubOperator, strings.Join(r.Subjects, " "))}}
		}
		if score > bestScore {
			best, bestFindings, bestScore = r, findings, score
		}
	}
	return best, bestFindings
}

// ruleAdmits reports whether a sub pattern of the rule admits sub under the operator of
// the statement that holds it.
func ruleAdmits(r *model.TrustRule, sub string) bool {
	return slices.ContainsFunc(r.Subjects, func(p string) bool {
		if r.SubOperator == "StringLike" {
			return trust.Matches(p, sub)
		}
		return p == sub
	})
}

// checkRule compares the subject's parts with the rule and returns how many parts match
// and a finding for each that does not, most decisive first.
func checkRule(m *model.Model, role *model.Role, r *model.TrustRule, s subjectParts) (int, []Finding) {
	var out []Finding
	score := 0
	at := fmt.Sprintf("trust rule %d (%s)", slices.Index(role.Rules, r)+1, r.Pos)
	for _, f := range []*Finding{ownerFinding(m.GitHub, s), idFinding(m.GitHub, r, s)} {
		if f == nil {
			score++
		} else {
			out = append(out, *f)
		}
	}

	// The repository.
	if anyRepoMatch(r, s.Repo) != "" {
		score++
	} else {
		f := Finding{Check: "repository",
			Text: fmt.Sprintf("repository %s is not among the repositories of %s: [%s]", s.Repo, at, strings.Join(r.Rule.Repositories, " ")),
			Fix:  fmt.Sprintf("add %s to the repositories of %s", s.Repo, at)}
		if role.Publishes() {
			f.Fix += fmt.Sprintf(" (its workflows can then publish through role %s: only if %s releases packages)", role.Name, s.Repo)
		}
		out = append(out, f)
	}

	// The context counts twice: it is what most refusals are about.
	if f, ok := checkContext(role, r, s, at); ok {
		score += 2
	} else {
		out = append(out, f...)
	}

	// The custom template's claims.
	for claim, v := range s.Claims {
		if want, ok := r.Rule.ClaimValues[claim]; ok && !trust.Matches(oidc.EncodeClaimValue(want), oidc.EncodeClaimValue(v)) {
			out = append(out, Finding{Check: "subject claim " + claim,
				Text: fmt.Sprintf("the subject's %s is %s; %s expects %s", claim, v, at, want),
				Fix:  fmt.Sprintf("subject_claims: {%s: %q} in %s", claim, v, at)})
		} else {
			score++
		}
	}
	return score, out
}

// ownerFinding compares the subject's owner with the spec's; nil when they are the same.
func ownerFinding(gh model.GitHub, s subjectParts) *Finding {
	switch {
	case s.Owner == gh.Owner.Name:
		return nil
	case strings.EqualFold(s.Owner, gh.Owner.Name):
		return &Finding{Check: "owner",
			Text: fmt.Sprintf("the token's owner is spelled %s and the spec's %s: GitHub sends the owner's own spelling and IAM compares it case-sensitively", s.Owner, gh.Owner.Name),
			Fix:  "github.owner: " + s.Owner}
	case s.immutable() && gh.Owner.ID != "" && s.OwnerID == gh.Owner.ID:
		return &Finding{Check: "owner",
			Text: fmt.Sprintf("the token's owner %s has the spec's owner ID %s (github.owner_id): the organisation %s was renamed to %s, and GitHub sends the new name", s.Owner, s.OwnerID, gh.Owner.Name, s.Owner),
			Fix:  "github.owner: " + s.Owner + " (the IDs stay; every role's subjects follow the new name)"}
	}
	return &Finding{Check: "owner",
		Text: fmt.Sprintf("the token's owner %s is not the spec's owner %s", s.Owner, gh.Owner.Name),
		Fix:  fmt.Sprintf("none, if %s is another owner: its workflows must not assume this role. If the organisation %s was renamed to %s, github.owner: %s", s.Owner, gh.Owner.Name, s.Owner, s.Owner), Right: true}
}

// idFinding compares the subject's form (name-only or immutable) and IDs with the spec's
// subjects setting, owner_id and repository_ids; nil when they agree.
func idFinding(gh model.GitHub, r *model.TrustRule, s subjectParts) *Finding {
	switch {
	case s.immutable() && gh.Form == oidc.NameForm:
		return &Finding{Check: "immutable subject",
			Text: fmt.Sprintf("the token carries an immutable subject (repo:%s@%s/%s@%s:...), which GitHub sends for repositories created, renamed or transferred after 2026-07-15 and for owners that opted in; the spec admits only name-only subjects (github.subjects: name)", s.Owner, s.OwnerID, s.Repo, s.RepoID),
			Fix:  fmt.Sprintf("github.owner_id: %q, github.repository_ids: {%s: %q}, github.subjects: both", s.OwnerID, s.Repo, s.RepoID)}
	case s.immutable() && gh.Owner.ID != "" && s.OwnerID != gh.Owner.ID && s.Owner == gh.Owner.Name:
		return &Finding{Check: "owner ID",
			Text:  fmt.Sprintf("the token's owner %s has the ID %s, the spec's owner ID is %s: the name now belongs to another account (deleted and registered again), which is what immutable subjects refuse", s.Owner, s.OwnerID, gh.Owner.ID),
			Right: true}
	case s.immutable() && anyRepoMatch(r, s.Repo) != "" && !trust.HasWildcard(anyRepoMatch(r, s.Repo)):
		switch id, known := gh.Owner.RepositoryIDs[s.Repo]; {
		case !known:
			return &Finding{Check: "repository ID",
				Text: fmt.Sprintf("the token carries the immutable subject of repository %s (ID %s), and the spec does not give that repository's ID", s.Repo, s.RepoID),
				Fix:  fmt.Sprintf("github.repository_ids: {%s: %q}", s.Repo, s.RepoID)}
		case id != s.RepoID:
			return &Finding{Check: "repository ID",
				Text: fmt.Sprintf("repository %s has the ID %s in the spec and %s in the token: it was deleted and created again, or another repository took its name", s.Repo, id, s.RepoID),
				Fix:  fmt.Sprintf("if this is your repository now, github.repository_ids: {%s: %q}; otherwise none: the refusal is right", s.Repo, s.RepoID)}
		}
	case !s.immutable() && gh.Form == oidc.IDForm:
		return &Finding{Check: "immutable subject",
			Text: fmt.Sprintf("the token carries a name-only subject (repo:%s/%s:...), which repositories created before 2026-07-15 keep sending; the spec admits only immutable subjects (github.subjects: id)", s.Owner, s.Repo),
			Fix:  "github.subjects: both"}
	}
	return nil
}

// anyRepoMatch returns the first repository pattern of the rule that matches name, or "".
func anyRepoMatch(r *model.TrustRule, name string) string {
	for _, p := range r.Rule.Repositories {
		if trust.Matches(p, name) {
			return p
		}
	}
	return ""
}

// checkContext compares the subject's context with the rule's contexts.
func checkContext(role *model.Role, r *model.TrustRule, s subjectParts, at string) ([]Finding, bool) {
	rule := r.Rule
	if rule.AnyContext || s.Kind == "" {
		return nil, true
	}
	match := func(values []string, v string) bool {
		return slices.ContainsFunc(values, func(p string) bool { return trust.Matches(p, v) })
	}
	only := contextsOf(rule)
	switch s.Kind {
	case "environment":
		if match(rule.Environments, s.Value) {
			return nil, true
		}
		if len(rule.Environments) == 0 {
			f := Finding{Check: "context",
				Text: fmt.Sprintf("the job declares the environment %s, so GitHub's subject carries environment:%s in place of its ref (GitHub's OIDC reference: an environment wins over the ref and the event); %s admits %s, never an environment", s.Value, oidc.EncodeClaimValue(s.Value), at, only),
				Fix:  fmt.Sprintf("add environments: [%s] to %s", s.Value, at)}
			if len(rule.Tags) > 0 || len(rule.Branches) > 0 {
				refs := refPatterns(rule)
				f.Fix = fmt.Sprintf("add a rule with the same repositories, environments: [%s] and require: {ref: [%s]}, so that the job must run in %s AND on such a ref (STS compares the ref claim; CloudTrail does not record it, so it is not checked here); or drop environment: %s from the job", s.Value, strings.Join(refs, ", "), s.Value, s.Value)
			}
			return []Finding{f}, false
		}
		f := Finding{Check: "context",
			Text: fmt.Sprintf("the environment %s is not among the environments of %s: [%s]", s.Value, at, strings.Join(rule.Environments, " ")),
			Fix:  fmt.Sprintf("add %s to the environments of %s", s.Value, at)}
		if match(lower(rule.Environments), strings.ToLower(s.Value)) {
			f.Text += "; it differs in case only: GitHub's environment names are case-insensitive, IAM's comparison is not"
			f.Fix = fmt.Sprintf("write the environment as the job does (%s) in %s", s.Value, at)
		}
		return []Finding{f}, false
	case "pull_request":
		if rule.PullRequests {
			return nil, true
		}
		if role.Publishes() {
			return []Finding{{Check: "context",
				Text:  fmt.Sprintf("the job runs for a pull request (subject ...:pull_request), and role %s publishes: the code of a pull request has not been reviewed, and %s admits %s only", role.Name, at, only),
				Right: true}}, false
		}
		return []Finding{{Check: "context",
			Text: fmt.Sprintf("the job runs for a pull request (subject ...:pull_request); %s admits %s only", at, only),
			Fix:  "pull_requests: true in " + at}}, false
	case "branch", "tag":
		values, key := rule.Branches, "branches"
		if s.Kind == "tag" {
			values, key = rule.Tags, "tags"
		}
		if match(values, s.Value) {
			return nil, true
		}
		f := Finding{Check: "context", Fix: fmt.Sprintf("add %s to the %s of %s", s.Value, key, at)}
		if len(values) == 0 {
			f.Text = fmt.Sprintf("the job runs on the %s %s; %s admits %s only", s.Kind, s.Value, at, only)
			f.Fix = fmt.Sprintf("add %s: [%s] to %s", key, s.Value, at)
		} else {
			f.Text = fmt.Sprintf("the %s %s matches none of the %s of %s: [%s]", s.Kind, s.Value, key, at, strings.Join(values, " "))
		}
		if role.Publishes() {
			f.Fix += fmt.Sprintf(" (every job on that %s can then publish through role %s)", s.Kind, role.Name)
		}
		return []Finding{f}, false
	}
	return []Finding{{Check: "context",
		Text: fmt.Sprintf("the job runs on the ref %s, which is neither a branch nor a tag; %s admits %s only", s.Value, at, only)}}, false
}

// contextsOf lists a rule's contexts in words.
func contextsOf(r oidc.Rule) string {
	var cs []string
	if len(r.Branches) > 0 {
		cs = append(cs, "branches ["+strings.Join(r.Branches, " ")+"]")
	}
	if len(r.Tags) > 0 {
		cs = append(cs, "tags ["+strings.Join(r.Tags, " ")+"]")
	}
	if len(r.Environments) > 0 {
		cs = append(cs, "environments ["+strings.Join(r.Environments, " ")+"]")
	}
	if r.PullRequests {
		cs = append(cs, "pull requests")
	}
	if len(cs) == 0 {
		return "no context"
	}
	return strings.Join(cs, " and ")
}

// refPatterns returns the full refs a rule's branches and tags admit.
func refPatterns(r oidc.Rule) []string {
	var out []string
	for _, b := range r.Branches {
		out = append(out, "refs/heads/"+b)
	}
	for _, t := range r.Tags {
		out = append(out, "refs/tags/"+t)
	}
	return out
}

func lower(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}
