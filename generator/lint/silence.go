package lint

import (
	"cmp"
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// result applies the spec's silences: a warning whose rule or grant silences its ID is kept
// in the findings with the reason, and left out of the diagnostics. A silence that matches
// nothing, or that names an error, is itself reported.
func (l *linter) result() Result {
	used := map[*model.Silence]bool{}
	var res Result
	for _, f := range l.findings {
		for i := range f.silences {
			s := &f.silences[i]
			if s.Lint == f.Rule.ID && f.Rule.Severity == diag.Warning {
				f.Silenced = s.Reason
				used[s] = true
			}
		}
		res.Findings = append(res.Findings, f)
		if f.Silenced == "" {
			res.Diagnostics = append(res.Diagnostics, f.Diagnostic())
		}
	}
	for _, owner := range l.silenceOwners() {
		for i := range owner {
			s := &owner[i]
			if used[s] {
				continue
			}
			rule, what := &UnusedSilence, s.Lint+" does not fire here"
			switch r := ByID(s.Lint); {
			case r == nil:
				what = s.Lint + " is not a lint ID"
			case r.Severity == diag.Error:
				rule, what = &SilencedError, s.Lint+" ("+r.Title+")"
			}
			d := Finding{Rule: rule, Pos: s.LintPos, Summary: rule.Title + ": " + what}.Diagnostic()
			res.Diagnostics = append(res.Diagnostics, d)
		}
	}
	res.Diagnostics = res.Diagnostics.Sort()
	slices.SortStableFunc(res.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return res
}

// silenceOwners returns every list of silence entries in the spec.
func (l *linter) silenceOwners() [][]model.Silence {
	var out [][]model.Silence
	for _, r := range l.m.Roles {
		for _, rule := range r.Rules {
			out = append(out, rule.Silences)
		}
	}
	for _, p := range l.m.Policies {
		for _, g := range p.Publishes {
			out = append(out, g.Silences)
		}
	}
	for _, c := range l.m.Consumers {
		for _, g := range c.Publishes {
			out = append(out, g.Silences)
		}
	}
	for _, g := range l.m.PackageGroups {
		out = append(out, g.Silences)
	}
	return out
}
