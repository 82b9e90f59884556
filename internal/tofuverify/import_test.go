package tofuverify_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/importer"
	"github.com/ontopix/codeartifact-gen/internal/tofuverify"
)

// forceNew lists, per resource type, the arguments whose change makes Terraform replace
// the resource (ForceNew in the AWS provider; ../shared/facts/codeartifact-iam.md). The
// offline provider plans no replacements itself, so the test checks every planned update
// against this list.
var forceNew = map[string][]string{
	"aws_codeartifact_domain":         {"domain", "encryption_key"},
	"aws_codeartifact_repository":     {"repository", "domain", "domain_owner"},
	"aws_iam_policy":                  {"name", "name_prefix", "path", "description"},
	"aws_iam_role":                    {"name", "name_prefix", "path"},
	"aws_iam_role_policy_attachment":  {"role", "policy_arn"},
	"aws_iam_openid_connect_provider": {"url"},
}

const account = "111122223333"

// computed fills in what AWS assigns when the resource is created (ARNs, IDs, owners), as
// the real provider records it, so that the state is what an apply of the old
// configuration would leave.
func computed(typ string, v map[string]any, region string) {
	s := func(k string) string { x, _ := v[k].(string); return x }
	set := func(k, val string) {
		if v[k] == nil {
			v[k] = val
		}
	}
	set("region", region)
	switch typ {
	case "aws_codeartifact_domain":
		set("arn", "arn:aws:codeartifact:"+region+":"+account+":domain/"+s("domain"))
		set("owner", account)
	case "aws_codeartifact_repository":
		set("arn", "arn:aws:codeartifact:"+region+":"+account+":repository/"+s("domain")+"/"+s("repository"))
		set("domain_owner", account)
		set("administrator_account", account)
	case "aws_iam_policy":
		set("arn", "arn:aws:iam::"+account+":policy/"+s("name"))
		delete(v, "region")
	case "aws_iam_role":
		set("arn", "arn:aws:iam::"+account+":role/"+s("name"))
		set("unique_id", "AROAEXAMPLE"+strings.ToUpper(s("name")))
		delete(v, "region")
	case "aws_iam_role_policy_attachment":
		set("id", s("role")+"-"+s("policy_arn"))
		delete(v, "region")
	case "aws_iam_openid_connect_provider":
		set("arn", "arn:aws:iam::"+account+":oidc-provider/token.actions.githubusercontent.com")
		delete(v, "region")
	}
	if v["id"] == nil {
		if a, ok := v["arn"]; ok {
			v["id"] = a
		}
		if typ == "aws_iam_role" {
			v["id"] = s("name")
		}
	}
}

// stateOf returns the state after applying plan: every managed resource with its planned
// values (after, for a plan against a state) and what AWS assigns.
func stateOf(t *testing.T, plan *tofuverify.Plan, region string) []byte {
	t.Helper()
	var rs []tofuverify.StateResource
	for _, rc := range plan.ResourceChanges {
		after, _ := rc.Change.After.(map[string]any)
		if rc.Mode != "managed" || after == nil {
			continue
		}
		computed(rc.Type, after, region)
		var key any
		if i := strings.Index(rc.Address, "["); i >= 0 {
			k := strings.TrimSuffix(rc.Address[i+1:], "]")
			if strings.HasPrefix(k, `"`) {
				key = strings.Trim(k, `"`)
			} else {
				var n int
				fmt.Sscan(k, &n)
				key = n
			}
		}
		rs = append(rs, tofuverify.StateResource{Type: rc.Type, Name: rc.Name, Attributes: after, IndexKey: key})
	}
	state, err := tofuverify.StateJSON(rs)
	if err != nil {
		t.Fatal(err)
	}
	return state
}

// layoutCopy copies a layout's Terraform and var files into a new directory, the var
// files as *.auto.tfvars (the offline plan takes no -var-file).
func layoutCopy(t *testing.T, layout string) (dir string, varFiles []string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "old")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("../../testdata/import", layout, "terraform")
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	vfs, _ := filepath.Glob(filepath.Join("../../testdata/import", layout, "*.tfvars"))
	for _, vf := range vfs {
		b, _ := os.ReadFile(vf)
		os.WriteFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(vf), ".tfvars")+".auto.tfvars"), b, 0o644)
		varFiles = append(varFiles, vf)
	}
	return dir, varFiles
}

