package kit

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestInfraWorkflowGates: the infrastructure repository's workflow runs the pinned tool (go
// tool, never go run or a branch), diffs every spec (no --spec), posts the comment before the
// gate, and gates on widened and destructive changes in a step that runs whatever the comment
// step did.
func TestInfraWorkflowGates(t *testing.T) {
	files, err := RenderInfra(InfraRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Path != InfraWorkflowPath || files[1].Path != InfraTaskfilePath {
		t.Fatalf("RenderInfra files: %v", files)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name, Run, Uses string
				ID              string `yaml:"id"`
				If              string `yaml:"if"`
			}
		}
	}
	if err := yaml.Unmarshal(files[0].Content, &wf); err != nil {
		t.Fatal(err)
	}
	steps := wf.Jobs["codeartifact-gen"].Steps
	comment, gate, diff := -1, -1, -1
	for i, s := range steps {
		switch {
		case strings.Contains(s.Run, "gh pr comment"):
			comment = i
		case strings.Contains(s.Run, "--fail-on"):
			gate = i
		case strings.Contains(s.Run, " diff "):
			diff = i
		}
		if strings.Contains(s.Run, "go run") || strings.Contains(s.Run, "@main") || strings.Contains(s.Uses, "@main") {
			t.Errorf("step %q runs an unpinned tool: %s%s", s.Name, s.Run, s.Uses)
		}
		if strings.Contains(s.Run, "codeartifact-gen ") && !strings.Contains(s.Run, "go tool codeartifact-gen ") {
			t.Errorf("step %q runs codeartifact-gen other than with go tool (the version go.mod pins)", s.Name)
		}
		if strings.Contains(s.Run, " diff ") && strings.Contains(s.Run, "--spec") {
			t.Errorf("step %q diffs chosen specs, not every spec", s.Name)
		}
	}
	if diff < 0 || comment < 0 || gate < 0 || !(diff < comment && comment < gate) {
		t.Fatalf("want the markdown diff, then the comment, then the gate; got steps diff=%d comment=%d gate=%d", diff, comment, gate)
	}
	g := steps[gate]
	if !strings.Contains(g.Run, "--fail-on widened,destructive") || !strings.Contains(g.Run, "--format github") {
		t.Errorf("gate step runs %q: want --fail-on widened,destructive with annotations", g.Run)
	}
	if !strings.Contains(g.If, "!cancelled()") || strings.Contains(g.If, "steps."+steps[comment].ID) && steps[comment].ID != "" {
		t.Errorf("gate step if %q: it must run after a failed step and whatever the comment step did", g.If)
	}
	if strings.Contains(steps[comment].If, "failure()") || !strings.Contains(steps[comment].If, "!cancelled()") {
		t.Errorf("comment step if %q: it must run even when validate or check failed", steps[comment].If)
	}
}
