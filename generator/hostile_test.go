// This file is in package generator_test, not generator: it runs the command line through
// internal/cli, which imports package generator, and an in-package test importing it
// would be an import cycle. It still shares the -update flag that golden_test.go declares,
// because both files build into the same test binary.

package generator_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/internal/cli"
	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// hostileSlow runs the hostile inputs that are known to break the time bound; see
// knownSlow.
var hostileSlow = flag.Bool("hostile.slow", false, "also run the hostile inputs known to take more than a second")

const (
	// hostileDir holds the corpus, relative to this package's directory: NAME.yaml and the
	// expected diagnostics NAME.diagnostics.txt, printed as diag.Write(w, diag.Text, ds)
	// prints them with the label testdata/hostile/NAME.yaml. A name ending in "-ok" is a
	// valid spec at some limit: it must have no error.
	hostileDir = "../testdata/hostile"
	// hostileMinCorpus is the least number of committed corpus files.
	hostileMinCorpus = 60
	// hostileHangTimeout is how long the test waits for Generate before declaring it hung,
	// so that a hang fails the test instead of stalling it until go test's own timeout.
	hostileHangTimeout = 30 * time.Second
)

// knownIssues lists corpus cases whose recorded diagnostics are believed wrong (a missing
// or misleading diagnostic). Their golden files hold the current output, so that a fix
// shows up as a diff; remove the entry when it is fixed. A case listed here may have no
// error even though its name does not end in "-ok".
var knownIssues = map[string]string{
	// Accepted without a diagnostic.
	// Misleading diagnostics.
	"empty-strings-everywhere": "empty names leave double spaces and a detail starting with a space in later messages",
}

// knownSlow lists generated inputs known to take far longer than the others. They run only
// with -hostile.slow. No test here bounds time with a clock (a loaded machine makes such a
// bound flaky): the work the adversarial shapes take is bounded by counters in
// TestAdversarialShapesBoundedWork and TestDiffWorkIsLinear, and measured by the benchmarks.
var knownSlow = map[string]string{}

// hostileCase is one hostile input.
type hostileCase struct {
	name  string // NAME: the file name without .yaml
	label string // testdata/hostile/NAME.yaml: the spec path in diagnostics
	src   []byte
	// want, when set, returns the expected diagnostics of a generated input whose
	// diagnostics are too large to commit; otherwise they are in NAME.diagnostics.txt.
	want func(label string) []byte
}

func (c hostileCase) golden() string {
	return filepath.Join(hostileDir, c.name+".diagnostics.txt")
}

// hostileCorpus returns the committed corpus files, sorted by name.
func hostileCorpus(t *testing.T) []hostileCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(hostileDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []hostileCase
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".yaml")
		cases = append(cases, hostileCase{name: name, label: "testdata/hostile/" + name + ".yaml", src: src})
	}
	return cases
}

// hostileBase is a small valid spec; generated inputs grow one part of it.
const hostileBase = `version: 1
domain:
  name: acme
  region: us-east-1
repositories:
  - name: libs
    format: npm
github:
  owner: acme
  oidc_provider: create
policies:
  - name: Read
    read: [libs]
roles:
  - name: ci
    policies: [Read]
    trust:
      - repositories: [app]
        branches: [main]
`

// withDescription returns hostileBase with a repository description of n bytes of 'x'.
func withDescription(n int) []byte {
	var b bytes.Buffer
	before, after, _ := strings.Cut(hostileBase, "    format: npm\n")
	b.WriteString(before + "    format: npm\n    description: ")
	b.Write(bytes.Repeat([]byte("x"), n))
	b.WriteString("\n" + after)
	return b.Bytes()
}

// padded returns src followed by a comment that makes it exactly size bytes long.
func padded(src string, size int) []byte {
	pad := size - len(src) - len("#\n")
	return []byte(src + "#" + strings.Repeat("x", pad) + "\n")
}

