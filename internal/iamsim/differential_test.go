package iamsim_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

const (
	// repoRoot is the repository root, relative to this package's directory.
	repoRoot = "../.."
	// harnessDir holds the Node harness, its package.json and lockfile.
	harnessDir = repoRoot + "/testdata/iamsim"
	// simulatorVersion is the iam-simulate version the lockfile pins; the harness reports
	// the version it loaded and the test refuses any other.
	simulatorVersion = "0.1.173"
	// requireEnv makes a missing harness a failure instead of a skip; scripts/test sets it.
	requireEnv = "CODEARTIFACT_GEN_REQUIRE_IAMSIM"
	action     = "sts:AssumeRoleWithWebIdentity"
)

// goldenPolicy is one trust policy rendered into a generated directory.
type goldenPolicy struct {
	label    string // "testdata/cases/minimal/expected: role NAME"
	role     string // the role's ARN, the resource of the request
	document json.RawMessage
	policy   *trust.Policy
}

// differentialCase is one token presented to one policy.
type differentialCase struct {
	policy int
	token  token
}

// harnessInput and harnessOutput are the JSON exchanged with evaluate.cjs.
type harnessInput struct {
	Policies []json.RawMessage `json:"policies"`
	Cases    []harnessCase     `json:"cases"`
}

type harnessCase struct {
	Policy    int               `json:"policy"`
	Principal string            `json:"principal"`
	Resource  string            `json:"resource"`
	Account   string            `json:"account"`
	Action    string            `json:"action"`
	Context   map[string]string `json:"context"`
}

type harnessOutput struct {
	Engine       string     `json:"engine"`
	PolicyErrors [][]string `json:"policyErrors"`
	Verdicts     []string   `json:"verdicts"`
}

// TestDifferentialIAMSimulate runs every golden trust policy (every role of out/<name> for
// specs/<name>.yaml and of every testdata/cases/*/expected) against a generated token
// corpus, through generator/trust and through @cloud-copilot/iam-simulate's engine, and
// fails on any disagreement, printing the policy, the token and both verdicts. It also
// fails when the simulator finds a policy invalid, and when the corpus would prove little:
// every policy must admit some token and refuse others.
func TestDifferentialIAMSimulate(t *testing.T) {
	node := harness(t)
	policies, cases := goldenCorpus(t)
	out := runHarness(t, node, newHarnessInput(policies, cases))
	if out.Engine != "@cloud-copilot/iam-simulate@"+simulatorVersion {
		t.Fatalf("the harness loaded %s, want @cloud-copilot/iam-simulate@%s (run npm ci in testdata/iamsim)", out.Engine, simulatorVersion)
	}
	if len(out.Verdicts) != len(cases) || len(out.PolicyErrors) != len(policies) {
		t.Fatalf("the harness answered %d verdicts for %d cases, %d validations for %d policies",
			len(out.Verdicts), len(cases), len(out.PolicyErrors), len(policies))
	}
	for i, errs := range out.PolicyErrors {
		if len(errs) > 0 {
			t.Errorf("%s: iam-simulate finds the trust policy invalid: %s\n%s", policies[i].label, strings.Join(errs, "; "), policies[i].document)
		}
	}
	allowed, presented := make([]int, len(policies)), make([]int, len(policies))
	disagreements, excluded := 0, map[string]int{}
	classes := map[string][2]int{} // evaluations and admissions per token class
	for i, c := range cases {
		p := policies[c.policy]
		presented[c.policy]++
		d := p.policy.Evaluate(c.token.request())
		ours := verdict(d)
		n := classes[c.token.class]
		n[0]++
		if ours == "Allowed" {
			allowed[c.policy]++
			n[1]++
		}
		classes[c.token.class] = n
		if ours == out.Verdicts[i] {
			continue
		}
		if why := simulatorDiffers(c.token); why != "" {
			excluded[why]++
			continue
		}
		disagreements++
		if disagreements <= 20 {
			t.Errorf("disagreement on %s (token class %q):\n  policy: %s\n  principal: %s\n  context: %s\n  generator/trust: %s\n  iam-simulate:    %s\n%s",
				p.label, c.token.class, p.document, c.token.principal, mustJSON(c.token.context()), ours, out.Verdicts[i], d)
		}
	}
	if disagreements > 20 {
		t.Errorf("%d disagreements in all (the first 20 are shown)", disagreements)
	}
	checkMutants(t, policies, cases, out.Verdicts)
	for i, p := range policies {
		if allowed[i] == 0 || allowed[i] == presented[i] {
			t.Errorf("%s: %d of its tokens are admitted; the corpus must hold tokens it admits and tokens it refuses", p.label, allowed[i])
		}
	}
	total := 0
	for _, n := range allowed {
		total += n
	}
	for _, class := range slices.Sorted(maps.Keys(classes)) {
		t.Logf("token class %-40q %6d evaluations, %5d admitted", class, classes[class][0], classes[class][1])
	}
	t.Logf("%s: %d trust policies, %d tokens per policy on average, %d evaluations (%d admitted), %d disagreements; disagreements excluded by simulatorDiffers: %v",
		out.Engine, len(policies), len(cases)/len(policies), len(cases), total, disagreements, excluded)
}

