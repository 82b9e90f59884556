package iamsim_test

import (
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/model"
)

// BenchmarkCorpus measures building the golden policies and the token corpus.
func BenchmarkCorpus(b *testing.B) {
	for b.Loop() {
		goldenCorpus(b)
	}
}

// BenchmarkGeneratorTrust measures generator/trust on the whole corpus.
func BenchmarkGeneratorTrust(b *testing.B) {
	policies, cases := goldenCorpus(b)
	for b.Loop() {
		for _, c := range cases {
			policies[c.policy].policy.Evaluate(c.token.request())
		}
	}
	b.ReportMetric(float64(len(cases)), "evaluations")
}

// BenchmarkIAMSimulate measures one run of the Node harness on the whole corpus: process
// start, loading iam-simulate, and every evaluation.
func BenchmarkIAMSimulate(b *testing.B) {
	node := harness(b)
	policies, cases := goldenCorpus(b)
	in := harnessInput{}
	for _, p := range policies {
		in.Policies = append(in.Policies, p.document)
	}
	for _, c := range cases {
		in.Cases = append(in.Cases, harnessCase{
			Policy: c.policy, Principal: c.token.principal, Resource: policies[c.policy].role,
			Account: model.ExampleAccountID, Action: action, Context: c.token.context(),
		})
	}
	for b.Loop() {
		runHarness(b, node, in)
	}
	b.ReportMetric(float64(len(cases)), "evaluations")
}
