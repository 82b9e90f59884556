package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpOnStdout checks that every way of asking for help prints the help on standard
// output, nothing on standard error, and exits 0.
func TestHelpOnStdout(t *testing.T) {
	workspace(t)
	cases := [][]string{{"--help"}, {"-h"}, {"help"}}
	for _, c := range commands() {
		cases = append(cases, []string{c.name, "--help"}, []string{c.name, "-h"}, []string{"help", c.name})
	}
	for _, args := range cases {
		code, out, errOut := run(t, args...)
		want := "Usage: codeartifact-gen COMMAND"
		if len(args) == 2 {
			name := args[0]
			if name == "help" {
				name = args[1]
			}
			want = "Usage: codeartifact-gen " + name + " "
		}
		if code != ExitOK || errOut != "" || !strings.HasPrefix(out, want) {
			t.Errorf("%v: exit %d, stdout starts %q, stderr %q; want exit 0, %q on stdout only", args, code, firstLine(out), errOut, want)
		}
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Fatal("asking for help wrote files")
	}
}

func firstLine(s string) string { line, _, _ := strings.Cut(s, "\n"); return line }

// TestUsageErrorsAreCoded checks that unknown commands and flags and bad values get a
// coded message, a suggestion where one is close, the help, and exit 2, and never Go's
// bare "flag provided but not defined".
func TestUsageErrorsAreCoded(t *testing.T) {
	workspace(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"gne"}, []string{"codeartifact-gen: error[CLI001]: unknown command \"gne\"", "Did you mean gen?", "Usage: codeartifact-gen COMMAND"}},
		{[]string{"valid"}, []string{"error[CLI001]", "Did you mean validate?"}},
		{[]string{"help", "simulte"}, []string{"error[CLI001]", "Did you mean simulate?"}},
		{[]string{"frobnicate"}, []string{"error[CLI001]: unknown command \"frobnicate\"\n\nUsage:"}},
		{[]string{"gen", "--spek", "x"}, []string{"codeartifact-gen gen: error[CLI002]: unknown flag --spek", "Did you mean --spec?", "Usage: codeartifact-gen gen "}},
		{[]string{"diff", "-fail-of", "widened"}, []string{"error[CLI002]: unknown flag --fail-of", "Did you mean --fail-on?"}},
		{[]string{"check", "--format", "xml"}, []string{"error[CLI003]: unknown format \"xml\": use text, json or github-actions (alias github)"}},
		{[]string{"gen", "--spec="}, []string{"error[CLI003]: invalid value \"\" for flag --spec: the spec file name is empty"}},
		{[]string{"gen", "--spec"}, []string{"error[CLI003]: flag needs an argument: --spec"}},
		{[]string{"gen", "--spec", "specs"}, []string{"error[CLI005]: spec specs is a directory; give a spec file, for example specs/ontopix.yaml"}},
		{[]string{"gen", "--spec", "missing.yaml"}, []string{"error[CLI005]: spec missing.yaml does not exist"}},
		{[]string{"gen", "extra"}, []string{"error[CLI004]: unexpected argument \"extra\""}},
		{[]string{"simulate"}, []string{"codeartifact-gen simulate: error[CLI007]: give either --repo"}},
		{[]string{"completion", "bahs"}, []string{"error[CLI003]: unknown shell \"bahs\"", "Did you mean bash?"}},
		{[]string{"completion"}, []string{"error[CLI004]: name one shell"}},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, tt.args...)
		if code != ExitUsage || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want exit 2 and nothing on stdout", tt.args, code, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", tt.args, w, errOut)
			}
		}
		if strings.Contains(errOut, "provided but not defined") || strings.Contains(errOut, "is a directory\n") && !strings.Contains(errOut, "give a spec file") {
			t.Errorf("%v: stderr holds a bare Go error:\n%s", tt.args, errOut)
		}
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Fatal("a usage error wrote files")
	}
}

// oneJSONDocument fails unless s is exactly one JSON value (and white space).
func oneJSONDocument(t *testing.T, what, s string) []map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	var v []map[string]any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: stdout is not a JSON array: %v\n%s", what, err, s)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		t.Fatalf("%s: stdout holds more than one JSON document:\n%s", what, s)
	}
	return v
}

