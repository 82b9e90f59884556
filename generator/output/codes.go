package output

// Diagnostic codes of output problems (OUT0xx). Their meaning and fix are in
// diag.Catalogue; a code never changes meaning.
const (
	// CodeChanged: check found a generated file whose content differs from the render.
	CodeChanged = "OUT001"
	// CodeMissing: check found a rendered file that is not on disk.
	CodeMissing = "OUT002"
	// CodeOrphaned: check found a generated file the spec no longer renders.
	CodeOrphaned = "OUT003"
	// CodeForeignFile: a rendered file would replace a file that has no generated header.
	CodeForeignFile = "OUT004"
	// CodeWriteFailed: reading or writing a file failed; nothing more was written.
	CodeWriteFailed = "OUT005"
)

// Code returns the diagnostic code of a stale file of kind k: OUT001 to OUT003, or ""
// for Unchanged.
func (k Kind) Code() string {
	switch k {
	case Changed:
		return CodeChanged
	case Missing:
		return CodeMissing
	case Orphaned:
		return CodeOrphaned
	}
	return ""
}
