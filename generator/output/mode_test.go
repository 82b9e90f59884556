//go:build unix

package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteAtomicModes checks that a new file gets 0666 less the umask and that an
// existing file keeps its mode. The umask is process-wide, so the test does not run in
// parallel.
func TestWriteAtomicModes(t *testing.T) {
	dir := t.TempDir()
	for _, umask := range []int{0o022, 0o077, 0o002} {
		old := syscall.Umask(umask)
		path := filepath.Join(dir, "new", filepath.Base(t.Name())+string(rune('a'+umask%26))+".tf")
		err := WriteAtomic(path, []byte("x"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := mode(t, path), fs.FileMode(0o666&^umask); got != want {
			t.Errorf("umask %03o: new file has mode %v, want %v", umask, got, want)
		}
	}
	for _, perm := range []fs.FileMode{0o600, 0o640, 0o755} {
		path := filepath.Join(dir, "existing-"+perm.String()+".tf")
		if err := os.WriteFile(path, []byte("old"), perm); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, perm); err != nil {
			t.Fatal(err)
		}
		if err := WriteAtomic(path, []byte("new")); err != nil {
			t.Fatal(err)
		}
		if got := mode(t, path); got != perm {
			t.Errorf("an existing %v file became %v", perm, got)
		}
		if b, _ := os.ReadFile(path); string(b) != "new" {
			t.Errorf("content %q, want new", b)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".tf" && e.Name() != "new" {
			t.Errorf("left %s behind", e.Name())
		}
	}
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}
