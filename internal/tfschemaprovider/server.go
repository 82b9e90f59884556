package tfschemaprovider

import (
	"context"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

// SchemaEnv is the environment variable that names the schema file the
// provider binary serves.
const SchemaEnv = "TFSCHEMAPROVIDER_SCHEMA"

// AccountEnv is the environment variable that may name the 12-digit AWS
// account the data sources report instead of DefaultAccountID: generated
// configurations may hold preconditions on the account.
const AccountEnv = "TFSCHEMAPROVIDER_ACCOUNT_ID"

// DefaultRegion is the region used when neither a data source's own
// `region` argument, the provider's `region` nor AWS_REGION is set.
const DefaultRegion = "us-east-1"

// Server is a tfprotov6.ProviderServer backed by a Schema. A Server built
// by NewFailing answers every schema request with the load error instead.
// Server is safe for concurrent use.
type Server struct {
	schema  *Schema
	loadErr error
	account string

	mu     sync.Mutex
	region string // from ConfigureProvider; "" when unset or unknown
}

var _ tfprotov6.ProviderServer = (*Server)(nil)

// New returns a provider server that serves s and reports account
// DefaultAccountID.
func New(s *Schema) *Server {
	return &Server{schema: s, account: DefaultAccountID}
}

// WithAccount sets the account the data sources report and returns srv.
// It returns an error if account is not 12 digits.
func (s *Server) WithAccount(account string) (*Server, error) {
	if !accountPattern.MatchString(account) {
		return s, fmt.Errorf("AWS account ID %q is not 12 digits", account)
	}
	s.account = account
	return s, nil
}

var accountPattern = regexp.MustCompile(`^[0-9]{12}$`)

// NewFailing returns a provider server whose GetMetadata, GetProviderSchema
// and ConfigureProvider report err as an error diagnostic, so that OpenTofu
// shows why the provider is unusable instead of a bare plugin crash.
func NewFailing(err error) *Server {
	return &Server{schema: &Schema{}, loadErr: err, account: DefaultAccountID}
}

// NewFromEnv loads the schema named by SchemaEnv and reports the account
// named by AccountEnv, if set. If SchemaEnv is unset, the file cannot be
// loaded or the account is malformed, it returns a failing server (see
// NewFailing) and the error.
func NewFromEnv() (*Server, error) {
	path := os.Getenv(SchemaEnv)
	if path == "" {
		err := fmt.Errorf("%s is not set: set it to the path of a `providers schema -json` file, e.g. testdata/thirdparty/terraform/aws-provider-6.47.0-schema.json", SchemaEnv)
		return NewFailing(err), err
	}
	s, err := LoadSchema(path)
	if err != nil {
		err = fmt.Errorf("%s=%s: %w", SchemaEnv, path, err)
		return NewFailing(err), err
	}
	srv := New(s)
	if account := os.Getenv(AccountEnv); account != "" {
		if _, err := srv.WithAccount(account); err != nil {
			err = fmt.Errorf("%s: %w", AccountEnv, err)
			return NewFailing(err), err
		}
	}
	return srv, nil
}

func (s *Server) loadDiags() []*tfprotov6.Diagnostic {
	if s.loadErr == nil {
		return nil
	}
	return []*tfprotov6.Diagnostic{errorDiag("offline schema provider: cannot load schema", s.loadErr.Error())}
}

// GetMetadata lists every resource and data source type of the schema.
func (s *Server) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp := &tfprotov6.GetMetadataResponse{
		ServerCapabilities: serverCapabilities(),
		Diagnostics:        s.loadDiags(),
	}
	for _, name := range slices.Sorted(maps.Keys(s.schema.Resources)) {
		resp.Resources = append(resp.Resources, tfprotov6.ResourceMetadata{TypeName: name})
	}
	for _, name := range slices.Sorted(maps.Keys(s.schema.DataSources)) {
		resp.DataSources = append(resp.DataSources, tfprotov6.DataSourceMetadata{TypeName: name})
	}
	return resp, nil
}

// GetProviderSchema returns the provider configuration schema (see
// ProviderConfigSchema) and every resource and data-source schema.
func (s *Server) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp := &tfprotov6.GetProviderSchemaResponse{
		ServerCapabilities:       serverCapabilities(),
		Provider:                 ProviderConfigSchema().Proto(),
		ResourceSchemas:          map[string]*tfprotov6.Schema{},
		DataSourceSchemas:        map[string]*tfprotov6.Schema{},
		Functions:                map[string]*tfprotov6.Function{},
		EphemeralResourceSchemas: map[string]*tfprotov6.Schema{},
		Diagnostics:              s.loadDiags(),
	}
	for name, ts := range s.schema.Resources {
		resp.ResourceSchemas[name] = ts.Proto()
	}
	for name, ts := range s.schema.DataSources {
		resp.DataSourceSchemas[name] = ts.Proto()
	}
	return resp, nil
}

func serverCapabilities() *tfprotov6.ServerCapabilities {
	return &tfprotov6.ServerCapabilities{PlanDestroy: true}
}

// GetResourceIdentitySchemas returns no identity schemas.
func (s *Server) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

// ValidateProviderConfig accepts every configuration: OpenTofu core has
// already checked it against the schema.
func (s *Server) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

// ConfigureProvider records the provider's `region` argument, if known.
func (s *Server) ConfigureProvider(_ context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	if diags := s.loadDiags(); diags != nil {
		return &tfprotov6.ConfigureProviderResponse{Diagnostics: diags}, nil
	}
	cfg, err := decodeValue(req.Config, ProviderConfigSchema().Block.ImpliedType())
	if err != nil {
		return &tfprotov6.ConfigureProviderResponse{Diagnostics: []*tfprotov6.Diagnostic{
			errorDiag("offline schema provider: invalid provider configuration", err.Error()),
		}}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.region = knownString(cfg, "region")
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

// StopProvider does nothing: no request of this provider blocks.
func (s *Server) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

// providerRegion returns the region from the provider configuration, then
// AWS_REGION, then DefaultRegion.
func (s *Server) providerRegion() string {
	s.mu.Lock()
	r := s.region
	s.mu.Unlock()
	if r != "" {
		return r
	}
	if r := os.Getenv("AWS_REGION"); r != "" {
		return r
	}
	return DefaultRegion
}

// knownString returns obj.name if obj is a known object whose attribute
// name is a known, non-null string; otherwise "".
func knownString(obj cty.Value, name string) string {
	if obj.IsNull() || !obj.IsKnown() || !obj.Type().IsObjectType() || !obj.Type().HasAttribute(name) {
		return ""
	}
	v := obj.GetAttr(name)
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

func errorDiag(summary, detail string) *tfprotov6.Diagnostic {
	return &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary, Detail: detail}
}