// TestMachineFormatsOnStdout checks that json and github-actions output is the only thing
// on standard output, one document, and that the sentences for people go to stderr.
func TestMachineFormatsOnStdout(t *testing.T) {
	workspace(t)
	writeFile(t, "bad.yaml", []byte("version: 1\nfoo: bar\n"))

	code, out, errOut := run(t, "validate", "--format", "json")
	if v := oneJSONDocument(t, "validate", out); code != ExitOK || len(v) != 0 || errOut != "1 spec(s) valid\n" {
		t.Errorf("validate --format json: exit %d, %d diagnostics, stderr %q", code, len(v), errOut)
	}
	code, out, errOut = run(t, "validate", "--spec", "bad.yaml", "--format", "json")
	v := oneJSONDocument(t, "validate bad.yaml", out)
	if code != ExitSpec || len(v) == 0 || strings.Contains(errOut, "nothing written") || strings.Contains(errOut, "{") {
		t.Errorf("validate bad.yaml --format json: exit %d, %d diagnostics, stderr %q", code, len(v), errOut)
	}
	for _, d := range v {
		if d["code"] == nil || d["code"] == "" {
			t.Errorf("a JSON diagnostic without a code: %v", d)
		}
	}

	if code, out, errOut = run(t, "gen", "--format", "json"); code != ExitOK || strings.TrimSpace(out) != "[]" || !strings.Contains(errOut, "wrote out/ontopix/main.tf") {
		t.Errorf("gen --format json: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = run(t, "check", "--format", "json")
	if v := oneJSONDocument(t, "check", out); code != ExitOK || len(v) != 0 || errOut != "generated files are up to date\n" {
		t.Errorf("check --format json (fresh): exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	os.Remove("out/ontopix/outputs.tf")
	writeFile(t, "out/ontopix/iam.tf", append(mustRead(t, "out/ontopix/iam.tf"), '\n'))
	code, out, errOut = run(t, "check", "--format", "json")
	v = oneJSONDocument(t, "check stale", out)
	if code != ExitStale || len(v) != 2 || v[0]["code"] != "OUT001" || v[1]["code"] != "OUT002" || strings.Contains(errOut, "[") {
		t.Errorf("check --format json (stale): exit %d, stdout %s, stderr %q", code, out, errOut)
	}
	for _, name := range []string{"github-actions", "github"} {
		code, out, _ = run(t, "check", "--format", name)
		if code != ExitStale || strings.Count(out, "::error ") != 2 || !strings.Contains(out, "title=codeartifact-gen OUT002::generated file is missing") {
			t.Errorf("check --format %s: exit %d:\n%s", name, code, out)
		}
	}
}

// TestValidateSaysNothingAboutWriting checks the text summary of a failed validate.
func TestValidateSaysNothingAboutWriting(t *testing.T) {
	workspace(t)
	writeFile(t, "bad.yaml", []byte("version: 1\nfoo: bar\n"))
	code, _, errOut := run(t, "validate", "--spec", "bad.yaml")
	if code != ExitSpec || strings.Contains(errOut, "nothing written") || !strings.Contains(errOut, "error(s), 0 warning(s).\n") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

// TestPathsFromRepositoryRoot runs from specs/ and from a subdirectory: output goes to
// the repository's out/, headers name the spec from the root, diagnostics as given.
func TestPathsFromRepositoryRoot(t *testing.T) {
	root := workspace(t)
	if err := os.Chdir("specs"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "gen", "--spec", "ontopix.yaml")
	if code != ExitOK || !strings.Contains(out, "wrote ../out/ontopix/main.tf") {
		t.Fatalf("gen from specs/: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Fatal("gen from specs/ wrote specs/out/")
	}
	header := "# Code generated by codeartifact-gen from specs/ontopix.yaml. DO NOT EDIT.\n"
	if b := mustRead(t, filepath.Join(root, "out/ontopix/main.tf")); !bytes.HasPrefix(b, []byte(header)) {
		t.Errorf("the header names the spec relative to the working directory:\n%s", firstLine(string(b)))
	}
	// Without --spec, the repository's specs are found from below the root too.
	if code, out, errOut := run(t, "check"); code != ExitOK {
		t.Errorf("check from specs/ without --spec: exit %d\n%s%s", code, out, errOut)
	}
	t.Chdir(root)
	if code, out, _ := run(t, "check"); code != ExitOK {
		t.Errorf("check from the root after gen from specs/: exit %d\n%s", code, out)
	}
	// Diagnostics name the spec as given.
	t.Chdir(filepath.Join(root, "specs"))
	writeFile(t, "bad.yaml", []byte("version: 1\nfoo: bar\n"))
	if _, _, errOut := run(t, "validate", "--spec", "./bad.yaml"); !strings.Contains(errOut, "\nbad.yaml:2:1: error[SPEC022]: spec: unknown key \"foo\"") {
		t.Errorf("diagnostics do not name the spec as given:\n%s", errOut)
	}
}

// TestSimulateExpect checks that simulate can fail a pipeline.
func TestSimulateExpect(t *testing.T) {
	workspace(t)
	tag := []string{"simulate", "--repo", "ontopix/lib", "--ref", "refs/tags/v1.2.0"}
	evil := []string{"simulate", "--sub", "repo:ontopix-evil/x:ref:refs/heads/main"}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{append(tag, "--expect", "allow"), ExitOK, ""},
		{append(tag, "--expect", "deny"), ExitFailOn, "error[CLI010]: expected deny, but the token may assume GitHubActions-CodeArtifact-PublishRole, GitHubActions-CodeArtifact-ReadRole"},
		{append(tag, "--expect", "allow", "--role", "GitHubActions-CodeArtifact-PublishRole"), ExitOK, ""},
		{append(tag, "--expect", "deny", "--role", "GitHubActions-CodeArtifact-SensitiveRepo"), ExitOK, ""},
		{append(tag, "--expect", "allow", "--role", "GitHubActions-CodeArtifact-SensitiveRepo"), ExitFailOn, "expected allow, but not for GitHubActions-CodeArtifact-SensitiveRepo ("},
		{append(evil, "--expect", "deny"), ExitOK, ""},
		{append(evil, "--expect", "allow"), ExitFailOn, "expected allow, but no role may be assumed"},
		{append(tag, "--expect", "allow", "--role", "GitHubActions-CodeArtifact-ReadRol"), ExitUsage, "Did you mean GitHubActions-CodeArtifact-ReadRole?"},
		{append(tag, "--expect", "maybe"), ExitUsage, "error[CLI003]: --expect takes allow or deny"},
		{append(tag, "--role", "x"), ExitUsage, "error[CLI007]"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, want %d; stderr lacks %q:\n%s", tt.args[5:], code, tt.code, tt.want, errOut)
		}
		if code != ExitUsage && !strings.Contains(out, "Token claims:") {
			t.Errorf("%v: the verdicts are not printed:\n%s", tt.args[5:], out)
		}
	}
}

// TestEveryCommandAnswersTheProbe checks that every command defines its flags with
// newFlags and parses them before doing anything, which completion relies on.
func TestEveryCommandAnswersTheProbe(t *testing.T) {
	workspace(t)
	for _, c := range commands() {
		if probeFlags(c) == nil {
			t.Errorf("command %s does not answer the flag probe: define its flags with newFlags and call parseFlags or parseArgs first", c.name)
		}
	}
}

// completionScript returns the script of shell, written to a file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	code, out, errOut := run(t, "completion", shell)
	if code != ExitOK || errOut != "" {
		t.Fatalf("completion %s: exit %d: %s", shell, code, errOut)
	}
	path := filepath.Join(t.TempDir(), "completion."+shell)
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func shellOutput(t *testing.T, shell string, args ...string) string {
	t.Helper()
	out, err := exec.Command(shell, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", shell, args, err, out)
	}
	return string(out)
}

// TestCompletionBash loads the script into bash and asks it to complete.
func TestCompletionBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	workspace(t)
	script := completionScript(t, "bash")
	shellOutput(t, "bash", "-n", script)
	complete := func(line string) string {
		words := strings.Fields(line)
		if strings.HasSuffix(line, " ") {
			words = append(words, "")
		}
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, "'"+w+"'")
		}
		prog := "source " + script + "; COMP_WORDS=(" + strings.Join(quoted, " ") + "); COMP_CWORD=" +
			string(rune('0'+len(words)-1)) + "; _codeartifact_gen; printf '%s\\n' \"${COMPREPLY[@]}\""
		return shellOutput(t, "bash", "-c", prog)
	}
	tests := map[string]string{
		"codeartifact-gen va":                 "validate\n",
		"codeartifact-gen ":                   "gen\ncheck\nvalidate\nexplain\nsimulate\ndiff\nimport\nkit\nschema\ncompletion\nversion\nhelp\n--help\n",
		"codeartifact-gen gen --f":            "--format\n",
		"codeartifact-gen gen --format ":      "text\njson\ngithub-actions\ngithub\n",
		"codeartifact-gen simulate --expect ": "allow\ndeny\n",
		"codeartifact-gen kit --target i":     "infra\n",
		"codeartifact-gen completion ":        "bash\nzsh\nfish\n",
		"codeartifact-gen help si":            "simulate\n",
		"codeartifact-gen gen --spec specs/o": "specs/ontopix.yaml\n",
	}
	for line, want := range tests {
		if got := complete(line); got != want {
			t.Errorf("%q: completions %q, want %q", line, got, want)
		}
	}
}

// TestCompletionFish asks fish itself to complete, when fish is installed.
func TestCompletionFish(t *testing.T) {
	if _, err := exec.LookPath("fish"); err != nil {
		skipUnlessRequired(t, "fish is not installed (apt-get install fish); bash's test covers the shared data")
	}
	workspace(t)
	script := completionScript(t, "fish")
	shellOutput(t, "fish", "--no-execute", script)
	tests := map[string][]string{
		"codeartifact-gen va":              {"validate\treport every problem"},
		"codeartifact-gen check --format ": {"text", "json", "github-actions", "github"},
		"codeartifact-gen diff --fail-on ": {"widened", "destructive", "widened,destructive"},
		"codeartifact-gen simulate --exp":  {"--expect\texit 4 unless the verdict is this"},
		"codeartifact-gen completion ":     {"bash", "zsh", "fish"},
		"codeartifact-gen help ex":         {"explain"},
	}
	for line, want := range tests {
		got := shellOutput(t, "fish", "--no-config", "-c", "source "+script+"; complete -C '"+line+"'")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: completions lack %q:\n%s", line, w, got)
			}
		}
	}
}

