package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Block marks the part of a hand-written file that a family may write: the lines from the
// first that contains Begin up to the next that contains End, both included. A file with
// such a block stays the user's: a family that has a Block replaces only what lies
// between its markers (Family.Write refuses any other change to a file without its header).
type Block struct{ Begin, End string }

// Split returns content without its block (the lines before and after it, joined) and
// the block itself, its marker lines included; block is nil when content holds none. It
// fails when a block is not closed, or when there are several.
func (b Block) Split(content []byte) (outside, block []byte, err error) {
	lines := bytes.SplitAfter(content, []byte("\n"))
	start, end := -1, -1
	for i, l := range lines {
		switch {
		case bytes.Contains(l, []byte(b.Begin)):
			if start >= 0 {
				return nil, nil, errors.New("it holds more than one generated block")
			}
			start = i
		case bytes.Contains(l, []byte(b.End)) && start >= 0 && end < 0:
			end = i
		}
	}
	switch {
	case start < 0:
		return content, nil, nil
	case end < 0:
		return nil, nil, errors.New("its generated block has no end marker")
	}
	outside = bytes.Join(append(slices.Clone(lines[:start]), lines[end+1:]...), nil)
	return outside, bytes.Join(lines[start:end+1], nil), nil
}

// Replace returns content with its block replaced by block (marker lines included), or
// with block appended when content has none (after a line break, so that no line of
// content changes).
func (b Block) Replace(content, block []byte) ([]byte, error) {
	lines := bytes.SplitAfter(content, []byte("\n"))
	if _, old, err := b.Split(content); err != nil {
		return nil, err
	} else if old == nil {
		out := slices.Clone(content)
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n')
		}
		return append(out, block...), nil
	}
	var out []byte
	in := false
	for _, l := range lines {
		switch {
		case !in && bytes.Contains(l, []byte(b.Begin)):
			in = true
			out = append(out, block...)
		case in && bytes.Contains(l, []byte(b.End)):
			in = false
		case !in:
			out = append(out, l...)
		}
	}
	return out, nil
}

// onlyBlockChanges reports whether new differs from old only inside the family's block:
// new holds exactly one block, and without it new is old without its block (a line break
// added at the end of old aside).
func (f Family) onlyBlockChanges(old, new []byte) bool {
	if f.Block == nil {
		return false
	}
	newOut, newBlock, err := f.Block.Split(new)
	if err != nil || newBlock == nil {
		return false
	}
	oldOut, _, err := f.Block.Split(old)
	if err != nil {
		return false
	}
	return bytes.Equal(oldOut, newOut) || bytes.Equal(append(slices.Clone(oldOut), '\n'), newOut)
}

// Compare returns one Change per file, sorted as files are (Missing, Changed or
// Unchanged), and one Orphaned change per path of others that exists under dir and
// belongs to the family (its header, or its block) without being among files. Like Write,
// it returns a *ForeignFileError for a file it would refuse to write.
func (f Family) Compare(dir string, files []File, others []string) ([]Change, error) {
	var changes []Change
	rendered := map[string]bool{}
	for _, file := range files {
		rendered[file.Path] = true
		path := filepath.Join(dir, filepath.FromSlash(file.Path))
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			changes = append(changes, Change{Path: path, Kind: Missing, New: file.Content})
		case err != nil:
			return nil, err
		case !f.Owns(old) && !f.onlyBlockChanges(old, file.Content):
			return nil, &ForeignFileError{Path: path, Family: f}
		case bytes.Equal(old, file.Content):
			changes = append(changes, Change{Path: path, Kind: Unchanged, Old: old, New: file.Content})
		default:
			changes = append(changes, Change{Path: path, Kind: Changed, Old: old, New: file.Content})
		}
	}
	for _, other := range others {
		if rendered[other] {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(other))
		old, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		owned := f.Owns(old)
		if !owned && f.Block != nil {
			_, block, err := f.Block.Split(old)
			owned = err == nil && block != nil
		}
		if owned {
			changes = append(changes, Change{Path: path, Kind: Orphaned, Old: old})
		}
	}
	return changes, nil
}

// String describes the block's markers, for messages.
func (b Block) String() string {
	return fmt.Sprintf("%q ... %q", strings.TrimSpace(b.Begin), strings.TrimSpace(b.End))
}
