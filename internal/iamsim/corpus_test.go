package iamsim_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// token is one AssumeRoleWithWebIdentity request: the claims of a GitHub OIDC token,
// presented under a condition-key prefix (the issuer IAM knows the provider by) through an
// OIDC provider.
type token struct {
	// class names the corpus class the token belongs to, for the report.
	class string
	// prefix is the condition-key prefix of every claim, e.g.
	// token.actions.githubusercontent.com.
	prefix string
	// principal is the ARN of the OIDC provider the token comes through.
	principal string
	// claims maps claim names to values; a claim missing from the map is absent from the
	// request.
	claims map[string]string
}

// context returns the request context: every claim as the key prefix:claim.
func (tk token) context() map[string]string {
	ctx := make(map[string]string, len(tk.claims))
	for k, v := range tk.claims {
		ctx[tk.prefix+":"+k] = v
	}
	return ctx
}

// key identifies the request the token makes, whatever its class.
func (tk token) key() string {
	var b strings.Builder
	b.WriteString(tk.principal)
	ctx := tk.context()
	for _, k := range slices.Sorted(maps.Keys(ctx)) {
		fmt.Fprintf(&b, "\x00%s\x01%s", k, ctx[k])
	}
	return b.String()
}

// corpus builds the tokens for the roles of one spec. Every token is presented to every
// role of the spec, so a token made for one role is a near miss (or a match) for another.
type corpus struct {
	m         *model.Model
	prefix    string // the spec's issuer's condition-key prefix
	provider  string // the spec's OIDC provider ARN, as Terraform computes it
	tokens    []token
	seen      map[string]bool
	ownerName string
}

// newCorpus returns the corpus of the spec m: matching tokens for every subject pattern of
// every rule, and the near misses, other owners, other issuers, wrong audiences,
// immutable forms, events, environments and custom-claim requirements around them.
func newCorpus(m *model.Model) *corpus {
	c := &corpus{
		m:         m,
		prefix:    m.GitHub.Issuer.ConditionPrefix(),
		provider:  m.ResolveRef(model.RefOIDCProviderARN),
		seen:      map[string]bool{},
		ownerName: m.GitHub.Owner.Name,
	}
	for _, r := range m.Roles {
		for _, rule := range r.Rules {
			c.rule(rule)
		}
	}
	c.jobs()
	return c
}

// add appends tk unless the same request is already in the corpus.
func (c *corpus) add(class string, claims map[string]string) {
	c.addToken(token{class: class, prefix: c.prefix, principal: c.provider, claims: claims})
}

func (c *corpus) addToken(tk token) {
	if k := tk.key(); !c.seen[k] {
		c.seen[k] = true
		c.tokens = append(c.tokens, tk)
	}
}

// claims returns a token with sub, the spec's audience and the required claims.
func (c *corpus) claims(sub string, required map[string]string) map[string]string {
	out := map[string]string{"aud": c.m.GitHub.Audience, "sub": sub}
	maps.Copy(out, required)
	return out
}

// requirementSets returns claim values that satisfy the rule's require: conditions, one set
// per listed value (the values of one claim are alternatives), or one empty set.
func requirementSets(rule *model.TrustRule) []map[string]string {
	n := 0
	for _, req := range rule.Require {
		n = max(n, len(req.Values))
	}
	if n == 0 {
		return []map[string]string{{}}
	}
	sets := make([]map[string]string, n)
	for i := range sets {
		sets[i] = map[string]string{}
		for _, req := range rule.Require {
			sets[i][req.Claim] = trust.Example(req.Values[min(i, len(req.Values)-1)])
		}
	}
	return sets
}

