package kit

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rhysd/actionlint"
)

// TestGoldenWorkflowsPassShellcheck runs actionlint with shellcheck over the run: scripts of
// every golden kit's workflows (one per tool and target, testdata/kit): TestEveryKit lints
// all 182 rendered workflows without shellcheck, which would take minutes of processes;
// the scripts differ by tool and target, not by spec, so the goldens hold every script.
func TestGoldenWorkflowsPassShellcheck(t *testing.T) {
	shellcheck, _ := exec.LookPath("shellcheck")
	if shellcheck == "" {
		if os.Getenv("CODEARTIFACT_GEN_REQUIRE_SHELLS") == "1" {
			t.Fatal("shellcheck is not installed (apt-get install shellcheck): the kit's scripts would go unchecked")
		}
		t.Skip("shellcheck is not installed: the kit's scripts are not checked")
	}
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: shellcheck})
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../../testdata/kit/*/.github/workflows/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found %d golden workflows; expected one or more per tool and target", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		errs, err := l.Lint(f, src, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Errorf("%s", e)
		}
	}
}
