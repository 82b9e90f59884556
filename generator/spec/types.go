// Package spec reads a codeartifact-gen spec file (version 1) into typed Go values that keep
// the file:line:col of everything written. Parsing is strict: unknown keys, duplicate keys,
// wrong types, missing required keys, anchors and aliases, and empty or multi-document
// files are all reported, every one of them, as positioned diagnostics.
//
// This package checks only the shape of the file. Whether names are legal, references
// resolve and trust rules are safe is the job of the validate package.
package spec

import "github.com/ontopix/codeartifact-gen/generator/diag"

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
}

// GitHub describes the GitHub organisation (or user) whose workflows assume the roles.
type GitHub struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Owner String `yaml:"owner,required"`
	// OIDCProvider is "create" (this configuration creates the IAM OIDC provider) or
	// "existing" (the account already has one; it is looked up with a data source).
	OIDCProvider String `yaml:"oidc_provider,required"`
	// Thumbprints are optional: AWS does not use them for GitHub's issuer.
	Thumbprints []String `yaml:"thumbprints"`
}

// Policy is a managed IAM policy granting read and/or publish access.
type Policy struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Name        String `yaml:"name,required"`
	Description String `yaml:"description"`
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

	Repository String   `yaml:"repository,required"`
	Namespaces []String `yaml:"namespaces"`
	Packages   []String `yaml:"packages"`
}

// Role is an IAM role that GitHub Actions workflows assume through OIDC.
type Role struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	Name        String `yaml:"name,required"`
	Description String `yaml:"description"`
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
}

// Keys records where each key of a mapping was written, so that a problem with a value that
// has no position of its own (an empty list) can point at its key.
type Keys map[string]diag.Pos

// At returns the position of key, or fallback when the key was not written.
func (k Keys) At(key string, fallback diag.Pos) diag.Pos {
	if p, ok := k[key]; ok {
		return p
	}
	return fallback
}

// Tags is a mapping of tag keys to values, in the order written.
type Tags struct {
	Pos     diag.Pos
	Entries []Tag
}

// Tag is one key and value of a Tags mapping.
type Tag struct {
	Key   String
	Value String
}
