package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// testOnly are the packages only tests may link: the standard testing packages and this
// repository's test helpers (ARCHITECTURE.md, "Test-only helpers live under internal/").
var testOnly = []string{"testing", "testing/", "github.com/ontopix/codeartifact-gen/internal/actiontest",
	"github.com/ontopix/codeartifact-gen/internal/goldentest", "github.com/ontopix/codeartifact-gen/internal/iamsim",
	"github.com/ontopix/codeartifact-gen/internal/modeltest",
	"github.com/ontopix/codeartifact-gen/internal/specgen",
	"github.com/ontopix/codeartifact-gen/internal/taskfiletest", "github.com/ontopix/codeartifact-gen/internal/tfschemaprovider",
	"github.com/ontopix/codeartifact-gen/internal/tofuverify"}

// TestNoTestOnlyPackageIsLinked: the command's dependencies (go list -deps) hold no
// test-only package, whose initialisation and size every run would pay for.
func TestNoTestOnlyPackageIsLinked(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps listed %d packages; expected the command's whole dependency graph", len(deps))
	}
	for _, dep := range deps {
		for _, bad := range testOnly {
			if dep == bad || strings.HasSuffix(bad, "/") && strings.HasPrefix(dep, bad) {
				t.Errorf("the command links the test-only package %s", dep)
			}
		}
	}
}

// initLine is a line of GODEBUG=inittrace=1: "init PKG @T ms, C ms clock, B bytes, A allocs".
var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestStartupDoesLittleWork builds the command and reads what each package's
// initialisation allocates (GODEBUG=inittrace=1) on `version`: the project's own packages
// together stay within a small budget, since tables only one command needs (the kit's
// tools, import's functions, completion's flags, the code catalogue) are built on first
// use. A package-level table built at start-up again fails here, not in a timing.
func TestStartupDoesLittleWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "codeartifact-gen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(cmd.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("version: %v\n%s", err, out)
	}
	const module = "github.com/ontopix/codeartifact-gen/"
	const maxAllocs, maxBytes = 64, 8 << 10 // measured 2026-11-30: 49 allocations, 4.4 KiB
	allocs, bytes, lines := 0, 0, 0
	for line := range strings.SplitSeq(string(out), "\n") {
		m := initLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		lines++
		pkg := m[1]
		if !strings.HasPrefix(pkg, module) {
			continue
		}
		b, _ := strconv.Atoi(m[2])
		a, _ := strconv.Atoi(m[3])
		bytes += b
		allocs += a
		t.Logf("%s: %d bytes, %d allocs", strings.TrimPrefix(pkg, module), b, a)
	}
	if lines == 0 {
		t.Fatalf("no inittrace lines in the output:\n%s", out)
	}
	if allocs > maxAllocs || bytes > maxBytes {
		t.Errorf("the project's packages allocate %d times (%d bytes) at start-up, over the budget of %d (%d bytes): build tables on first use (sync.OnceValue) instead of in package variables", allocs, bytes, maxAllocs, maxBytes)
	}
}
