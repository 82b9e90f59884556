package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initLine is a line of GODEBUG=inittrace=1: "init PKG @T ms, C ms clock, B bytes, A allocs".
var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestStartupDoesLittleWork builds the command and reads what each package's
// initialisation allocates (GODEBUG=inittrace=1) on `version`: the project's own packages
// together stay within a small budget, since tables only one command needs (the kit's
// tools, import's functions, completion's flags, the code catalogue) are built on first
// use; and no test-only package is linked in. A package-level table built at start-up
// again fails here, not in a timing.
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
	const maxAllocs, maxBytes = 64, 8 << 10 // measured 2026-11-30: 49 allocations, 4.3 KiB
	allocs, bytes, lines := 0, 0, 0
	for line := range strings.SplitSeq(string(out), "\n") {
		m := initLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		lines++
		pkg := m[1]
		if pkg == "testing" || strings.HasPrefix(pkg, "testing/") || strings.HasSuffix(pkg, "_test") {
			t.Errorf("test-only package %s is in the binary", pkg)
		}
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
