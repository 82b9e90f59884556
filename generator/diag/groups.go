package diag

// The package-group codes (GROUP): validation of the spec's package_groups and of
// allow_external_upstream on publish grants. The lint's ORIGIN codes are package lint's.
var groupCodes = []CodeInfo{
	{"GROUP001", Error, "a package group selects no packages, or mixes pattern with format keys or selectors that cannot go together", "Give format (with one of namespace, namespace_prefix; prefix or package) or a raw pattern."},
	{"GROUP002", Error, "a package group's pattern is not valid: unknown format, namespace on a format without namespaces, missing namespace, bad ending or character, or the root group /*", "Write /FORMAT/NAMESPACE/NAME ending in $, ~ or *, as the message says."},
	{"GROUP003", Error, "two package groups have the same pattern (names compared normalised)", "Merge the groups; CodeArtifact allows one group per pattern."},
	{"GROUP004", Error, "an unknown restriction mode", "Write allow, block, allow_specific_repositories or inherit."},
	{"GROUP005", Error, "allow_specific_repositories without repositories, or repositories without allow_specific_repositories", "Give the mode and its *_repositories list together."},
	{"GROUP006", Error, "a package group's repository list names an unknown repository", "Name repositories of this spec."},
	{"GROUP007", Error, "a package group's repository list names a repository of another format", "Name repositories of the group's format."},
	{"GROUP008", Error, "a package group's description or contact is too long or has control characters", "One line of at most 1,000 characters."},
	{"GROUP009", Error, "allow_external_upstream on a grant of every package, or with a reason too short", "Remove it, or say in a sentence why the names may come from a public registry."},
}
