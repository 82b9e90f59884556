package lint

import (
	"math"
	"strconv"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// risk is one reason a sub pattern admits more than it seems to.
type risk struct {
	rule *Rule
	// what says, in a few words, what the pattern admits.
	what string
}

// subjectShape is a sub pattern cut into GitHub's parts: repo:OWNER/REPO:CONTEXT..., where
// CONTEXT is "*", ref:REF, environment:NAME or pull_request, and further claims of a custom
// template may follow.
type subjectShape struct {
	hasRepo bool
	owner   string
	// repo is the repository part without an "@ID" suffix; repoOpen is true when a
	// wildcard at the end of it also swallows the context (repo:acme/*).
	repo     string
	repoOpen bool
	context  string // "" when repoOpen or absent
	rest     string // what follows the context (custom template claims)
}

func parseSubject(p string) subjectShape {
	var s subjectShape
	rest, ok := strings.CutPrefix(p, "repo:")
	if !ok {
		s.rest = p
		return s
	}
	s.hasRepo = true
	owner, after, found := strings.Cut(rest, "/")
	if !found {
		s.owner = rest
		s.repoOpen = strings.HasSuffix(rest, "*") // repo:* swallows repository and context
		return s
	}
	s.owner = strings.SplitN(owner, "@", 2)[0]
	repo, context, hasContext := strings.Cut(after, ":")
	s.repo = strings.SplitN(repo, "@", 2)[0]
	if !hasContext {
		s.repoOpen = strings.HasSuffix(repo, "*")
		return s
	}
	s.context, s.rest = splitContext(context)
	return s
}

// splitContext separates the context from later claims of a custom template.
func splitContext(c string) (context, rest string) {
	switch {
	case strings.HasPrefix(c, "ref:"), strings.HasPrefix(c, "environment:"):
		kind, value, _ := strings.Cut(c, ":")
		v, after, _ := strings.Cut(value, ":")
		if after != "" {
			return kind + ":" + v, after
		}
		return c, ""
	default:
		first, after, _ := strings.Cut(c, ":")
		return first, after
	}
}

// subjectRisks returns what a sub pattern admits beyond a literal subject; publishes says
// whether the role can publish, which adds the findings that only matter then.
func subjectRisks(p string, publishes bool) []risk {
	if p == "*" {
		return []risk{{&MissingSub, "every token"}}
	}
	s := parseSubject(p)
	var risks []risk
	if !s.hasRepo {
		risks = append(risks, risk{&UnpinnedOwner, "subjects of any owner (the pattern has no repo claim)"})
	} else if s.owner == "" || trust.HasWildcard(s.owner) {
		risks = append(risks, risk{&UnpinnedOwner, "repositories of other owners"})
	}
	switch {
	case !s.hasRepo:
	case s.repo == "*":
		if publishes {
			risks = append(risks, risk{&PublishAnyRepository, "every repository of " + s.owner})
		}
	case trust.HasWildcard(s.repo):
		risks = append(risks, risk{&RepositoryPrefix, "every repository matching " + s.repo})
		if publishes {
			risks = append(risks, risk{&PublishAnyRepository, "every repository matching " + s.repo})
		}
	}
	if s.repoOpen || s.context == "*" {
		risks = append(risks, risk{&AnyContext, "every branch, tag, pull request and environment"})
		if publishes {
			risks = append(risks, risk{&PublishUntrustedContext, "every branch"}, risk{&PublishUnreviewedCode, "pull requests (every context)"})
		}
	}
	risks = append(risks, contextRisks(s.context, publishes)...)
	if ref, loose := workflowRef(p); loose && !strings.Contains(p, ":environment:") {
		risks = append(risks, risk{&MutableWorkflowPin, "the workflow at " + ref})
	}
	return risks
}

func contextRisks(context string, publishes bool) []risk {
	var risks []risk
	switch {
	case context != "*" && trust.Matches(context, "pull_request"):
		if publishes {
			risks = append(risks, risk{&PublishUnreviewedCode, "pull requests"})
		}
	case strings.HasPrefix(context, "ref:refs/heads/"):
		branch := strings.TrimPrefix(context, "ref:refs/heads/")
		if publishes {
			risks = append(risks, risk{&PublishUntrustedContext, "branch " + branch})
		}
		if what := broadGlob(branch, "branch"); what != "" {
			risks = append(risks, risk{&BroadRefGlob, what})
		}
	case strings.HasPrefix(context, "ref:refs/tags/"):
		if what := broadGlob(strings.TrimPrefix(context, "ref:refs/tags/"), "tag"); what != "" {
			risks = append(risks, risk{&BroadRefGlob, what})
		}
	case strings.HasPrefix(context, "ref:"):
		if trust.HasWildcard(context) {
			risks = append(risks, risk{&BroadRefGlob, "every ref matching " + strings.TrimPrefix(context, "ref:")})
			if publishes {
				risks = append(risks, risk{&PublishUntrustedContext, "branches"})
			}
		}
	case strings.HasPrefix(context, "environment:"):
		if env := strings.TrimPrefix(context, "environment:"); trust.HasWildcard(env) {
			risks = append(risks, risk{&BroadRefGlob, "every environment matching " + env})
		}
	}
	return risks
}

// broadGlob says what a branch or tag glob admits when it is broader than it looks: "*"
// alone (every branch or tag anyone can create), or a wildcard straight after a word of two
// or more letters or digits (main* admits main-hotfix). A single letter before the wildcard
// (v* for version tags) and a wildcard after a separator (release/*, v1.*) are conventions
// and pass.
func broadGlob(name, kind string) string {
	i := strings.IndexAny(name, "*?")
	switch {
	case i < 0:
		return ""
	case strings.Trim(name, "*") == "":
		return "every " + kind
	}
	word := 0
	for j := i - 1; j >= 0 && isAlnum(name[j]); j-- {
		word++
	}
	if word < 2 {
		return ""
	}
	if name[i:] == "*" {
		return "every " + kind + " starting with " + name[:i] + " (" + name[:i] + "-hotfix, " + name[:i] + "x)"
	}
	return "every " + kind + " matching " + name + " (" + strings.Join(globExamples(name), ", ") + ")"
}

// globExamples returns two names the IAM StringLike pattern admits, made from the pattern
// itself: "*" becomes "-hotfix" and then "x", "?" (exactly one character) "x" and then
// "y"; mai? gives maix and maiy, never mai-hotfix.
func globExamples(pattern string) []string {
	a := hotfixExample.Replace(pattern)
	b := trust.Example(pattern)
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// hotfixExample is built once: a Replacer builds its tables on first use.
var hotfixExample = strings.NewReplacer("*", "-hotfix", "?", "x")

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// workflowRef finds a job_workflow_ref in a subject pattern and reports whether it is
// pinned to a branch or tag rather than a commit SHA, or given by a pattern.
func workflowRef(s string) (ref string, loose bool) {
	_, value, found := strings.Cut(s, "job_workflow_ref:")
	if !found {
		return "", false
	}
	if ref, mutable := mutableRef(value); mutable {
		return ref, true
	}
	return value, trust.HasWildcard(value)
}

// mutableRef reports whether a workflow reference OWNER/REPO/PATH@REF names a branch or a
// tag (refs/...) rather than a commit.
func mutableRef(value string) (string, bool) {
	_, ref, found := strings.Cut(value, "@")
	if !found {
		return "", false
	}
	ref, _, _ = strings.Cut(ref, ":")
	return ref, strings.HasPrefix(ref, "refs/")
}

// looseValues reports a pattern that covers another pattern of the same statement (rules
// with the same requirements share one): IAM ORs them, so the narrow one protects nothing.
// Each rule is reported once: at the first rule of the role (in the spec's order) holding
// a pattern that one of its patterns covers, naming its first such pattern and the first
// pattern of that rule it covers.
//
// Comparing every pair of a statement's patterns was quadratic in the patterns (a rule of
// 70 repositories × 70 branches took 24 seconds). Here each distinct pattern is compared
// only with the patterns trust.CoverIndex finds can be covered by it, and once per
// statement however many rules repeat it.
func (l *linter) looseValues(r *model.Role) {
	groups := map[string]*looseGroup{}
	var inGroup []*looseGroup // inGroup[i] is the group of r.Rules[i]
	for _, rule := range r.Rules {
		k := requirementsKey(rule.Require)
		g := groups[k]
		if g == nil {
			g = &looseGroup{index: map[string]int{}, covered: map[int]occurrence{}}
			groups[k] = g
		}
		g.add(rule)
		inGroup = append(inGroup, g)
	}
	for i, a := range r.Rules {
		g := inGroup[i]
		best, general := noOccurrence, ""
		for _, s := range a.Subjects {
			// The first rule decides; within it, the first of a's patterns.
			if o := g.firstCovered(s); o.rule < best.rule {
				best, general = o, s
			}
		}
		if best != noOccurrence {
			narrow := g.rules[best.rule].Subjects[best.pos]
			l.add(&LooseValue, ruleAnchor(r, a, a.Pos), "in role %s, %s also admits %s, which is listed as if it were narrower", r.Name, general, narrow)
		}
	}
}

// looseGroup is the rules of a role that share one statement, and their distinct patterns.
type looseGroup struct {
	rules    []*model.TrustRule
	patterns []string
	index    map[string]int // pattern → its index in patterns
	first    []occurrence   // first[i] is where patterns[i] first occurs
	cover    *trust.CoverIndex
	covered  map[int]occurrence // memo of firstCovered by pattern index
}

// occurrence is a position of a pattern in a group: the rule's index in the group and
// the pattern's index in the rule's subjects. noOccurrence is greater than all others.
type occurrence struct{ rule, pos int }

var noOccurrence = occurrence{math.MaxInt, math.MaxInt}

func (o occurrence) less(p occurrence) bool {
	return o.rule < p.rule || o.rule == p.rule && o.pos < p.pos
}

func (g *looseGroup) add(rule *model.TrustRule) {
	for pos, s := range rule.Subjects {
		if _, seen := g.index[s]; !seen {
			g.index[s] = len(g.patterns)
			g.patterns = append(g.patterns, s)
			g.first = append(g.first, occurrence{len(g.rules), pos})
		}
	}
	g.rules = append(g.rules, rule)
}

// firstCovered returns the first occurrence, in rule order and then in the rule's order,
// of a pattern of the group that general covers, or noOccurrence.
func (g *looseGroup) firstCovered(general string) occurrence {
	id := g.index[general]
	if o, done := g.covered[id]; done {
		return o
	}
	if g.cover == nil {
		g.cover = trust.NewCoverIndex(g.patterns)
	}
	best := noOccurrence
	g.cover.Covered(general, func(i int) bool {
		if g.first[i].less(best) {
			best = g.first[i]
		}
		return true
	})
	g.covered[id] = best
	return best
}

// requirementsKey returns a string that two requirement lists share exactly when they
// are equal (the same claims with the same values, in the same order).
func requirementsKey(reqs []model.Requirement) string {
	var b strings.Builder
	for _, r := range reqs {
		b.WriteString(strconv.Quote(r.Claim))
		for _, v := range r.Values {
			b.WriteByte(' ')
			b.WriteString(strconv.Quote(v))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
