// Package validate checks the meaning of a parsed spec: names and their AWS and GitHub
// rules, references between repositories, policies and roles, upstream graphs, and the
// shape of trust rules. It reports every problem at once; it never changes the spec.
//
// The security lint of trust rules (prefix traps, loose values, quotas) is in package
// lint; this package checks that a spec can be rendered at all.
package validate

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// Spec returns every problem in f, sorted by position. f must come from spec.Parse without
// errors.
func Spec(f *spec.File) diag.Diagnostics {
	c := &checker{gh: &f.GitHub, repos: map[string]*spec.Repository{}, policyByName: map[string]*spec.Policy{}}
	c.hiddenCharacters(f)
	c.domain(&f.Domain)
	whole := diag.Pos{File: f.Path}
	c.repositories(f.Repositories, f.Keys.At("repositories", whole))
	c.github(&f.GitHub)
	c.policies(f.Policies, f.Keys.At("policies", whole))
	c.roles(f.Roles, f.Keys.At("roles", whole))
	c.consumers(f.Consumers, aws.Partition(f.Domain.Region.Value))
	c.quotas(&f.Quotas)
	c.expectations(f)
	c.packageGroups(f)
	c.repositoryRenames(f.Repositories)
	c.iamRenames(names(f.Roles, func(r *spec.Role) spec.String { return r.Name }), names(f.Roles, func(r *spec.Role) spec.String { return r.PreviousName }),
		"role", aws.RoleNameMax, func(n string) bool {
			return slices.ContainsFunc(f.Roles, func(r spec.Role) bool { return lower(r.Name.Value) == lower(n) })
		})
	c.iamRenames(names(f.Policies, func(p *spec.Policy) spec.String { return p.Name }), names(f.Policies, func(p *spec.Policy) spec.String { return p.PreviousName }),
		"policy", aws.PolicyNameMax, func(n string) bool { _, ok := c.policyByName[lower(n)]; return ok })
	c.world(f)
	c.adoptions(f)
	return supersedeHidden(c.diags).Sort()
}

type checker struct {
	gh           *spec.GitHub
	diags        diag.Diagnostics
	repos        map[string]*spec.Repository // by name
	policyByName map[string]*spec.Policy     // by lower-case name (IAM names ignore case)
}

// errorf records an error at pos under code, a VALID0xx code of the catalogue in package
// diag: every validation diagnostic has one.
func (c *checker) errorf(code string, pos diag.Pos, detail, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{Severity: diag.Error, Code: code, Pos: pos, Summary: fmt.Sprintf(format, args...), Detail: detail})
}

// warnf records a warning at pos under code, as errorf.
func (c *checker) warnf(code string, pos diag.Pos, detail, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{Severity: diag.Warning, Code: code, Pos: pos, Summary: fmt.Sprintf(format, args...), Detail: detail})
}

func (c *checker) domain(d *spec.Domain) {
	if n := d.Name; !aws.DomainName.MatchString(n.Value) {
		c.errorf("VALID001", n.Pos, "A domain name is 2 to 50 characters: lower-case letters, digits and \"-\", starting with a letter and not ending with \"-\".",
			"invalid domain name %q", n.Value)
	}
	region := d.Region.Value
	if !aws.Region.MatchString(region) {
		c.errorf("VALID002", d.Region.Pos, "Write an AWS region code such as eu-central-1 or us-east-1.", "invalid region %q", region)
	}
	if o := d.Owner; o.Set && !aws.AccountID.MatchString(o.Value) {
		c.errorf("VALID003", o.Pos, "An AWS account ID is exactly 12 digits; quote it to keep leading zeros, for example owner: \"012345678901\".", "invalid owner account %q", o.Value)
	}
	if k := d.EncryptionKey; k.Set {
		m := aws.KMSKeyARN.FindStringSubmatch(k.Value)
		switch {
		case m == nil:
			c.errorf("VALID004", k.Pos, "Give the ARN of a KMS key, for example arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab. The AWS provider accepts only ARNs here.",
				"invalid encryption_key %q", k.Value)
		case m[4] == "alias":
			c.kmsAlias(k)
		case m[2] != region:
			c.errorf("VALID004", k.Pos, "KMS keys are regional: a domain in "+region+" needs a key in "+region+".",
				"encryption_key is in region %s, but the domain is in %s", m[2], region)
		case m[1] != aws.Partition(region):
			c.errorf("VALID004", k.Pos, "Use the partition of the domain's region ("+aws.Partition(region)+").", "encryption_key is in partition %s", m[1])
		}
	}
	c.tags(d.Tags, "domain")
}

