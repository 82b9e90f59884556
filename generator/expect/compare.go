package expect

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Change is one difference between the expectations of two versions of a spec, matched by
// name.
type Change struct {
	// Kind is "expectation.added", "expectation.removed" or "expectation.changed".
	Kind string
	// Name is the expectation's name.
	Name string
	// Summary says what changed in one sentence.
	Summary string
	// Details are further lines: the token before and after, roles dropped or added, and
	// each verdict of the old expectation that the new policies break.
	Details []string
	// Broken holds the old expectation's verdicts that the new trust policies no longer
	// give: the guarantee the change removes is also broken by it.
	Broken []Outcome
	// Pos is where the expectation is written in the new spec, or in the old one when it
	// is removed.
	Pos diag.Pos
}

// Widened reports whether the new trust policies admit a token that the old expectation
// said a role must refuse: trust that the change both widens and stops testing.
func (c Change) Widened() bool {
	return slices.ContainsFunc(c.Broken, func(o Outcome) bool { return o.Admitted && !o.WantAdmitted })
}

// Compare returns the changes to the spec's trust tests from old to new (either may be nil,
// an absent spec). An expectation that is removed, or whose token or roles change, is
// evaluated in its old form against the new trust policies, so that a change that deletes
// a test and widens trust at once shows the token now wrongly admitted. Roles are matched
// by name; a role the new spec no longer has is skipped. Unchanged expectations are not
// reported: validate checks them against the new spec. Changes come in the old spec's
// order, then added ones in the new spec's order. The error reports a rendered policy that
// does not parse.
func Compare(old, new *model.Model) ([]Change, error) {
	oldByName, newByName := byName(old), byName(new)
	var changes []Change
	for _, o := range expectationsOf(old) {
		n := newByName[o.Name]
		c := Change{Name: o.Name}
		switch {
		case n == nil:
			c.Kind, c.Pos = "expectation.removed", o.NamePos
			c.Summary = fmt.Sprintf("expectation %q is removed", o.Name)
			c.Details = append(c.Details, "was: "+verdicts(o))
		default:
			details := differences(o, n)
			if len(details) == 0 {
				continue
			}
			c.Kind, c.Pos, c.Details = "expectation.changed", n.NamePos, details
			c.Summary = fmt.Sprintf("expectation %q is changed", o.Name)
		}
		if new != nil {
			broken, err := brokenBy(o, new)
			if err != nil {
				return nil, err
			}
			c.Broken = broken
			for _, b := range broken {
				c.Details = append(c.Details, fmt.Sprintf("the old expectation no longer holds: role %s now %s %s (%s)", b.Role.Name, admitsWord(b.Admitted), Describe(o), b.Reason))
			}
			if len(broken) > 0 {
				c.Summary += ", and the new trust policies break it"
			}
		}
		changes = append(changes, c)
	}
	for _, n := range expectationsOf(new) {
		if oldByName[n.Name] == nil {
			changes = append(changes, Change{Kind: "expectation.added", Name: n.Name, Pos: n.NamePos,
				Summary: fmt.Sprintf("expectation %q is added", n.Name), Details: []string{verdicts(n)}})
		}
	}
	return changes, nil
}

func expectationsOf(m *model.Model) []*model.Expectation {
	if m == nil {
		return nil
	}
	return m.Expectations
}

func byName(m *model.Model) map[string]*model.Expectation {
	out := map[string]*model.Expectation{}
	for _, e := range expectationsOf(m) {
		out[e.Name] = e
	}
	return out
}

// differences describes how an expectation of the same name changed: its token, its
// issuer, and the roles it names.
func differences(o, n *model.Expectation) []string {
	var out []string
	if Describe(o) != Describe(n) || !maps.Equal(o.Token.Claims, n.Token.Claims) || o.Issuer.URL != n.Issuer.URL {
		out = append(out, "token was "+Describe(o)+", now "+Describe(n))
	}
	for _, side := range []struct {
		what     string
		old, new []model.ExpectedRole
	}{{"admitted_by", o.Admit, n.Admit}, {"refused_by", o.Refuse, n.Refuse}} {
		before, after := roleNames(side.old), roleNames(side.new)
		for _, r := range before {
			if !slices.Contains(after, r) {
				out = append(out, fmt.Sprintf("- %s %s", side.what, r))
			}
		}
		for _, r := range after {
			if !slices.Contains(before, r) {
				out = append(out, fmt.Sprintf("+ %s %s", side.what, r))
			}
		}
	}
	return out
}

func roleNames(rs []model.ExpectedRole) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Role.Name)
	}
	return out
}

// brokenBy evaluates the old expectation o against the trust policies of m, with its roles
// matched by name, and returns the verdicts that differ from the expected ones.
func brokenBy(o *model.Expectation, m *model.Model) ([]Outcome, error) {
	roles := map[string]*model.Role{}
	for _, r := range m.Roles {
		roles[r.Name] = r
	}
	moved := *o
	moved.Admit, moved.Refuse = nil, nil
	for _, side := range []struct {
		from []model.ExpectedRole
		to   *[]model.ExpectedRole
	}{{o.Admit, &moved.Admit}, {o.Refuse, &moved.Refuse}} {
		for _, er := range side.from {
			if r := roles[er.Role.Name]; r != nil {
				*side.to = append(*side.to, model.ExpectedRole{Role: r, Pos: er.Pos})
			}
		}
	}
	outcomes, err := evaluator{m: m, policies: map[*model.Role]*trust.Policy{}, reasons: true}.expectation(&moved)
	if err != nil {
		return nil, err
	}
	var broken []Outcome
	for _, oc := range outcomes {
		if !oc.Holds() {
			broken = append(broken, oc)
		}
	}
	return broken, nil
}

// verdicts says in one line which roles must admit and refuse the expectation's token.
func verdicts(e *model.Expectation) string {
	var parts []string
	if names := roleNames(e.Admit); len(names) > 0 {
		parts = append(parts, "admitted by "+strings.Join(names, ", "))
	}
	if names := roleNames(e.Refuse); len(names) > 0 {
		parts = append(parts, "refused by "+strings.Join(names, ", "))
	}
	return Describe(e) + ": " + strings.Join(parts, "; ")
}

func admitsWord(admitted bool) string {
	if admitted {
		return "admits"
	}
	return "refuses"
}
