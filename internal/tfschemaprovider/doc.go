// Package tfschemaprovider implements an offline stand-in for the
// hashicorp/aws Terraform provider, speaking plugin protocol version 6.
//
// The provider serves resource and data-source schemas read from a file in
// the `terraform providers schema -json` format, so that real OpenTofu (or
// Terraform) core can validate a configuration and compute an offline plan
// against the real provider's schema. It never talks to AWS:
//
//   - PlanResourceChange plans creates by marking every computed attribute
//     that the configuration left null as unknown, plans destroys as null and
//     returns updates unchanged.
//   - ReadDataSource returns deterministic placeholders (account
//     111122223333 or $TFSCHEMAPROVIDER_ACCOUNT_ID, partition aws, the
//     configured or default region, ...).
//   - ApplyResourceChange and ImportResourceState always fail with a
//     diagnostic, so no state can ever be written through this provider.
//
// The provider cannot check the real provider's value validators (name
// patterns, enumerations, ARN formats) or anything AWS itself would refuse.
package tfschemaprovider
