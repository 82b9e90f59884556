package tofuverify_test

import (
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/internal/tofuverify"
)

// checkPackageGroups compares the package groups Terraform planned (through the offline
// hashicorp/awscc provider) with the model's: one awscc_codeartifact_package_group per
// group, with its pattern and each restriction's mode as the model says.
func checkPackageGroups(t *testing.T, m *model.Model, plan *tofuverify.Plan) {
	t.Helper()
	planned := map[string]map[string]any{}
	for _, r := range plan.PlannedValues.RootModule.Resources {
		if r.Type == "awscc_codeartifact_package_group" {
			planned[r.Name] = r.Values
		}
	}
	if len(planned) != len(m.PackageGroups) {
		t.Errorf("the plan has %d package groups, the model %d", len(planned), len(m.PackageGroups))
	}
	for _, g := range m.PackageGroups {
		v, ok := planned[g.Address]
		if !ok {
			t.Errorf("package group %s (%s) is not in the plan", g.Address, g.Pattern)
			continue
		}
		if v["pattern"] != g.Pattern.String() {
			t.Errorf("%s: planned pattern %v, want %s", g.Address, v["pattern"], g.Pattern)
		}
		oc, _ := v["origin_configuration"].(map[string]any)
		rs, _ := oc["restrictions"].(map[string]any)
		for _, k := range model.RestrictionKinds {
			r, _ := rs[k.String()].(map[string]any)
			want := g.Restriction(k).Mode
			if want == "" {
				want = "INHERIT"
			}
			if r["restriction_mode"] != want {
				t.Errorf("%s: planned %s mode %v, want %s", g.Address, k, r["restriction_mode"], want)
			}
		}
	}
}
