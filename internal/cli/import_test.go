package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportWritesTheSpecOnce: import writes the spec with its header and the findings on
// standard error; run again it leaves the file unchanged; a file it did not write is
// refused (exit 2) and left as it was; a configuration that cannot be evaluated writes
// nothing (exit 1); gen then renders the spec, moved blocks included.
func TestImportWritesTheSpecOnce(t *testing.T) {
	layout, err := filepath.Abs("../../testdata/import/count-single-file")
	if err != nil {
		t.Fatal(err)
	}
	workspace(t)
	args := []string{"import", filepath.Join(layout, "terraform"), "--out", "specs/globex.yaml", "--var-file", filepath.Join(layout, "prod.tfvars")}
	code, stdout, stderr := run(t, args...)
	if code != ExitOK || stdout != "wrote specs/globex.yaml\n" {
		t.Fatalf("import: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "warning[IMPORT023]") || !strings.Contains(stderr, "This WIDENS access") {
		t.Errorf("the widening under StringEquals is not reported:\n%s", stderr)
	}
	spec := mustRead(t, "specs/globex.yaml")
	if !strings.HasPrefix(string(spec), "# Written by codeartifact-gen import from ") {
		t.Errorf("no header:\n%s", spec)
	}
	if code, stdout, _ = run(t, args...); code != ExitOK || stdout != "unchanged specs/globex.yaml\n" {
		t.Errorf("second import: exit %d, %q", code, stdout)
	}

	writeFile(t, "specs/mine.yaml", []byte("# my own spec\n"))
	mine := append(args[:3:3], "specs/mine.yaml", "--var-file", filepath.Join(layout, "prod.tfvars"))
	if code, _, stderr = run(t, mine...); code != ExitUsage || !strings.Contains(stderr, "OUT004") && !strings.Contains(stderr, "refus") {
		t.Errorf("overwriting a foreign file: exit %d, %s", code, stderr)
	}
	if got := string(mustRead(t, "specs/mine.yaml")); got != "# my own spec\n" {
		t.Errorf("the foreign file was changed: %q", got)
	}

	// Without the var file, var.region and var.release_roles have no value.
	code, _, stderr = run(t, "import", filepath.Join(layout, "terraform"), "--out", "specs/none.yaml")
	if code != ExitSpec || !strings.Contains(stderr, "error[IMPORT020]: variable region has no value") {
		t.Errorf("import without values: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat("specs/none.yaml"); !os.IsNotExist(err) {
		t.Errorf("a spec was written for a configuration import could not evaluate: %v", err)
	}

	if code, stdout, stderr = run(t, "gen", "--spec", "specs/globex.yaml"); code != ExitOK {
		t.Fatalf("gen of the imported spec: exit %d %s %s", code, stdout, stderr)
	}
	if iam := string(mustRead(t, "out/globex/iam.tf")); !strings.Contains(iam, "moved {\n  from = aws_iam_role.release[0]\n  to   = aws_iam_role.release_api\n}") {
		t.Errorf("iam.tf lacks the role's moved block:\n%s", iam)
	}
}
