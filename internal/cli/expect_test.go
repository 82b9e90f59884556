package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestFailedExpectationStopsEveryCommand: an expectation the rendered policies break makes
// validate, check and gen exit 1 with the positioned diagnostic, and gen writes nothing;
// an unchanged out/ is left as it was.
func TestFailedExpectationStopsEveryCommand(t *testing.T) {
	workspace(t)
	if code, _, errOut := run(t, "gen"); code != ExitOK {
		t.Fatalf("gen of the example: exit %d\n%s", code, errOut)
	}
	before := mustRead(t, "out/ontopix/iam.tf")
	src := mustRead(t, "specs/ontopix.yaml")
	// Widen the production release role back to every repository, which the example's
	// expectation "a new repository cannot publish" forbids (and TRUST018 too).
	widened := bytes.Replace(src, []byte("repositories: [app, lib]\n        environments: [production]"), []byte("repositories: [app, lib, \"repository-*\"]\n        environments: [production]"), 1)
	if bytes.Equal(widened, src) {
		t.Fatal("the test's edit did not apply")
	}
	writeFile(t, "specs/ontopix.yaml", widened)
	for _, cmd := range []string{"validate", "check", "gen"} {
		code, _, errOut := run(t, cmd)
		if code != ExitSpec {
			t.Fatalf("%s: exit %d, want %d\n%s", cmd, code, ExitSpec, errOut)
		}
		for _, want := range []string{
			`error[EXPECT001]: expectation "a new repository cannot publish from an environment its admin creates": role GitHubActions-CodeArtifact-ProductionRelease admits sub repo:ontopix/repository-created-later:environment:production (ref=refs/tags/v1.0.0), but must refuse it`,
			"matched repo:ontopix/repository-created-later:environment:production",
			"error[TRUST018]",
			"2 error(s)",
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", cmd, want, errOut)
			}
		}
	}
	if _, _, errOut := run(t, "gen"); !strings.Contains(errOut, "nothing written") {
		t.Errorf("gen does not say it wrote nothing:\n%s", errOut)
	}
	if !bytes.Equal(mustRead(t, "out/ontopix/iam.tf"), before) {
		t.Fatal("gen wrote although an expectation failed")
	}
}
