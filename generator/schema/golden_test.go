package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"testing"

	"github.com/ontopix/codeartifact-gen/internal/goldentest"
)

// update rewrites the committed schema: go test ./generator/schema -update. Review the diff
// before committing it.
var update = flag.Bool("update", false, "rewrite schema/codeartifact-gen.schema.json")

// committedSchema is the schema file editors read, relative to this package's directory.
const committedSchema = "../../schema/codeartifact-gen.schema.json"

// TestCommittedSchema fails when the committed schema is not what Generate returns, so a
// change to the spec types, their documentation or the aws facts reaches editors too.
func TestCommittedSchema(t *testing.T) {
	goldentest.Compare(t, committedSchema, Generate(), *update, "go test ./generator/schema -update")
}

// TestGenerateIsStable checks the promises of Generate's output: identical on every call,
// 2-space indented JSON ending in one newline.
func TestGenerateIsStable(t *testing.T) {
	first := Generate()
	for range 5 {
		if again := Generate(); !bytes.Equal(first, again) {
			t.Fatal("Generate returned different bytes on another call")
		}
	}
	if !json.Valid(first) {
		t.Fatal("Generate returned invalid JSON")
	}
	var compact, indented bytes.Buffer
	if err := json.Compact(&compact, first); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(indented.Bytes(), bytes.TrimSuffix(first, []byte("\n"))) || bytes.HasSuffix(first, []byte("\n\n")) {
		t.Error("the schema is not 2-space indented JSON followed by exactly one newline")
	}
	var doc map[string]any
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != Draft07 {
		t.Errorf("$schema = %v, want %s", doc["$schema"], Draft07)
	}
}
