package kit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/output"
)

// Files is the output family of the files the kit renders: they start with HeaderPrefix
// (or its XML and "//" forms), and a file that does not is refused (an
// *output.ForeignFileError naming this family) unless only the kit's marked block of it
// changes (Prepare merges blocks).
var Files = output.Family{
	Tool:         "codeartifact-gen kit",
	Header:       HeaderPrefix + " ",
	Fix:          "Move it away, or merge by hand what the kit prints without --out.",
	OtherHeaders: []string{"<!-- " + strings.TrimPrefix(HeaderPrefix, "# ") + " ", "/" + "/ " + strings.TrimPrefix(HeaderPrefix, "# ") + " "},
	Block:        &output.Block{Begin: ">>> " + BlockMarker, End: "<<< " + BlockMarker + " <<<"},
}

// Written is the outcome of Write for one file.
type Written = output.Written

// Write puts the files under dir through the output layer (Files.Write): it first checks
// every file and writes nothing when one of them exists without the kit's header (an
// *output.ForeignFileError), unless only the kit's block of that file changes; each changed
// file is replaced atomically.
func Write(dir string, files []File) ([]Written, error) { return Files.Write(dir, files) }

// Compare compares the files with what lies under dir (Files.Compare): the changes, with an
// Orphaned one for each file the kit renders for some tool that is under dir, belongs to
// the kit, and is not among files.
func Compare(dir string, files []File) ([]output.Change, error) {
	return Files.Compare(dir, files, KnownPaths())
}

// KnownPaths returns every path a kit renders for some tool or target, sorted.
func KnownPaths() []string {
	paths := []string{TaskfilePath, CIWorkflowPath, ReleasePath}
	for _, t := range toolTable() {
		for _, c := range t.Configs {
			paths = append(paths, c.Path)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// HandWrittenError reports configuration files under the output directory that were
// written by hand and that the kit would change: Patches has, for each, the unified diff
// that brings the kit's configuration into it. Nothing was written.
type HandWrittenError struct {
	Patches []Patch
}

// Patch is the change the kit would make to a hand-written file.
type Patch struct {
	Path string
	// Merge is true when --merge would apply the patch: it appends the kit's marked block
	// and changes no line of the file. A file whose syntax does not allow that (XML) is
	// merged by hand.
	Merge bool
	Diff  string
}

func (e *HandWrittenError) Error() string {
	var paths []string
	for _, p := range e.Patches {
		paths = append(paths, p.Path)
	}
	return fmt.Sprintf("%s written by hand; nothing was written", strings.Join(paths, ", "))
}

// Prepare returns the files of k as they are to be written under dir: a file rendered as a
// marked block (Kit.Blocks) replaces the block of the file on disk, is appended to a
// hand-written file that has none when merge is true, or is the whole file when there is
// none. It returns a *HandWrittenError, with the patch of each, when a hand-written file
// would change otherwise: a block file without a block and merge false, or a whole
// configuration file (XML) that exists without the kit's header.
func Prepare(dir string, k *Kit, merge bool) ([]File, error) {
	var out []File
	var patches []Patch
	for _, f := range k.Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, f)
			continue
		case err != nil:
			return nil, err
		}
		block := slices.Contains(k.Blocks, f.Path)
		switch {
		case block:
			_, existing, err := Files.Block.Split(old)
			if err != nil {
				return nil, fmt.Errorf("%s: %v; fix the markers %s by hand", path, err, Files.Block)
			}
			merged, err := Files.Block.Replace(old, f.Content)
			if err != nil {
				return nil, err
			}
			if existing == nil && !merge {
				patches = append(patches, Patch{Path: f.Path, Merge: true, Diff: output.UnifiedDiff("a/"+f.Path, "b/"+f.Path, old, merged)})
				continue
			}
			out = append(out, File{Path: f.Path, Content: merged})
		case !Files.Owns(old) && isConfig(f.Path):
			patches = append(patches, Patch{Path: f.Path, Diff: output.UnifiedDiff("a/"+f.Path, "b/"+f.Path, old, f.Content)})
		default:
			out = append(out, f)
		}
	}
	if len(patches) > 0 {
		return nil, &HandWrittenError{Patches: patches}
	}
	return out, nil
}

// isConfig reports whether path is a tool's configuration file.
func isConfig(path string) bool {
	return !slices.Contains([]string{TaskfilePath, CIWorkflowPath, ReleasePath}, path)
}
