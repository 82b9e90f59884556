package diff_test

import (
	"fmt"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/validate"
)

// The shapes below are the adversarial inputs of issue 11 and organisation-scale specs.
// Each builds an old and a new spec that differ in a way that makes diff decide trust
// for every role, not only compare texts.

// scaleSpecs has n repositories and n roles, one per repository; the new side lets each
// role's repository also release from main.
func scaleSpecs(n int) (old, new string) {
	build := func(extra string) string {
		var b strings.Builder
		b.WriteString("version: 1\ndomain: {name: acme, region: eu-west-1}\nrepositories:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - {name: repo%d, format: npm}\n", i)
		}
		b.WriteString("github: {owner: acme, oidc_provider: create}\npolicies:\n  - {name: Read, read: [repo0]}\nroles:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - name: role%d\n    policies: [Read]\n    trust:\n      - repositories: [app%d]\n        tags: [\"v?*.?*.?*\"]%s\n", i, i, extra)
		}
		return b.String()
	}
	return build(""), build("\n        branches: [main]")
}

// requireSpecs has roles roles, each with a rule that requires one of values
// job_workflow_ref values; the new side adds one value to every role.
func requireSpecs(roles, values int) (old, new string) {
	build := func(extra int) string {
		var b strings.Builder
		b.WriteString("version: 1\ndomain: {name: acme, region: eu-west-1}\nrepositories:\n  - {name: npm, format: npm}\n")
		b.WriteString("github: {owner: acme, oidc_provider: create}\npolicies:\n  - {name: Read, read: [npm]}\nroles:\n")
		for r := range roles {
			fmt.Fprintf(&b, "  - name: role%d\n    policies: [Read]\n    trust:\n      - repositories: [app]\n        tags: [\"v?*.?*.?*\"]\n        require:\n          job_workflow_ref:\n", r)
			for v := range values + extra {
				fmt.Fprintf(&b, "            - acme/workflows/.github/workflows/release-%d.yml@refs/heads/main\n", v)
			}
		}
		return b.String()
	}
	return build(0), build(1)
}

// crossSpecs has one role whose rule names repos repositories × refs branches (a
// cross-product of subjects); the new side adds one repository.
func crossSpecs(repos, refs int) (old, new string) {
	build := func(extra int) string {
		var b strings.Builder
		b.WriteString("version: 1\ndomain: {name: acme, region: eu-west-1}\nrepositories:\n  - {name: npm, format: npm}\n")
		b.WriteString("github: {owner: acme, oidc_provider: create}\npolicies:\n  - {name: Read, read: [npm]}\nroles:\n  - name: ci\n    policies: [Read]\n    trust:\n      - repositories: [")
		for i := range repos + extra {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "app%d", i)
		}
		b.WriteString("]\n        branches: [")
		for i := range refs {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "\"release/%d.*\"", i)
		}
		b.WriteString("]\n")
		return b.String()
	}
	return build(0), build(1)
}

// mustModel parses, validates and resolves a spec; lint findings (quota errors for the
// largest shapes) do not stop it, as diff's cost does not depend on them.
func mustModel(tb testing.TB, name, src string) *model.Model {
	tb.Helper()
	f, ds := spec.Parse(name, []byte(src))
	if !ds.HasErrors() {
		ds = validate.Spec(f)
	}
	if ds.HasErrors() {
		tb.Fatalf("%s: %v", name, ds)
	}
	return model.Build(f)
}

func compareSrc(tb testing.TB, old, new string) diff.Report {
	tb.Helper()
	return diff.Compare(mustModel(tb, "old.yaml", old), mustModel(tb, "new.yaml", new))
}

// TestDiffWorkIsLinear bounds the decision work of the adversarial shapes without a
// clock: doubling the input must about double the steps (a quadratic regression would
// quadruple them), and every shape must still be decided, WIDENED with a witness.
func TestDiffWorkIsLinear(t *testing.T) {
	shapes := []struct {
		name   string
		specs  func(n int) (string, string)
		small  int
		kind   string
		witnes string
	}{
		{"4 roles × require values", func(n int) (string, string) { return requireSpecs(4, n) }, 250, "role.trust_widened", "(job_workflow_ref \"acme/workflows/.github/workflows/release-"},
		{"repositories × refs", func(n int) (string, string) { return crossSpecs(n, n/2) }, 60, "role.trust_widened", "repo:acme/app"},
		{"roles and repositories", scaleSpecs, 250, "role.trust_widened", ":ref:refs/heads/main"},
	}
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			work := func(n int) int {
				old, new := sh.specs(n)
				rep := compareSrc(t, old, new)
				found := false
				for _, c := range rep.Changes {
					if c.Kind == sh.kind && strings.Contains(strings.Join(c.Details, "\n"), sh.witnes) {
						found = true
					}
				}
				if !found {
					t.Fatalf("n=%d: no %s change with a witness holding %q: %+v", n, sh.kind, sh.witnes, rep.Changes)
				}
				return rep.Work
			}
			small, large := work(sh.small), work(2*sh.small)
			ratio := float64(large) / float64(small)
			t.Logf("steps: n=%d %d, n=%d %d, ratio %.2f", sh.small, small, 2*sh.small, large, ratio)
			limit := 2.6
			if sh.name == "repositories × refs" {
				limit = 4.6 // the input itself (repositories × refs subjects) grows 4×
			}
			if ratio > limit {
				t.Errorf("work grows %.2f× when the input doubles, want at most %.1f×", ratio, limit)
			}
		})
	}
}

func BenchmarkDiffScale(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			old, new := scaleSpecs(n)
			om, nm := mustModel(b, "old.yaml", old), mustModel(b, "new.yaml", new)
			benchCompare(b, om, nm)
		})
	}
}

// BenchmarkDiffRequire is issue 11's case: four roles, each with 500 require values
// (main: 33 s and 890 MB for the whole process).
func BenchmarkDiffRequire(b *testing.B) {
	for _, n := range []int{10, 100, 500, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			old, new := requireSpecs(4, n)
			om, nm := mustModel(b, "old.yaml", old), mustModel(b, "new.yaml", new)
			benchCompare(b, om, nm)
		})
	}
}

// BenchmarkDiffCrossProduct is one rule naming repositories × branch patterns.
func BenchmarkDiffCrossProduct(b *testing.B) {
	for _, n := range []int{10, 40, 100} {
		b.Run(fmt.Sprintf("%dx%d", n, n), func(b *testing.B) {
			old, new := crossSpecs(n, n)
			om, nm := mustModel(b, "old.yaml", old), mustModel(b, "new.yaml", new)
			benchCompare(b, om, nm)
		})
	}
}

// benchCompare runs Compare and reports, beside wall time, the process's CPU time per
// operation: on a shared machine wall time measures the neighbours as much as the code.
// It first checks that Compare decides the change (widened, nothing undecided): a run that
// exhausts the work budget would otherwise look fast.
func benchCompare(b *testing.B, om, nm *model.Model) {
	rep := diff.Compare(om, nm)
	undecided := slices.ContainsFunc(rep.Changes, func(c diff.Change) bool { return c.Kind == "role.trust_undecided" })
	if !rep.HasWidened() || undecided {
		b.Fatalf("Compare did not decide the widening (widened %v, undecided %v)", rep.HasWidened(), undecided)
	}
	b.ReportAllocs()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	n := 0
	for b.Loop() {
		diff.Compare(om, nm)
		n++
	}
	b.ReportMetric(float64((cpu()-start).Milliseconds())/float64(n), "cpu-ms/op")
}
