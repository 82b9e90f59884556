// Package expect evaluates the trust tests a spec carries (its expectations section)
// against the trust policies the spec renders, with the project's IAM evaluator, and reports
// every verdict that differs from the expected one as a positioned diagnostic.
//
// An expectation names one token and the roles that must admit it and must refuse it. What
// is evaluated is the rendered policy JSON, the same document explain and simulate read, so
// a passing expectation is a statement about what Terraform will apply.
package expect

import (
	"fmt"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// The codes of the diagnostics this package reports. Validation reports the others of the
// EXPECT family (EXPECT003-008: unknown roles, contradictions, tokens that cannot be built).
const (
	// CodeAdmitted: a role admits a token the spec says it must refuse.
	CodeAdmitted = "EXPECT001"
	// CodeRefused: a role refuses a token the spec says it must admit.
	CodeRefused = "EXPECT002"
)

// Outcome is the verdict of one role on one expectation's token.
type Outcome struct {
	Expectation *model.Expectation
	Role        *model.Role
	// Pos is where the spec names the role (in admitted_by or refused_by).
	Pos diag.Pos
	// WantAdmitted is what the spec expects; Admitted is IAM's verdict on the rendered policy.
	WantAdmitted, Admitted bool
	// Reason is the evaluator's one-line verdict, naming the statement and the condition
	// that decided it.
	Reason string
	// decision is IAM's verdict, kept so that Check writes Reason only for the outcomes
	// it reports.
	decision trust.Decision
}

// Holds reports whether the verdict is the expected one.
func (o Outcome) Holds() bool { return o.WantAdmitted == o.Admitted }

// Evaluate returns one outcome per role named by each expectation of m, in the spec's
// order. It evaluates each role's rendered trust policy with trust.Policy.Evaluate; a token
// of another issuer than the spec's is presented through another OIDC provider and with
// that issuer's condition keys, as AWS would see it. The error reports a rendered policy
// that does not parse (a bug; lint reports it too).
func Evaluate(m *model.Model) ([]Outcome, error) {
	return evaluate(m, true)
}

// evaluate is Evaluate; without reasons, Reason is left empty (Check fills it for the
// outcomes that do not hold: the summary of every verdict was most of gen's work on a
// small spec).
func evaluate(m *model.Model, reasons bool) ([]Outcome, error) {
	ev := evaluator{m: m, policies: map[*model.Role]*trust.Policy{}, reasons: reasons}
	var out []Outcome
	for _, e := range m.Expectations {
		outcomes, err := ev.expectation(e)
		if err != nil {
			return nil, err
		}
		out = append(out, outcomes...)
	}
	return out, nil
}

// evaluator evaluates expectations against the rendered trust policies of one model,
// parsing each policy once.
type evaluator struct {
	m        *model.Model
	policies map[*model.Role]*trust.Policy
	reasons  bool
}

// expectation returns the outcomes of one expectation, whose roles must be roles of the
// evaluator's model.
func (ev evaluator) expectation(e *model.Expectation) ([]Outcome, error) {
	req := Request(ev.m, e)
	var out []Outcome
	for _, want := range []struct {
		admitted bool
		roles    []model.ExpectedRole
	}{{true, e.Admit}, {false, e.Refuse}} {
		for _, er := range want.roles {
			p := ev.policies[er.Role]
			if p == nil {
				var err error
				if p, err = er.Role.ParsedTrust(); err != nil {
					return nil, fmt.Errorf("role %s: rendered trust policy does not parse: %w", er.Role.Name, err)
				}
				ev.policies[er.Role] = p
			}
			d := p.Evaluate(req)
			o := Outcome{Expectation: e, Role: er.Role, Pos: er.Pos, WantAdmitted: want.admitted, Admitted: d.Allowed, decision: d}
			if ev.reasons {
				o.Reason = d.Summary()
			}
			out = append(out, o)
		}
	}
	return out, nil
}

// Request returns the AssumeRoleWithWebIdentity request the expectation's token makes: its
// claims under its issuer's condition keys, through the spec's OIDC provider when the
// issuer is the spec's, and otherwise through a provider for that issuer.
func Request(m *model.Model, e *model.Expectation) trust.Request {
	provider := model.OIDCProviderPlaceholder
	if e.Issuer.URL != m.GitHub.Issuer.URL {
		provider = "arn:" + m.Domain.Partition + ":iam::${" + model.RefAccountID + "}:oidc-provider/" + e.Issuer.ConditionPrefix()
	}
	return e.Token.Request(e.Issuer, provider)
}

// Check evaluates every expectation of m and returns an error diagnostic for each verdict
// that differs from the expected one, at the role's name in admitted_by or refused_by.
func Check(m *model.Model) diag.Diagnostics {
	outcomes, err := evaluate(m, false)
	if err != nil {
		return diag.Diagnostics{{Severity: diag.Error, Code: CodeAdmitted, Pos: diag.Pos{File: m.SpecPath}, Summary: "expectations not evaluated: " + err.Error(),
			Detail: "This is a bug in codeartifact-gen; please report it with the spec."}}
	}
	var ds diag.Diagnostics
	for _, o := range outcomes {
		if !o.Holds() {
			o.Reason = o.decision.Summary()
			ds = append(ds, o.Diagnostic())
		}
	}
	return ds
}

// Diagnostic returns the outcome as an error diagnostic: which token, which role, expected
// and actual verdict, and IAM's reason naming the deciding statement and condition.
func (o Outcome) Diagnostic() diag.Diagnostic {
	e, tok := o.Expectation, Describe(o.Expectation)
	d := diag.Diagnostic{Severity: diag.Error, Pos: o.Pos}
	if o.Admitted {
		d.Code = CodeAdmitted
		d.Summary = fmt.Sprintf("expectation %q: role %s admits %s, but must refuse it", e.Name, o.Role.Name, tok)
		d.Detail = "Expected: refused. IAM's verdict on the rendered trust policy: " + o.Reason + "\n" +
			"Risk: the workflows that send this token can assume the role and use its permissions, which the spec says they must not.\n" +
			"Fix: narrow the role's trust rules so that the statement above no longer admits the token, or, if the role is meant to admit it, move the role from refused_by to admitted_by."
	} else {
		d.Code = CodeRefused
		d.Summary = fmt.Sprintf("expectation %q: role %s refuses %s, but must admit it", e.Name, o.Role.Name, tok)
		d.Detail = "Expected: admitted. IAM's verdict on the rendered trust policy: " + o.Reason + "\n" +
			"Risk: the workflows that send this token fail with \"Not authorized to perform sts:AssumeRoleWithWebIdentity\".\n" +
			"Fix: add a trust rule (or a context) that admits the token, or, if the role is meant to refuse it, move the role from admitted_by to refused_by."
	}
	return d
}

// Describe names the expectation's token in a few words: its subject, and the claims that
// a trust policy may also check (ref, environment, event, custom claims, a non-default
// audience or issuer).
func Describe(e *model.Expectation) string {
	c := e.Token.Claims
	var more []string
	for _, k := range []string{"ref", "environment", "event_name", "job_workflow_ref"} {
		if v, ok := c[k]; ok && !strings.Contains(c["sub"], ":"+v) {
			more = append(more, k+"="+v)
		}
	}
	for _, en := range e.Claims {
		if k := en.Key; k != "job_workflow_ref" && k != "ref" && k != "environment" && k != "event_name" {
			more = append(more, k+"="+en.Value)
		}
	}
	if e.AudGiven {
		more = append(more, "aud="+c["aud"])
	}
	if e.IssuerGiven {
		more = append(more, "issuer="+e.Issuer.URL)
	}
	s := "sub " + c["sub"]
	if len(more) > 0 {
		s += " (" + strings.Join(more, ", ") + ")"
	}
	return s
}
