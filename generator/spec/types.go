// Package spec reads a codeartifact-gen spec file (version 1) into typed Go values that keep
// the file:line:col of everything written. Parsing is strict: unknown keys, duplicate keys,
// wrong types, missing required keys, anchors and aliases, and empty or multi-document
// files are all reported, every one of them, as positioned diagnostics.
//
// This package checks only the shape of the file. Whether names are legal, references
// resolve and trust rules are safe is the job of the validate package.
package spec

import (
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// The scalar types of the spec. Each keeps the position it was written at.
type (
	String = Located[string]
	Int    = Located[int]
	Bool   = Located[bool]
)

// File is a whole spec.
type File struct {
	// Path is the file name the spec was read from, as given to Parse.
	Path string `yaml:"-"`
	Keys Keys   `yaml:"-"`

	Version      Int          `yaml:"version,required"`
	Domain       Domain       `yaml:"domain,required"`
	Repositories []Repository `yaml:"repositories,required"`
	GitHub       GitHub       `yaml:"github,required"`
	Policies     []Policy     `yaml:"policies"`
	Roles        []Role       `yaml:"roles"`
	Consumers    []Consumer   `yaml:"consumers"`
	Quotas       Quotas       `yaml:"quotas"`
	// HandWritten declares the Terraform files beside the generated ones in the output
	// directory (providers, backend, variables); any other file there is refused.
	HandWritten []HandWrittenFile `yaml:"hand_written"`
	// Removed says what to do with a domain or repository that the previous render
	// managed and the spec no longer has: forget it (packages stay) or destroy it.
	Removed []Removed `yaml:"removed"`
	// Expectations are trust tests: tokens and the roles that must admit or refuse them,
	// evaluated against the rendered trust policies.
	Expectations []Expectation `yaml:"expectations"`
	// Adopt records resources that already exist: their address in the Terraform
	// configuration that manages them today (moved blocks) or that they are to be imported
	// into Terraform's state (import blocks). Written by codeartifact-gen import.
	Adopt []Adoption `yaml:"adopt"`
	// PackageGroups are package groups with origin controls (dependency-substitution
	// protection); see groups.go.
	PackageGroups []PackageGroup `yaml:"package_groups"`
}

// HandWrittenFile is a Terraform file in the output directory that codeartifact-gen does
// not generate, declared so that check accepts it.
type HandWrittenFile struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	// File is the file's name in the output directory, for example backend.tf.
	File   String `yaml:"file,required"`
	Reason String `yaml:"reason,required"`
}

// Removed is a domain or repository that the spec no longer has, and what Terraform is to
// do with it: exactly one of Domain and Repository, and exactly one of Forget and
// AcknowledgePackageLoss.
type Removed struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Repository String `yaml:"repository"`
	Domain     String `yaml:"domain"`
	// Forget says why Terraform should stop managing it without deleting it (a removed
	// block with destroy = false): its packages stay in AWS.
	Forget String `yaml:"forget"`
	// AcknowledgePackageLoss says why deleting it with every package in it is acceptable.
	AcknowledgePackageLoss String `yaml:"acknowledge_package_loss"`
}

// Consumer is another AWS account, or principals of one, allowed to read from or publish
// to repositories of the domain through the domain's and the repositories' resource
// policies.
type Consumer struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	// Name labels the consumer in policies and reports.
	Name String `yaml:"name,required"`
	// Principals are 12-digit account IDs or IAM role or user ARNs.
	Principals []String       `yaml:"principals,required"`
	Read       []String       `yaml:"read"`
	Publish    []PublishGrant `yaml:"publish"`
}

// Quotas are the IAM quotas that an account may have raised. Both default to IAM's
// default values.
type Quotas struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	// TrustPolicySize is the role trust policy size quota: 2048 by default, raisable to 4096.
	TrustPolicySize Int `yaml:"trust_policy_size"`
	// PoliciesPerRole is the managed policies per role quota: 10 by default, raisable to 20.
	PoliciesPerRole Int `yaml:"policies_per_role"`
}

// Domain is the CodeArtifact domain that holds every repository of the spec.
type Domain struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Name   String `yaml:"name,required"`
	Region String `yaml:"region,required"`
	// Owner is the 12-digit AWS account that owns the domain. When set, the rendered
	// Terraform refuses to plan in any other account.
	Owner String `yaml:"owner"`
	// EncryptionKey is the ARN of a KMS key; when absent AWS uses the aws/codeartifact key.
	EncryptionKey String `yaml:"encryption_key"`
	// Tags are applied to every taggable resource; per-resource tags merge over them.
	Tags Tags `yaml:"tags"`
	// PreventDestroy defaults to true: deleting a domain deletes every package in it.
	PreventDestroy Bool `yaml:"prevent_destroy"`
}

