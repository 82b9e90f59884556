package tofuverify

import (
	"context"
	"encoding/json"
)

// StateResource is one resource instance of a prior state for VerifyWithState: what
// Terraform would hold after applying an earlier configuration.
type StateResource struct {
	Type, Name string
	// Attributes are the instance's attribute values; missing ones are null.
	Attributes map[string]any
	// IndexKey is the instance key of a resource with count (a number) or for_each (a
	// string); nil for a single instance. Instances of one resource are grouped.
	IndexKey any
}

// StateProvider is the provider address state entries of hashicorp/aws carry in OpenTofu.
const StateProvider = `provider["registry.opentofu.org/hashicorp/aws"]`

// StateJSON returns a version 4 state file holding the resources.
func StateJSON(resources []StateResource) ([]byte, error) {
	type instance struct {
		IndexKey      any            `json:"index_key,omitempty"`
		SchemaVersion int            `json:"schema_version"`
		Attributes    map[string]any `json:"attributes"`
		Sensitive     []any          `json:"sensitive_attributes"`
	}
	type resource struct {
		Mode      string     `json:"mode"`
		Type      string     `json:"type"`
		Name      string     `json:"name"`
		Provider  string     `json:"provider"`
		Instances []instance `json:"instances"`
	}
	state := struct {
		Version          int            `json:"version"`
		TerraformVersion string         `json:"terraform_version"`
		Serial           int            `json:"serial"`
		Lineage          string         `json:"lineage"`
		Outputs          map[string]any `json:"outputs"`
		Resources        []resource     `json:"resources"`
	}{Version: 4, TerraformVersion: "1.10.6", Serial: 1, Lineage: "00000000-0000-0000-0000-000000000000", Outputs: map[string]any{}}
	at := map[string]int{}
	for _, r := range resources {
		in := instance{IndexKey: r.IndexKey, Attributes: r.Attributes, Sensitive: []any{}}
		if i, ok := at[r.Type+"."+r.Name]; ok && r.IndexKey != nil {
			state.Resources[i].Instances = append(state.Resources[i].Instances, in)
			continue
		}
		at[r.Type+"."+r.Name] = len(state.Resources)
		state.Resources = append(state.Resources, resource{Mode: "managed", Type: r.Type, Name: r.Name, Provider: StateProvider,
			Instances: []instance{in}})
	}
	return json.MarshalIndent(state, "", "  ")
}

// VerifyWithState is Verify with a prior state: the copy of dir gets state as its local
// terraform.tfstate before validate and plan, so that the plan says what Terraform would
// do to resources that already exist (update, delete, forget) rather than only create.
// The source directory is never written, and nothing is applied.
func (v *Verifier) VerifyWithState(ctx context.Context, dir string, state []byte) (*Result, error) {
	return v.verify(ctx, dir, state)
}
