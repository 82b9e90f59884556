package generator

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// BenchmarkGenerate measures parse + validate + lint + render of generated specs of
// growing size: go test ./generator -run '^$' -bench Generate -benchmem.
func BenchmarkGenerate(b *testing.B) {
	for _, repos := range []int{10, 100, 1000, 4996} { // 4996 + 4 proxies: the most a spec may hold
		for _, roles := range []int{10, 100, 1000} {
			src := specgen.Spec(repos, roles)
			b.Run(fmt.Sprintf("repos=%d/roles=%d", repos, roles), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					files, ds := Generate("scale.yaml", src)
					if files == nil {
						b.Fatal(ds)
					}
				}
			})
		}
	}
}

// TestGeneratedSpecsAreValid: the benchmark inputs render, with warnings but no error.
func TestGeneratedSpecsAreValid(t *testing.T) {
	for _, size := range [][2]int{{10, 10}, {1000, 1000}} {
		files, ds := Generate("scale.yaml", specgen.Spec(size[0], size[1]))
		if files == nil {
			t.Fatalf("%v: %v", size, ds.Sort()[:min(5, len(ds))])
		}
	}
}

// TestScaleQuotaDiagnostics: a spec at organisation scale whose policies and roles exceed
// IAM's quotas gets the quota diagnostics, with the figures, instead of failing at apply.
func TestScaleQuotaDiagnostics(t *testing.T) {
	src := string(specgen.Spec(1000, 1000))
	var all []string
	for i := range 1000 {
		all = append(all, fmt.Sprintf("lib-%05d", i))
	}
	var branches []string
	for i := range 60 {
		branches = append(branches, fmt.Sprintf("release/2026.%02d", i))
	}
	src = strings.Replace(src, "policies:\n", "policies:\n  - name: read-everything\n    read: ["+strings.Join(all, ", ")+"]\n", 1)
	src += "  - name: everything\n    policies: [read-everything]\n    trust:\n      - {repositories: [app-a, app-b], branches: [" + strings.Join(branches, ", ") + "]}\n"
	files, ds := Generate("scale.yaml", []byte(src))
	if files != nil {
		t.Fatal("a spec over IAM's quotas rendered")
	}
	var codes []string
	for _, d := range ds {
		if d.Code == "QUOTA001" || d.Code == "QUOTA002" {
			codes = append(codes, d.Code)
			if !strings.Contains(d.Summary, "characters, over the quota of") {
				t.Errorf("the diagnostic lacks the figures: %s", d.Summary)
			}
		}
	}
	if !slices.Contains(codes, "QUOTA001") || !slices.Contains(codes, "QUOTA002") {
		t.Fatalf("quota diagnostics %v; want QUOTA001 and QUOTA002", codes)
	}
}
