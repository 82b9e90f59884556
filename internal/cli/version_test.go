package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	vcs := func(rev, time, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: time},
			{Key: "vcs.modified", Value: modified},
		}
	}
	for _, tt := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"release", &debug.BuildInfo{
			GoVersion: "go1.26.8",
			Main:      debug.Module{Path: "github.com/ontopix/codeartifact-gen", Version: "v1.2.3"},
			Settings:  vcs("0123456789abcdef0123456789abcdef01234567", "2026-11-29T22:00:00Z", "false"),
		}, "codeartifact-gen v1.2.3\n" +
			"revision: 0123456789abcdef0123456789abcdef01234567\n" +
			"time:     2026-11-29T22:00:00Z\n" +
			"go:       go1.26.8 linux/arm64\n"},
		{"dirty checkout", &debug.BuildInfo{
			GoVersion: "go1.26.8",
			Main:      debug.Module{Path: "github.com/ontopix/codeartifact-gen", Version: "v0.0.0-20261129220000-0123456789ab+dirty"},
			Settings:  vcs("0123456789abcdef0123456789abcdef01234567", "2026-11-29T22:00:00Z", "true"),
		}, "codeartifact-gen v0.0.0-20261129220000-0123456789ab+dirty\n" +
			"revision: 0123456789abcdef0123456789abcdef01234567 (modified: built with uncommitted changes)\n" +
			"time:     2026-11-29T22:00:00Z\n" +
			"go:       go1.26.8 linux/arm64\n"},
		{"go install pkg@version (no VCS)", &debug.BuildInfo{
			GoVersion: "go1.26.8",
			Main:      debug.Module{Path: "github.com/ontopix/codeartifact-gen", Version: "v1.2.3"},
		}, "codeartifact-gen v1.2.3\n" +
			"revision: not recorded (built outside a VCS checkout, or with -buildvcs=false)\n" +
			"go:       go1.26.8 linux/arm64\n"},
		{"no build information", nil, "codeartifact-gen (unknown)\n" +
			"revision: not recorded (built outside a VCS checkout, or with -buildvcs=false)\n" +
			"go:       " + runtime.Version() + " linux/arm64\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionText(tt.info, "linux/arm64"); got != tt.want {
				t.Errorf("versionText:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestVersionCommand: `version` and `--version` print the same text on stdout and exit 0;
// arguments are refused.
func TestVersionCommand(t *testing.T) {
	code, out, errOut := run(t, "version")
	if code != ExitOK || errOut != "" || !strings.HasPrefix(out, "codeartifact-gen ") || !strings.Contains(out, "\ngo:       "+runtime.Version()+" ") {
		t.Fatalf("version: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code2, out2, _ := run(t, "--version")
	if code2 != ExitOK || out2 != out {
		t.Errorf("--version: exit %d, stdout %q; want the output of version %q", code2, out2, out)
	}
	if code, _, _ := run(t, "version", "extra"); code != ExitUsage {
		t.Errorf("version extra: exit %d, want %d", code, ExitUsage)
	}
}

// TestVersionOfBuiltBinary builds the command from a clone of this repository, as a user of
// a checkout would (go build), and checks that `version` reports the commit and the dirty state:
// clean first, then "(modified)" and a "+dirty" version after a tracked file is changed.
// Outside a git checkout (a source archive) it checks that no revision is claimed.
func TestVersionOfBuiltBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("clones the repository and builds the binary twice")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// -buildvcs=true: the default (auto) is often turned off by GOFLAGS on build machines.
	build := func(dir string) string {
		t.Helper()
		bin := filepath.Join(t.TempDir(), "codeartifact-gen")
		cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=true", "-o", bin, "./cmd/codeartifact-gen")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build in %s: %v\n%s", dir, err, out)
		}
		out, err := exec.Command(bin, "version").Output()
		if err != nil {
			t.Fatalf("%s version: %v", bin, err)
		}
		return string(out)
	}
	git := func(dir string, args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		b, err := cmd.CombinedOutput()
		return strings.TrimSpace(string(b)), err
	}
	if _, err := git(root, "rev-parse", "HEAD"); err != nil {
		if out := build(root); !strings.Contains(out, "\nrevision: not recorded") {
			t.Errorf("outside a git checkout, version says:\n%s", out)
		}
		return
	}
	// A clone: a git worktree (.git as a file) is not recognised by go build's VCS stamping.
	clone := filepath.Join(t.TempDir(), "repo")
	if out, err := git(root, "clone", "--quiet", "--no-hardlinks", root, clone); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	head, err := git(clone, "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(build(clone), "\n")
	if !strings.HasPrefix(lines[0], "codeartifact-gen v") || strings.HasSuffix(lines[0], "+dirty") {
		t.Errorf("clean clone: first line %q, want codeartifact-gen and a module version", lines[0])
	}
	if want := "revision: " + head; lines[1] != want {
		t.Errorf("clean clone: %q, want %q", lines[1], want)
	}
	f, err := os.OpenFile(filepath.Join(clone, "go.mod"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("// a local change\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	lines = strings.Split(build(clone), "\n")
	if !strings.HasSuffix(lines[0], "+dirty") {
		t.Errorf("changed clone: first line %q, want a +dirty version", lines[0])
	}
	if want := "revision: " + head + " (modified: built with uncommitted changes)"; lines[1] != want {
		t.Errorf("changed clone: %q, want %q", lines[1], want)
	}
}
