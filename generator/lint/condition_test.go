package lint

import (
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// claimCondition is one key of an IAM condition block on a GitHub token claim: the claim
// ("sub", "aud", "job_workflow_ref", ...) must match one of the values.
type claimCondition struct {
	Claim  string
	Values []string
}

// conditionRisks (a test helper: no production path calls it) returns the IDs of the
// lints that one condition block (its keys ANDed) trips, judged as a read role would be: a fragment without a sub condition is taken as
// ANDed with a sub pin (IAM requires one), unless it pins a repository on its own. It lets
// the lint be checked against hand-written conditions such as the shared vector suite.
func conditionRisks(block []claimCondition) []string {
	var ids []string
	add := func(r *Rule) {
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	has := func(claim string) bool {
		return slices.ContainsFunc(block, func(c claimCondition) bool { return c.Claim == claim })
	}
	for _, c := range block {
		switch c.Claim {
		case "sub":
			for _, v := range c.Values {
				for _, r := range subjectRisks(v, false) {
					add(r.rule)
				}
				if coveredBy(v, c.Values) != "" {
					add(&LooseValue)
				}
			}
		case "repository", "repository_id":
			// A repository pin without a sub condition admits every context of it.
			if !has("sub") {
				add(&AnyContext)
			}
		case "job_workflow_ref":
			for _, v := range c.Values {
				if _, mutable := mutableRef(v); (mutable || trust.HasWildcard(v)) && !has("environment") {
					add(&MutableWorkflowPin)
				}
			}
		case "environment":
			if slices.ContainsFunc(c.Values, trust.HasWildcard) {
				add(&BroadRefGlob)
			}
		}
	}
	return ids
}

// coveredBy returns a subject of subjects, other than general, that general covers, or "".
func coveredBy(general string, subjects []string) string {
	for _, s := range subjects {
		if s != general && trust.Covers(general, s) {
			return s
		}
	}
	return ""
}
