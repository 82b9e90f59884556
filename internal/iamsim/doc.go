// Package iamsim holds the differential test that proves generator/trust, the evaluator
// behind lint, explain, simulate, diff and the OpenTofu verification, against an
// independent implementation of IAM's policy evaluation: @cloud-copilot/iam-simulate,
// driven by testdata/iamsim/evaluate.cjs. The package has no code of its own; its test runs
// every golden trust policy against a generated token corpus through both evaluators and
// fails on any disagreement.
//
// iam-simulate is AGPL-3.0-or-later. It is a test-only tool, installed by npm from the
// lockfile in testdata/iamsim and run as a separate process; nothing of it is linked into
// or shipped with codeartifact-gen.
package iamsim
