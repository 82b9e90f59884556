package cli

// Diagnostic codes of the command line (CLI0xx); those of writing output (OUT0xx) are in
// package output. Their
// meaning and fix are in diag.Catalogue; a code never changes meaning.
const (
	CodeUnknownCommand     = "CLI001"
	CodeUnknownFlag        = "CLI002"
	CodeBadFlagValue       = "CLI003"
	CodeUnexpectedArgument = "CLI004"
	CodeUnreadableSpec     = "CLI005"
	CodeSpecSelection      = "CLI006"
	CodeConflictingFlags   = "CLI007"
	CodeGit                = "CLI008"
	CodeFailOn             = "CLI009"
	CodeExpectation        = "CLI010"
	CodeKitRefused         = "CLI011" // no longer emitted: kit's refusals carry their KIT0xx code
	CodeSpecHasErrors      = "CLI012"
)
