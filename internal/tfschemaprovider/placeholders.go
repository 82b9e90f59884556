package tfschemaprovider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// placeholderFunc returns deterministic values for top-level computed
// attributes of a wholly known data-source configuration.
type placeholderFunc func(s *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error)

// placeholders holds the data sources with values beyond zero values.
var placeholders = map[string]placeholderFunc{
	"aws_caller_identity":                  callerIdentity,
	"aws_partition":                        partition,
	"aws_region":                           region,
	"aws_iam_openid_connect_provider":      oidcProvider,
	"aws_codeartifact_repository_endpoint": repositoryEndpoint,
	"aws_codeartifact_authorization_token": authorizationToken,
	"aws_iam_policy_document":              policyDocument,
	"aws_iam_role":                         iamRole,
	"aws_iam_policy":                       iamPolicy,
}

func str(s string) cty.Value { return cty.StringVal(s) }

func callerIdentity(s *Server, _ cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	return map[string]cty.Value{
		"account_id": str(s.account),
		"arn":        str("arn:aws:iam::" + s.account + ":user/offline"),
		"user_id":    str("AIDAOFFLINEPLACEHOLDER"),
		"id":         str(s.account),
	}, nil, nil
}

func partition(*Server, cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	return map[string]cty.Value{
		"partition":          str("aws"),
		"dns_suffix":         str("amazonaws.com"),
		"reverse_dns_prefix": str("com.amazonaws"),
		"id":                 str("aws"),
	}, nil, nil
}

// regionOf returns the data source's own `region` argument, else the
// provider region (see Server.providerRegion).
func (s *Server) regionOf(cfg cty.Value) string {
	if r := knownString(cfg, "region"); r != "" {
		return r
	}
	return s.providerRegion()
}

var regionDescriptions = map[string]string{
	"us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)",
	"us-west-2": "US West (Oregon)", "eu-west-1": "Europe (Ireland)",
	"eu-central-1": "Europe (Frankfurt)", "eu-south-2": "Europe (Spain)",
}

func region(s *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	r := knownString(cfg, "name") // deprecated alias of region
	if r == "" {
		r = s.regionOf(cfg)
	}
	desc, ok := regionDescriptions[r]
	if !ok {
		desc = "AWS Region " + r
	}
	return map[string]cty.Value{
		"region":      str(r),
		"name":        str(r),
		"id":          str(r),
		"endpoint":    str("ec2." + r + ".amazonaws.com"),
		"description": str(desc),
	}, nil, nil
}

func oidcProvider(s *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	arn, url := knownString(cfg, "arn"), knownString(cfg, "url")
	arnPrefix := "arn:aws:iam::" + s.account + ":oidc-provider/"
	switch {
	case arn == "" && url == "":
		return nil, nil, fmt.Errorf("one of arn or url must be set")
	case arn == "":
		arn = arnPrefix + strings.TrimPrefix(url, "https://")
	case url == "":
		_, host, _ := strings.Cut(arn, ":oidc-provider/")
		url = "https://" + host
	}
	return map[string]cty.Value{
		"arn":             str(arn),
		"id":              str(arn),
		"url":             str(url),
		"client_id_list":  cty.ListVal([]cty.Value{str("sts.amazonaws.com")}),
		"thumbprint_list": cty.ListValEmpty(cty.String),
		"tags":            cty.MapValEmpty(cty.String),
	}, nil, nil
}

func repositoryEndpoint(s *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	owner := knownString(cfg, "domain_owner")
	if owner == "" {
		owner = s.account
	}
	r := s.regionOf(cfg)
	domain, repo, format := knownString(cfg, "domain"), knownString(cfg, "repository"), knownString(cfg, "format")
	return map[string]cty.Value{
		"domain_owner": str(owner),
		"region":       str(r),
		"id":           str(fmt.Sprintf("%s:%s:%s:%s", owner, domain, repo, format)),
		"repository_endpoint": str(fmt.Sprintf("https://%s-%s.d.codeartifact.%s.amazonaws.com/%s/%s/",
			domain, owner, r, format, repo)),
	}, nil, nil
}

func authorizationToken(s *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	owner := knownString(cfg, "domain_owner")
	if owner == "" {
		owner = s.account
	}
	return map[string]cty.Value{
		"domain_owner":        str(owner),
		"region":              str(s.regionOf(cfg)),
		"id":                  str(knownString(cfg, "domain")),
		"authorization_token": str("offline-placeholder-token"),
		"expiration":          str("1970-01-01T00:00:00Z"),
	}, nil, nil
}

func iamRole(s *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	name := knownString(cfg, "name")
	return map[string]cty.Value{
		"arn":                str("arn:aws:iam::" + s.account + ":role/" + name),
		"id":                 str(name),
		"path":               str("/"),
		"assume_role_policy": str(`{"Version":"2012-10-17","Statement":[]}`),
	}, nil, nil
}

func iamPolicy(s *Server, cfg cty.Value) (map[string]cty.Value, []*tfprotov6.Diagnostic, error) {
	arn, name := knownString(cfg, "arn"), knownString(cfg, "name")
	arnPrefix := "arn:aws:iam::" + s.account + ":policy/"
	if arn == "" {
		arn = arnPrefix + name
	} else if name == "" {
		name = arn[strings.LastIndex(arn, "/")+1:]
	}
	return map[string]cty.Value{
		"arn":    str(arn),
		"id":     str(arn),
		"name":   str(name),
		"path":   str("/"),
		"policy": str(`{"Version":"2012-10-17","Statement":[]}`),
	}, nil, nil
}
