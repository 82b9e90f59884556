package tofuverify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Environment variables read by this package.
const (
	// TofuEnv names the OpenTofu binary to run.
	TofuEnv = "TOFU_BIN"
	// RequireTofuEnv, when "1", makes tests fail instead of skip when
	// TofuEnv is unset.
	RequireTofuEnv = "CODEARTIFACT_GEN_REQUIRE_TOFU"
	// SchemaEnv names the provider schema file; it is passed on to the
	// provider process (see tfschemaprovider.SchemaEnv).
	SchemaEnv = "TFSCHEMAPROVIDER_SCHEMA"
	// AccountEnv carries Verifier.AccountID to the provider process (see
	// tfschemaprovider.AccountEnv).
	AccountEnv = "TFSCHEMAPROVIDER_ACCOUNT_ID"
)

// ProviderBinary is the file name OpenTofu's dev_overrides looks for.
const ProviderBinary = "terraform-provider-aws"

// AWSCCProviderBinary is the same provider built under the name dev_overrides
// looks for hashicorp/awscc by; it serves AWSCCSchemaRelPath.
const AWSCCProviderBinary = "terraform-provider-awscc"

// AWSCCSchemaRelPath is the hashicorp/awscc schema (package groups), relative
// to the module root (testdata/thirdparty/README.md).
const AWSCCSchemaRelPath = "testdata/thirdparty/terraform/awscc-provider-1.96.0-codeartifact-schema.json"

// AWSCCSchemaEnv passes Verifier.AWSCCSchemaPath to the provider process (see
// tfschemaprovider.AWSCCSchemaEnv).
const AWSCCSchemaEnv = "TFSCHEMAPROVIDER_AWSCC_SCHEMA"

// SchemaRelPath is the schema file's path relative to the module root (a copy
// kept in the repository: testdata/thirdparty/README.md).
const SchemaRelPath = "testdata/thirdparty/terraform/aws-provider-6.47.0-schema.json"

// HowToGetTofu tells a human how to make TofuEnv point at a binary.
const HowToGetTofu = "build OpenTofu once with `scripts/build-tofu` (about 3 minutes) and set " +
	TofuEnv + "=$(scripts/build-tofu)"

// FindModuleRoot returns the nearest directory at or above dir that holds
// a go.mod file.
func FindModuleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s", dir)
		}
	}
}

// BuildProvider builds ./cmd/tfschemaprovider of the module at moduleRoot
// into outDir/terraform-provider-aws (and a copy as terraform-provider-awscc) and returns outDir, ready to be used
// as Verifier.ProviderDir.
func BuildProvider(ctx context.Context, moduleRoot, outDir string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(outDir, ProviderBinary), "./cmd/tfschemaprovider")
	cmd.Dir = moduleRoot
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build offline provider in %s: %w\n%s", moduleRoot, err, out.Bytes())
	}
	bin, err := os.ReadFile(filepath.Join(outDir, ProviderBinary))
	if err == nil {
		err = os.WriteFile(filepath.Join(outDir, AWSCCProviderBinary), bin, 0o755)
	}
	if err != nil {
		return "", fmt.Errorf("copy offline provider as %s: %w", AWSCCProviderBinary, err)
	}
	return outDir, nil
}

// ErrNoTofu is returned by TofuFromEnv when TofuEnv is unset.
var ErrNoTofu = errors.New(TofuEnv + " is not set: " + HowToGetTofu)

// TofuFromEnv returns the OpenTofu binary named by TofuEnv, after checking
// that it is an executable file.
func TofuFromEnv() (string, error) {
	p := os.Getenv(TofuEnv)
	if p == "" {
		return "", ErrNoTofu
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("%s=%s: %w; %s", TofuEnv, p, err, HowToGetTofu)
	}
	if fi.IsDir() || fi.Mode()&0o111 == 0 {
		return "", fmt.Errorf("%s=%s is not an executable file", TofuEnv, p)
	}
	return p, nil
}
