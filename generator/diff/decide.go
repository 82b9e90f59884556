package diff

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// This file decides widening symbolically. A rendered trust policy is a union of Allow
// statements; each statement is a box: for every condition key, the set of values its
// StringEquals/StringLike condition admits (a key it does not name admits anything, its
// absence too). The new policy widens the old one exactly when some new box is not
// covered by the union of the old boxes; the difference is split into boxes, one key at a
// time (B \ O = ∪ₖ (B∩O on keys before k) × (Bₖ \ Oₖ) × (B on keys after k)), and each
// key's set is decided by trust.Set, whose language containment is exact. The box found
// outside every old box gives the witness token, which the IAM evaluator then confirms:
// admitted by the new policy, refused by the old one.
//
// Claims are independent dimensions here, as they are for IAM: the decision never misses
// a widening, but a witness may combine claims (a ref claim and a sub that names another
// ref) that GitHub would not put into one token. The witness prefers consistent values.

// stepLimit bounds the work of all decisions of one comparison (trust.Budget steps;
// about four million a second on one core). The largest shapes within the documented
// limits take under four million (5,000 roles that all change: 3.8 million); beyond the
// limit, every change still undecided is reported as such and counted as widened.
const stepLimit = 10_000_000

// errUnsupported marks a policy this decision does not model (an operator other than
// StringEquals/StringLike, a Deny statement); the rendered policies never have one.
var errUnsupported = errors.New("the trust policy uses a condition this decision does not model")

// box is one Allow statement: condition key (lower-cased) → the values it admits.
type box map[string]trust.Set

func (b box) get(key string) trust.Set {
	if s, ok := b[key]; ok {
		return s
	}
	return trust.Universe()
}

func (b box) with(key string, s trust.Set) box {
	c := maps.Clone(b)
	c[key] = s
	return c
}

// trustBoxes reads a trust policy document (the one that is rendered) into boxes, and
// returns the federated principal its statements name. Every witness is then checked
// against the rendered JSON by the IAM evaluator (confirmTrust), so reading the document
// directly saves a parse without trusting it more.
func trustBoxes(doc policy.Document) ([]box, string, error) {
	var boxes []box
	principal := ""
	for _, st := range doc.Statements {
		if st.Effect != string(trust.EffectAllow) || len(st.Resources) > 0 || st.Principal == nil ||
			st.Principal.Type != trust.PrincipalFederated || len(st.Principal.IDs) != 1 ||
			!slices.Equal(st.Actions, []string{"sts:AssumeRoleWithWebIdentity"}) {
			return nil, "", errUnsupported
		}
		principal = st.Principal.IDs[0].Placeholder()
		b := box{}
		for _, c := range st.Conditions {
			pats, ok := trust.ConditionPatterns(c.Operator, c.Values)
			if !ok {
				return nil, "", fmt.Errorf("%w: %s", errUnsupported, c.Operator)
			}
			key := strings.ToLower(c.Key)
			if _, twice := b[key]; twice {
				// Two conditions on one key (the lint refuses two operators on sub): the
				// box would not be one list per key, which the splitting needs.
				return nil, "", fmt.Errorf("%w: two conditions on %s", errUnsupported, c.Key)
			}
			b[key] = trust.Set{Must: [][]trust.Pattern{pats}}
		}
		boxes = append(boxes, b)
	}
	return boxes, principal, nil
}

// keysOf returns every key any box names: sub first (the witness is built from it),
// then the others sorted.
func keysOf(boxes ...[]box) []string {
	set := map[string]bool{}
	for _, bs := range boxes {
		for _, b := range bs {
			for k := range b {
				set[k] = true
			}
		}
	}
	keys := slices.Sorted(maps.Keys(set))
	slices.SortStableFunc(keys, func(a, b string) int {
		as, bs := strings.HasSuffix(a, ":sub"), strings.HasSuffix(b, ":sub")
		return boolFirst(as, bs)
	})
	return keys
}

// outside returns a box of values in b and in none of olds (every key's set non-empty),
// or false when b is covered by the union of olds.
func outside(b box, olds []box, keys []string, bud *trust.Budget) (box, bool, error) {
	if len(olds) == 0 {
		return b, true, nil
	}
	o := olds[0]
	prefix := b
	for _, k := range keys {
		ok, constrained := o[k]
		if !constrained {
			continue // o admits every value here: nothing of b falls outside o on this key
		}
		piece := prefix.get(k).Minus(ok)
		empty, err := piece.IsEmpty(bud)
		if err != nil {
			return nil, false, err
		}
		if !empty {
			if leaf, found, err := outside(prefix.with(k, piece), olds[1:], keys, bud); err != nil || found {
				return leaf, found, err
			}
		}
		both := prefix.get(k).Intersect(ok)
		if empty, err := both.IsEmpty(bud); err != nil || empty {
			return nil, false, err // the rest of b lies outside o, and was searched above
		}
		prefix = prefix.with(k, both)
	}
	return nil, false, nil // what is left of b lies inside o
}

