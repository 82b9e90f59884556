package tofuverify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const goodDir = "testdata/good"

// shared is the provider build all tests of this package use, made once
// by the first test that needs it and removed by TestMain.
var shared struct {
	once sync.Once
	dir  string
	v    *Verifier
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// testVerifier returns a copy of the shared Verifier, skipping or failing
// t as RequireTofu does.
func testVerifier(t *testing.T) *Verifier {
	t.Helper()
	tofu := RequireTofu(t)
	shared.once.Do(func() {
		if shared.dir, shared.err = os.MkdirTemp("", "tofuverify-provider-*"); shared.err == nil {
			start := time.Now()
			shared.v, shared.err = NewVerifier(context.Background(), tofu, shared.dir)
			t.Logf("building the offline provider took %s", time.Since(start).Round(time.Millisecond))
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	v := *shared.v
	return &v
}

func TestVerifyGoodFixture(t *testing.T) {
	t.Parallel()
	v := testVerifier(t)
	before := dirListing(t, goodDir)
	start := time.Now()
	res, err := v.Verify(context.Background(), goodDir)
	t.Logf("verify %s took %s", goodDir, time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if after := dirListing(t, goodDir); !reflect.DeepEqual(before, after) {
		t.Errorf("Verify changed the source directory: before %v, after %v", before, after)
	}

	actions := map[string]string{}
	for _, rc := range res.Plan.ResourceChanges {
		actions[rc.Address] = strings.Join(rc.Change.Actions, ",")
	}
	wantActions := map[string]string{
		"aws_codeartifact_domain.ontopix":                "create",
		"aws_codeartifact_repository.npm_store":          "create",
		"aws_codeartifact_repository.npm":                "create",
		"aws_iam_openid_connect_provider.github":         "create",
		"aws_iam_policy.npm_read":                        "create",
		"aws_iam_role.github_npm_read":                   "create",
		"aws_iam_role_policy_attachment.github_npm_read": "create",
		// Read at apply: it depends on the domain, which is pending.
		"data.aws_codeartifact_repository_endpoint.npm": "read",
	}
	if !reflect.DeepEqual(actions, wantActions) {
		t.Errorf("planned actions = %v, want %v", actions, wantActions)
	}

	policies, err := res.Plan.Policies()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := slices.Sorted(maps.Keys(policies)), []string{"aws_iam_policy.npm_read", "aws_iam_role.github_npm_read"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("policy addresses = %v, want %v", got, want)
	}
	var trust struct {
		Statement []struct {
			Principal struct{ Federated string }
			Condition map[string]map[string]string
		}
	}
	decodePolicy(t, policies["aws_iam_role.github_npm_read"], &trust)
	if len(trust.Statement) != 1 {
		t.Fatalf("trust policy has %d statements, want 1", len(trust.Statement))
	}
	if got, want := trust.Statement[0].Principal.Federated, "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"; got != want {
		t.Errorf("Federated principal = %q, want %q", got, want)
	}
	if got := trust.Statement[0].Condition["StringLike"]["token.actions.githubusercontent.com:sub"]; got != "repo:ontopix/*:ref:refs/heads/main" {
		t.Errorf("sub condition = %q", got)
	}
	var perms struct {
		Statement []struct {
			Sid      string
			Resource any
		}
	}
	decodePolicy(t, policies["aws_iam_policy.npm_read"], &perms)
	resources := map[string]any{}
	for _, s := range perms.Statement {
		resources[s.Sid] = s.Resource
	}
	if got, want := resources["GetAuthorizationToken"], "arn:aws:codeartifact:eu-west-1:111122223333:domain/ontopix"; got != want {
		t.Errorf("GetAuthorizationToken resource = %v, want %v", got, want)
	}
	if got, want := resources["ReadPackages"], "arn:aws:codeartifact:eu-west-1:111122223333:repository/ontopix/npm"; got != want {
		t.Errorf("ReadPackages resource = %v, want %v", got, want)
	}
}

func TestVerifyRejectsMistakes(t *testing.T) {
	t.Parallel()
	v := testVerifier(t)
	const upstreamBlock = "  upstream {\n    repository_name = aws_codeartifact_repository.npm_store.repository\n  }\n"
	cases := []struct {
		name, file, old, new string
		marker               string // the new text's line is the line of this
		step, summary        string
	}{{
		name: "misspelled argument", file: "main.tf",
		old: `  description = "Internal npm packages."`, new: `  descripton  = "Internal npm packages."`,
		marker: "descripton", step: "validate", summary: "Unsupported argument",
	}, {
		name: "block written as attribute", file: "main.tf",
		old: upstreamBlock, new: "  upstream = { repository_name = \"x\" }\n",
		marker: "upstream =", step: "validate", summary: "Unsupported argument",
	}, {
		name: "wrong attribute type", file: "iam.tf",
		old: `client_id_list = ["sts.amazonaws.com"]`, new: `client_id_list = "sts.amazonaws.com"`,
		marker: "client_id_list =", step: "validate", summary: "Incorrect attribute value type",
	}, {
		name: "deprecated attribute", file: "main.tf",
		old: "current.region}:${local.account_id}:domain/", new: "current.name}:${local.account_id}:domain/",
		marker: "current.name", step: StepWarnings, summary: "Deprecated attribute",
	}, {
		name: "unformatted", file: "outputs.tf",
		old: `  value       = aws_iam_role.github_npm_read.arn`, new: `  value = aws_iam_role.github_npm_read.arn`,
		marker: "value = aws_iam_role", step: "fmt", summary: "not formatted",
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := copyFixture(t, goodDir)
			path := filepath.Join(dir, tc.file)
			line := mutate(t, path, tc.old, tc.new, tc.marker)
			_, err := v.Verify(context.Background(), dir)
			if err == nil {
				t.Fatalf("Verify accepted a config with a %s", tc.name)
			}
			t.Logf("Verify error (as expected):\n%v", err)
			wantPos := fmt.Sprintf("%s:%d:", path, line)
			if !strings.Contains(err.Error(), wantPos) {
				t.Errorf("error does not name %s:\n%v", wantPos, err)
			}
			found := false
			for _, e := range tofuErrors(err) {
				for _, d := range e.Diagnostics {
					found = found || (e.Step == tc.step && d.File == path && d.Line == line && strings.Contains(d.Summary, tc.summary))
				}
			}
			if !found {
				t.Errorf("no %s diagnostic %q at %s:%d in:\n%v", tc.step, tc.summary, path, line, err)
			}
		})
	}
}

func TestVerifyAllowWarnings(t *testing.T) {
	t.Parallel()
	v := testVerifier(t)
	v.AllowWarnings = true
	dir := copyFixture(t, goodDir)
	path := filepath.Join(dir, "main.tf")
	line := mutate(t, path, "current.region}:${local.account_id}:domain/", "current.name}:${local.account_id}:domain/", "current.name")
	res, err := v.Verify(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := Diagnostic{Severity: "warning", Summary: "Deprecated attribute",
		Detail: `The attribute "name" is deprecated. Refer to the provider documentation for details.`,
		File:   path, Line: line, Column: strings.Index(readLine(t, path, line), ".name}") + 1}
	if !reflect.DeepEqual(res.Warnings, []Diagnostic{want}) {
		t.Errorf("Warnings = %+v, want [%+v]", res.Warnings, want)
	}
}

// Verifier.AccountID reaches the provider: a precondition on the account
// fails with the default account and holds with the configured one.
func TestVerifyAccountID(t *testing.T) {
	t.Parallel()
	v := testVerifier(t)
	dir := copyFixture(t, goodDir)
	precondition := "  lifecycle {\n    precondition {\n      condition     = local.account_id == \"012345678901\"\n      error_message = \"Wrong account.\"\n    }\n  }\n"
	path := filepath.Join(dir, "main.tf")
	line := mutate(t, path, "  domain = \"ontopix\"\n", "  domain = \"ontopix\"\n"+precondition, "local.account_id ==")
	_, err := v.Verify(context.Background(), dir)
	if want := fmt.Sprintf("%s:%d:", path, line); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "Wrong account.") {
		t.Fatalf("Verify error = %v, want a failed precondition at %s", err, want)
	}
	v.AccountID = "012345678901"
	if _, err := v.Verify(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
}

// A backend block would make plan demand `tofu init`; Verify blanks it.
func TestVerifyIgnoresBackend(t *testing.T) {
	t.Parallel()
	v := testVerifier(t)
	dir := copyFixture(t, goodDir)
	backend := "terraform {\n  backend \"s3\" {\n    bucket = \"state\"\n    key    = \"codeartifact.tfstate\"\n    region = \"eu-west-1\"\n  }\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "backend.tf"), []byte(backend), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyDirs(t *testing.T) {
	t.Parallel()
	start := time.Now()
	results := VerifyDirs(t, goodDir)
	t.Logf("VerifyDirs (provider build + verify) took %s", time.Since(start).Round(time.Millisecond))
	if res := results[goodDir]; res == nil || res.Plan == nil {
		t.Fatalf("VerifyDirs returned no plan for %s: %v", goodDir, results)
	}
}

// tofuErrors returns every *Error in err's tree.
func tofuErrors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		var e *Error
		if errors.As(err, &e) && err == error(e) {
			out = append(out, e)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, inner := range j.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	return out
}

func copyFixture(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// mutate replaces the single occurrence of old in path by new and returns
// the 1-based line of marker in the result.
func mutate(t *testing.T, path, old, new, marker string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	if n := strings.Count(src, old); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", path, old, n)
	}
	src = strings.Replace(src, old, new, 1)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(src, marker)
	if i < 0 {
		t.Fatalf("marker %q not in mutated %s", marker, path)
	}
	return strings.Count(src[:i], "\n") + 1
}

func readLine(t *testing.T, path string, line int) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")[line-1]
}

func decodePolicy(t *testing.T, doc string, into any) {
	t.Helper()
	if !strings.Contains(doc, "111122223333") {
		t.Errorf("policy does not mention account 111122223333: %s", doc)
	}
	if err := json.Unmarshal([]byte(doc), into); err != nil {
		t.Fatalf("policy is not JSON: %v\n%s", err, doc)
	}
}

func dirListing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("%s %d %s", path, info.Size(), info.ModTime()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
