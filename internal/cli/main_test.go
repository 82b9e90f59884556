package cli

import (
	"os"
	"strings"
	"testing"
)

// TestMain runs the package's tests with git's repository-locating variables removed from
// the environment. Tests here make throw-away repositories (git init, git commit in a
// temporary workspace); under `git rebase --exec` or a git hook, GIT_DIR and friends point
// at the developer's real repository, and git init would then rewrite its configuration
// (core.bare) instead of creating a new one.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
			"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX":
			os.Unsetenv(name)
		}
	}
	os.Exit(m.Run())
}
