package trust

import (
	"sort"
	"strings"
)

// Request is the request context a policy is evaluated against, for example
// an sts:AssumeRoleWithWebIdentity call carrying GitHub's OIDC claims.
type Request struct {
	// Action is the API action, e.g. "sts:AssumeRoleWithWebIdentity".
	// Action names are compared case-insensitively.
	Action string
	// Principal maps a principal type to the caller's identifier, e.g.
	// "Federated" -> the OIDC provider ARN. Nil means no principal.
	Principal map[string]string
	// Resource is the resource ARN; "" when the policy (a trust policy) has
	// no Resource element.
	Resource string
	// Context maps condition keys to their values. Keys are matched
	// case-insensitively. A key missing from the map is absent, which IAM
	// treats differently from a key present with no values or with "".
	Context map[string][]string
}

// Evaluate decides req against every statement of p with IAM's logic and
// returns the decision with a per-statement explanation.
//
// A statement applies when its Principal/NotPrincipal, Action/NotAction,
// Resource/NotResource and every condition match. The request is allowed
// when at least one Allow statement applies and no Deny statement applies:
// the default is deny, an explicit allow overrides it, and an explicit deny
// overrides any allow (IAM User Guide, "Policy evaluation logic",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
//
// Every part of every statement is evaluated, even after the outcome is
// known, so the explanation is complete. Evaluate does not modify p or req.
func (p *Policy) Evaluate(req Request) Decision {
	ctx := newContext(req.Context)
	d := Decision{Request: req}
	allowed := false
	for i, st := range p.Statements {
		r := evalStatement(i, st, req, ctx)
		if r.Applied {
			switch st.Effect {
			case EffectDeny:
				d.ExplicitDeny = true
			case EffectAllow:
				allowed = true
			}
		}
		d.Statements = append(d.Statements, r)
	}
	d.Allowed = allowed && !d.ExplicitDeny
	return d
}

// evalStatement evaluates one statement against the request.
func evalStatement(index int, st Statement, req Request, ctx context) StatementResult {
	r := StatementResult{
		Index:            index,
		Sid:              st.Sid,
		Effect:           st.Effect,
		Principal:        st.Principal,
		Action:           st.Action,
		Resource:         st.Resource,
		PrincipalMatched: principalMatches(st.Principal, req.Principal),
		ActionMatched:    listMatches(st.Action, req.Action, globMatchFold),
		ResourceMatched:  listMatches(st.Resource, req.Resource, globMatch),
	}
	conditionsHold := true
	for _, c := range st.Conditions {
		cr := evalCondition(c, ctx)
		conditionsHold = conditionsHold && cr.Matched
		r.Conditions = append(r.Conditions, cr)
	}
	r.Applied = r.PrincipalMatched && r.ActionMatched && r.ResourceMatched && conditionsHold
	return r
}

// principalMatches reports whether the request principal satisfies a
// Principal or NotPrincipal element. A statement without either matches (an
// identity policy's principal is implicit). "*" matches every principal; in
// a map, an identifier matches the request's identifier of the same type
// exactly, and "*" matches any identifier of that type.
func principalMatches(b PrincipalBlock, principal map[string]string) bool {
	if !b.Present {
		return true
	}
	matched := b.Any
	for typ, ids := range b.Values {
		got, ok := principal[typ]
		if !ok || got == "" {
			continue
		}
		for _, id := range ids {
			if id == "*" || id == got {
				matched = true
			}
		}
	}
	if b.Negated {
		return !matched
	}
	return matched
}

// listMatches reports whether value satisfies an Action/NotAction or
// Resource/NotResource element using match for each pattern. An absent
// element matches.
func listMatches(b ListBlock, value string, match func(pattern, value string) bool) bool {
	if !b.Present {
		return true
	}
	matched := false
	for _, pattern := range b.Values {
		if match(pattern, value) {
			matched = true
		}
	}
	if b.Negated {
		return !matched
	}
	return matched
}

// context is the request context indexed by lower-cased key, because IAM
// context key names are not case-sensitive (IAM User Guide, "IAM JSON policy
// elements: Condition": "Context key names are not case-sensitive",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
type context map[string][]string

// newContext indexes raw by lower-cased key. Keys that differ only in case
// are merged, their values concatenated in sorted key order.
func newContext(raw map[string][]string) context {
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ctx := context{}
	for _, k := range keys {
		lk := strings.ToLower(k)
		ctx[lk] = append(ctx[lk], raw[k]...)
		if ctx[lk] == nil {
			ctx[lk] = []string{} // present, with no values
		}
	}
	return ctx
}

// lookup returns the values of key and whether the key is present.
func (c context) lookup(key string) ([]string, bool) {
	v, ok := c[strings.ToLower(key)]
	return v, ok
}
