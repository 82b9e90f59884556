package cli

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/internal/goldentest"
)

var update = flag.Bool("update", false, "rewrite the golden files of command output")

// commandCases are commands whose standard output is compared with
// testdata/cli/<name>.golden. They run from the repository root, as a user would.
var commandCases = []struct {
	name string
	args []string
	code int
}{
	{"explain-ontopix-text", []string{"explain", "--spec", "specs/ontopix.yaml"}, ExitOK},
	{"explain-ontopix-markdown", []string{"explain", "--spec", "specs/ontopix.yaml", "--format", "markdown"}, ExitOK},
	{"explain-ontopix-json", []string{"explain", "--spec", "specs/ontopix.yaml", "--format", "json"}, ExitOK},
	{"explain-enterprise-text", []string{"explain", "--spec", "testdata/cases/enterprise-immutable/spec.yaml"}, ExitOK},
	{"explain-package-groups-text", []string{"explain", "--spec", "testdata/cases/package-groups/spec.yaml"}, ExitOK},
	{"explain-package-groups-markdown", []string{"explain", "--spec", "testdata/cases/package-groups/spec.yaml", "--format", "markdown"}, ExitOK},
	{"explain-enterprise-markdown", []string{"explain", "--spec", "testdata/cases/enterprise-immutable/spec.yaml", "--format", "markdown"}, ExitOK},
	{"explain-enterprise-json", []string{"explain", "--spec", "testdata/cases/enterprise-immutable/spec.yaml", "--format", "json"}, ExitOK},
	{"simulate-ontopix-tag", []string{"simulate", "--spec", "specs/ontopix.yaml", "--repo", "ontopix/lib", "--ref", "refs/tags/v1.2.0"}, ExitOK},
	{"simulate-ontopix-branch", []string{"simulate", "--spec", "specs/ontopix.yaml", "--repo", "ontopix/any", "--ref", "refs/heads/main"}, ExitOK},
	{"simulate-ontopix-environment", []string{"simulate", "--spec", "specs/ontopix.yaml", "--repo", "ontopix/lib", "--ref", "refs/tags/v1.2.0", "--environment", "production"}, ExitOK},
	{"simulate-ontopix-evil-owner", []string{"simulate", "--spec", "specs/ontopix.yaml", "--sub", "repo:ontopix-evil/x:ref:refs/heads/main"}, ExitOK},
	{"simulate-ontopix-wrong-aud-json", []string{"simulate", "--spec", "specs/ontopix.yaml", "--repo", "ontopix/lib", "--event", "pull_request", "--aud", "https://github.com/ontopix", "--format", "json"}, ExitOK},
	{"simulate-enterprise-immutable-release", []string{"simulate", "--spec", "testdata/cases/enterprise-immutable/spec.yaml", "--repo", "octo-org/octo-lib", "--owner-id", "123456", "--repo-id", "7891012", "--environment", "production", "--ref", "refs/tags/v2.0.0"}, ExitOK},
	{"simulate-enterprise-branch-in-environment", []string{"simulate", "--spec", "testdata/cases/enterprise-immutable/spec.yaml", "--repo", "octo-org/octo-lib", "--environment", "production", "--ref", "refs/heads/main"}, ExitOK},
	{"diff-widened-trust-text", []string{"diff", "testdata/diff/widened-trust/old.yaml", "testdata/diff/widened-trust/new.yaml"}, ExitOK},
	{"diff-widened-trust-markdown", []string{"diff", "testdata/diff/widened-trust/old.yaml", "testdata/diff/widened-trust/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-domain-kms-key-text", []string{"diff", "testdata/diff/domain-kms-key/old.yaml", "testdata/diff/domain-kms-key/new.yaml"}, ExitOK},
	{"diff-narrowed-trust-text", []string{"diff", "testdata/diff/narrowed-trust/old.yaml", "testdata/diff/narrowed-trust/new.yaml"}, ExitOK},
	{"diff-narrowed-trust-markdown", []string{"diff", "testdata/diff/narrowed-trust/old.yaml", "testdata/diff/narrowed-trust/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-renamed-repository-text", []string{"diff", "testdata/diff/renamed-repository/old.yaml", "testdata/diff/renamed-repository/new.yaml"}, ExitOK},
	{"diff-renamed-repository-markdown", []string{"diff", "testdata/diff/renamed-repository/old.yaml", "testdata/diff/renamed-repository/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-removed-repository-text", []string{"diff", "testdata/diff/removed-repository/old.yaml", "testdata/diff/removed-repository/new.yaml"}, ExitOK},
	{"diff-removed-repository-markdown", []string{"diff", "testdata/diff/removed-repository/old.yaml", "testdata/diff/removed-repository/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-new-role-text", []string{"diff", "testdata/diff/new-role/old.yaml", "testdata/diff/new-role/new.yaml"}, ExitOK},
	{"diff-new-role-markdown", []string{"diff", "testdata/diff/new-role/old.yaml", "testdata/diff/new-role/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-permission-change-text", []string{"diff", "testdata/diff/permission-change/old.yaml", "testdata/diff/permission-change/new.yaml"}, ExitOK},
	{"diff-permission-change-markdown", []string{"diff", "testdata/diff/permission-change/old.yaml", "testdata/diff/permission-change/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-require-dropped-text", []string{"diff", "testdata/diff/require-dropped/old.yaml", "testdata/diff/require-dropped/new.yaml"}, ExitOK},
	{"diff-require-dropped-markdown", []string{"diff", "testdata/diff/require-dropped/old.yaml", "testdata/diff/require-dropped/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-widened-trust-json", []string{"diff", "testdata/diff/widened-trust/old.yaml", "testdata/diff/widened-trust/new.yaml", "--format", "json"}, ExitOK},
	{"diff-renamed-repository-github", []string{"diff", "testdata/diff/renamed-repository/old.yaml", "testdata/diff/renamed-repository/new.yaml", "--format", "github"}, ExitOK},
	{"diff-fail-on-destructive", []string{"diff", "testdata/diff/removed-repository/old.yaml", "testdata/diff/removed-repository/new.yaml", "--fail-on", "destructive"}, ExitFailOn},
	{"diff-fail-on-widened-passes-narrowing", []string{"diff", "testdata/diff/narrowed-trust/old.yaml", "testdata/diff/narrowed-trust/new.yaml", "--fail-on", "widened,destructive"}, ExitOK},
	{"diff-fail-on-widened", []string{"diff", "testdata/diff/new-role/old.yaml", "testdata/diff/new-role/new.yaml", "--fail-on", "widened"}, ExitFailOn},
	{"diff-same-spec", []string{"diff", "specs/ontopix.yaml", "specs/ontopix.yaml"}, ExitOK},
	{"diff-group-opened-text", []string{"diff", "testdata/diff/group-opened/old.yaml", "testdata/diff/group-opened/new.yaml", "--fail-on", "widened"}, ExitFailOn},
	{"diff-group-removed-markdown", []string{"diff", "testdata/diff/group-removed/old.yaml", "testdata/diff/group-removed/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-opt-out-text", []string{"diff", "testdata/diff/opt-out/old.yaml", "testdata/diff/opt-out/new.yaml"}, ExitOK},
	{"diff-glob-widened-text", []string{"diff", "testdata/diff/glob-widened/old.yaml", "testdata/diff/glob-widened/new.yaml", "--fail-on", "widened,destructive"}, ExitFailOn},
	{"diff-glob-widened-markdown", []string{"diff", "testdata/diff/glob-widened/old.yaml", "testdata/diff/glob-widened/new.yaml", "--fail-on", "widened,destructive", "--format", "markdown"}, ExitFailOn},
	{"diff-glob-widened-github", []string{"diff", "testdata/diff/glob-widened/old.yaml", "testdata/diff/glob-widened/new.yaml", "--fail-on", "widened,destructive", "--format", "github"}, ExitFailOn},
	{"diff-issuer-server-host-text", []string{"diff", "testdata/diff/issuer-server-host/old.yaml", "testdata/diff/issuer-server-host/new.yaml", "--fail-on", "widened,destructive"}, ExitFailOn},
	{"diff-issuer-server-host-markdown", []string{"diff", "testdata/diff/issuer-server-host/old.yaml", "testdata/diff/issuer-server-host/new.yaml", "--fail-on", "widened,destructive", "--format", "markdown"}, ExitFailOn},
	{"diff-issuer-server-host-github", []string{"diff", "testdata/diff/issuer-server-host/old.yaml", "testdata/diff/issuer-server-host/new.yaml", "--fail-on", "widened,destructive", "--format", "github"}, ExitFailOn},
	{"diff-enterprise-slug-text", []string{"diff", "testdata/diff/enterprise-slug/old.yaml", "testdata/diff/enterprise-slug/new.yaml", "--fail-on", "widened,destructive"}, ExitFailOn},
	{"diff-enterprise-slug-markdown", []string{"diff", "testdata/diff/enterprise-slug/old.yaml", "testdata/diff/enterprise-slug/new.yaml", "--fail-on", "widened,destructive", "--format", "markdown"}, ExitFailOn},
	{"diff-enterprise-slug-github", []string{"diff", "testdata/diff/enterprise-slug/old.yaml", "testdata/diff/enterprise-slug/new.yaml", "--fail-on", "widened,destructive", "--format", "github"}, ExitFailOn},
	{"diff-forgotten-text", []string{"diff", "testdata/diff/forgotten/old.yaml", "testdata/diff/forgotten/new.yaml", "--fail-on", "destructive"}, ExitFailOn},
	{"diff-forgotten-markdown", []string{"diff", "testdata/diff/forgotten/old.yaml", "testdata/diff/forgotten/new.yaml", "--format", "markdown"}, ExitOK},
	{"diff-domain-forgotten-text", []string{"diff", "testdata/diff/domain-forgotten/old.yaml", "testdata/diff/domain-forgotten/new.yaml"}, ExitOK},
	{"diff-consumer-widened-text", []string{"diff", "testdata/diff/consumer-widened/old.yaml", "testdata/diff/consumer-widened/new.yaml", "--fail-on", "widened"}, ExitFailOn},
	{"diff-replaced-text", []string{"diff", "testdata/diff/replaced/old.yaml", "testdata/diff/replaced/new.yaml", "--fail-on", "widened,destructive"}, ExitOK},
	{"diff-replaced-markdown", []string{"diff", "testdata/diff/replaced/old.yaml", "testdata/diff/replaced/new.yaml", "--fail-on", "widened,destructive", "--format", "markdown"}, ExitOK},
	{"diff-replaced-github", []string{"diff", "testdata/diff/replaced/old.yaml", "testdata/diff/replaced/new.yaml", "--fail-on", "widened,destructive", "--format", "github"}, ExitOK},
	{"simulate-enterprise-pull-request", []string{"simulate", "--spec", "testdata/cases/enterprise-immutable/spec.yaml", "--repo", "octo-org/octo-repo", "--event", "pull_request", "--ref", "refs/pull/7/merge"}, ExitOK},
	{"simulate-ontopix-expect-deny-fails", []string{"simulate", "--spec", "specs/ontopix.yaml", "--repo", "ontopix/lib", "--ref", "refs/tags/v1.2.0", "--expect", "deny"}, ExitFailOn},
	// Machine formats: standard output holds the one document and nothing else.
	{"validate-ontopix-json", []string{"validate", "--spec", "specs/ontopix.yaml", "--format", "json"}, ExitOK},
	{"validate-invalid-names-json", []string{"validate", "--spec", "testdata/cases/invalid-names/spec.yaml", "--format", "json"}, ExitSpec},
	{"validate-warnings-json", []string{"validate", "--spec", "testdata/cases/warnings/spec.yaml", "--format", "json"}, ExitOK},
	{"validate-invalid-shape-github-actions", []string{"validate", "--spec", "testdata/cases/invalid-shape/spec.yaml", "--format", "github-actions"}, ExitSpec},
	{"check-ontopix-json", []string{"check", "--spec", "specs/ontopix.yaml", "--format", "json"}, ExitOK},
	// Help and completion.
	{"help", []string{"help"}, ExitOK},
	{"help-gen", []string{"help", "gen"}, ExitOK},
	{"help-simulate", []string{"simulate", "--help"}, ExitOK},
	{"help-diff", []string{"diff", "-h"}, ExitOK},
	{"completion-bash", []string{"completion", "bash"}, ExitOK},
	{"completion-zsh", []string{"completion", "zsh"}, ExitOK},
	{"completion-fish", []string{"completion", "fish"}, ExitOK},
}

// stderrCases are usage errors whose standard error is compared with
// testdata/cli/<name>.stderr.golden; their standard output must be empty.
var stderrCases = []struct {
	name string
	args []string
	code int
}{
	{"did-you-mean-command", []string{"valdiate"}, ExitUsage},
	{"did-you-mean-flag", []string{"check", "--formt", "json"}, ExitUsage},
	{"unknown-flag-no-suggestion", []string{"explain", "--verbose"}, ExitUsage},
	{"empty-spec-flag", []string{"gen", "--spec="}, ExitUsage},
	{"spec-is-directory", []string{"validate", "--spec", "specs"}, ExitUsage},
}

func TestCommandStderr(t *testing.T) {
	t.Chdir("../..")
	for _, c := range stderrCases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := Run(c.args, &out, &errOut); code != c.code || out.Len() > 0 {
				t.Fatalf("exit %d, want %d; stdout %q", code, c.code, out.String())
			}
			compareGolden(t, filepath.Join("testdata", "cli", c.name+".stderr.golden"), errOut.Bytes())
		})
	}
}

func TestCommandOutput(t *testing.T) {
	t.Chdir("../..")
	for _, c := range commandCases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := Run(c.args, &out, &errOut); code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, errOut.String())
			}
			compareGolden(t, filepath.Join("testdata", "cli", c.name+".golden"), out.Bytes())
		})
	}
}

