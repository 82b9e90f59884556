package importer

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// StateAddresses returns the managed resource instances of the root module in a
// Terraform state: the JSON of `terraform state pull` (state format version 4) or of
// `terraform show -json`. Addresses are canonical (tfname.ResourceAddress).
func StateAddresses(data []byte) (map[string]bool, error) {
	var doc struct {
		Version   int `json:"version"`
		Resources []struct {
			Module    string `json:"module"`
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				IndexKey any `json:"index_key"`
			} `json:"instances"`
		} `json:"resources"`
		Values *struct {
			RootModule struct {
				Resources []struct {
					Address string `json:"address"`
					Mode    string `json:"mode"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
		FormatVersion string `json:"format_version"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not a Terraform state: %w", err)
	}
	out := map[string]bool{}
	switch {
	case doc.FormatVersion != "":
		if doc.Values == nil {
			return out, nil // terraform show -json of an empty state
		}
		for _, r := range doc.Values.RootModule.Resources {
			if a, ok := tfname.ParseResourceAddress(r.Address); ok && r.Mode == "managed" {
				out[a.String()] = true
			}
		}
	case doc.Version == 4:
		for _, r := range doc.Resources {
			if r.Module != "" || r.Mode != "managed" {
				continue
			}
			for _, in := range r.Instances {
				a := tfname.ResourceAddress{Type: r.Type, Name: r.Name}
				switch k := in.IndexKey.(type) {
				case float64:
					a.HasKey, a.Number, a.Key = true, true, fmt.Sprint(int64(k))
				case string:
					a.HasKey, a.Key = true, k
				}
				out[a.String()] = true
			}
		}
	default:
		return nil, errors.New("not a Terraform state: give the output of terraform state pull (version 4) or terraform show -json")
	}
	return out, nil
}

// markImports turns every adopt entry whose address the state does not hold into an
// import, and reports it: the resource is declared but was never applied or imported, so
// it either exists in AWS (created outside Terraform) or not at all.
func (m *mapper) markImports(state map[string]bool) {
	for i := range m.spec.Adopt {
		a := &m.spec.Adopt[i]
		if state[a.From] {
			continue
		}
		in := m.byAddr[a.From]
		m.warn("IMPORT028", in.Range, a.From+" is not in the state: the render imports it",
			"The configuration declares it but the state does not hold it, so it was created outside Terraform (or never created). The spec adopts it with import: true, and the render writes an import block with the provider's import ID; if it does not exist in AWS, the plan stops at the import and changes nothing.")
		a.Import, a.From = true, ""
	}
}