// repositoryList returns a spec whose repositories are the n lines item(i).
func repositoryList(n int, item func(i int) string, rest string) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ndomain: {name: acme, region: us-east-1}\nrepositories:\n")
	for i := range n {
		b.WriteString(item(i))
	}
	b.WriteString("github: {owner: acme, oidc_provider: create}\n" + rest)
	return []byte(b.String())
}

// generatedCases returns the hostile inputs too large to commit.
func generatedCases() []hostileCase {
	descriptionSize := spec.MaxFileSize - len(withDescription(0))
	cases := []hostileCase{
		// A 10 MB string: refused by the size limit before any parsing.
		{name: "gen-10mb-string", src: withDescription(10 << 20)},
		// One byte over the limit, and exactly at it.
		{name: "gen-over-4mib", src: padded(hostileBase, spec.MaxFileSize+1)},
		{name: "gen-4mib-comment-ok", src: padded(hostileBase, spec.MaxFileSize)},
		// A spec of exactly 4 MiB, almost all of it one description.
		{name: "gen-4mib-description", src: withDescription(descriptionSize)},
		// 2,000 levels of nested block mappings (1.9 MiB of indentation).
		{name: "gen-deep-block-mapping", src: func() []byte {
			var b strings.Builder
			b.WriteString("version: 1\ndomain:\n name:\n")
			for i := range 2000 {
				b.WriteString(strings.Repeat(" ", i+2) + "a:\n")
			}
			b.WriteString(strings.Repeat(" ", 2002) + "b\n")
			return []byte(b.String())
		}()},
		// 10,000 repositories named the same: 10,000 diagnostics, of which the first 100
		// are printed (diag.MaxPerFile) and the rest counted, checked against a computed
		// expectation.
		{
			name: "gen-10000-same-name",
			src: repositoryList(10000, func(int) string { return "  - {name: libs, format: npm}\n" },
				"policies: [{name: Read, read: [libs]}]\nroles: [{name: ci, policies: [Read], trust: [{repositories: [app], branches: [main]}]}]\n"),
			want: func(label string) []byte {
				var b bytes.Buffer
				fmt.Fprintf(&b, "%s:3:1: error[VALID012]: the spec has 10000 repositories\n    codeartifact-gen renders at most 5000 repositories per spec; split the spec, for example by team.\n", label)
				for i := 1; i < diag.MaxPerFile; i++ {
					fmt.Fprintf(&b, "%s:%d:12: error[VALID010]: duplicate repository name: \"libs\"\n    It is first given at line 4, column 12; remove one of them.\n", label, 4+i)
				}
				fmt.Fprintf(&b, "%s:%d:12: error[LIMIT002]: 9900 more problems in this file are not shown (9900 errors, 0 warnings), from here on\n    codeartifact-gen prints the first 100 problems of a file. Fix those (often one mistake, repeated) and run it again.\n", label, 4+diag.MaxPerFile)
				return b.Bytes()
			},
		},
		// 10,000 distinct, otherwise valid repositories: over the limit of 5,000 per spec.
		{name: "gen-10000-repositories", src: repositoryList(10000, func(i int) string { return fmt.Sprintf("  - {name: r%d, format: npm}\n", i) },
			"policies: [{name: Read, read: [r0]}]\nroles: [{name: ci, policies: [Read], trust: [{repositories: [app], branches: [main]}]}]\n")},
		// One repository whose upstream list holds a million items.
		{name: "gen-million-item-list", src: []byte("version: 1\ndomain: {name: acme, region: us-east-1}\nrepositories:\n  - name: libs\n    format: npm\n    upstreams: [" +
			strings.Repeat("a, ", 1_000_000) + "a]\ngithub: {owner: acme, oidc_provider: create}\n")},
	}
	// The adversarial shapes of issue 11 (internal/specgen): each took seconds to minutes,
	// or gigabytes, before the lint compared patterns by structure and the subjects of
	// trust rules were bounded. work_test.go bounds the containment checks they take.
	cases = append(cases,
		hostileCase{name: "gen-cross-product-9999x9999", src: specgen.CrossProduct(9999, 9999)},
		hostileCase{name: "gen-branch-patterns-9999", src: specgen.SharedPrefixBranches(9999)},
		hostileCase{name: "gen-literal-branches-9999", src: specgen.ManyBranches(9999)},
		hostileCase{name: "gen-prefix-suffix-patterns-9999", src: specgen.SharedPrefixAndSuffix(9999)},
		hostileCase{name: "gen-require-9999-values", src: specgen.ManyRequire(1, 9999)},
		hostileCase{name: "gen-read-list-5000", src: specgen.LongReadList(5000)},
		hostileCase{name: "gen-upstream-chain-5000", src: specgen.UpstreamChain(5000)},
		hostileCase{name: "gen-consumers-5000", src: specgen.ManyConsumers(5000)},
		hostileCase{name: "gen-unknown-keys-30000", src: specgen.UnknownKeys(30000)},
		hostileCase{name: "gen-subjects-over-spec-limit", src: specgen.ManyRoles(11, 100, 100)},
	)
	cases = append(cases, groupHostileCases()...) // groups_work_test.go
	for i := range cases {
		cases[i].label = "testdata/hostile/" + cases[i].name + ".yaml"
	}
	return cases
}