// TestCompletionZsh parses the script with zsh and loads it under compinit, when zsh is
// installed. (Driving zsh's completion widget needs a terminal; the words and values are
// the ones bash's and fish's tests check, from the same data.)
func TestCompletionZsh(t *testing.T) {
	if _, err := exec.LookPath("zsh"); err != nil {
		skipUnlessRequired(t, "zsh is not installed (apt-get install zsh)")
	}
	workspace(t)
	script := completionScript(t, "zsh")
	shellOutput(t, "zsh", "-n", script)
	got := shellOutput(t, "zsh", "-f", "-c", "autoload -U compinit && compinit -u -D && source "+script+" && print -r -- ${_comps[codeartifact-gen]} && whence -w _codeartifact_gen")
	if got != "_codeartifact_gen\n_codeartifact_gen: function\n" {
		t.Errorf("zsh did not register the completion function:\n%s", got)
	}
}

// skipUnlessRequired skips the test with reason, or fails it when
// CODEARTIFACT_GEN_REQUIRE_SHELLS=1 (set by .ci/run, which installs the shells), so that
// CI never reports a skipped shell check as a pass.
func skipUnlessRequired(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("CODEARTIFACT_GEN_REQUIRE_SHELLS") == "1" {
		t.Fatal(reason)
	}
	t.Skip(reason)
}
