package diag

// The IMPORT family: the spec's adopt section (IMPORT001-IMPORT009) and what
// codeartifact-gen import reports about the Terraform it reads (IMPORT020 onwards), kept
// apart from codes.go so that the family reads together.
var importCodes = []CodeInfo{
	{"IMPORT001", Error, "an adopt entry without exactly one of from and import: true", "Give from (the resource's address today) or import: true (it exists in AWS, in no state)."},
	{"IMPORT002", Error, "an adopt entry without exactly one subject", "Name one resource: domain, repository, policy, role, role with policy (the attachment) or oidc_provider: true."},
	{"IMPORT003", Error, "an adopt entry names a resource the spec does not render", "Add the resource to the spec or remove the entry."},
	{"IMPORT004", Error, "an adopt entry's from is not a root-module resource address of the subject's type", "Write the address as terraform state list prints it: TYPE.NAME, TYPE.NAME[0] or TYPE.NAME[\"key\"]."},
	{"IMPORT005", Error, "a resource or an address adopted twice", "Keep one entry: one object cannot move to two addresses."},
	{"IMPORT006", Error, "a resource both adopted and renamed (previous_name)", "Adopt it under its current address, or drop previous_name."},
	{"IMPORT020", Error, "the Terraform configuration cannot be read or evaluated", "Fix the file, or give the var file it is applied with (-var-file)."},
	{"IMPORT021", Error, "the configuration holds no CodeArtifact domain, or more than one", "Import one root with one aws_codeartifact_domain; split the others into their own specs."},
	{"IMPORT022", Warning, "a resource or block the spec cannot represent: it is not imported, and Terraform destroys it when its file is removed", "Keep it in a hand-written file (hand_written) or remove it from the state with a removed block."},
	{"IMPORT023", Warning, "a trust policy condition the spec renders differently: the render widens or narrows who can assume the role", "Read the detail; edit the spec's trust rules if the render is not what the role should admit."},
	{"IMPORT024", Warning, "a permissions policy statement the spec renders differently: the render widens or narrows what the role can do", "Read the detail; edit the spec's policies if the render is not what they should allow."},
	{"IMPORT025", Warning, "an OIDC provider setting the spec renders differently or that does not do what it seems to", "Read the detail; nothing is changed without a line in this report."},
	{"IMPORT026", Error, "the spec that import built does not validate", "Edit the written spec, or the Terraform, and import again."},
	{"IMPORT027", Warning, "a repository whose format the configuration does not tell: written as generic", "Set the repository's format in the spec."},
	{"IMPORT028", Warning, "a resource the configuration declares and the given state does not hold: adopted with an import block", "Check that it exists in AWS; if it does not, the plan stops at the import."},
}
