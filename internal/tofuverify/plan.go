package tofuverify

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Plan is the part of `tofu show -json PLAN` output this package reads.
// Raw holds the whole document for anything else.
type Plan struct {
	FormatVersion    string                  `json:"format_version"`
	TerraformVersion string                  `json:"terraform_version"`
	ResourceChanges  []ResourceChange        `json:"resource_changes"`
	OutputChanges    map[string]Change       `json:"output_changes"`
	PlannedValues    PlannedValues           `json:"planned_values"`
	Variables        map[string]PlannedValue `json:"variables"`
	Errored          bool                    `json:"errored"`
	Raw              json.RawMessage         `json:"-"`
}

// PlannedValues holds planned_values: values known at plan time only.
type PlannedValues struct {
	Outputs    map[string]PlannedValue `json:"outputs"`
	RootModule PlannedModule           `json:"root_module"`
}

// PlannedValue is a planned output or variable value. Value is absent
// when unknown at plan time.
type PlannedValue struct {
	Value     any  `json:"value"`
	Sensitive bool `json:"sensitive"`
}

// PlannedModule is a module of planned_values.
type PlannedModule struct {
	Address      string            `json:"address"`
	Resources    []PlannedResource `json:"resources"`
	ChildModules []PlannedModule   `json:"child_modules"`
}

// PlannedResource is a resource of planned_values; Values omits unknowns.
type PlannedResource struct {
	Address string `json:"address"`
	// Index is the instance key: nil, a number (count) or a string (for_each).
	Index  any            `json:"index"`
	Mode   string         `json:"mode"`
	Type   string         `json:"type"`
	Name   string         `json:"name"`
	Values map[string]any `json:"values"`
}

// ResourceChange is one entry of resource_changes.
type ResourceChange struct {
	Address string `json:"address"`
	// PreviousAddress is the address a moved block moves the resource from.
	PreviousAddress string `json:"previous_address"`
	ModuleAddress   string `json:"module_address"`
	Mode            string `json:"mode"`
	Type            string `json:"type"`
	Name            string `json:"name"`
	Change          Change `json:"change"`
}

// Change is a planned change. AfterUnknown mirrors After with true where
// a value is unknown until apply.
type Change struct {
	Actions      []string `json:"actions"`
	Before       any      `json:"before"`
	After        any      `json:"after"`
	AfterUnknown any      `json:"after_unknown"`
}

// ParsePlan decodes `tofu show -json` output of a saved plan.
func ParsePlan(data []byte) (*Plan, error) {
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("decode plan JSON: %w", err)
	}
	if p.FormatVersion == "" {
		return nil, fmt.Errorf("decode plan JSON: no format_version; not `show -json` output of a plan")
	}
	p.Raw = append(json.RawMessage(nil), data...)
	return &p, nil
}

// PolicyAttributes maps each resource type that holds an IAM policy
// document to the attribute holding it.
var PolicyAttributes = map[string]string{
	"aws_iam_role":        "assume_role_policy",
	"aws_iam_policy":      "policy",
	"aws_iam_role_policy": "policy",
	"aws_codeartifact_domain_permissions_policy":     "policy_document",
	"aws_codeartifact_repository_permissions_policy": "policy_document",
}

// Policies returns the policy document string of every managed resource
// of a type in PolicyAttributes that the plan creates, updates or keeps,
// keyed by resource address. It returns an error listing every such
// attribute that is unknown at plan time, null, or not a string; the map
// then still holds the known ones.
func (p *Plan) Policies() (map[string]string, error) {
	out := map[string]string{}
	var bad []string
	for _, rc := range p.ResourceChanges {
		attr, ok := PolicyAttributes[rc.Type]
		if !ok || rc.Mode != "managed" {
			continue
		}
		after, _ := rc.Change.After.(map[string]any)
		if after == nil { // deleted
			continue
		}
		if unknown, _ := rc.Change.AfterUnknown.(map[string]any); unknown[attr] == true {
			bad = append(bad, rc.Address+"."+attr+" is unknown until apply")
			continue
		}
		s, ok := after[attr].(string)
		if !ok {
			bad = append(bad, fmt.Sprintf("%s.%s is %v, not a string", rc.Address, attr, after[attr]))
			continue
		}
		out[rc.Address] = s
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return out, fmt.Errorf("%d policy document(s) not known at plan time:\n  %s", len(bad), strings.Join(bad, "\n  "))
	}
	return out, nil
}
