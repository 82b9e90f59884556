package aws

import (
	"slices"
	"strings"
)

// Format holds the facts about one CodeArtifact package format that the generator relies
// on. Adding a format is one row of formatTable (plus a golden case that uses it); every
// stage reads the row through the functions below. The repository endpoint has the same
// shape for every format, https://DOMAIN-OWNER.d.codeartifact.REGION.SUFFIX/FORMAT/REPO/
// (AWS CLI, codeartifact get-repository-endpoint), so it has no column.
type Format struct {
	Name string // the format as CodeArtifact and the spec write it
	// ExternalConnections are the public external connections that serve the format,
	// sorted (AssociateExternalConnection in the botocore codeartifact model).
	ExternalConnections []string
	// Namespace is what the format calls a package namespace ("scope", "group"), or ""
	// when its packages have an empty namespace, so their package ARNs hold "//"
	// (CodeArtifact User Guide, "Grant write access to packages").
	Namespace string
	// NamespaceRequired: every package of the format has a namespace.
	NamespaceRequired bool
	// NamespaceSigil is a prefix the format's tools write before a namespace but
	// CodeArtifact does not store ("@" of an npm scope), or "".
	NamespaceSigil string
	// Normalize returns a package name as CodeArtifact stores it, and so as it must appear
	// in a package ARN; nil keeps names unchanged.
	Normalize func(string) string
	// PutsMetadata: publishing also calls PutPackageMetadata. Maven publishing requires it
	// (User Guide, "Grant write access to packages"); npm's dist-tag and deprecate change
	// package metadata [inferred, not documented by AWS].
	PutsMetadata bool
}

// formatTable is CodeArtifact's package formats (botocore codeartifact PackageFormat enum),
// sorted by name. Name normalisation: User Guide, python-name-normalization (PEP 503) and
// nuget-name-normalization.
var formatTable = []Format{
	{Name: "cargo", ExternalConnections: []string{"public:crates-io"}},
	{Name: "generic", Namespace: "namespace"},
	{Name: "maven", ExternalConnections: []string{"public:maven-central", "public:maven-clojars", "public:maven-commonsware", "public:maven-googleandroid", "public:maven-gradleplugins"},
		Namespace: "group", NamespaceRequired: true, PutsMetadata: true},
	{Name: "npm", ExternalConnections: []string{"public:npmjs"}, Namespace: "scope", NamespaceSigil: "@", PutsMetadata: true},
	{Name: "nuget", ExternalConnections: []string{"public:nuget-org"}, Normalize: strings.ToLower},
	{Name: "pypi", ExternalConnections: []string{"public:pypi"}, Normalize: func(s string) string { return pep503(strings.ToLower(s)) }},
	{Name: "ruby", ExternalConnections: []string{"public:ruby-gems-org"}},
	{Name: "swift", Namespace: "scope", NamespaceRequired: true},
}

// Formats are the names of CodeArtifact's package formats, sorted.
var Formats = func() []string {
	names := make([]string, len(formatTable))
	for i, f := range formatTable {
		names[i] = f.Name
	}
	return names
}()

// LookupFormat returns the row of a format, and false for a name CodeArtifact does not know.
func LookupFormat(name string) (Format, bool) {
	i := slices.IndexFunc(formatTable, func(f Format) bool { return f.Name == name })
	if i < 0 {
		return Format{}, false
	}
	return formatTable[i], true
}

// ExternalConnectionFormat returns the format served by the named external connection, and
// false when AWS has no external connection of that name.
func ExternalConnectionFormat(name string) (string, bool) {
	for _, f := range formatTable {
		if slices.Contains(f.ExternalConnections, name) {
			return f.Name, true
		}
	}
	return "", false
}

// ExternalConnectionsFor returns the external connections valid for a format, sorted (a
// new slice; nil for swift, generic and unknown formats).
func ExternalConnectionsFor(format string) []string {
	f, _ := LookupFormat(format)
	return slices.Clone(f.ExternalConnections)
}

// HasNamespaces reports whether packages of the format live in namespaces: npm scopes,
// maven groups, swift scopes and generic namespaces.
func HasNamespaces(format string) bool {
	f, _ := LookupFormat(format)
	return f.Namespace != ""
}

// NormalizePackageName returns the package name as CodeArtifact stores it, and so as it must
// appear in a package ARN: PyPI names are normalised as PEP 503 says (lowercased, runs of
// ".", "-" and "_" replaced by "-"); NuGet names are lowercased; other formats are unchanged.
func NormalizePackageName(format, name string) string {
	if f, _ := LookupFormat(format); f.Normalize != nil {
		return f.Normalize(name)
	}
	return name
}

// PublishActions returns the least-privilege actions to publish packages of a format:
// PublishPackageVersion for every format, and PutPackageMetadata where publishing uses it
// (Format.PutsMetadata).
func PublishActions(format string) []string {
	if f, _ := LookupFormat(format); f.PutsMetadata {
		return []string{"codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"}
	}
	return []string{"codeartifact:PublishPackageVersion"}
}
