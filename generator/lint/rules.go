// Package lint checks who can assume each role and what it can do, on the resolved model
// and on the policy documents it renders, and reports risks with stable IDs, a severity, the
// spec position at fault, the risk in plain words and a fix. Errors stop generation;
// warnings are printed, and a spec may silence a warning on one rule with a written reason.
package lint

import "github.com/ontopix/codeartifact-gen/generator/diag"

// Rule is one lint: a stable ID, whether it stops generation, and what to tell the reader.
type Rule struct {
	ID       string
	Severity diag.Severity
	// Title names the problem in a few words.
	Title string
	// Risk says in plain words what could go wrong.
	Risk string
	// Fix says how to remove the risk.
	Fix string
}

// The catalogue. IDs never change meaning; retired IDs are not reused.
var (
	MissingSub = Rule{"TRUST001", diag.Error, "no subject condition",
		"Without a condition on the token's sub (or with sub = \"*\"), any workflow of any GitHub user or organisation could assume the role. IAM refuses such a trust policy when the role is created.",
		"Give the role trust rules that name repositories and contexts."}
	UnpinnedOwner = Rule{"TRUST002", diag.Error, "subject does not pin the owner",
		"The pattern does not fix the GitHub owner (\"repo:*\", \"repo:acme*\"), so workflows of other owners, such as acme-evil, match it.",
		"Name the owner literally: repo:OWNER/... with no wildcard before the \"/\"."}
	RepositoryPrefix = Rule{"TRUST003", diag.Warning, "repository name prefix pattern",
		"A wildcard inside a repository name also admits every repository whose name merely starts (or ends) the same way: app* admits app-staging and app-evil, including repositories created later.",
		"List the repositories by name, or use \"*\" and say so plainly if every repository is meant."}
	AnyContext = Rule{"TRUST004", diag.Warning, "any branch, tag, pull request or environment",
		"The role admits every context of the repositories: any branch anyone can push, pull requests before review, and every environment.",
		"Name the branches, tags or environments that need the role. If every context really does (a read-only CI role, say), silence this warning with the reason."}
	LooseValue = Rule{"TRUST005", diag.Warning, "a loose value widens the list",
		"IAM ORs the values of one condition, so the loosest value decides: a narrow value next to a pattern that covers it protects nothing.",
		"Remove the narrow value, or narrow the loose one."}
	PublishUntrustedContext = Rule{"TRUST006", diag.Warning, "publish access from branches",
		"The role can publish packages, and it trusts branches, which anyone with write access can create or push to. A compromised branch could publish a malicious package version that consumers install. (Pull requests are TRUST030, an error.)",
		"Publish from release tags or a protected environment only; give branch and pull-request builds a read role."}
	SensitiveWildcard = Rule{"TRUST007", diag.Error, "sensitive role with wildcard repositories",
		"The role is marked sensitive, meant for named repositories, but a rule admits repositories by pattern: any matching repository, including ones created later, gets the access.",
		"Name each repository, or remove sensitive: true if the role is not meant to be narrow."}
	BroadRefGlob = Rule{"TRUST008", diag.Warning, "branch, tag or environment glob broader than it looks",
		"The glob admits more than its text suggests: main* also admits main-hotfix and mainline, * admits every branch or tag anyone can create.",
		"Name the branch or tag exactly, or end the glob after a separator: release/*, v1.*."}
	EnvironmentMismatch = Rule{"TRUST009", diag.Error, "jobs in an environment cannot match",
		"GitHub puts the environment, not the ref, into the subject of a job that declares an environment (repo:OWNER/REPO:environment:NAME). The rule admits no such subject, so those jobs are refused with \"Not authorized to perform sts:AssumeRoleWithWebIdentity\".",
		"Add the environment to the rule's environments; to keep a tag condition, add require: {ref: refs/tags/v*}."}
	TemplateMismatch = Rule{"TRUST010", diag.Error, "rule does not follow the custom subject template",
		"The owner's custom subject template puts further claims into the subject; a rule that gives no value for one of them renders a subject GitHub never sends.",
		"Give the rule subject_claims with a value for each claim of the template."}
	EqualsWildcard = Rule{"TRUST011", diag.Error, "wildcard under StringEquals",
		"StringEquals treats * and ? as literal characters, so a pattern under it matches no real token (aws-actions/configure-aws-credentials#1137).",
		"Use StringLike for patterns."}
	TwoSubOperators = Rule{"TRUST012", diag.Error, "two operators on sub",
		"IAM ANDs different operators on the same key, so a StringEquals list and a StringLike list on sub admit only tokens in both: usually none.",
		"Put every subject in one condition: StringLike when any holds a wildcard."}
	SetOperator = Rule{"TRUST013", diag.Error, "set operator on a single-valued claim",
		"ForAllValues is true when the key is absent, so it can admit tokens without the claim; ForAnyValue is meant for multi-valued keys. GitHub's claims are single-valued.",
		"Use plain StringEquals or StringLike."}
	AudienceNotPinned = Rule{"TRUST014", diag.Error, "audience not pinned",
		"Without StringEquals on aud = the STS audience, tokens minted for other relying parties are accepted.",
		"Pin aud with StringEquals to sts.amazonaws.com (sts.amazonaws.com.cn in China)."}
	MissingRepositoryID = Rule{"TRUST015", diag.Warning, "repository without an ID during the migration to immutable subjects",
		"With subjects: both the rule admits the name form for this repository but no ID form. Repositories created, renamed or transferred after 2026-07-15 send repo:OWNER@ID/REPO@ID subjects, which no name-only pattern matches.",
		"Add the repository's ID under github.repository_ids."}
	MutableWorkflowPin = Rule{"TRUST016", diag.Warning, "reusable workflow pinned to a branch, a tag or a pattern",
		"job_workflow_ref names the workflow at a branch or tag, or by a pattern; whoever can move that ref, or add a matching workflow, decides what the trusted workflow does.",
		"Pin the workflow to a full commit SHA, or gate the jobs with a protected environment."}
	PublishAnyRepository = Rule{"TRUST017", diag.Warning, "publish access for every repository of the owner",
		"Any repository of the owner matching the pattern, including one created tomorrow by anyone allowed to create repositories, can publish packages through this role.",
		"Name the repositories that release packages. If every repository may, silence this warning and say what guards the trusted context (for example a tag ruleset)."}
	TrustPolicySize = Rule{"QUOTA001", diag.Error, "trust policy over IAM's size quota",
		"IAM refuses a trust policy longer than the quota (2,048 characters without whitespace by default, up to 4,096 when raised); terraform apply would fail.",
		"Merge rules into patterns, split the role, or raise the quota and set quotas.trust_policy_size."}
	ManagedPolicySize = Rule{"QUOTA002", diag.Error, "managed policy over IAM's size quota",
		"IAM refuses a managed policy longer than 6,144 characters without whitespace; terraform apply would fail.",
		"Split the policy, or grant whole repositories instead of many package patterns."}
	PoliciesPerRole = Rule{"QUOTA003", diag.Error, "too many policies for one role",
		"IAM attaches at most 10 managed policies to a role by default (20 when raised); terraform apply would fail.",
		"Merge policies, or raise the quota and set quotas.policies_per_role."}
	ResourcePolicySize = Rule{"QUOTA004", diag.Error, "resource policy over CodeArtifact's size limit",
		"CodeArtifact refuses a domain or repository policy longer than 7,168 characters; terraform apply would fail.",
		"Grant whole accounts instead of many roles, or whole repositories instead of many package patterns."}
	IAMRename = Rule{"RENAME001", diag.Warning, "renaming an IAM role or policy replaces it",
		"IAM cannot rename roles or policies. Terraform deletes the old one and creates the new one: a role gets a new unique ID, sessions of the old role end, and workflows that assume it by the old name fail until they are updated.",
		"Update every workflow to the new name in the same change, and remove previous_name once the change is applied everywhere."}
	RepositoryRename = Rule{"RENAME002", diag.Warning, "renaming a repository deletes its packages",
		"AWS cannot rename a CodeArtifact repository. Terraform deletes the repository under its old name, with every package version in it, and creates an empty one.",
		"Keep the old name, or move the packages first (new repository with the old one as upstream, aws codeartifact copy-package-versions). The spec acknowledges the loss."}
	AccountWidePublish = Rule{"ACCESS002", diag.Warning, "publish access for a whole AWS account",
		"The consumer is an account ID, which the resource policy grants as the account's root: every role and user of that account that its administrators allow can then publish packages into the domain.",
		"Name the roles that publish (arn:aws:iam::ACCOUNT:role/NAME), or keep the account for read access only."}
	LongPublishSession = Rule{"ACCESS003", diag.Warning, "long sessions for a publishing role",
		"Credentials of a role that can publish stay valid for the whole session: a token leaked from a job can publish packages for hours after the job ended.",
		"Keep max_session_duration at 3600 (one hour, IAM's default) or less for roles that publish."}
	PublishToProxy = Rule{"ACCESS001", diag.Warning, "publish access to a public registry's proxy",
		"The repository caches a public registry through an external connection. Publishing into it mixes internal packages with public ones and can shadow a public package for everyone downstream (dependency confusion).",
		"Publish to an internal repository that has the proxy as an upstream."}
	PublishUnreviewedCode = Rule{"TRUST030", diag.Error, "publish access from unreviewed code",
		"The role can publish packages, and it admits jobs of pull requests, which run the pull request's code before anyone reviewed it (and, with any_context, also every branch anyone with write access can push). Whoever can open such a pull request can publish a package version that every consumer installs. This error cannot be silenced.",
		"Publish from release tags or a protected environment only (tags: [\"v*\"], or environments: with required reviewers); give pull-request builds a read-only role. With any_context, add require: {ref: refs/tags/v*} or require: {environment: NAME}."}
	UnusedSilence = Rule{"LINT001", diag.Warning, "silence without a warning",
		"The rule silences a lint that does not fire on it; the silence would hide a future warning nobody reviewed.",
		"Remove the silence entry."}
	SilencedError = Rule{"LINT002", diag.Error, "an error cannot be silenced",
		"Errors mark trust policies that are unsafe or cannot work.",
		"Fix the problem instead."}
)

// Catalogue lists every rule: the families in the order of the code table, a code never
// moved once listed.
var Catalogue = []*Rule{
	&PublishToProxy, &UnusedSilence, &SilencedError, &TrustPolicySize, &ManagedPolicySize, &PoliciesPerRole,
	&ResourcePolicySize, &IAMRename, &RepositoryRename, &AccountWidePublish, &LongPublishSession,
	&MissingSub, &UnpinnedOwner, &RepositoryPrefix, &AnyContext, &LooseValue, &PublishUntrustedContext,
	&SensitiveWildcard, &BroadRefGlob, &EnvironmentMismatch, &TemplateMismatch, &EqualsWildcard,
	&TwoSubOperators, &SetOperator, &AudienceNotPinned, &MissingRepositoryID, &MutableWorkflowPin,
	&PublishAnyRepository, &PublishUnreviewedCode,
	// origin.go
	&SubstitutionGap, &OpenPublishGrant, &OverriddenBlock, &UnusedAllowList, &UnprotectableName,
	// publishing.go
	&PublishEnvironmentAnyRepository, &ShortTagPrefix,
}

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *Rule {
	for _, r := range Catalogue {
		if r.ID == id {
			return r
		}
	}
	return nil
}
