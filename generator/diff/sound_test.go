package diff_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/diff"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// TestWideningIsSound compares random pairs of trust rules and checks the decision against
// the IAM evaluator on a fixed set of GitHub tokens: whenever some token is admitted by
// the new policy and refused by the old one, diff must report the role WIDENED (it may
// find widenings the sample misses, and then its witness was confirmed by the evaluator);
// and a role reported neither widened nor narrowed admits exactly the same sample tokens.
func TestWideningIsSound(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	pick := func(pool []string) []string {
		var out []string
		for _, v := range pool {
			if rng.IntN(3) == 0 {
				out = append(out, v)
			}
		}
		return out
	}
	quote := func(vs []string) string {
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = fmt.Sprintf("%q", v)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	rule := func() string {
		repos := pick([]string{"app", "lib", "lib*", "l?b"})
		if len(repos) == 0 || rng.IntN(6) == 0 {
			repos = []string{"*"} // "*" stands alone (VALID042)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "      - repositories: %s\n", quote(repos))
		contexts := 0
		for _, c := range []struct {
			key  string
			pool []string
		}{{"branches", []string{"main", "ma*", "release/*"}}, {"tags", []string{"v*", "v1.*", "v?.*"}}, {"environments", []string{"prod", "pr*"}}} {
			if vs := pick(c.pool); len(vs) > 0 {
				fmt.Fprintf(&b, "        %s: %s\n", c.key, quote(vs))
				contexts++
			}
		}
		if rng.IntN(3) == 0 || contexts == 0 {
			b.WriteString("        pull_requests: true\n")
		}
		if vs := pick([]string{"refs/tags/v*", "refs/heads/main"}); len(vs) > 0 {
			fmt.Fprintf(&b, "        require: {ref: %s}\n", quote(vs))
		}
		return b.String()
	}
	spec := func(rules string) string {
		return "version: 1\ndomain: {name: acme, region: eu-west-1}\nrepositories:\n  - {name: npm, format: npm}\n" +
			"github: {owner: acme, oidc_provider: create}\npolicies:\n  - {name: Read, read: [npm]}\n" +
			"roles:\n  - name: ci\n    policies: [Read]\n    trust:\n" + rules
	}
	var jobs []oidc.Job
	for _, repo := range []string{"app", "lib", "lab", "libx", "other"} {
		for _, j := range []oidc.Job{
			{Ref: "refs/heads/main"}, {Ref: "refs/heads/mab"}, {Ref: "refs/heads/release/x"},
			{Ref: "refs/tags/v1.0"}, {Ref: "refs/tags/v2"}, {Ref: "refs/tags/v1.0", Environment: "prod"},
			{Ref: "refs/heads/main", Environment: "preview"}, {Ref: "refs/pull/1/merge", Event: "pull_request"},
		} {
			j.Owner, j.Repository = "acme", repo
			jobs = append(jobs, j)
		}
	}
	admits := func(m *model.Model, tok oidc.Token) bool {
		p, err := trust.ParsePolicy(m.Roles[0].Trust.JSON())
		if err != nil {
			t.Fatal(err)
		}
		return p.Evaluate(tok.Request(m.GitHub.Issuer, model.OIDCProviderPlaceholder)).Allowed
	}
	for n := range 150 {
		oldSrc, newSrc := spec(rule()), spec(rule()+rule())
		if n%2 == 0 {
			oldSrc, newSrc = newSrc, oldSrc
		}
		om, nm := mustModel(t, "old.yaml", oldSrc), mustModel(t, "new.yaml", newSrc)
		rep := diff.Compare(om, nm)
		kinds := map[string]bool{}
		for _, c := range rep.Changes {
			kinds[c.Kind] = true
		}
		if kinds["role.trust_undecided"] {
			t.Fatalf("undecided:\n%s\n%s\n%+v", oldSrc, newSrc, rep.Changes)
		}
		for _, j := range jobs {
			tok, err := oidc.BuildToken(j, nil, om.GitHub.Audience)
			if err != nil {
				t.Fatal(err)
			}
			before, after := admits(om, tok), admits(nm, tok)
			if after && !before && !kinds["role.trust_widened"] {
				t.Fatalf("%s is newly admitted, but diff says %v\nold:\n%s\nnew:\n%s", tok.Claims["sub"], kinds, oldSrc, newSrc)
			}
			if before && !after && !kinds["role.trust_widened"] && !kinds["role.trust_narrowed"] {
				t.Fatalf("%s is newly refused, but diff says %v\nold:\n%s\nnew:\n%s", tok.Claims["sub"], kinds, oldSrc, newSrc)
			}
		}
	}
}
