package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// The codes of expectation diagnostics that validation reports; EXPECT001 and EXPECT002
// (a verdict that differs) are reported by package expect after rendering.
const (
	ExpectUnknownRole  = "EXPECT003"
	ExpectContradicts  = "EXPECT004"
	ExpectBadToken     = "EXPECT005"
	ExpectNoRoles      = "EXPECT006"
	ExpectNameProblem  = "EXPECT007"
	ExpectIssuerFormat = "EXPECT008"
)

// expectationEvents are the events whose tokens an expectation may describe by name:
// pull_request changes the subject, the others only the event_name claim.
var expectationEvents = []string{"push", "pull_request", "pull_request_target", "release", "workflow_dispatch", "workflow_call", "schedule", "merge_group"}

// expectations checks the shape of every expectation: a name unique in the spec, one way of
// describing the token, a token GitHub could send with the spec's subject template, and
// role names that this spec defines (spelled as defined), none both admitting and refusing.
func (c *checker) expectations(f *spec.File) {
	roles := map[string]bool{}
	for _, r := range f.Roles {
		roles[r.Name.Value] = true
	}
	template := values(f.GitHub.SubjectClaims)
	seen := map[string]spec.String{}
	for i := range f.Expectations {
		e := &f.Expectations[i]
		name := e.Name.Value
		if strings.TrimSpace(name) == "" {
			c.expectErr(ExpectNameProblem, e.Name.Pos, "Say in a few words what the expectation proves, for example name: a new repository cannot publish.", "an expectation has an empty name")
		} else if prev, dup := seen[name]; dup {
			c.expectErr(ExpectNameProblem, e.Name.Pos, fmt.Sprintf("It is first used at line %d; diff and diagnostics name expectations by name, so give each its own.", prev.Pos.Line),
				"duplicate expectation name %q", name)
		} else {
			seen[name] = e.Name
		}
		c.expectationToken(e, template)
		if len(e.AdmittedBy) == 0 && len(e.RefusedBy) == 0 {
			c.expectErr(ExpectNoRoles, e.Keys.At("name", e.Pos), "An expectation checks nothing without roles: list the roles that must admit the token under admitted_by and those that must refuse it under refused_by ([\"*\"] for every role).",
				"expectation %q names no role", name)
		}
		for _, list := range [][]spec.String{e.AdmittedBy, e.RefusedBy} {
			for _, r := range list {
				if r.Value == "*" || roles[r.Value] {
					continue
				}
				detail := "Name a role of this spec's roles, spelled as defined, or \"*\" for every role."
				for known := range roles {
					if strings.EqualFold(known, r.Value) {
						detail = fmt.Sprintf("Did you mean %s? Role names are matched as spelled in roles.", known)
					}
				}
				c.expectErr(ExpectUnknownRole, r.Pos, detail, "expectation %q names role %s, which the spec does not define", name, r.Value)
			}
		}
		c.expectationContradictions(e)
	}
}

