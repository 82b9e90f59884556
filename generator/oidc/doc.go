// Package oidc holds the facts about GitHub Actions OIDC tokens that trust policies are
// written against: the issuers (github.com, Enterprise Cloud, ghe.com, Enterprise Server)
// and the IAM condition keys of their claims, the sub claim a job sends and the patterns
// that admit a trust rule's repositories and contexts, and the token a job would get.
//
// Guarantees: Subjects returns, for literal names, exactly the subjects GitHub sends for
// the rule and, however wide the rule, no pattern that matches a subject of another owner
// (FuzzSubjects); BuildToken refuses a job it cannot describe instead of guessing a claim;
// Token.Request is the sts:AssumeRoleWithWebIdentity request that package trust evaluates.
// The claim formats follow GitHub's OIDC reference (github/docs); the package does no I/O.
package oidc
