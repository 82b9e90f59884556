package schema

import "github.com/ontopix/codeartifact-gen/generator/aws"

// groupDocs adds the documentation and constraints of package groups
// (dependency-substitution protection), kept apart from docs.go so that the section's keys
// read together (see tables).
func groupDocs() {
	typeDocs["PackageGroup"] = doc{"Package group",
		"A CodeArtifact package group with origin controls: the packages it holds (format with namespace, namespace_prefix, prefix or package; or a raw pattern) and where new versions of them may come from. A package belongs to the most specific group that matches it. Rendered as awscc_codeartifact_package_group (hashicorp/awscc)."}
	restriction := func(what string) doc {
		return doc{what, "May new versions " + map[string]string{
			"Publish":           "be published directly",
			"External upstream": "come from public registries through external connections",
			"Internal upstream": "be retained from upstream repositories of the domain",
		}[what] + "? allow, block, allow_specific_repositories (with the list below) or inherit (the parent group's mode; the default)."}
	}
	list := func(key string) doc {
		return doc{"Repositories", "The repositories " + key + ": allow_specific_repositories lets in: names of repositories of this spec, of the group's format."}
	}
	for id, d := range map[string]doc{
		"File.PackageGroups": {"Package groups",
			"Package groups with origin controls, to keep internal names from being fed by public registries (dependency substitution). Publish grants that name namespaces or packages of a repository that reaches a public registry get a group blocking external upstreams by default."},
		"PublishGrant.AllowExternalUpstream": {"Allow external upstream",
			"Opt the grant's namespaces and packages out of the package group that protection by default adds (external_upstream: block); the value is the reason, in a sentence."},
		"PackageGroup.Pattern": {"Pattern",
			"CodeArtifact's pattern verbatim, the escape hatch: /npm/acme/*, /maven/com.acme~, /pypi//acme~, /maven/org.acme/core$. Not with format and the keys that go with it."},
		"PackageGroup.Format":                       {"Format", "The package format; alone, the group holds every package of the format."},
		"PackageGroup.Namespace":                    {"Namespace", "One namespace: an npm scope without @, a maven group, a swift scope. Formats without namespaces (pypi, nuget, ruby, cargo) have none."},
		"PackageGroup.NamespacePrefix":              {"Namespace prefix", "Every namespace starting with this text (maven com.acme covers com.acme.core); not with namespace, prefix or package."},
		"PackageGroup.Prefix":                       {"Name prefix", "Every package whose name starts with this text, in the namespace if one is given; PyPI, NuGet and Swift names are normalised."},
		"PackageGroup.Package":                      {"Package", "One package, in the namespace if one is given; PyPI, NuGet and Swift names are normalised."},
		"PackageGroup.Description":                  {"Description", "What the group holds, for people reading the console."},
		"PackageGroup.Contact":                      {"Contact", "Who owns the names of the group (contact_info)."},
		"PackageGroup.Publish":                      restriction("Publish"),
		"PackageGroup.ExternalUpstream":             restriction("External upstream"),
		"PackageGroup.InternalUpstream":             restriction("Internal upstream"),
		"PackageGroup.PublishRepositories":          list("publish"),
		"PackageGroup.ExternalUpstreamRepositories": list("external_upstream"),
		"PackageGroup.InternalUpstreamRepositories": list("internal_upstream"),
		"PackageGroup.Tags":                         {"Tags", "Tags of the group; merged over the domain's tags."},
		"PackageGroup.Silence":                      {"Silence", "Accept lint warnings on this group (ORIGIN003, ORIGIN004), each with a written reason."},
	} {
		docs[id] = d
	}
	modes := constraint{enum: []string{"allow", "block", "allow_specific_repositories", "inherit"}}
	constraints["PackageGroup.Publish"] = modes
	constraints["PackageGroup.ExternalUpstream"] = modes
	constraints["PackageGroup.InternalUpstream"] = modes
	constraints["PackageGroup.Format"] = constraint{enum: aws.Formats}
	constraints["PackageGroup.Description"] = constraint{maxLength: aws.PackageGroupTextMax}
	constraints["PackageGroup.Contact"] = constraint{maxLength: aws.PackageGroupTextMax}
	constraints["PackageGroup.Tags"] = tags
}
