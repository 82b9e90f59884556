package lint_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/lint"
)

// specWith returns a valid spec whose github section, policies and roles are replaced.
// The base has repositories npm (internal), npm-proxy (public:npmjs) and pypi, policies
// Read (read npm) and Publish (publish npm), and owner acme.
func specWith(github, policies, roles string) string {
	if github == "" {
		github = "github: {owner: acme, oidc_provider: create}"
	}
	if policies == "" {
		policies = `policies:
  - {name: Read, read: [npm]}
  - name: Publish
    publish: [{repository: npm}]`
	}
	return `version: 1
domain: {name: acme, region: us-east-1}
repositories:
  - {name: npm, format: npm, upstreams: [npm-proxy]}
  - {name: npm-proxy, format: npm, external_connection: "public:npmjs"}
  - {name: pypi, format: pypi}
` + github + "\n" + policies + "\n" + roles + "\n"
}

// role returns a roles section with one role.
func role(policies, extra, rules string) string {
	return "roles:\n  - name: r\n    policies: [" + policies + "]\n" + extra + "    trust:\n" + rules
}

// lintIDs loads the spec and returns the IDs of its unsilenced lint diagnostics.
func lintIDs(t *testing.T, src string) []string {
	t.Helper()
	l := generator.Load("t.yaml", []byte(src))
	var ids []string
	for _, d := range l.Diagnostics {
		switch {
		case !slices.Contains(diag.CatalogueFamilies, diag.Family(d.Code)): // a lint code
			ids = append(ids, d.Code)
		case d.Severity == diag.Error:
			t.Fatalf("spec has a non-lint error: %v\n%s", d, src)
		}
	}
	return ids
}