// checkMutants fails unless the corpus tells every mutant (a deliberately wrong evaluator)
// from iam-simulate on at least one case the comparison does not exclude.
func checkMutants(t *testing.T, policies []goldenPolicy, cases []differentialCase, simulated []string) {
	t.Helper()
	for _, m := range mutants {
		changed := make([]*trust.Policy, len(policies))
		for i, p := range policies {
			changed[i] = m.apply(p.policy)
		}
		caught := 0
		for i, c := range cases {
			if simulatorDiffers(c.token) == "" && m.decide(changed[c.policy], c.token) != simulated[i] {
				caught++
			}
		}
		if caught == 0 {
			t.Errorf("mutant %q: no token of the corpus tells it from iam-simulate; the corpus needs tokens that would catch it", m.name)
		}
		t.Logf("mutant %-50q caught by %5d evaluations", m.name, caught)
	}
}

// harness returns the path of node, or skips the test when node or the harness's
// node_modules are missing (fails instead when CODEARTIFACT_GEN_REQUIRE_IAMSIM=1).
func harness(t testing.TB) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv(requireEnv) == "1" {
			t.Fatalf("%s, and %s=1 requires the differential test to run", msg, requireEnv)
		}
		t.Skipf("%s: skipping the differential test against iam-simulate (./scripts/test installs it)", msg)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH")
	}
	checkLockfile(t)
	if _, err := os.Stat(filepath.Join(harnessDir, "evaluate.cjs")); err != nil {
		t.Fatal(err) // also makes go test's cache depend on the harness
	}
	if _, err := os.Stat(filepath.Join(harnessDir, "node_modules", "@cloud-copilot", "iam-simulate", "package.json")); err != nil {
		missing("%s/node_modules is not installed (npm ci --prefix testdata/iamsim)", strings.TrimPrefix(harnessDir, repoRoot+"/"))
	}
	return node
}

// checkLockfile fails unless the committed lockfile (format 3, what npm ci installs from)
// pins iam-simulate at simulatorVersion.
func checkLockfile(t testing.TB) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(harnessDir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		LockfileVersion int `json:"lockfileVersion"`
		Packages        map[string]struct {
			Version string
		} `json:"packages"`
	}
	if err := json.Unmarshal(src, &lock); err != nil {
		t.Fatalf("package-lock.json: %v", err)
	}
	sim := lock.Packages["node_modules/@cloud-copilot/iam-simulate"]
	if lock.LockfileVersion != 3 || sim.Version != simulatorVersion {
		t.Fatalf("package-lock.json has lockfileVersion %d and iam-simulate %q, want 3 and %s", lock.LockfileVersion, sim.Version, simulatorVersion)
	}
}

// newHarnessInput returns the batch evaluate.cjs decides: each case's token presented to
// its policy's role.
func newHarnessInput(policies []goldenPolicy, cases []differentialCase) harnessInput {
	in := harnessInput{Policies: make([]json.RawMessage, len(policies))}
	for i, p := range policies {
		in.Policies[i] = p.document
	}
	for _, c := range cases {
		in.Cases = append(in.Cases, harnessCase{
			Policy: c.policy, Principal: c.token.principal, Resource: policies[c.policy].role,
			Account: model.ExampleAccountID, Action: action, Context: c.token.context(),
		})
	}
	return in
}

