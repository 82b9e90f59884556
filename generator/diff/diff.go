// Package diff says what a change to a spec means: which repositories would be destroyed
// (with every package in them), whose trust widens or narrows (with concrete token
// subjects that are newly admitted or refused, decided by the IAM evaluator), which
// permissions, upstreams, external connections and outputs change. It compares two resolved
// models, so it sees what would be rendered, not how the YAML was written.
package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
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
	d := &differ{old: old, new: new, bud: &trust.Budget{Limit: stepLimit}}
	d.domain()
	d.repositories()
	d.roles()
	d.policies()
	d.consumers()
	d.packageGroups()
	d.outputs()
	// Further sections add their changes here, each under its own Subject prefix (see
	// subjectOrder), for example "lint" (Findings) or "expectations".
	d.expectations()
	sortChanges(d.changes)
	rep := Report{Changes: d.changes, Work: d.bud.Steps}
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

// sortChanges orders changes destructive first, then by section and subject, keeping the
// order in which each section added its changes.
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(boolFirst(a.Destructive, b.Destructive), cmp.Compare(subjectOrder(a.Subject), subjectOrder(b.Subject)), cmp.Compare(a.Subject, b.Subject))
	})
}

// AddFindings adds a change for every warning of the new spec that the old spec did not
// have: an unsilenced lint finding is part of what a change means. Findings are compared
// by code and summary, not by position, so that moving a rule does not make its findings
// new, and regardless of case, so that a case-only rename does not either.
func (r *Report) AddFindings(old, new diag.Diagnostics) {
	seen := map[[2]string]bool{}
	key := func(d diag.Diagnostic) [2]string { return [2]string{d.Code, strings.ToLower(d.Summary)} }
	for _, d := range old {
		seen[key(d)] = true
	}
	for _, d := range new {
		if d.Severity != diag.Warning || seen[key(d)] {
			continue
		}
		seen[key(d)] = true
		c := Change{Kind: "lint.finding", Subject: "lint", Pos: d.Pos, Summary: d.Code + ": " + d.Summary}
		if d.Pos.String() != "" {
			c.Details = append(c.Details, "at "+d.Pos.String())
		}
		if d.Detail != "" {
			c.Details = append(c.Details, strings.Split(d.Detail, "\n")...)
		}
		r.Changes = append(r.Changes, c)
	}
	sortChanges(r.Changes)
}

// Reports are the reports of every spec a change touches, in spec path order.
type Reports []Report

// HasDestructive reports whether any change of any report is destructive.
func (rs Reports) HasDestructive() bool { return slices.ContainsFunc(rs, Report.HasDestructive) }

// HasWidened reports whether any change of any report widens trust or access.
func (rs Reports) HasWidened() bool { return slices.ContainsFunc(rs, Report.HasWidened) }

// Work is the sum of the reports' decision steps.
func (rs Reports) Work() int {
	n := 0
	for _, r := range rs {
		n += r.Work
	}
	return n
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
	for i, prefix := range []string{"spec", "domain", "github", "repository", "role", "policy", "consumer", "package group", "outputs", "lint", "expectation"} {
		if len(subject) >= len(prefix) && subject[:len(prefix)] == prefix {
			return i
		}
	}
	return 99
}

type differ struct {
	old, new *model.Model
	changes  []Change
	bud      *trust.Budget // shared by every decision of the comparison
	// domainTagsChanged is set when the domain's tags change: they are merged into every
	// resource's tags, and reported once, for the domain.
	domainTagsChanged bool
}

func (d *differ) add(c Change) { d.changes = append(d.changes, c) }

// Spec is one spec file on one side of a change.
type Spec struct {
	// Key pairs the two sides: the spec's path relative to the repository.
	Key string
	// Label names the spec in reports, for example "origin/main:specs/acme.yaml".
	Label string
	// Model is the resolved spec; Diagnostics its warnings (lint findings included).
	Model       *model.Model
	Diagnostics diag.Diagnostics
}

// CompareAll compares every spec of the old side with the new side. Specs pair by key;
// a spec file that disappears pairs with a new one of the same domain (a renamed spec
// file); a spec only on the new side is added, one only on the old side deleted, which is
// DESTRUCTIVE: its domain and every repository would be destroyed. Reports come in key
// order; each carries the new side's unsilenced lint findings that the old side did not
// have.
func CompareAll(olds, news []Spec) Reports {
	oldBy, newBy := map[string]Spec{}, map[string]Spec{}
	for _, s := range olds {
		oldBy[s.Key] = s
	}
	for _, s := range news {
		newBy[s.Key] = s
	}
	type pair struct {
		old, new *Spec
	}
	var pairs []pair
	var gone []*Spec
	for _, s := range olds {
		if n, ok := newBy[s.Key]; ok {
			pairs = append(pairs, pair{&s, &n})
		} else {
			gone = append(gone, &s)
		}
	}
	var added []*Spec
	for _, s := range news {
		if _, ok := oldBy[s.Key]; !ok {
			added = append(added, &s)
		}
	}
	for _, o := range gone {
		i := slices.IndexFunc(added, func(n *Spec) bool { return n.Model.Domain.Name == o.Model.Domain.Name })
		if i < 0 {
			pairs = append(pairs, pair{old: o})
			continue
		}
		pairs = append(pairs, pair{o, added[i]})
		added = slices.Delete(added, i, i+1)
	}
	for _, n := range added {
		pairs = append(pairs, pair{new: n})
	}
	key := func(p pair) string {
		if p.new != nil {
			return p.new.Key
		}
		return p.old.Key
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(key(a), key(b)) })
	var reps Reports
	for _, p := range pairs {
		var om, nm *model.Model
		var od, nd diag.Diagnostics
		if p.old != nil {
			om, od = p.old.Model, p.old.Diagnostics
		}
		if p.new != nil {
			nm, nd = p.new.Model, p.new.Diagnostics
		}
		rep := Compare(om, nm)
		switch {
		case p.old == nil:
			rep.Changes = append(rep.Changes, Change{Kind: "spec.added", Subject: "spec", Summary: fmt.Sprintf("spec %s is added", p.new.Label)})
		case p.new == nil:
			rep.Changes = append(rep.Changes, Change{Kind: "spec.deleted", Subject: "spec", Destructive: true,
				Summary: fmt.Sprintf("spec %s is deleted: Terraform would destroy domain %s and its %d repositories, with every package in them", p.old.Label, om.Domain.Name, len(om.Repositories))})
		case p.old.Key != p.new.Key:
			rep.Changes = append(rep.Changes, Change{Kind: "spec.renamed", Subject: "spec",
				Summary: fmt.Sprintf("spec %s is renamed to %s (same domain %s): its output directory changes, and the Terraform state that manages the domain must move with it, or the new directory would try to create the domain again", p.old.Label, p.new.Label, nm.Domain.Name)})
		}
		if p.old != nil {
			rep.Old = p.old.Label
		}
		if p.new != nil {
			rep.New = p.new.Label
		}
		rep.AddFindings(od, nd)
		reps = append(reps, rep)
	}
	return reps
}
