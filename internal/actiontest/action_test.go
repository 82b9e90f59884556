// Package actiontest tests the repository's GitHub Action (action.yml at the root): actionlint
// on its metadata and on its steps, and its scripts run for real against a release laid out as
// .goreleaser.yaml publishes it.
package actiontest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"
)

const actionPath = "../../action.yml"

// action is action.yml, decoded strictly.
type action struct {
	Name        string
	Description string
	Author      string
	Branding    struct{ Icon, Color string }
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Outputs map[string]struct{ Description, Value string }
	Runs    struct {
		Using string
		Steps []step
	}
}

type step struct {
	Name             string
	ID               string `yaml:"id"`
	Shell            string
	Env              map[string]string
	Run              string
	WorkingDirectory string `yaml:"working-directory"`
	Uses             string
	If               string `yaml:"if"`
}

func readAction(t *testing.T) (action, []byte) {
	t.Helper()
	src, err := os.ReadFile(actionPath)
	if err != nil {
		t.Fatal(err)
	}
	var a action
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, src
}

func newLinter(t *testing.T) *actionlint.Linter {
	t.Helper()
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestActionStructure: a composite action whose scripts take inputs only through env (no
// ${{ }} inside a script, so no input can inject shell), every script in bash with -e, and any
// uses: pinned to a commit.
func TestActionStructure(t *testing.T) {
	a, _ := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	if in, ok := a.Inputs["version"]; !ok || !in.Required || in.Default != nil {
		t.Errorf("input version must be required, without a default: %+v", in)
	}
	for _, name := range []string{"command", "args", "working-directory", "checksums-sha256", "download-url"} {
		if in, ok := a.Inputs[name]; !ok || in.Required || in.Default == nil {
			t.Errorf("input %s must exist, be optional and have a default", name)
		}
	}
	pinned := regexp.MustCompile(`^[^@]+@[0-9a-f]{40}$`)
	for i, s := range a.Runs.Steps {
		switch {
		case s.Uses != "":
			if !pinned.MatchString(s.Uses) {
				t.Errorf("step %d uses %q: pin it to a full commit SHA", i, s.Uses)
			}
		case s.Shell != "bash":
			t.Errorf("step %d (%s): shell %q, want bash", i, s.Name, s.Shell)
		case strings.Contains(s.Run, "${{"):
			t.Errorf("step %d (%s): an expression inside run: pass inputs through env instead", i, s.Name)
		case !strings.HasPrefix(s.Run, "set -euo pipefail\n"):
			t.Errorf("step %d (%s): script must start with set -euo pipefail", i, s.Name)
		}
	}
}

// TestActionlintMetadata: actionlint checks a local action's metadata (name, description,
// branding, runs, inputs) when a workflow uses it; a workflow calling the action with its
// inputs is clean, and one with an unknown input or without the required version is not.
func TestActionlintMetadata(t *testing.T) {
	_, src := readAction(t)
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "action.yml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, ".github", "workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	proj, err := actionlint.NewProject(root)
	if err != nil {
		t.Fatal(err)
	}
	workflow := func(with string) []byte {
		return []byte(`on: pull_request
permissions: {contents: read}
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        with:
` + with)
	}
	good := "          version: v1.2.3\n          command: diff\n          args: --base origin/main --fail-on widened,destructive\n          checksums-sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
	l := newLinter(t)
	errs, err := l.Lint(filepath.Join(root, ".github", "workflows", "good.yaml"), workflow(good), proj)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s", e)
	}
	errs, err = l.Lint(filepath.Join(root, ".github", "workflows", "bad.yaml"), workflow("          command: check\n          colour: blue\n"), proj)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, `"colour"`) || !strings.Contains(all, `"version"`) {
		t.Errorf("actionlint should report the unknown input colour and the missing version, got:\n%s", all)
	}
}

