// Package goldentest compares test output with a golden file, or rewrites the file under a
// test package's -update flag: one helper for the packages whose goldens are single files
// (the CLI, import, the JSON Schema). It is test-only: the command never links it.
package goldentest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/output"
)

// Compare fails tb when got differs from the golden file at path, with the unified diff
// from the file to got, or a missing file. With update set it writes got to path instead
// (creating the directory). regenerate is the command that rewrites the goldens, which the
// failure names.
func Compare(tb testing.TB, path string, got []byte, update bool, regenerate string) {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run %s)", err, regenerate)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs (%s, then review the diff):\n%s", path, regenerate, output.UnifiedDiff(path, "got", want, got))
	}
}
