package tofuverify

// Tests that need no OpenTofu.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func TestPolicies(t *testing.T) {
	plan, err := ParsePlan([]byte(`{
	  "format_version": "1.2",
	  "resource_changes": [
	    {"address": "aws_iam_role.known", "mode": "managed", "type": "aws_iam_role",
	     "change": {"actions": ["create"], "after": {"assume_role_policy": "{\"Version\":\"2012-10-17\"}"}, "after_unknown": {"arn": true}}},
	    {"address": "aws_iam_policy.later", "mode": "managed", "type": "aws_iam_policy",
	     "change": {"actions": ["create"], "after": {"name": "p"}, "after_unknown": {"policy": true}}},
	    {"address": "module.m.aws_iam_role.unknown", "mode": "managed", "type": "aws_iam_role",
	     "change": {"actions": ["create"], "after": {}, "after_unknown": {"assume_role_policy": true}}},
	    {"address": "aws_iam_policy.gone", "mode": "managed", "type": "aws_iam_policy",
	     "change": {"actions": ["delete"], "after": null, "after_unknown": {}}},
	    {"address": "data.aws_iam_policy.read", "mode": "data", "type": "aws_iam_policy",
	     "change": {"actions": ["read"], "after": {}, "after_unknown": {"policy": true}}},
	    {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key",
	     "change": {"actions": ["create"], "after": {}, "after_unknown": {"policy": true}}}
	  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := plan.Policies()
	if want := map[string]string{"aws_iam_role.known": `{"Version":"2012-10-17"}`}; !reflect.DeepEqual(got, want) {
		t.Errorf("Policies() = %v, want %v", got, want)
	}
	if err == nil {
		t.Fatal("Policies() accepted unknown policies")
	}
	for _, want := range []string{"2 policy document(s)", "aws_iam_policy.later.policy is unknown", "module.m.aws_iam_role.unknown.assume_role_policy is unknown"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}

func TestParsePlanRejectsOtherJSON(t *testing.T) {
	if _, err := ParsePlan([]byte(`{"valid": true}`)); err == nil {
		t.Error("ParsePlan accepted validate output")
	}
}

func TestParseFmtDiff(t *testing.T) {
	out := "main.tf\n--- old/main.tf\n+++ new/main.tf\n@@ -29,8 +29,8 @@\n }\n \n resource \"x\" \"y\" {\n-  a  = 1\n+  a = 1\n }\nother.tf\n--- old/other.tf\n+++ new/other.tf\n@@ -1,2 +1,2 @@\n-b=1\n+b = 1\n"
	m := pathMapper{workDir: "/work", srcDir: "/src"}
	ds := m.parseFmtDiff([]byte(out), map[string]bool{"main.tf": true, "other.tf": true})
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%d", d.File, d.Line))
	}
	if want := []string{"/src/main.tf:32", "/src/other.tf:1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("positions = %v, want %v", got, want)
	}
	if len(ds) == 2 && !strings.Contains(ds[0].Detail, "-  a  = 1") {
		t.Errorf("detail lacks the diff: %q", ds[0].Detail)
	}
}

func TestPathMapper(t *testing.T) {
	m := pathMapper{workDir: "/tmp/w/config", srcDir: "out/prod"}
	for in, want := range map[string]string{
		"main.tf":              "out/prod/main.tf",
		"/tmp/w/config/iam.tf": "out/prod/iam.tf",
		"/elsewhere/x.tf":      "/elsewhere/x.tf",
		"":                     "",
	} {
		if got := m.source(in); got != want {
			t.Errorf("source(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScrubBackendBlocks(t *testing.T) {
	src := "terraform {\n  required_version = \">= 1.6\"\n  backend \"s3\" {\n    bucket = \"b\"\n  }\n}\n\nresource \"a\" \"b\" {\n  backend = 1\n}\n"
	out, changed := scrubBackendBlocks([]byte(src), "x.tf")
	if !changed {
		t.Fatal("backend block not found")
	}
	if bytes.Count(out, []byte("\n")) != strings.Count(src, "\n") || len(out) != len(src) {
		t.Errorf("scrubbing changed line structure:\n%s", out)
	}
	if bytes.Contains(out, []byte(`"s3"`)) || !bytes.Contains(out, []byte("required_version")) || !bytes.Contains(out, []byte("backend = 1")) {
		t.Errorf("scrubbed wrongly:\n%s", out)
	}
	if _, changed := scrubBackendBlocks([]byte("resource \"a\" \"b\" {}\n"), "y.tf"); changed {
		t.Error("changed a file without backend")
	}
}

func TestCommandEnvIsHermetic(t *testing.T) {
	env := commandEnv([]string{"PATH=/bin", "TF_LOG=trace", "AWS_PROFILE=prod", "https_proxy=http://p", "TFSCHEMAPROVIDER_SCHEMA=/old"}, "/c.tfrc", "/s.json")
	got := strings.Join(env, " ")
	for _, gone := range []string{"TF_LOG", "AWS_PROFILE", "http://p", "/old"} {
		if strings.Contains(got, gone) {
			t.Errorf("env keeps %s: %s", gone, got)
		}
	}
	for _, kept := range []string{"PATH=/bin", "TF_CLI_CONFIG_FILE=/c.tfrc", "TFSCHEMAPROVIDER_SCHEMA=/s.json", "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"} {
		if !strings.Contains(got, kept) {
			t.Errorf("env lacks %s: %s", kept, got)
		}
	}
}

func TestCLIConfigText(t *testing.T) {
	got := cliConfigText("/p/bin")
	for _, want := range []string{"dev_overrides {", `"hashicorp/aws" = "/p/bin"`, "direct {}"} {
		if !strings.Contains(got, want) {
			t.Errorf("CLI config lacks %q:\n%s", want, got)
		}
	}
}

// recorder is a testing.TB that records Skip and Fatal instead of acting.
type recorder struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped, r.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed, r.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%v", args...) }

func runRecorded(t *testing.T) *recorder {
	r := &recorder{TB: t}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		NewTestVerifier(r)
	}()
	wg.Wait()
	return r
}

func TestNewTestVerifierWithoutTofu(t *testing.T) {
	t.Setenv(TofuEnv, "")
	t.Setenv(RequireTofuEnv, "")
	if r := runRecorded(t); !r.skipped || !strings.Contains(r.msg, "scripts/build-tofu") {
		t.Errorf("without %s: skipped=%v failed=%v msg=%q; want a skip saying how to build tofu", TofuEnv, r.skipped, r.failed, r.msg)
	}
	t.Setenv(RequireTofuEnv, "1")
	if r := runRecorded(t); !r.failed || !strings.Contains(r.msg, "scripts/build-tofu") {
		t.Errorf("with %s=1: skipped=%v failed=%v msg=%q; want a failure", RequireTofuEnv, r.skipped, r.failed, r.msg)
	}
	t.Setenv(TofuEnv, filepath.Join(t.TempDir(), "missing"))
	t.Setenv(RequireTofuEnv, "")
	if r := runRecorded(t); !r.failed {
		t.Errorf("with a missing %s: skipped=%v failed=%v msg=%q; want a failure", TofuEnv, r.skipped, r.failed, r.msg)
	}
}

func TestFindModuleRoot(t *testing.T) {
	wd, _ := os.Getwd()
	root, err := FindModuleRoot(filepath.Join(wd, "testdata", "good"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "cmd", "tfschemaprovider")); err != nil {
		t.Errorf("module root %s has no cmd/tfschemaprovider: %v", root, err)
	}
}