// TestActionlintSteps lints the action's steps as the steps of a reusable workflow with the
// same inputs, so that actionlint checks their expressions (input names, step outputs),
// their keys and their scripts (with shellcheck, when it is installed) as it would a
// workflow's.
func TestActionlintSteps(t *testing.T) {
	a, src := readAction(t)
	var doc struct {
		Runs struct {
			Steps yaml.Node
		}
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]any{}
	for name, in := range a.Inputs {
		spec := map[string]any{"type": "string", "required": in.Required}
		if in.Default != nil {
			spec["default"] = *in.Default
		}
		inputs[name] = spec
	}
	wf := map[string]any{
		"on":          map[string]any{"workflow_call": map[string]any{"inputs": inputs}},
		"permissions": map[string]any{"contents": "read"},
		"jobs": map[string]any{"action": map[string]any{
			"runs-on": "ubuntu-latest",
			"steps":   &doc.Runs.Steps,
		}},
	}
	out, err := yaml.Marshal(wf)
	if err != nil {
		t.Fatal(err)
	}
	shellcheck, _ := exec.LookPath("shellcheck")
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: shellcheck})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint("action-steps.yaml", out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s\n(the action's steps as a workflow:)\n%s", e, out)
	}
	if shellcheck == "" && os.Getenv("CODEARTIFACT_GEN_REQUIRE_SHELLS") == "1" {
		t.Fatal("shellcheck is not installed (apt-get install shellcheck): the action's scripts would go unchecked")
	}
	if shellcheck == "" {
		t.Log("shellcheck is not installed: actionlint checked expressions and keys, not the scripts")
	}
}

// release is a fake release directory: DIR/VERSION/{checksums.txt, archives}, as
// .goreleaser.yaml publishes them, holding a script that stands in for the binary.
type release struct {
	url, version string
	dir          string // DIR/VERSION
}

const fakeBinary = "#!/bin/sh\necho \"fake codeartifact-gen $*\"\n"

