package tfschemaprovider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

func TestPlanCreateMarksComputedUnknown(t *testing.T) {
	srv := New(awsSchema(t))
	b := awsSchema(t).Resources["aws_codeartifact_repository"].Block
	conn := object(t, b.BlockTypes["external_connections"].Block, map[string]cty.Value{"external_connection_name": cty.StringVal("public:npmjs")})
	proposed := object(t, b, map[string]cty.Value{
		"domain":               cty.StringVal("ontopix"),
		"repository":           cty.StringVal("npm-store"),
		"domain_owner":         cty.StringVal("444455556666"), // optional+computed, set: kept
		"external_connections": cty.ListVal([]cty.Value{conn}),
	})
	resp, err := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName:         "aws_codeartifact_repository",
		PriorState:       dynamic(t, cty.NullVal(proposed.Type())),
		ProposedNewState: dynamic(t, proposed),
		Config:           dynamic(t, proposed),
	})
	if err != nil {
		t.Fatal(err)
	}
	requireNoDiags(t, resp.Diagnostics)
	planned := undynamic(t, resp.PlannedState, proposed.Type())
	for _, name := range []string{"arn", "id", "administrator_account", "region", "tags_all"} {
		if planned.GetAttr(name).IsKnown() {
			t.Errorf("%s = %#v, want unknown", name, planned.GetAttr(name))
		}
	}
	for name, want := range map[string]cty.Value{
		"domain": cty.StringVal("ontopix"), "domain_owner": cty.StringVal("444455556666"),
		"description": cty.NullVal(cty.String), "tags": cty.NullVal(cty.Map(cty.String)),
	} {
		if got := planned.GetAttr(name); !got.RawEquals(want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	ec := planned.GetAttr("external_connections").Index(cty.NumberIntVal(0))
	if ec.GetAttr("status").IsKnown() || ec.GetAttr("package_format").IsKnown() {
		t.Errorf("nested computed attributes not unknown: %#v", ec)
	}
	if got := ec.GetAttr("external_connection_name"); !got.RawEquals(cty.StringVal("public:npmjs")) {
		t.Errorf("external_connection_name = %#v", got)
	}
}

func TestPlanDestroyAndNoop(t *testing.T) {
	srv := New(awsSchema(t))
	b := awsSchema(t).Resources["aws_iam_role"].Block
	state := object(t, b, map[string]cty.Value{
		"name": cty.StringVal("r"), "arn": cty.StringVal("arn:aws:iam::111122223333:role/r"),
		"assume_role_policy": cty.StringVal("{}"),
	})
	ty := state.Type()

	destroy, _ := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "aws_iam_role", PriorState: dynamic(t, state), ProposedNewState: dynamic(t, cty.NullVal(ty)),
		Config: dynamic(t, cty.NullVal(ty)),
	})
	requireNoDiags(t, destroy.Diagnostics)
	if got := undynamic(t, destroy.PlannedState, ty); !got.IsNull() {
		t.Errorf("destroy planned %#v, want null", got)
	}

	noop, _ := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "aws_iam_role", PriorState: dynamic(t, state), ProposedNewState: dynamic(t, state), Config: dynamic(t, state),
		PriorPrivate: []byte("p"),
	})
	requireNoDiags(t, noop.Diagnostics)
	if got := undynamic(t, noop.PlannedState, ty); !got.RawEquals(state) {
		t.Errorf("no-op planned %#v, want the prior state", got)
	}
	if string(noop.PlannedPrivate) != "p" {
		t.Errorf("private data not kept: %q", noop.PlannedPrivate)
	}
}

func TestApplyIsRefused(t *testing.T) {
	srv := New(awsSchema(t))
	apply, _ := srv.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{TypeName: "aws_iam_role"})
	if diags := apply.Diagnostics; len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || diags[0].Summary != ErrApplyUnsupported {
		t.Errorf("apply diagnostics = %+v, want one %q error", diags, ErrApplyUnsupported)
	}
}

func TestImportKeepsTheID(t *testing.T) {
	srv := New(awsSchema(t))
	imp, _ := srv.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: "aws_iam_role", ID: "r"})
	requireNoDiags(t, imp.Diagnostics)
	if len(imp.ImportedResources) != 1 {
		t.Fatalf("imported %d resources, want 1", len(imp.ImportedResources))
	}
	ty := awsSchema(t).Resources["aws_iam_role"].Block.ImpliedType()
	got := undynamic(t, imp.ImportedResources[0].State, ty)
	if !got.GetAttr("id").RawEquals(cty.StringVal("r")) || !got.GetAttr("name").IsNull() {
		t.Errorf("imported state %#v, want id r and nothing else", got)
	}
}

func TestUnknownResourceType(t *testing.T) {
	resp, _ := New(awsSchema(t)).PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{TypeName: "aws_s3_bucket"})
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Errorf("diagnostics = %+v, want one error", resp.Diagnostics)
	}
}

func TestUpgradeResourceStatePassesJSONThrough(t *testing.T) {
	srv := New(awsSchema(t))
	resp, _ := srv.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "aws_iam_role_policy_attachment",
		RawState: &tfprotov6.RawState{JSON: []byte(`{"id":"r-1","role":"r","policy_arn":"arn:aws:iam::aws:policy/P"}`)},
	})
	requireNoDiags(t, resp.Diagnostics)
	ty := awsSchema(t).Resources["aws_iam_role_policy_attachment"].Block.ImpliedType()
	if got := undynamic(t, resp.UpgradedState, ty).GetAttr("policy_arn"); !got.RawEquals(cty.StringVal("arn:aws:iam::aws:policy/P")) {
		t.Errorf("policy_arn = %#v", got)
	}
}