// TestLintRules: each rule has a spec that trips it and a close one that does not.
func TestLintRules(t *testing.T) {
	tests := []struct {
		id        string
		trips, ok string
	}{
		{"TRUST003",
			specWith("", "", role("Read", "", "      - {repositories: [app*], branches: [main]}")),
			specWith("", "", role("Read", "", "      - {repositories: [app, app-staging], branches: [main]}"))},
		{"TRUST004",
			specWith("", "", role("Read", "", "      - {repositories: [app], any_context: true}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main], pull_requests: true}"))},
		{"TRUST005",
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main]}\n      - {repositories: [\"*\"], branches: [main]}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main]}\n      - {repositories: [lib], branches: [main]}"))},
		{"TRUST005", // within one rule
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main, \"*\"]}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main, \"release/*\"]}"))},
		{"TRUST006",
			specWith("", "", role("Publish", "", "      - {repositories: [app], branches: [main]}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v*\"]}"))},
		{"TRUST030", // pull requests
			specWith("", "", role("Publish", "", "      - {repositories: [app], pull_requests: true}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], pull_requests: true}"))},
		{"TRUST030", // any context
			specWith("", "", role("Publish", "", "      - {repositories: [app], any_context: true}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], any_context: true, require: {ref: \"refs/tags/v*\"}}"))},
		{"TRUST030", // a protected environment is a review
			specWith("", "", role("Publish", "", "      - {repositories: [app], pull_requests: true, require: {ref: \"refs/*\"}}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], pull_requests: true, require: {environment: production}}"))},
		{"TRUST007",
			specWith("", "", role("Publish", "    sensitive: true\n", "      - {repositories: [secret*], tags: [\"v*\"]}")),
			specWith("", "", role("Publish", "    sensitive: true\n", "      - {repositories: [secret], tags: [\"v*\"]}"))},
		{"TRUST008",
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [\"main*\"]}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main, \"main/*\"]}"))},
		{"TRUST008", // every tag
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [\"*\"]}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [\"v*\", \"v1.*\"]}"))},
		{"TRUST009",
			specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v*\"], job_environment: production}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], environments: [production], job_environment: production, require: {ref: \"refs/tags/v*\"}}"))},
		{"TRUST009", // an environment pattern admits the jobs
			specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v*\"], job_environment: production}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], environments: [\"prod*\"], job_environment: production}"))},
		{"TRUST009", // another rule of the role admits the jobs
			specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v*\"], job_environment: production}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v*\"], job_environment: production}\n      - {repositories: [app], environments: [production]}"))},
		{"TRUST010",
			specWith("github: {owner: acme, oidc_provider: create, subject_claims: [repo, context, job_workflow_ref]}", "", role("Read", "", "      - {repositories: [app], branches: [main]}")),
			specWith("github: {owner: acme, oidc_provider: create, subject_claims: [repo, context, job_workflow_ref]}", "", role("Read", "", "      - {repositories: [app], branches: [main], subject_claims: {job_workflow_ref: \"acme/wf/.github/workflows/ci.yml@0123456789abcdef0123456789abcdef01234567\"}}"))},
		{"TRUST015",
			specWith("github: {owner: acme, owner_id: 42, oidc_provider: create, subjects: both, repository_ids: {lib: 7}}", "", role("Read", "", "      - {repositories: [app], branches: [main]}")),
			specWith("github: {owner: acme, owner_id: 42, oidc_provider: create, subjects: both, repository_ids: {app: 7}}", "", role("Read", "", "      - {repositories: [app], branches: [main]}"))},
		{"TRUST016",
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main], require: {job_workflow_ref: \"acme/wf/.github/workflows/ci.yml@refs/heads/main\"}}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main], require: {job_workflow_ref: \"acme/wf/.github/workflows/ci.yml@0123456789abcdef0123456789abcdef01234567\"}}"))},
		{"TRUST016", // a pattern
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main], require: {job_workflow_ref: \"acme/wf/.github/workflows/*@*\"}}")),
			specWith("", "", role("Read", "", "      - {repositories: [app], branches: [main], require: {job_workflow_ref: \"acme/wf/.github/workflows/ci.yml@0123456789abcdef0123456789abcdef01234567\"}}"))},
		{"ACCESS002",
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}")+"\nconsumers:\n  - {name: other, principals: [\"210987654321\"], publish: [{repository: npm}]}"),
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}")+"\nconsumers:\n  - {name: other, principals: [\"arn:aws:iam::210987654321:role/release\"], publish: [{repository: npm}]}\n  - {name: readers, principals: [\"210987654321\"], read: [npm]}")},
		{"ACCESS003",
			specWith("", "", "roles:\n  - {name: r, policies: [Publish], max_session_duration: 7200, trust: [{repositories: [app], tags: [v1]}]}"),
			specWith("", "", "roles:\n  - {name: r, policies: [Read], max_session_duration: 7200, trust: [{repositories: [app], tags: [v1]}]}")},
		{"TRUST017",
			specWith("", "", role("Publish", "", "      - {repositories: [\"*\"], tags: [\"v*\"]}")),
			specWith("", "", role("Read", "", "      - {repositories: [\"*\"], tags: [\"v*\"]}"))},
		{"TRUST018",
			specWith("", "", role("Publish", "", "      - {repositories: [\"*\"], environments: [production]}")),
			specWith("", "", role("Publish", "", "      - {repositories: [\"*\"], environments: [production], require: {repository: [acme/app, acme/lib]}}"))},
		{"TRUST018", // any context includes every environment
			specWith("", "", role("Publish", "", "      - {repositories: [\"app*\"], any_context: true}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app, app-staging], environments: [production]}"))},
		{"TRUST019",
			specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v*\"]}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], tags: [\"v?*.?*.?*\"]}"))},
		{"TRUST019", // a required ref
			specWith("", "", role("Publish", "", "      - {repositories: [app], environments: [production], require: {ref: \"refs/tags/v*\"}}")),
			specWith("", "", role("Publish", "", "      - {repositories: [app], environments: [production], require: {ref: \"refs/tags/v1.*\"}}"))},
		{"QUOTA001",
			specWith("", "", role("Read", "", "      - repositories: [\""+strings.Repeat("a", 99)+"\", \""+strings.Repeat("b", 99)+"\"]\n        branches: [main, develop, next, \"release/x\", \"hotfix/y\", stable, beta, alpha, gamma]")),
			specWith("", "", role("Read", "", "      - repositories: [\""+strings.Repeat("a", 99)+"\"]\n        branches: [main]"))},
		{"QUOTA002",
			specWith("", "policies:\n  - name: Read\n    read: [npm]\n  - name: Publish\n    publish:\n      - repository: npm\n        packages: ["+packageList(60)+"]", role("Read, Publish", "", "      - {repositories: [app], tags: [v1]}")),
			specWith("", "policies:\n  - name: Read\n    read: [npm]\n  - name: Publish\n    publish:\n      - repository: npm\n        packages: ["+packageList(5)+"]", role("Read, Publish", "", "      - {repositories: [app], tags: [v1]}"))},
		{"QUOTA003",
			specWith("", policyList(11), role(policyNames(11), "", "      - {repositories: [app], branches: [main]}")),
			specWith("", policyList(11)+"\nquotas: {policies_per_role: 11}", role(policyNames(11), "", "      - {repositories: [app], branches: [main]}"))},
		{"ACCESS001",
			specWith("", "policies:\n  - name: Publish\n    publish: [{repository: npm-proxy}]", role("Publish", "", "      - {repositories: [app], tags: [v1]}")),
			specWith("", "policies:\n  - name: Publish\n    publish: [{repository: npm}]", role("Publish", "", "      - {repositories: [app], tags: [v1]}"))},
		{"QUOTA004",
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}")+"\nconsumers:\n  - name: many\n    principals: ["+principals(150)+"]\n    read: [npm]"),
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}")+"\nconsumers:\n  - name: few\n    principals: ["+principals(3)+"]\n    read: [npm]")},
		{"RENAME001",
			specWith("", "", "roles:\n  - {name: r, previous_name: old-r, policies: [Read], trust: [{repositories: [app], tags: [v1]}]}"),
			specWith("", "", "roles:\n  - {name: r, policies: [Read], trust: [{repositories: [app], tags: [v1]}]}")},
		{"RENAME002",
			strings.Replace(specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}")), "{name: pypi, format: pypi}", "{name: pypi, format: pypi, previous_name: python, prevent_destroy: false, acknowledge_package_loss: nothing was ever published there}", 1),
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}"))},
		{"ACCESS001", // a consumer
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}")+"\nconsumers:\n  - {name: other, principals: [\"210987654321\"], publish: [{repository: npm-proxy}]}"),
			specWith("", "", role("Read", "", "      - {repositories: [app], tags: [v1]}")+"\nconsumers:\n  - {name: other, principals: [\"210987654321\"], publish: [{repository: npm}]}")},
		{"LINT001",
			specWith("", "", role("Read", "", "      - repositories: [app]\n        branches: [main]\n        silence: [{lint: TRUST004, reason: CI needs every context here}]")),
			specWith("", "", role("Read", "", "      - repositories: [app]\n        any_context: true\n        silence: [{lint: TRUST004, reason: CI needs every context here}]"))},
		{"LINT002",
			specWith("", "", role("Publish", "    sensitive: true\n", "      - repositories: [\"s*\"]\n        tags: [v1]\n        silence: [{lint: TRUST007, reason: we really want this one}]")),
			specWith("", "", role("Publish", "    sensitive: true\n", "      - repositories: [s]\n        tags: [v1]"))},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := lintIDs(t, tt.trips); !slices.Contains(got, tt.id) {
				t.Errorf("spec meant to trip %s gives %v", tt.id, got)
			}
			if got := lintIDs(t, tt.ok); slices.Contains(got, tt.id) {
				t.Errorf("spec meant to pass %s gives %v", tt.id, got)
			}
		})
	}
	// Every rule of the catalogue that a spec can reach is covered above; the rendered-policy
	// checks (TRUST001, TRUST002, TRUST011-014) are covered in TestRenderedPolicyChecks.
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.id] = true
	}
	// ORIGIN001-005 (package origins) are covered in TestOriginLints (origin_test.go).
	for _, id := range []string{"TRUST001", "TRUST002", "TRUST011", "TRUST012", "TRUST013", "TRUST014", "ORIGIN001", "ORIGIN002", "ORIGIN003", "ORIGIN004", "ORIGIN005"} {
		covered[id] = true
	}
	for _, r := range lint.Catalogue {
		if !covered[r.ID] {
			t.Errorf("lint %s has no test", r.ID)
		}
	}
}

