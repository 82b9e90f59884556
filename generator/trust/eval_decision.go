package trust

import (
	"fmt"
	"sort"
	"strings"
)

// Decision is the outcome of Policy.Evaluate together with the evidence for
// it, in a form a `simulate` command can print.
type Decision struct {
	// Allowed is true when at least one Allow statement applied and no Deny
	// statement applied.
	Allowed bool
	// ExplicitDeny is true when at least one Deny statement applied.
	ExplicitDeny bool
	// Request is the request that was evaluated.
	Request Request
	// Statements holds one result per policy statement, in document order.
	Statements []StatementResult
}

// StatementResult explains how one statement fared against the request.
type StatementResult struct {
	// Index is the statement's 0-based position in the policy.
	Index int
	// Sid and Effect are copied from the statement.
	Sid    string
	Effect Effect
	// Principal, Action and Resource are copied from the statement so the
	// result can be printed on its own.
	Principal PrincipalBlock
	Action    ListBlock
	Resource  ListBlock
	// Applied is true when the principal, action, resource and every
	// condition matched.
	Applied bool
	// PrincipalMatched, ActionMatched and ResourceMatched report the element
	// checks; an absent Principal or Resource element counts as matched.
	PrincipalMatched bool
	ActionMatched    bool
	ResourceMatched  bool
	// Conditions holds one result per operator/key entry, sorted by operator
	// and then key.
	Conditions []ConditionResult
}

// ConditionResult explains one operator/key entry of a Condition element.
type ConditionResult struct {
	// Operator and Key are as written in the policy.
	Operator string
	Key      string
	// PolicyValues are the condition's values from the policy.
	PolicyValues []string
	// KeyPresent reports whether the request context holds the key.
	KeyPresent bool
	// RequestValues are the request's values for the key (nil when absent).
	RequestValues []string
	// Matched is true when the condition evaluated to true. For a negated
	// operator such as StringNotLike, true means no value matched.
	Matched bool
	// Error is set when the operator is unknown or unsupported, or its
	// values are invalid; Matched is then false.
	Error string
}

// Summary returns a one-line verdict naming the deciding evidence, e.g.
// "denied: StringLike token.actions.githubusercontent.com:sub
// [repo:ontopix/*:ref:refs/tags/v*] did not match
// repo:ontopix/app:ref:refs/heads/main".
//
// For an allow it names the applying Allow statement; for an explicit deny
// the applying Deny statement; for an implicit deny the reasons the closest
// Allow statement (the first whose principal, action and resource matched,
// else the first Allow statement) did not apply.
func (d Decision) Summary() string {
	if d.ExplicitDeny {
		for _, r := range d.Statements {
			if r.Applied && r.Effect == EffectDeny {
				return "denied: explicit deny by " + r.label()
			}
		}
	}
	if d.Allowed {
		for _, r := range d.Statements {
			if r.Applied && r.Effect == EffectAllow {
				conditions := make([]string, len(r.Conditions))
				for i, c := range r.Conditions {
					conditions[i] = c.String()
				}
				if len(conditions) == 0 {
					return "allowed: by " + r.label()
				}
				return "allowed: by " + r.label() + ": " + strings.Join(conditions, "; ")
			}
		}
	}
	closest := -1
	for i, r := range d.Statements {
		if r.Effect != EffectAllow {
			continue
		}
		if closest < 0 {
			closest = i
		}
		if r.PrincipalMatched && r.ActionMatched && r.ResourceMatched {
			closest = i
			break
		}
	}
	if closest < 0 {
		return "denied: no Allow statement in the policy"
	}
	return "denied: " + strings.Join(d.Statements[closest].failures(d.Request), "; ")
}

// String returns the Summary line followed by one indented block per
// statement listing every element check and condition.
func (d Decision) String() string {
	var b strings.Builder
	b.WriteString(d.Summary())
	for _, r := range d.Statements {
		b.WriteString("\n  ")
		b.WriteString(r.describe(d.Request))
	}
	return b.String()
}

// label names a statement as "statement #2 "Sid" (Allow)".
func (r StatementResult) label() string {
	s := fmt.Sprintf("statement #%d", r.Index+1)
	if r.Sid != "" {
		s += fmt.Sprintf(" %q", r.Sid)
	}
	return s + " (" + string(r.Effect) + ")"
}

