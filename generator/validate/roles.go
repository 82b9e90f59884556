package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

func (c *checker) roles(roles []spec.Role, at diag.Pos) {
	if len(roles) == 0 {
		c.warnf("VALID035", at, "Without roles no GitHub workflow can use the registry. Add a role under roles.", "the spec has no roles")
	}
	c.atMost(len(roles), "roles", at)
	all := names(roles, func(r *spec.Role) spec.String { return r.Name })
	c.unique(all, "role name", lower)
	c.addresses(all, "role", lower)
	outputs := map[string]spec.String{}
	attached := map[string]bool{}
	for i := range roles {
		r := &roles[i]
		c.role(r)
		for _, p := range r.Policies {
			attached[lower(p.Value)] = true
		}
		if o := r.Output; o.Set {
			c.output(o, outputs)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(c.policyByName)) {
		if p := c.policyByName[key]; !attached[key] && len(roles) > 0 {
			c.warnf("VALID036", p.Name.Pos, "No role lists it under policies, so it is created but grants nothing to anyone. Attach it to a role or remove it.", "policy %s is attached to no role", p.Name.Value)
		}
	}
}

func (c *checker) role(r *spec.Role) {
	name := r.Name.Value
	c.iamName(r.Name, "role", aws.RoleNameMax)
	if d := r.Description; d.Set {
		switch n := len([]rune(d.Value)); {
		case n > aws.DescriptionMax:
			c.errorf("VALID008", d.Pos, "Shorten it to 1000 characters at most.", "the description of role %s has %d characters", name, n)
		case !aws.RoleDescription.MatchString(d.Value):
			c.errorf("VALID009", d.Pos, "IAM accepts role descriptions of printable ASCII and Latin-1; typographic quotes and dashes such as “ ” ‘ ’ – are refused. Use plain ' \" and -.",
				"the description of role %s has characters IAM does not accept", name)
		}
	}
	if len(r.Policies) == 0 {
		c.errorf("VALID037", r.Keys.At("policies", r.Pos), "List the policies of this spec that the role gets, for example policies: [CodeArtifactReadAccess].", "role %s has no policies", name)
	}
	c.unique(r.Policies, "policy in policies", lower)
	for _, p := range r.Policies {
		if _, ok := c.policyByName[lower(p.Value)]; !ok {
			c.errorf("VALID038", p.Pos, "Attach policies defined under policies. Known policies: "+strings.Join(c.policyNames(), ", ")+".", "unknown policy %q", p.Value)
		} else if c.policyByName[lower(p.Value)].Name.Value != p.Value {
			c.errorf("VALID038", p.Pos, fmt.Sprintf("Write it as defined: %q.", c.policyByName[lower(p.Value)].Name.Value), "policy %q is spelled differently where it is defined", p.Value)
		}
	}
	if d := r.MaxSessionDuration; d.Set && (d.Value < aws.SessionDurationMin || d.Value > aws.SessionDurationMax) {
		c.errorf("VALID039", d.Pos, "IAM accepts 3600 to 43200 seconds (1 to 12 hours).", "max_session_duration %d is out of range", d.Value)
	}
	if len(r.Trust) == 0 {
		c.errorf("VALID040", r.Keys.At("trust", r.Pos), "A role that trusts nothing cannot be assumed, and IAM refuses a GitHub trust policy without a subject condition. Add a rule such as\n  trust:\n    - repositories: [app]\n      branches: [main]",
			"role %s has no trust rule", name)
	}
	for i := range r.Trust {
		c.trustRule(&r.Trust[i])
	}
	c.tags(r.Tags, "role "+name)
}

func (c *checker) policyNames() []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(c.policyByName)) {
		out = append(out, c.policyByName[k].Name.Value)
	}
	return out
}

func (c *checker) output(o spec.String, seen map[string]spec.String) {
	switch {
	case !tfname.IsIdentifier(o.Value):
		c.errorf("VALID041", o.Pos, "Output names are Terraform identifiers: a letter or _ followed by letters, digits, _ and -.", "invalid output name %q", o.Value)
	case slices.Contains(tfname.BuiltinOutputs, o.Value):
		c.errorf("VALID041", o.Pos, "codeartifact-gen writes an output of that name itself. Choose another name.", "output name %q is reserved", o.Value)
	default:
		if prev, dup := seen[o.Value]; dup {
			c.errorf("VALID041", o.Pos, fmt.Sprintf("Line %d already uses it. Each role needs an output name of its own.", prev.Pos.Line), "duplicate output name %q", o.Value)
			return
		}
		seen[o.Value] = o
	}
}

