package generator

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/internal/specgen"
)

// TestSameOutputOnAnyNumberOfCores generates a spec large enough for every parallel path
// (parsed in parts, top-level sections decoded at once, trust policies parsed and files
// written on several cores) with 1, 2, 3 and 5 cores, and a spec with errors in every
// role the same way: the files and the diagnostics must be the same bytes.
func TestSameOutputOnAnyNumberOfCores(t *testing.T) {
	src := specgen.Spec(300, 300)
	if len(src) < 64<<10 {
		t.Fatalf("the spec is %d bytes, too small to be parsed in parts", len(src))
	}
	bad := specgen.ManyRoles(300, 1, 100) // every role over the trust policy quota
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var wantFiles map[string][]byte
	var wantDiags, wantBadDiags []string
	for _, procs := range []int{1, 2, 3, 5} {
		runtime.GOMAXPROCS(procs)
		files, ds := Generate("scale.yaml", src)
		if files == nil {
			t.Fatalf("%d cores: the spec has errors: %v", procs, ds[:min(3, len(ds))])
		}
		_, badDs := Generate("bad.yaml", bad)
		if !badDs.HasErrors() {
			t.Fatalf("%d cores: the spec meant to fail has no error", procs)
		}
		diags, badDiags := texts(ds), texts(badDs)
		if wantFiles == nil {
			wantFiles, wantDiags, wantBadDiags = files, diags, badDiags
			continue
		}
		for name, want := range wantFiles {
			if !bytes.Equal(files[name], want) {
				t.Errorf("%d cores: %s differs from the one made on 1 core", procs, name)
			}
		}
		if len(files) != len(wantFiles) {
			t.Errorf("%d cores: %d files, %d on 1 core", procs, len(files), len(wantFiles))
		}
		if !reflect.DeepEqual(diags, wantDiags) || !reflect.DeepEqual(badDiags, wantBadDiags) {
			t.Errorf("%d cores: the diagnostics differ from those on 1 core", procs)
		}
	}
}

// texts returns each diagnostic as printed, with its detail.
func texts(ds diag.Diagnostics) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String() + "\n" + d.Detail
	}
	return out
}
