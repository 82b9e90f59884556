//go:build unix

package generator

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// TestReadSpecRefusesWhatIsNotARegularFile: directories, named pipes and devices, named
// directly or through a symbolic link, are refused with LIMIT001 before any byte is read
// and without waiting for a writer; a link to a regular file is read.
func TestReadSpecRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	regular := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(regular, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := func(name, target string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]string{
		"directory":       dir,
		"fifo":            fifo,
		"link to fifo":    link("fifo-link.yaml", fifo),
		"link to dir":     link("dir-link.yaml", dir),
		"link to device":  link("zero.yaml", "/dev/zero"),
		"device":          "/dev/null",
		"terminal device": "/dev/tty",
	}
	for name, path := range cases {
		if _, err := os.Stat(path); err != nil {
			t.Logf("%s: %v; skipped", name, err)
			continue
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			src, ds, err := ReadSpec(path)
			switch {
			case err != nil:
				t.Errorf("%s: error %v, want a LIMIT001 diagnostic", name, err)
			case src != nil || len(ds) != 1 || ds[0].Code != NotRegularFile || !strings.Contains(ds[0].Summary, "not a regular file"):
				t.Errorf("%s: got %q, %v; want one LIMIT001 diagnostic", name, src, ds)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: ReadSpec blocked", name)
		}
	}
	src, ds, err := ReadSpec(link("spec-link.yaml", regular))
	if err != nil || ds != nil || string(src) != "version: 1\n" {
		t.Errorf("link to a regular file: %q, %v, %v", src, ds, err)
	}
	if _, _, err := ReadSpec(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("a missing file gave no error")
	}
}

// TestReadSpecReadsAtMostTheLimit: a sparse file of a gigabyte is refused with LIMIT002
// and its real size, after reading at most the limit plus one byte (reading it all would
// allocate a gigabyte); a file of exactly the limit is read whole.
func TestReadSpecReadsAtMostTheLimit(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	src, ds, err := ReadSpec(huge)
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	if err != nil || src != nil || len(ds) != 1 || ds[0].Code != spec.FileTooLarge || !strings.Contains(ds[0].Summary, "1073741824 bytes") {
		t.Fatalf("got %d bytes, %v, %v; want one LIMIT002 diagnostic naming 1073741824 bytes", len(src), ds, err)
	}
	if grown := after.Maxrss - before.Maxrss; grown > 64<<10 { // kilobytes on Linux
		t.Errorf("peak memory grew by %d KiB reading a refused file", grown)
	}
	exact := filepath.Join(dir, "exact.yaml")
	if err := os.WriteFile(exact, make([]byte, spec.MaxFileSize), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, ds, err := ReadSpec(exact); err != nil || ds != nil || len(src) != spec.MaxFileSize {
		t.Errorf("a file of exactly the limit: %d bytes, %v, %v", len(src), ds, err)
	}
}