func (c *checker) trustRule(t *spec.TrustRule) {
	if len(t.Repositories) == 0 {
		c.errorf("VALID042", t.Keys.At("repositories", t.Pos), "Name the repositories of the GitHub owner this rule admits, or [\"*\"] for all of them.", "the trust rule names no repositories")
	}
	c.unique(t.Repositories, "repository in the rule", exact)
	for _, r := range t.Repositories {
		switch {
		case r.Value == "*" && len(t.Repositories) > 1:
			c.errorf("VALID042", r.Pos, "\"*\" already admits every repository of the owner; remove the other names or the \"*\".", "\"*\" is listed with other repositories")
		case r.Value != "*" && !repositoryPattern(r.Value):
			c.errorf("VALID042", r.Pos, "A GitHub repository name is 1 to 100 letters, digits, \".\", \"_\" and \"-\"; write the name only, without the owner.", "invalid repository name %q", r.Value)
		}
	}
	contexts := len(t.Branches) + len(t.Tags) + len(t.Environments)
	if t.PullRequests.Value {
		contexts++
	}
	switch {
	case t.AnyContext.Value && contexts > 0:
		c.errorf("VALID043", t.AnyContext.Pos, "any_context already admits every branch, tag, pull request and environment; remove it or the other contexts.", "any_context is combined with other contexts")
	case !t.AnyContext.Value && contexts == 0:
		c.errorf("VALID043", t.Pos, "Say which workflows may assume the role: branches, tags, environments, pull_requests: true, or any_context: true.", "the trust rule admits no context")
	}
	c.refPatterns(t.Branches, "branch")
	c.refPatterns(t.Tags, "tag")
	c.unique(t.Environments, "environment (GitHub ignores case)", lower)
	for _, e := range t.Environments {
		c.environmentName(e)
	}
	if e := t.JobEnvironment; e.Set {
		c.environmentName(e)
	}
	c.require(t)
	c.ruleSubjectClaims(t)
	c.silences(t.Silence)
	c.ruleIDs(t)
}

func (c *checker) environmentName(e spec.String) {
	switch {
	case e.Value == "" || len([]rune(e.Value)) > 255 || strings.IndexFunc(e.Value, unicode.IsControl) >= 0:
		c.errorf("VALID044", e.Pos, "A GitHub environment name is 1 to 255 characters without control characters.", "invalid environment name %q", e.Value)
	default:
		c.lookalikes(e, "environment name")
	}
}

// lookalikes reports invisible characters (an error: nobody reviewing the spec can see
// them) and other non-ASCII letters (a warning: Cyrillic а reads as Latin a) in a name
// that a trust policy matches literally.
func (c *checker) lookalikes(s spec.String, what string) {
	if i := strings.IndexFunc(s.Value, invisible); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s.Value[i:])
		c.errorf("VALID045", s.Pos, "The character cannot be seen in the spec or in a review, so the pattern would not match what it appears to. Remove it.", "%s %q contains the invisible character %U", what, s.Value, r)
		return
	}
	if i := strings.IndexFunc(s.Value, func(r rune) bool { return r > unicode.MaxASCII }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s.Value[i:])
		c.warnf("VALID046", s.Pos, "It may be a look-alike of an ASCII letter (Cyrillic а for Latin a, fullwidth ｍ for m): the trust policy then admits a different branch, tag or environment than reviewers read, one that anyone who can push may create. Write the name in ASCII unless it really is meant this way.",
			"%s %q contains the non-ASCII character %U", what, s.Value, r)
	}
}

// invisible reports characters that render as nothing or only change the text direction:
// format characters (zero-width spaces and joiners, bidirectional overrides) and
// non-ASCII spaces.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || (unicode.IsSpace(r) && r > unicode.MaxASCII)
}

// require checks the claim conditions of a rule.
func (c *checker) require(t *spec.TrustRule) {
	c.unique(names(t.Require.Entries, func(e *spec.ClaimEntry) spec.String { return e.Key }), "claim in require", exact)
	for _, e := range t.Require.Entries {
		switch claim := e.Key.Value; {
		case claim == "sub" || claim == "aud":
			c.errorf("VALID047", e.Key.Pos, "codeartifact-gen builds the sub condition from repositories and contexts, and pins aud to the STS audience; require adds other claims only.", "require cannot set %s", claim)
		case !slices.Contains(aws.STSGitHubClaims, claim):
			c.errorf("VALID047", e.Key.Pos, "AWS STS offers these GitHub claims as condition keys: "+strings.Join(aws.STSGitHubClaims, ", ")+".", "AWS STS does not offer the claim %q", claim)
		case c.gh.ServerHost.Set:
			c.requireOnServer(e.Key)
		}
		if len(e.Values) == 0 {
			c.errorf("VALID047", e.Key.Pos, "Give one value, or a list of alternatives.", "require %s has no value", e.Key.Value)
		}
		c.unique(e.Values, "value of "+e.Key.Value, exact)
		for _, v := range e.Values {
			if v.Value == "" {
				c.errorf("VALID047", v.Pos, "An empty value matches no token; remove it.", "empty value for require %s", e.Key.Value)
			}
		}
	}
}

