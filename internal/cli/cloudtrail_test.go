package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// trailCases are simulate --cloudtrail and --issuer runs whose standard output is compared
// with testdata/cloudtrail/golden/<name>.golden (for usage errors and bad input in text, it
// must be empty), and, when stderr is set, whose standard error is compared with
// testdata/cloudtrail/golden/<name>.stderr.golden. They run from the repository root.
var trailCases = []struct {
	name   string
	args   []string
	code   int
	stderr bool
}{
	// The golden cases of issue 16: an environment job denied by a tag-only role, a renamed
	// organisation, an immutable-subject repository, a pull request denied by a publishing
	// role, and successes (lookup-events output).
	{"environment-tag-only", trail("acme", "environment-tag-only.json"), ExitOK, false},
	{"environment-tag-only-json", append(trail("acme", "environment-tag-only.json"), "--format", "json"), ExitOK, false},
	{"renamed-organisation", trail("immutable", "renamed-organisation.json"), ExitOK, false},
	{"immutable-subject", trail("acme", "immutable-subject.json"), ExitOK, false},
	{"pull-request-publish", trail("acme", "pull-request-publish.json"), ExitOK, false},
	{"success-lookup-events", trail("acme", "success-lookup-events.json"), ExitOK, false},
	{"success-lookup-events-json", append(trail("acme", "success-lookup-events.json"), "--format", "json"), ExitOK, false},
	// Another role, another issuer, another account, drift both ways, a branch, a wrong
	// audience, a claim CloudTrail does not record, a token STS rejected itself.
	{"mixed-log", trail("acme", "mixed-log.json"), ExitOK, false},
	// Malformed input: positioned TRAIL diagnostics, every one at once, nothing explained.
	{"malformed-syntax", trail("acme", "malformed/syntax.json"), ExitSpec, true},
	{"malformed-wrong-type", trail("acme", "malformed/wrong-type.json"), ExitSpec, true},
	{"malformed-lookup-events", trail("acme", "malformed/lookup-events.json"), ExitSpec, true},
	{"malformed-missing-fields", trail("acme", "malformed/missing-fields.json"), ExitSpec, true},
	{"malformed-missing-fields-json", append(trail("acme", "malformed/missing-fields.json"), "--format", "json"), ExitSpec, true},
	{"malformed-no-records", trail("acme", "malformed/no-records.json"), ExitSpec, true},
	{"malformed-not-cloudtrail", trail("acme", "malformed/not-cloudtrail.json"), ExitSpec, true},
	{"missing-file", trail("acme", "no-such-file.json"), ExitUsage, true},
	{"cloudtrail-with-repo", append(trail("acme", "environment-tag-only.json"), "--repo", "acme/lib"), ExitUsage, true},
	// --issuer: a token of another issuer, the spec's own issuer written with a slash, and
	// a URL that is no issuer.
	{"issuer-enterprise", []string{"simulate", "--spec", "testdata/cloudtrail/acme.yaml", "--repo", "acme/lib", "--ref", "refs/tags/v1.2.0", "--issuer", "https://token.actions.githubusercontent.com/acme-enterprise"}, ExitOK, false},
	{"issuer-enterprise-json", []string{"simulate", "--spec", "testdata/cloudtrail/acme.yaml", "--repo", "acme/lib", "--ref", "refs/tags/v1.2.0", "--issuer", "https://token.actions.githubusercontent.com/acme-enterprise", "--format", "json"}, ExitOK, false},
	{"issuer-same", []string{"simulate", "--spec", "testdata/cloudtrail/acme.yaml", "--repo", "acme/lib", "--ref", "refs/tags/v1.2.0", "--issuer", "https://token.actions.githubusercontent.com/"}, ExitOK, false},
	{"issuer-expect-deny", []string{"simulate", "--spec", "testdata/cloudtrail/acme.yaml", "--repo", "acme/lib", "--ref", "refs/tags/v1.2.0", "--issuer", "https://gitlab.com", "--expect", "deny"}, ExitOK, false},
	{"issuer-not-https", []string{"simulate", "--spec", "testdata/cloudtrail/acme.yaml", "--sub", "repo:acme/lib:ref:refs/tags/v1.2.0", "--issuer", "http://token.actions.githubusercontent.com"}, ExitUsage, true},
}

func trail(spec, file string) []string {
	return []string{"simulate", "--spec", "testdata/cloudtrail/" + spec + ".yaml", "--cloudtrail", "testdata/cloudtrail/" + file}
}

func TestSimulateCloudTrail(t *testing.T) {
	t.Chdir("../..")
	for _, c := range trailCases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := Run(c.args, &out, &errOut); code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, errOut.String())
			}
			if !c.stderr && errOut.Len() > 0 {
				t.Fatalf("unexpected standard error:\n%s", errOut.String())
			}
			if strings.HasSuffix(c.name, "-json") && out.Len() > 0 && !json.Valid(out.Bytes()) {
				t.Fatalf("--format json printed something other than one JSON document:\n%s", out.String())
			}
			dir := filepath.Join("testdata", "cloudtrail", "golden")
			switch {
			case !c.stderr || strings.HasSuffix(c.name, "-json"):
				compareGolden(t, filepath.Join(dir, c.name+".golden"), out.Bytes())
			case out.Len() > 0:
				t.Fatalf("standard output is not empty:\n%s", out.String())
			}
			if c.stderr {
				compareGolden(t, filepath.Join(dir, c.name+".stderr.golden"), errOut.Bytes())
			}
		})
	}
}
