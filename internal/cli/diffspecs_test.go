package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes the working directory (a workspace) a git repository with one commit of
// everything in it.
func gitRepo(t *testing.T) func(args ...string) {
	t.Helper()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	return git
}

// TestDiffEverySpec: with no OLD NEW and no --spec, diff covers every spec of both sides,
// including deleted, added and renamed spec files (issue 9, leaks 1 and 6). Each scenario
// is a golden file per format.
func TestDiffEverySpec(t *testing.T) {
	base, err := os.ReadFile("../../testdata/diff/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	goldenDir, err := filepath.Abs("../../testdata/cli")
	if err != nil {
		t.Fatal(err)
	}
	second := bytes.Replace(base, []byte("name: acme\n"), []byte("name: second\n"), 1)
	scenarios := []struct {
		name   string
		change func(t *testing.T)
		args   []string
		code   int
	}{
		{"deleted", func(t *testing.T) { os.Remove("specs/second.yaml") }, nil, ExitFailOn},
		{"deleted-base", func(t *testing.T) { os.Remove("specs/second.yaml") }, []string{"--base", "HEAD"}, ExitFailOn},
		{"deleted-named", func(t *testing.T) { os.Remove("specs/second.yaml") }, []string{"--base", "HEAD", "--spec", "specs/second.yaml"}, ExitFailOn},
		{"renamed", func(t *testing.T) { os.Rename("specs/second.yaml", "specs/two.yaml") }, nil, ExitOK},
		{"added", func(t *testing.T) {
			writeFile(t, "specs/third.yaml", bytes.Replace(base, []byte("name: acme\n"), []byte("name: third\n"), 1))
		}, nil, ExitFailOn}, // a new spec adds roles: widened
		{"two-changed", func(t *testing.T) {
			writeFile(t, "specs/first.yaml", bytes.Replace(base, []byte(`tags: ["v*"]`), []byte(`tags: ["v*"]`+"\n        branches: [main]"), 1))
			writeFile(t, "specs/second.yaml", bytes.Replace(second, []byte("  - name: scratch\n    format: generic\n    prevent_destroy: false\n"), nil, 1))
		}, nil, ExitFailOn},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, "specs/first.yaml", base)
			writeFile(t, "specs/second.yaml", second)
			gitRepo(t)
			sc.change(t)
			for _, format := range []string{"text", "markdown", "github"} {
				args := append([]string{"diff", "--fail-on", "widened,destructive", "--format", format}, sc.args...)
				code, out, errOut := run(t, args...)
				if code != sc.code {
					t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", format, code, sc.code, out, errOut)
				}
				compareGolden(t, filepath.Join(goldenDir, "diff-every-spec-"+sc.name+"-"+format+".golden"), []byte(out))
			}
		})
	}
}

// TestDiffEverySpecDeletedIsDestructive checks the classification itself, independently
// of the golden text: a deleted spec destroys its domain and every repository.
func TestDiffEverySpecDeletedIsDestructive(t *testing.T) {
	workspace(t)
	writeFile(t, "specs/second.yaml", mustRead(t, "specs/ontopix.yaml"))
	gitRepo(t)
	os.Remove("specs/second.yaml")
	code, out, errOut := run(t, "diff", "--format", "json", "--fail-on", "destructive")
	if code != ExitFailOn {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, ExitFailOn, out, errOut)
	}
	for _, want := range []string{`"kind": "spec.deleted"`, `"kind": "domain.removed"`, `"kind": "repository.removed"`, `"old": "HEAD:specs/second.yaml"`, `"old": "HEAD:specs/ontopix.yaml"`} {
		if !strings.Contains(out, want) {
			t.Errorf("json lacks %s:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "the change is destructive") {
		t.Errorf("stderr: %s", errOut)
	}
}
