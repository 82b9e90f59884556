package aws

import (
	"slices"
	"testing"
)

// The format table is well formed: formats sorted and unique, each external connection
// sorted within its row and serving one format only, namespace facts consistent.
func TestFormatTable(t *testing.T) {
	if !slices.IsSorted(Formats) || len(slices.Compact(slices.Clone(Formats))) != len(Formats) {
		t.Errorf("Formats not sorted and unique: %v", Formats)
	}
	seen := map[string]string{}
	for _, f := range formatTable {
		if !slices.IsSorted(f.ExternalConnections) {
			t.Errorf("%s: external connections not sorted: %v", f.Name, f.ExternalConnections)
		}
		for _, ec := range f.ExternalConnections {
			if other, dup := seen[ec]; dup {
				t.Errorf("%s serves both %s and %s", ec, other, f.Name)
			}
			seen[ec] = f.Name
			if got, ok := ExternalConnectionFormat(ec); !ok || got != f.Name {
				t.Errorf("ExternalConnectionFormat(%s) = %s, %v", ec, got, ok)
			}
		}
		if (f.NamespaceRequired || f.NamespaceSigil != "") && f.Namespace == "" {
			t.Errorf("%s: namespace facts without namespaces", f.Name)
		}
	}
	if _, ok := LookupFormat("docker"); ok {
		t.Error("LookupFormat knows docker")
	}
}

func TestPublishActions(t *testing.T) {
	for format, want := range map[string]int{"maven": 2, "npm": 2, "pypi": 1, "nuget": 1, "swift": 1} {
		if got := PublishActions(format); len(got) != want || got[0] != "codeartifact:PublishPackageVersion" {
			t.Errorf("PublishActions(%s) = %v", format, got)
		}
	}
}
