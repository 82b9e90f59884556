package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Family is one kind of file codeartifact-gen generates: `gen` writes Terraform under
// out/ (Gen), `kit` writes workflows and tool configuration into other repositories. Each
// family has its own header, so that one command never overwrites a file another one
// wrote, and its own advice for a refused file.
type Family struct {
	Tool   string // the command named in a refusal: "codeartifact-gen" or "codeartifact-gen kit"
	Header string // every file of the family starts with it; no other file is touched
	Fix    string // the last sentence of a refusal: what the user does about the file
	// OtherHeaders are further headers of the family, for files whose comments Header's
	// syntax cannot start (XML, "//" languages).
	OtherHeaders []string
	// Block, when not nil, lets the family write the marked block of a file that lacks its
	// header (and nothing else of it): see Block.
	Block *Block
}

// Gen is the family of the Terraform files `gen` writes (see render.Header).
var Gen = Family{
	Tool:   "codeartifact-gen",
	Header: HeaderPrefix,
	Fix:    "Move it away or rename it, then run again.",
}

// Owns reports whether content starts with the family's header.
func (f Family) Owns(content []byte) bool {
	if bytes.HasPrefix(content, []byte(f.Header)) {
		return true
	}
	for _, h := range f.OtherHeaders {
		if bytes.HasPrefix(content, []byte(h)) {
			return true
		}
	}
	return false
}

// File is one rendered file of a family, its path relative to the directory it is
// written under ('/'-separated).
type File struct {
	Path    string
	Content []byte
}

// Written is the outcome of Family.Write for one file.
type Written struct {
	Path    string // the file's path on disk
	Changed bool   // false when the file already had this content
}

// Write puts the files under dir, creating directories as needed. It first checks every
// file and writes nothing when one of them exists without the family's header (a
// *ForeignFileError), unless the family has a Block and the new content changes only that
// block of the file. A file whose content is already the rendered one is not touched;
// each other file is replaced atomically (WriteAtomic).
func (f Family) Write(dir string, files []File) ([]Written, error) {
	out := make([]Written, 0, len(files))
	for _, file := range files {
		path := filepath.Join(dir, filepath.FromSlash(file.Path))
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, Written{Path: path, Changed: true})
		case err != nil:
			return nil, err
		case !f.Owns(old) && !f.onlyBlockChanges(old, file.Content):
			return nil, &ForeignFileError{Path: path, Family: f}
		default:
			out = append(out, Written{Path: path, Changed: !bytes.Equal(old, file.Content)})
		}
	}
	for i, file := range files {
		if out[i].Changed {
			if err := WriteAtomic(out[i].Path, file.Content); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
