// Package taskfiletest runs go-task (v3.54.0, built from the Go module proxy by
// scripts/build-gotool) against the infrastructure repository's Taskfile, as
// `codeartifact-gen kit --target infra` renders it and as this repository's root uses it, and
// checks the exit codes users and CI rely on.
package taskfiletest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/internal/tofuverify"
)

// TaskEnv names the go-task binary: TASK_BIN=$(scripts/build-gotool github.com/go-task/task/v3/cmd/task v3.54.0).
const TaskEnv = "TASK_BIN"

// requireTask returns the go-task binary, skipping t when TaskEnv is unset unless
// tofuverify.RequireTofuEnv is "1" (./scripts/test sets both): then it fails.
func requireTask(t *testing.T) string {
	t.Helper()
	p := os.Getenv(TaskEnv)
	if p == "" {
		msg := TaskEnv + " is not set: " + TaskEnv + "=$(scripts/build-gotool github.com/go-task/task/v3/cmd/task v3.54.0)"
		if os.Getenv(tofuverify.RequireTofuEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip("skipping the go-task tests: " + msg)
	}
	return p
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// project is a directory with a Taskfile, run with a fixed environment.
type project struct {
	dir  string
	task string
	env  []string
}

// run runs task with args in the project and returns its exit code and combined output.
func (p project) run(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(p.task, args...)
	cmd.Dir, cmd.Env = p.dir, p.env
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	}
	t.Fatalf("task %s: %v", strings.Join(args, " "), err)
	return 0, ""
}

// want runs task and fails t unless it exits with code.
func (p project) want(t *testing.T, code int, args ...string) string {
	t.Helper()
	got, out := p.run(t, args...)
	if got != code {
		t.Fatalf("task %s: exit %d, want %d; output:\n%s", strings.Join(args, " "), got, code, out)
	}
	return out
}

func (p project) path(rel string) string { return filepath.Join(p.dir, filepath.FromSlash(rel)) }

func (p project) read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(p.path(rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (p project) write(t *testing.T, rel, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p.path(rel)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p.path(rel), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// baseEnv is the environment without variables that change go-task's, Go's or Terraform's
// behaviour from the outside.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TASK_") || strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "AWS_") ||
			name == "GOFLAGS" || name == "CODEARTIFACT_GEN" || name == "TF" || name == "PLANS" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "NO_COLOR=1", "CHECKPOINT_DISABLE=1")
}

// infraRepo lays out an infrastructure repository as the README describes it: go.mod pinning
// codeartifact-gen with the tool directive (here replaced by this checkout, offline), the
// example spec, and the Taskfile `kit --target infra` renders.
func infraRepo(t *testing.T) project {
	t.Helper()
	task := requireTask(t)
	root := repoRoot(t)
	p := project{dir: t.TempDir(), task: task}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	// The tool's own requirements, so that go tool builds it with nothing to download.
	_, requires, ok := strings.Cut(string(gomod), "\nrequire (")
	if !ok {
		t.Fatal("go.mod has no require block")
	}
	p.write(t, "go.mod", fmt.Sprintf("module example.com/infra\n\ngo 1.26.8\n\ntool github.com/ontopix/codeartifact-gen/cmd/codeartifact-gen\n\n"+
		"require github.com/ontopix/codeartifact-gen v0.0.0\n\nreplace github.com/ontopix/codeartifact-gen => %s\n\nrequire (%s", root, requires))
	for _, f := range []struct{ from, to string }{
		{"go.sum", "go.sum"},
		{"specs/ontopix.yaml", "specs/ontopix.yaml"},
		{"testdata/kit/infra/Taskfile.yaml", "Taskfile.yaml"},
	} {
		b, err := os.ReadFile(filepath.Join(root, f.from))
		if err != nil {
			t.Fatal(err)
		}
		p.write(t, f.to, string(b))
	}
	p.env = append(baseEnv(), "GOPROXY=off", "GOFLAGS=-mod=readonly")
	return p
}

// TestInfraTaskfile runs the rendered Taskfile's gen, check and validate through go tool:
// exit codes survive (task -x check exits 3 on stale output, validate 1 on spec errors), and
// gen renders again when a generated file was deleted or edited, not only when a spec changed.
func TestInfraTaskfile(t *testing.T) {
	p := infraRepo(t)
	p.want(t, 0, "-x", "gen")
	iam := p.read(t, "out/ontopix/iam.tf")
	p.want(t, 0, "-x", "check")
	// The fingerprint is taken before gen writes; the second run records the rendered out/.
	p.want(t, 0, "-x", "gen")
	if out := p.want(t, 0, "-x", "gen"); !strings.Contains(out, `Task "gen" is up to date`) {
		t.Errorf("gen with nothing changed should be up to date:\n%s", out)
	}

	t.Run("deleted output is rendered again", func(t *testing.T) {
		if err := os.Remove(p.path("out/ontopix/iam.tf")); err != nil {
			t.Fatal(err)
		}
		if out := p.want(t, 0, "-x", "gen"); strings.Contains(out, "up to date") {
			t.Errorf("gen after deleting out/ontopix/iam.tf says up to date:\n%s", out)
		}
		if got := p.read(t, "out/ontopix/iam.tf"); got != iam {
			t.Error("gen did not restore out/ontopix/iam.tf")
		}
	})

	t.Run("edited output: check exits 3, gen restores it", func(t *testing.T) {
		main := p.read(t, "out/ontopix/main.tf")
		p.write(t, "out/ontopix/main.tf", main+"# edited by hand\n")
		out := p.want(t, 3, "-x", "check")
		if !strings.Contains(out, "out/ontopix/main.tf") {
			t.Errorf("check does not name the edited file:\n%s", out)
		}
		// Without -x go-task reports its own code for any failed command.
		p.want(t, 201, "check")
		p.want(t, 0, "-x", "gen")
		if p.read(t, "out/ontopix/main.tf") != main {
			t.Error("gen did not restore out/ontopix/main.tf")
		}
		p.want(t, 0, "-x", "check")
	})

	t.Run("stale after a spec change: check exits 3", func(t *testing.T) {
		spec := p.read(t, "specs/ontopix.yaml")
		defer p.write(t, "specs/ontopix.yaml", spec)
		changed := strings.Replace(spec, "description: Cache of the public npm registry.", "description: The public npm registry, cached.", 1)
		if changed == spec {
			t.Fatal("could not change the spec")
		}
		p.write(t, "specs/ontopix.yaml", changed)
		p.want(t, 0, "-x", "validate")
		p.want(t, 3, "-x", "check")
		p.write(t, "specs/ontopix.yaml", spec+"unknown_key: 1\n")
		out := p.want(t, 1, "-x", "validate")
		if !strings.Contains(out, "unknown_key") {
			t.Errorf("validate does not name the unknown key:\n%s", out)
		}
	})
}

// tofuEnv returns p's environment plus what runs OpenTofu offline against the schema
// provider (see internal/tofuverify): dev_overrides for hashicorp/aws and hashicorp/awscc
// (package groups), the schemas, and a proxy that refuses connections.
func tofuEnv(t *testing.T, p project) []string {
	t.Helper()
	root := repoRoot(t)
	providerDir, err := tofuverify.BuildProvider(context.Background(), root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cliConfig := filepath.Join(t.TempDir(), "cli.tfrc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"hashicorp/aws\" = %q\n    \"hashicorp/awscc\" = %q\n  }\n  direct {}\n}\n", providerDir, providerDir)
	if err := os.WriteFile(cliConfig, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return append(p.env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		tofuverify.SchemaEnv+"="+filepath.Join(root, tofuverify.SchemaRelPath),
		tofuverify.AWSCCSchemaEnv+"="+filepath.Join(root, tofuverify.AWSCCSchemaRelPath),
		"HTTP_PROXY=http://127.0.0.1:9", "HTTPS_PROXY=http://127.0.0.1:9",
	)
}

// TestInfraPlan runs infra:plan against the offline provider: it renders first (a deleted
// file comes back into the plan), plans every root with -detailed-exitcode passed through
// (exit 2: changes), saves one plan per root, and infra:apply applies saved plans only.
func TestInfraPlan(t *testing.T) {
	p := infraRepo(t)
	tofu := tofuverify.RequireTofu(t)
	p.env = tofuEnv(t, p)
	tf := "TF=" + tofu

	t.Run("apply without a plan", func(t *testing.T) {
		code, out := p.run(t, "-x", tf, "infra:apply")
		if code == 0 || !strings.Contains(out, "no saved plan in .tfplans/") {
			t.Errorf("infra:apply without a plan: exit %d, output:\n%s", code, out)
		}
	})

	p.want(t, 0, "-x", "gen")
	if err := os.Remove(p.path("out/ontopix/iam.tf")); err != nil {
		t.Fatal(err)
	}
	out := p.want(t, 2, "-x", tf, "infra:plan")
	if !strings.Contains(out, "-detailed-exitcode") {
		t.Errorf("infra:plan output:\n%s", out)
	}
	show := exec.Command(tofu, "-chdir=out/ontopix", "show", "-json", filepath.Join(p.dir, ".tfplans", "ontopix.tfplan"))
	show.Dir, show.Env = p.dir, p.env
	planJSON, err := show.Output()
	if err != nil {
		t.Fatalf("tofu show of the saved plan: %v\n%s", err, out)
	}
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(planJSON, &plan); err != nil {
		t.Fatal(err)
	}
	creates := map[string]bool{}
	for _, rc := range plan.ResourceChanges {
		if reflect.DeepEqual(rc.Change.Actions, []string{"create"}) {
			creates[rc.Address] = true
		}
	}
	for _, addr := range []string{"aws_codeartifact_domain.ontopix", "aws_iam_role.githubactions_codeartifact_publishrole"} {
		if !creates[addr] {
			t.Errorf("the saved plan does not create %s (iam.tf rendered again before planning?); creates: %v", addr, creates)
		}
	}

	t.Run("apply uses the saved plan", func(t *testing.T) {
		// The offline provider refuses to apply; what matters is what infra:apply ran.
		code, out := p.run(t, "-x", tf, "infra:apply")
		if code == 0 || !strings.Contains(out, "-chdir=out/ontopix apply .tfplans/ontopix.tfplan") {
			t.Errorf("infra:apply: exit %d, output:\n%s", code, out)
		}
	})

	t.Run("a failed render keeps no plan", func(t *testing.T) {
		p.want(t, 2, "-x", tf, "infra:plan")
		// A directory with no spec: gen refuses it (closed world), before any plan.
		p.write(t, "out/orphan/main.tf", "# hand-written\n")
		defer os.RemoveAll(p.path("out/orphan"))
		if code, out := p.run(t, "-x", tf, "infra:plan"); code == 0 || code == 2 {
			t.Errorf("infra:plan with out/orphan: exit %d, want a failure; output:\n%s", code, out)
		}
		if _, err := os.Stat(p.path(".tfplans")); !os.IsNotExist(err) {
			t.Errorf("the previous run's plans are still there for infra:apply (stat: %v)", err)
		}
	})

	t.Run("a failed plan keeps no plan", func(t *testing.T) {
		// A second spec whose domain is pinned to account 012345678901: its plan fails the
		// precondition against the offline provider's 111122223333; ontopix's plan succeeds.
		spec, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "cases", "full-options", "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		p.write(t, "specs/second.yaml", string(spec))
		defer func() {
			os.Remove(p.path("specs/second.yaml"))
			os.RemoveAll(p.path("out/second"))
		}()
		code, out := p.run(t, "-x", tf, "infra:plan")
		if code != 1 || !strings.Contains(out, "012345678901") {
			t.Errorf("infra:plan with a failing root: exit %d, want 1 and the precondition's message; output:\n%s", code, out)
		}
		if _, err := os.Stat(p.path(".tfplans")); !os.IsNotExist(err) {
			t.Errorf("plans were kept after a failed plan (stat: %v)", err)
		}
	})
}

// taskfile is the part of a Taskfile the comparison reads.
type taskfile struct {
	Vars  map[string]any
	Tasks map[string]struct {
		Desc          string
		Cmds          []any
		Preconditions []any
	}
}

func readTaskfile(t *testing.T, path string) taskfile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tf taskfile
	if err := yaml.Unmarshal(b, &tf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return tf
}

// TestRootTaskfileMatchesKit: this repository's own gen, check, validate and infra:* tasks run
// the same commands as the Taskfile `kit --target infra` renders, so that what the tests
// prove of one holds for the other.
func TestRootTaskfileMatchesKit(t *testing.T) {
	root := repoRoot(t)
	mine := readTaskfile(t, filepath.Join(root, "Taskfile.yaml"))
	kit := readTaskfile(t, filepath.Join(root, "testdata", "kit", "infra", "Taskfile.yaml"))
	for _, name := range []string{"gen", "check", "validate", "infra:init", "infra:plan", "infra:apply"} {
		a, b := mine.Tasks[name], kit.Tasks[name]
		if len(b.Cmds) == 0 {
			t.Errorf("the kit's Taskfile has no task %s", name)
		}
		if !reflect.DeepEqual(a.Cmds, b.Cmds) || !reflect.DeepEqual(a.Preconditions, b.Preconditions) || a.Desc != b.Desc {
			t.Errorf("task %s differs between Taskfile.yaml and testdata/kit/infra/Taskfile.yaml", name)
		}
	}
	for _, v := range []string{"TF", "PLANS"} {
		if mine.Vars[v] != kit.Vars[v] {
			t.Errorf("var %s: %v here, %v in the kit", v, mine.Vars[v], kit.Vars[v])
		}
	}
}

// TestRootTaskfile runs this repository's Taskfile on a copy of the checkout: the binary is
// built from the copy, task -x check exits 3 when out/ is stale, and gen repairs it.
func TestRootTaskfile(t *testing.T) {
	task := requireTask(t)
	root := repoRoot(t)
	ls := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	ls.Dir = root
	list, err := ls.Output()
	if err != nil {
		t.Fatalf("git ls-files (the test copies the checkout's files): %v", err)
	}
	p := project{dir: t.TempDir(), task: task, env: append(baseEnv(), "GOPROXY=off", "GOFLAGS=-mod=readonly")}
	for _, f := range bytes.Split(bytes.TrimRight(list, "\x00"), []byte{0}) {
		src := filepath.Join(root, string(f))
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the working tree, or not a file
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := p.path(string(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	p.want(t, 0, "-x", "check")
	if _, err := os.Stat(p.path("bin/codeartifact-gen")); err != nil {
		t.Fatalf("check did not build bin/codeartifact-gen: %v", err)
	}
	iam := p.read(t, "out/ontopix/iam.tf")
	if err := os.Remove(p.path("out/ontopix/iam.tf")); err != nil {
		t.Fatal(err)
	}
	p.want(t, 3, "-x", "check")
	p.want(t, 0, "-x", "gen")
	if p.read(t, "out/ontopix/iam.tf") != iam {
		t.Error("gen did not restore out/ontopix/iam.tf")
	}
	p.want(t, 0, "-x", "check")
}