// generateResult is what one guarded run of generator.Generate returned.
type generateResult struct {
	files   map[string][]byte
	diags   diag.Diagnostics
	elapsed time.Duration
	panic   string // the panic value and stack, or ""
}

// guardedGenerate runs generator.Generate, turning a panic into a result and a hang into
// ok == false after hostileHangTimeout (the goroutine is then abandoned).
func guardedGenerate(label string, src []byte) (r generateResult, ok bool) {
	done := make(chan generateResult, 1)
	go func() {
		var r generateResult
		defer func() {
			if p := recover(); p != nil {
				r.panic = fmt.Sprintf("%v\n%s", p, debug.Stack())
			}
			done <- r
		}()
		start := time.Now()
		r.files, r.diags = generator.Generate(label, src)
		r.elapsed = time.Since(start)
	}()
	select {
	case r := <-done:
		return r, true
	case <-time.After(hostileHangTimeout):
		return generateResult{}, false
	}
}

// TestHostileInputs runs every hostile input through generator.Generate and the gen
// command. For each it requires: no panic, no hang (hostileHangTimeout), diagnostics
// byte-identical to the recorded ones (go test ./generator -run TestHostileInputs -update
// rewrites them; review the diff), no files when there is an error, an error unless the
// case is valid by name (-ok) or a known issue, and nothing written to disk by gen.
func TestHostileInputs(t *testing.T) {
	corpus := hostileCorpus(t)
	if len(corpus) < hostileMinCorpus {
		t.Fatalf("the corpus holds %d files under %s, want at least %d", len(corpus), hostileDir, hostileMinCorpus)
	}
	cases := append(corpus, generatedCases()...)
	checkHostileBookkeeping(t, cases)

	type timing struct {
		name    string
		elapsed time.Duration
	}
	var slowest timing
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if reason, slow := knownSlow[c.name]; slow && !*hostileSlow {
				t.Skipf("known issue, run with -hostile.slow: %s", reason)
			}
			if reason, known := knownIssues[c.name]; known {
				t.Logf("known issue: %s", reason)
			}
			r, ok := guardedGenerate(c.label, c.src)
			switch {
			case !ok:
				t.Fatalf("Generate did not return within %v", hostileHangTimeout)
			case r.panic != "":
				t.Fatalf("Generate panicked: %s", r.panic)
			}
			if r.elapsed > slowest.elapsed {
				slowest = timing{c.name, r.elapsed}
			}
			hasErrors := r.diags.HasErrors()
			switch {
			case hasErrors && r.files != nil:
				t.Errorf("a spec with errors rendered %d files", len(r.files))
			case !hasErrors && r.files == nil:
				t.Errorf("a spec without errors rendered nothing")
			case strings.HasSuffix(c.name, "-ok") && hasErrors:
				t.Errorf("a case named -ok has errors")
			case !strings.HasSuffix(c.name, "-ok") && !hasErrors && knownIssues[c.name] == "":
				t.Errorf("a hostile input has no error; name it NAME-ok if it is valid, or list it in knownIssues")
			}
			for _, d := range r.diags {
				if d.Pos.File != c.label {
					t.Errorf("diagnostic %q is positioned in %q, not in %q", d.Summary, d.Pos.File, c.label)
				}
			}
			if _, slow := knownSlow[c.name]; !slow {
				checkHostileDiagnostics(t, c, r.diags)
			}
			checkHostileCLI(t, c, hasErrors)
		})
	}
	t.Logf("slowest input: %s, %v", slowest.name, slowest.elapsed)
}

