package schema

// doc is what an editor shows for a key when the cursor rests on it: a title of a few words
// and a description in sentences.
type doc struct {
	title string
	text  string
}

// typeDocs document the spec's structs, keyed by Go type name. They describe the items of
// lists (a repository, a role); a struct that is the value of one key is documented by that
// key's entry in docs.
var typeDocs = map[string]doc{}

// baseTypeDocs returns the entries of typeDocs (see tables).
func baseTypeDocs() map[string]doc {
	return map[string]doc{
		"File": {"codeartifact-gen spec",
			"A CodeArtifact domain, its repositories, the IAM policies that grant access to them and the roles GitHub Actions workflows assume through OIDC. codeartifact-gen renders it into Terraform; run codeartifact-gen validate for the checks this schema cannot express."},
		"Domain":       {"Domain", "The CodeArtifact domain that holds every repository of the spec."},
		"Repository":   {"Repository", "One CodeArtifact repository."},
		"GitHub":       {"GitHub", "The GitHub organisation or user whose workflows assume the roles, and its token issuer."},
		"Policy":       {"Policy", "A managed IAM policy granting read and/or publish access to repositories of this spec."},
		"PublishGrant": {"Publish grant", "Publish access to one repository, optionally narrowed to namespaces or packages. Publishing implies reading the same repository."},
		"Role":         {"Role", "An IAM role that GitHub Actions workflows assume through OIDC."},
		"TrustRule": {"Trust rule",
			"Admits the workflows of some repositories of the GitHub owner, in some contexts. The contexts of one rule (branches, tags, environments, pull requests) are alternatives."},
		"Consumer": {"Consumer",
			"Another AWS account, or IAM principals of one, allowed to read from or publish to repositories of the domain through the domain's and the repositories' resource policies."},
		"Silence": {"Silence", "Accepts one lint warning on the rule or grant that carries it, with a written reason."},
		"Quotas":  {"Quotas", "IAM quotas your account may have raised."},
		"HandWrittenFile": {"Hand-written file",
			"A Terraform file in the output directory that codeartifact-gen does not generate (providers, backend, variables), with the reason it is there."},
		"Removed": {"Removed domain or repository",
			"A domain or repository that the previous render managed and the spec no longer has: set domain or repository, and forget or acknowledge_package_loss."},
	}
}

// docs document every key of the spec, keyed by "TypeName.FieldName" of the Go types in
// package spec. A test fails when a field has no entry, so a new key cannot ship
// undocumented.
var docs = map[string]doc{}