// rule adds the tokens around one trust rule.
func (c *corpus) rule(rule *model.TrustRule) {
	sets := requirementSets(rule)
	required := sets[0]
	for _, pattern := range rule.Subjects {
		for _, sub := range instances(pattern) {
			for _, set := range sets {
				c.add("match", c.claims(sub, set))
			}
			c.add("match without required claims", c.claims(sub, nil))
		}
		example := trust.Example(pattern)
		for _, mu := range c.mutations(example) {
			c.add(mu.class, c.claims(mu.value, required))
		}
	}
	if len(rule.Subjects) == 0 {
		return
	}
	sub := trust.Example(rule.Subjects[0])
	c.audiences(sub, required)
	c.issuers(sub, required)
	for claim, value := range required {
		without := maps.Clone(required)
		delete(without, claim)
		c.add("required claim missing", c.claims(sub, without))
		for _, mu := range stringMutations(value) {
			changed := maps.Clone(required)
			changed[claim] = mu.value
			c.add("required claim "+mu.class, c.claims(sub, changed))
		}
	}
}

// audiences adds a matching token with other audiences, and with none.
func (c *corpus) audiences(sub string, required map[string]string) {
	aud := c.m.GitHub.Audience
	for _, other := range []string{"", "sts.amazonaws.com", "sts.amazonaws.com.cn", strings.ToUpper(aud),
		aud + " ", aud + ".", "sigstore", "https://github.com/" + c.ownerName, aud + "," + aud} {
		claims := c.claims(sub, required)
		claims["aud"] = other
		c.add("audience", claims)
	}
	claims := c.claims(sub, required)
	delete(claims, "aud")
	c.add("audience missing", claims)
	claims = c.claims(sub, required)
	delete(claims, "sub")
	c.add("subject missing", claims)
}

// issuers adds a matching token from other issuers and through other providers, and with
// the condition keys in another case (IAM compares key names case-insensitively).
func (c *corpus) issuers(sub string, required map[string]string) {
	claims := c.claims(sub, required)
	partition := c.m.Domain.Partition
	for _, other := range []oidc.Issuer{oidc.GitHubCom(), oidc.EnterpriseCloud("evil-enterprise"),
		oidc.GHECom("evil"), oidc.EnterpriseServer("ghes.evil.example")} {
		p := other.ConditionPrefix()
		if p == c.prefix {
			continue
		}
		otherProvider := "arn:" + partition + ":iam::" + model.ExampleAccountID + ":oidc-provider/" + p
		c.addToken(token{class: "other issuer", prefix: p, principal: otherProvider, claims: claims})
		c.addToken(token{class: "other issuer's keys, own provider", prefix: p, principal: c.provider, claims: claims})
		c.addToken(token{class: "other provider, own keys", prefix: c.prefix, principal: otherProvider, claims: claims})
	}
	for _, principal := range []string{
		strings.Replace(c.provider, model.ExampleAccountID, "444455556666", 1),
		strings.Replace(c.provider, "arn:"+partition+":", "arn:aws-us-gov:", 1),
		strings.ToUpper(c.provider),
		c.provider + "/",
	} {
		c.addToken(token{class: "other provider ARN", prefix: c.prefix, principal: principal, claims: claims})
	}
	c.addToken(token{class: "key case", prefix: strings.ToUpper(c.prefix), principal: c.provider, claims: claims})
	upper := map[string]string{}
	for k, v := range claims {
		upper[strings.ToUpper(k)] = v
	}
	c.addToken(token{class: "key case", prefix: c.prefix, principal: c.provider, claims: upper})
}