// runHarness evaluates in with evaluate.cjs in one Node process.
func runHarness(t testing.TB, node string, in harnessInput) harnessOutput {
	t.Helper()
	body, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "evaluate.cjs")
	cmd.Dir = harnessDir
	cmd.Stdin = bytes.NewReader(body)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node evaluate.cjs: %v\n%s", err, stderr.String())
	}
	var out harnessOutput
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("node evaluate.cjs printed no verdicts: %v\n%.2000s\n%s", err, stdout.String(), stderr.String())
	}
	return out
}

// goldenCorpus loads every spec with a generated directory and returns its roles' trust
// policies, as Terraform computes them in model.ExampleAccountID, and every token of the
// spec's corpus presented to every policy of that spec.
func goldenCorpus(t testing.TB) ([]goldenPolicy, []differentialCase) {
	t.Helper()
	type generated struct{ dir, spec string }
	var dirs []generated
	specs, _ := filepath.Glob(filepath.Join(repoRoot, "specs", "*.yaml"))
	for _, s := range specs {
		dirs = append(dirs, generated{filepath.Join(repoRoot, "out", strings.TrimSuffix(filepath.Base(s), ".yaml")), s})
	}
	expected, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "cases", "*", "expected"))
	for _, e := range expected {
		dirs = append(dirs, generated{e, filepath.Join(filepath.Dir(e), "spec.yaml")})
	}
	if len(dirs) < 10 {
		t.Fatalf("found only %d generated directories", len(dirs))
	}
	var policies []goldenPolicy
	var cases []differentialCase
	for _, g := range dirs {
		label := strings.TrimPrefix(filepath.ToSlash(g.dir), repoRoot+"/")
		src, err := os.ReadFile(g.spec)
		if err != nil {
			t.Fatal(err)
		}
		loaded := generator.Load(strings.TrimPrefix(filepath.ToSlash(g.spec), repoRoot+"/"), src)
		if loaded.Model == nil {
			t.Fatalf("%s does not load: %v", g.spec, loaded.Diagnostics)
		}
		m := loaded.Model
		if n := renderedTrustPolicies(t, g.dir); n != len(m.Roles) {
			t.Fatalf("%s renders %d assume_role_policy documents, but its spec has %d roles", label, n, len(m.Roles))
		}
		first := len(policies)
		for _, r := range m.Roles {
			doc := r.Trust.ResolvedJSON(m.ResolveRef)
			p, err := trust.ParsePolicy(doc)
			if err != nil {
				t.Fatalf("%s: role %s: %v", label, r.Name, err)
			}
			policies = append(policies, goldenPolicy{
				label:    label + ": role " + r.Name,
				role:     "arn:" + m.Domain.Partition + ":iam::" + model.ExampleAccountID + ":role/" + r.Name,
				document: doc,
				policy:   p,
			})
		}
		for _, tk := range newCorpus(m).tokens {
			for i := first; i < len(policies); i++ {
				cases = append(cases, differentialCase{policy: i, token: tk})
			}
		}
	}
	return policies, cases
}

// renderedTrustPolicies counts the assume_role_policy arguments in the .tf files of dir.
func renderedTrustPolicies(t testing.TB, dir string) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: no Terraform files (%v)", dir, err)
	}
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += bytes.Count(src, []byte("assume_role_policy = jsonencode("))
	}
	return n
}

