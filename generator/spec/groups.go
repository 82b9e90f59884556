package spec

import "github.com/ontopix/codeartifact-gen/generator/diag"

// PackageGroup is a CodeArtifact package group with origin controls: which packages it
// holds (format with namespace, a name prefix or one package; or a raw pattern) and where
// new versions of them may come from. A package belongs to the most specific group whose
// pattern matches it.
type PackageGroup struct {
	Pos  diag.Pos `yaml:"-"`
	Keys Keys     `yaml:"-"`

	// Pattern is CodeArtifact's pattern verbatim (/npm/acme/*, /pypi//acme~), the escape
	// hatch; not together with format and the keys below.
	Pattern String `yaml:"pattern"`
	// Format is the package format; without namespace, prefix and package the group holds
	// every package of the format.
	Format String `yaml:"format"`
	// Namespace is one namespace (an npm scope without "@", a maven group).
	Namespace String `yaml:"namespace"`
	// NamespacePrefix selects every namespace starting with it (maven com.acme).
	NamespacePrefix String `yaml:"namespace_prefix"`
	// Prefix selects every package whose name starts with it (in the namespace, if given).
	Prefix String `yaml:"prefix"`
	// Package selects one package (in the namespace, if given).
	Package String `yaml:"package"`

	Description String `yaml:"description"`
	Contact     String `yaml:"contact"`

	// The three origin restrictions: allow, block, allow_specific_repositories (with the
	// matching *_repositories list) or inherit (the default: the parent group's mode).
	Publish                      String    `yaml:"publish"`
	PublishRepositories          []String  `yaml:"publish_repositories"`
	ExternalUpstream             String    `yaml:"external_upstream"`
	ExternalUpstreamRepositories []String  `yaml:"external_upstream_repositories"`
	InternalUpstream             String    `yaml:"internal_upstream"`
	InternalUpstreamRepositories []String  `yaml:"internal_upstream_repositories"`
	Tags                         Tags      `yaml:"tags"`
	Silence                      []Silence `yaml:"silence"`
}
