package lint

import (
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// The lints of publishing roles that the closed-world review added (TRUST018-019).
var (
	PublishEnvironmentAnyRepository = Rule{"TRUST018", diag.Error, "publish access for an environment of repositories matched by a pattern",
		"GitHub environments belong to repositories, and any repository admin (anyone allowed to create a repository) can create an environment with this name, without required reviewers or branch rules. Every repository the pattern matches, including one created tomorrow, can then run a job in such an environment and publish every package the role can.",
		"Name the repositories whose environment may publish, or keep the pattern and add require: {repository: [OWNER/NAME, ...]} (or repository_id) so that AWS checks the repository too."}
	ShortTagPrefix = Rule{"TRUST019", diag.Warning, "publish access for tags that start with one letter",
		"A tag pattern of one letter and a wildcard (v*) admits every tag starting with that letter, not only versions: v* admits vanity-test, which anyone who can push a tag to a trusted repository can create, and its workflow can then publish.",
		"Require the shape of a version: v?*.?*.?* admits v1.2.3 and v1.2.3-rc.1 but no tag without two dots (IAM's StringLike has no digit class); or add a separator after the letter's version number (v1.*); and protect release tags with a tag ruleset."}
)

// publishingRule reports the risks of a rule of a role that can publish: environments of
// repositories matched by a pattern (TRUST018) and tag patterns of one letter and a
// wildcard (TRUST019).
func (l *linter) publishingRule(r *model.Role, rule *model.TrustRule, publishes bool) {
	if !publishes {
		return
	}
	at := ruleAnchor(r, rule, rule.Pos)
	var patterns []string
	for _, repo := range rule.Rule.Repositories {
		if trust.HasWildcard(repo) {
			patterns = append(patterns, repo)
		}
	}
	if len(patterns) > 0 && !pinsRepository(rule.Require) {
		envs := rule.Rule.Environments
		if rule.Rule.AnyContext {
			envs = []string{"*"}
		}
		if len(envs) > 0 {
			l.add(&PublishEnvironmentAnyRepository, at, "role %s can publish, and admits %s of every repository matching %s: any repository admin can create such an environment",
				r.Name, environmentWords(envs), strings.Join(patterns, ", "))
		}
	}
	tags := slices.Clone(rule.Rule.Tags)
	for _, req := range rule.Require {
		if req.Claim == "ref" {
			for _, v := range req.Values {
				if t, ok := strings.CutPrefix(v, "refs/tags/"); ok {
					tags = append(tags, t)
				}
			}
		}
	}
	for _, t := range tags {
		if witness, ok := ShortPrefixWitness(t); ok {
			fix := ""
			if s, ok := VersionPattern(t); ok {
				fix = "; " + s + " admits " + strings.TrimSuffix(t, "*") + "1.2.3 but not " + witness
			}
			l.add(&ShortTagPrefix, at, "role %s can publish, and admits every tag matching %s, such as %s%s", r.Name, t, witness, fix)
		}
	}
}

// pinsRepository reports whether the rule requires the repository (or repository_id) claim
// to be one of literal values, so that a repository pattern in the subject is narrowed to
// named repositories.
func pinsRepository(req []model.Requirement) bool {
	return slices.ContainsFunc(req, func(q model.Requirement) bool {
		return (q.Claim == "repository" || q.Claim == "repository_id") && !slices.ContainsFunc(q.Values, trust.HasWildcard)
	})
}

func environmentWords(envs []string) string {
	if slices.Contains(envs, "*") {
		return "every environment"
	}
	if len(envs) == 1 {
		return "environment " + envs[0]
	}
	return "environments " + strings.Join(envs, ", ")
}

// ShortPrefixWitness reports whether the tag pattern puts a "*" right after a single
// letter or digit (at its start or after a separator) with no "." after it, and returns a
// tag that is no version but that the pattern admits under IAM's StringLike rules: the
// letter followed by "anity-test" (v* admits vanity-test), with the rest of the pattern made
// concrete. Patterns that require a dot after the letter (v?*.?*.?*) and patterns whose
// wildcard follows a separator (v1.*, release/*) are not reported.
func ShortPrefixWitness(pattern string) (string, bool) {
	i := strings.IndexAny(pattern, "*?")
	if i < 1 || pattern[i] != '*' || !isAlnum(pattern[i-1]) || (i >= 2 && isAlnum(pattern[i-2])) {
		return "", false
	}
	rest := strings.TrimLeft(pattern[i:], "*?")
	if strings.Contains(rest, ".") {
		return "", false
	}
	witness := pattern[:i] + "anity-test" + witnessRest.Replace(rest)
	return witness, trust.Matches(pattern, witness)
}

// witnessRest is built once (a Replacer builds its tables on first use, per call at
// organisation scale a few MB).
var witnessRest = strings.NewReplacer("*", "", "?", "x")

// VersionPattern returns the pattern to suggest instead of a one-letter tag pattern of the
// form P* (P ending in the letter): P?*.?*.?*, which admits P1.2.3 and P1.2.3-rc.1 and no
// tag without two dots after the letter.
func VersionPattern(pattern string) (string, bool) {
	prefix, ok := strings.CutSuffix(pattern, "*")
	if !ok || trust.HasWildcard(prefix) {
		return "", false
	}
	return prefix + "?*.?*.?*", true
}

// narrowedByRequire rewrites what a rule's any-context risks say when its require
// conditions narrow the contexts: a rule that admits any context in its subject but requires
// ref refs/tags/v* does not admit every branch, tag, pull request and environment. A
// publishing rule whose required refs are all tags admits no branch or pull request, so
// that risk is dropped.
func narrowedByRequire(risks []risk, req []model.Requirement) []risk {
	if len(req) == 0 {
		return risks
	}
	var parts []string
	tagsOnly := false
	for _, q := range req {
		parts = append(parts, q.Claim+" "+strings.Join(q.Values, " or "))
		if q.Claim == "ref" {
			// A value that starts with the literal refs/tags/ admits tags only.
			tagsOnly = !slices.ContainsFunc(q.Values, func(v string) bool { return !strings.HasPrefix(v, "refs/tags/") })
		}
	}
	narrowing := "that meets require: " + strings.Join(parts, "; ")
	var out []risk
	for _, rk := range risks {
		switch {
		case rk.rule == &AnyContext:
			rk.what = "every context (branch, tag, pull request or environment) " + narrowing
		case rk.rule == &PublishUntrustedContext && rk.what == "every branch and pull request":
			if tagsOnly {
				continue
			}
			rk.what = "every branch and pull request " + narrowing
		}
		out = append(out, rk)
	}
	return out
}
