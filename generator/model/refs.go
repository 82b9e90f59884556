package model

// OIDCProviderPlaceholder is the OIDC provider's ARN as the rendered trust policies name it
// in their JSON form (a Terraform reference): the principal a token is presented through
// when the evaluator checks them.
const OIDCProviderPlaceholder = "${" + RefOIDCProviderARN + "}"

// ExampleAccountID stands for the AWS account Terraform runs in wherever a value must be
// concrete: policy sizes (an account ID is always 12 digits) and reports.
const ExampleAccountID = "111122223333"

// ResolveRef returns the value a reference used in policy documents takes when Terraform
// runs in ExampleAccountID: exact for the partition, region and domain owner given in the
// spec, and of the exact length for the account. It returns "${ref}" for any other
// reference, so an unknown one stays visible.
func (m *Model) ResolveRef(ref string) string {
	return m.Resolver(ExampleAccountID, m.Domain.Partition)(ref)
}

// Resolver returns a ResolveRef for Terraform running in the given account and
// partition, for comparing rendered policies with the ones Terraform computes.
func (m *Model) Resolver(account, partition string) func(ref string) string {
	return func(ref string) string { return m.resolve(ref, account, partition) }
}

func (m *Model) resolve(ref, account, partition string) string {
	owner := m.Domain.Owner
	if owner == "" {
		owner = account
	}
	switch ref {
	case RefPartition:
		return partition
	case RefRegion:
		return m.Domain.Region
	case RefAccountID:
		return account
	case RefDomainOwner:
		return owner
	case RefCodeArtifactARN:
		return "arn:" + partition + ":codeartifact:" + m.Domain.Region + ":" + owner
	case RefOIDCProviderARN:
		return "arn:" + partition + ":iam::" + account + ":oidc-provider/" + m.GitHub.Issuer.ConditionPrefix()
	}
	return "${" + ref + "}"
}
