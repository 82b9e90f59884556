package output

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCompareWithoutCopy: Compare decides unchanged and changed files by their bytes
// whatever their sizes around the 64 KiB comparison buffer, and returns the file's own
// content (not the rendered one) for a file that differs.
func TestCompareWithoutCopy(t *testing.T) {
	header := []byte(HeaderPrefix + "specs/x.yaml. DO NOT EDIT.\n")
	grow := func(n int) []byte {
		b := append([]byte{}, header...)
		for i := 0; len(b) < n; i++ {
			b = append(b, byte('a'+i%26))
		}
		return b[:n]
	}
	flip := func(b []byte, i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 1
		return c
	}
	for _, size := range []int{len(header), 100, 64<<10 - 1, 64 << 10, 64<<10 + 1, 3 * 64 << 10, 200_000} {
		rendered := grow(size)
		cases := []struct {
			name string
			disk []byte
			want Kind
		}{
			{"same", rendered, Unchanged},
			{"last byte differs", flip(rendered, size-1), Changed},
			{"middle byte differs", flip(rendered, max(size/2, len(header)-2)), Changed},
			{"one byte shorter", rendered[:size-1], Changed},
			{"one byte longer", append(bytes.Clone(rendered), 'z'), Changed},
		}
		for _, c := range cases {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), c.disk, 0o644); err != nil {
				t.Fatal(err)
			}
			changes, err := Compare(dir, map[string][]byte{"main.tf": rendered})
			if err != nil {
				t.Fatalf("size %d, %s: %v", size, c.name, err)
			}
			if len(changes) != 1 || changes[0].Kind != c.want {
				t.Fatalf("size %d, %s: got %v, want one %v", size, c.name, changes, c.want)
			}
			if !bytes.Equal(changes[0].Old, c.disk) {
				t.Errorf("size %d, %s: Old is not the file's content", size, c.name)
			}
		}
	}
}

// TestCompareRefusesForeignFileOfSameSize: a hand-written file is never taken for an
// up-to-date one, even at the rendered file's exact size.
func TestCompareRefusesForeignFileOfSameSize(t *testing.T) {
	dir := t.TempDir()
	rendered := []byte(HeaderPrefix + "specs/x.yaml. DO NOT EDIT.\n")
	foreign := bytes.Repeat([]byte("#"), len(rendered))
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), foreign, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Compare(dir, map[string][]byte{"main.tf": rendered}); err == nil {
		t.Fatal("a foreign file of the same size was not refused")
	}
}
