// Package trust is the IAM policy evaluator: it parses AWS IAM policy documents (role
// trust policies and identity policies) and evaluates them against a request the way IAM
// does for sts:AssumeRoleWithWebIdentity, so that generated GitHub Actions OIDC trust
// policies can be simulated and tested offline. It also decides glob matching and
// containment of IAM string patterns (Matches, Covers, CoverIndex). What GitHub's tokens
// hold is package oidc's business, not this one's.
//
// Guarantees: ParsePolicy accepts the grammar of the IAM User Guide and names the
// offending element of anything else; Evaluate allows only when an Allow statement applies
// and no Deny does; Covers(g, s) is never wrongly true (every string s matches, g
// matches). It does no I/O.
//
// The evaluator follows the AWS IAM User Guide; each rule cites the page it
// comes from. Values are plain strings: Terraform placeholders such as
// ${local.github_oidc_provider_arn} and IAM policy variables such as
// ${aws:username} are not substituted, so a request must carry the same text.
package trust

// Effect is the Effect element of a statement: EffectAllow or EffectDeny.
type Effect string

// The two effects IAM accepts, spelled exactly as IAM requires.
const (
	EffectAllow Effect = "Allow"
	EffectDeny  Effect = "Deny"
)

// Principal type names IAM accepts as keys of a Principal or NotPrincipal map
// (IAM User Guide, "Grammar of the IAM JSON policy language",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
const (
	PrincipalAWS           = "AWS"
	PrincipalFederated     = "Federated"
	PrincipalService       = "Service"
	PrincipalCanonicalUser = "CanonicalUser"
)

// Policy is a parsed IAM policy document. Statements keep document order.
type Policy struct {
	// Version is the Version element, "" when the document has none.
	Version string
	// ID is the Id element, "" when the document has none.
	ID string
	// Statements holds every statement, in document order; it is never empty.
	Statements []Statement
}

// Statement is one parsed policy statement.
type Statement struct {
	// Sid is the statement identifier, "" when absent.
	Sid string
	// Effect is EffectAllow or EffectDeny.
	Effect Effect
	// Principal holds the Principal or NotPrincipal element; its Present field
	// is false when the statement has neither (identity-policy style).
	Principal PrincipalBlock
	// Action holds the Action or NotAction element; it is always Present.
	Action ListBlock
	// Resource holds the Resource or NotResource element; its Present field is
	// false when the statement has neither (role trust policies have none).
	Resource ListBlock
	// Conditions holds one entry per operator and key, sorted by operator and
	// then by key, so evaluation and reports are deterministic.
	Conditions []Condition
}

// PrincipalBlock is a Principal or NotPrincipal element.
type PrincipalBlock struct {
	// Present is false when the statement has neither element.
	Present bool
	// Negated is true for NotPrincipal.
	Negated bool
	// Any is true for the bare string "*", which matches every principal.
	Any bool
	// Values maps a principal type (AWS, Federated, Service, CanonicalUser)
	// to its identifiers. A "*" identifier matches any principal of that type.
	Values map[string][]string
}

// ListBlock is an Action/NotAction or Resource/NotResource element.
type ListBlock struct {
	// Present is false when the statement has neither element.
	Present bool
	// Negated is true for NotAction and NotResource.
	Negated bool
	// Values holds the patterns in document order; a string element becomes a
	// one-element list. Patterns may use the `*` and `?` wildcards.
	Values []string
}

// Condition is one key under one operator of a Condition element, for
// example StringLike / token.actions.githubusercontent.com:sub / [repo:o/*].
type Condition struct {
	// Operator is the operator exactly as written, prefix and suffix
	// included, e.g. "ForAnyValue:StringLikeIfExists". It is kept even when
	// IAM would not recognise it; Evaluate then reports it.
	Operator string
	// Key is the condition key as written in the document.
	Key string
	// Values are the policy values, stringified: JSON booleans become "true"
	// or "false" and numbers keep their literal text.
	Values []string
}
