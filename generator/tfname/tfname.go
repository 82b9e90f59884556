// Package tfname turns names from the spec into Terraform identifiers: resource names and
// output names. Addresses come from names, never from list positions, so that reordering a
// spec changes nothing and adding an item adds exactly one resource.
package tfname

import "strings"

// Identifier returns a lower-case Terraform identifier for name: letters and digits are
// kept (lower-cased), every other character becomes "_", and a leading digit gets a "_"
// prefix. Different names can give the same identifier ("npm-cache" and "npm_cache");
// callers must report such collisions.
func Identifier(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	id := b.String()
	if id == "" || (id[0] >= '0' && id[0] <= '9') {
		id = "_" + id
	}
	return id
}

// IsIdentifier reports whether s is a valid Terraform name: a letter or "_" followed by
// letters, digits, "_" and "-".
func IsIdentifier(s string) bool {
	for i, r := range s {
		letter := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_'
		if !letter && (i == 0 || !((r >= '0' && r <= '9') || r == '-')) {
			return false
		}
	}
	return s != ""
}

// Outputs the renderer always writes to outputs.tf. A role's own output must not reuse them.
const (
	OutputDomainName      = "codeartifact_domain_name"
	OutputDomainOwner     = "codeartifact_domain_owner"
	OutputRegion          = "codeartifact_region"
	OutputEndpoints       = "codeartifact_repository_endpoints"
	OutputRoleARNs        = "role_arns"
	OutputPolicyARNs      = "policy_arns"
	OutputOIDCProviderARN = "github_oidc_provider_arn"
	// OutputPackageGroupARNs is written only when the spec has package groups.
	OutputPackageGroupARNs = "package_group_arns"
)

// BuiltinOutputs lists the outputs above.
var BuiltinOutputs = []string{OutputDomainName, OutputDomainOwner, OutputRegion, OutputEndpoints, OutputRoleARNs, OutputPolicyARNs, OutputOIDCProviderARN, OutputPackageGroupARNs}

// SidWord returns name as a word an IAM statement ID (Sid, [A-Za-z0-9]*) can hold: ASCII
// letters and digits only, each run after a dropped character capitalised, so that
// "data-platform" becomes "DataPlatform".
func SidWord(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		alnum := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
		switch {
		case !alnum:
			upper = true
		case upper && r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
			upper = false
		default:
			b.WriteRune(r)
			upper = false
		}
	}
	return b.String()
}
