package tfschemaprovider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// DefaultAccountID is the AWS account the data sources report unless
// AccountEnv names another.
const DefaultAccountID = "111122223333"

// ValidateDataResourceConfig accepts every configuration: OpenTofu core has
// already checked it against the schema.
func (s *Server) ValidateDataResourceConfig(context.Context, *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return &tfprotov6.ValidateDataResourceConfigResponse{}, nil
}

// ReadDataSource returns the configuration with every computed attribute
// the configuration left null filled in. If the configuration holds
// unknown values, those attributes are unknown. Otherwise they get the
// type-specific placeholders of placeholders.go, and any attribute without
// one gets the zero value of its type, so the result is wholly known and
// deterministic.
func (s *Server) ReadDataSource(_ context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	ts, ok := s.schema.DataSources[req.TypeName]
	if !ok {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: []*tfprotov6.Diagnostic{errorDiag(
			"offline schema provider: unknown data source type",
			fmt.Sprintf("data source type %q is not in the schema file this provider serves", req.TypeName))}}, nil
	}
	ty := ts.Block.ImpliedType()
	state, diags, err := s.readData(req.TypeName, ts.Block, req.Config, ty)
	if err == nil {
		var dv *tfprotov6.DynamicValue
		if dv, err = encodeValue(state, ty); err == nil {
			return &tfprotov6.ReadDataSourceResponse{State: dv, Diagnostics: diags}, nil
		}
	}
	return &tfprotov6.ReadDataSourceResponse{Diagnostics: append(diags,
		errorDiag("offline schema provider: cannot read data source "+req.TypeName, err.Error()))}, nil
}

func (s *Server) readData(typeName string, b *Block, config *tfprotov6.DynamicValue, ty cty.Type) (cty.Value, []*tfprotov6.Diagnostic, error) {
	cfg, err := decodeValue(config, ty)
	if err != nil {
		return cty.NilVal, nil, fmt.Errorf("decode config: %w", err)
	}
	if cfg.IsNull() {
		return cty.NilVal, nil, fmt.Errorf("config is null")
	}
	if !cfg.IsWhollyKnown() {
		v, err := fillComputed(b, cfg, unknownFiller)
		return v, nil, err
	}
	var known map[string]cty.Value
	var diags []*tfprotov6.Diagnostic
	if ph, ok := placeholders[typeName]; ok {
		if known, diags, err = ph(s, cfg); err != nil {
			return cty.NilVal, diags, err
		}
	}
	vals := cfg.AsValueMap()
	for _, name := range slices.Sorted(maps.Keys(known)) {
		a, ok := b.Attributes[name]
		if !ok {
			return cty.NilVal, diags, fmt.Errorf("placeholder for undeclared attribute %q", name)
		}
		if !a.Computed || !vals[name].IsNull() {
			continue // a configured value wins; non-computed values are the config's
		}
		cv, err := convert.Convert(known[name], a.Type)
		if err != nil {
			return cty.NilVal, diags, fmt.Errorf("placeholder for %s: %w", name, err)
		}
		vals[name] = cv
	}
	v, err := fillComputed(b, cty.ObjectVal(vals), func(_ string, a *Attribute, _ cty.Value) cty.Value {
		return zeroValue(a.Type)
	})
	return v, diags, err
}
