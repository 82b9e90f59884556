package generator

import (
	"fmt"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// Bounds on the subjects the trust rules expand to, checked before any is built. Each
// repository × context (branch, tag, environment, pull requests, any) of a rule, in each
// subject form, is one sub value of the role's trust policy: a rule of 9,999 repositories
// and 9,999 branches, 20,000 list items, would be 100 million subjects. IAM's largest
// trust policy (4,096 characters) holds about 300 of the shortest subjects, so neither
// bound refuses a role IAM would accept; they keep the work of validate, gen and the rest
// linear in the input.
const (
	// MaxSubjectsPerRole bounds one role's subjects: as many as a list may hold.
	MaxSubjectsPerRole = spec.MaxListItems
	// MaxSubjects bounds the subjects of the whole spec: 20 for each of the 5,000 roles a
	// spec may hold.
	MaxSubjects = 100_000

	// TooManySubjects is the code of both diagnostics.
	TooManySubjects = "LIMIT003"
)

// checkExpansion counts the subjects each role's rules expand to, from the lengths of
// their lists, and reports the roles and the spec that exceed the bounds.
func checkExpansion(f *spec.File) diag.Diagnostics {
	forms := 1
	if f.GitHub.Subjects.Value == "both" {
		forms = 2
	}
	var ds diag.Diagnostics
	total := 0
	for _, r := range f.Roles {
		n := 0
		for _, t := range r.Trust {
			contexts := len(t.Branches) + len(t.Tags) + len(t.Environments)
			if t.AnyContext.Value {
				contexts++
			}
			if t.PullRequests.Value {
				contexts++
			}
			n += len(t.Repositories) * forms * contexts
		}
		total += n
		if n > MaxSubjectsPerRole {
			ds = append(ds, diag.Diagnostic{Severity: diag.Error, Code: TooManySubjects, Pos: r.Name.Pos,
				Summary: fmt.Sprintf("the trust rules of role %s expand to %d subjects, more than the limit of %d", r.Name.Value, n, MaxSubjectsPerRole),
				Detail:  "Every repository of a rule is combined with every branch, tag and environment of it, and each combination is one subject of the trust policy; IAM's largest trust policy (4,096 characters) holds about 300. Use patterns (branches: [\"release/*\"], repositories: [\"*\"]) or split the role."})
		}
	}
	if total > MaxSubjects && len(ds) == 0 {
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Code: TooManySubjects, Pos: diag.Pos{File: f.Path},
			Summary: fmt.Sprintf("the trust rules of the spec expand to %d subjects, more than the limit of %d", total, MaxSubjects),
			Detail:  "Every repository of a rule is combined with every branch, tag and environment of it, and each combination is one subject of a trust policy. Use patterns (branches: [\"release/*\"], repositories: [\"*\"]) or split the spec."})
	}
	return ds
}