// jobs adds the tokens GitHub would send for jobs of the named repositories, of an
// unknown repository and of another owner, on branches, tags, pull requests and
// environments, in the name and the immutable form.
func (c *corpus) jobs() {
	owner := c.m.GitHub.Owner
	repos := []string{"other-repo", "lib"}
	extra := map[string]string{}
	for _, r := range c.m.Roles {
		for _, rule := range r.Rules {
			for _, repo := range rule.Rule.Repositories {
				repos = append(repos, trust.Example(repo))
			}
			for k, v := range rule.Rule.ClaimValues {
				extra[k] = trust.Example(v)
			}
		}
	}
	for _, claim := range c.m.GitHub.Template {
		if _, ok := extra[claim]; !ok && claim != "repo" && claim != "context" {
			extra[claim] = "x"
		}
	}
	slices.Sort(repos)
	repos = slices.Compact(repos)
	ownerID := owner.ID
	if ownerID == "" {
		ownerID = "424242"
	}
	contexts := []oidc.Job{
		{Ref: "refs/heads/main"}, {Ref: "refs/heads/feature/x"}, {Ref: "refs/tags/v1.0.0"},
		{Ref: "refs/tags/vanity-test"}, {Ref: "refs/pull/1/merge", Event: "pull_request"},
		{Ref: "refs/tags/v1.0.0", Environment: "production"}, {Ref: "refs/heads/main", Environment: "Production"},
		{Ref: "refs/heads/main", Environment: "prod:eu"}, {Ref: "refs/heads/main", Environment: "staging"},
	}
	for _, ownerName := range []string{owner.Name, owner.Name + "-evil"} {
		for _, repo := range repos {
			repoID := owner.RepositoryIDs[repo]
			if repoID == "" {
				repoID = "999"
			}
			for _, ids := range [][2]string{{}, {ownerID, repoID}} {
				for _, j := range contexts {
					j.Owner, j.Repository, j.OwnerID, j.RepositoryID, j.Extra = ownerName, repo, ids[0], ids[1], extra
					tk, err := oidc.BuildToken(j, c.m.GitHub.Template, c.m.GitHub.Audience)
					if err != nil {
						panic(fmt.Sprintf("building a job token: %v", err))
					}
					c.add("job", tk.Claims)
				}
			}
		}
	}
}

// mutation is a changed subject (or claim value) and the class of the change.
type mutation struct{ class, value string }