// nonEmpty reports whether every key's set of the box holds a value.
func nonEmpty(b box, bud *trust.Budget) (bool, error) {
	for _, s := range b {
		if empty, err := s.IsEmpty(bud); err != nil || empty {
			return false, err
		}
	}
	return true, nil
}

// trustDifference returns up to maxExamples witness tokens admitted by the policy news
// and refused by olds, one per new statement that the old statements do not cover.
func trustDifference(news, olds []box, issuer oidc.Issuer, bud *trust.Budget) ([]map[string]string, error) {
	keys := keysOf(news, olds)
	var out []map[string]string
	for _, b := range news {
		if ok, err := nonEmpty(b, bud); err != nil {
			return nil, err
		} else if !ok {
			continue // a statement that admits nothing
		}
		leaf, found, err := outside(b, olds, keys, bud)
		if err != nil {
			return nil, err
		}
		if !found {
			continue
		}
		tok, err := witnessToken(leaf, keys, issuer, bud)
		if err != nil {
			return nil, err
		}
		out = append(out, tok)
		if len(out) == maxExamples {
			break
		}
	}
	return out, nil
}

// witnessToken picks one value for every key of the box: the subject first, from the
// patterns with their wildcards filled in readable ways, then the other claims,
// preferring the values the subject implies (its ref, environment, repository), so that
// the token is one GitHub could send. Keys of another issuer stay absent when they may.
func witnessToken(b box, keys []string, issuer oidc.Issuer, bud *trust.Budget) (map[string]string, error) {
	tok := map[string]string{}
	prefix := strings.ToLower(issuer.ConditionPrefix()) + ":"
	sub := ""
	for _, k := range keys {
		s := b.get(k)
		claim, ours := strings.CutPrefix(k, prefix)
		var prefer []string
		if !ours && s.Absent {
			continue
		}
		if ours {
			prefer = append(prefer, impliedBySubject(claim, sub)...)
		}
		prefer = append(prefer, fills(s)...)
		prefer = append(prefer, "x")
		v, absent, ok, err := s.Witness(bud, prefer...)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("internal: empty set for %s in a non-empty box", k)
		}
		if absent {
			continue
		}
		tok[k] = v
		if claim == "sub" && ours {
			sub = v
		}
	}
	return tok, nil
}

// impliedBySubject returns the value GitHub would send for claim in a token whose subject
// is sub (default template: repo:OWNER/REPO:CONTEXT).
func impliedBySubject(claim, sub string) []string {
	rest, ok := strings.CutPrefix(sub, "repo:")
	if !ok {
		return nil
	}
	repo, context, _ := strings.Cut(rest, ":")
	switch claim {
	case "repository":
		return []string{stripIDs(repo)}
	case "repository_owner":
		owner, _, _ := strings.Cut(stripIDs(repo), "/")
		return []string{owner}
	case "ref":
		if ref, ok := strings.CutPrefix(context, "ref:"); ok {
			return []string{ref}
		}
		return []string{"refs/heads/main"}
	case "environment":
		if env, ok := strings.CutPrefix(context, "environment:"); ok {
			return []string{strings.ReplaceAll(env, "%3A", ":")}
		}
	case "event_name":
		if context == "pull_request" {
			return []string{"pull_request"}
		}
		return []string{"push"}
	}
	return nil
}

// stripIDs turns OWNER@ID/REPO@ID into OWNER/REPO.
func stripIDs(repo string) string {
	owner, name, _ := strings.Cut(repo, "/")
	owner, _, _ = strings.Cut(owner, "@")
	name, _, _ = strings.Cut(name, "@")
	return owner + "/" + name
}

// fillWords are what a "*" becomes in the candidates a witness is first chosen from.
var fillWords = []string{"x", "-x", "0", "x-x"}

// fills returns candidate values from the first patterns of the set's first list: each
// "*" filled with a few words (all combinations for up to three stars), each "?" with "y".
func fills(s trust.Set) []string {
	if len(s.Must) == 0 {
		return nil
	}
	var out []string
	for i, p := range s.Must[0] {
		if i == 4 {
			break
		}
		if !p.Glob {
			out = append(out, p.Text)
			continue
		}
		parts := strings.Split(strings.ReplaceAll(p.Text, "?", "y"), "*")
		stars := len(parts) - 1
		// Combinations with the first "*" varying fastest: a witness then differs from the
		// old side as early in the subject as it can (a new repository before a new ref).
		combos := []string{parts[stars]}
		for k := stars - 1; k >= 0; k-- {
			words := fillWords
			if stars > 3 {
				words = fillWords[:1]
			}
			var next []string
			for _, c := range combos {
				for _, w := range words {
					next = append(next, parts[k]+w+c)
				}
			}
			combos = next
		}
		out = append(out, combos...)
	}
	return out
}

