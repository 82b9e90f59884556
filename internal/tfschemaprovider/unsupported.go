package tfschemaprovider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// GetFunctions returns no provider functions.
func (s *Server) GetFunctions(context.Context, *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return &tfprotov6.GetFunctionsResponse{Functions: map[string]*tfprotov6.Function{}}, nil
}

// CallFunction always fails: the provider has no functions.
func (s *Server) CallFunction(_ context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return &tfprotov6.CallFunctionResponse{Error: &tfprotov6.FunctionError{
		Text: "offline schema provider: no function named " + req.Name}}, nil
}

func unsupportedEphemeral(typeName string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{errorDiag("offline schema provider: ephemeral resources are not supported", typeName)}
}

// ValidateEphemeralResourceConfig always fails: the provider has no
// ephemeral resources.
func (s *Server) ValidateEphemeralResourceConfig(_ context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov6.ValidateEphemeralResourceConfigResponse{Diagnostics: unsupportedEphemeral(req.TypeName)}, nil
}

// OpenEphemeralResource always fails.
func (s *Server) OpenEphemeralResource(_ context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return &tfprotov6.OpenEphemeralResourceResponse{Diagnostics: unsupportedEphemeral(req.TypeName)}, nil
}

// RenewEphemeralResource always fails.
func (s *Server) RenewEphemeralResource(_ context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return &tfprotov6.RenewEphemeralResourceResponse{Diagnostics: unsupportedEphemeral(req.TypeName)}, nil
}

// CloseEphemeralResource always fails.
func (s *Server) CloseEphemeralResource(_ context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return &tfprotov6.CloseEphemeralResourceResponse{Diagnostics: unsupportedEphemeral(req.TypeName)}, nil
}
