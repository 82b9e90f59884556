package tfschemaprovider

import (
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/zclconf/go-cty/cty"
)

var (
	schemaOnce   sync.Once
	sharedSchema *Schema
	schemaErr    error
)

// awsSchema loads testdata/thirdparty/terraform/aws-provider-6.47.0-schema.json
// of the module root.
func awsSchema(t *testing.T) *Schema {
	t.Helper()
	schemaOnce.Do(func() {
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		sharedSchema, schemaErr = LoadSchema(filepath.Join(root, "testdata", "thirdparty", "terraform", "aws-provider-6.47.0-schema.json"))
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return sharedSchema
}

// object returns a value of b's implied type holding vals; every other
// attribute is null, list and set blocks are empty, other blocks null.
func object(t *testing.T, b *Block, vals map[string]cty.Value) cty.Value {
	t.Helper()
	out := map[string]cty.Value{}
	for name, a := range b.Attributes {
		out[name] = cty.NullVal(a.Type)
	}
	for name, nb := range b.BlockTypes {
		ty := nb.impliedType()
		switch nb.Nesting {
		case NestingList:
			out[name] = cty.ListValEmpty(ty.ElementType())
		case NestingSet:
			out[name] = cty.SetValEmpty(ty.ElementType())
		case NestingMap:
			out[name] = cty.MapValEmpty(ty.ElementType())
		default:
			out[name] = cty.NullVal(ty)
		}
	}
	for name, v := range vals {
		if _, ok := out[name]; !ok {
			t.Fatalf("no attribute or block %q in schema", name)
		}
		out[name] = v
	}
	return cty.ObjectVal(out)
}

func dynamic(t *testing.T, v cty.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := encodeValue(v, v.Type())
	if err != nil {
		t.Fatal(err)
	}
	return dv
}

func undynamic(t *testing.T, dv *tfprotov6.DynamicValue, ty cty.Type) cty.Value {
	t.Helper()
	if dv == nil {
		t.Fatal("no value returned")
	}
	v, err := decodeValue(dv, ty)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func requireNoDiags(t *testing.T, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	if t.Failed() {
		t.FailNow()
	}
}
