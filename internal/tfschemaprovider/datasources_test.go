package tfschemaprovider

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// read calls ReadDataSource for typeName with the given configured values
// and returns the state, failing t on any diagnostic.
func read(t *testing.T, srv *Server, typeName string, vals map[string]cty.Value) cty.Value {
	t.Helper()
	b := awsSchema(t).DataSources[typeName].Block
	cfg := object(t, b, vals)
	resp, err := srv.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: dynamic(t, cfg)})
	if err != nil {
		t.Fatal(err)
	}
	requireNoDiags(t, resp.Diagnostics)
	return undynamic(t, resp.State, cfg.Type())
}

func wantAttrs(t *testing.T, v cty.Value, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if got := v.GetAttr(name); !got.RawEquals(cty.StringVal(w)) {
			t.Errorf("%s = %#v, want %q", name, got, w)
		}
	}
}

func TestReadCallerIdentityAndPartition(t *testing.T) {
	srv := New(awsSchema(t))
	wantAttrs(t, read(t, srv, "aws_caller_identity", nil), map[string]string{
		"account_id": "111122223333", "arn": "arn:aws:iam::111122223333:user/offline", "id": "111122223333",
	})
	wantAttrs(t, read(t, srv, "aws_partition", nil), map[string]string{
		"partition": "aws", "dns_suffix": "amazonaws.com", "reverse_dns_prefix": "com.amazonaws", "id": "aws",
	})
}

func TestReadWithAccountOverride(t *testing.T) {
	t.Setenv(SchemaEnv, "../../testdata/thirdparty/terraform/aws-provider-6.47.0-schema.json")
	t.Setenv(AccountEnv, "012345678901")
	srv, err := NewFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	wantAttrs(t, read(t, srv, "aws_caller_identity", nil), map[string]string{"account_id": "012345678901"})
	t.Setenv(AccountEnv, "12345")
	if _, err := NewFromEnv(); err == nil {
		t.Errorf("NewFromEnv accepted %s=12345", AccountEnv)
	}
}

func TestReadRegion(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	srv := New(awsSchema(t))
	wantAttrs(t, read(t, srv, "aws_region", nil), map[string]string{"region": DefaultRegion, "name": DefaultRegion, "id": DefaultRegion})
	t.Setenv("AWS_REGION", "eu-central-1")
	wantAttrs(t, read(t, srv, "aws_region", nil), map[string]string{
		"region": "eu-central-1", "endpoint": "ec2.eu-central-1.amazonaws.com", "description": "Europe (Frankfurt)",
	})
	wantAttrs(t, read(t, srv, "aws_region", map[string]cty.Value{"region": cty.StringVal("eu-west-1")}), map[string]string{
		"region": "eu-west-1", "name": "eu-west-1", "id": "eu-west-1",
	})
}

func TestReadRepositoryEndpoint(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	srv := New(awsSchema(t))
	got := read(t, srv, "aws_codeartifact_repository_endpoint", map[string]cty.Value{
		"domain": cty.StringVal("ontopix"), "repository": cty.StringVal("npm"), "format": cty.StringVal("npm"),
		"region": cty.StringVal("eu-west-1"),
	})
	wantAttrs(t, got, map[string]string{
		"repository_endpoint": "https://ontopix-111122223333.d.codeartifact.eu-west-1.amazonaws.com/npm/npm/",
		"domain_owner":        "111122223333",
	})
}

func TestReadOIDCProvider(t *testing.T) {
	srv := New(awsSchema(t))
	got := read(t, srv, "aws_iam_openid_connect_provider", map[string]cty.Value{"url": cty.StringVal("https://token.actions.githubusercontent.com")})
	wantAttrs(t, got, map[string]string{"arn": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"})
	if tl := got.GetAttr("thumbprint_list"); !tl.IsKnown() || tl.IsNull() || tl.LengthInt() != 0 {
		t.Errorf("thumbprint_list = %#v, want empty", tl)
	}
	b := awsSchema(t).DataSources["aws_iam_openid_connect_provider"].Block
	resp, _ := srv.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: "aws_iam_openid_connect_provider", Config: dynamic(t, object(t, b, nil))})
	if len(resp.Diagnostics) != 1 {
		t.Errorf("reading with neither arn nor url: diagnostics = %+v, want one error", resp.Diagnostics)
	}
}

func TestReadWithUnknownConfigReturnsUnknowns(t *testing.T) {
	srv := New(awsSchema(t))
	got := read(t, srv, "aws_codeartifact_repository_endpoint", map[string]cty.Value{
		"domain": cty.UnknownVal(cty.String), "repository": cty.StringVal("npm"), "format": cty.StringVal("npm"),
	})
	if got.GetAttr("repository_endpoint").IsKnown() || got.GetAttr("id").IsKnown() {
		t.Errorf("computed attributes known despite unknown config: %#v", got)
	}
}

func TestReadOtherDataSourcesAreWhollyKnown(t *testing.T) {
	srv := New(awsSchema(t))
	got := read(t, srv, "aws_kms_key", map[string]cty.Value{"key_id": cty.StringVal("alias/x")})
	if !got.IsWhollyKnown() {
		t.Fatalf("aws_kms_key state not wholly known: %#v", got)
	}
	if mr := got.GetAttr("multi_region_configuration"); mr.IsNull() || mr.LengthInt() != 0 {
		t.Errorf("multi_region_configuration = %#v, want an empty list", mr)
	}
}

func TestReadPolicyDocument(t *testing.T) {
	srv := New(awsSchema(t))
	b := awsSchema(t).DataSources["aws_iam_policy_document"].Block
	stmt := b.BlockTypes["statement"].Block
	principal := object(t, stmt.BlockTypes["principals"].Block, map[string]cty.Value{
		"type": cty.StringVal("Federated"), "identifiers": cty.SetVal([]cty.Value{cty.StringVal("arn:aws:iam::111122223333:oidc-provider/x")}),
	})
	cond := object(t, stmt.BlockTypes["condition"].Block, map[string]cty.Value{
		"test": cty.StringVal("StringLike"), "variable": cty.StringVal("x:sub"), "values": cty.ListVal([]cty.Value{cty.StringVal("repo:o/*")}),
	})
	st := object(t, stmt, map[string]cty.Value{
		"actions":    cty.SetVal([]cty.Value{cty.StringVal("sts:TagSession"), cty.StringVal("sts:AssumeRoleWithWebIdentity")}),
		"principals": cty.SetVal([]cty.Value{principal}),
		"condition":  cty.SetVal([]cty.Value{cond}),
	})
	got := read(t, srv, "aws_iam_policy_document", map[string]cty.Value{"statement": cty.ListVal([]cty.Value{st})})
	var doc any
	if err := json.Unmarshal([]byte(got.GetAttr("minified_json").AsString()), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect":    "Allow",
		"Action":    []any{"sts:AssumeRoleWithWebIdentity", "sts:TagSession"},
		"Principal": map[string]any{"Federated": "arn:aws:iam::111122223333:oidc-provider/x"},
		"Condition": map[string]any{"StringLike": map[string]any{"x:sub": "repo:o/*"}},
	}}}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("policy document = %v, want %v", doc, want)
	}
}
