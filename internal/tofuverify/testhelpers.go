package tofuverify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// RequireTofu returns the OpenTofu binary named by TofuEnv. When TofuEnv
// is unset it skips t, with a message saying how to build OpenTofu, unless
// RequireTofuEnv is "1": then it fails t. A TofuEnv that names no
// executable fails t.
func RequireTofu(t testing.TB) string {
	t.Helper()
	tofu, err := TofuFromEnv()
	if err == ErrNoTofu && os.Getenv(RequireTofuEnv) != "1" {
		t.Skipf("skipping OpenTofu verification: %v (set %s=1 to fail instead)", err, RequireTofuEnv)
	}
	if err != nil {
		t.Fatalf("OpenTofu verification: %v", err)
	}
	return tofu
}

// NewVerifier returns a Verifier running tofu, with the offline provider
// built into providerDir from the module found at or above the working
// directory, and the schema from SchemaEnv or else SchemaRelPath under the
// module root.
func NewVerifier(ctx context.Context, tofu, providerDir string) (*Verifier, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	root, err := FindModuleRoot(wd)
	if err != nil {
		return nil, err
	}
	schema := os.Getenv(SchemaEnv)
	if schema == "" {
		schema = filepath.Join(root, SchemaRelPath)
	}
	if _, err := os.Stat(schema); err != nil {
		return nil, fmt.Errorf("provider schema: %w", err)
	}
	if _, err := BuildProvider(ctx, root, providerDir); err != nil {
		return nil, err
	}
	return &Verifier{Tofu: tofu, ProviderDir: providerDir, SchemaPath: schema, AWSCCSchemaPath: filepath.Join(root, AWSCCSchemaRelPath)}, nil
}

// NewTestVerifier returns a Verifier for t (see RequireTofu and
// NewVerifier), with the provider built into a directory removed when t
// ends. Setup problems fail t.
func NewTestVerifier(t testing.TB) *Verifier {
	t.Helper()
	tofu := RequireTofu(t)
	v, err := NewVerifier(context.Background(), tofu, t.TempDir())
	if err != nil {
		t.Fatalf("OpenTofu verification setup: %v", err)
	}
	return v
}

// VerifyDirs verifies each directory in a parallel subtest named after it
// (see Verifier.Verify), failing the subtest with the full error, and
// returns the results of the directories that passed, keyed by directory.
// It returns when all subtests are done. It skips t as RequireTofu does
// when OpenTofu is not available.
func VerifyDirs(t *testing.T, dirs ...string) map[string]*Result {
	t.Helper()
	if len(dirs) == 0 {
		t.Fatal("VerifyDirs: no directories given")
	}
	v := NewTestVerifier(t)
	var mu sync.Mutex
	results := map[string]*Result{}
	t.Run("tofu", func(t *testing.T) {
		for _, dir := range dirs {
			t.Run(dir, func(t *testing.T) {
				t.Parallel()
				res, err := v.Verify(context.Background(), dir)
				if err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				results[dir] = res
				mu.Unlock()
			})
		}
	})
	return results
}