// Repository is one CodeArtifact repository.
type Repository struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Name        String `yaml:"name,required"`
	Format      String `yaml:"format,required"`
	Description String `yaml:"description"`
	// Upstreams are names of repositories of this spec, in search-priority order.
	Upstreams []String `yaml:"upstreams"`
	// ExternalConnection is a public registry such as public:npmjs.
	ExternalConnection String `yaml:"external_connection"`
	// PreventDestroy defaults to true: deleting a repository deletes every package in it.
	PreventDestroy Bool `yaml:"prevent_destroy"`
	Tags           Tags `yaml:"tags"`
	// PreviousName is the name the repository had before. AWS cannot rename a repository,
	// so a rename replaces it and loses its packages; AcknowledgePackageLoss must say why
	// that is acceptable.
	PreviousName           String `yaml:"previous_name"`
	AcknowledgePackageLoss String `yaml:"acknowledge_package_loss"`
}

// GitHub describes the GitHub organisation (or user) whose workflows assume the roles.
type GitHub struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Owner String `yaml:"owner,required"`
	// OwnerID is the owner's numeric GitHub ID, for immutable subjects.
	OwnerID String `yaml:"owner_id"`
	// OIDCProvider is "create" (this configuration creates the IAM OIDC provider) or
	// "existing" (the account already has one; it is looked up with a data source).
	OIDCProvider String `yaml:"oidc_provider,required"`
	// Thumbprints are optional: AWS does not use them for GitHub's issuer.
	Thumbprints []String `yaml:"thumbprints"`

	// At most one of the next three selects another issuer than github.com.
	// EnterpriseSlug selects GitHub Enterprise Cloud's enterprise issuer,
	// https://token.actions.githubusercontent.com/<slug>.
	EnterpriseSlug String `yaml:"enterprise_slug"`
	// GHESubdomain selects GHE.com data residency, https://token.actions.<subdomain>.ghe.com.
	GHESubdomain String `yaml:"ghe_subdomain"`
	// ServerHost selects GitHub Enterprise Server, https://<host>/_services/token.
	ServerHost String `yaml:"server_host"`

	// Subjects says which subject forms the trust policies admit: "name" (the default,
	// repo:OWNER/REPO:...), "id" (repo:OWNER@OWNER_ID/REPO@REPO_ID:...) or "both", for the
	// migration from one to the other.
	Subjects String `yaml:"subjects"`
	// RepositoryIDs maps repository names to their numeric GitHub IDs.
	RepositoryIDs StringMap `yaml:"repository_ids"`
	// SubjectClaims is the owner's custom subject template (include_claim_keys), when it
	// has one; the default template is [repo, context].
	SubjectClaims []String `yaml:"subject_claims"`
}

// Policy is a managed IAM policy granting read and/or publish access.
type Policy struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Name        String `yaml:"name,required"`
	Description String `yaml:"description"`
	// PreviousName is the policy's name before a rename; a moved block keeps its address.
	PreviousName String `yaml:"previous_name"`
	// Read lists repositories whose packages may be read.
	Read []String `yaml:"read"`
	// Publish lists repositories (optionally narrowed to namespaces or packages) that may
	// be published to. Publishing implies reading the same repository.
	Publish []PublishGrant `yaml:"publish"`
}

// PublishGrant allows publishing to one repository, optionally only some namespaces (an npm
// scope without "@", a maven group) or packages.
type PublishGrant struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Repository String    `yaml:"repository,required"`
	Namespaces []String  `yaml:"namespaces"`
	Packages   []String  `yaml:"packages"`
	Silence    []Silence `yaml:"silence"`
	// AllowExternalUpstream opts the grant's namespaces and packages out of the package
	// group that would block them from external upstreams; its value is the reason.
	AllowExternalUpstream String `yaml:"allow_external_upstream"`
}

// Role is an IAM role that GitHub Actions workflows assume through OIDC.
type Role struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Name        String `yaml:"name,required"`
	Description String `yaml:"description"`
	// PreviousName is the role's name before a rename; a moved block keeps its address.
	PreviousName String `yaml:"previous_name"`
	// Policies are names of policies of this spec attached to the role.
	Policies []String `yaml:"policies,required"`
	// Output, when set, is the name of an extra Terraform output holding the role's ARN.
	Output String `yaml:"output"`
	// Sensitive marks a role meant for named repositories only.
	Sensitive          Bool        `yaml:"sensitive"`
	MaxSessionDuration Int         `yaml:"max_session_duration"`
	Trust              []TrustRule `yaml:"trust,required"`
	Tags               Tags        `yaml:"tags"`
}

