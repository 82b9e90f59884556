package diff

import (
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/policy"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// TrustWidening decides, as diff does for a spec change, whether the trust policy newDoc
// admits a token that oldDoc refuses, and returns up to five witness tokens (condition
// key → value), none when it does not. Both documents must be Allow statements of
// sts:AssumeRoleWithWebIdentity for one federated principal with StringEquals and
// StringLike conditions only (one per key); anything else is an error wrapping
// errUnsupported. codeartifact-gen import uses it to compare a hand-written trust policy
// with the one its spec renders.
func TrustWidening(oldDoc, newDoc policy.Document, issuer oidc.Issuer) ([]map[string]string, error) {
	olds, _, err := trustBoxes(oldDoc)
	if err != nil {
		return nil, err
	}
	news, _, err := trustBoxes(newDoc)
	if err != nil {
		return nil, err
	}
	return trustDifference(news, olds, issuer, &trust.Budget{Limit: stepLimit})
}
