package spec

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/par"
)

// decoder walks a yaml.Node tree into the spec types, recording every problem instead of
// stopping at the first. It reads struct tags of the form `yaml:"key"` or
// `yaml:"key,required"`; a field named Pos of type diag.Pos receives the mapping's position.
//
// A field of type Keys receives the position of every key written.
//
// It exists because yaml.v3's own decoding reports no columns, stops strictness at custom
// unmarshalers (go-yaml #460), and expands aliases; walking nodes avoids all three.
type decoder struct {
	file  string
	diags diag.Diagnostics
	// allowed caches, per struct's fields, the keys an unknown key is compared with.
	allowed map[*structField]allowedKeys
	// fanOut makes the next mapping decoded (the root, see Parse) decode the values of its
	// keys at the same time, each with a decoder of its own (see decodeFields).
	fanOut bool
}

type allowedKeys struct {
	keys   []string
	detail string
}

type scalarDecoder interface {
	decodeScalar(n *yaml.Node, pos diag.Pos) string
}

var (
	mapType   = reflect.TypeFor[StringMap]()
	claimType = reflect.TypeFor[ClaimMap]()
	posType   = reflect.TypeFor[diag.Pos]()
	keysType  = reflect.TypeFor[Keys]()
)

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// errorf records an error at n under code, a SPEC0xx code of the catalogue in package
// diag: every parse diagnostic has one.
func (d *decoder) errorf(code string, n *yaml.Node, detail, format string, args ...any) {
	d.diags = append(d.diags, diag.Diagnostic{
		Severity: diag.Error,
		Code:     code,
		Summary:  fmt.Sprintf(format, args...),
		Detail:   detail,
		Pos:      d.pos(n),
	})
}

// usable reports whether n can be decoded at all, reporting aliases, anchors and custom tags.
func (d *decoder) usable(n *yaml.Node, path string) bool {
	switch {
	case n.Kind == yaml.AliasNode:
		d.errorf("SPEC009", n, "Write the value out in full. Aliases are refused so that a small file cannot expand into a huge one, and so that every value a reviewer reads is where it applies.",
			"%s: YAML aliases (*%s) are not supported", path, n.Value)
		return false
	case n.Anchor != "":
		d.errorf("SPEC010", n, "Remove the anchor; aliases are not supported, so an anchor has no use.",
			"%s: YAML anchors (&%s) are not supported", path, n.Anchor)
		return false
	case n.Tag != "" && !strings.HasPrefix(n.Tag, "!!") && n.Style&yaml.TaggedStyle != 0:
		d.errorf("SPEC011", n, "Remove the tag; the spec uses plain YAML values only.", "%s: custom YAML tag %s is not supported", path, n.Tag)
		return false
	}
	return true
}

// value decodes n into v, which must be addressable. path names the value in messages,
// for example "repositories[2].upstreams[0]".
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if !d.usable(n, path) {
		return
	}
	if sd, ok := v.Addr().Interface().(scalarDecoder); ok {
		if n.Kind != yaml.ScalarNode {
			d.errorf("SPEC012", n, "", "%s: expected a single value, found %s", path, describeNode(n))
			return
		}
		if problem := sd.decodeScalar(n, d.pos(n)); problem != "" {
			problem, detail, _ := strings.Cut(problem, "\n")
			d.errorf("SPEC013", n, detail, "%s: %s", path, problem)
		}
		return
	}
	switch {
	case v.Type() == mapType:
		d.stringMap(n, v.Addr().Interface().(*StringMap), path)
	case v.Type() == claimType:
		d.claimMap(n, v.Addr().Interface().(*ClaimMap), path)
	case v.Kind() == reflect.Struct:
		d.structure(n, v, path)
	case v.Kind() == reflect.Slice:
		d.list(n, v, path)
	default:
		panic(fmt.Sprintf("spec: no decoder for %s", v.Type()))
	}
}

// MaxListItems is the most items a list of the spec may hold. It keeps a hostile file from
// producing millions of diagnostics; every real list is far shorter (upstreams: 10).
const MaxListItems = 10000

func (d *decoder) list(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf("SPEC014", n, "Write a YAML list, for example [a, b] or one \"- item\" per line.", "%s: expected a list, found %s", path, describeNode(n))
		return
	}
	if len(n.Content) > MaxListItems {
		d.errorf("SPEC015", n, fmt.Sprintf("codeartifact-gen reads lists of up to %d items; split the spec.", MaxListItems), "%s: the list has %d items", path, len(n.Content))
		return
	}
	v.Set(reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content)))
	for i, item := range n.Content {
		d.value(item, v.Index(i), path+"["+strconv.Itoa(i)+"]")
	}
}

// structField is one key a struct accepts.
type structField struct {
	key      string
	index    int
	required bool
}

// typeFields is what fieldsOf returns for one struct type.
type typeFields struct {
	fields              []structField
	posIndex, keysIndex int
}

