package tfschemaprovider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// ErrApplyUnsupported is the diagnostic summary of every refused apply.
const ErrApplyUnsupported = "offline schema provider: apply is not supported"

func (s *Server) resourceSchema(typeName string) (*TypeSchema, []*tfprotov6.Diagnostic) {
	ts, ok := s.schema.Resources[typeName]
	if !ok {
		return nil, []*tfprotov6.Diagnostic{errorDiag("offline schema provider: unknown resource type",
			fmt.Sprintf("resource type %q is not in the schema file this provider serves", typeName))}
	}
	return ts, nil
}

// ValidateResourceConfig accepts every configuration: OpenTofu core has
// already checked it against the schema.
func (s *Server) ValidateResourceConfig(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

// UpgradeResourceState returns the stored JSON state unchanged, decoded
// against the current schema.
func (s *Server) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	ts, diags := s.resourceSchema(req.TypeName)
	if diags != nil {
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: diags}, nil
	}
	if req.RawState == nil || req.RawState.JSON == nil {
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: []*tfprotov6.Diagnostic{
			errorDiag("offline schema provider: cannot upgrade state", "only JSON state is supported")}}, nil
	}
	ty := ts.Block.ImpliedType()
	v, err := ctyjson.Unmarshal(req.RawState.JSON, ty)
	if err == nil {
		var dv *tfprotov6.DynamicValue
		if dv, err = encodeValue(v, ty); err == nil {
			return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: dv}, nil
		}
	}
	return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: []*tfprotov6.Diagnostic{
		errorDiag("offline schema provider: cannot upgrade state", fmt.Sprintf("%s: %v", req.TypeName, err))}}, nil
}

// ReadResource returns the current state unchanged: there is no remote
// object to refresh from.
func (s *Server) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
}

// PlanResourceChange plans a destroy as null, a no-op as the unchanged
// state, and a create or update as the proposed new state in which every
// computed attribute left null (at any nesting depth) is unknown.
func (s *Server) PlanResourceChange(_ context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	ts, diags := s.resourceSchema(req.TypeName)
	if diags != nil {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: diags}, nil
	}
	fail := func(err error) (*tfprotov6.PlanResourceChangeResponse, error) {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: []*tfprotov6.Diagnostic{
			errorDiag("offline schema provider: cannot plan "+req.TypeName, err.Error())}}, nil
	}
	ty := ts.Block.ImpliedType()
	prior, err := decodeValue(req.PriorState, ty)
	if err != nil {
		return fail(fmt.Errorf("decode prior state: %w", err))
	}
	proposed, err := decodeValue(req.ProposedNewState, ty)
	if err != nil {
		return fail(fmt.Errorf("decode proposed new state: %w", err))
	}
	planned := proposed
	if !proposed.IsNull() && !(!prior.IsNull() && prior.RawEquals(proposed)) {
		if planned, err = fillComputed(ts.Block, proposed, unknownFiller); err != nil {
			return fail(err)
		}
	}
	dv, err := encodeValue(planned, ty)
	if err != nil {
		return fail(fmt.Errorf("encode planned state: %w", err))
	}
	return &tfprotov6.PlanResourceChangeResponse{PlannedState: dv, PlannedPrivate: req.PriorPrivate}, nil
}

func applyDiag(what string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{errorDiag(ErrApplyUnsupported,
		what+" needs the real hashicorp/aws provider; this provider only serves schemas for validate and plan")}
}

// ApplyResourceChange always fails with ErrApplyUnsupported.
func (s *Server) ApplyResourceChange(_ context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return &tfprotov6.ApplyResourceChangeResponse{Diagnostics: applyDiag("applying " + req.TypeName)}, nil
}

// ImportResourceState answers an import block as a real provider's import does before
// its read: an object of the type with id set to the import ID and every other
// attribute null (ReadResource then keeps it as it is). The plan therefore shows the
// import, with its ID, and the update that would follow it; nothing is applied.
func (s *Server) ImportResourceState(_ context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	ts, diags := s.resourceSchema(req.TypeName)
	if diags != nil {
		return &tfprotov6.ImportResourceStateResponse{Diagnostics: diags}, nil
	}
	ty := ts.Block.ImpliedType()
	attrs := map[string]cty.Value{}
	for name, at := range ty.AttributeTypes() {
		attrs[name] = cty.NullVal(at)
	}
	if _, ok := attrs["id"]; ok {
		attrs["id"] = cty.StringVal(req.ID)
	}
	dv, err := encodeValue(cty.ObjectVal(attrs), ty)
	if err != nil {
		return &tfprotov6.ImportResourceStateResponse{Diagnostics: []*tfprotov6.Diagnostic{
			errorDiag("offline schema provider: cannot import "+req.TypeName, err.Error())}}, nil
	}
	return &tfprotov6.ImportResourceStateResponse{ImportedResources: []*tfprotov6.ImportedResource{{TypeName: req.TypeName, State: dv}}}, nil
}

// MoveResourceState always fails: moves between resource types are not
// supported.
func (s *Server) MoveResourceState(_ context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return &tfprotov6.MoveResourceStateResponse{Diagnostics: applyDiag("moving state to " + req.TargetTypeName)}, nil
}

// UpgradeResourceIdentity always fails: no resource has an identity schema.
func (s *Server) UpgradeResourceIdentity(_ context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return &tfprotov6.UpgradeResourceIdentityResponse{Diagnostics: []*tfprotov6.Diagnostic{
		errorDiag("offline schema provider: resource identity is not supported", req.TypeName)}}, nil
}

// GenerateResourceConfig always fails: it only serves imports.
func (s *Server) GenerateResourceConfig(_ context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return &tfprotov6.GenerateResourceConfigResponse{Diagnostics: applyDiag("generating configuration for " + req.TypeName)}, nil
}