func newRelease(t *testing.T, version string) release {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, version)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var sums strings.Builder
	for _, arch := range []string{"amd64", "arm64"} {
		name := "codeartifact-gen_" + strings.TrimPrefix(version, "v") + "_linux_" + arch + ".tar.gz"
		data := tarGz(t, "codeartifact-gen", []byte(fakeBinary))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		sums.WriteString(hex.EncodeToString(sum[:]) + "  " + name + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(sums.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return release{url: "file://" + base, version: version, dir: dir}
}

func tarGz(t *testing.T, name string, content []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name string
		body []byte
	}{{"README.md", []byte("readme\n")}, {name, content}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o755, Size: int64(len(f.body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// runner is what a GitHub runner gives a step: RUNNER_*, GITHUB_OUTPUT and GITHUB_PATH.
type runner struct {
	temp, output, path string
}

func newRunner(t *testing.T) runner {
	t.Helper()
	d := t.TempDir()
	r := runner{temp: filepath.Join(d, "temp"), output: filepath.Join(d, "output"), path: filepath.Join(d, "path")}
	if err := os.Mkdir(r.temp, 0o755); err != nil {
		t.Fatal(err)
	}
	return r
}

// runStep runs the action's step named name as the runner would (bash --noprofile --norc -e
// -o pipefail {0}) with the step's env filled from env (the inputs), and returns its exit
// code and combined output.
func (r runner) runStep(t *testing.T, s step, arch string, env map[string]string) (int, string) {
	t.Helper()
	script := filepath.Join(t.TempDir(), "step.sh")
	if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", script)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"RUNNER_OS=Linux", "RUNNER_ARCH=" + arch, "RUNNER_TEMP=" + r.temp,
		"GITHUB_OUTPUT=" + r.output, "GITHUB_PATH=" + r.path,
	}
	for k := range s.Env {
		v, ok := env[k]
		if !ok {
			t.Fatalf("step %q: no value for env %s", s.Name, k)
		}
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if s.WorkingDirectory != "" {
		cmd.Dir = env["working-directory"]
	}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	}
	t.Fatalf("run step %q: %v", s.Name, err)
	return 0, ""
}

func stepByID(t *testing.T, a action, id string) step {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("action.yml has no step %q", id)
	return step{}
}

func sha256File(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestInstall runs the install step against a fake release: it installs and runs the
// runner's archive when it matches checksums.txt, and refuses a branch for a version, a
// tampered archive, an archive the checksums do not list, and a checksums.txt other than the
// pinned one.
func TestInstall(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the install step runs in bash on a Unix-like runner here")
	}
	a, _ := readAction(t)
	install := stepByID(t, a, "install")
	inputs := func(rel release, version, pin string) map[string]string {
		return map[string]string{"VERSION": version, "DOWNLOAD_URL": rel.url, "CHECKSUMS_SHA256": pin}
	}

	t.Run("installs", func(t *testing.T) {
		rel := newRelease(t, "v1.2.3")
		r := newRunner(t)
		code, out := r.runStep(t, install, "X64", inputs(rel, "v1.2.3", sha256File(t, filepath.Join(rel.dir, "checksums.txt"))))
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, out)
		}
		if !strings.Contains(out, "fake codeartifact-gen version") {
			t.Errorf("install should print the installed version, got:\n%s", out)
		}
		dir := filepath.Join(r.temp, "codeartifact-gen-v1.2.3")
		if got := string(mustRead(t, r.output)); got != "path="+filepath.Join(dir, "codeartifact-gen")+"\n" {
			t.Errorf("GITHUB_OUTPUT = %q", got)
		}
		if got := string(mustRead(t, r.path)); got != dir+"\n" {
			t.Errorf("GITHUB_PATH = %q", got)
		}
		if _, err := os.Stat(filepath.Join(dir, "codeartifact-gen_1.2.3_linux_amd64.tar.gz")); !os.IsNotExist(err) {
			t.Errorf("the archive should be removed after extraction (stat: %v)", err)
		}
	})

	for _, tt := range []struct {
		name, version, arch, pin string
		tamper                   func(t *testing.T, rel release)
		want                     string
	}{
		{name: "a branch", version: "main", arch: "X64", want: "is not a release tag such as v1.2.3"},
		{name: "shell in the version", version: "v1.2.3; rm -rf /", arch: "X64", want: "is not a release tag"},
		{name: "a release that does not exist", version: "v9.9.9", arch: "X64", want: "could not download"},
		{name: "a runner with no archive", version: "v1.2.3", arch: "ARM", want: "no release archive for runner architecture ARM"},
		{name: "another checksums.txt than pinned", version: "v1.2.3", arch: "X64", pin: strings.Repeat("ab", 32), want: "the release changed since it was pinned"},
		{name: "a tampered archive", version: "v1.2.3", arch: "X64", want: "refusing to run it", tamper: func(t *testing.T, rel release) {
			p := filepath.Join(rel.dir, "codeartifact-gen_1.2.3_linux_amd64.tar.gz")
			if err := os.WriteFile(p, tarGz(t, "codeartifact-gen", []byte("#!/bin/sh\necho evil\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "an archive checksums.txt does not list", version: "v1.2.3", arch: "ARM64", want: "lists no codeartifact-gen_1.2.3_linux_arm64.tar.gz", tamper: func(t *testing.T, rel release) {
			p := filepath.Join(rel.dir, "checksums.txt")
			lines := strings.SplitAfter(string(mustRead(t, p)), "\n")
			if err := os.WriteFile(p, []byte(lines[0]), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rel := newRelease(t, "v1.2.3")
			if tt.tamper != nil {
				tt.tamper(t, rel)
			}
			r := newRunner(t)
			code, out := r.runStep(t, install, tt.arch, inputs(rel, tt.version, tt.pin))
			if code == 0 || !strings.Contains(out, "::error title=codeartifact-gen action::") || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, want a failure with an error annotation saying %q; output:\n%s", code, tt.want, out)
			}
			if strings.Contains(out, "fake codeartifact-gen") || strings.Contains(out, "evil") {
				t.Errorf("a refused binary ran:\n%s", out)
			}
			if b, _ := os.ReadFile(r.output); len(b) != 0 {
				t.Errorf("a refused install set outputs: %q", b)
			}
		})
	}
}

// TestRunStep: the second step runs the installed binary with the command, --format github
// and the arguments, and its exit code is the command's; other commands are refused.
func TestRunStep(t *testing.T) {
	a, _ := readAction(t)
	var run step
	for _, s := range a.Runs.Steps {
		if s.ID == "" && s.Run != "" {
			run = s
		}
	}
	bin := filepath.Join(t.TempDir(), "codeartifact-gen")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho \"ran in $(pwd): $*\"\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	for _, tt := range []struct {
		command, args string
		code          int
		want          string
	}{
		{"check", "", 3, "ran in " + work + ": check --format github\n"},
		{"diff", "--base origin/main  --fail-on widened,destructive", 3, ": diff --format github --base origin/main --fail-on widened,destructive\n"},
		{"validate", "--spec specs/*.yaml", 3, ": validate --format github --spec specs/*.yaml\n"},
		{"gen", "", 2, "command 'gen': use validate, check or diff"},
		{"check; echo pwned", "", 2, "use validate, check or diff"},
	} {
		t.Run(tt.command, func(t *testing.T) {
			code, out := newRunner(t).runStep(t, run, "X64", map[string]string{
				"BIN": bin, "COMMAND": tt.command, "ARGS": tt.args, "working-directory": work,
			})
			if code != tt.code || !strings.Contains(out, tt.want) || strings.Contains(out, "pwned\n") {
				t.Errorf("exit %d, output %q; want exit %d and %q", code, out, tt.code, tt.want)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// DistEnv names a goreleaser dist/ directory (a snapshot build, in .ci/run) for
// TestInstallRelease.
const DistEnv = "CODEARTIFACT_GEN_DIST"

// TestInstallRelease installs this platform's archive of a real goreleaser build with the
// action's install step, as a runner would from the release page, and runs the binary: the
// archive names of .goreleaser.yaml and those action.yml computes agree, and the checksums
// verify. .ci/run runs it after the snapshot build.
func TestInstallRelease(t *testing.T) {
	dist := os.Getenv(DistEnv)
	if dist == "" {
		t.Skipf("%s is not set: .ci/run sets it to the snapshot build's dist/", DistEnv)
	}
	arch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	if runtime.GOOS != "linux" || arch == "" {
		// The snapshot was built to be installed here (.ci/run): not running is a failure.
		t.Fatalf("%s is set, but the install step is run for linux/amd64 and linux/arm64, not %s/%s", DistEnv, runtime.GOOS, runtime.GOARCH)
	}
	sums := string(mustRead(t, filepath.Join(dist, "checksums.txt")))
	m := regexp.MustCompile(`(?m)^[0-9a-f]{64}  codeartifact-gen_(\S+)_linux_` + runtime.GOARCH + `\.tar\.gz$`).FindStringSubmatch(sums)
	if m == nil {
		t.Fatalf("checksums.txt lists no linux/%s archive:\n%s", runtime.GOARCH, sums)
	}
	version := "v" + m[1]
	base := t.TempDir()
	abs, err := filepath.Abs(dist)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, filepath.Join(base, version)); err != nil {
		t.Fatal(err)
	}
	a, _ := readAction(t)
	r := newRunner(t)
	code, out := r.runStep(t, stepByID(t, a, "install"), arch, map[string]string{
		"VERSION": version, "DOWNLOAD_URL": "file://" + base,
		"CHECKSUMS_SHA256": sha256File(t, filepath.Join(dist, "checksums.txt")),
	})
	if code != 0 {
		t.Fatalf("install %s: exit %d:\n%s", version, code, out)
	}
	if !strings.Contains(out, "codeartifact-gen v") || !strings.Contains(out, "\nrevision: ") {
		t.Errorf("the installed binary's version output:\n%s", out)
	}
	bin := strings.TrimPrefix(strings.TrimSpace(string(mustRead(t, r.output))), "path=")
	got, err := exec.Command(bin, "schema").Output()
	if err != nil || !strings.Contains(string(got), "draft-07") {
		t.Errorf("%s schema: %v", bin, err)
	}
}