// fieldCache holds fieldsOf's result per type: a spec of thousands of items decodes the
// same few struct types thousands of times.
var fieldCache sync.Map // reflect.Type → typeFields

// fieldsOf returns the keys struct type t accepts, and the indexes of its Pos and Keys
// fields (-1 when absent). The slice is shared: callers must not modify it.
func fieldsOf(t reflect.Type) (fields []structField, posIndex, keysIndex int) {
	if c, ok := fieldCache.Load(t); ok {
		tf := c.(typeFields)
		return tf.fields, tf.posIndex, tf.keysIndex
	}
	fields, posIndex, keysIndex = scanFields(t)
	fieldCache.Store(t, typeFields{fields, posIndex, keysIndex})
	return fields, posIndex, keysIndex
}

func scanFields(t reflect.Type) (fields []structField, posIndex, keysIndex int) {
	posIndex, keysIndex = -1, -1
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		switch {
		case f.Name == "Pos" && f.Type == posType:
			posIndex = i
		case f.Type == keysType:
			keysIndex = i
		}
		if tag == "" || tag == "-" {
			continue
		}
		key, opt, _ := strings.Cut(tag, ",")
		fields = append(fields, structField{key: key, index: i, required: opt == "required"})
	}
	return fields, posIndex, keysIndex
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf("SPEC016", n, "", "%s: expected a mapping of keys to values, found %s", describePath(path), describeNode(n))
		return
	}
	fields, posIndex, keysIndex := fieldsOf(v.Type())
	if posIndex >= 0 {
		v.Field(posIndex).Set(reflect.ValueOf(d.pos(n)))
	}
	// keys lists the known keys written (and finds their duplicates); unknown ones are
	// remembered apart, in a map made only when there is one (there may be thousands).
	keys := make(Keys, 0, min(len(n.Content)/2, len(fields)))
	var unknown map[string]*yaml.Node
	fanOut := d.fanOut
	d.fanOut = false
	var later []fieldValue
	for i := 0; i+1 < len(n.Content); i += 2 {
		keyNode, valueNode := n.Content[i], n.Content[i+1]
		key, ok := d.keyText(keyNode, path)
		if !ok {
			continue
		}
		j := slices.IndexFunc(fields, func(f structField) bool { return f.key == key })
		if j < 0 {
			if unknown == nil {
				unknown = map[string]*yaml.Node{}
			}
			if first, dup := unknown[key]; dup {
				d.duplicateKey(keyNode, d.pos(first), path)
			} else {
				unknown[key] = keyNode
				d.unknownKey(keyNode, key, path, fields)
			}
			continue
		}
		if first := keys.index(key); first >= 0 {
			d.duplicateKey(keyNode, keys[first].Pos, path)
			continue
		}
		keys = append(keys, KeyPos{key, d.pos(keyNode)})
		if fanOut {
			later = append(later, fieldValue{valueNode, v.Field(fields[j].index), join(path, key)})
			continue
		}
		d.value(valueNode, v.Field(fields[j].index), join(path, key))
	}
	d.decodeFields(later)
	if keysIndex >= 0 {
		v.Field(keysIndex).Set(reflect.ValueOf(keys))
	}
	for _, f := range fields {
		if f.required && keys.index(f.key) < 0 {
			d.errorf("SPEC017", n, "Add the key "+f.key+"; it has no default.", "%s: missing required key %q", describePath(path), f.key)
		}
	}
}

// fieldValue is the value of one key of a mapping, to decode into field.
type fieldValue struct {
	node  *yaml.Node
	field reflect.Value
	path  string
}

// decodeFields decodes each value into its field at the same time (par.Do), each with a
// decoder of its own, and appends their diagnostics in the order of the values. The
// fields are distinct, so no two goroutines write the same memory; Parse sorts the
// diagnostics, so they come out as when the values were decoded one after another.
func (d *decoder) decodeFields(values []fieldValue) {
	subs := make([]decoder, len(values))
	jobs := make([]func(), len(values))
	for i, fv := range values {
		subs[i].file = d.file
		jobs[i] = func() { subs[i].value(fv.node, fv.field, fv.path) }
	}
	par.Do(jobs...)
	for i := range subs {
		d.diags = append(d.diags, subs[i].diags...)
	}
}

// key checks one mapping key: a plain string (keyText), not seen before in this mapping.
func (d *decoder) key(k *yaml.Node, path string, seen map[string]*yaml.Node) (string, bool) {
	key, ok := d.keyText(k, path)
	if !ok {
		return "", false
	}
	if first, dup := seen[key]; dup {
		d.duplicateKey(k, d.pos(first), path)
		return "", false
	}
	seen[key] = k
	return key, true
}

