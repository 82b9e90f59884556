package kit

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/internal/tofuverify"
)

// fakeCommands stand in for the AWS CLI and every package tool when the kit's Taskfiles run:
// each logs its arguments and the variables that carry CodeArtifact credentials.
var fakeCommands = []string{"aws", "npm", "pnpm", "yarn", "pip", "python", "twine", "uv", "poetry", "mvn", "java", "dotnet", "cargo"}

// TestTaskfilesRunWithGoTask runs every golden kit's Taskfile with go-task v3.54.0 (TASK_BIN,
// as ./scripts/test builds it), fake tools on PATH and an empty HOME: every task gets its own
// token that lives as long as a role session, hands it to the tool in its variables, and
// writes nothing outside the project.
func TestTaskfilesRunWithGoTask(t *testing.T) {
	task := os.Getenv("TASK_BIN")
	if task == "" {
		msg := "TASK_BIN is not set: TASK_BIN=$(scripts/build-gotool github.com/go-task/task/v3/cmd/task v3.54.0)"
		if os.Getenv(tofuverify.RequireTofuEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip("skipping the go-task runs: " + msg)
	}
	for _, c := range goldenCases {
		if c.spec == "" || !strings.HasPrefix(c.name, "tool-") && c.name != "ontopix-npm" {
			continue // one run per tool, and the ontopix example
		}
		t.Run(c.name, func(t *testing.T) {
			k, err := Render(load(t, c.spec), c.req)
			if err != nil {
				t.Fatal(err)
			}
			dir, home, bin := t.TempDir(), t.TempDir(), t.TempDir()
			log := filepath.Join(dir, "calls.log")
			for _, name := range append(fakeCommands, "gradlew") {
				path := filepath.Join(bin, name)
				if name == "gradlew" {
					path = filepath.Join(dir, name)
				}
				script := "#!/bin/sh\n" +
					`if [ "$(basename "$0")" = aws ]; then echo "TOKEN-FOR-$*" | tr ' ' '_'; fi` + "\n" +
					`{ echo "CALL $(basename "$0") $*"; env | grep -E '^(CODEARTIFACT_|PIP_|UV_|POETRY_|TWINE_|CARGO_|NuGet)' | sort; } >> "` + log + "\"\n"
				if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, TaskfilePath), fileOf(t, k, TaskfilePath), 0o644); err != nil {
				t.Fatal(err)
			}
			tasks := []string{"deps:login", "deps:install"}
			if k.Jobs[len(k.Jobs)-1].Workflow == ReleasePath {
				tasks = append(tasks, "release:publish")
			}
			cmd := exec.Command(task, append([]string{"--taskfile", TaskfilePath}, tasks...)...)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + bin + ":/usr/bin:/bin", "HOME=" + home, "AWS_ACCOUNT_ID=123456789012"}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("task %v: %v\n%s", tasks, err, out)
			}
			if !strings.Contains(string(out), "export CODEARTIFACT_AUTH_TOKEN='TOKEN-FOR-codeartifact_get-authorization-token_") {
				t.Errorf("deps:login printed:\n%s", out)
			}
			calls, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			text := string(calls)
			if !strings.Contains(text, "CALL aws codeartifact get-authorization-token ") || !strings.Contains(text, " --duration-seconds 3600 ") || strings.Contains(text, "codeartifact login") {
				t.Errorf("the AWS CLI was called otherwise")
			}
			tool := lookupTool(c.req.Tool)
			env := append([]envVar{tokenEnv}, tool.Env...)
			for _, e := range env {
				value := strings.ReplaceAll(e.Value, "$token", "TOKEN-FOR-codeartifact_get-authorization-token")
				value = strings.ReplaceAll(value, "$CODEARTIFACT_URL", "https://")
				want, _, _ := strings.Cut(e.Name+"="+value, "$")
				if !strings.Contains(text, want) {
					t.Errorf("%s did not reach the tool", want)
				}
			}
			if entries, _ := os.ReadDir(home); len(entries) > 0 {
				t.Errorf("the tasks wrote %d entries into HOME", len(entries))
			}
		})
	}
}
