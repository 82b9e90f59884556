// Package diff says what a change to a spec means: which repositories would be destroyed
// (with every package in them), whose trust widens or narrows (with concrete token
// subjects that are newly admitted or refused, decided by the IAM evaluator), which
// permissions, upstreams, external connections and outputs change. It compares two resolved
// models, so it sees what would be rendered, not how the YAML was written.
package diff

import (
	"cmp"
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// Change is one semantic change.
type Change struct {
	// Kind is a stable identifier such as "repository.removed" or "role.trust_widened".
	Kind string `json:"kind"`
	// Subject is what changed: "domain acme", "repository npm", "role ci", "outputs".
	Subject string `json:"subject"`
	// Destructive changes delete something that holds packages.
	Destructive bool `json:"destructive,omitempty"`
	// Widened changes admit more workflows or grant more access.
	Widened bool `json:"widened,omitempty"`
	// Replaced changes make Terraform destroy and re-create a resource (an attribute that
	// forces a new resource changes) without losing packages: a role's or a policy's
	// identity changes, and whatever refers to it by ID breaks.
	Replaced bool `json:"replaced,omitempty"`
	// Summary says what changed in one sentence.
	Summary string `json:"summary"`
	// Details are further lines: patterns added and removed, example subjects.
	Details []string `json:"details,omitempty"`
	// Pos is where the change is written in the new spec, or in the old one for removals;
	// zero for changes that belong to no single place (outputs, another account's access).
	Pos diag.Pos `json:"-"`
}

// Report is every change between two specs, destructive first, then grouped by subject.
type Report struct {
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Changes []Change `json:"changes"`
	// Work counts the steps of the symbolic decisions (trust.Budget steps), so that tests
	// can bound the cost of a diff without a clock.
	Work int `json:"-"`
}

// HasDestructive reports whether any change is destructive.
func (r Report) HasDestructive() bool {
	return slices.ContainsFunc(r.Changes, func(c Change) bool { return c.Destructive })
}

// HasWidened reports whether any change widens trust or access.
func (r Report) HasWidened() bool {
	return slices.ContainsFunc(r.Changes, func(c Change) bool { return c.Widened })
}

// Compare returns the changes that turn old into new. Either may be nil, meaning an absent
// spec (everything is added, or removed).
func Compare(old, new *model.Model) Report {
	d := &differ{old: old, new: new}
	d.domain()
	d.repositories()
	d.roles()
	d.policies()
	d.consumers()
	d.outputs()
	// Further sections add their changes here, each under its own Subject prefix (see
	// subjectOrder), for example "lint" (Findings) or "expectations".
	d.expectations()
	slices.SortStableFunc(d.changes, func(a, b Change) int {
		return cmp.Or(boolFirst(a.Destructive, b.Destructive), cmp.Compare(subjectOrder(a.Subject), subjectOrder(b.Subject)), cmp.Compare(a.Subject, b.Subject))
	})
	rep := Report{Changes: d.changes, Work: d.work}
	if old != nil {
		rep.Old = old.SpecPath
	}
	if new != nil {
		rep.New = new.SpecPath
	}
	if rep.Changes == nil {
		rep.Changes = []Change{}
	}
	return rep
}

func boolFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// subjectOrder orders groups: domain, repositories, roles, policies, consumers, outputs,
// then the sections that are not about rendered resources: lint findings and expectations.
func subjectOrder(subject string) int {
	for i, prefix := range []string{"domain", "github", "repository", "role", "policy", "consumer", "outputs", "lint", "expectation"} {
		if len(subject) >= len(prefix) && subject[:len(prefix)] == prefix {
			return i
		}
	}
	return 99
}

type differ struct {
	old, new *model.Model
	changes  []Change
	work     int // trust.Budget steps of every decision
}

func (d *differ) add(c Change) { d.changes = append(d.changes, c) }