func (c *checker) tags(t spec.Tags, owner string) {
	if len(t.Entries) > aws.TagsMax {
		c.errorf("VALID005", t.Pos, "IAM resources accept at most 50 tags.", "%s has %d tags", owner, len(t.Entries))
	}
	for _, tag := range t.Entries {
		k, v := tag.Key, tag.Value
		switch {
		case k.Value == "" || len([]rune(k.Value)) > aws.TagKeyMax:
			c.errorf("VALID006", k.Pos, "A tag key is 1 to 128 characters.", "invalid tag key %q", k.Value)
		case strings.HasPrefix(strings.ToLower(k.Value), "aws:"):
			c.errorf("VALID006", k.Pos, "Keys starting with \"aws:\" are reserved for AWS; choose another key.", "tag key %q uses the reserved prefix aws:", k.Value)
		case !aws.TagText.MatchString(k.Value):
			c.errorf("VALID006", k.Pos, "Tag keys and values may use letters, digits, spaces and _ . : / = + - @ (IAM's rule, the strictest of the services tagged).", "tag key %q has characters AWS does not accept", k.Value)
		}
		switch {
		case len([]rune(v.Value)) > aws.TagValueMax:
			c.errorf("VALID007", v.Pos, "A tag value is at most 256 characters.", "tag %q has a value of %d characters", k.Value, len([]rune(v.Value)))
		case !aws.TagText.MatchString(v.Value):
			c.errorf("VALID007", v.Pos, "Tag keys and values may use letters, digits, spaces and _ . : / = + - @ (IAM's rule, the strictest of the services tagged).", "the value of tag %q has characters AWS does not accept", k.Value)
		}
	}
}

// description checks a CodeArtifact or IAM description: at most 1000 characters and no
// control characters (CodeArtifact's pattern is \P{C}*: no newline, no tab).
func (c *checker) description(d spec.String, what string) {
	if !d.Set {
		return
	}
	if n := len([]rune(d.Value)); n > aws.DescriptionMax {
		c.errorf("VALID008", d.Pos, "Shorten it to 1000 characters at most.", "the description of %s has %d characters", what, n)
	}
	for _, r := range d.Value {
		if unicode.Is(unicode.C, r) {
			c.errorf("VALID009", d.Pos, "Descriptions are one line of text: remove newlines, tabs and other control or format characters (AWS rejects them).",
				"the description of %s contains the control character %U", what, r)
			return
		}
	}
}

// unique reports the second and later occurrences of a value; key gives the comparison
// form (IAM names, for example, ignore case). what names the value: "role name".
func (c *checker) unique(values []spec.String, what string, key func(string) string) {
	first := make(map[string]int, len(values)) // the index of the first value of each key
	for i, v := range values {
		k := key(v.Value)
		if j, dup := first[k]; dup {
			prev := values[j]
			c.errorf("VALID010", v.Pos, fmt.Sprintf("It is first given at line %d, column %d; remove one of them.", prev.Pos.Line, prev.Pos.Col),
				"duplicate %s: %q", what, v.Value)
			continue
		}
		first[k] = i
	}
}

// addresses reports names that would share a Terraform address. key is the comparison
// that unique already applied to the same names (IAM names ignore case), so that a
// duplicate is not reported twice.
func (c *checker) addresses(names []spec.String, what string, key func(string) string) {
	first := make(map[string]int, len(names)) // the index of the first name of each address
	for i, n := range names {
		id := tfname.Identifier(n.Value)
		if j, clash := first[id]; clash && key(names[j].Value) != key(n.Value) {
			prev := names[j]
			c.errorf("VALID011", n.Pos, fmt.Sprintf("Terraform addresses are made from names, so %q (line %d) and %q would both be %s. Rename one of them.", prev.Value, prev.Pos.Line, n.Value, id),
				"%s names %q and %q give the same Terraform address", what, prev.Value, n.Value)
			continue
		}
		first[id] = i
	}
}

func exact(s string) string { return s }

// MaxItems is the most repositories, policies or roles one spec may hold. Rendering the
// largest spec takes about 1.5 s on two cores; CodeArtifact's default quota is 1,000
// repositories per domain.
const MaxItems = 5000

func (c *checker) atMost(n int, what string, at diag.Pos) {
	if n > MaxItems {
		c.errorf("VALID012", at, fmt.Sprintf("codeartifact-gen renders at most %d %s per spec; split the spec, for example by team.", MaxItems, what), "the spec has %d %s", n, what)
	}
}

func names[T any](items []T, name func(*T) spec.String) []spec.String {
	out := make([]spec.String, len(items))
	for i := range items {
		out[i] = name(&items[i])
	}
	return out
}

func (c *checker) quotas(q *spec.Quotas) {
	if s := q.TrustPolicySize; s.Set && (s.Value < aws.TrustPolicyQuota || s.Value > aws.TrustPolicyQuotaMax) {
		c.errorf("VALID013", s.Pos, "IAM's role trust policy quota is 2048 characters and can be raised to at most 4096; give the quota your account has.", "trust_policy_size %d is out of range", s.Value)
	}
	if s := q.PoliciesPerRole; s.Set && (s.Value < aws.PoliciesPerRole || s.Value > aws.PoliciesPerRoleMax) {
		c.errorf("VALID013", s.Pos, "IAM's managed policies per role quota is 10 and can be raised to at most 20; give the quota your account has.", "policies_per_role %d is out of range", s.Value)
	}
}

func values(ss []spec.String) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Value
	}
	return out
}
