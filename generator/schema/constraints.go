package schema

import (
	"slices"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// constraint narrows the schema of one field beyond what its Go type says. Each bound is
// one the validator enforces with an error, taken from package aws so that both read the
// same fact; a zero bound is no bound.
//
// The string rules (enum, pattern, lengths) apply to the field's strings: the field itself,
// each item of a list, or each value of a mapping.
type constraint struct {
	constant             any
	enum                 []string
	pattern              *aws.Pattern // ECMA-262 compatible: editors run it in JavaScript
	minLength, maxLength int          // in characters
	minimum, maximum     int
	minItems, maxItems   int         // of a list
	maxProperties        int         // of a mapping
	keys                 *constraint // on the keys of a mapping
}

// constraints are keyed like docs, by "TypeName.FieldName". Rules the validator states in
// code rather than as an aws fact (output names, environment names, lint IDs, git ref
// patterns) and rules JavaScript would read differently (tag text uses \p{L}; package names
// use \s) are left to the validator.
var constraints = map[string]constraint{}

// baseConstraints returns the entries of constraints (see tables).
func baseConstraints() map[string]constraint {
	return map[string]constraint{
		"File.Version":      {constant: spec.SupportedVersion},
		"File.Repositories": {minItems: 1},

		"Domain.Name":          {pattern: aws.DomainName, maxLength: aws.DomainNameMax},
		"Domain.Region":        {pattern: aws.Region},
		"Domain.Owner":         {pattern: aws.AccountID},
		"Domain.EncryptionKey": {pattern: aws.KMSKeyARN},
		"Domain.Tags":          tags,

		"Repository.Name":               {pattern: aws.RepositoryName, maxLength: aws.RepositoryNameMax},
		"Repository.Format":             {enum: aws.Formats},
		"Repository.Description":        {maxLength: aws.DescriptionMax},
		"Repository.Upstreams":          {maxItems: aws.DirectUpstreamsMax},
		"Repository.ExternalConnection": {enum: externalConnections()},
		"Repository.Tags":               tags,
		"Repository.PreviousName":       {pattern: aws.RepositoryName, maxLength: aws.RepositoryNameMax},

		"Consumer.Principals": {minItems: 1},

		"GitHub.Owner":          {pattern: aws.GitHubOwner},
		"GitHub.OwnerID":        {pattern: aws.GitHubID},
		"GitHub.OIDCProvider":   {enum: []string{"create", "existing"}},
		"GitHub.Thumbprints":    {pattern: aws.Thumbprint, maxItems: aws.ThumbprintsMax},
		"GitHub.EnterpriseSlug": {pattern: aws.EnterpriseSlug},
		"GitHub.GHESubdomain":   {pattern: aws.EnterpriseSlug},
		"GitHub.ServerHost":     {pattern: aws.Hostname},
		// The validator also takes an explicitly empty subjects: "" for the default; the schema
		// offers the three words only, since an empty value is never what anyone means to write.
		"GitHub.Subjects":      {enum: []string{"name", "id", "both"}},
		"GitHub.RepositoryIDs": {pattern: aws.GitHubID, keys: &constraint{pattern: aws.GitHubRepository}},
		"GitHub.SubjectClaims": {pattern: aws.ClaimName},

		"Policy.Name":         {pattern: aws.IAMName, maxLength: aws.PolicyNameMax},
		"Policy.Description":  {maxLength: aws.DescriptionMax},
		"Policy.PreviousName": {pattern: aws.IAMName, maxLength: aws.PolicyNameMax},

		"Role.Name":               {pattern: aws.IAMName, maxLength: aws.RoleNameMax},
		"Role.Description":        {pattern: aws.RoleDescription, maxLength: aws.DescriptionMax},
		"Role.PreviousName":       {pattern: aws.IAMName, maxLength: aws.RoleNameMax},
		"Role.Policies":           {minItems: 1},
		"Role.MaxSessionDuration": {minimum: aws.SessionDurationMin, maximum: aws.SessionDurationMax},
		"Role.Trust":              {minItems: 1},
		"Role.Tags":               tags,

		"TrustRule.Repositories": {minItems: 1},
		"TrustRule.Require":      {keys: &constraint{enum: aws.STSGitHubClaims}},

		"Removed.Repository": {pattern: aws.RepositoryName, maxLength: aws.RepositoryNameMax},
		"Removed.Domain":     {pattern: aws.DomainName, maxLength: aws.DomainNameMax},

		"Quotas.TrustPolicySize": {minimum: aws.TrustPolicyQuota, maximum: aws.TrustPolicyQuotaMax},
		"Quotas.PoliciesPerRole": {minimum: aws.PoliciesPerRole, maximum: aws.PoliciesPerRoleMax},
	}
}

// tags are IAM's limits on resource tags, the strictest of the services tagged.
var tags = constraint{
	maxLength:     aws.TagValueMax,
	maxProperties: aws.TagsMax,
	keys:          &constraint{minLength: 1, maxLength: aws.TagKeyMax},
}

// externalConnections returns every public external connection, in the order of
// aws.Formats and then by name.
func externalConnections() []string {
	var all []string
	for _, f := range aws.Formats {
		all = append(all, aws.ExternalConnectionsFor(f)...)
	}
	return all
}

// apply adds c to n, the schema of a field as its Go type describes it.
func (c constraint) apply(n *node) {
	n.MinItems, n.MaxItems = c.minItems, c.maxItems
	n.MaxProperties = c.maxProperties
	if c.keys != nil {
		n.PropertyNames = &node{}
		c.keys.strings(n.PropertyNames)
	}
	switch {
	case n.Items != nil: // a list
		c.strings(n.Items)
	case n.Type == "object": // a mapping: a struct's additionalProperties is false, not a node
		if values, ok := n.AdditionalProperties.(*node); ok {
			c.strings(values)
		}
	default:
		c.strings(n)
		n.Const = c.constant
		n.Minimum, n.Maximum = c.minimum, c.maximum
	}
}

// strings adds the string rules of c to n.
func (c constraint) strings(n *node) {
	if c.enum != nil {
		// Only a string can be one of the words; the number a plain string also accepts
		// never is.
		n.Type = "string"
		n.Enum = slices.Clone(c.enum)
	}
	if c.pattern != nil {
		n.Pattern = c.pattern.String()
	}
	n.MinLength, n.MaxLength = c.minLength, c.maxLength
}