// simulatorDiffers returns why the token belongs to a class of cases where iam-simulate is
// known to depart from the IAM User Guide, or "". A disagreement there says nothing about
// generator/trust: the token is still evaluated, and counted as excluded, but the verdicts
// are not compared. Both classes come from how the simulator matches StringLike: it turns
// the pattern into a JavaScript regular expression, "*" into ".*?" and "?" into ".",
// compiled with neither the "s" nor the "u" flag (iam-simulate 0.1.173, dist/cjs/util.js,
// convertIamString: new RegExp('^' + newValue + '$')). The IAM User Guide ("IAM JSON policy
// elements: Condition operators", StringLike) says only that values "can include
// multi-character match wildcards (*) and single-character match wildcards (?) anywhere in
// the string", with no exception for any character, which is what generator/trust
// implements (on Unicode code points). What IAM itself does in these two cases is not
// documented: unverified either way.
func simulatorDiffers(tk token) string {
	for _, v := range tk.claims {
		// Without "s", ECMAScript's "." matches no line terminator, so the simulator's "v*"
		// refuses "v1\n". GitHub cannot put one in a subject built from a ref: git refuses
		// control characters in ref names (git check-ref-format).
		if strings.ContainsAny(v, "\n\r\u2028\u2029") {
			return "line terminator"
		}
		// Without "u", "." matches one UTF-16 code unit, so the simulator's "?" refuses a
		// character outside the Basic Multilingual Plane (two code units, e.g. an emoji) and
		// "??" admits it.
		if strings.IndexFunc(v, func(r rune) bool { return r > 0xFFFF }) >= 0 {
			return "character outside the BMP"
		}
	}
	return ""
}

// request is the request generator/trust evaluates for the token.
func (tk token) request() trust.Request {
	ctx := map[string][]string{}
	for k, v := range tk.context() {
		ctx[k] = []string{v}
	}
	return trust.Request{Action: action, Principal: map[string]string{"Federated": tk.principal}, Context: ctx}
}

// verdict names the decision as iam-simulate's authorize() does.
func verdict(d trust.Decision) string {
	switch {
	case d.ExplicitDeny:
		return "ExplicitlyDenied"
	case d.Allowed:
		return "Allowed"
	}
	return "ImplicitlyDenied"
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestSimulatorDiffersStillHolds keeps the exclusions of simulatorDiffers honest: for each
// excluded class, iam-simulate still refuses a token the IAM User Guide's wording (and
// generator/trust) admits, and admits one it refuses. When a new simulator version fixes
// the class, this test fails and the exclusion must go.
func TestSimulatorDiffersStillHolds(t *testing.T) {
	node := harness(t)
	const provider = "arn:aws:iam::" + model.ExampleAccountID + ":oidc-provider/token.actions.githubusercontent.com"
	doc := func(pattern string) json.RawMessage {
		return json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + provider +
			`"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"` + pattern + `"}}}]}`)
	}
	tests := []struct {
		pattern, sub, class string
		simulator           string
	}{
		{"repo:o/r:ref:refs/tags/v*", "repo:o/r:ref:refs/tags/v1\n", "line terminator", "ImplicitlyDenied"},
		{"repo:o/r:ref:refs/tags/v?", "repo:o/r:ref:refs/tags/v\u2028", "line terminator", "ImplicitlyDenied"},
		{"repo:o/r:ref:refs/tags/v?", "repo:o/r:ref:refs/tags/v😀", "character outside the BMP", "ImplicitlyDenied"},
		{"repo:o/r:ref:refs/tags/v??", "repo:o/r:ref:refs/tags/v😀", "character outside the BMP", "Allowed"},
	}
	var in harnessInput
	for i, tt := range tests {
		in.Policies = append(in.Policies, doc(tt.pattern))
		in.Cases = append(in.Cases, harnessCase{Policy: i, Principal: provider, Resource: "arn:aws:iam::" + model.ExampleAccountID + ":role/r",
			Account: model.ExampleAccountID, Action: action, Context: map[string]string{"token.actions.githubusercontent.com:sub": tt.sub}})
	}
	out := runHarness(t, node, in)
	for i, tt := range tests {
		tk := token{prefix: "token.actions.githubusercontent.com", principal: provider, claims: map[string]string{"sub": tt.sub}}
		p, err := trust.ParsePolicy(in.Policies[i])
		if err != nil {
			t.Fatal(err)
		}
		ours := verdict(p.Evaluate(tk.request()))
		if why := simulatorDiffers(tk); why != tt.class {
			t.Errorf("%q: simulatorDiffers = %q, want %q", tt.sub, why, tt.class)
		}
		if out.Verdicts[i] != tt.simulator || ours == tt.simulator {
			t.Errorf("%s against %q: iam-simulate %s, generator/trust %s; the exclusion %q expects the simulator to say %s and generator/trust the opposite",
				tt.pattern, tt.sub, out.Verdicts[i], ours, tt.class, tt.simulator)
		}
	}
}
