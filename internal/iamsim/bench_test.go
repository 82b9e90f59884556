package iamsim_test

import (
	"testing"
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
	in := newHarnessInput(goldenCorpus(b))
	for b.Loop() {
		runHarness(b, node, in)
	}
	b.ReportMetric(float64(len(in.Cases)), "evaluations")
}
