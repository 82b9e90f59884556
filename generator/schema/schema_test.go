package schema

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// repoRoot is the repository root relative to this package's directory.
const repoRoot = "../.."

// compile compiles the generated schema as an editor would: draft-07, checked against the
// draft-07 meta-schema.
func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Generate()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	if err := c.AddResource("codeartifact-gen.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("codeartifact-gen.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile as draft-07: %v", err)
	}
	if sch.DraftVersion != 7 {
		t.Fatalf("the schema compiled as draft %d, want 7", sch.DraftVersion)
	}
	return sch
}

// instance converts YAML into the JSON values a YAML language server validates: mappings
// become objects (a repeated key keeps its last value, as in JSON), aliases are expanded,
// and scalars become strings, numbers, booleans or null as YAML 1.2 resolves them.
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("invalid YAML: %v", err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return jsonValue(t, doc.Content[0])
}

func jsonValue(t *testing.T, n *yaml.Node) any {
	t.Helper()
	switch n.Kind {
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = jsonValue(t, n.Content[i+1])
		}
		return out
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, item := range n.Content {
			out[i] = jsonValue(t, item)
		}
		return out
	case yaml.AliasNode:
		return jsonValue(t, n.Alias)
	}
	var v any
	if err := n.Decode(&v); err != nil {
		t.Fatalf("line %d: %v", n.Line, err)
	}
	switch v.(type) {
	case nil, string, bool, int, int64, uint64, float64:
		return v
	}
	return n.Value // timestamps and other types a JSON document has no word for
}

// hasErrors matches a diagnostics.txt that holds an error (not only warnings).
var hasErrors = regexp.MustCompile(`(?m)^\S+: error\b`)

// TestValidSpecsPass validates every worked example and every golden case that
// codeartifact-gen accepts: the schema must never underline a spec the tool takes.
func TestValidSpecsPass(t *testing.T) {
	sch := compile(t)
	files, _ := filepath.Glob(filepath.Join(repoRoot, "specs", "*.yaml"))
	cases, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "cases", "*", "spec.yaml"))
	for _, f := range cases {
		diags, err := os.ReadFile(filepath.Join(filepath.Dir(f), "diagnostics.txt"))
		if err == nil && hasErrors.Match(diags) {
			continue
		}
		files = append(files, f)
	}
	if len(files) < 5 {
		t.Fatalf("found only %d valid specs to validate", len(files))
	}
	for _, f := range files {
		name, _ := filepath.Rel(repoRoot, f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(instance(t, src)); err != nil {
				t.Errorf("the schema refuses a spec codeartifact-gen accepts:\n%v", err)
			}
		})
	}
}

// TestInvalidCasesFail: golden cases whose errors are about the file's shape fail the
// schema too.
func TestInvalidCasesFail(t *testing.T) {
	sch := compile(t)
	for _, name := range []string{"invalid-shape", "invalid-version"} {
		src, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "cases", name, "spec.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(instance(t, src)) == nil {
			t.Errorf("the schema accepts testdata/cases/%s/spec.yaml", name)
		}
	}
}

// baseSpec is a small valid spec that TestInvalidDocumentsFail breaks in one place at a time.
const baseSpec = `version: 1
domain:
  name: acme
  region: us-east-1
  owner: "012345678901"
repositories:
  - name: libs
    format: npm
github:
  owner: acme
  oidc_provider: create
policies:
  - name: Read
    read: [libs]
roles:
  - name: ci
    policies: [Read]
    trust:
      - repositories: [app]
        tags: ["v*"]
        require:
          environment: production
`

// remove, as the value of a mutation, deletes the key.
type removeKey struct{}

var remove = removeKey{}

// anywhere, as the location of an expected failure, accepts any location: the library
// reports propertyNames failures at a location it has since overwritten (jsonschema v6.0.3
// keeps a reference to its location buffer there instead of a copy).
const anywhere = "*"

