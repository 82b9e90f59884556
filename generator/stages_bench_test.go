package generator_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/explain"
	"github.com/ontopix/codeartifact-gen/generator/kit"
	"github.com/ontopix/codeartifact-gen/generator/lint"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/render"
	"github.com/ontopix/codeartifact-gen/generator/simulate"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/validate"
	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// The stage benchmarks measure each stage of the pipeline on generated specs of n
// repositories (four of them proxies) and n roles, n = 10, 100, 1,000 and 5,000, so that the growth from one
// size to the next shows whether a stage stays linear:
//
//	go test ./generator -run '^$' -bench 'Stage' -benchmem
//
// BenchmarkAdversarial runs the whole load (parse to lint) on the shapes of issue 11.

var stageSizes = []int{10, 100, 1000, 5000}

// loaded returns the spec of size n, parsed, validated, built and linted.
func loaded(b *testing.B, n int) (src []byte, f *spec.File, l generator.Loaded) {
	b.Helper()
	src = specgen.Spec(n-4, n)
	l = generator.Load("scale.yaml", src)
	if l.Model == nil {
		b.Fatalf("the spec of size %d has errors: %v", n, l.Diagnostics[:min(3, len(l.Diagnostics))])
	}
	return src, l.Spec, l
}

// stage runs one benchmark per size.
func stage(b *testing.B, run func(b *testing.B, src []byte, f *spec.File, l generator.Loaded)) {
	for _, n := range stageSizes {
		src, f, l := loaded(b, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				run(b, src, f, l)
			}
		})
	}
}

func BenchmarkStageParse(b *testing.B) {
	stage(b, func(b *testing.B, src []byte, _ *spec.File, _ generator.Loaded) { spec.Parse("scale.yaml", src) })
}

func BenchmarkStageValidate(b *testing.B) {
	stage(b, func(b *testing.B, _ []byte, f *spec.File, _ generator.Loaded) { validate.Spec(f) })
}

func BenchmarkStageBuild(b *testing.B) {
	stage(b, func(b *testing.B, _ []byte, f *spec.File, _ generator.Loaded) { model.Build(f) })
}

func BenchmarkStageLint(b *testing.B) {
	stage(b, func(b *testing.B, _ []byte, _ *spec.File, l generator.Loaded) { lint.Run(l.Model) })
}

func BenchmarkStageRender(b *testing.B) {
	stage(b, func(b *testing.B, _ []byte, _ *spec.File, l generator.Loaded) { render.Render(l.Model) })
}

func BenchmarkStageExplain(b *testing.B) {
	stage(b, func(b *testing.B, _ []byte, _ *spec.File, l generator.Loaded) {
		explain.Build(l.Model, l.Lint.Findings)
	})
}

func BenchmarkStageSimulate(b *testing.B) {
	stage(b, func(b *testing.B, _ []byte, _ *spec.File, l generator.Loaded) {
		tok, err := oidc.BuildToken(oidc.Job{Owner: "scale-org", Repository: "app-00000", Ref: "refs/heads/main"}, l.Model.GitHub.Template, l.Model.GitHub.Audience)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := simulate.Run(l.Model, tok); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkStageKit(b *testing.B) {
	stage(b, func(b *testing.B, _ []byte, _ *spec.File, l generator.Loaded) {
		if _, err := kit.Render(l.Model, kit.Request{Roles: []string{"ci-00000"}, Tool: kit.NPM, Repository: "lib-00000", AppRepo: "scale-org/app-00000"}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkStageGenerate is the whole of gen without I/O: parse, validate, build, lint and
// render.
func BenchmarkStageGenerate(b *testing.B) {
	stage(b, func(b *testing.B, src []byte, _ *spec.File, _ generator.Loaded) {
		if files, ds := generator.Generate("scale.yaml", src); files == nil {
			b.Fatal(ds)
		}
	})
}

// BenchmarkAdversarial loads (parse, validate, build, lint) each adversarial shape; most
// end in quota or limit errors, which is the point: they must fail fast. Each shape is first
// checked to end with its code, so that a shape stopped early by a cheaper check (a size
// limit before parsing, say) cannot pass for a speed-up.
func BenchmarkAdversarial(b *testing.B) {
	shapes := []struct {
		name string
		src  []byte
		code string // a diagnostic the load must report
	}{
		{"cross-product-40x40", specgen.CrossProduct(40, 40), "QUOTA001"},
		{"cross-product-70x70", specgen.CrossProduct(70, 70), "QUOTA001"},
		{"cross-product-9999x9999", specgen.CrossProduct(9999, 9999), "LIMIT003"},
		{"branch-patterns-4000", specgen.SharedPrefixBranches(4000), "QUOTA001"},
		{"branch-patterns-9999", specgen.SharedPrefixBranches(9999), "QUOTA001"},
		{"prefix-suffix-patterns-9999", specgen.SharedPrefixAndSuffix(9999), "QUOTA001"},
		{"literal-branches-9999", specgen.ManyBranches(9999), "QUOTA001"},
		{"require-4x500", specgen.ManyRequire(4, 500), "QUOTA001"},
		{"require-1x9999", specgen.ManyRequire(1, 9999), "QUOTA001"},
		{"read-list-5000", specgen.LongReadList(5000), "QUOTA002"},
		{"upstream-chain-5000", specgen.UpstreamChain(5000), "VALID021"},
		{"consumers-5000", specgen.ManyConsumers(5000), "QUOTA004"},
		{"unknown-keys-100000", specgen.UnknownKeys(100000), "SPEC022"},
		{"roles-1000x100", specgen.ManyRoles(1000, 1, 100), "QUOTA001"},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			l := generator.Load(s.name+".yaml", s.src)
			if !slices.ContainsFunc(l.Diagnostics, func(d diag.Diagnostic) bool { return d.Code == s.code }) {
				b.Fatalf("the load does not report %s: %v", s.code, l.Diagnostics[:min(3, len(l.Diagnostics))])
			}
			b.SetBytes(int64(len(s.src)))
			b.ReportAllocs()
			for b.Loop() {
				generator.Load(s.name+".yaml", s.src)
			}
		})
	}
}
