package model

import (
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// Expectation is a resolved trust test of the spec: a concrete token and the roles that
// must admit or refuse it.
type Expectation struct {
	Name string
	// Token holds the claims GitHub would send (built as oidc.BuildToken builds them, or
	// the raw sub and claims of the spec), with the audience filled in.
	Token oidc.Token
	// Issuer is the issuer whose OIDC provider the token reaches AWS through.
	Issuer oidc.Issuer
	// Admit and Refuse are the roles that must admit and must refuse the token, in the
	// spec's order; ["*"] is expanded to every role, in role order.
	Admit, Refuse []ExpectedRole
	// NamePos is where the spec gives the expectation's name; Claims are the further claims
	// it gives, in the spec's order; AudGiven and IssuerGiven report whether it gives its
	// own aud and issuer.
	NamePos               diag.Pos
	Claims                []Claim
	AudGiven, IssuerGiven bool
}

// Claim is one token claim an expectation gives.
type Claim struct{ Key, Value string }

// ExpectedRole is one role named by an expectation, with where it was named.
type ExpectedRole struct {
	Role *Role
	Pos  diag.Pos
}

// buildExpectations resolves the spec's expectations; f must be valid, so every token
// builds and every role name resolves (validate reports the rest).
func buildExpectations(f *spec.File, gh GitHub, roles []*Role) []*Expectation {
	var out []*Expectation
	for i := range f.Expectations {
		e := &f.Expectations[i]
		tok, _ := ExpectationToken(e, gh)
		x := &Expectation{Name: e.Name.Value, Token: tok, Issuer: gh.Issuer,
			Admit: expectedRoles(e.AdmittedBy, roles), Refuse: expectedRoles(e.RefusedBy, roles),
			NamePos: e.Name.Pos, AudGiven: e.Aud.Set, IssuerGiven: e.Issuer.Set}
		for _, c := range e.Claims.Entries {
			x.Claims = append(x.Claims, Claim{Key: c.Key.Value, Value: c.Value.Value})
		}
		if e.Issuer.Set {
			x.Issuer = oidc.Issuer{URL: strings.TrimSuffix(e.Issuer.Value, "/")}
		}
		out = append(out, x)
	}
	return out
}

// ExpectationToken returns the token an expectation describes, with the spec's subject
// template and audience: the job's token (oidc.BuildToken) when repo is given, and
// otherwise the raw sub with the further claims. The error is oidc.BuildToken's.
func ExpectationToken(e *spec.Expectation, gh GitHub) (oidc.Token, error) {
	audience := e.Aud.Or(gh.Audience)
	extra := map[string]string{}
	for _, c := range e.Claims.Entries {
		extra[c.Key.Value] = c.Value.Value
	}
	if !e.Repo.Set {
		extra["sub"] = e.Sub.Value
		extra["aud"] = audience
		return oidc.Token{Claims: extra}, nil
	}
	owner, name, _ := strings.Cut(e.Repo.Value, "/")
	return oidc.BuildToken(oidc.Job{
		Owner: owner, Repository: name, OwnerID: e.OwnerID.Value, RepositoryID: e.RepositoryID.Value,
		Ref: e.Ref.Value, Environment: e.Environment.Value, Event: e.Event.Value, Extra: extra,
	}, gh.Template, audience)
}

// expectedRoles resolves role names; "*" stands for every role. A role named twice (or
// also through "*") appears once, at its first mention.
func expectedRoles(names []spec.String, roles []*Role) []ExpectedRole {
	var out []ExpectedRole
	seen := map[*Role]bool{}
	for _, n := range names {
		for _, r := range roles {
			if (n.Value == "*" || r.Name == n.Value) && !seen[r] {
				seen[r] = true
				out = append(out, ExpectedRole{Role: r, Pos: n.Pos})
			}
		}
	}
	return out
}