// TestInvalidDocumentsFail breaks baseSpec in one place at a time and expects the schema to
// report that place with the expected keyword, and codeartifact-gen to refuse the document
// too (the schema must never be stricter than the tool).
func TestInvalidDocumentsFail(t *testing.T) {
	sch := compile(t)
	if err := sch.Validate(instance(t, []byte(baseSpec))); err != nil {
		t.Fatalf("the base spec fails the schema: %v", err)
	}
	if l := generator.Load("base.yaml", []byte(baseSpec)); l.Diagnostics.HasErrors() {
		t.Fatalf("the base spec has errors: %v", l.Diagnostics)
	}
	tests := []struct {
		path    string // dot-separated, list indexes as numbers
		value   any    // the new value, or remove
		at      string // the instance location the schema reports, as a JSON pointer, or anywhere
		keyword string
	}{
		{"retention", "30d", "", "additionalProperties"},
		{"domain.regoin", "us-east-1", "/domain", "additionalProperties"},
		{"repositories.0.upstream", "cache", "/repositories/0", "additionalProperties"},
		{"github.thumbprint", "x", "/github", "additionalProperties"},
		{"policies.0.write", []any{"libs"}, "/policies/0", "additionalProperties"},
		{"roles.0.inline_policy", "{}", "/roles/0", "additionalProperties"},
		{"roles.0.trust.0.branch", []any{"main"}, "/roles/0/trust/0", "additionalProperties"},
		{"version", remove, "", "required"},
		{"github", remove, "", "required"},
		{"domain.region", remove, "/domain", "required"},
		{"roles.0.trust", remove, "/roles/0", "required"},
		{"version", 2, "/version", "const"},
		{"github.oidc_provider", true, "/github/oidc_provider", "type"},
		{"roles.0.sensitive", "yes", "/roles/0/sensitive", "type"},
		{"roles.0.max_session_duration", "one hour", "/roles/0/max_session_duration", "type"},
		{"roles.0.trust.0.repositories", "app", "/roles/0/trust/0/repositories", "type"},
		{"domain.tags", []any{"a", "b"}, "/domain/tags", "type"},
		{"repositories.0.format", "docker", "/repositories/0/format", "enum"},
		{"repositories.0.external_connection", "public:npm", "/repositories/0/external_connection", "enum"},
		{"github.oidc_provider", "created", "/github/oidc_provider", "enum"},
		{"github.subjects", "names", "/github/subjects", "enum"},
		{"roles.0.name", strings.Repeat("r", 65), "/roles/0/name", "maxLength"},
		{"policies.0.name", "Read Access", "/policies/0/name", "pattern"},
		{"domain.name", "Acme_Domain", "/domain/name", "pattern"},
		{"domain.owner", "12345", "/domain/owner", "pattern"},
		{"repositories.0.name", "-libs", "/repositories/0/name", "pattern"},
		{"github.owner", "-acme-", "/github/owner", "pattern"},
		{"roles.0.max_session_duration", 60, "/roles/0/max_session_duration", "minimum"},
		{"roles.0.trust.0.require.sub", "repo:acme/*", anywhere, "propertyNames"},
		{"repositories", []any{}, "/repositories", "minItems"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s=%v", tt.path, tt.value), func(t *testing.T) {
			var doc any
			if err := yaml.Unmarshal([]byte(baseSpec), &doc); err != nil {
				t.Fatal(err)
			}
			mutate(t, doc, strings.Split(tt.path, "."), tt.value)
			src, err := yaml.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			err = sch.Validate(instance(t, src))
			if err == nil {
				t.Fatalf("the schema accepts\n%s", src)
			}
			found := failures(err.(*jsonschema.ValidationError))
			if !reported(found, tt.at, tt.keyword) {
				t.Errorf("no %s failure at %q; the schema reports %q:\n%v", tt.keyword, tt.at, found, err)
			}
			if l := generator.Load("mutated.yaml", src); !l.Diagnostics.HasErrors() {
				t.Errorf("the schema refuses a spec codeartifact-gen accepts:\n%s", src)
			}
		})
	}
}