// TestImportedLayoutsReplaceNothing proves, for every hand-written layout under
// testdata/import, that the spec import writes renders Terraform that OpenTofu plans
// against the old configuration's applied state without creating or destroying
// anything: every resource is moved (moved blocks from the adopt section) and at most
// updated in place, with no ForceNew argument changed. The old configuration is planned
// by OpenTofu itself (variables, for_each, count, policy documents), twice: the second
// plan, against the first plan's state, fills in values that were unknown, and its
// result is the state.
func TestImportedLayoutsReplaceNothing(t *testing.T) {
	v := *tofuverify.NewTestVerifier(t)
	v.AllowWarnings = true
	ctx := context.Background()
	layouts := map[string]struct {
		region string
		moved  int
	}{
		// moved: the resources whose address changes; the others keep theirs.
		"for-each-split":           {"eu-central-1", 11},
		"count-single-file":        {"us-east-1", 7},
		"locals-existing-provider": {"eu-west-1", 3},
	}
	empty, _ := tofuverify.StateJSON(nil)
	for _, layout := range mapsKeys(layouts) {
		want := layouts[layout]
		t.Run(layout, func(t *testing.T) {
			old, varFiles := layoutCopy(t, layout)
			res, err := v.VerifyWithState(ctx, old, empty)
			if err != nil {
				t.Fatalf("the old configuration does not plan: %v", err)
			}
			res, err = v.VerifyWithState(ctx, old, stateOf(t, res.Plan, want.region))
			if err != nil {
				t.Fatalf("the old configuration does not plan against its own state: %v", err)
			}
			state := stateOf(t, res.Plan, want.region)
			res, err = v.VerifyWithState(ctx, old, state)
			if err != nil {
				t.Fatal(err)
			}
			for _, rc := range res.Plan.ResourceChanges {
				if rc.Mode == "managed" && !slices.Equal(rc.Change.Actions, []string{"no-op"}) {
					t.Errorf("the state is not the old configuration applied: %s plans %v", rc.Address, rc.Change.Actions)
				}
			}

			imp, ds := importer.Import(filepath.Join("../../testdata/import", layout, "terraform"), importer.Options{VarFiles: varFiles})
			if imp == nil {
				t.Fatalf("import: %v", ds)
			}
			files, ds := generator.Generate("specs/"+layout+".yaml", imp.Spec.YAML(layout))
			if files == nil {
				t.Fatalf("the imported spec does not render: %v", ds)
			}
			dir := filepath.Join(t.TempDir(), "out")
			writeRender(t, dir, files)
			res, err = v.VerifyWithState(ctx, dir, state)
			if err != nil {
				t.Fatalf("the imported render does not plan against the old state: %v", err)
			}
			moved := 0
			var lines []string
			for _, rc := range res.Plan.ResourceChanges {
				if rc.Mode != "managed" {
					continue
				}
				a := rc.Change.Actions
				if slices.Contains(a, "create") || slices.Contains(a, "delete") {
					t.Errorf("%s: %v (from %q): the import must replace nothing", rc.Address, a, rc.PreviousAddress)
				}
				if rc.PreviousAddress != "" {
					moved++
				}
				line := fmt.Sprintf("%s %v", rc.Address, a)
				if rc.PreviousAddress != "" {
					line += " moved from " + rc.PreviousAddress
				}
				if slices.Equal(a, []string{"update"}) {
					before, _ := rc.Change.Before.(map[string]any)
					after, _ := rc.Change.After.(map[string]any)
					var changed []string
					for k := range after {
						if !reflect.DeepEqual(before[k], after[k]) {
							changed = append(changed, k)
						}
					}
					sort.Strings(changed)
					line += " updating " + strings.Join(changed, ", ")
					for _, k := range forceNew[rc.Type] {
						if !reflect.DeepEqual(before[k], after[k]) {
							t.Errorf("%s changes %s (%v → %v), which forces a new resource", rc.Address, k, before[k], after[k])
						}
					}
				}
				lines = append(lines, line)
			}
			if moved != want.moved {
				t.Errorf("%d resources moved, want %d", moved, want.moved)
			}
			comparePlanList(t, filepath.Join("../../testdata/import", layout, "plan.txt"), lines)
		})
	}
}

// updatePlans rewrites testdata/import/*/plan.txt from the plans OpenTofu makes.
var updatePlans = flag.Bool("update-plans", false, "rewrite testdata/import/*/plan.txt")

// comparePlanList fails unless lines, one per managed resource of the imported render's
// plan (address, actions, the address it moves from, the attributes an update changes),
// are exactly the reviewed list in path: every move and every in-place update is named in
// the repository, not only logged.
func comparePlanList(t *testing.T, path string, lines []string) {
	t.Helper()
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	if *updatePlans {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/tofuverify -run TestImportedLayoutsReplaceNothing -update-plans and review the list)", err)
	}
	if string(want) != got {
		t.Errorf("the plan of the imported render is not the reviewed list %s:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func mapsKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestImportBlocksWithOpenTofu plans the adopt case, whose spec asks for import blocks,
// and checks the import ID OpenTofu evaluated for each: the ID the AWS provider documents
// for the resource type (see render/adopt.go), built from the account and partition the
// data sources report.
func TestImportBlocksWithOpenTofu(t *testing.T) {
	v := tofuverify.NewTestVerifier(t)
	res, err := v.Verify(context.Background(), "../../testdata/cases/adopt/expected")
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string `json:"actions"`
				Importing *struct {
					ID string `json:"id"`
				} `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(res.PlanJSON, &plan); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws_codeartifact_repository.legacy":                 "arn:aws:codeartifact:eu-west-1:" + account + ":repository/acme/legacy",
		"aws_iam_policy.libsread":                            "arn:aws:iam::" + account + ":policy/LibsRead",
		`aws_iam_role_policy_attachment.ci_read["LibsRead"]`: "ci-read/arn:aws:iam::" + account + ":policy/LibsRead",
	}
	got := map[string]string{}
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Importing != nil {
			got[rc.Address] = rc.Change.Importing.ID
			if slices.Contains(rc.Change.Actions, "create") {
				t.Errorf("%s is imported and created: %v", rc.Address, rc.Change.Actions)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("import IDs in the plan:\n got %v\nwant %v", got, want)
	}
}