// TrustRule admits the workflows of some repositories of the GitHub owner, in some contexts.
// The contexts of one rule are alternatives: a rule with branches and tags admits either.
type TrustRule struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	// Repositories are names of repositories of the GitHub owner; ["*"] means all of them.
	Repositories []String `yaml:"repositories,required"`
	// AnyContext admits every branch, tag, pull request and environment.
	AnyContext   Bool     `yaml:"any_context"`
	Branches     []String `yaml:"branches"`
	Tags         []String `yaml:"tags"`
	Environments []String `yaml:"environments"`
	PullRequests Bool     `yaml:"pull_requests"`

	// Require adds conditions on other claims of the token (for example environment AND
	// ref), which AWS STS can check since 2026. Each claim's values are alternatives.
	Require ClaimMap `yaml:"require"`
	// JobEnvironment declares the GitHub environment that the assuming jobs run in; their
	// token subject then names the environment instead of the ref.
	JobEnvironment String `yaml:"job_environment"`
	// SubjectClaims gives the values of the custom subject template's claims other than
	// repo and context, for example job_workflow_ref.
	SubjectClaims StringMap `yaml:"subject_claims"`
	// Silence accepts lint warnings on this rule, each with a written reason.
	Silence []Silence `yaml:"silence"`
}

// Silence accepts one lint warning on the rule or grant that carries it.
type Silence struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Lint   String `yaml:"lint,required"`
	Reason String `yaml:"reason,required"`
}

// Keys records where each key of a mapping was written, in the order written, so that a
// problem with a value that has no position of its own (an empty list) can point at its
// key. A struct has a few keys, so a list is smaller and quicker to search than a map.
type Keys []KeyPos

// KeyPos is where a key was written.
type KeyPos struct {
	Key string
	Pos diag.Pos
}

// At returns the position of key, or fallback when the key was not written.
func (k Keys) At(key string, fallback diag.Pos) diag.Pos {
	if i := k.index(key); i >= 0 {
		return k[i].Pos
	}
	return fallback
}

// index returns the index of key in k, or -1.
func (k Keys) index(key string) int {
	return slices.IndexFunc(k, func(kp KeyPos) bool { return kp.Key == key })
}

// StringMap is a mapping of string keys to string values, in the order written.
type StringMap struct {
	Pos     diag.Pos
	Entries []Entry
}

// Entry is one key and value of a StringMap.
type Entry struct {
	Key   String
	Value String
}

// Tags are resource tags.
type Tags = StringMap

// ClaimMap maps token claim names to one value or a list of alternative values.
type ClaimMap struct {
	Pos     diag.Pos
	Entries []ClaimEntry
}

// ClaimEntry is one claim of a ClaimMap.
type ClaimEntry struct {
	Key    String
	Values []String
}

// Expectation is a trust test kept in the spec: one GitHub token, described as the job that
// would send it (repo with ref, environment or event) or by its raw claims (sub), and the
// roles that must admit it and the roles that must refuse it. validate, check and gen
// evaluate it against the rendered trust policies with IAM's rules and fail when a verdict
// differs.
type Expectation struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	// Name says what the expectation proves, for example "a new repository cannot publish";
	// diagnostics and diff name it.
	Name String `yaml:"name,required"`

	// Repo is the job's repository, OWNER/NAME; the token is built as GitHub builds it.
	Repo String `yaml:"repo"`
	// Ref is the job's full ref (refs/heads/main, refs/tags/v1.2.3).
	Ref String `yaml:"ref"`
	// Environment is the environment the job declares; it then names the subject's context.
	Environment String `yaml:"environment"`
	// Event is the triggering event; pull_request changes the subject.
	Event String `yaml:"event"`
	// OwnerID and RepositoryID, both set, make the subject immutable (OWNER@ID/REPO@ID).
	OwnerID      String `yaml:"owner_id"`
	RepositoryID String `yaml:"repository_id"`

	// Sub gives the subject claim verbatim instead of building it from repo.
	Sub String `yaml:"sub"`
	// Aud is the token's audience; the STS audience of the spec's partition by default.
	Aud String `yaml:"aud"`
	// Issuer is the token's issuer URL; the spec's issuer by default. A token of another
	// issuer reaches AWS through another OIDC provider.
	Issuer String `yaml:"issuer"`
	// Claims are further claims of the token (job_workflow_ref, actor, ...).
	Claims StringMap `yaml:"claims"`

	// AdmittedBy are roles of this spec that must admit the token; ["*"] means every role.
	AdmittedBy []String `yaml:"admitted_by"`
	// RefusedBy are roles of this spec that must refuse the token; ["*"] means every role.
	RefusedBy []String `yaml:"refused_by"`
}
