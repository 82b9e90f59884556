package kit

// Diagnostic codes of the kit (KIT0xx). Their meaning and fix are in diag.Catalogue; a code
// never changes meaning.
const (
	CodeTool            = "KIT001" // --tool missing or unknown
	CodeFormat          = "KIT002" // the tool does not use the repository's format
	CodeRoles           = "KIT003" // --role missing, unknown, or two for one workflow
	CodeRolePurpose     = "KIT004" // a role that cannot do its job (read-only role for a release, ...)
	CodeRepository      = "KIT005" // no usable repository, an unusable one, or several to choose from
	CodeTrust           = "KIT006" // a job's token is refused by its role's trust policy
	CodeEnvironment     = "KIT007" // the environment is ambiguous or a pattern
	CodeLiteral         = "KIT008" // a value that cannot be written into a workflow
	CodeDomainOwner     = "KIT009" // the domain owner's account is needed, or --domain-owner is malformed
	CodeDependencies    = "KIT010" // no read-only role for the release's dependencies job
	CodePublisherAdmits = "KIT011" // a role that can publish admits the token of a job that runs third-party code
	CodeHandWritten     = "KIT012" // a hand-written configuration file lacks the kit's block
	CodeAppRepo         = "KIT013" // --app-repo is not OWNER/NAME
)
