package oidc

import "strings"

// Issuer is a GitHub OIDC token issuer. Its URL is the IAM OIDC provider's URL, and the URL
// without "https://" is the prefix of the condition keys IAM offers for its tokens
// (token.actions.githubusercontent.com:sub). A trust policy whose keys lack an enterprise
// slug that its provider has is refused by IAM (unfunco/terraform-aws-oidc-github#57).
type Issuer struct {
	URL string
	// Kind names the GitHub product: "github.com", "enterprise-cloud", "ghe.com" or
	// "enterprise-server".
	Kind string
}

// The GitHub issuers (github/docs, OIDC reference).
func GitHubCom() Issuer {
	return Issuer{URL: "https://token.actions.githubusercontent.com", Kind: "github.com"}
}

// EnterpriseCloud is GitHub Enterprise Cloud with the enterprise issuer setting.
func EnterpriseCloud(slug string) Issuer {
	return Issuer{URL: "https://token.actions.githubusercontent.com/" + slug, Kind: "enterprise-cloud"}
}

// GHECom is GitHub Enterprise Cloud with data residency on <subdomain>.ghe.com.
func GHECom(subdomain string) Issuer {
	return Issuer{URL: "https://token.actions." + subdomain + ".ghe.com", Kind: "ghe.com"}
}

// EnterpriseServer is GitHub Enterprise Server on host.
func EnterpriseServer(host string) Issuer {
	return Issuer{URL: "https://" + host + "/_services/token", Kind: "enterprise-server"}
}

// ConditionPrefix is the issuer URL without "https://".
func (i Issuer) ConditionPrefix() string { return strings.TrimPrefix(i.URL, "https://") }

// ClaimKey returns the IAM condition key of a token claim, for example
// token.actions.githubusercontent.com:sub.
func (i Issuer) ClaimKey(claim string) string { return i.ConditionPrefix() + ":" + claim }