// describe renders the statement result as indented lines.
func (r StatementResult) describe(req Request) string {
	verdict := "did not apply"
	if r.Applied {
		verdict = "applied"
	}
	lines := []string{r.label() + ": " + verdict}
	lines = append(lines, "  "+r.principalLine(req))
	lines = append(lines, "  "+listLine(r.Action, "Action", req.Action, r.ActionMatched))
	if r.Resource.Present {
		lines = append(lines, "  "+listLine(r.Resource, "Resource", req.Resource, r.ResourceMatched))
	}
	for _, c := range r.Conditions {
		lines = append(lines, "  "+c.String())
	}
	return strings.Join(lines, "\n  ")
}

// failures lists why the statement did not apply, one phrase per failed
// check.
func (r StatementResult) failures(req Request) []string {
	var out []string
	if !r.PrincipalMatched {
		out = append(out, r.principalLine(req))
	}
	if !r.ActionMatched {
		out = append(out, listLine(r.Action, "Action", req.Action, false))
	}
	if !r.ResourceMatched {
		out = append(out, listLine(r.Resource, "Resource", req.Resource, false))
	}
	for _, c := range r.Conditions {
		if !c.Matched {
			out = append(out, c.String())
		}
	}
	if len(out) == 0 {
		out = append(out, r.label()+" applied")
	}
	return out
}

// principalLine renders the principal check.
func (r StatementResult) principalLine(req Request) string {
	name := "Principal"
	if r.Principal.Negated {
		name = "NotPrincipal"
	}
	var policy string
	switch {
	case !r.Principal.Present:
		return "Principal (none in statement) matched"
	case r.Principal.Any:
		policy = "*"
	default:
		types := make([]string, 0, len(r.Principal.Values))
		for t := range r.Principal.Values {
			types = append(types, t)
		}
		sort.Strings(types)
		parts := make([]string, 0, len(types))
		for _, t := range types {
			parts = append(parts, t+":"+formatList(r.Principal.Values[t]))
		}
		policy = strings.Join(parts, " ")
	}
	return fmt.Sprintf("%s %s %s %s", name, policy, matchWord(r.PrincipalMatched), formatPrincipal(req.Principal))
}

// listLine renders an Action or Resource check.
func listLine(b ListBlock, element, value string, matched bool) string {
	name := element
	if b.Negated {
		name = "Not" + element
	}
	if value == "" {
		value = "(empty)"
	}
	return fmt.Sprintf("%s %s %s %s", name, formatList(b.Values), matchWord(matched), value)
}

// String renders the condition result, e.g. "StringLike
// token.actions.githubusercontent.com:sub [repo:o/*] did not match
// repo:o/a:pull_request".
func (c ConditionResult) String() string {
	head := fmt.Sprintf("%s %s %s", c.Operator, c.Key, formatList(c.PolicyValues))
	if c.Error != "" {
		return head + " not evaluated: " + c.Error
	}
	var got string
	switch {
	case !c.KeyPresent:
		got = "(key absent from request)"
	case len(c.RequestValues) == 1:
		got = c.RequestValues[0]
		if got == "" {
			got = `""`
		}
	default:
		got = formatList(c.RequestValues)
	}
	return fmt.Sprintf("%s %s %s", head, matchWord(c.Matched), got)
}

// matchWord returns "matched" or "did not match".
func matchWord(matched bool) string {
	if matched {
		return "matched"
	}
	return "did not match"
}

// formatList renders values as "[a b]".
func formatList(values []string) string {
	return "[" + strings.Join(values, " ") + "]"
}

// formatPrincipal renders the request principal in sorted type order.
func formatPrincipal(p map[string]string) string {
	if len(p) == 0 {
		return "(no principal)"
	}
	types := make([]string, 0, len(p))
	for t := range p {
		types = append(types, t)
	}
	sort.Strings(types)
	parts := make([]string, 0, len(types))
	for _, t := range types {
		parts = append(parts, t+":"+p[t])
	}
	return strings.Join(parts, " ")
}