// keyText returns the text of a mapping key, or reports why it is not a plain string.
func (d *decoder) keyText(k *yaml.Node, path string) (string, bool) {
	if !d.usable(k, path) {
		return "", false
	}
	if k.ShortTag() == "!!merge" {
		d.errorf("SPEC018", k, "Write the keys out in full. Merge keys (<<) copy keys from an anchor, and anchors and aliases are not supported.", "%s: merge keys (<<) are not supported", describePath(path))
		return "", false
	}
	if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
		d.errorf("SPEC019", k, "Keys are plain words such as name or format.", "%s: expected a key, found %s", describePath(path), describeNode(k))
		return "", false
	}
	return k.Value, true
}

// duplicateKey reports k, a key first written at first.
func (d *decoder) duplicateKey(k *yaml.Node, first diag.Pos, path string) {
	d.errorf("SPEC020", k, fmt.Sprintf("The key is first set at line %d, column %d. YAML keeps only one of them, so remove one.", first.Line, first.Col),
		"%s: duplicate key %q", describePath(path), k.Value)
}

func (d *decoder) unknownKey(k *yaml.Node, key, path string, fields []structField) {
	if detail, known := knownMistakes()[key]; known {
		d.errorf("SPEC021", k, detail, "%s: %q is not supported", describePath(path), key)
		return
	}
	if d.allowed == nil {
		d.allowed = map[*structField]allowedKeys{}
	}
	var a allowedKeys
	seen := false
	if len(fields) > 0 {
		a, seen = d.allowed[&fields[0]] // a mapping of thousands of unknown keys builds it once
	}
	if !seen {
		a.keys = make([]string, len(fields))
		for i, f := range fields {
			a.keys[i] = f.key
		}
		a.detail = "Allowed keys here: " + strings.Join(a.keys, ", ") + "."
		if len(fields) > 0 {
			d.allowed[&fields[0]] = a
		}
	}
	allowed, detail := a.keys, a.detail
	if s := closest(key, allowed); s != "" {
		detail = fmt.Sprintf("Did you mean %q? %s", s, detail)
	}
	d.errorf("SPEC022", k, detail, "%s: unknown key %q", describePath(path), key)
}

// knownMistakes explains keys people reasonably expect but that cannot exist.
const noRetention = "AWS CodeArtifact has no retention or lifecycle policy: neither the API nor the AWS CLI can set one. Remove the key; clean up old package versions with a scheduled job that calls DeletePackageVersions or DisposePackageVersions."

var knownMistakes = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"retention":                noRetention,
		"retention_policy":         noRetention,
		"package_retention_policy": noRetention,
		"lifecycle_policy":         noRetention,
		"external_connections":     "A repository has at most one external connection (an AWS limit). Use external_connection with one name, and give other public registries repositories of their own.",
		"managed_policy_arns":      "Attach policies by name with policies: [...]; codeartifact-gen renders aws_iam_role_policy_attachment resources, never the deprecated managed_policy_arns.",
		"inline_policy":            "Roles get managed policies only: define the policy under policies and attach it by name.",
	}
})

// pairs calls each for every key of the mapping n that is a usable, unique string.
func (d *decoder) pairs(n *yaml.Node, path string, each func(key String, value *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.errorf("SPEC016", n, "Write one \"key: value\" per line, indented under the key.", "%s: expected a mapping of keys to values, found %s", path, describeNode(n))
		return
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		keyNode, valueNode := n.Content[i], n.Content[i+1]
		if key, ok := d.key(keyNode, path, seen); ok {
			each(String{Value: key, Pos: d.pos(keyNode), Set: true}, valueNode)
		}
	}
}

func (d *decoder) stringMap(n *yaml.Node, m *StringMap, path string) {
	m.Pos = d.pos(n)
	d.pairs(n, path, func(key String, value *yaml.Node) {
		e := Entry{Key: key}
		d.value(value, reflect.ValueOf(&e.Value).Elem(), join(path, key.Value))
		m.Entries = append(m.Entries, e)
	})
}

// claimMap accepts one value or a list of values per claim.
func (d *decoder) claimMap(n *yaml.Node, m *ClaimMap, path string) {
	m.Pos = d.pos(n)
	d.pairs(n, path, func(key String, value *yaml.Node) {
		e := ClaimEntry{Key: key}
		if value.Kind == yaml.SequenceNode {
			d.value(value, reflect.ValueOf(&e.Values).Elem(), join(path, key.Value))
		} else {
			e.Values = make([]String, 1)
			d.value(value, reflect.ValueOf(&e.Values[0]).Elem(), join(path, key.Value))
		}
		m.Entries = append(m.Entries, e)
	})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describePath(path string) string {
	if path == "" {
		return "spec"
	}
	return path
}

// closest returns the candidate nearest to s by edit distance, if it is near enough to be
// a likely typo, or "".
func closest(s string, candidates []string) string {
	best, bestDist := "", len(s)/3+2
	for _, c := range candidates {
		if abs(len(s)-len(c)) >= bestDist {
			continue // the distance is at least the difference in length
		}
		if dist, ok := diag.EditDistanceWithin(s, c, bestDist-1); ok {
			best, bestDist = c, dist
		}
	}
	return best
}

func abs(n int) int { return max(n, -n) }