// confirmTrust checks a witness with the IAM evaluator on the rendered JSON of both
// policies: the new policy must admit the token and the old one refuse it. A
// disagreement is a defect of the decision, reported rather than hidden.
func confirmTrust(tok map[string]string, principal string, newPolicy, oldPolicy *trust.Policy) error {
	req := trust.Request{Action: "sts:AssumeRoleWithWebIdentity", Principal: map[string]string{trust.PrincipalFederated: principal}, Context: map[string][]string{}}
	for k, v := range tok {
		req.Context[k] = []string{v}
	}
	if !newPolicy.Evaluate(req).Allowed || oldPolicy.Evaluate(req).Allowed {
		return fmt.Errorf("internal: the IAM evaluator does not confirm the witness %v", tok)
	}
	return nil
}

// describeToken names a witness token by its subject, followed by the other claims it
// carries, except those the subject implies (its ref, repository, environment) and the
// usual audience.
func describeToken(tok map[string]string, issuer oidc.Issuer, audience string) string {
	prefix := strings.ToLower(issuer.ConditionPrefix()) + ":"
	sub := tok[prefix+"sub"]
	s := sub
	if sub == "" {
		s = "a token with no sub claim"
	}
	for _, k := range slices.Sorted(maps.Keys(tok)) {
		claim, ours := strings.CutPrefix(k, prefix)
		v := tok[k]
		switch {
		case !ours:
			s += fmt.Sprintf(" (%s %q)", k, v)
		case claim == "sub", claim == "aud" && v == audience:
		case slices.Contains(impliedBySubject(claim, sub), v):
		default:
			s += fmt.Sprintf(" (%s %q)", claim, v)
		}
	}
	return s
}

// grant is one action on one resource pattern of a role's or a consumer's access.
type grant struct {
	Action   string // as rendered; compared case-insensitively, as IAM compares them
	Resource string // as rendered, with ${...} placeholders
}

// grantDifference returns, for each action, a resource the new grants cover and the old
// ones do not ("action on resource"), at most maxExamples of them.
func grantDifference(news, olds []grant, bud *trust.Budget) ([]grant, error) {
	oldBy := map[string][]string{}
	for _, g := range olds {
		oldBy[strings.ToLower(g.Action)] = append(oldBy[strings.ToLower(g.Action)], g.Resource)
	}
	newBy := map[string][]string{}
	spelled := map[string]string{}
	for _, g := range news {
		newBy[strings.ToLower(g.Action)] = append(newBy[strings.ToLower(g.Action)], g.Resource)
		spelled[strings.ToLower(g.Action)] = g.Action
	}
	var out []grant
	for _, key := range slices.Sorted(maps.Keys(newBy)) {
		s := trust.Set{Must: [][]trust.Pattern{trust.Globs(newBy[key]...)}, Not: [][]trust.Pattern{trust.Globs(oldBy[key]...)}}
		v, _, ok, err := s.Witness(bud, fills(s)...)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, grant{Action: spelled[key], Resource: v})
			if len(out) == maxExamples {
				break
			}
		}
	}
	return out, nil
}

// roleGrants lists what a role's policies allow.
func roleGrants(r *model.Role) []grant {
	var out []grant
	for _, p := range r.Policies {
		out = append(out, docGrants(p.Document)...)
	}
	return out
}

func docGrants(doc policy.Document) []grant {
	var out []grant
	for _, s := range doc.Statements {
		for _, a := range s.Actions {
			for _, r := range s.Resources {
				out = append(out, grant{Action: a, Resource: r.Placeholder()})
			}
		}
	}
	return out
}

// confirmGrant checks with the IAM evaluator that the new role's policies allow the
// action on the resource and the old role's do not.
func confirmGrant(g grant, o, n *model.Role) error {
	req := trust.Request{Action: g.Action, Resource: g.Resource, Context: map[string][]string{
		"sts:AWSServiceName": {"codeartifact.amazonaws.com"},
	}}
	return confirmAllowed(req, roleDocuments(n), roleDocuments(o))
}

func roleDocuments(r *model.Role) []policy.Document {
	var docs []policy.Document
	for _, p := range r.Policies {
		docs = append(docs, p.Document)
	}
	return docs
}

// confirmAllowed checks with the IAM evaluator, on the rendered JSON of each document,
// that some new document allows the request and no old one does.
func confirmAllowed(req trust.Request, news, olds []policy.Document) error {
	allowed := func(docs []policy.Document) (bool, error) {
		for _, doc := range docs {
			pol, err := trust.ParsePolicy(doc.JSON())
			if err != nil {
				return false, err
			}
			if pol.Evaluate(req).Allowed {
				return true, nil
			}
		}
		return false, nil
	}
	after, err1 := allowed(news)
	before, err2 := allowed(olds)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if !after || before {
		return fmt.Errorf("internal: the IAM evaluator does not confirm that %s on %s is newly allowed", req.Action, req.Resource)
	}
	return nil
}

// shortResource writes a resource relative to the domain's ARN prefix.
func shortResource(r string) string {
	return strings.TrimPrefix(r, "${"+model.RefCodeArtifactARN+"}:")
}
