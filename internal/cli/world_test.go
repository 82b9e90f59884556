package cli

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// step is one action of a closed-world scenario: files to write or remove, then a command
// whose exit code must be code. Its output goes into the scenario's transcript.
type step struct {
	write  map[string]string // path -> content
	remove []string
	link   [2]string // symlink name -> target, when set
	args   []string
	code   int
}

// scenario runs steps in a fresh workspace (specs/ontopix.yaml and
// whatever the steps write) and compares the transcript with testdata/cli/world-NAME.golden.
// The test stays in the workspace afterwards, for assertions on its files.
func scenario(t *testing.T, name string, steps []step) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	workspace(t)
	var transcript bytes.Buffer
	for i, s := range steps {
		for _, p := range s.remove {
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&transcript, "$ rm -r %s\n", p)
		}
		for _, p := range slices.Sorted(maps.Keys(s.write)) {
			writeFile(t, p, []byte(s.write[p]))
			fmt.Fprintf(&transcript, "$ write %s\n", p)
		}
		if s.link[0] != "" {
			if err := os.Symlink(s.link[1], s.link[0]); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&transcript, "$ ln -s %s %s\n", s.link[1], s.link[0])
		}
		code, out, errOut := run(t, s.args...)
		fmt.Fprintf(&transcript, "$ codeartifact-gen %s\n# exit %d\n", strings.Join(s.args, " "), code)
		if out != "" {
			fmt.Fprintf(&transcript, "# stdout\n%s", out)
		}
		if errOut != "" {
			fmt.Fprintf(&transcript, "# stderr\n%s", errOut)
		}
		transcript.WriteString("\n")
		if code != s.code {
			t.Errorf("step %d (%v): exit %d, want %d\nstdout:\n%s\nstderr:\n%s", i+1, s.args, code, s.code, out, errOut)
		}
	}
	compareGolden(t, filepath.Join(root, "testdata", "cli", "world-"+name+".golden"), transcript.Bytes())
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// secondSpec is a spec of its own domain, for a second output directory.
const secondSpec = `version: 1
domain:
  name: second
  region: eu-west-1
repositories:
  - name: libs
    format: npm
github:
  owner: second
  oidc_provider: existing
`

// Leak 1: deleting a spec left out/<name>/ behind and check said "up to date".
func TestDeletedSpecFailsCheckUntilPruned(t *testing.T) {
	scenario(t, "deleted-spec", []step{
		{write: map[string]string{"specs/second.yaml": secondSpec}, args: []string{"gen"}, code: ExitOK},
		{remove: []string{"specs/second.yaml"}, args: []string{"check"}, code: ExitStale},
		{args: []string{"validate", "--format", "github"}, code: ExitStale},
		{args: []string{"gen"}, code: ExitStale},
		{args: []string{"gen", "--prune", "--spec", "specs/ontopix.yaml"}, code: ExitUsage},
		{args: []string{"gen", "--prune"}, code: ExitOK},
		{args: []string{"check"}, code: ExitOK},
	})
	if exists("out/second") {
		t.Error("gen --prune left out/second")
	}
	if !exists("out/ontopix/main.tf") {
		t.Error("gen --prune removed the output of a spec that exists")
	}
}

// gen --prune removes generated files only: a hand-written file keeps the directory, and
// the error, until someone removes it.
func TestPruneKeepsHandWrittenFiles(t *testing.T) {
	scenario(t, "prune-keeps-hand-written", []step{
		{write: map[string]string{"specs/second.yaml": secondSpec}, args: []string{"gen"}, code: ExitOK},
		{write: map[string]string{"out/second/backend.tf": "terraform {\n  backend \"s3\" {}\n}\n"}, remove: []string{"specs/second.yaml"}, args: []string{"gen", "--prune"}, code: ExitStale},
	})
	if !exists("out/second/main.tf") || !exists("out/second/backend.tf") {
		t.Error("a refused gen --prune removed files")
	}
}

const adminAttachment = `resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.githubactions_codeartifact_publishrole.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`

const trustOverride = `resource "aws_iam_role" "githubactions_codeartifact_publishrole" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
`

// Leak 2: an override file or an attachment beside the generated files passed every gate.
func TestUndeclaredAndOverrideFilesFailCheckAndValidate(t *testing.T) {
	scenario(t, "hand-written-files", []step{
		{args: []string{"gen"}, code: ExitOK},
		{write: map[string]string{"out/ontopix/iam_override.tf": trustOverride, "out/ontopix/extra.tf": adminAttachment}, args: []string{"check"}, code: ExitStale},
		{args: []string{"validate"}, code: ExitStale},
		{args: []string{"gen"}, code: ExitStale},
	})
}

// Declaring a file does not let it touch generated resources; it does let a provider or
// variables file through.
func TestDeclaredFilesAreInspected(t *testing.T) {
	spec := string(mustReadRoot(t, "specs/ontopix.yaml")) + `
hand_written:
  - file: extra.tf
    reason: Grants the release role what it needs.
  - file: moves.tf.json
    reason: Moves left over from an earlier layout.
  - file: providers.tf
    reason: The AWS provider and its region.
`
	moves := `{"moved": [{"from": "aws_iam_role.old", "to": "aws_iam_role.githubactions_codeartifact_publishrole"}],
 "import": [{"to": "aws_codeartifact_domain.ontopix", "id": "ontopix"}]}
`
	inline := `resource "aws_iam_role_policy" "wide" {
  role   = "GitHubActions-CodeArtifact-PublishRole"
  policy = "{}"
}

module "grants" {
  source = "./grants"
  role   = aws_iam_role.githubactions_codeartifact_readrole.name
}

locals {
  role_arn = aws_iam_role.githubactions_codeartifact_readrole.arn
}
`
	providers := "provider \"aws\" {\n  region = var.region\n}\n\nvariable \"region\" {\n  type = string\n}\n\noutput \"read_role\" {\n  value = aws_iam_role.githubactions_codeartifact_readrole.arn\n}\n"
	scenario(t, "declared-files", []step{
		{write: map[string]string{"specs/ontopix.yaml": spec, "out/ontopix/providers.tf": providers}, args: []string{"gen"}, code: ExitOK},
		{args: []string{"check"}, code: ExitOK},
		{write: map[string]string{"out/ontopix/extra.tf": adminAttachment + "\n" + inline, "out/ontopix/moves.tf.json": moves}, args: []string{"check"}, code: ExitStale},
		{write: map[string]string{"out/ontopix/extra.tf": "resource \"x\" {\n"}, remove: []string{"out/ontopix/moves.tf.json"}, args: []string{"validate"}, code: ExitStale},
	})
}

