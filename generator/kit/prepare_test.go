package kit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrepare: a block file is the whole file when there is none, replaces its block in a
// file that has one (keeping every line around it), is appended with merge, and otherwise
// comes back as a patch; an XML configuration written by hand always comes back as a patch.
func TestPrepare(t *testing.T) {
	m := load(t, everyFormat)
	npm, err := Render(m, Request{Roles: []string{"ci"}, Tool: NPM})
	if err != nil {
		t.Fatal(err)
	}
	block := string(fileOf(t, npm, ".npmrc"))
	dir := t.TempDir()
	write := func(path, content string) {
		t.Helper()
		p := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// No file: the block alone.
	files, err := Prepare(dir, npm, false)
	if err != nil || string(fileOf(t, &Kit{Files: files}, ".npmrc")) != block {
		t.Fatalf("no .npmrc: %v", err)
	}
	// A hand-written file without a block: a patch that only adds lines, unless merge.
	write(".npmrc", "save-exact=true")
	_, err = Prepare(dir, npm, false)
	var hand *HandWrittenError
	if !errors.As(err, &hand) || len(hand.Patches) != 1 || !hand.Patches[0].Merge {
		t.Fatalf("hand-written .npmrc: %v", err)
	}
	for _, l := range strings.Split(hand.Patches[0].Diff, "\n") {
		if strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---") {
			t.Errorf("the patch removes a line: %q", l)
		}
	}
	files, err = Prepare(dir, npm, true)
	if err != nil || string(fileOf(t, &Kit{Files: files}, ".npmrc")) != "save-exact=true\n"+block {
		t.Fatalf("merge: %v\n%s", err, fileOf(t, &Kit{Files: files}, ".npmrc"))
	}
	if _, err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	// A file with the block: only the block changes, with or without merge.
	write(".npmrc", "a=1\n"+strings.Replace(block, "npm-internal", "old-repo", -1)+"b=2\n")
	files, err = Prepare(dir, npm, false)
	if err != nil || string(fileOf(t, &Kit{Files: files}, ".npmrc")) != "a=1\n"+block+"b=2\n" {
		t.Fatalf("block update: %v", err)
	}
	if _, err := Write(dir, files); err != nil {
		t.Fatalf("the output layer refuses a block update: %v", err)
	}
	// An unterminated block is the user's to fix.
	write(".npmrc", "a=1\n"+strings.SplitAfter(block, "\n")[0])
	if _, err := Prepare(dir, npm, true); err == nil || !strings.Contains(err.Error(), "no end marker") {
		t.Errorf("unterminated block: %v", err)
	}
	// XML cannot take an appended block: a hand-written nuget.config is a patch, even with
	// merge, and the output layer would refuse to replace it.
	nuget, err := Render(m, Request{Roles: []string{"ci"}, Tool: NuGet})
	if err != nil {
		t.Fatal(err)
	}
	write("nuget.config", "<configuration/>\n")
	if _, err := Prepare(dir, nuget, true); !errors.As(err, &hand) || hand.Patches[0].Merge || hand.Patches[0].Path != "nuget.config" {
		t.Errorf("hand-written nuget.config: %v", err)
	}
	if _, err := Write(dir, nuget.Files); err == nil {
		t.Error("Write replaced a hand-written nuget.config")
	}
}

// fileOf returns the content of the kit's file at path.
func fileOf(t *testing.T, k *Kit, path string) []byte {
	t.Helper()
	for _, f := range k.Files {
		if f.Path == path {
			return f.Content
		}
	}
	t.Fatalf("no %s among %d files", path, len(k.Files))
	return nil
}
