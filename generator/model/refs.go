package model

// ExampleAccountID stands for the AWS account Terraform runs in wherever a value must be
// concrete: policy sizes (an account ID is always 12 digits) and reports.
const ExampleAccountID = "111122223333"

// ResolveRef returns the value a reference used in policy documents takes when Terraform
// runs in ExampleAccountID: exact for the partition, region and domain owner given in the
// spec, and of the exact length for the account. It returns "${ref}" for any other
// reference, so an unknown one stays visible.
func (m *Model) ResolveRef(ref string) string {
	account := ExampleAccountID
	owner := m.Domain.Owner
	if owner == "" {
		owner = account
	}
	switch ref {
	case RefPartition:
		return m.Domain.Partition
	case RefRegion:
		return m.Domain.Region
	case RefAccountID:
		return account
	case RefDomainOwner:
		return owner
	case RefCodeArtifactARN:
		return "arn:" + m.Domain.Partition + ":codeartifact:" + m.Domain.Region + ":" + owner
	case RefOIDCProviderARN:
		return "arn:" + m.Domain.Partition + ":iam::" + account + ":oidc-provider/" + m.GitHub.Issuer.ConditionPrefix()
	}
	return "${" + ref + "}"
}