// OpenTofu reads main.tofu instead of main.tf, and follows symbolic links.
func TestShadowingAndLinkedFiles(t *testing.T) {
	scenario(t, "shadow-and-link", []step{
		{args: []string{"gen"}, code: ExitOK},
		{write: map[string]string{"out/ontopix/main.tofu": "# replaces main.tf in OpenTofu\n", "elsewhere/evil.tf": adminAttachment},
			link: [2]string{"out/ontopix/evil.tf", "../../elsewhere/evil.tf"}, args: []string{"check"}, code: ExitStale},
	})
}

// The spec itself may not declare override files or generated names.
func TestHandWrittenDeclarationsAreChecked(t *testing.T) {
	spec := string(mustReadRoot(t, "specs/ontopix.yaml")) + `
hand_written:
  - file: override.tf
    reason: Patches the roles.
  - file: main.tofu
    reason: Our own main.
  - file: iam.tf
    reason: Our own IAM.
  - file: ../backend.tf
    reason: Elsewhere.
  - file: notes.md
    reason: Documentation.
  - file: providers.tf
    reason: Providers.
  - file: providers.tf
    reason: Twice.
`
	scenario(t, "hand-written-declarations", []step{
		{write: map[string]string{"specs/ontopix.yaml": spec}, args: []string{"validate"}, code: ExitSpec},
	})
}

func mustReadRoot(t *testing.T, path string) []byte {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return mustRead(t, filepath.Join(root, path))
}

// Leak 5: removing a repository from the spec let Terraform destroy it with its packages.
func TestRemovedRepositoryIsRefusedUntilForgotten(t *testing.T) {
	old := string(mustReadRoot(t, "testdata/diff/removed-repository/old.yaml"))
	removed := string(mustReadRoot(t, "testdata/diff/removed-repository/new.yaml"))
	forget := removed + `removed:
  - repository: npm-mirror
    forget: The mirror moves to the platform team's stack, which imports it.
`
	acme := []string{"--spec", "specs/acme.yaml"}
	scenario(t, "removed-repository", []step{
		{write: map[string]string{"specs/acme.yaml": old}, args: append([]string{"gen"}, acme...), code: ExitOK},
		{write: map[string]string{"specs/acme.yaml": removed}, args: append([]string{"check"}, acme...), code: ExitSpec},
		{args: append([]string{"gen"}, acme...), code: ExitSpec},
		{write: map[string]string{"specs/acme.yaml": forget}, args: append([]string{"gen"}, acme...), code: ExitOK},
		{args: append([]string{"check"}, acme...), code: ExitOK},
		{write: map[string]string{"specs/acme.yaml": removed}, args: append([]string{"gen"}, acme...), code: ExitOK},
	})
}

// Destroying needs the same acknowledgement as a rename, and says so in main.tf.
func TestRemovedRepositoryDestroyedWithAcknowledgement(t *testing.T) {
	old := string(mustReadRoot(t, "testdata/diff/removed-repository/old.yaml"))
	removed := string(mustReadRoot(t, "testdata/diff/removed-repository/new.yaml"))
	acme := []string{"--spec", "specs/acme.yaml"}
	scenario(t, "destroyed-repository", []step{
		{write: map[string]string{"specs/acme.yaml": old}, args: append([]string{"gen"}, acme...), code: ExitOK},
		{write: map[string]string{"specs/acme.yaml": removed + "removed:\n  - repository: npm-mirror\n    acknowledge_package_loss: yes\n"}, args: append([]string{"validate"}, acme...), code: ExitSpec},
		{write: map[string]string{"specs/acme.yaml": removed + "removed:\n  - repository: npm-mirror\n    acknowledge_package_loss: The mirror only held copies of public packages.\n"}, args: append([]string{"gen"}, acme...), code: ExitOK},
	})
	if main := string(mustRead(t, "out/acme/main.tf")); !strings.Contains(main, "# Repository npm-mirror is removed from the spec and Terraform DESTROYS it") || strings.Contains(main, `"npm_mirror"`) {
		t.Errorf("main.tf does not show the destruction:\n%s", main)
	}
}

// A new domain name replaces the domain and every repository in it.
func TestChangedDomainIsRefused(t *testing.T) {
	old := string(mustReadRoot(t, "testdata/diff/removed-repository/old.yaml"))
	acme := []string{"--spec", "specs/acme.yaml"}
	scenario(t, "changed-domain", []step{
		{write: map[string]string{"specs/acme.yaml": old}, args: append([]string{"gen"}, acme...), code: ExitOK},
		{write: map[string]string{"specs/acme.yaml": strings.Replace(old, "name: acme\n", "name: acme-two\n", 1)}, args: append([]string{"check"}, acme...), code: ExitSpec},
	})
}