// expectationToken checks that the expectation describes one token, as a job (repo) or by
// its subject (sub), and that the job's token can be built with the subject template.
func (c *checker) expectationToken(e *spec.Expectation, template []string) {
	name := e.Name.Value
	bad := func(pos diag.Pos, detail, format string, args ...any) {
		c.expectErr(ExpectBadToken, pos, detail, "expectation %q: "+format, append([]any{name}, args...)...)
	}
	jobKeys := []struct {
		key string
		v   spec.String
	}{{"ref", e.Ref}, {"environment", e.Environment}, {"event", e.Event}, {"owner_id", e.OwnerID}, {"repository_id", e.RepositoryID}}
	switch {
	case e.Repo.Set && e.Sub.Set:
		bad(e.Sub.Pos, "Describe the token either as a job (repo with ref, environment or event), whose subject is built as GitHub builds it, or by its subject (sub), not both.", "both repo and sub are given")
	case !e.Repo.Set && !e.Sub.Set:
		bad(e.Keys.At("name", e.Pos), "Give repo: OWNER/NAME with a ref, an environment or event: pull_request, or the raw subject with sub: repo:OWNER/NAME:....", "no token: give repo or sub")
	case e.Sub.Set:
		for _, k := range jobKeys {
			if k.v.Set {
				bad(k.v.Pos, "With sub the subject is given verbatim, so "+k.key+" would change nothing. Describe the job with repo instead, or give further claims under claims.", "%s is given with sub", k.key)
			}
		}
	default:
		owner, repo, ok := strings.Cut(e.Repo.Value, "/")
		if !ok || !aws.GitHubOwner.MatchString(owner) || !aws.GitHubRepository.MatchString(repo) {
			bad(e.Repo.Pos, "Write the repository as OWNER/NAME, for example ontopix/lib; another owner's repository is fine (to prove it is refused).", "repo %q is not OWNER/NAME", e.Repo.Value)
		}
		if !e.Ref.Set && !e.Environment.Set && e.Event.Value != "pull_request" {
			bad(e.Repo.Pos, "GitHub's subject names the job's environment, its pull request, or its ref: give environment, event: pull_request or ref (refs/heads/main, refs/tags/v1.2.3).", "the job has no ref, environment or pull_request event")
		}
		if r := e.Ref; r.Set && !strings.HasPrefix(r.Value, "refs/") {
			bad(r.Pos, "The ref claim is the full ref: refs/heads/"+r.Value+" for a branch, refs/tags/"+r.Value+" for a tag.", "ref %q is not a full ref", r.Value)
		}
		if ev := e.Event; ev.Set && !slices.Contains(expectationEvents, ev.Value) {
			bad(ev.Pos, "Use one of "+strings.Join(expectationEvents, ", ")+".", "unknown event %q", ev.Value)
		}
		if e.OwnerID.Set != e.RepositoryID.Set {
			at := e.OwnerID
			if !at.Set {
				at = e.RepositoryID
			}
			bad(at.Pos, "An immutable subject (OWNER@ID/REPO@ID) needs both owner_id and repository_id.", "owner_id and repository_id go together")
		}
		for _, claim := range template {
			if claim == "repo" || claim == "context" {
				continue
			}
			if !slices.ContainsFunc(e.Claims.Entries, func(en spec.Entry) bool { return en.Key.Value == claim }) {
				bad(e.Repo.Pos, "The owner's subject template (github.subject_claims) puts "+claim+" into the subject; give its value under claims.", "the subject template needs claim %s", claim)
			}
		}
	}
	for _, en := range e.Claims.Entries {
		if k := en.Key.Value; k == "sub" || k == "aud" {
			bad(en.Key.Pos, "Give the subject with sub (or repo) and the audience with aud.", "claims may not set %s", k)
		}
	}
	if i := e.Issuer; i.Set && (!strings.HasPrefix(i.Value, "https://") || len(i.Value) == len("https://")) {
		c.expectErr(ExpectIssuerFormat, i.Pos, "Give the issuer's URL, for example https://token.actions.githubusercontent.com; leave it out for the spec's own issuer.",
			"expectation %q: issuer %q is not an https URL", name, i.Value)
	}
}

// expectationContradictions reports a role that must both admit and refuse the token.
func (c *checker) expectationContradictions(e *spec.Expectation) {
	star := func(l []spec.String) bool {
		return slices.ContainsFunc(l, func(s spec.String) bool { return s.Value == "*" })
	}
	for _, r := range e.RefusedBy {
		switch {
		case star(e.AdmittedBy) && len(e.RefusedBy) > 0, slices.ContainsFunc(e.AdmittedBy, func(a spec.String) bool { return a.Value == r.Value }), r.Value == "*" && len(e.AdmittedBy) > 0:
			c.expectErr(ExpectContradicts, r.Pos, "A role cannot both admit and refuse one token; remove it from admitted_by or from refused_by (\"*\" names every role).",
				"expectation %q says role %s must both admit and refuse the token", e.Name.Value, r.Value)
			return
		}
	}
}

func (c *checker) expectErr(code string, pos diag.Pos, detail, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{Severity: diag.Error, Code: code, Pos: pos, Summary: fmt.Sprintf(format, args...), Detail: detail})
}
