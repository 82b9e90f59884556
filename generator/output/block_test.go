package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A family with a Block writes a file without its header only when nothing outside the
// block changes: adding the block at the end, or replacing it in place.
func TestFamilyWriteBlock(t *testing.T) {
	dir := t.TempDir()
	f := Family{Tool: "t", Header: "# made by t ", Block: &Block{Begin: ">>> t", End: "<<< t <<<"}}
	path := filepath.Join(dir, "conf")
	mine := "mine=1\n"
	os.WriteFile(path, []byte(mine), 0o644)
	block := "# >>> t\nx=1\n# <<< t <<<\n"
	for _, c := range []struct {
		name, content string
		ok            bool
	}{
		{"append the block", mine + block, true},
		{"replace the block", mine + "# >>> t\nx=2\n# <<< t <<<\n", true},
		{"change a line of the user's", "mine=2\n# >>> t\nx=2\n# <<< t <<<\n", false},
		{"drop the block", mine, false},
		{"two blocks", mine + block + block, false},
	} {
		_, err := f.Write(dir, []File{{Path: "conf", Content: []byte(c.content)}})
		var foreign *ForeignFileError
		if c.ok != (err == nil) || !c.ok && !errors.As(err, &foreign) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// Compare sees the file as the family's, and an orphaned block as orphaned.
	changes, err := f.Compare(dir, nil, []string{"conf", "absent"})
	if err != nil || len(changes) != 1 || changes[0].Kind != Orphaned {
		t.Errorf("Compare: %+v %v", changes, err)
	}
}