// baseDocs returns the entries of docs (see tables).
func baseDocs() map[string]doc {
	return map[string]doc{
		"File.Version": {"Spec version", "The version of the spec format. This build reads version 1 only."},
		"File.Domain":  {"Domain", "The CodeArtifact domain that holds every repository of the spec."},
		"File.Repositories": {"Repositories",
			"The CodeArtifact repositories of the domain. Terraform addresses derive from their names, so reordering them changes nothing."},
		"File.GitHub": {"GitHub", "The GitHub organisation or user whose workflows assume the roles, and its token issuer."},
		"File.Policies": {"Policies",
			"Managed IAM policies that grant read and publish access to repositories of this spec; roles attach them by name."},
		"File.Roles": {"Roles",
			"IAM roles that GitHub Actions workflows assume through OIDC (aws-actions/configure-aws-credentials)."},
		"File.Consumers": {"Consumers",
			"Other AWS accounts, or IAM roles and users of them, given access to repositories of the domain through resource policies."},
		"File.Quotas": {"Quotas",
			"IAM quotas your account may have raised; the lint sizes trust policies and policy attachments against them."},
		"File.HandWritten": {"Hand-written files",
			"The Terraform files beside the generated ones in the output directory, such as backend.tf or providers.tf. check and validate refuse any other .tf, .tf.json, .tofu or .tofu.json file there, every Terraform override file, and a declared file that defines or changes generated IAM or CodeArtifact resources."},
		"File.Removed": {"Removed",
			"Domains and repositories removed from the spec, and whether Terraform forgets them (their packages stay in AWS) or destroys them. Removing one without an entry here is an error: Terraform would delete it with every package in it."},

		"HandWrittenFile.File": {"File name",
			"The file's name in the output directory (no directory part), ending in .tf, .tf.json, .tofu or .tofu.json. Not a generated file's name, and not a Terraform override file (override.tf, *_override.tf), which could replace what the spec renders."},
		"HandWrittenFile.Reason": {"Reason",
			"Why the file is there, in a sentence, for reviewers."},

		"Removed.Repository": {"Repository",
			"The name of the repository removed from the spec, as the previous render had it."},
		"Removed.Domain": {"Domain",
			"The name of the domain removed from the spec (after a change of domain.name), as the previous render had it."},
		"Removed.Forget": {"Forget",
			"Why Terraform should stop managing it without deleting it, in a sentence. codeartifact-gen renders a removed block with lifecycle { destroy = false }: the packages stay in AWS."},
		"Removed.AcknowledgePackageLoss": {"Acknowledge package loss",
			"Why deleting it with every package in it is acceptable, in a sentence of at least three words. Terraform then destroys it."},

		"Quotas.TrustPolicySize": {"Trust policy size quota",
			"IAM's role trust policy size quota in characters without whitespace: 2048 by default, raisable to 4096."},
		"Quotas.PoliciesPerRole": {"Policies per role quota",
			"IAM's managed policies per role quota: 10 by default, raisable to 20."},

		"Domain.Name": {"Domain name",
			"2 to 50 characters: lower-case letters, digits and \"-\", starting with a letter and not ending with \"-\"."},
		"Domain.Region": {"Region",
			"The AWS region code of the domain, for example eu-central-1. It decides the partition: cn-* regions are aws-cn, us-gov-* regions aws-us-gov."},
		"Domain.Owner": {"Owner account",
			"The 12-digit AWS account that owns the domain. When set, the rendered Terraform refuses to plan in any other account. Quote it to keep leading zeros: owner: \"012345678901\"."},
		"Domain.EncryptionKey": {"Encryption key",
			"The ARN of a KMS key (arn:...:key/ID, not an alias: CodeArtifact reports the key's ARN, so an alias would make every plan replace the domain) in the domain's region and partition. When absent, AWS uses the aws/codeartifact key."},
		"Domain.Tags": {"Tags",
			"Tags applied to every taggable resource; a repository's or role's own tags merge over them. At most 50; keys are 1 to 128 characters and cannot start with aws:, values at most 256; both use letters, digits, spaces and _ . : / = + - @."},
		"Domain.PreventDestroy": {"Prevent destroy",
			"Whether Terraform refuses to destroy the domain. Defaults to true: deleting a domain deletes every package in it."},

		"Repository.Name": {"Repository name",
			"2 to 100 characters: letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit."},
		"Repository.Format": {"Package format",
			"The package format the repository holds, in lower case."},
		"Repository.Description": {"Description",
			"One line of text of at most 1000 characters, without tabs or other control characters."},
		"Repository.Upstreams": {"Upstreams",
			"Names of repositories of this spec, of the same format, in search-priority order. At most 10, and no request may search more than 25 repositories in all (CodeArtifact's fixed limits)."},
		"Repository.ExternalConnection": {"External connection",
			"A public registry that the repository caches; it must serve the repository's format. A repository has at most one."},
		"Repository.PreventDestroy": {"Prevent destroy",
			"Whether Terraform refuses to destroy the repository. Defaults to true: deleting a repository deletes every package in it."},
		"Repository.Tags": {"Tags",
			"Tags of the repository, merged over the domain's tags. At most 50; keys are 1 to 128 characters and cannot start with aws:, values at most 256."},

		"Repository.PreviousName": {"Previous name",
			"The name the repository has in AWS today, when the spec renames it. AWS cannot rename a repository: Terraform replaces it and every package in it is deleted, so a rename needs acknowledge_package_loss and prevent_destroy: false."},
		"Repository.AcknowledgePackageLoss": {"Acknowledge package loss",
			"Why losing every package of the renamed repository (previous_name) is acceptable, in a sentence."},

		"Consumer.Name": {"Consumer name",
			"Labels the consumer's statements in the resource policies: 1 to 64 letters, digits, \".\", \"_\" and \"-\"."},
		"Consumer.Principals": {"Principals",
			"12-digit AWS account IDs, or ARNs of IAM roles or users such as arn:aws:iam::123456789012:role/ci, in the partition of the domain. Wildcards are refused."},
		"Consumer.Read": {"Read",
			"Repositories of this spec whose packages the consumer may read."},
		"Consumer.Publish": {"Publish",
			"Repositories of this spec the consumer may publish to, optionally narrowed to namespaces or packages."},

		"GitHub.Owner": {"GitHub owner",
			"The organisation or user, spelled as GitHub spells it (IAM compares subjects case-sensitively): 1 to 39 letters, digits and single inner hyphens."},
		"GitHub.OwnerID": {"Owner ID",
			"The owner's numeric GitHub ID (GET /orgs/OWNER or /users/OWNER), needed for immutable subjects (subjects: id or both)."},
		"GitHub.OIDCProvider": {"OIDC provider",
			"create: this configuration creates the account's IAM OIDC provider for GitHub. existing: the account already has one, and it is looked up by URL."},
		"GitHub.Thumbprints": {"Thumbprints",
			"40-character hexadecimal certificate thumbprints of the OIDC provider, at most 5, with oidc_provider: create only. Optional: AWS does not use them for GitHub's issuer."},
		"GitHub.EnterpriseSlug": {"Enterprise slug",
			"Selects GitHub Enterprise Cloud's enterprise issuer, https://token.actions.githubusercontent.com/<slug>. Set at most one of enterprise_slug, ghe_subdomain and server_host."},
		"GitHub.GHESubdomain": {"GHE.com subdomain",
			"Selects the issuer of GHE.com data residency, https://token.actions.<subdomain>.ghe.com. Set at most one of enterprise_slug, ghe_subdomain and server_host."},
		"GitHub.ServerHost": {"GitHub Enterprise Server host",
			"Selects GitHub Enterprise Server's issuer, https://<host>/_services/token; the host name only, without https:// or a path. Set at most one of enterprise_slug, ghe_subdomain and server_host."},
		"GitHub.Subjects": {"Subject form",
			"Which token subjects the trust policies admit: name (the default, repo:OWNER/REPO:...), id (repo:OWNER@OWNER_ID/REPO@REPO_ID:...) or both, during the migration from one to the other. id and both need owner_id."},
		"GitHub.RepositoryIDs": {"Repository IDs",
			"Repository names of the owner mapped to their numeric GitHub IDs (GET /repos/OWNER/REPO), for immutable subjects."},
		"GitHub.SubjectClaims": {"Subject claims",
			"The owner's custom OIDC subject template (include_claim_keys), when it has one, for example [repo, context, job_workflow_ref]. It must include repo. The default template is [repo, context]."},

		"Policy.Name": {"Policy name",
			"The IAM policy name: 1 to 128 letters, digits and + = , . @ _ -. IAM ignores case, so two policies cannot differ only in case."},
		"Policy.Description": {"Description",
			"One line of text of at most 1000 characters, without tabs or other control characters."},
		"Policy.PreviousName": {"Previous name",
			"The policy's name before a rename. IAM cannot rename a policy, so Terraform replaces it; the Terraform address is kept with a moved block."},
		"Policy.Read": {"Read",
			"Repositories of this spec whose packages the policy lets read."},
		"Policy.Publish": {"Publish",
			"Repositories of this spec the policy lets publish to, optionally narrowed to namespaces or packages. Publishing implies reading the same repository."},

		"PublishGrant.Repository": {"Repository",
			"The repository of this spec that may be published to."},
		"PublishGrant.Namespaces": {"Namespaces",
			"Narrows publishing to these namespaces: npm scopes without \"@\", maven groups, swift scopes or generic namespaces (pypi, nuget, ruby and cargo packages have none). \"*\" and \"?\" act as wildcards."},
		"PublishGrant.Packages": {"Packages",
			"Narrows publishing to these package names; maven and swift packages also need namespaces. \"*\" and \"?\" act as wildcards."},
		"PublishGrant.Silence": {"Silence",
			"Lint warnings accepted on this grant, each with a written reason."},

		"Role.Name": {"Role name",
			"The IAM role name: 1 to 64 letters, digits and + = , . @ _ -. IAM ignores case, so two roles cannot differ only in case."},
		"Role.Description": {"Description",
			"At most 1000 characters of printable ASCII and Latin-1; IAM refuses typographic quotes and dashes such as “ ” ‘ ’ –."},
		"Role.PreviousName": {"Previous name",
			"The role's name before a rename. IAM cannot rename a role, so Terraform replaces it: sessions of the old role end and workflows must use the new name. The Terraform address is kept with a moved block."},
		"Role.Policies": {"Policies",
			"Names of policies of this spec attached to the role, spelled as defined."},
		"Role.Output": {"Output",
			"The name of an extra Terraform output holding the role's ARN: a Terraform identifier (a letter or _ followed by letters, digits, _ and -), not one of the outputs codeartifact-gen writes itself."},
		"Role.Sensitive": {"Sensitive",
			"Marks a role meant for named repositories only: a trust rule that admits repositories by pattern is then an error."},
		"Role.MaxSessionDuration": {"Maximum session duration",
			"The longest session, in seconds, that assuming the role may request: 3600 to 43200 (1 to 12 hours). IAM's default is 3600."},
		"Role.Trust": {"Trust",
			"The rules that say which workflows may assume the role; a workflow matching any rule may."},
		"Role.Tags": {"Tags",
			"Tags of the role, merged over the domain's tags. At most 50; keys are 1 to 128 characters and cannot start with aws:, values at most 256."},

		"TrustRule.Repositories": {"Repositories",
			"Names of repositories of the GitHub owner, without the owner; [\"*\"] means all of them. \"*\" and \"?\" inside a name act as wildcards."},
		"TrustRule.AnyContext": {"Any context",
			"Admits every branch, tag, pull request and environment. Cannot be combined with other contexts."},
		"TrustRule.Branches": {"Branches",
			"Branch names or patterns (\"*\" and \"?\" act as wildcards), without refs/heads/."},
		"TrustRule.Tags": {"Tags",
			"Git tag names or patterns (\"*\" and \"?\" act as wildcards), without refs/tags/."},
		"TrustRule.Environments": {"Environments",
			"GitHub environment names, 1 to 255 characters; GitHub ignores their case."},
		"TrustRule.PullRequests": {"Pull requests",
			"Admits workflows run for pull requests, before review. An error (TRUST030) for a role that can publish."},
		"TrustRule.Require": {"Require",
			"Conditions on other claims of the token, checked by AWS STS, for example ref: refs/tags/v* together with environments. Each claim takes one value or a list of alternatives; sub and aud are set by codeartifact-gen."},
		"TrustRule.JobEnvironment": {"Job environment",
			"The GitHub environment the assuming jobs declare. Their token subject then names the environment instead of the ref."},
		"TrustRule.SubjectClaims": {"Subject claims",
			"Values of the claims of the owner's custom subject template (github.subject_claims) other than repo and context, for example job_workflow_ref."},
		"TrustRule.Silence": {"Silence",
			"Lint warnings accepted on this rule, each with a written reason."},

		"Silence.Lint": {"Lint ID",
			"The ID of the warning to accept, as codeartifact-gen prints it, for example TRUST004. Errors cannot be silenced."},
		"Silence.Reason": {"Reason",
			"Why the risk is accepted, in a sentence; explain shows it to every reviewer."},
	}
}
