package tfschemaprovider

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// TestAWSCCNestedAttributes loads the hashicorp/awscc schema, whose package group uses
// protocol-6 nested attributes, and checks the implied value types and the protocol form:
// a nested object and no type, nested attributes in name order.
func TestAWSCCNestedAttributes(t *testing.T) {
	s, err := LoadSchemaFor(filepath.Join("..", "..", "testdata", "thirdparty", "terraform", "awscc-provider-1.96.0-codeartifact-schema.json"), AWSCCProviderAddress)
	if err != nil {
		t.Fatal(err)
	}
	pg := s.Resources["awscc_codeartifact_package_group"]
	if pg == nil {
		t.Fatal("awscc_codeartifact_package_group missing")
	}
	restriction := cty.Object(map[string]cty.Type{"restriction_mode": cty.String, "repositories": cty.List(cty.String)})
	wantOrigin := cty.Object(map[string]cty.Type{"restrictions": cty.Object(map[string]cty.Type{
		"publish": restriction, "external_upstream": restriction, "internal_upstream": restriction})})
	if got := pg.Block.Attributes["origin_configuration"].Type; !got.Equals(wantOrigin) {
		t.Errorf("origin_configuration type %s, want %s", got.GoString(), wantOrigin.GoString())
	}
	if got, want := pg.Block.Attributes["tags"].Type, cty.List(cty.Object(map[string]cty.Type{"key": cty.String, "value": cty.String})); !got.Equals(want) {
		t.Errorf("tags type %s, want %s", got.GoString(), want.GoString())
	}
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range pg.Proto().Block.Attributes {
		attrs[a.Name] = a
	}
	oc := attrs["origin_configuration"]
	if oc == nil || oc.Type != nil || oc.NestedType == nil || oc.NestedType.Nesting != tfprotov6.SchemaObjectNestingModeSingle {
		t.Fatalf("origin_configuration = %+v, want a single nested object without a type", oc)
	}
	restrictions := oc.NestedType.Attributes[0]
	if restrictions.Name != "restrictions" || restrictions.NestedType == nil || len(restrictions.NestedType.Attributes) != 3 ||
		restrictions.NestedType.Attributes[0].Name != "external_upstream" {
		t.Errorf("restrictions = %+v, want three nested restrictions in name order", restrictions)
	}
	mode := restrictions.NestedType.Attributes[0].NestedType.Attributes[1]
	if mode.Name != "restriction_mode" || !mode.Type.Equal(tftypes.String) || !mode.Optional || !mode.Computed {
		t.Errorf("restriction_mode = %+v, want an optional computed string", mode)
	}
	if tags := attrs["tags"]; tags.NestedType == nil || tags.NestedType.Nesting != tfprotov6.SchemaObjectNestingModeList {
		t.Errorf("tags = %+v, want a list of nested objects", tags)
	}
	if _, err := LoadSchemaFor(filepath.Join("..", "..", "testdata", "thirdparty", "terraform", "awscc-provider-1.96.0-codeartifact-schema.json"), DefaultProviderAddress); err == nil {
		t.Error("the awscc file served as hashicorp/aws")
	}
}

// TestAddressFor: the binary's name selects the provider it serves.
func TestAddressFor(t *testing.T) {
	for exe, want := range map[string]string{
		"/tmp/x/terraform-provider-awscc":     AWSCCProviderAddress,
		"C:/x/terraform-provider-awscc.exe":   AWSCCProviderAddress,
		"/tmp/x/terraform-provider-aws":       DefaultProviderAddress,
		"tfschemaprovider":                    DefaultProviderAddress,
		"/tmp/terraform-provider-awscc-other": DefaultProviderAddress,
	} {
		if got := AddressFor(exe); got != want {
			t.Errorf("AddressFor(%q) = %s, want %s", exe, got, want)
		}
	}
}