// mutate sets (or removes) the value at path inside doc, a decoded YAML document.
func mutate(t *testing.T, doc any, path []string, value any) {
	t.Helper()
	for _, key := range path[:len(path)-1] {
		switch v := doc.(type) {
		case map[string]any:
			doc = v[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i >= len(v) {
				t.Fatalf("bad index %q in the mutation path", key)
			}
			doc = v[i]
		default:
			t.Fatalf("the mutation path %s does not exist in the base spec", strings.Join(path, "."))
		}
	}
	m, ok := doc.(map[string]any)
	if !ok {
		t.Fatalf("the mutation path %s does not end in a mapping key", strings.Join(path, "."))
	}
	if value == remove {
		delete(m, path[len(path)-1])
		return
	}
	m[path[len(path)-1]] = value
}

// failures lists every failure in a validation error tree as "LOCATION KEYWORD", the
// location a JSON pointer into the instance.
func failures(e *jsonschema.ValidationError) []string {
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if kw := e.ErrorKind.KeywordPath(); len(kw) > 0 {
			loc := ""
			for _, tok := range e.InstanceLocation {
				loc += "/" + tok
			}
			out = append(out, loc+" "+kw[0])
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(e)
	return out
}

// reported says whether found, as failures returns it, holds a failure of keyword at.
func reported(found []string, at, keyword string) bool {
	return slices.ContainsFunc(found, func(f string) bool {
		loc, kw, _ := strings.Cut(f, " ")
		return kw == keyword && (at == anywhere || loc == at)
	})
}

// modeline is the first line of every worked example, relative to specs/.
const modeline = "# yaml-language-server: $schema=../schema/codeartifact-gen.schema.json"

// TestModelines checks that every worked example starts with the modeline, and that every
// spec with a modeline points at the committed schema.
func TestModelines(t *testing.T) {
	specs, _ := filepath.Glob(filepath.Join(repoRoot, "specs", "*.yaml"))
	if len(specs) == 0 {
		t.Fatal("no specs/*.yaml found")
	}
	cases, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "cases", "*", "spec.yaml"))
	want, err := filepath.Abs(committedSchema)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(specs, cases...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(src), "\n")
		if slices.Contains(specs, f) && first != modeline {
			t.Errorf("%s: the first line is %q, want %q", f, first, modeline)
		}
		target, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
		if !ok {
			continue
		}
		if got, _ := filepath.Abs(filepath.Join(filepath.Dir(f), target)); got != want {
			t.Errorf("%s: the modeline points at %s, not at the committed schema", f, target)
		}
	}
}

// specStructs returns every struct type of the spec reachable from spec.File, in a stable
// order.
func specStructs() []reflect.Type {
	var out []reflect.Type
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		switch {
		case t == stringType || t == integer || t == boolean || t == stringMap || t == claimMap:
		case t.Kind() == reflect.Slice:
			visit(t.Elem())
		case t.Kind() == reflect.Struct:
			if slices.Contains(out, t) {
				return
			}
			out = append(out, t)
			for _, f := range fields(t) {
				visit(f.typ)
			}
		}
	}
	visit(reflect.TypeFor[spec.File]())
	return out
}

// TestEveryFieldDocumented fails when a key of the spec has no title or description, so a
// new field cannot reach editors undocumented.
func TestEveryFieldDocumented(t *testing.T) {
	tables()
	for _, st := range specStructs() {
		if d := typeDocs[st.Name()]; d.title == "" || d.text == "" {
			t.Errorf("typeDocs has no title and description for spec.%s", st.Name())
		}
		for _, f := range fields(st) {
			if d := docs[st.Name()+"."+f.name]; d.title == "" || d.text == "" {
				t.Errorf("docs has no title and description for %s.%s (key %q); add them to generator/schema/docs.go", st.Name(), f.name, f.key)
			}
		}
	}
}

// TestNoStaleEntries fails when docs or constraints name a field that no longer exists.
func TestNoStaleEntries(t *testing.T) {
	tables()
	known := map[string]bool{}
	for _, st := range specStructs() {
		known[st.Name()] = true
		for _, f := range fields(st) {
			known[st.Name()+"."+f.name] = true
		}
	}
	for id := range typeDocs {
		if !known[id] {
			t.Errorf("typeDocs documents %s, which is not a spec type", id)
		}
	}
	for id := range docs {
		if !known[id] {
			t.Errorf("docs documents %s, which is not a spec field", id)
		}
	}
	for id := range constraints {
		if !known[id] {
			t.Errorf("constraints narrow %s, which is not a spec field", id)
		}
	}
}

// nonECMA matches regular expression syntax that Go accepts and JavaScript, where editors
// run the patterns, reads differently or not at all: flags and named groups, \A \z \Q \C,
// Unicode classes (which need the u flag), POSIX classes, and \s (Unicode spaces in
// JavaScript, ASCII in Go).
var nonECMA = regexp.MustCompile(`\(\?[^:]|\\[AzQCpPs]|\[\[:`)

// TestPatternsArePortable checks every pattern in the schema for Go-only syntax.
func TestPatternsArePortable(t *testing.T) {
	var patterns []string
	for _, c := range constraints {
		for c := &c; c != nil; c = c.keys {
			if c.pattern != nil {
				patterns = append(patterns, c.pattern.String())
			}
		}
	}
	if len(patterns) == 0 {
		t.Fatal("no patterns found")
	}
	for _, p := range patterns {
		if nonECMA.MatchString(p) {
			t.Errorf("pattern %q uses syntax JavaScript does not share; leave the rule to the validator", p)
		}
	}
}
