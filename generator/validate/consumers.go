package validate

import (
	"fmt"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

var (
	consumerName = aws.NewPattern(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	// principalARN is an IAM account root, role or user ARN (IAM name rules for paths and
	// names); groups and wildcards cannot be principals of a resource policy.
	principalARN = aws.NewPattern(`^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):(root|role/[\w+=,.@/-]+|user/[\w+=,.@/-]+)$`)
)

// consumers checks the other AWS accounts or principals given access to the domain.
func (c *checker) consumers(cs []spec.Consumer, partition string) {
	all := names(cs, func(x *spec.Consumer) spec.String { return x.Name })
	c.unique(all, "consumer name", lower)
	sids := map[string]spec.String{}
	for i := range cs {
		con := &cs[i]
		if n := con.Name; !consumerName.MatchString(n.Value) {
			c.errorf("VALID052", n.Pos, "A consumer name is 1 to 64 letters, digits, \".\", \"_\" and \"-\"; it labels the consumer's statements in the resource policies.", "invalid consumer name %q", n.Value)
		} else if prev, clash := sids[tfname.SidWord(n.Value)]; clash && !strings.EqualFold(prev.Value, n.Value) {
			c.errorf("VALID052", n.Pos, fmt.Sprintf("Policy statement IDs keep letters and digits only, so %q (line %d) and %q would share one. Rename one of them.", prev.Value, prev.Pos.Line, n.Value), "consumer names %q and %q give the same statement ID", prev.Value, n.Value)
		} else {
			sids[tfname.SidWord(n.Value)] = n
		}
		if len(con.Principals) == 0 {
			c.errorf("VALID053", con.Keys.At("principals", con.Pos), "List the AWS accounts (12 digits) or IAM role and user ARNs that may use the repositories.", "consumer %s has no principals", con.Name.Value)
		}
		c.unique(con.Principals, "principal", exact)
		for _, p := range con.Principals {
			c.principal(p, partition)
		}
		if len(con.Read) == 0 && len(con.Publish) == 0 {
			c.errorf("VALID054", con.Name.Pos, "Give the consumer read: [repositories] or publish: [{repository: ...}], or remove it.", "consumer %s is granted nothing", con.Name.Value)
		}
		c.unique(con.Read, "repository in read", exact)
		for _, r := range con.Read {
			c.repositoryRef(r)
		}
		c.unique(names(con.Publish, func(g *spec.PublishGrant) spec.String { return g.Repository }), "repository in publish", exact)
		for i := range con.Publish {
			c.publishGrant(&con.Publish[i])
		}
	}
}

func (c *checker) principal(p spec.String, partition string) {
	if aws.AccountID.MatchString(p.Value) {
		return
	}
	m := principalARN.FindStringSubmatch(p.Value)
	switch {
	case strings.Contains(p.Value, "*"):
		c.errorf("VALID055", p.Pos, "A wildcard principal would open the repositories to every AWS account. Name the accounts or roles.", "principal %q holds a wildcard", p.Value)
	case m == nil:
		c.errorf("VALID055", p.Pos, "Give a 12-digit AWS account ID, or the ARN of an IAM role or user, such as arn:aws:iam::123456789012:role/ci.", "invalid principal %q", p.Value)
	case m[1] != partition:
		c.errorf("VALID055", p.Pos, "Principals are in the partition of the domain's region ("+partition+").", "principal %q is in partition %s", p.Value, m[1])
	}
}
