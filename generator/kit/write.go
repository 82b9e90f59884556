package kit

import "github.com/ontopix/codeartifact-gen/generator/output"

// Files is the output family of the files the kit renders: they start with HeaderPrefix,
// and a file that does not is refused (an *output.ForeignFileError naming this family).
var Files = output.Family{
	Tool:   "codeartifact-gen kit",
	Header: HeaderPrefix + " ",
	Fix:    "Move it away, or merge by hand what the kit prints without --out.",
}

// Written is the outcome of Write for one file.
type Written = output.Written

// Write puts the files under dir through the output layer (Files.Write): it first checks
// every file and writes nothing when one of them exists without the kit's header (an
// *output.ForeignFileError); each changed file is replaced atomically.
func Write(dir string, files []File) ([]Written, error) { return Files.Write(dir, files) }