// ruleSubjectClaims checks the values a rule gives for a custom subject template.
func (c *checker) ruleSubjectClaims(t *spec.TrustRule) {
	template := values(c.gh.SubjectClaims)
	for _, e := range t.SubjectClaims.Entries {
		switch claim := e.Key.Value; {
		case len(template) == 0:
			c.errorf("VALID048", e.Key.Pos, "github.subject_claims declares no custom subject template, so the subject holds repo and context only.", "subject_claims is set, but the owner uses the default subject template")
		case claim == "repo" || claim == "context":
			c.errorf("VALID048", e.Key.Pos, "The repo and context parts of the subject come from repositories and the rule's contexts.", "subject_claims cannot set %s", claim)
		case !slices.Contains(template, claim):
			c.errorf("VALID048", e.Key.Pos, "The subject template (github.subject_claims) is "+strings.Join(template, ", ")+".", "claim %q is not in the subject template", claim)
		}
	}
	if len(template) > 0 && !slices.Contains(template, "context") && !t.AnyContext.Value {
		c.errorf("VALID048", t.Pos, "The subject template has no context claim, so branches, tags, environments and pull requests cannot be told apart in the subject. Use any_context: true and, for example, require: {ref: refs/tags/v*}.",
			"the rule names contexts the subject template does not carry")
	}
}

// ruleIDs checks that a rule can be written in the configured subject form.
func (c *checker) ruleIDs(t *spec.TrustRule) {
	if c.gh.Subjects.Value != "id" {
		return // with both, a missing ID is a lint warning; with name, IDs are not used
	}
	known := map[string]bool{}
	for _, e := range c.gh.RepositoryIDs.Entries {
		known[e.Key.Value] = true
	}
	for _, r := range t.Repositories {
		if !known[r.Value] && !strings.ContainsAny(r.Value, "*?") {
			c.errorf("VALID049", r.Pos, fmt.Sprintf("With subjects: id, every named repository needs its numeric ID under github.repository_ids (GET /repos/%s/%s returns it), or subjects: both during a migration.", c.gh.Owner.Value, r.Value),
				"repository %s has no ID", r.Value)
		}
	}
}

// silences checks the shape of silence entries; whether they match a warning is the lint's
// job.
func (c *checker) silences(ss []spec.Silence) {
	c.unique(names(ss, func(s *spec.Silence) spec.String { return s.Lint }), "silenced lint", exact)
	for _, s := range ss {
		if !lintID.MatchString(s.Lint.Value) {
			c.errorf("VALID050", s.Lint.Pos, "Name the lint by its ID as codeartifact-gen prints it, for example TRUST004.", "invalid lint ID %q", s.Lint.Value)
		}
		if len(strings.Fields(s.Reason.Value)) < 3 {
			c.errorf("VALID050", s.Reason.Pos, "Write in a sentence why the risk is accepted; explain shows it to every reviewer.", "the reason for silencing %s is too short", s.Lint.Value)
		}
	}
}

var lintID = aws.NewPattern(`^[A-Z]+[0-9]{3}$`)

func (c *checker) refPatterns(patterns []spec.String, what string) {
	c.unique(patterns, what+" pattern", exact)
	for _, p := range patterns {
		if problem := refPatternProblem(p.Value); problem != "" {
			c.errorf("VALID051", p.Pos, fmt.Sprintf("No git %s can match it: %s.", what, problem), "invalid %s pattern %q", what, p.Value)
			continue
		}
		c.lookalikes(p, what+" pattern")
	}
}

// repositoryPattern reports whether s is a GitHub repository name, possibly with the IAM
// wildcards "*" and "?".
func repositoryPattern(s string) bool {
	return aws.GitHubRepository.MatchString(wildcardsAsLetters.Replace(s))
}

// wildcardsAsLetters is built once: a Replacer builds its tables on first use, which per
// call was most of validate's allocation at organisation scale.
var wildcardsAsLetters = strings.NewReplacer("*", "a", "?", "a")
