// Package tofuverify checks a directory of Terraform files with real
// OpenTofu, offline.
//
// For one directory, Verifier.Verify copies the *.tf files into a
// temporary directory (the source directory is never written), points a
// dev_overrides CLI configuration for hashicorp/aws at the offline schema
// provider of cmd/tfschemaprovider, and runs, in order:
//
//	tofu fmt -check -diff
//	tofu validate -json
//	tofu plan -input=false -lock=false -out=PLAN -json
//	tofu show -json PLAN
//
// Every diagnostic in a returned error names the original file and line.
// The parsed plan lets tests inspect what would be created, for example
// every IAM policy document (Plan.Policies).
//
// What this cannot check: the real provider's value validators and
// anything AWS itself would refuse. See package tfschemaprovider.
//
// Tests get a ready Verifier from NewTestVerifier, or check several
// directories at once with VerifyDirs. Both need OpenTofu: set TOFU_BIN to
// the binary that scripts/build-tofu prints.
package tofuverify
