package schema

import (
	"github.com/ontopix/codeartifact-gen/generator/aws"
)

// expectationDocs adds the documentation and constraints of the expectations section,
// kept apart from docs.go so that the section's keys read together (see tables).
func expectationDocs() {
	typeDocs["Expectation"] = doc{"Expectation",
		"A trust test: one GitHub token, described as the job that would send it (repo with ref, environment or event) or by its subject (sub), and the roles that must admit it and must refuse it. validate, check and gen evaluate it against the rendered trust policies with IAM's rules and fail when a verdict differs."}
	for id, d := range map[string]doc{
		"File.Expectations": {"Expectations",
			"Trust tests that the spec must keep passing: tokens and the roles that must admit or refuse them, for example that a repository created later cannot publish. validate, check and gen fail when a role admits or refuses a token otherwise."},
		"Expectation.Name": {"Name",
			"What the expectation proves, in a few words, unique in the spec; diagnostics and diff name the expectation by it."},
		"Expectation.Repo": {"Repository",
			"The job's repository as OWNER/NAME (another owner's too); the token is then built as GitHub builds it, with the spec's subject template. Give ref, environment or event: pull_request with it. Not with sub."},
		"Expectation.Ref": {"Ref",
			"The job's full ref, for example refs/heads/main or refs/tags/v1.2.3; it is the token's ref claim and, without environment or pull request, the subject's context."},
		"Expectation.Environment": {"Environment",
			"The GitHub environment the job declares; the subject then names the environment (repo:OWNER/NAME:environment:NAME) and the ref stays in the ref claim."},
		"Expectation.Event": {"Event",
			"The event that triggered the job, the token's event_name claim: push, pull_request, pull_request_target, release, workflow_dispatch, workflow_call, schedule or merge_group. pull_request puts pull_request into the subject instead of the ref."},
		"Expectation.OwnerID": {"Owner ID",
			"The owner's numeric GitHub ID; with repository_id the subject is the immutable repo:OWNER@OWNER_ID/NAME@REPOSITORY_ID form."},
		"Expectation.RepositoryID": {"Repository ID",
			"The repository's numeric GitHub ID, for the immutable subject form and the repository_id claim; goes with owner_id."},
		"Expectation.Sub": {"Subject",
			"The token's sub claim verbatim, for tokens a job description cannot produce (another issuer's format, a hand-made subject). Not with repo, ref, environment, event or the IDs; other claims go under claims."},
		"Expectation.Aud": {"Audience",
			"The token's aud claim. Defaults to the STS audience of the spec's partition (sts.amazonaws.com); give another to prove tokens minted for other relying parties are refused."},
		"Expectation.Issuer": {"Issuer",
			"The token's issuer URL, for example https://token.actions.githubusercontent.com/other-enterprise. Defaults to the spec's issuer; a token of another issuer reaches AWS through another OIDC provider, with that issuer's condition keys."},
		"Expectation.Claims": {"Claims",
			"Further claims of the token, such as job_workflow_ref, repository or actor, for trust rules that require them and for the claims of a custom subject template. sub and aud have keys of their own."},
		"Expectation.AdmittedBy": {"Admitted by",
			"Roles of this spec, spelled as defined, that must admit the token; [\"*\"] means every role."},
		"Expectation.RefusedBy": {"Refused by",
			"Roles of this spec, spelled as defined, that must refuse the token; [\"*\"] means every role."},
	} {
		docs[id] = d
	}
	constraints["Expectation.Repo"] = constraint{maxLength: 140}
	constraints["Expectation.OwnerID"] = constraint{pattern: aws.GitHubID}
	constraints["Expectation.RepositoryID"] = constraint{pattern: aws.GitHubID}
	constraints["Expectation.Issuer"] = constraint{pattern: httpsURL}
}

// httpsURL is the shape validate requires of an expectation's issuer.
var httpsURL = aws.NewPattern(`^https://.+$`)