func principals(n int) string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("arn:aws:iam::210987654321:role/consumer-build-role-%03d", i))
	}
	return strings.Join(out, ", ")
}

func packageList(n int) string {
	var names []string
	for i := range n {
		names = append(names, "package-with-a-rather-long-name-"+strings.Repeat("x", 40)+"-"+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	return strings.Join(names, ", ")
}

func policyList(n int) string {
	var b strings.Builder
	b.WriteString("policies:\n")
	for i := range n {
		b.WriteString("  - {name: P" + string(rune('a'+i)) + ", read: [npm]}\n")
	}
	return b.String()
}

func policyNames(n int) string {
	var names []string
	for i := range n {
		names = append(names, "P"+string(rune('a'+i)))
	}
	return strings.Join(names, ", ")
}

// TestSilenceIsKeptWithItsReason: a silenced warning leaves the diagnostics but stays in
// the findings with its reason, for explain.
func TestSilenceIsKeptWithItsReason(t *testing.T) {
	l := generator.Load("t.yaml", []byte(specWith("", "", role("Read", "",
		"      - repositories: [app]\n        any_context: true\n        silence: [{lint: TRUST004, reason: CI needs every context here}]"))))
	for _, d := range l.Diagnostics {
		if d.Code == "TRUST004" {
			t.Fatalf("a silenced warning is still reported: %v", d)
		}
	}
	var trust004 []lint.Finding // the spec also trips ORIGIN002 (its publish grant)
	for _, f := range l.Lint.Findings {
		if f.Rule.ID == "TRUST004" {
			trust004 = append(trust004, f)
		}
	}
	if len(trust004) != 1 || trust004[0].Silenced != "CI needs every context here" {
		t.Fatalf("findings: %+v", l.Lint.Findings)
	}
}

// TestErrorsStopGeneration: a lint error makes Generate render nothing; a warning does not.
func TestErrorsStopGeneration(t *testing.T) {
	files, ds := generator.Generate("t.yaml", []byte(specWith("", "", role("Publish", "    sensitive: true\n", "      - {repositories: [\"s*\"], tags: [v1]}"))))
	if files != nil || !ds.HasErrors() {
		t.Fatalf("a lint error did not stop generation: %v", ds)
	}
	files, ds = generator.Generate("t.yaml", []byte(specWith("", "", role("Read", "", "      - {repositories: [app], any_context: true}"))))
	if files == nil || ds.HasErrors() || len(ds) == 0 {
		t.Fatalf("a lint warning stopped generation or vanished: %v", ds)
	}
}

// TestPublishUnreviewedCodeCannotBeSilenced checks that TRUST030 stays an error when a
// rule silences it: the silence itself is LINT002, and TRUST030 is still reported.
func TestPublishUnreviewedCodeCannotBeSilenced(t *testing.T) {
	src := specWith("", "", role("Publish", "", "      - repositories: [app]\n        pull_requests: true\n        silence: [{lint: TRUST030, reason: we review every pull request anyway}]"))
	got := lintIDs(t, src)
	for _, want := range []string{"TRUST030", "LINT002"} {
		if !slices.Contains(got, want) {
			t.Errorf("a silenced TRUST030 gives %v, want %s among them", got, want)
		}
	}
	if r := lint.ByID("TRUST030"); r == nil || r.Severity != diag.Error {
		t.Errorf("TRUST030 is %+v, want an error", r)
	}
}
