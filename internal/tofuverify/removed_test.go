package tofuverify_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
	"github.com/ontopix/codeartifact-gen/internal/tofuverify"
)

// writeRender writes files into dir as gen does.
func writeRender(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	changes, err := output.Compare(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if err := output.Apply(changes); err != nil {
		t.Fatal(err)
	}
}

// appliedState returns the state Terraform would hold after applying the plan: every
// CodeArtifact resource it creates (domain, repositories, permissions policies), with the
// values known at plan time.
func appliedState(t *testing.T, plan *tofuverify.Plan) []byte {
	t.Helper()
	var rs []tofuverify.StateResource
	for _, r := range plan.PlannedValues.RootModule.Resources {
		if r.Mode == "managed" && strings.HasPrefix(r.Type, "aws_codeartifact_") {
			rs = append(rs, tofuverify.StateResource{Type: r.Type, Name: r.Name, Attributes: r.Values})
		}
	}
	if len(rs) < 2 {
		t.Fatalf("the previous render planned %d CodeArtifact resources", len(rs))
	}
	state, err := tofuverify.StateJSON(rs)
	if err != nil {
		t.Fatal(err)
	}
	return state
}

func actions(plan *tofuverify.Plan) map[string][]string {
	out := map[string][]string{}
	for _, rc := range plan.ResourceChanges {
		out[rc.Address] = rc.Change.Actions
	}
	return out
}

// TestRemovedRepositoryWithOpenTofu proves, with OpenTofu's own plan against a state in
// which the repositories exist, what the removed section does. Without an entry,
// GenerateIn refuses the spec (and OpenTofu would have deleted the repository: the plan of
// the same spec rendered without the check says "delete"). With forget, the rendered
// removed block makes OpenTofu forget the repository and delete nothing.
func TestRemovedRepositoryWithOpenTofu(t *testing.T) {
	v := *tofuverify.NewTestVerifier(t)
	v.AllowWarnings = true // planning a forget warns that the resource leaves the state
	ctx := context.Background()
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// Another account reads npm-mirror, so that it has a permissions policy to keep too.
	old := append(read("../../testdata/diff/removed-repository/old.yaml"), []byte("consumers:\n  - {name: partner, principals: [\"123456789012\"], read: [npm, npm-mirror]}\n")...)
	dropped := append(read("../../testdata/diff/removed-repository/new.yaml"), []byte("consumers:\n  - {name: partner, principals: [\"123456789012\"], read: [npm]}\n")...)
	forget := append(slices.Clone(dropped), []byte("removed:\n  - repository: npm-mirror\n    forget: The mirror moves to the platform team's stack, which imports it.\n")...)
	const label = "specs/acme.yaml"
	const mirror = "aws_codeartifact_repository.npm_mirror"
	const mirrorPolicy = "aws_codeartifact_repository_permissions_policy.npm_mirror"

	// The previous render, applied: its planned repositories are the state.
	dir := filepath.Join(t.TempDir(), "out", "acme")
	files, ds, err := generator.GenerateIn(label, old, dir)
	if err != nil || files == nil {
		t.Fatalf("previous render: %v %v", err, ds)
	}
	writeRender(t, dir, files)
	res, err := v.Verify(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{mirror, mirrorPolicy} {
		if got := actions(res.Plan)[addr]; !slices.Equal(got, []string{"create"}) {
			t.Fatalf("the previous render plans %s as %v, want create", addr, got)
		}
	}
	state := appliedState(t, res.Plan)

	// Dropped without an entry: refused, nothing rendered.
	files, ds, err = generator.GenerateIn(label, dropped, dir)
	if err != nil {
		t.Fatal(err)
	}
	if files != nil || !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool {
		return d.Code == "REMOVE001" && strings.Contains(d.Summary, "npm-mirror")
	}) {
		t.Fatalf("dropping npm-mirror without an entry was not refused with REMOVE001: files=%d diagnostics=%v", len(files), ds)
	}
	// What the refusal prevents: the same spec rendered without the check deletes it.
	unchecked, uds := generator.Generate(label, dropped)
	if unchecked == nil {
		t.Fatalf("the dropped spec does not render: %v", uds)
	}
	uncheckedDir := filepath.Join(t.TempDir(), "unchecked")
	writeRender(t, uncheckedDir, unchecked)
	res, err = v.VerifyWithState(ctx, uncheckedDir, state)
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{mirror, mirrorPolicy} {
		if got := actions(res.Plan)[addr]; !slices.Equal(got, []string{"delete"}) {
			t.Fatalf("without the refusal OpenTofu plans %s as %v; the test expects delete, the destruction the refusal prevents", addr, got)
		}
	}

	// Forgotten: accepted, and OpenTofu forgets it and deletes nothing.
	files, ds, err = generator.GenerateIn(label, forget, dir)
	if err != nil || files == nil {
		t.Fatalf("forget render: %v %v", err, ds)
	}
	if !strings.Contains(string(files["main.tf"]), "removed {\n  from = "+mirror+"\n\n  lifecycle {\n    destroy = false\n  }\n}\n\nremoved {\n  from = "+mirrorPolicy+"\n") {
		t.Fatalf("main.tf lacks the removed block:\n%s", files["main.tf"])
	}
	writeRender(t, dir, files)
	res, err = v.VerifyWithState(ctx, dir, state)
	if err != nil {
		t.Fatal(err)
	}
	acts := actions(res.Plan)
	t.Logf("forget plan: %s %v; %s %v; domain %v; npm %v; scratch %v", mirror, acts[mirror], mirrorPolicy, acts[mirrorPolicy], acts["aws_codeartifact_domain.acme"], acts["aws_codeartifact_repository.npm"], acts["aws_codeartifact_repository.scratch"])
	for _, addr := range []string{mirror, mirrorPolicy} {
		if got := acts[addr]; !slices.Equal(got, []string{"forget"}) {
			t.Errorf("OpenTofu plans %s as %v, want forget", addr, got)
		}
	}
	for addr, a := range acts {
		if slices.Contains(a, "delete") {
			t.Errorf("OpenTofu plans %s as %v: forget must delete nothing", addr, a)
		}
	}
	for _, kept := range []string{"aws_codeartifact_domain.acme", "aws_codeartifact_repository.npm", "aws_codeartifact_repository.scratch"} {
		if a, ok := acts[kept]; !ok || slices.Contains(a, "create") {
			t.Errorf("OpenTofu plans kept %s as %v, want it kept (updated in place or unchanged)", kept, a)
		}
	}
	if !slices.ContainsFunc(res.Warnings, func(d tofuverify.Diagnostic) bool {
		return strings.Contains(d.Summary, "removed from the state")
	}) {
		t.Errorf("OpenTofu did not warn that %s leaves the state; warnings: %v", mirror, res.Warnings)
	}
}
