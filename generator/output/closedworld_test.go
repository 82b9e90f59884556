package output_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

const base = `version: 1
domain: {name: acme, region: eu-west-1}
github: {owner: acme, oidc_provider: existing}
repositories:
`

// render writes the spec's render into dir, as gen does, and returns its diagnostics.
func render(t *testing.T, dir, src string) diag.Diagnostics {
	t.Helper()
	files, ds, err := generator.GenerateIn("specs/acme.yaml", []byte(src), dir)
	if err != nil {
		t.Fatal(err)
	}
	if files != nil {
		changes, err := output.Compare(dir, files)
		if err != nil {
			t.Fatal(err)
		}
		if err := output.Apply(changes); err != nil {
			t.Fatal(err)
		}
	}
	return ds
}

// codes lists the closed-world, removal and rename codes of ds.
func codes(ds diag.Diagnostics) string {
	var out []string
	for _, d := range ds {
		if f := diag.Family(d.Code); f == "WORLD" || f == "REMOVE" || f == "RENAME" {
			out = append(out, d.Code)
		}
	}
	return strings.Join(out, ",")
}

// TestRemovals walks a repository through the ways it can leave a spec, each against the
// previous render in the same directory.
func TestRemovals(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme")
	steps := []struct {
		name, repos, want string
	}{
		{"first render", "  - {name: legacy, format: npm}\n  - {name: keep, format: npm}\n", ""},
		{"dropped", "  - {name: keep, format: npm}\n", "REMOVE001"},
		{"renamed with acknowledgement", "  - {name: modern, format: npm, previous_name: legacy, prevent_destroy: false, acknowledge_package_loss: Only test builds lived there.}\n  - {name: keep, format: npm}\n", "RENAME002"},
		{"rename done", "  - {name: modern, format: npm}\n  - {name: keep, format: npm}\n", ""},
		{"forgotten", "  - {name: keep, format: npm}\nremoved:\n  - {repository: modern, forget: Another stack imports it.}\n", ""},
		{"forget entry dropped", "  - {name: keep, format: npm}\n", "REMOVE005"},
		{"restored", "  - {name: keep, format: npm}\n  - {name: modern, format: npm}\n", ""},
	}
	for _, s := range steps {
		ds := render(t, dir, base+s.repos)
		if got := codes(ds); got != s.want {
			t.Errorf("%s: codes %q, want %q\n%v", s.name, got, s.want, ds)
		}
	}
}

func TestReadPreviousIgnoresForeignMain(t *testing.T) {
	dir := t.TempDir()
	render(t, dir, base+"  - {name: a1, format: npm}\n")
	prev, err := output.ReadPrevious(dir)
	if err != nil || prev == nil || prev.Domain.Name != "acme" || len(prev.Repositories) != 1 || prev.Repositories[0].Name != "a1" || prev.Spec != "specs/acme.yaml" {
		t.Fatalf("ReadPrevious = %+v, %v", prev, err)
	}
	if prev, err := output.ReadPrevious(t.TempDir()); prev != nil || err != nil {
		t.Errorf("an empty directory has a previous render: %+v, %v", prev, err)
	}
}

// TestHandWrittenPackageGroupIsRefused: a declared hand-written file may configure the
// awscc provider, but not define a package group, which would change the origin controls
// the spec renders (WORLD004).
func TestHandWrittenPackageGroupIsRefused(t *testing.T) {
	dir := t.TempDir()
	spec := base + "  - {name: npm, format: npm}\nhand_written:\n  - {file: groups.tf, reason: The awscc provider and its region.}\n"
	for _, c := range []struct {
		content, want string
	}{
		{"provider \"awscc\" {\n  region = \"eu-west-1\"\n}\n", ""},
		{"resource \"awscc_codeartifact_package_group\" \"open\" {\n  domain_name = \"acme\"\n  pattern     = \"/npm/acme/*\"\n}\n", "WORLD004"},
	} {
		if err := os.WriteFile(filepath.Join(dir, "groups.tf"), []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := codes(render(t, dir, spec)); got != c.want {
			t.Errorf("%q: codes %q, want %q", c.content, got, c.want)
		}
	}
}
