package tfschemaprovider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

func TestLoadSchemaHasEveryType(t *testing.T) {
	s := awsSchema(t)
	for _, name := range []string{"aws_codeartifact_domain", "aws_codeartifact_repository", "aws_iam_role", "aws_iam_policy",
		"aws_iam_role_policy_attachment", "aws_iam_openid_connect_provider"} {
		if s.Resources[name] == nil {
			t.Errorf("resource %s missing", name)
		}
	}
	for _, name := range []string{"aws_caller_identity", "aws_partition", "aws_region", "aws_iam_policy_document",
		"aws_iam_openid_connect_provider", "aws_codeartifact_repository_endpoint"} {
		if s.DataSources[name] == nil {
			t.Errorf("data source %s missing", name)
		}
	}
}

func TestProtoSchema(t *testing.T) {
	repo := awsSchema(t).Resources["aws_codeartifact_repository"].Proto()
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range repo.Block.Attributes {
		attrs[a.Name] = a
	}
	if a := attrs["domain"]; a == nil || !a.Required || a.Optional || a.Computed || !a.Type.Equal(tftypes.String) {
		t.Errorf("domain = %+v, want a required string", a)
	}
	if a := attrs["tags_all"]; a == nil || !a.Optional || !a.Computed || !a.Type.Equal(tftypes.Map{ElementType: tftypes.String}) {
		t.Errorf("tags_all = %+v, want an optional computed map of string", a)
	}
	blocks := map[string]*tfprotov6.SchemaNestedBlock{}
	for _, b := range repo.Block.BlockTypes {
		blocks[b.TypeName] = b
	}
	if b := blocks["external_connections"]; b == nil || b.Nesting != tfprotov6.SchemaNestedBlockNestingModeList || b.MaxItems != 1 {
		t.Errorf("external_connections = %+v, want a list block of at most 1", b)
	}
	if b := blocks["upstream"]; b == nil || len(b.Block.Attributes) != 1 || !b.Block.Attributes[0].Required {
		t.Errorf("upstream = %+v, want a block with one required attribute", b)
	}
	region := awsSchema(t).DataSources["aws_region"].Proto()
	for _, a := range region.Block.Attributes {
		if a.Name == "name" && !a.Deprecated {
			t.Error("aws_region.name is not deprecated")
		}
	}
	// Attribute order is deterministic.
	for i := 1; i < len(repo.Block.Attributes); i++ {
		if repo.Block.Attributes[i-1].Name >= repo.Block.Attributes[i].Name {
			t.Errorf("attributes out of order: %s before %s", repo.Block.Attributes[i-1].Name, repo.Block.Attributes[i].Name)
		}
	}
}

func TestTFType(t *testing.T) {
	ty := cty.List(cty.Object(map[string]cty.Type{"arn": cty.String, "ids": cty.Set(cty.Number), "m": cty.Map(cty.Bool)}))
	want := tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"arn": tftypes.String, "ids": tftypes.Set{ElementType: tftypes.Number}, "m": tftypes.Map{ElementType: tftypes.Bool}}}}
	if got := TFType(ty); !got.Equal(want) {
		t.Errorf("TFType = %s, want %s", got, want)
	}
}

func TestParseSchemaErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"not JSON":         `{`,
		"other provider":   `{"provider_schemas": {"registry.terraform.io/hashicorp/google": {}}}`,
		"bad type":         `{"provider_schemas": {"registry.terraform.io/hashicorp/aws": {"resource_schemas": {"r": {"block": {"attributes": {"a": {"type": "strang"}}}}}}}}`,
		"bad nesting mode": `{"provider_schemas": {"registry.terraform.io/hashicorp/aws": {"resource_schemas": {"r": {"block": {"block_types": {"b": {"nesting_mode": "tree", "block": {}}}}}}}}}`,
	} {
		if _, err := ParseSchema([]byte(doc), DefaultProviderAddress); err == nil {
			t.Errorf("%s: ParseSchema accepted %s", name, doc)
		}
	}
}

func TestNewFromEnvWithoutSchema(t *testing.T) {
	t.Setenv(SchemaEnv, "")
	srv, err := NewFromEnv()
	if err == nil || !strings.Contains(err.Error(), SchemaEnv) {
		t.Fatalf("NewFromEnv error = %v, want one naming %s", err, SchemaEnv)
	}
	resp, _ := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, SchemaEnv) {
		t.Errorf("GetProviderSchema diagnostics = %+v, want the load error", resp.Diagnostics)
	}
}