// checkHostileBookkeeping checks that every golden file, known issue and slow case names
// an input, so that renaming a case cannot leave a stale expectation behind.
func checkHostileBookkeeping(t *testing.T, cases []hostileCase) {
	t.Helper()
	names := map[string]bool{}
	for _, c := range cases {
		if names[c.name] {
			t.Errorf("two hostile inputs are named %s", c.name)
		}
		names[c.name] = true
	}
	goldens, _ := filepath.Glob(filepath.Join(hostileDir, "*.diagnostics.txt"))
	for _, g := range goldens {
		if name := strings.TrimSuffix(filepath.Base(g), ".diagnostics.txt"); !names[name] {
			t.Errorf("%s belongs to no hostile input", g)
		}
	}
	for _, m := range []map[string]string{knownIssues, knownSlow} {
		for name := range m {
			if !names[name] {
				t.Errorf("%s is listed as a known issue but is no hostile input", name)
			}
		}
	}
}

// checkHostileDiagnostics compares the text form of ds with the expected diagnostics of c,
// or records them with -update.
func checkHostileDiagnostics(t *testing.T, c hostileCase, ds diag.Diagnostics) {
	t.Helper()
	var got bytes.Buffer
	if err := diag.Write(&got, diag.Text, ds); err != nil {
		t.Fatal(err)
	}
	if c.want != nil {
		if want := c.want(c.label); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("diagnostics differ from the computed expectation:\n%s", output.UnifiedDiff(c.name, "got", want, got.Bytes()))
		}
		return
	}
	if hostileUpdating(t) {
		if err := os.WriteFile(c.golden(), got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(c.golden())
	if err != nil {
		t.Fatalf("%v; run go test ./generator -run TestHostileInputs -update to record the diagnostics", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("diagnostics differ from %s; run go test ./generator -run TestHostileInputs -update and review the diff:\n%s",
			c.golden(), output.UnifiedDiff(c.golden(), "got", want, got.Bytes()))
	}
}

// hostileUpdating reports the value of the -update flag declared in golden_test.go.
func hostileUpdating(t *testing.T) bool {
	t.Helper()
	f := flag.Lookup("update")
	if f == nil {
		t.Fatal("the -update flag of golden_test.go is not declared")
	}
	return f.Value.(flag.Getter).Get().(bool)
}

// checkHostileCLI runs "gen --spec SPEC --out OUT" on a copy of the input in a temporary
// directory. A spec with errors must exit 1 (or 2) and leave the directory as it was: no
// OUT, no stray temporary file. A spec without errors must exit 0.
func checkHostileCLI(t *testing.T, c hostileCase, hasErrors bool) {
	t.Helper()
	dir := t.TempDir()
	specPath := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(specPath, c.src, 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	code := cli.Run([]string{"gen", "--spec", specPath, "--out", outDir}, &stdout, &stderr)
	if !hasErrors {
		if code != cli.ExitOK {
			t.Errorf("gen exited %d on a spec without errors:\n%s", code, stderr.String())
		}
		return
	}
	if code != cli.ExitSpec && code != cli.ExitUsage {
		t.Errorf("gen exited %d, want %d or %d:\n%s", code, cli.ExitSpec, cli.ExitUsage, stderr.String())
	}
	if _, err := os.Stat(outDir); !os.IsNotExist(err) {
		t.Errorf("gen created %s for a spec with errors (stat: %v)", outDir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"spec.yaml"}) {
		t.Errorf("gen left %v in the directory of a spec with errors, want only spec.yaml", names)
	}
}