// instances returns subjects the pattern matches: each "*" filled with the same run (empty,
// a letter, a version, one with "/" and ":", one with "-", an encoded colon, non-ASCII) and
// each "?" with one character (one outside the Basic Multilingual Plane too).
func instances(pattern string) []string {
	if !trust.HasWildcard(pattern) {
		return []string{pattern}
	}
	var out []string
	for _, star := range []string{"", "x", "v1.2.3", "feature/a:b", "-evil", "%3A", "é😀"} {
		for _, one := range []string{"y", "Z", "/", "é", "😀"} {
			out = append(out, strings.NewReplacer("*", star, "?", one).Replace(pattern))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// mutations returns near misses of a matching subject: the string changes of
// stringMutations and the structural ones of GitHub's subject grammar (other owners,
// immutable forms, other contexts, encoded colons).
func (c *corpus) mutations(sub string) []mutation {
	out := stringMutations(sub)
	add := func(class, value string) {
		if value != sub {
			out = append(out, mutation{class, value})
		}
	}
	owner := c.m.GitHub.Owner
	repoOwner := "repo:" + owner.Name
	for _, other := range []string{owner.Name + "-evil", owner.Name + "x", "evil", strings.ToUpper(owner.Name), owner.Name[:len(owner.Name)-1]} {
		add("other owner", strings.Replace(sub, repoOwner, "repo:"+other, 1))
	}
	// Immutable forms: repo:OWNER@ID/REPO@ID (GitHub changelog, 2026-07-15).
	ownerID := owner.ID
	if ownerID == "" {
		ownerID = "424242"
	}
	if rest, ok := strings.CutPrefix(sub, repoOwner+"/"); ok {
		repo, ctx, _ := strings.Cut(rest, ":")
		repoID := owner.RepositoryIDs[repo]
		if repoID == "" {
			repoID = "999"
		}
		add("immutable form", repoOwner+"@"+ownerID+"/"+repo+"@"+repoID+":"+ctx)
		add("immutable form, other owner ID", repoOwner+"@"+ownerID+"1/"+repo+"@"+repoID+":"+ctx)
		add("immutable form, other repository ID", repoOwner+"@"+ownerID+"/"+repo+"@"+repoID+"1:"+ctx)
		add("immutable form, owner ID only", repoOwner+"@"+ownerID+"/"+repo+":"+ctx)
		add("immutable form, repository ID only", repoOwner+"/"+repo+"@"+repoID+":"+ctx)
	}
	if rest, ok := strings.CutPrefix(sub, repoOwner+"@"); ok {
		_, afterOwner, _ := strings.Cut(rest, "/")
		repoAt, ctx, _ := strings.Cut(afterOwner, ":")
		repo, _, _ := strings.Cut(repoAt, "@")
		add("name form of an immutable subject", repoOwner+"/"+repo+":"+ctx)
		add("immutable form, other owner", "repo:"+owner.Name+"-evil@"+rest)
	}
	// Other contexts in place of this one.
	if i := contextStart(sub); i >= 0 {
		for _, ctx := range []string{"pull_request", "ref:refs/heads/main", "ref:refs/tags/v1.0.0",
			"environment:production", "environment:Production", "environment:prod%3Aeu", "ref:refs/pull/1/merge",
			"Ref:refs/heads/main", "Pull_request", "job_workflow_ref:x"} {
			add("other context", sub[:i+1]+ctx)
		}
	}
	// ":" and "%3A" in environment names: GitHub sends a ":" of a value as "%3A".
	if i := strings.Index(sub, ":environment:"); i >= 0 {
		head, env := sub[:i+len(":environment:")], sub[i+len(":environment:"):]
		add("environment colon", head+strings.ReplaceAll(env, "%3A", ":"))
		add("environment colon", head+strings.ReplaceAll(env, "%3A", "%3a"))
		add("environment colon", head+strings.ReplaceAll(env, ":", "%3A"))
		add("environment colon", head+env+":x")
		add("environment colon", head+env+"%3Ax")
		add("environment case", head+strings.ToUpper(env))
	}
	return out
}

// contextStart returns the index of the ":" before the context part of a default-template
// subject, or -1.
func contextStart(sub string) int {
	best := -1
	for _, marker := range []string{":ref:", ":environment:", ":pull_request"} {
		if i := strings.Index(sub, marker); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// stringMutations returns near misses of s by string edits: one character deleted,
// replaced or inserted at the ends and around every separator, case changes, and extra
// prefixes and suffixes.
func stringMutations(s string) []mutation {
	var out []mutation
	add := func(class, value string) {
		if value != s {
			out = append(out, mutation{class, value})
		}
	}
	r := []rune(s)
	var positions []int
	for i, ch := range r {
		if i == 0 || i == len(r)-1 || strings.ContainsRune(":/@.-_%", ch) {
			positions = append(positions, i-1, i, i+1)
		}
	}
	positions = append(positions, 1, len(r)-2)
	slices.Sort(positions)
	positions = slices.Compact(positions)
	for _, i := range positions {
		if i < 0 || i >= len(r) {
			continue
		}
		add("one character deleted", string(r[:i])+string(r[i+1:]))
		add("one character replaced", string(r[:i])+string(nextRune(r[i]))+string(r[i+1:]))
		add("one character inserted", string(r[:i])+"x"+string(r[i:]))
		if flipped := flipCase(r[i]); flipped != r[i] {
			add("one character's case", string(r[:i])+string(flipped)+string(r[i+1:]))
		}
	}
	add("one character inserted", s+"x")
	add("non-ASCII character inserted", s+"é")
	add("non-ASCII character inserted", s+"😀")
	add("case", strings.ToUpper(s))
	add("case", strings.ToLower(s))
	for _, suffix := range []string{"-evil", "/x", ":x", ":ref:refs/heads/main", " ", "\n", "*", "%3A"} {
		add("extra suffix", s+suffix)
	}
	for _, prefix := range []string{"x", "repo:", " ", "*", "x:"} {
		add("extra prefix", prefix+s)
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		add("extra segment", s[:i+1]+"x:"+s[i+1:])
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		add("extra segment", s[:i]+":x"+s[i:])
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		add("extra segment", s[:i+1]+"x/"+s[i+1:])
	}
	add("empty", "")
	return out
}

// nextRune returns another character in place of ch: the next letter or digit, or "x".
func nextRune(ch rune) rune {
	switch {
	case ch == 'z' || ch == 'Z' || ch == '9':
		return ch - 1
	case unicode.IsLetter(ch) || unicode.IsDigit(ch):
		return ch + 1
	case ch == 'x':
		return 'y'
	}
	return 'x'
}

// flipCase returns ch in the other case, or ch when it has none.
func flipCase(ch rune) rune {
	if unicode.IsUpper(ch) {
		return unicode.ToLower(ch)
	}
	if u := unicode.ToUpper(ch); u != ch && utf8.ValidRune(u) {
		return u
	}
	return ch
}
