package lint

import (
	"cmp"
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// result applies the spec's silences: a warning whose rule or grant silences its ID is kept
// in the findings with the reason, and left out of the diagnostics. A silence that matches
// nothing, or that names an error, is itself reported.
func (l *linter) result() Result {
	used := map[*spec.Silence]bool{}
	var res Result
	for _, f := range l.findings {
		for i := range f.silences {
			s := &f.silences[i]
			if s.Lint.Value == f.Rule.ID && f.Rule.Severity == diag.Warning {
				f.Silenced = s.Reason.Value
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
			rule, what := &UnusedSilence, s.Lint.Value+" does not fire here"
			switch r := ByID(s.Lint.Value); {
			case r == nil:
				what = s.Lint.Value + " is not a lint ID"
			case r.Severity == diag.Error:
				rule, what = &SilencedError, s.Lint.Value+" ("+r.Title+")"
			}
			d := Finding{Rule: rule, Pos: s.Lint.Pos, Summary: rule.Title + ": " + what}.Diagnostic()
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
func (l *linter) silenceOwners() [][]spec.Silence {
	var out [][]spec.Silence
	for _, r := range l.m.Roles {
		for _, rule := range r.Rules {
			out = append(out, rule.Source.Silence)
		}
	}
	for _, p := range l.m.Policies {
		for _, g := range p.Publishes {
			out = append(out, g.Source.Silence)
		}
	}
	for _, c := range l.m.Consumers {
		for _, g := range c.Publishes {
			out = append(out, g.Source.Silence)
		}
	}
	return out
}
