package output

import (
	"bufio"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/render"
)

// TestGitattributesFoldOnlyGeneratedFiles checks that .gitattributes marks as generated
// (folded in pull-request diffs) exactly the files codeartifact-gen writes in out/, so that
// a hand-written file there stays visible to reviewers.
func TestGitattributesFoldOnlyGeneratedFiles(t *testing.T) {
	f, err := os.Open("../../.gitattributes")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") || !strings.HasPrefix(fields[0], "out/") {
			continue
		}
		if slices.Contains(fields[1:], "linguist-generated=true") || slices.Contains(fields[1:], "linguist-generated") {
			got = append(got, fields[0])
		}
	}
	var want []string
	for _, name := range render.Files {
		want = append(want, "out/*/"+name)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf(".gitattributes marks %v under out/ as generated, want exactly %v (render.Files)", got, want)
	}

	// The same through git itself, when this is a git checkout.
	cmd := exec.Command("git", "check-attr", "linguist-generated", "--",
		"out/ontopix/main.tf", "out/ontopix/cross_account.tf", "out/ontopix/extra.tf", "out/ontopix/iam_override.tf", "out/ontopix/backend.tf")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Logf("git check-attr not run (%v); the patterns above were checked by parsing", err)
		return
	}
	for _, want := range []string{
		"out/ontopix/main.tf: linguist-generated: true",
		"out/ontopix/cross_account.tf: linguist-generated: true",
		"out/ontopix/extra.tf: linguist-generated: unspecified",
		"out/ontopix/iam_override.tf: linguist-generated: unspecified",
		"out/ontopix/backend.tf: linguist-generated: unspecified",
	} {
		if !strings.Contains(string(out), want+"\n") {
			t.Errorf("git check-attr says:\n%s\nwant a line %q", out, want)
		}
	}
}