// compareGolden fails when got differs from the golden file, or rewrites it under -update.
func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	goldentest.Compare(t, golden, got, *update, "go test ./internal/cli -update")
}

// TestSimulateVerdicts checks the verdicts themselves, independently of the golden text.
func TestSimulateVerdicts(t *testing.T) {
	t.Chdir("../..")
	tests := []struct {
		args    []string
		allowed []string
	}{
		{[]string{"--repo", "ontopix/lib", "--ref", "refs/tags/v1.2.0"}, []string{"GitHubActions-CodeArtifact-PublishRole", "GitHubActions-CodeArtifact-ReadRole"}},
		{[]string{"--repo", "ontopix/lib", "--ref", "refs/tags/v1.2.0", "--environment", "production"}, []string{"GitHubActions-CodeArtifact-ProductionRelease", "GitHubActions-CodeArtifact-ReadRole"}},
		{[]string{"--repo", "ontopix/sensitive-repo", "--ref", "refs/tags/v3.0.0"}, []string{"GitHubActions-CodeArtifact-ReadRole", "GitHubActions-CodeArtifact-SensitiveRepo"}},
		{[]string{"--sub", "repo:ontopix-evil/x:ref:refs/heads/main"}, nil},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := Run(append([]string{"simulate", "--spec", "specs/ontopix.yaml"}, tt.args...), &out, &errOut); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut.String())
		}
		var allowed []string
		for _, line := range strings.Split(out.String(), "\n") {
			if name, ok := strings.CutPrefix(line, "ALLOWED "); ok {
				allowed = append(allowed, name)
			}
		}
		if strings.Join(allowed, ",") != strings.Join(tt.allowed, ",") {
			t.Errorf("%v: allowed %v, want %v", tt.args, allowed, tt.allowed)
		}
	}
}
